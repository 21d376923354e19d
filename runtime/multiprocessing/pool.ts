// multiprocessing.pool: the Pool API over a TaskDispatch (pool-dispatch.ts) that runs the tasks — worker
// threads of this process, or worker nodes through Redis when a pool backend is configured. Results come
// back through a shared result queue that the main thread drains whenever it blocks (get, map, join),
// running callbacks there. A worker that dies fails the task it held instead of hanging the parent
// (CPython would hang).

import { TimeoutError, ValueError, toPyException, type BaseException } from "../builtins/exceptions.js";
import { Range } from "../builtins/range.js";
import { stderr, stdout } from "../io.js";
import { LIVENESS_MS, LocalDispatch, type TaskDispatch } from "./pool-dispatch.js";
import { BrokenProcessPool, type PoolResult, type PoolTask } from "./pool-task.js";
import { waitedOnWorkers } from "./monitor.js";
import { cpu_count } from "./process.js";
import { Queue } from "./queues.js";
import { Empty } from "./queue-errors.js";
import { RemoteDispatch, poolBackend } from "./remote/dispatch.js";
import { deadlineFor, remaining } from "./shm.js";
import { atExit, getStartMethod, identity } from "./state.js";

export { BrokenProcessPool };

let poolCounter = 0;

export interface PoolOptions {
  processes?: number | null;
  initializer?: ((...args: never[]) => unknown) | null;
  initargs?: readonly unknown[];
  maxtasksperchild?: number | null;
}

type Fn<A extends unknown[], R> = (...args: A) => R;

const enum PoolState {
  Run,
  Close,
  Terminate,
}

export class Pool {
  private readonly results = new Queue<PoolResult>();
  private readonly dispatch: TaskDispatch;
  private readonly cache = new Map<number, Job>();
  private state = PoolState.Run;
  private nextJob = 1;
  private readonly size: number;
  private readonly maxtasks: number;
  readonly id = ++poolCounter;

  constructor(opts: PoolOptions = {}) {
    const n = opts.processes ?? cpu_count();
    if (n < 1) throw new ValueError("Number of processes must be at least 1");
    if (opts.maxtasksperchild !== undefined && opts.maxtasksperchild !== null && opts.maxtasksperchild < 1) {
      throw new ValueError("maxtasksperchild must be a positive int or None");
    }
    this.size = n;
    this.maxtasks = opts.maxtasksperchild ?? 0;
    const dispatchOpts = {
      size: n,
      startMethod: getStartMethod(),
      initializer: opts.initializer ? ([opts.initializer, opts.initargs ?? []] as const) : null,
      maxtasks: this.maxtasks,
      results: this.results,
    };
    // Worker nodes serve the main process's pools; a pool created inside a task stays on that node.
    const backend = identity.current.kind === "main" ? poolBackend() : null;
    this.dispatch = backend ? new RemoteDispatch(backend, this.id, dispatchOpts) : new LocalDispatch(dispatchOpts);
    atExit.unshift(() => this.terminate());
  }

  private checkRunning(): void {
    if (this.state !== PoolState.Run) throw new ValueError("Pool not running");
  }

  private submit<R>(fn: unknown, kind: PoolTask[3], chunks: readonly PoolTask[4][], job: AsyncResult<R>): void {
    this.cache.set(job.id, job);
    try {
      chunks.forEach((items, i) => this.dispatch.send([job.id, i, fn as PoolTask[2], kind, items]));
      this.dispatch.start();
    } catch (e) {
      // A task that cannot be pickled fails the call at once (results of chunks already sent are dropped).
      this.cache.delete(job.id);
      throw e;
    }
    if (chunks.length === 0) job.complete();
  }

  apply_async<A extends unknown[], R>(
    func: Fn<A, R>,
    args: A = [] as unknown as A,
    opts: { kwds?: Map<string, unknown> | null; callback?: ((r: R) => unknown) | null; error_callback?: ((e: BaseException) => unknown) | null } = {},
  ): AsyncResult<R> {
    this.checkRunning();
    const job = new AsyncResult<R>(this, this.nextJob++, 1, false, opts.callback ?? null, opts.error_callback ?? null);
    this.submit(func, "apply", [[args, opts.kwds && opts.kwds.size > 0 ? opts.kwds : null]], job);
    return job;
  }

  apply<A extends unknown[], R>(func: Fn<A, R>, args: A = [] as unknown as A, kwds: Map<string, unknown> | null = null): R {
    return this.apply_async(func, args, { kwds }).get();
  }

