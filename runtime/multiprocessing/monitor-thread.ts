// The monitor thread (see monitor.ts): never blocks, so its event loop sees a worker's lifeline close the
// moment the worker thread is gone, and marks that worker's control blocks Exited.

import { parentPort, type MessagePort } from "node:worker_threads";
import { EXITCODE, STATE, WorkerState } from "./protocol.js";

/** The exit code of a worker that died without reporting one: as a child the kernel killed (SIGKILL). */
const KILLED = -9;

/** Per worker: its standby control block (a warm spare's) or only one, then the blocks of its runs. */
const controls = new Map<number, Int32Array[]>();

function markDead(c: Int32Array): void {
  if (Atomics.load(c, STATE) === WorkerState.Exited) return;
  Atomics.store(c, EXITCODE, KILLED);
  Atomics.store(c, STATE, WorkerState.Exited);
  Atomics.notify(c, STATE);
}

parentPort!.on("message", (m: { id: number; control: SharedArrayBuffer; lifeline?: MessagePort }) => {
  const list = controls.get(m.id) ?? [];
  // Runs that ended normally need no watching (the first block stays: a spare's standby block).
  controls.set(m.id, [...list.filter((c, i) => i === 0 || Atomics.load(c, STATE) !== WorkerState.Exited), new Int32Array(m.control)]);
  if (!m.lifeline) return;
  m.lifeline.on("close", () => {
    for (const c of controls.get(m.id) ?? []) markDead(c);
    controls.delete(m.id);
  });
  m.lifeline.start();
});
