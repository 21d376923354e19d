// Shared-memory building blocks used by every synchronization primitive and queue: a futex-style mutex,
// sequence counters to wait on (condition variables), and deadline-aware waiting. Each primitive's
// layout is documented beside its class; all of them are Int32Array cells in a SharedArrayBuffer.

/** Blocks the calling thread (main or worker) until cell `i` changes from `value`, or `ms` pass. */
export function waitOn(cells: Int32Array, i: number, value: number, ms?: number): "ok" | "not-equal" | "timed-out" {
  return Atomics.wait(cells, i, value, ms === undefined ? Infinity : Math.max(0, ms));
}

export function notifyAll(cells: Int32Array, i: number): void {
  Atomics.notify(cells, i);
}

/** Milliseconds left until `deadline` (performance.now() based), or undefined for no deadline. */
export function remaining(deadline: number | undefined): number | undefined {
  return deadline === undefined ? undefined : deadline - performance.now();
}

export function deadlineFor(timeoutSeconds: number | null | undefined): number | undefined {
  return timeoutSeconds === null || timeoutSeconds === undefined ? undefined : performance.now() + Math.max(0, timeoutSeconds) * 1000;
}

/**
 * A mutex in one Int32 cell (Drepper's "futexes are tricky" algorithm): 0 unlocked, 1 locked,
 * 2 locked with waiters. Any thread may unlock it (Python's Lock allows releasing from another thread).
 */
export function mutexTryLock(cells: Int32Array, i: number): boolean {
  return Atomics.compareExchange(cells, i, 0, 1) === 0;
}

export function mutexLock(cells: Int32Array, i: number, deadline?: number): boolean {
  let c = Atomics.compareExchange(cells, i, 0, 1);
  if (c === 0) return true;
  do {
    if (c === 2 || Atomics.compareExchange(cells, i, 1, 2) !== 0) {
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) return false;
      Atomics.wait(cells, i, 2, ms ?? Infinity);
    }
    c = Atomics.compareExchange(cells, i, 0, 2);
  } while (c !== 0);
  return true;
}

export function mutexUnlock(cells: Int32Array, i: number): void {
  if (Atomics.sub(cells, i, 1) !== 1) {
    Atomics.store(cells, i, 0);
    Atomics.notify(cells, i, 1);
  }
}

/** A small Int32 cell block in its own SharedArrayBuffer. */
export function cells(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}
