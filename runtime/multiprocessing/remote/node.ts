// A worker node (`py2ts-mp worker SCRIPT.py --pool-backend redis://…`): watches the registry of its
// script's live pools and runs a BullMQ Worker on each pool's queue; each job runs on one of the node's
// executor threads (remote/executor.ts). BullMQ renews the node's locks on its jobs from this thread,
// which tasks never block, so a node that dies or is cut off stops renewing and its jobs are handed to
// another node (BullMQ's stalled-job check). A queue whose parent died is removed here.

import os from "node:os";
import { Worker as Thread } from "node:worker_threads";
import type { Job, Worker as BullWorker } from "bullmq";
import type { Redis } from "ioredis";
import { IO_LOCK, ioLockBuffer } from "../../io.js";
import { BrokenProcessPool } from "../pool-task.js";
import { dumps } from "../serialize.js";
import { WORKER_MARK, type ProcessIdentity } from "../state.js";
import { PREFIX, aliveKey, poolKey, registryKey, type Backend, type PoolMeta } from "./config.js";
import type { ExecutorReply, ExecutorRequest, TaskData } from "./protocol.js";
import { connect, loadBullmq } from "./redis.js";

const ENTRY = new URL("./executor.js", import.meta.url);
/** How often the node looks for new pools of its script (a new pool's first task waits at most this). */
const WATCH_MS = 200;

export interface NodeOptions {
  readonly backend: Backend;
  readonly scriptKey: string;
  readonly moduleUrl: string;
  readonly concurrency: number;
  readonly lockSeconds: number;
}

interface Executor {
  readonly thread: Thread;
  readonly startMethod: string;
}

/**
 * At most `size` tasks run at once, over every pool the node serves; executors are started on demand,
 * one set per start method (a spawn pool's executor has run the module as __mp_main__, a fork pool's not).
 */
class Executors {
  private readonly idle: Executor[] = [];
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private started = 0;

  constructor(
    private readonly moduleUrl: string,
    private readonly size: number,
  ) {}

