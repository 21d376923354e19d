// time → py2ts-mp/runtime/time: sleeping blocks the calling thread (Atomics.wait), clocks return floats;
// localtime/gmtime give struct_time (a 9-tuple with named fields), strftime formats one.

import { T, type PyType } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const float = () => T.float;
/** A 9-tuple of ints whose fields also have names (tm_year, …): its type is the tuple's. */
const structTime = () => T.tuple(Array<PyType>(9).fill(T.int()));

export const time: ModuleTable = {
  python: "time",
  runtime: "py2ts-mp/runtime/time",
  names: {
    sleep: { kind: "call", ts: "sleep", params: ["secs"], result: () => T.none },
    time: { kind: "call", ts: "time", params: [], result: float },
    perf_counter: { kind: "call", ts: "perf_counter", params: [], result: float },
    monotonic: { kind: "call", ts: "monotonic", params: [], result: float },
    process_time: { kind: "call", ts: "process_time", params: [], result: float },
    localtime: { kind: "call", ts: "localtime", params: ["secs"], result: structTime },
    gmtime: { kind: "call", ts: "gmtime", params: ["secs"], result: structTime },
    mktime: { kind: "call", ts: "mktime", params: ["t"], result: float },
    strftime: { kind: "call", ts: "strftime", params: ["format", "t"], result: () => T.str },
  },
  classes: {},
  members: {},
};
