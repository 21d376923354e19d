// Hard deaths. A worker reports its exit in its control block from its own code (a finally, an 'exit'
// handler); a worker thread that dies without running any of it (out of memory, its handlers removed)
// would leave a parent blocked in join(), Pool.map or get() forever, and the parent's event loop, where
// Node reports a worker's exit, does not run while it blocks. So each worker holds one end of a
// MessagePort, its lifeline; the other end belongs to a monitor thread that never blocks, sees the port
// close when the worker thread ends, and marks the worker Exited (exit code -9) if it had not said so.
//
// The monitor starts with the first run, not with the warm spares that boot when the program starts: its
// own boot would compete with theirs, which the main thread waits for, and a program may never run one.
// Until then only takeSpare waits on a spare, for it to become ready, and it starts the monitor
// (watchSpares) when a spare is slow to: one that died in its boot is then dropped at once.

import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

const ENTRY = new URL("./monitor-thread.js", import.meta.url);

interface Watched {
  readonly id: number;
  readonly control: SharedArrayBuffer;
  readonly lifeline: MessagePort;
}

let monitor: Worker | undefined;
let lastId = 0;
/** Spares' lifelines held until the monitor starts. */
const held: Watched[] = [];

/**
 * A new worker's lifeline (pass it in workerData, and in its transferList) and its id for later runs. A
 * warm spare's (`spare`) is held until the monitor starts: at the first run, on a spare (watchRun) or on a
 * worker of its own (a watch without `spare`), or when a spare is slow to become ready (watchSpares).
 */
export function watch(control: SharedArrayBuffer, spare = false): { id: number; lifeline: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const watched = { id: ++lastId, control, lifeline: port1 };
  if (spare && !monitor) held.push(watched);
  else handOver(watched);
  return { id: watched.id, lifeline: port2 };
}

/** A warm spare starts a run with a fresh control block: watch that one too. */
export function watchRun(id: number, control: SharedArrayBuffer): void {
  startMonitor().postMessage({ id, control });
}

/** Starts the monitor, if no run has yet, to learn whether a spare that is slow to become ready is gone. */
export function watchSpares(): void {
  startMonitor();
}

function startMonitor(): Worker {
  if (!monitor) {
    monitor = new Worker(ENTRY);
    monitor.unref();
    for (const watched of held.splice(0)) handOver(watched);
  }
  return monitor;
}

// A held lifeline whose thread is gone still transfers, and closes in the monitor: what would detach it
// is the main thread's event loop, which does not run while the program's main code does.
function handOver(watched: Watched): void {
  startMonitor().postMessage(watched, [watched.lifeline]);
}
