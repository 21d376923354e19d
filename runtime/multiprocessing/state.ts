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

export const userModule: {
  url?: string;
  exports?: Record<string, unknown>;
  /** Resolves once the module is evaluated (and, under spawn, its main code has run) in this worker. */
  ready?: Promise<void>;
  /** Module globals accessors given by the converted module (fork snapshot). */
  state?: { get(): Record<string, unknown>; set(g: Record<string, unknown>): void };
  /** Hooks run in the main process just before its main code (the Process module prepares spares). */
  onStart: (() => void)[];
} = { onStart: [] };

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
