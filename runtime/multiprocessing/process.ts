// multiprocessing.process: Process on a worker_thread that imports the converted module as __mp_main__
// and calls the target by its exported name. The parent blocks in join() on the worker's control block.

import os from "node:os";
import { Worker } from "node:worker_threads";
import { AssertionError, ValueError } from "../builtins/exceptions.js";
import { IO_LOCK, ioLockBuffer, stdout, stderr, terminateThread } from "../io.js";
import { CONTROL_CELLS, EXITCODE, STATE, WorkerState, type Inherited, type StandbyPayload, type StartPayload } from "./protocol.js";
import { Uncrossable, dumpsInherited } from "./serialize.js";
import { callWithKeywords } from "./call.js";
import { withCachedEncodings } from "./encoded-globals.js";
import { monitorDue, startMonitor, waitOnWorker, watch, watchRun } from "./monitor.js";
import { deadlineFor, remaining } from "./shm.js";
import { WORKER_MARK, atExit, getStartMethod, identity, programModules, userModule, type ProcessIdentity, type StartMethod } from "./state.js";

const ENTRY = new URL("./worker.js", import.meta.url);
let processCounter = 0;

/** The number in a child's default name (Process-N, ForkPoolWorker-N): one counter, as CPython's _children_counter. */
export function nextProcessNumber(): number {
  return ++processCounter;
}
let pidCounter = 0;

/** A fake but stable pid per process, distinct from the parent's (worker threads share the OS pid). */
export function nextPid(): number {
  return process.pid + ++pidCounter * 7;
}

const liveChildren = new Set<Process>();

export interface ProcessOptions {
  group?: null;
  target?: ((...args: never[]) => unknown) | null;
  name?: string | null;
  args?: readonly unknown[];
  kwargs?: Map<string, unknown> | null;
  daemon?: boolean | null;
}

/** Starts a Worker running `role` with the fork snapshot (or none under spawn); shared by Process and Pool. */
/**
 * Warm spare workers: started when the main module begins, each has already imported the module and
 * waits for a start message, so Process.start() costs about a message instead of a worker boot, and
 * processes begin in the order they were started (as forked children do).
 */
const SPARES = 2;
const MAX_SPARES = 8;
/** A spare's patience: a worker that never becomes ready again (it called process.exit) is given up. */
const SPARE_WAIT_MS = 5000;
/** A spare's boot takes a fraction of this: one that takes longer may have died in it (monitor.ts). */
const SPARE_SLOW_MS = 1000;
/** How long a joined worker is given to become ready again (microseconds, normally). */
const RECYCLE_WAIT_MS = 20;

interface Spare {
  readonly worker: Worker;
  readonly control: SharedArrayBuffer;
  /** The monitor's id for this worker (monitor.ts). */
  readonly watchId: number;
}
const spares: Spare[] = [];

function spawnSpare(): void {
  const control = new SharedArrayBuffer(CONTROL_CELLS * 4);
  const standby: StandbyPayload = {
    [WORKER_MARK]: true,
    standby: true,
    identity: { name: "spare", kind: "process", pid: 0, parentPid: identity.current.pid, startMethod: "fork" },
    moduleUrl: userModule.url!,
    control,
  };
  const { id, lifeline } = watch(control, true);
  const worker = new Worker(ENTRY, { workerData: { ...standby, [IO_LOCK]: ioLockBuffer, lifeline }, transferList: [lifeline], stdout: false, stderr: false });
  worker.unref();
  spares.push({ worker, control, watchId: id });
}

/** A ready spare (waiting for one to finish booting or finishing its last run), or undefined. */
function takeSpare(replenish: boolean): Spare | undefined {
  if (identity.current.kind !== "main" || !userModule.url) return undefined;
  if (spares.length === 0) return undefined;
  const started = performance.now();
  for (;;) {
    // The most recently used ready one: it still holds the globals it decoded last time (loadsSnapshot).
    const i = spares.findLastIndex((s) => Atomics.load(new Int32Array(s.control), STATE) === WorkerState.Ready);
    if (i >= 0) {
      const [spare] = spares.splice(i, 1);
      // A started Process is often followed by another: keep a spare booting (pools do not need one).
      if (replenish) while (spares.length < SPARES) spawnSpare();
      return spare;
    }
    for (let j = spares.length - 1; j >= 0; j--) {
      if (Atomics.load(new Int32Array(spares[j]!.control), STATE) === WorkerState.Exited) spares.splice(j, 1);
    }
    const waited = performance.now() - started;
    if (spares.length === 0 || waited > SPARE_WAIT_MS) return undefined;
    if (waited > SPARE_SLOW_MS) startMonitor();
    const first = new Int32Array(spares[0]!.control);
    Atomics.wait(first, STATE, Atomics.load(first, STATE), 5);
  }
}

