// glob and fnmatch → py2ts-mp/runtime/glob, py2ts-mp/runtime/fnmatch.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const options = ["*", "root_dir", "recursive", "include_hidden"];

export const glob: ModuleTable = {
  python: "glob",
  runtime: "py2ts-mp/runtime/glob",
  names: {
    glob: { kind: "call", ts: "glob", params: ["pathname", ...options], positional: 1, result: () => T.list(T.str) },
    iglob: { kind: "call", ts: "iglob", params: ["pathname", ...options], positional: 1, result: () => T.object("Iterator", undefined, T.str) },
    escape: { kind: "call", ts: "escape", params: ["pathname"], result: () => T.str },
    has_magic: { kind: "call", ts: "has_magic", params: ["s"], result: () => T.bool },
  },
  classes: {},
  members: {},
};

export const fnmatch: ModuleTable = {
  python: "fnmatch",
  runtime: "py2ts-mp/runtime/fnmatch",
  names: {
    fnmatch: { kind: "call", ts: "fnmatch", params: ["name", "pat"], result: () => T.bool },
    fnmatchcase: { kind: "call", ts: "fnmatchcase", params: ["name", "pat"], result: () => T.bool },
    filter: { kind: "call", ts: "filter", params: ["names", "pat"], result: () => T.list(T.str) },
  },
  classes: {},
  members: {},
};
