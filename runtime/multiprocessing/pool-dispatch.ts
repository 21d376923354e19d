// How a Pool's tasks reach workers, and how it learns that a worker was lost. The Pool (pool.ts) keeps
// the API, the jobs and their results; a TaskDispatch runs the tasks: LocalDispatch on worker threads of
// this process, RemoteDispatch (remote/dispatch.ts) as BullMQ jobs on worker nodes. Both put each
// task's result message into the Pool's results queue.

import type { Worker } from "node:worker_threads";
import type { BaseException } from "../builtins/exceptions.js";
import { waitOnWorker } from "./monitor.js";
import { CURRENT_CHUNK, CURRENT_JOB, EXITCODE, STATE, WorkerState, type Inherited } from "./protocol.js";
import { launch, nextPid, nextProcessNumber, snapshotFor } from "./process.js";
import { BrokenProcessPool, type PoolResult, type PoolTask } from "./pool-task.js";
import { Queue } from "./queues.js";
import { dumpsInherited } from "./serialize.js";
import { identity, type ProcessIdentity, type StartMethod } from "./state.js";
import { terminateThread } from "../io.js";

/** How often a blocked parent checks its workers are still alive. */
export const LIVENESS_MS = 100;

/** How a dispatch fails the calls whose tasks were lost with their workers. */
export interface LostTasks {
  task(job: number, chunk: number, error: BaseException): void;
  all(error: BaseException): void;
}

export interface DispatchOptions {
  readonly size: number;
  readonly startMethod: StartMethod;
  /** [initializer, initargs], or null. */
  readonly initializer: readonly [unknown, readonly unknown[]] | null;
  readonly maxtasks: number;
  readonly results: Queue<PoolResult>;
}

export interface TaskDispatch {
  /** Hands one chunk to the workers; throws (a PicklingError) when it cannot be sent. */
  send(task: PoolTask): void;
  /** After a call's chunks are sent: starts what runs them, if it has not started yet. */
  start(): void;
  /** While the parent waits: fail the tasks lost with their workers; replace workers while `needed`. */
  check(lost: LostTasks, needed: boolean): void;
  /** After close() and the last result: let the workers finish and wait for them. */
  join(): void;
  /** Stops the workers now (a task in progress is abandoned). */
  terminate(): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly control: Int32Array;
}

/**
 * Worker threads fed through a shared task queue; a sentinel (null) per worker ends them. The first workers
 * are named and given the globals when the pool is created (as CPython forks them then), but without an
 * initializer they take their warm spares only once the first call's tasks are queued: encoding a large
 * map's chunks then overlaps the spares' boot instead of waiting for it.
 */
export class LocalDispatch implements TaskDispatch {
  private readonly tasks = new Queue<PoolTask | null>();
  private readonly workers: PoolWorker[] = [];
  private readonly initializer: ReturnType<typeof dumpsInherited> | null;
  /** The first workers, until start(). */
  private pending: ProcessIdentity[];
  private readonly snapshot: Inherited | null;

  constructor(private readonly opts: DispatchOptions) {
    this.initializer = opts.initializer ? dumpsInherited(opts.initializer) : null;
    this.pending = Array.from({ length: opts.size }, () => this.identity());
    this.snapshot = snapshotFor(this.pending[0]!);
    // An initializer is the program's code: it runs when the pool is created, as in CPython (the main
    // thread may wait for what it does before sending any task).
    if (opts.initializer) this.start();
  }

  private identity(): ProcessIdentity {
    const { startMethod } = this.opts;
    const name = `${startMethod === "fork" ? "Fork" : "Spawn"}PoolWorker-${nextProcessNumber()}`;
    return { name, kind: "pool", pid: nextPid(), parentPid: identity.current.pid, startMethod };
  }

  /** Starts a worker; a replacement (maxtasksperchild, or a worker that died) gets the globals as they are now. */
  private spawn(id = this.identity(), snapshot?: Inherited | null): PoolWorker {
    const { results, maxtasks } = this.opts;
    const role = { kind: "pool", tasks: this.tasks.__shared__().buffers[0]!, results: results.__shared__().buffers[0]!, initializer: this.initializer, maxtasks } as const;
    const { worker, control } = launch(id, role, snapshot === undefined ? snapshotFor(id) : snapshot);
    return { worker, control: new Int32Array(control) };
  }

  send(task: PoolTask): void {
    this.tasks.put(task);
  }

  start(): void {
    for (const id of this.pending.splice(0)) this.workers.push(this.spawn(id, this.snapshot));
  }

  /** Replace workers that left (maxtasksperchild) and fail the task of a worker that died. */
  check(lost: LostTasks, needed: boolean): void {
    this.start();
    this.workers.forEach((w, i) => {
      if (Atomics.load(w.control, STATE) !== WorkerState.Exited) return;
      const job = Atomics.load(w.control, CURRENT_JOB);
      const code = Atomics.load(w.control, EXITCODE);
      if (job !== 0) {
        const chunk = Atomics.load(w.control, CURRENT_CHUNK);
        Atomics.store(w.control, CURRENT_JOB, 0);
        lost.task(job, chunk, new BrokenProcessPool(`A worker of the pool exited unexpectedly (exit code ${code}) while running a task`));
      }
      if (needed) this.workers[i] = this.spawn();
    });
  }

  join(): void {
    this.start();
    for (let i = 0; i < this.workers.length; i++) this.tasks.put(null);
    for (const w of this.workers) {
      while (Atomics.load(w.control, STATE) !== WorkerState.Exited) waitOnWorker(w.control, STATE, Atomics.load(w.control, STATE), LIVENESS_MS);
    }
  }

  terminate(): void {
    this.pending = [];
    for (const w of this.workers) terminateThread(w.worker);
  }
}