/** After a joined run, the worker waits for its next start: keep it (up to a few) for reuse. */
function recycle(spare: Spare): void {
  if (spares.length >= MAX_SPARES) return terminateThread(spare.worker);
  // It turns ready a moment after its run's exit: wait for that, so that the next start surely finds it.
  const standby = new Int32Array(spare.control);
  Atomics.wait(standby, STATE, WorkerState.Running, RECYCLE_WAIT_MS);
  spares.push(spare);
}

userModule.onStart.push(() => {
  if (getStartMethod() === "fork") while (spares.length < SPARES) spawnSpare();
});

/** The module globals a forked child started now receives (null under spawn, which re-imports them). */
export function snapshotFor(id: ProcessIdentity): Inherited | null {
  if (id.startMethod !== "fork") return null;
  const globals = new Map<string, Record<string, unknown>>();
  for (const [module, m] of programModules) if (m.state) globals.set(module, withCachedEncodings(module, m.state.get()));
  if (globals.size === 0) return null;
  const each = (f: (g: Record<string, unknown>) => Map<string, unknown>) => new Map([...globals].map(([module, g]) => [module, f(g)]));
  try {
    return dumpsInherited(each((g) => new Map(Object.entries(g))));
  } catch {
    // Some global cannot cross: only then try them one by one (encoding each twice), to mark that one.
    return dumpsInherited(each((g) => crossable(g)));
  }
}

/**
 * Starts `role` on a warm spare when one can be used (fork), else on a new worker, with the globals of
 * `snapshot` (by default, as they are now).
 */
export function launch(
  id: ProcessIdentity,
  role: StartPayload["role"],
  snapshot: Inherited | null = snapshotFor(id),
): { worker: Worker; control: SharedArrayBuffer; spare?: Spare } {
  const control = new SharedArrayBuffer(CONTROL_CELLS * 4);
  const spare = id.startMethod === "fork" ? takeSpare(id.kind !== "pool") : undefined;
  if (!spare) return { worker: startWorker(id, control, role, snapshot), control };
  stdout.flush();
  stderr.flush();
  const payload: StartPayload = { [WORKER_MARK]: true, identity: id, moduleUrl: userModule.url!, control, snapshot, role };
  watchRun(spare.watchId, control);
  spare.worker.postMessage(payload);
  return { worker: spare.worker, control, spare };
}

export function startWorker(id: ProcessIdentity, control: SharedArrayBuffer, role: StartPayload["role"], snapshot: Inherited | null = snapshotFor(id)): Worker {
  // CPython flushes the parent's buffered output before forking, so a partial line is not duplicated.
  stdout.flush();
  stderr.flush();
  const payload: StartPayload = { [WORKER_MARK]: true, identity: id, moduleUrl: userModule.url!, control, snapshot, role };
  const { lifeline } = watch(control);
  const worker = new Worker(ENTRY, { workerData: { ...payload, [IO_LOCK]: ioLockBuffer, lifeline }, transferList: [lifeline], stdout: false, stderr: false });
  worker.unref();
  return worker;
}

/**
 * The module globals a forked child receives. A global that cannot cross into a worker (a generator, a
 * running thread, an unexported function) becomes a marker that fails, naming the global, when used.
 * `dump` decides what can cross: by default what a worker thread can inherit (shared memory included).
 */
export function crossable(globals: Record<string, unknown>, dump: (value: unknown) => unknown = dumpsInherited): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(globals)) {
    try {
      dump(value);
      out.set(name, value);
    } catch (e) {
      out.set(name, new Uncrossable(name, e instanceof Error ? e.message : String(e)));
    }
  }
  return out;
}

/**
 * Its own fields carry CPython's private names (_target, _args, …), so that a script's subclass is free to
 * use any name that CPython leaves it.
 */
export class Process {
  name: string;
  daemon: boolean;
  private readonly _target: ((...args: never[]) => unknown) | null;
  private readonly _args: readonly unknown[];
  private readonly _kwargs: Map<string, unknown> | null;
  protected _startMethod: StartMethod;
  private _control?: Int32Array;
  private _worker?: Worker;
  private _pid: number | null = null;
  private _forcedExit: number | null = null;
  private _spare: Spare | undefined;
  private _closed = false;

