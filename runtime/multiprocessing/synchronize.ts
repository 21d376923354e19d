// multiprocessing.synchronize: Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier —
// all in shared memory, so the same object works across worker threads ("processes") as after a fork.

import { AssertionError, RuntimeError, ValueError } from "../builtins/exceptions.js";
import { threadId } from "node:worker_threads";
import { cells, deadlineFor, mutexLock, mutexTryLock, mutexUnlock, remaining } from "./shm.js";
import { registerShared, type SharedHandle } from "./handles.js";

/** Common `with` support: __enter__ acquires, __exit__ / Symbol.dispose releases. */
abstract class Acquirable {
  abstract acquire(block?: boolean, timeout?: number | null): boolean;
  abstract release(): void;
  __enter__(): boolean {
    return this.acquire();
  }
  __exit__(): void {
    this.release();
  }
  [Symbol.dispose](): void {
    this.release();
  }
}

/** Layout: [0] mutex cell. */
export class Lock extends Acquirable {
  readonly cells: Int32Array;
  constructor(shared?: Int32Array) {
    super();
    this.cells = shared ?? cells(1);
  }
  acquire(block = true, timeout: number | null = null): boolean {
    if (!block) return mutexTryLock(this.cells, 0);
    return mutexLock(this.cells, 0, deadlineFor(timeout === -1 ? null : timeout));
  }
  release(): void {
    if (Atomics.load(this.cells, 0) === 0) throw new ValueError("semaphore or lock released too many times");
    mutexUnlock(this.cells, 0);
  }
  locked(): boolean {
    return Atomics.load(this.cells, 0) !== 0;
  }
  __shared__(): SharedHandle {
    return { kind: "Lock", buffers: [this.cells.buffer as SharedArrayBuffer], meta: [] };
  }
  __repr__(): string {
    return `<Lock(owner=${this.locked() ? "SomeOtherProcess" : "None"})>`;
  }
}

/** Which thread holds an RLock: the worker's threadId (0 in the main thread), plus one so 0 means none. */
const me = () => threadId + 1;

/** Layout: [0] mutex, [1] owner, [2] recursion count. */
export class RLock extends Acquirable {
  readonly cells: Int32Array;
  constructor(shared?: Int32Array) {
    super();
    this.cells = shared ?? cells(3);
  }
  acquire(block = true, timeout: number | null = null): boolean {
    if (Atomics.load(this.cells, 1) === me()) {
      this.cells[2]!++;
      return true;
    }
    const ok = block ? mutexLock(this.cells, 0, deadlineFor(timeout === -1 ? null : timeout)) : mutexTryLock(this.cells, 0);
    if (ok) {
      Atomics.store(this.cells, 1, me());
      this.cells[2] = 1;
    }
    return ok;
  }
  release(): void {
    if (Atomics.load(this.cells, 1) !== me()) throw new AssertionError("attempt to release recursive lock not owned by thread");
    if (--this.cells[2]! === 0) {
      Atomics.store(this.cells, 1, 0);
      mutexUnlock(this.cells, 0);
    }
  }
  /** Release completely (for Condition.wait), returning the recursion depth to restore. */
  releaseAll(): number {
    const depth = this.cells[2]!;
    this.cells[2] = 0;
    Atomics.store(this.cells, 1, 0);
    mutexUnlock(this.cells, 0);
    return depth;
  }
  restore(depth: number, deadline?: number): void {
    mutexLock(this.cells, 0, deadline);
    Atomics.store(this.cells, 1, me());
    this.cells[2] = depth;
  }
  isOwned(): boolean {
    return Atomics.load(this.cells, 1) === me();
  }
  __shared__(): SharedHandle {
    return { kind: "RLock", buffers: [this.cells.buffer as SharedArrayBuffer], meta: [] };
  }
}