  /**
   * The items of a map in chunks, as CPython splits them. A chunk of a range stays a range (three numbers
   * to send, not a list of ints to build, encode and decode): the worker iterates its slice.
   */
  private chunked(iterable: Iterable<unknown>, chunksize: number | null | undefined, kind: "map" | "starmap"): PoolTask[4][] {
    const items = iterable instanceof Range && kind === "map" ? iterable : [...iterable];
    let size = chunksize ?? 0;
    if (!size) {
      // CPython: chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1
      size = Math.floor(items.length / (this.size * 4));
      if (items.length % (this.size * 4)) size += 1;
    }
    size = Math.max(1, size);
    const out: PoolTask[4][] = [];
    for (let i = 0; i < items.length; i += size) {
      const end = Math.min(i + size, items.length);
      out.push(items instanceof Range ? new Range(items.start + i * items.step, items.start + end * items.step, items.step) : items.slice(i, end));
    }
    return out;
  }

  map_async<T, R>(
    func: (x: T) => R,
    iterable: Iterable<T>,
    chunksize: number | null = null,
    opts: { callback?: ((r: R[]) => unknown) | null; error_callback?: ((e: BaseException) => unknown) | null } = {},
  ): AsyncResult<R[]> {
    return this.mapJob(func, "map", iterable, chunksize, opts);
  }

  map<T, R>(func: (x: T) => R, iterable: Iterable<T>, chunksize: number | null = null): R[] {
    return this.map_async(func, iterable, chunksize).get();
  }

  starmap_async<A extends unknown[], R>(
    func: Fn<A, R>,
    iterable: Iterable<Readonly<A>>,
    chunksize: number | null = null,
    opts: { callback?: ((r: R[]) => unknown) | null; error_callback?: ((e: BaseException) => unknown) | null } = {},
  ): AsyncResult<R[]> {
    return this.mapJob(func, "starmap", iterable, chunksize, opts);
  }

  /** map_async / starmap_async: the items in chunks, one result list in order. */
  private mapJob<R>(
    func: unknown,
    kind: "map" | "starmap",
    iterable: Iterable<unknown>,
    chunksize: number | null,
    opts: { callback?: ((r: R[]) => unknown) | null; error_callback?: ((e: BaseException) => unknown) | null },
  ): AsyncResult<R[]> {
    this.checkRunning();
    const chunks = this.chunked(iterable, chunksize, kind);
    const job = new AsyncResult<R[]>(this, this.nextJob++, chunks.length, true, opts.callback ?? null, opts.error_callback ?? null);
    this.submit(func, kind, chunks, job);
    return job;
  }

  starmap<A extends unknown[], R>(func: Fn<A, R>, iterable: Iterable<Readonly<A>>, chunksize: number | null = null): R[] {
    return this.starmap_async(func, iterable, chunksize).get();
  }

  imap<T, R>(func: (x: T) => R, iterable: Iterable<T>, chunksize = 1): Iterable<R> {
    return this.iterate(func, iterable, chunksize, true);
  }

  imap_unordered<T, R>(func: (x: T) => R, iterable: Iterable<T>, chunksize = 1): Iterable<R> {
    return this.iterate(func, iterable, chunksize, false);
  }

  private iterate<T, R>(func: (x: T) => R, iterable: Iterable<T>, chunksize: number, ordered: boolean): Iterable<R> {
    this.checkRunning();
    const chunks = this.chunked(iterable, chunksize, "map");
    const job = new AsyncResult<R[]>(this, this.nextJob++, chunks.length, true, null, null);
    this.submit(func, "map", chunks, job);
    return job.iterate(ordered);
  }

  close(): void {
    if (this.state === PoolState.Run) this.state = PoolState.Close;
  }

  terminate(): void {
    if (this.state === PoolState.Terminate) return;
    this.state = PoolState.Terminate;
    this.dispatch.terminate();
  }

  join(): void {
    if (this.state === PoolState.Run) throw new ValueError("Pool is still running");
    if (this.state === PoolState.Terminate) return;
    while (this.cache.size > 0) this.pump(undefined);
    this.dispatch.join();
  }

  __enter__(): this {
    return this;
  }

  __exit__(): void {
    this.terminate();
  }

  [Symbol.dispose](): void {
    this.terminate();
  }

  __repr__(): string {
    const state = ["RUN", "CLOSE", "TERMINATE"][this.state];
    return `<multiprocessing.pool.Pool state=${state} pool_size=${this.size}>`;
  }

  /** Receive one result message (or none before the deadline), checking that workers are alive meanwhile. */
  pump(deadline: number | undefined): void {
    const ms = Math.min(remaining(deadline) ?? LIVENESS_MS, LIVENESS_MS);
    let msg: PoolResult;
    try {
      msg = this.results.get(true, ms / 1000);
    } catch (e) {
      if (!(e instanceof Empty)) throw e;
      waitedOnWorkers(ms);
      this.checkWorkers();
      return;
    }
    const [jobId, chunk, ok, value, output] = msg;
    if (output) {
      stdout.write(output[0]);
      stderr.write(output[1]);
    }
    this.cache.get(jobId)?.deliver(chunk, ok, value);
    // A worker retires after maxtasksperchild tasks: replace it now, not after an idle wait.
    if (this.maxtasks > 0) this.checkWorkers();
  }