  constructor(opts: ProcessOptions = {}) {
    this._target = opts.target ?? null;
    this._args = opts.args ?? [];
    this._kwargs = opts.kwargs ?? null;
    // CPython: every Process (pool workers too) takes the next number of one counter, named or not, and
    // names it after its class (`Worker-2` for a subclass Worker).
    const n = this.kindName() === "Thread" ? 0 : nextProcessNumber();
    this.name = opts.name ?? `${this.kindName()}-${n}`;
    this.daemon = opts.daemon ?? false;
    this._startMethod = getStartMethod();
  }

  protected kindName(): string {
    return this.constructor.name;
  }

  /** The work a Process does: call the target, or what a subclass's run() does instead. */
  run(): void {
    if (this._target) callWithKeywords(this._target as (...a: unknown[]) => unknown, this._args, this._kwargs);
  }

  start(): void {
    if (this._closed) throw new ValueError("process object is closed");
    if (this._control) throw new AssertionError("cannot start a process twice");
    this._pid = nextPid();
    const id: ProcessIdentity = { name: this.name, kind: this.kindName() === "Thread" ? "thread" : "process", pid: this._pid, parentPid: identity.current.pid, startMethod: this._startMethod };
    // A subclass that overrides run() travels whole (its class by name, its fields by value), as a forked
    // child inherits the object; the worker calls run() on its copy.
    const self = this.run === Process.prototype.run ? null : this;
    const role = { kind: "process", call: dumpsInherited([this._target, this._args, this._kwargs, self]) } as const;
    const started = launch(id, role);
    this._spare = started.spare;
    this._control = new Int32Array(started.control);
    this._worker = started.worker;
    liveChildren.add(this);
  }

  join(timeout: number | null = null): void {
    if (!this._control) throw new AssertionError("can only join a started process");
    const deadline = deadlineFor(timeout);
    for (;;) {
      const state = Atomics.load(this._control, STATE);
      if (state === WorkerState.Exited || this._forcedExit !== null) break;
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) return;
      waitOnWorker(this._control, STATE, state, ms ?? Infinity);
    }
    liveChildren.delete(this);
    if (this._spare && this._forcedExit === null) {
      recycle(this._spare);
      this._spare = undefined;
    }
  }

  is_alive(): boolean {
    if (!this._control || this._forcedExit !== null) return false;
    monitorDue();
    return Atomics.load(this._control, STATE) !== WorkerState.Exited;
  }

  get exitcode(): number | null {
    if (this._forcedExit !== null) return this._forcedExit;
    if (!this._control) return null;
    monitorDue();
    if (Atomics.load(this._control, STATE) !== WorkerState.Exited) return null;
    return Atomics.load(this._control, EXITCODE);
  }

  get pid(): number | null {
    return this._pid;
  }

  get ident(): number | null {
    return this._pid;
  }

  /** SIGTERM: the worker stops even while it sleeps or waits (worker.terminate interrupts Atomics.wait). */
  terminate(): void {
    this.stop(-15);
  }

  kill(): void {
    this.stop(-9);
  }

  private stop(code: number): void {
    if (!this._worker || !this.is_alive()) return;
    terminateThread(this._worker);
    this._forcedExit = code;
    liveChildren.delete(this);
  }

  close(): void {
    if (this.is_alive()) throw new ValueError("Cannot close a process while it is still running. You should first call join() or terminate().");
    this._closed = true;
  }

  __repr__(): string {
    const code = this.exitcode;
    const state = !this._control ? "initial" : code === null ? "started" : `stopped${code !== 0 ? ` exitcode=${code}` : ""}`;
    return `<${this.kindName()} name='${this.name}' ${code === null && this._control ? `pid=${this._pid} ` : ""}parent=${identity.current.pid} ${state}${this.daemon ? " daemon" : ""}>`.replace(" >", ">");
  }
}

export function active_children(): Process[] {
  return [...liveChildren].filter((p) => p.is_alive());
}

export function cpu_count(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** The object describing the running process (MainProcess in the main thread). */
export function current_process(): { name: string; pid: number; daemon: boolean; ident: number } {
  const id = identity.current;
  return { name: id.name, pid: id.pid, daemon: false, ident: id.pid };
}

export function parent_process(): { name: string; pid: number } | null {
  const id = identity.current;
  return id.parentPid === null ? null : { name: "MainProcess", pid: id.parentPid };
}

// At exit, as CPython's multiprocessing.util._exit_function: daemonic children are terminated, the others joined.
atExit.push(() => {
  for (const p of [...liveChildren]) if (p.daemon) p.terminate();
  for (const p of [...liveChildren]) p.join();
});