  async run(queue: string, meta: PoolMeta, data: TaskData): Promise<string> {
    // A finishing task hands its slot straight to the next waiting one (running stays at most size).
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    const i = this.idle.findIndex((e) => e.startMethod === meta.startMethod);
    const executor = i >= 0 ? this.idle.splice(i, 1)[0]! : this.start(meta.startMethod);
    try {
      const { result, alive } = await this.ask(executor, { ...data, queue, meta });
      if (alive) this.idle.push(executor);
      return result;
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private start(startMethod: string): Executor {
    const n = ++this.started;
    const identity: ProcessIdentity = {
      name: `${startMethod === "fork" ? "Fork" : "Spawn"}PoolWorker-${n}`,
      kind: "pool",
      pid: process.pid + n * 7,
      parentPid: process.pid,
      startMethod: startMethod === "fork" ? "fork" : "spawn",
    };
    const thread = new Thread(ENTRY, { workerData: { [WORKER_MARK]: true, identity, moduleUrl: this.moduleUrl, [IO_LOCK]: ioLockBuffer } });
    return { thread, startMethod };
  }

  /** The task's result message; an executor that dies running it fails the task (and is not reused). */
  private ask(executor: Executor, req: ExecutorRequest): Promise<{ result: string; alive: boolean }> {
    return new Promise((resolve) => {
      const onMessage = (reply: ExecutorReply) => {
        executor.thread.off("exit", onExit);
        resolve({ result: reply.result, alive: true });
      };
      const onExit = (code: number) => {
        executor.thread.off("message", onMessage);
        const error = new BrokenProcessPool(`A worker of the pool exited unexpectedly (exit code ${code}) while running a task`);
        resolve({ result: Buffer.from(dumps([req.job, req.chunk, false, error])).toString("base64"), alive: false });
      };
      executor.thread.once("message", onMessage);
      executor.thread.once("exit", onExit);
      executor.thread.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.map((e) => e.thread.terminate()));
  }
}

export async function runWorkerNode(opts: NodeOptions): Promise<void> {
  const { Queue, Worker } = await loadBullmq();
  const redis: Redis = await connect(opts.backend);
  redis.on("error", (e: Error) => process.stderr.write(`py2ts-mp worker: ${e.message}\n`));
  const executors = new Executors(opts.moduleUrl, opts.concurrency);
  const workers = new Map<string, BullWorker>();
  const connection = { host: opts.backend.host, port: opts.backend.port, db: opts.backend.db, username: opts.backend.username, password: opts.backend.password, maxRetriesPerRequest: null };
  const lockDuration = opts.lockSeconds * 1000;

  function serve(queue: string, meta: PoolMeta): void {
    const worker = new Worker(queue, (job: Job<TaskData>) => executors.run(queue, meta, job.data), {
      connection,
      prefix: PREFIX,
      concurrency: opts.concurrency,
      lockDuration,
      // A lost node's job is found at most this long after its lock expired.
      stalledInterval: lockDuration / 2,
      maxStalledCount: 2,
    });
    // A queue removed under a running job (its parent ended or was terminated) reports here; nothing to do.
    worker.on("error", () => {});
    workers.set(queue, worker);
  }

  /** A queue whose parent stopped refreshing its alive key: remove all it left in Redis. */
  async function reclaim(queue: string): Promise<void> {
    // Whoever unregisters it cleans up: its parent at its end, or one node (another node, or the parent
    // ending just now, may have seen the alive key gone too).
    if ((await redis.srem(registryKey(opts.scriptKey), queue)) === 0) return;
    const q = new Queue(queue, { connection, prefix: PREFIX });
    q.on("error", () => {});
    try {
      await q.obliterate({ force: true });
    } finally {
      await q.close();
    }
    await redis.del(poolKey(queue));
  }

  /**
   * After its parent removed a queue, this node's Worker may still have run a stalled-job check on it
   * (which writes the queue's meta key back): delete whatever is left under the queue's name.
   */
  async function purge(queue: string): Promise<void> {
    const keys = await redis.keys(`${PREFIX}:${queue}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }

  async function watch(): Promise<void> {
    const live = new Set(await redis.smembers(registryKey(opts.scriptKey)));
    for (const queue of live) {
      if (workers.has(queue)) continue;
      if (!(await redis.exists(aliveKey(queue)))) {
        await reclaim(queue).catch(() => {});
        continue;
      }
      const meta = (await redis.hgetall(poolKey(queue))) as unknown as PoolMeta;
      if (meta.startMethod) serve(queue, meta);
    }
    for (const [queue, worker] of workers) {
      if (live.has(queue)) continue;
      workers.delete(queue);
      void worker
        .close(true)
        .then(() => purge(queue))
        .catch(() => {});
    }
  }

  let stopping = false;
  /** A graceful stop lets the tasks under way finish and report; a second signal stops at once. */
  const shutdown = async (signal: "SIGINT" | "SIGTERM") => {
    if (stopping) process.exit(128 + os.constants.signals[signal]);
    stopping = true;
    // Their results can only be reported through Redis: once it is gone, waiting for them would never end.
    const redisGone = new Promise<void>((resolve) => {
      if (redis.status !== "ready") resolve();
      redis.once("close", () => resolve());
    });
    await Promise.race([Promise.allSettled([...workers.values()].map((w) => w.close())), redisGone]);
    await executors.close();
    redis.disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  process.stderr.write(`py2ts-mp worker: serving ${opts.scriptKey} from ${opts.backend.url} with ${opts.concurrency} executors\n`);
  while (!stopping) {
    await watch().catch((e: Error) => process.stderr.write(`py2ts-mp worker: ${e.message}\n`));
    await new Promise((r) => setTimeout(r, WATCH_MS));
  }
}