  finished(job: Job): void {
    this.cache.delete(job.id);
  }

  /** Fail what lost workers held and replace them; after terminate(), fail every pending call. */
  private checkWorkers(): void {
    if (this.state === PoolState.Terminate) {
      // CPython would wait forever for a result of a terminated pool; fail the pending calls instead.
      for (const job of [...this.cache.values()]) job.deliver(-1, false, new ValueError("Pool was terminated before the result arrived"));
      return;
    }
    const lost = {
      task: (job: number, chunk: number, error: BaseException) => this.cache.get(job)?.deliver(chunk, false, error),
      all: (error: BaseException) => [...this.cache.values()].forEach((job) => job.deliver(-1, false, error)),
    };
    this.dispatch.check(lost, this.state === PoolState.Run || this.cache.size > 0);
  }
}

/** How many chunks' results one concat call joins (AsyncResult.value). */
const CONCAT_BATCH = 8192;

/** Pool's job handle: apply_async's AsyncResult and map_async's MapResult in one class. */
export class AsyncResult<T> {
  private readonly parts: unknown[];
  private readonly arrived: boolean[];
  private received = 0;
  private error: BaseException | null = null;
  private done = false;

  constructor(
    private readonly pool: Pool,
    readonly id: number,
    private readonly chunks: number,
    private readonly isMap: boolean,
    private readonly callback: ((r: T) => unknown) | null,
    private readonly errorCallback: ((e: BaseException) => unknown) | null,
  ) {
    this.parts = new Array(chunks);
    this.arrived = new Array<boolean>(chunks).fill(false);
  }

  deliver(chunk: number, ok: boolean, value: unknown): void {
    if (this.done) return;
    if (!ok) {
      this.error ??= toPyException(value);
      // A failed map stops waiting for its other chunks, as CPython's MapResult does.
      this.finish();
      return;
    }
    // A chunk is counted once, even if its result were delivered twice (a task re-run on another node).
    if (this.arrived[chunk]) return;
    this.arrived[chunk] = true;
    this.parts[chunk] = value;
    if (++this.received === this.chunks) this.finish();
  }

  complete(): void {
    this.finish();
  }

  private finish(): void {
    this.done = true;
    this.pool.finished(this as unknown as Job);
    if (this.error) this.errorCallback?.(this.error);
    else this.callback?.(this.value());
  }

  private value(): T {
    if (!this.isMap) return this.parts[0] as T;
    // The chunks' results in one new list: concat copies packed arrays natively (flat, or a loop, is several
    // times slower); in batches, as a call takes a bounded number of arguments (chunksize 1 makes many parts).
    const parts = this.parts as unknown[][];
    const batches: unknown[][] = [];
    for (let i = 0; i < parts.length; i += CONCAT_BATCH) batches.push(([] as unknown[]).concat(...parts.slice(i, i + CONCAT_BATCH)));
    return (batches.length === 1 ? batches[0] : ([] as unknown[]).concat(...batches)) as T;
  }

  ready(): boolean {
    return this.done;
  }

  successful(): boolean {
    if (!this.done) throw new ValueError(`${this.__repr__()} not ready`);
    return this.error === null;
  }

  wait(timeout: number | null = null): void {
    const deadline = deadlineFor(timeout);
    while (!this.done) {
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) return;
      this.pool.pump(deadline);
    }
  }

  get(timeout: number | null = null): T {
    this.wait(timeout);
    if (!this.done) throw new TimeoutError();
    if (this.error) throw this.error;
    return this.value();
  }

  /** imap / imap_unordered: yield each chunk's results as they arrive (in order for imap). */
  *iterate(ordered: boolean): Generator<T extends (infer E)[] ? E : never> {
    type E = T extends (infer X)[] ? X : never;
    let next = 0;
    const seen = new Set<number>();
    for (;;) {
      if (ordered) {
        while (next < this.chunks && this.arrived[next]) yield* this.parts[next++] as E[];
        if (next >= this.chunks) return;
      } else {
        for (let i = 0; i < this.chunks; i++) {
          if (!seen.has(i) && this.arrived[i]) {
            seen.add(i);
            yield* this.parts[i] as E[];
          }
        }
        if (seen.size >= this.chunks) return;
      }
      if (this.error) throw this.error;
      this.pool.pump(undefined);
    }
  }

  __repr__(): string {
    return `<multiprocessing.pool.${this.isMap ? "MapResult" : "ApplyResult"} object>`;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Job = AsyncResult<any>;
