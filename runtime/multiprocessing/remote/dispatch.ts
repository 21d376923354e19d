// The parent's side of the redis pool backend, in the main thread: a TaskDispatch that serializes each
// task and hands it to a dispatcher thread (remote/dispatcher.ts), which talks to Redis asynchronously
// while this thread blocks in the Pool's waits, and puts the results into the Pool's result queue.

import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { OSError, RuntimeError, ValueError } from "../../builtins/exceptions.js";
import { isShareable } from "../handles.js";
import type { DispatchOptions, LostTasks, TaskDispatch } from "../pool-dispatch.js";
import { BrokenProcessPool, type PoolTask } from "../pool-task.js";
import { crossable } from "../process.js";
import { CONTROL_CELLS, STATE, WorkerState } from "../protocol.js";
import { dumps } from "../serialize.js";
import { programModules, userModule } from "../state.js";
import { BACKEND_ENV, BackendError, PICKUP_TIMEOUT_ENV, SCRIPT_KEY_ENV, parseBackend, queueName, secondsFromEnv, type Backend } from "./config.js";
import type { DispatcherCommand, DispatcherData, DispatcherReply } from "./protocol.js";

const ENTRY = new URL("./dispatcher.js", import.meta.url);
/** Connecting and registering the pool; an unreachable Redis fails sooner (the connect timeout). */
const START_WAIT_MS = 15_000;
/** Removing the run's queue and keys from Redis at the end. */
const STOP_WAIT_MS = 10_000;

/**
 * node:crypto, loaded only when a Redis pool is used: every module of the runtime is loaded by every
 * worker thread at its boot, and crypto's load is a tenth of the runtime's (~13 ms CPU a thread).
 */
const crypto = (): typeof import("node:crypto") => createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");

let runIdMemo: string | undefined;
/** This run's id: in every queue name and key the run creates, so concurrent runs never mix. */
function runId(): string {
  return (runIdMemo ??= `${process.pid.toString(36)}${crypto().randomBytes(4).toString("hex")}`);
}

/** The configured backend, or null for local worker threads. */
export function poolBackend(): Backend | null {
  const url = process.env[BACKEND_ENV];
  if (!url) return null;
  try {
    return parseBackend(url);
  } catch (e) {
    throw e instanceof BackendError ? new ValueError(e.message) : e;
  }
}

/** Which program this is; worker nodes serve only queues of the same key (see SCRIPT_KEY_ENV). */
function scriptKey(): string {
  const fromCli = process.env[SCRIPT_KEY_ENV];
  if (fromCli) return fromCli;
  return crypto().createHash("sha256").update(fs.readFileSync(fileURLToPath(userModule.url!))).digest("hex").slice(0, 16);
}

export class RemoteDispatch implements TaskDispatch {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_CELLS * 4));
  private readonly port: MessagePort;
  private stopped = false;

  constructor(
    private readonly backend: Backend,
    poolId: number,
    opts: DispatchOptions,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.port.unref();
    const fork = opts.startMethod === "fork";
    const key = scriptKey();
    const data: DispatcherData = {
      backend,
      scriptKey: key,
      queue: queueName(key, runId(), poolId),
      meta: {
        // Spawn-like start methods run the module as __mp_main__ on the node instead of receiving globals.
        startMethod: fork ? "fork" : "spawn",
        snapshot: fork ? base64(dumps(new Map([...programModules].filter(([, m]) => m.state).map(([name, m]) => [name, crossable(m.state!.get(), remoteDumps)])))) : "",
        initializer: opts.initializer ? base64(this.serialize(opts.initializer)) : "",
      },
      pickupSeconds: secondsFromEnv(PICKUP_TIMEOUT_ENV, 60),
      results: opts.results.__shared__().buffers[0]!,
      control: this.control.buffer as SharedArrayBuffer,
      port: port2,
    };
    const worker = new Worker(ENTRY, { workerData: data, transferList: [port2] });
    worker.unref();
    const reply = this.awaitReply();
    if ("error" in reply) throw new ConnectionError(reply.error);
  }

  /** Blocks until the dispatcher has connected and registered the pool (or failed to). */
  private awaitReply(): DispatcherReply {
    const deadline = performance.now() + START_WAIT_MS;
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as DispatcherReply;
      const left = deadline - performance.now();
      if (Atomics.load(this.control, STATE) === WorkerState.Exited || left <= 0) {
        return { error: `py2ts-mp: the pool backend ${this.backend.url} did not answer within ${START_WAIT_MS / 1000} s` };
      }
      Atomics.wait(this.control, STATE, Atomics.load(this.control, STATE), Math.min(left, 20));
    }
  }

  private serialize(value: unknown): Uint8Array {
    try {
      return dumps(value);
    } catch (e) {
      const shared = findShared(value);
      if (!shared) throw e;
      throw new RuntimeError(`${shared} cannot be passed to a task of a Pool on the pool backend ${this.backend.url}: it lives in this machine's memory and cannot cross to a worker node`);
    }
  }

  send(task: PoolTask): void {
    const bytes = this.serialize(task);
    if (this.stopped || Atomics.load(this.control, STATE) === WorkerState.Exited) throw new BrokenProcessPool("the pool backend's dispatcher has stopped");
    this.port.postMessage({ send: { job: task[0], chunk: task[1], bytes } } satisfies DispatcherCommand);
  }

  /** The dispatcher started with the pool; Redis holds the jobs until worker nodes take them. */
  start(): void {}

  /** The dispatcher fails lost tasks itself (stalled jobs, no worker node); only its own end is left to notice. */
  check(lost: LostTasks): void {
    if (!this.stopped && Atomics.load(this.control, STATE) === WorkerState.Exited) {
      this.stopped = true;
      lost.all(new BrokenProcessPool(`the dispatcher of the pool backend ${this.backend.url} stopped unexpectedly`));
    }
  }

  join(): void {
    this.stop();
  }

  terminate(): void {
    this.stop();
  }

  /** Removes everything the pool created in Redis, waiting (boundedly) so that it happens before exit. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.port.postMessage({ stop: true } satisfies DispatcherCommand);
    const deadline = performance.now() + STOP_WAIT_MS;
    while (Atomics.load(this.control, STATE) !== WorkerState.Exited && performance.now() < deadline) {
      Atomics.wait(this.control, STATE, Atomics.load(this.control, STATE), 50);
    }
  }
}

/** Python's ConnectionError: the backend could not be reached or set up. */
class ConnectionError extends OSError {}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Globals that are shared memory cannot reach a worker node: naming why, for the marker's error. */
function remoteDumps(value: unknown): Uint8Array {
  const shared = findShared(value);
  if (shared) throw new RuntimeError(`${shared} lives in this machine's memory and cannot cross to a worker node`);
  return dumps(value);
}

/** The first shared-memory object (Value, Array, Lock, Queue, a Manager's proxy …) inside `value`, named. */
function findShared(value: unknown, depth = 0): string | null {
  if (isShareable(value)) return `a multiprocessing ${value.__shared__().kind} object`;
  if (depth > 8 || typeof value !== "object" || value === null) return null;
  const parts = Array.isArray(value) ? value : value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const part of parts) {
    const found = findShared(part, depth + 1);
    if (found) return found;
  }
  return null;
}