/** Layout: [0] mutex, [1] value, [2] change sequence (waiters sleep on it), [3] initial value (bounded). */
export class Semaphore extends Acquirable {
  readonly cells: Int32Array;
  protected readonly bounded: boolean = false;
  constructor(value = 1, shared?: Int32Array) {
    super();
    if (value < 0) throw new ValueError("semaphore initial value must be >= 0");
    this.cells = shared ?? cells(4);
    if (!shared) {
      this.cells[1] = value;
      this.cells[3] = value;
    }
  }
  acquire(block = true, timeout: number | null = null): boolean {
    const deadline = deadlineFor(timeout);
    for (;;) {
      const seq = Atomics.load(this.cells, 2);
      const v = Atomics.load(this.cells, 1);
      if (v > 0 && Atomics.compareExchange(this.cells, 1, v, v - 1) === v) return true;
      if (v > 0) continue;
      if (!block) return false;
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) return false;
      Atomics.wait(this.cells, 2, seq, ms ?? Infinity);
    }
  }
  /** What a bounded semaphore raises when released past its initial value (threading words it differently). */
  protected overReleaseMessage = "semaphore or lock released too many times";
  release(n = 1): void {
    for (let i = 0; i < n; i++) {
      if (!this.bounded) {
        Atomics.add(this.cells, 1, 1);
        continue;
      }
      // Check and increment as one step, so that two releases racing past the bound cannot both succeed.
      for (;;) {
        const v = Atomics.load(this.cells, 1);
        if (v >= this.cells[3]!) throw new ValueError(this.overReleaseMessage);
        if (Atomics.compareExchange(this.cells, 1, v, v + 1) === v) break;
      }
    }
    Atomics.add(this.cells, 2, 1);
    Atomics.notify(this.cells, 2);
  }
  get_value(): number {
    return Atomics.load(this.cells, 1);
  }
  __shared__(): SharedHandle {
    return { kind: this.bounded ? "BoundedSemaphore" : "Semaphore", buffers: [this.cells.buffer as SharedArrayBuffer], meta: [] };
  }
}

export class BoundedSemaphore extends Semaphore {
  protected override readonly bounded = true;
}

/** Layout: [0] flag, [1] sequence. */
export class Event {
  readonly cells: Int32Array;
  constructor(shared?: Int32Array) {
    this.cells = shared ?? cells(2);
  }
  is_set(): boolean {
    return Atomics.load(this.cells, 0) === 1;
  }
  set(): void {
    Atomics.store(this.cells, 0, 1);
    Atomics.add(this.cells, 1, 1);
    Atomics.notify(this.cells, 1);
  }
  clear(): void {
    Atomics.store(this.cells, 0, 0);
  }
  wait(timeout: number | null = null): boolean {
    const deadline = deadlineFor(timeout);
    for (;;) {
      const seq = Atomics.load(this.cells, 1);
      if (this.is_set()) return true;
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) return false;
      Atomics.wait(this.cells, 1, seq, ms ?? Infinity);
    }
  }
  __shared__(): SharedHandle {
    return { kind: "Event", buffers: [this.cells.buffer as SharedArrayBuffer], meta: [] };
  }
}

/** A condition variable over an RLock (the default, as in CPython) or a Lock. Layout: [0] notify sequence. */
export class Condition extends Acquirable {
  readonly lock: RLock | Lock;
  readonly cells: Int32Array;
  constructor(lock?: RLock | Lock | null, shared?: Int32Array) {
    super();
    this.lock = lock ?? new RLock();
    this.cells = shared ?? cells(1);
  }
  acquire(block = true, timeout: number | null = null): boolean {
    return this.lock.acquire(block, timeout);
  }
  release(): void {
    this.lock.release();
  }
  wait(timeout: number | null = null): boolean {
    const seq = Atomics.load(this.cells, 0);
    const depth = this.lock instanceof RLock ? this.lock.releaseAll() : (this.lock.release(), 1);
    const result = Atomics.wait(this.cells, 0, seq, timeout === null ? Infinity : Math.max(0, timeout * 1000));
    if (this.lock instanceof RLock) this.lock.restore(depth);
    else this.lock.acquire();
    return result !== "timed-out";
  }
  wait_for(predicate: () => unknown, timeout: number | null = null): unknown {
    const deadline = deadlineFor(timeout);
    let result = predicate();
    while (!result) {
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) break;
      this.wait(ms === undefined ? null : ms / 1000);
      result = predicate();
    }
    return result;
  }
  notify(n = 1): void {
    Atomics.add(this.cells, 0, 1);
    Atomics.notify(this.cells, 0, n);
  }
  notify_all(): void {
    Atomics.add(this.cells, 0, 1);
    Atomics.notify(this.cells, 0);
  }
  __shared__(): SharedHandle {
    const inner = this.lock.__shared__();
    return { kind: "Condition", buffers: [this.cells.buffer as SharedArrayBuffer, ...inner.buffers], meta: [inner.kind] };
  }
}

