// concurrent.futures: ProcessPoolExecutor and ThreadPoolExecutor on the runtime's Pool (threads run on
// workers too), Future, as_completed and wait, with the blocking semantics Python gives them.

import { pyIter } from "../builtins/functions.js";
import { RuntimeError, TimeoutError, ValueError, type BaseException } from "../builtins/exceptions.js";
import type { Context } from "../multiprocessing/context.js";
import { Pool, type AsyncResult } from "../multiprocessing/pool.js";
import { cpu_count } from "../multiprocessing/process.js";
import { atExit } from "../multiprocessing/state.js";

const POLL_S = 0.02;

export class Future<T> {
  private callbacks: ((f: Future<T>) => unknown)[] = [];
  private notified = false;
  private result_!: AsyncResult<T>;

  /** Submits through `start`, which receives the hook to call when the task settles (success or error). */
  constructor(start: (settled: () => void) => AsyncResult<T>) {
    this.result_ = start(() => this.notify());
  }

  done(): boolean {
    return this.result_.ready();
  }

  running(): boolean {
    return !this.done();
  }

  cancelled(): boolean {
    return false;
  }

  /** Tasks already handed to a worker cannot be cancelled (as in CPython once they run). */
  cancel(): boolean {
    return false;
  }

  result(timeout: number | null = null): T {
    return this.result_.get(timeout);
  }

  exception(timeout: number | null = null): BaseException | null {
    this.result_.wait(timeout);
    if (!this.result_.ready()) throw new TimeoutError();
    try {
      this.result_.get();
      return null;
    } catch (e) {
      return e as BaseException;
    }
  }

  add_done_callback(fn: (f: Future<T>) => unknown): void {
    if (this.notified) fn(this);
    else this.callbacks.push(fn);
  }

  /** Waits a little for completion (pumping results); true when done. */
  poll(seconds: number): boolean {
    this.result_.wait(seconds);
    return this.done();
  }

  /** The pool runs this when the result arrives, on the main thread as it waits (CPython: in the worker). */
  private notify(): void {
    if (this.notified) return;
    this.notified = true;
    for (const cb of this.callbacks) cb(this);
  }
}

export interface ExecutorOptions {
  max_workers?: number | null;
  initializer?: ((...a: never[]) => unknown) | null;
  initargs?: readonly unknown[];
  max_tasks_per_child?: number | null;
  /** The start method's context (multiprocessing.get_context("spawn")): its Pool starts the workers. */
  mp_context?: Context | null;
}

export class ProcessPoolExecutor {
  private readonly pool: Pool;
  private shut = false;
  private joined = false;

  constructor(opts: ExecutorOptions = {}) {
    const n = opts.max_workers ?? cpu_count();
    if (n <= 0) throw new ValueError("max_workers must be greater than 0");
    const PoolOf = opts.mp_context?.Pool ?? Pool;
    this.pool = new PoolOf({ processes: n, initializer: opts.initializer, initargs: opts.initargs, maxtasksperchild: opts.max_tasks_per_child });
    // CPython's executors finish the work already submitted when the program ends, shut down or not
    // (shutdown(wait=False) included). Ahead of the pool's own exit hook, which terminates it.
    atExit.unshift(() => this.shutdown(true));
  }

  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R> {
    if (this.shut) throw new RuntimeError("cannot schedule new futures after shutdown");
    return new Future((settled) => this.pool.apply_async(fn, args, { callback: settled, error_callback: settled }));
  }

  map<R>(fn: (...args: any[]) => R, ...iterables: Iterable<unknown>[]): Iterable<R> {
    const columns = iterables.map((it) => [...it]);
    const n = Math.min(...columns.map((c) => c.length));
    const rows = Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
    return this.pool.starmap(fn, rows);
  }

  shutdown(wait = true): void {
    this.shut = true;
    this.pool.close();
    if (wait && !this.joined) {
      this.pool.join();
      this.joined = true;
    }
  }

  __enter__(): this {
    return this;
  }

  __exit__(): void {
    this.shutdown(true);
  }

  [Symbol.dispose](): void {
    this.shutdown(true);
  }
}

export class ThreadPoolExecutor extends ProcessPoolExecutor {
  constructor(opts: ExecutorOptions = {}) {
    super({ ...opts, max_workers: opts.max_workers ?? Math.min(32, cpu_count() + 4) });
  }
}

/** Yields futures as they complete. */
export function* as_completed<T>(fs: Iterable<Future<T>> | Map<Future<T>, unknown>, timeout: number | null = null): Generator<Future<T>> {
  // A dict of futures (`{ex.submit(f, x): x for x in xs}`) gives its keys, as iterating it does in Python.
  const pending = [...new Set(pyIter(fs))];
  const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
  while (pending.length > 0) {
    const i = pending.findIndex((f) => f.done());
    if (i >= 0) {
      yield pending.splice(i, 1)[0]!;
      continue;
    }
    if (performance.now() >= deadline) throw new TimeoutError(`${pending.length} (of ${pending.length}) futures unfinished`);
    pending[0]!.poll(POLL_S);
  }
}

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";

/** wait(fs, timeout, return_when) → (done, not_done) */
export function wait<T>(fs: Iterable<Future<T>> | Map<Future<T>, unknown>, timeout: number | null = null, return_when = ALL_COMPLETED): readonly [Set<Future<T>>, Set<Future<T>>] {
  const all = [...pyIter(fs)];
  const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
  for (;;) {
    const done = all.filter((f) => f.done());
    const enough =
      done.length === all.length ||
      (return_when === FIRST_COMPLETED && done.length > 0) ||
      (return_when === FIRST_EXCEPTION && done.some((f) => f.exception(0) !== null));
    if (enough || performance.now() >= deadline) {
      const t = [new Set(done), new Set(all.filter((f) => !done.includes(f)))] as const;
      (t as unknown as Record<symbol, boolean>)[Symbol.for("py2ts-mp.tuple")] = true;
      return t;
    }
    all.find((f) => !f.done())!.poll(POLL_S);
  }
}
