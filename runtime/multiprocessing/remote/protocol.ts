// What the parent's main thread, its dispatcher thread and a worker node exchange. A task crosses Redis
// as a BullMQ job whose data is TaskData; its result comes back as the job's return value: the result
// message (pool-task.ts PoolResult) serialized and base64-encoded, which the dispatcher puts unchanged
// into the Pool's result queue.

import type { MessagePort } from "node:worker_threads";
import type { Backend, PoolMeta } from "./config.js";

export interface TaskData {
  readonly job: number;
  readonly chunk: number;
  /** The PoolTask, serialized (serialize.ts) and base64-encoded. */
  readonly task: string;
}

/** workerData of the dispatcher thread (remote/dispatcher.ts). */
export interface DispatcherData {
  readonly backend: Backend;
  readonly scriptKey: string;
  readonly queue: string;
  readonly meta: PoolMeta;
  readonly pickupSeconds: number;
  /** The Pool's result queue. */
  readonly results: SharedArrayBuffer;
  /** STATE cell (protocol.ts WorkerState): Running once connected, Exited at its end. */
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** Main thread → dispatcher. */
export type DispatcherCommand = { readonly send: { readonly job: number; readonly chunk: number; readonly bytes: Uint8Array } } | { readonly stop: true };

/** Dispatcher → main thread, once: connected and registered, or why not. */
export type DispatcherReply = { readonly ok: true } | { readonly error: string };

/** A worker node's main thread → one of its executor threads (remote/executor.ts). */
export interface ExecutorRequest extends TaskData {
  /** The BullMQ queue (one per Pool of a run), and that pool's start method, snapshot and initializer. */
  readonly queue: string;
  readonly meta: PoolMeta;
}

/** Executor → node: the serialized result message, base64 (the job's return value). */
export interface ExecutorReply {
  readonly result: string;
}