export class BrokenBarrierError extends RuntimeError {}

/** Layout: [0] mutex, [1] waiting count, [2] generation, [3] broken flag, [4] parties. */
export class Barrier {
  readonly cells: Int32Array;
  constructor(parties: number, readonly action: (() => void) | null = null, readonly timeout: number | null = null, shared?: Int32Array) {
    this.cells = shared ?? cells(5);
    if (!shared) this.cells[4] = parties;
  }
  get parties(): number {
    return this.cells[4]!;
  }
  /** Parties waiting now; none once the barrier is broken (CPython counts only while it fills). */
  get n_waiting(): number {
    return this.broken ? 0 : Atomics.load(this.cells, 1);
  }
  get broken(): boolean {
    return Atomics.load(this.cells, 3) === 1;
  }
  wait(timeout: number | null = null): number {
    const c = this.cells;
    mutexLock(c, 0);
    if (c[3]) {
      mutexUnlock(c, 0);
      throw new BrokenBarrierError();
    }
    const gen = c[2]!;
    const index = c[1]!;
    c[1] = index + 1;
    if (index + 1 === c[4]) {
      try {
        this.action?.();
      } catch (e) {
        c[3] = 1;
        Atomics.add(c, 2, 1);
        mutexUnlock(c, 0);
        Atomics.notify(c, 2);
        throw e;
      }
      c[1] = 0;
      Atomics.add(c, 2, 1);
      mutexUnlock(c, 0);
      Atomics.notify(c, 2);
      return index;
    }
    mutexUnlock(c, 0);
    const deadline = deadlineFor(timeout ?? this.timeout);
    while (Atomics.load(c, 2) === gen && !Atomics.load(c, 3)) {
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) {
        this.abort();
        throw new BrokenBarrierError();
      }
      Atomics.wait(c, 2, gen, ms ?? Infinity);
    }
    if (Atomics.load(c, 3)) throw new BrokenBarrierError();
    return index;
  }
  abort(): void {
    Atomics.store(this.cells, 3, 1);
    Atomics.add(this.cells, 2, 1);
    Atomics.notify(this.cells, 2);
  }
  reset(): void {
    mutexLock(this.cells, 0);
    this.cells[1] = 0;
    this.cells[3] = 0;
    Atomics.add(this.cells, 2, 1);
    mutexUnlock(this.cells, 0);
    Atomics.notify(this.cells, 2);
  }
  __shared__(): SharedHandle {
    return { kind: "Barrier", buffers: [this.cells.buffer as SharedArrayBuffer], meta: [] };
  }
}

const i32 = (h: SharedHandle, i = 0) => new Int32Array(h.buffers[i]!);
registerShared("Lock", (h) => new Lock(i32(h)));
registerShared("RLock", (h) => new RLock(i32(h)));
registerShared("Semaphore", (h) => new Semaphore(0, i32(h)));
registerShared("BoundedSemaphore", (h) => new BoundedSemaphore(0, i32(h)));
registerShared("Event", (h) => new Event(i32(h)));
registerShared("Barrier", (h) => new Barrier(0, null, null, i32(h)));
registerShared("Condition", (h) => {
  const lockHandle = { kind: h.meta[0] as string, buffers: h.buffers.slice(1), meta: [] };
  const lock = lockHandle.kind === "Lock" ? new Lock(i32(lockHandle)) : new RLock(i32(lockHandle));
  return new Condition(lock, i32(h));
});

