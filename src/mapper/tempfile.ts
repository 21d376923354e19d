// tempfile → py2ts-mp/runtime/tempfile: `with TemporaryDirectory() as d` binds the directory's name (a str);
// NamedTemporaryFile is a file object like open()'s (binary unless its mode literal says text).

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";
import { fileType } from "./io.js";

const names = ["suffix", "prefix", "dir"];

export const tempfile: ModuleTable = {
  python: "tempfile",
  runtime: "py2ts-mp/runtime/tempfile",
  names: {
    gettempdir: { kind: "call", ts: "gettempdir", params: [], result: () => T.str },
    mkdtemp: { kind: "call", ts: "mkdtemp", params: names, result: () => T.str },
    mkstemp: { kind: "call", ts: "mkstemp", params: names, result: () => T.tuple([T.int(0, 2 ** 31), T.str]) },
    TemporaryDirectory: {
      kind: "new",
      ts: "TemporaryDirectory",
      params: [...names, "ignore_cleanup_errors"],
      positional: 3,
      result: () => T.object("TemporaryDirectory"),
    },
    NamedTemporaryFile: {
      kind: "call",
      ts: "NamedTemporaryFile",
      params: ["mode", "buffering", "encoding", "newline", ...names, "delete"],
      positional: 1,
      result: (a) => fileType(a.literal("mode") ?? "w+b"),
      check: (a) => (a.get("mode") && typeof a.literal("mode") !== "string" ? { param: "mode", message: "the mode must be a string literal (it decides whether the file reads str or bytes)", regex: false } : undefined),
    },
  },
  classes: { TemporaryDirectory: { ts: "TemporaryDirectory", enters: T.str } },
  members: {
    "TemporaryDirectory.name": { kind: "attr", ts: "name", params: [], result: () => T.str },
    "TemporaryDirectory.cleanup": { kind: "method", ts: "cleanup", params: [], result: () => T.none },
  },
};
