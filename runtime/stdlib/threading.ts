// threading: Thread runs its target on a worker thread with the same start payload as a Process (its
// arguments may hold shared objects such as an mp.Queue); locks and events are the shared-memory ones.

import { Process, type ProcessOptions } from "../multiprocessing/process.js";
import { identity } from "../multiprocessing/state.js";
import { registerShared, type SharedHandle } from "../multiprocessing/handles.js";
import * as mp from "../multiprocessing/synchronize.js";

let threadCounter = 0;

export class Thread extends Process {
  constructor(opts: ProcessOptions = {}) {
    // CPython 3.10+: "Thread-1 (target)"; only unnamed threads take a number.
    const name = opts.name ?? `Thread-${++threadCounter}${opts.target ? ` (${opts.target.name})` : ""}`;
    super({ ...opts, name });
  }
  protected override kindName(): string {
    return "Thread";
  }
  getName(): string {
    return this.name;
  }
}

export function current_thread(): { name: string } {
  return { name: identity.current.kind === "thread" ? identity.current.name : "MainThread" };
}

export { Lock, RLock, Event, Condition, Semaphore, Barrier, BrokenBarrierError } from "../multiprocessing/synchronize.js";

export class BoundedSemaphore extends mp.BoundedSemaphore {
  protected override overReleaseMessage = "Semaphore released too many times";
  override __shared__(): SharedHandle {
    return { ...super.__shared__(), kind: "threading.BoundedSemaphore" };
  }
}

registerShared("threading.BoundedSemaphore", (h) => new BoundedSemaphore(0, new Int32Array(h.buffers[0]!)));
