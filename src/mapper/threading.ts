// threading → py2ts-mp/runtime/threading: Thread runs its target on a worker thread; locks are shared memory.

import { T, type PyType } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const argsOf = (t: PyType | undefined): PyType[] => (t?.k === "tuple" ? [...t.elts] : []);
const none = () => T.none;

export const threading: ModuleTable = {
  python: "threading",
  runtime: "py2ts-mp/runtime/threading",
  names: {
    Thread: {
      kind: "new",
      ts: "Thread",
      params: ["group", "target", "name", "args", "kwargs", "*", "daemon"],
      positional: 0,
      argLists: ["args"],
      result: () => T.object("Thread"),
      flows: (a) => [["target", argsOf(a.get("args"))]],
    },
    Lock: { kind: "new", ts: "Lock", params: [], result: () => T.object("Lock") },
    RLock: { kind: "new", ts: "RLock", params: [], result: () => T.object("RLock") },
    Event: { kind: "new", ts: "Event", params: [], result: () => T.object("Event") },
    current_thread: { kind: "call", ts: "current_thread", params: [], result: () => T.object("Thread") },
    Semaphore: { kind: "new", ts: "Semaphore", params: ["value"], result: () => T.object("Semaphore") },
    BoundedSemaphore: { kind: "new", ts: "BoundedSemaphore", params: ["value"], result: () => T.object("BoundedSemaphore") },
    BrokenBarrierError: { kind: "new", ts: "BrokenBarrierError", params: ["*args"], result: () => T.object("Exception") },
    Condition: { kind: "new", ts: "Condition", params: ["lock"], result: () => T.object("Condition") },
    Barrier: { kind: "new", ts: "Barrier", params: ["parties", "action", "timeout"], result: () => T.object("Barrier") },
  },
  classes: { Thread: { ts: "Thread" } },
  members: {
    "Thread.start": { kind: "method", ts: "start", params: [], result: none },
    "Thread.join": { kind: "method", ts: "join", params: ["timeout"], result: none },
    "Thread.is_alive": { kind: "method", ts: "is_alive", params: [], result: () => T.bool },
    "Thread.name": { kind: "attr", ts: "name", params: [], result: () => T.str },
    "Thread.daemon": { kind: "attr", ts: "daemon", params: [], result: () => T.bool },
    "Thread.ident": { kind: "attr", ts: "ident", params: [], result: () => T.int(0, 2 ** 31) },
  },
};
