// os → py2ts-mp/runtime/os: process ids, cpu_count, environment, os.path.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const pid = () => T.int(0, 2 ** 31);

export const os: ModuleTable = {
  python: "os",
  runtime: "py2ts-mp/runtime/os",
  names: {
    getpid: { kind: "call", ts: "getpid", params: [], result: pid },
    getppid: { kind: "call", ts: "getppid", params: [], result: pid },
    cpu_count: { kind: "call", ts: "cpu_count", params: [], result: () => T.int(1, 4096) },
    sep: { kind: "attr", ts: "sep", params: [], result: () => T.str },
    linesep: { kind: "attr", ts: "linesep", params: [], result: () => T.str },
  },
  classes: {},
  members: {},
  submodules: ["os.path"],
};
