// sys → py2ts-mp/runtime/sys: argv, exit (raises SystemExit), the standard streams.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const none = () => T.none;

export const sys: ModuleTable = {
  python: "sys",
  runtime: "py2ts-mp/runtime/sys",
  names: {
    argv: { kind: "attr", ts: "argv", params: [], result: () => T.list(T.str) },
    exit: { kind: "call", ts: "exit", params: ["status"], result: none },
    stdout: { kind: "attr", ts: "stdout", params: [], result: () => T.object("TextIO") },
    stderr: { kind: "attr", ts: "stderr", params: [], result: () => T.object("TextIO") },
    maxsize: { kind: "attr", ts: "maxsize", params: [], result: () => T.int(2 ** 63 - 1, 2 ** 63 - 1) },
    platform: { kind: "attr", ts: "platform", params: [], result: () => T.str },
  },
  classes: { TextIO: { ts: "TextIO" } },
  members: {
    "TextIO.write": { kind: "method", ts: "write", params: ["s"], result: () => T.int(0, Number.MAX_SAFE_INTEGER) },
    "TextIO.flush": { kind: "method", ts: "flush", params: [], result: none },
  },
};
