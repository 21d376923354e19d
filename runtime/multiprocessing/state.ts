// Process-wide runtime state of one thread ("process"): the user's module and its exports (how functions
// and classes are found by name, as pickle finds them in __main__), this process's identity, and the
// children and pools it must join or terminate at exit.

import { isMainThread, workerData } from "node:worker_threads";

export interface ProcessIdentity {
  readonly name: string;
  readonly kind: "main" | "process" | "thread" | "pool";
  readonly pid: number;
  readonly parentPid: number | null;
  readonly startMethod: StartMethod;
}

export type StartMethod = "fork" | "spawn" | "forkserver";

export const WORKER_MARK = "py2ts-mp-worker";

export interface WorkerBoot {
  readonly [WORKER_MARK]: true;
  readonly identity: ProcessIdentity;
  readonly moduleUrl: string;
}

export function bootData(): WorkerBoot | undefined {
  return !isMainThread && workerData && (workerData as WorkerBoot)[WORKER_MARK] ? (workerData as WorkerBoot) : undefined;
}

export interface ModuleState {
  get(): Record<string, unknown>;
  set(g: Record<string, unknown>): void;
}

/** One converted module of the program, by its Python name (the entry script is `__main__`). */
export interface ProgramModule {
  /** The module's namespace once evaluated: how functions and classes are found by name, as pickle does. */
  exports?: Record<string, unknown>;
  /** Accessors of the module globals its functions use: what a forked child inherits. */
  state?: ModuleState;
}

export const programModules = new Map<string, ProgramModule>();

export const userModule: {
  url?: string;
  /** Resolves once every module is evaluated (and, under spawn, the main code has run) in this worker. */
  ready?: Promise<void>;
  /** Namespaces still loading (one per module). */
  loading: Promise<void>[];
  /** Hooks run in the main process just before its main code (the Process module prepares spares). */
  onStart: (() => void)[];
} = { loading: [], onStart: [] };

/** Where a function or class lives: the module that exports it under its own name. */
export function exportedAs(value: { name: string }): { module: string; name: string } | undefined {
  const name = value.name;
  if (name) for (const [module, m] of programModules) if (m.exports?.[name] === value) return { module, name };
  // Exported under another name than its own (`export const fib = lruCache(...)`).
  for (const [module, m] of programModules) {
    for (const [key, v] of Object.entries(m.exports ?? {})) if (v === value) return { module, name: key };
  }
  return undefined;
}

export function exportedValue(module: string, name: string): unknown {
  return programModules.get(module)?.exports?.[name];
}

export const identity: { current: ProcessIdentity } = {
  current: bootData()?.identity ?? { name: "MainProcess", kind: "main", pid: process.pid, parentPid: null, startMethod: "fork" },
};

let startMethod: StartMethod | undefined;
export function getStartMethod(): StartMethod {
  return startMethod ?? (process.env.PY2TS_MP_START_METHOD as StartMethod | undefined) ?? "fork";
}
export function setStartMethod(m: StartMethod | undefined): void {
  startMethod = m;
}
export function startMethodWasSet(): boolean {
  return startMethod !== undefined;
}

/** Things to finish at exit, in order (join children, terminate pools). */
export const atExit: (() => void)[] = [];

/** The script's atexit functions (stdlib/atexit.ts) in registration order. They run before `atExit`, last first:
 *  CPython's multiprocessing registers its own exit function when it is imported, before any of the script's. */
export const exitFunctions: { readonly func: (...args: never[]) => unknown; readonly args: readonly unknown[] }[] = [];
