// Hard deaths. A worker reports its exit in its control block from its own code (a finally, an 'exit'
// handler); a worker thread that dies without running any of it (out of memory, its handlers removed)
// would leave a parent blocked in join(), Pool.map or get() forever, and the parent's event loop, where
// Node reports a worker's exit, does not run while it blocks. So each worker holds one end of a
// MessagePort, its lifeline; the other end belongs to a monitor thread that never blocks, sees the port
// close when the worker thread ends, and marks the worker Exited (exit code -9) if it had not said so.

import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

const ENTRY = new URL("./monitor-thread.js", import.meta.url);

let monitor: Worker | undefined;
let lastId = 0;

/** A new worker's lifeline (pass it in workerData, and in its transferList) and its id for later runs. */
export function watch(control: SharedArrayBuffer): { id: number; lifeline: MessagePort } {
  if (!monitor) {
    monitor = new Worker(ENTRY);
    monitor.unref();
  }
  const { port1, port2 } = new MessageChannel();
  const id = ++lastId;
  monitor.postMessage({ id, control, lifeline: port1 }, [port1]);
  return { id, lifeline: port2 };
}

/** A warm spare starts a run with a fresh control block: watch that one too. */
export function watchRun(id: number, control: SharedArrayBuffer): void {
  monitor!.postMessage({ id, control });
}
