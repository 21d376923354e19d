// time → py2ts-mp/runtime/time: sleeping blocks the calling thread (Atomics.wait), clocks return floats.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const float = () => T.float;

export const time: ModuleTable = {
  python: "time",
  runtime: "py2ts-mp/runtime/time",
  names: {
    sleep: { kind: "call", ts: "sleep", params: ["secs"], result: () => T.none },
    time: { kind: "call", ts: "time", params: [], result: float },
    perf_counter: { kind: "call", ts: "perf_counter", params: [], result: float },
    monotonic: { kind: "call", ts: "monotonic", params: [], result: float },
    process_time: { kind: "call", ts: "process_time", params: [], result: float },
  },
  classes: {},
  members: {},
};
