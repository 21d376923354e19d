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

/** Spins before sleeping: a lock is usually held for a few hundred nanoseconds (a queue's copy). */
// A futex sleep and wake-up costs microseconds and convoys the lock; spinning on a plain load (not a
// compare-exchange, which would bounce the cache line) costs nanoseconds per round.
const SPINS = 4000;

export function mutexLock(cells: Int32Array, i: number, deadline?: number): boolean {
  let c = Atomics.compareExchange(cells, i, 0, 1);
  if (c === 0) return true;
  for (let s = 0; s < SPINS && c === 1; s++) {
    c = Atomics.load(cells, i);
    if (c === 0) {
      c = Atomics.compareExchange(cells, i, 0, 1);
      if (c === 0) return true;
    }
  }
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

/** Busy-waits a short while for cell `i` to leave `value`; true when it did (then no futex sleep is needed). */
export function spinUntil(cells: Int32Array, i: number, value: number, spins = 2000): boolean {
  for (let s = 0; s < spins; s++) if (Atomics.load(cells, i) !== value) return true;
  return false;
}

/**
 * Queue header (Int32 cells before the ring data; see queues.ts). LOCK is a mutex; COUNT messages of
 * USED bytes live in [HEAD, TAIL) of a ring of CAP bytes; waiters sleep on PUT_SEQ (getters) and GET_SEQ
 * (putters of a bounded queue), counting themselves in GETTERS/PUTTERS so that a notify is skipped when
 * nobody sleeps; UNFINISHED/DONE_SEQ serve JoinableQueue.join; CLOSED is set by close().
 */
export const QUEUE = {
  LOCK: 0,
  COUNT: 1,
  HEAD: 2,
  TAIL: 3,
  USED: 4,
  CAP: 5,
  PUT_SEQ: 6,
  GET_SEQ: 7,
  MAXSIZE: 8,
  UNFINISHED: 9,
  DONE_SEQ: 10,
  CLOSED: 11,
  GETTERS: 12,
  PUTTERS: 13,
  HEADER_BYTES: 64,
} as const;
