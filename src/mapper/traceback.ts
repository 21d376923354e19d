// traceback → py2ts-mp/runtime/traceback: printing and formatting the handled exception or a given one.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const none = () => T.none;
const lines = () => T.list(T.str);

export const traceback: ModuleTable = {
  python: "traceback",
  runtime: "py2ts-mp/runtime/traceback",
  names: {
    print_exc: { kind: "call", ts: "print_exc", params: ["limit", "file", "chain"], positional: 0, result: none, handledException: "handled" },
    format_exc: { kind: "call", ts: "format_exc", params: ["limit", "chain"], positional: 0, result: () => T.str, handledException: "handled" },
    print_exception: { kind: "call", ts: "print_exception", params: ["exc", "value", "tb", "limit", "file", "chain"], positional: 3, result: none },
    format_exception: { kind: "call", ts: "format_exception", params: ["exc", "value", "tb", "limit", "chain"], positional: 3, result: lines },
    format_exception_only: { kind: "call", ts: "format_exception_only", params: ["exc", "value"], result: lines },
  },
  classes: {},
  members: {},
};
