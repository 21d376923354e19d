// queue: the thread-level Queue (threads run on workers, so it is the shared-memory queue, with
// task_done/join as Python's queue.Queue has them) and the Empty/Full exceptions.

import { registerShared, type SharedHandle } from "../multiprocessing/handles.js";
import { JoinableQueue } from "../multiprocessing/queues.js";

export { SimpleQueue } from "../multiprocessing/queues.js";
export { Empty, Full } from "../multiprocessing/queue-errors.js";

export class Queue<T = unknown> extends JoinableQueue<T> {
  override __shared__(): SharedHandle {
    return { ...super.__shared__(), kind: "queue.Queue" };
  }
  override __repr__(): string {
    return "<queue.Queue object>";
  }
}

registerShared("queue.Queue", (h) => new Queue(0, h.buffers[0]));
