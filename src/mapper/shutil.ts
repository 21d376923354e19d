// shutil → py2ts-mp/runtime/shutil: copies, moves and tree removal returning what CPython returns.

import { T, join } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const str = () => T.str;
const fn = (ts: string, params: string[], result: ApiRow["result"], positional?: number): ApiRow => ({ kind: "call", ts, params, result, positional });

export const shutil: ModuleTable = {
  python: "shutil",
  runtime: "py2ts-mp/runtime/shutil",
  names: {
    copyfile: fn("copyfile", ["src", "dst"], str),
    copy: fn("copy", ["src", "dst"], str),
    copy2: fn("copy2", ["src", "dst"], str),
    copymode: fn("copymode", ["src", "dst"], () => T.none),
    copystat: fn("copystat", ["src", "dst"], () => T.none),
    copytree: fn("copytree", ["src", "dst", "*", "dirs_exist_ok"], str, 2),
    rmtree: fn("rmtree", ["path", "ignore_errors"], () => T.none),
    move: fn("move", ["src", "dst"], str),
    which: fn("which", ["cmd", "mode", "path"], () => join(T.str, T.none)),
    Error: { kind: "new", ts: "Error", params: ["*args"], result: () => T.object("Exception") },
    SameFileError: { kind: "new", ts: "SameFileError", params: ["*args"], result: () => T.object("Exception") },
  },
  classes: {},
  members: {},
};
