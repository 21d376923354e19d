// Hard deaths. A worker reports its exit in its control block from its own code (a finally, an 'exit'
// handler); a worker thread that dies without running any of it (out of memory, its handlers removed)
// would leave a parent blocked in join(), Pool.map or get() forever, and the parent's event loop, where
// Node reports a worker's exit, does not run while it blocks. So each worker holds one end of a
// MessagePort, its lifeline; the other end belongs to a monitor thread that never blocks, sees the port
// close when the worker thread ends, and marks the worker Exited (exit code -9) if it had not said so.
//
// The monitor is a worker thread too, and its boot costs as much CPU as a worker's: it starts only once
// the main thread has waited on workers for MONITOR_AFTER_MS (join, a pool waiting for results, a spare
// slow to boot), or asks whether one is alive that long after the first run. A short program never pays
// for it; a long wait notices a hard death that much later. Until then what it is to watch is held.

import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

const ENTRY = new URL("./monitor-thread.js", import.meta.url);
const MONITOR_AFTER_MS = 100;

interface Watched {
  readonly id: number;
  readonly control: SharedArrayBuffer;
  readonly lifeline?: MessagePort;
}

let monitor: Worker | undefined;
let lastId = 0;
/** Lifelines and runs' control blocks held until the monitor starts. */
const held: Watched[] = [];
/** How long the main thread has waited on workers with no monitor running. */
let waitedMs = 0;
let firstRunAt: number | undefined;

/**
 * A new worker's lifeline (pass it in workerData, and in its transferList) and its id for later runs. A
 * warm spare (`spare`) has no run yet; any other worker starts one.
 */
export function watch(control: SharedArrayBuffer, spare = false): { id: number; lifeline: MessagePort } {
  if (!spare) firstRunAt ??= performance.now();
  const { port1, port2 } = new MessageChannel();
  const id = ++lastId;
  send({ id, control, lifeline: port1 });
  return { id, lifeline: port2 };
}

/** A warm spare starts a run with a fresh control block: watch that one too. */
export function watchRun(id: number, control: SharedArrayBuffer): void {
  firstRunAt ??= performance.now();
  send({ id, control });
}

/**
 * Atomics.wait on a worker's control block by a thread that must notice the worker's hard death. With no
 * monitor running it waits at most what is left of MONITOR_AFTER_MS, then starts the monitor: callers
 * wait in a loop that checks the block again.
 */
export function waitOnWorker(cells: Int32Array, index: number, value: number, ms: number): void {
  if (monitor) {
    Atomics.wait(cells, index, value, ms);
    return;
  }
  const started = performance.now();
  Atomics.wait(cells, index, value, Math.max(0, Math.min(ms, MONITOR_AFTER_MS - waitedMs)));
  waitedOnWorkers(performance.now() - started);
}

/** A wait on workers made elsewhere (a pool's wait for results that timed out) counts as well. */
export function waitedOnWorkers(ms: number): void {
  if (monitor) return;
  waitedMs += ms;
  if (waitedMs >= MONITOR_AFTER_MS) startMonitor();
}

/** Asking whether a worker is alive, that long after the first run, needs the monitor's answer. */
export function monitorDue(): void {
  if (!monitor && firstRunAt !== undefined && performance.now() - firstRunAt >= MONITOR_AFTER_MS) startMonitor();
}

/** Starts the monitor now: to learn whether a spare that is slow to become ready is gone. */
export function startMonitor(): void {
  if (monitor) return;
  monitor = new Worker(ENTRY);
  monitor.unref();
  for (const watched of held.splice(0)) send(watched);
}

// A held lifeline whose thread is gone still transfers, and closes in the monitor: what would detach it
// is the main thread's event loop, which does not run while the program's main code does.
function send(watched: Watched): void {
  if (!monitor) held.push(watched);
  else monitor.postMessage(watched, watched.lifeline ? [watched.lifeline] : []);
}
