// concurrent.futures → py2ts-mp/runtime/concurrent_futures: executors on the runtime's Pool, Future,
// as_completed and wait.

import { T, iterElement, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const none = () => T.none;
const future = (elt: PyType): PyType => T.object("Future", undefined, elt);
const eltOf = (a: ArgTypes) => {
  const self = a.get("self");
  return self?.k === "object" && self.elt ? self.elt : T.unknown;
};
const executor = (ts: string, cls: string): ApiRow => ({
  kind: "new",
  ts,
  params: ["max_workers", "mp_context", "initializer", "initargs", "*", "max_tasks_per_child"],
  positional: 0,
  argLists: ["initargs"],
  result: () => T.object(cls),
});

export const concurrentFutures: ModuleTable = {
  python: "concurrent.futures",
  runtime: "py2ts-mp/runtime/concurrent_futures",
  names: {
    ProcessPoolExecutor: executor("ProcessPoolExecutor", "Executor"),
    // Its own class, so that the emitter can check what its tasks share with the main thread.
    ThreadPoolExecutor: { ...executor("ThreadPoolExecutor", "ThreadExecutor"), params: ["max_workers", "thread_name_prefix", "initializer", "initargs"] },
    as_completed: {
      kind: "call",
      ts: "as_completed",
      params: ["fs", "timeout"],
      result: (a) => T.object("Iterator", undefined, iterElement(a.get("fs") ?? T.unknown)),
    },
    wait: {
      kind: "call",
      ts: "wait",
      params: ["fs", "timeout", "return_when"],
      result: (a) => {
        const f = iterElement(a.get("fs") ?? T.unknown);
        return T.tuple([T.set(f), T.set(f)]);
      },
    },
    FIRST_COMPLETED: { kind: "attr", ts: "FIRST_COMPLETED", params: [], result: () => T.str },
    FIRST_EXCEPTION: { kind: "attr", ts: "FIRST_EXCEPTION", params: [], result: () => T.str },
    ALL_COMPLETED: { kind: "attr", ts: "ALL_COMPLETED", params: [], result: () => T.str },
  },
  classes: {
    Executor: { ts: "ProcessPoolExecutor", enterReturnsSelf: true },
    ThreadExecutor: { ts: "ThreadPoolExecutor", enterReturnsSelf: true },
    Future: { ts: "Future", generic: true },
  },
  members: {
    ...executorMembers("Executor"),
    ...executorMembers("ThreadExecutor"),
    "Future.result": { kind: "method", ts: "result", params: ["timeout"], result: eltOf },
    "Future.exception": { kind: "method", ts: "exception", params: ["timeout"], result: () => T.object("Exception") },
    "Future.done": { kind: "method", ts: "done", params: [], result: () => T.bool },
    "Future.running": { kind: "method", ts: "running", params: [], result: () => T.bool },
    "Future.cancel": { kind: "method", ts: "cancel", params: [], result: () => T.bool },
    "Future.cancelled": { kind: "method", ts: "cancelled", params: [], result: () => T.bool },
    "Future.add_done_callback": { kind: "method", ts: "add_done_callback", params: ["fn"], result: none },
  },
};

/** submit, map and shutdown, the same rows for both executors. */
function executorMembers(cls: string): Record<string, ApiRow> {
  return {
    [`${cls}.submit`]: {
      kind: "method",
      ts: "submit",
      params: ["fn", "*args"],
      result: (a) => future(a.returnOf("fn") ?? T.unknown),
      flows: (a) => [["fn", (() => { const t = a.get("*args"); return t?.k === "tuple" ? [...t.elts] : t ? [t] : []; })()]],
    },
    [`${cls}.map`]: {
      kind: "method",
      ts: "map",
      params: ["fn", "*iterables", "timeout", "chunksize"],
      result: (a) => T.object("Iterator", undefined, a.returnOf("fn") ?? T.unknown),
      flows: (a) => [["fn", (() => { const t = a.get("*iterables"); return t?.k === "tuple" ? t.elts.map(iterElement) : t ? [iterElement(t)] : []; })()]],
    },
    [`${cls}.shutdown`]: { kind: "method", ts: "shutdown", params: ["wait"], result: none },
  };
}
