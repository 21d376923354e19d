// queue → py2ts-mp/runtime/queue: the thread-level queues (joinable: task_done/join) and the Empty/Full exceptions.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

export const queue: ModuleTable = {
  python: "queue",
  runtime: "py2ts-mp/runtime/queue",
  names: {
    Queue: { kind: "new", ts: "Queue", params: ["maxsize"], result: () => T.object("JoinableQueue") },
    LifoQueue: { kind: "new", ts: "LifoQueue", params: ["maxsize"], result: () => T.object("JoinableQueue") },
    PriorityQueue: { kind: "new", ts: "PriorityQueue", params: ["maxsize"], result: () => T.object("JoinableQueue") },
    Empty: { kind: "new", ts: "Empty", params: ["*args"], result: () => T.object("Exception") },
    Full: { kind: "new", ts: "Full", params: ["*args"], result: () => T.object("Exception") },
  },
  classes: {},
  members: {},
};
