// json → py2ts-mp/runtime/json: dumps/dump with CPython's exact output, loads/load to dicts, lists and exact
// ints. What loads returns is only known at run time, so its static type is unknown.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

/** dumps' keyword-only options (`default` and `cls` are not supported: a call passing them is an error). */
const options = ["*", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "indent", "separators", "sort_keys"];

export const json: ModuleTable = {
  python: "json",
  runtime: "py2ts-mp/runtime/json",
  names: {
    dumps: { kind: "call", ts: "dumps", params: ["obj", ...options], positional: 1, argLists: ["separators"], describes: "obj", result: () => T.str },
    dump: { kind: "call", ts: "dump", params: ["obj", "fp", ...options], positional: 2, argLists: ["separators"], describes: "obj", result: () => T.none },
    loads: { kind: "call", ts: "loads", params: ["s"], result: () => T.unknown },
    load: { kind: "call", ts: "load", params: ["fp"], result: () => T.unknown },
    JSONDecodeError: { kind: "new", ts: "JSONDecodeError", params: ["msg", "doc", "pos"], result: () => T.object("Exception") },
  },
  classes: {},
  members: {},
};
