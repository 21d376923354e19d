// The dispatcher thread of a Pool on the redis backend: registers the pool for worker nodes, adds each
// task it receives from the main thread as a BullMQ job, and puts each job's result (QueueEvents'
// `completed`) into the Pool's result queue, once. It fails the tasks the backend cannot finish — a job
// that failed on a node, no worker node connected within the pickup timeout, Redis lost — so that the
// parent never hangs, and at the end removes everything the pool created in Redis.

import { workerData } from "node:worker_threads";
import type { Queue as BullQueue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { STATE, WorkerState } from "../protocol.js";
import { BrokenProcessPool, type PoolResult } from "../pool-task.js";
import { Queue } from "../queues.js";
import { BACKEND_ENV, PICKUP_TIMEOUT_ENV, PREFIX, aliveKey, poolKey, registryKey } from "./config.js";
import type { DispatcherCommand, DispatcherData, DispatcherReply, TaskData } from "./protocol.js";
import { checkReachable, connect, loadBullmq } from "./redis.js";

const data = workerData as DispatcherData;
const control = new Int32Array(data.control);
const results = new Queue<PoolResult>(0, data.results);
/** The run's alive key lasts this long unless refreshed (every HEARTBEAT_MS): a dead parent's queue is reclaimed. */
const ALIVE_MS = 10_000;
const HEARTBEAT_MS = 1_000;
/** Cleanup gives up after this long (Redis gone): the parent must still exit. */
const CLEANUP_MS = 5_000;

process.on("exit", () => {
  Atomics.store(control, STATE, WorkerState.Exited);
  Atomics.notify(control, STATE);
});

/** Tasks sent and not yet answered, by BullMQ job id. */
const outstanding = new Map<string, { job: number; chunk: number }>();
/** Since when tasks have been pending with no worker node seen (null: none pending, or a node is there). */
let unservedSince: number | null = null;
/** Since when Redis has failed every watchdog call (null: it answered). */
let failingSince: number | null = null;

function fail(jobId: string, message: string): void {
  const t = outstanding.get(jobId);
  if (!t) return;
  outstanding.delete(jobId);
  results.put([t.job, t.chunk, false, new BrokenProcessPool(message)]);
}

function failAll(message: string): void {
  for (const id of [...outstanding.keys()]) fail(id, message);
}

function reply(r: DispatcherReply): void {
  data.port.postMessage(r);
}

let redis: Redis;
let queue: BullQueue;
let events: QueueEvents;

try {
  await checkReachable(data.backend);
  const { Queue: BullQueue, QueueEvents } = await loadBullmq();
  redis = await connect(data.backend);
  redis.on("error", () => {}); // reported through the watchdog's failing calls
  await redis.multi().hset(poolKey(data.queue), { ...data.meta }).set(aliveKey(data.queue), "1", "PX", ALIVE_MS).sadd(registryKey(data.scriptKey), data.queue).exec();
  // From the stream's start: the queue is new, and no result may slip by before the first read.
  events = new QueueEvents(data.queue, { connection: redis.duplicate(), prefix: PREFIX, lastEventId: "0-0" });
  events.on("error", () => {});
  queue = new BullQueue(data.queue, { connection: redis, prefix: PREFIX, streams: { events: { maxLen: 100_000 } } });
  queue.on("error", () => {});
  await events.waitUntilReady();
  await queue.waitUntilReady();
} catch (e) {
  reply({ error: (e as Error).message });
  process.exit(1);
}

events.on("completed", ({ jobId, returnvalue }) => {
  if (!outstanding.delete(jobId)) return; // already answered (or failed): counted once
  results.putBytes(Buffer.from(returnvalue as unknown as string, "base64"));
});
events.on("failed", ({ jobId, failedReason }) => fail(jobId, `a worker node could not finish the task: ${failedReason}`));

/** Tasks that arrived in one turn of the event loop, added in one round trip. */
let batch: { name: string; data: TaskData; opts: { jobId: string; removeOnComplete: true; removeOnFail: true } }[] = [];

function add(job: number, chunk: number, bytes: Uint8Array): void {
  const jobId = `${job}-${chunk}`;
  if (outstanding.size === 0) unservedSince = performance.now();
  outstanding.set(jobId, { job, chunk });
  if (batch.length === 0) setImmediate(flush);
  batch.push({ name: "task", data: { job, chunk, task: Buffer.from(bytes).toString("base64") }, opts: { jobId, removeOnComplete: true, removeOnFail: true } });
}

function flush(): void {
  const jobs = batch;
  batch = [];
  queue.addBulk(jobs).catch((e: Error) => {
    for (const j of jobs) fail(j.opts.jobId, `could not queue the task on ${data.backend.url}: ${e.message}`);
  });
}

/**
 * Redis's answer to one of the watchdog's commands, or a rejection once it is late: on a lost connection the
 * client keeps commands until it reconnects, so an unbounded wait would stop the watchdog for good.
 */
function answered<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HEARTBEAT_MS} ms (connection ${redis.status})`)), HEARTBEAT_MS);
  });
  return Promise.race([command, late]).finally(() => clearTimeout(timer));
}

/** Fails the pending tasks when no worker node is connected, or Redis does not answer, for the pickup timeout. */
async function watchdog(): Promise<void> {
  const limit = data.pickupSeconds * 1000;
  try {
    await answered(redis.pexpire(aliveKey(data.queue), ALIVE_MS));
    failingSince = null;
    if (outstanding.size === 0) return;
    if ((await answered(queue.getWorkersCount())) > 0) unservedSince = null;
    else unservedSince ??= performance.now();
    if (unservedSince !== null && performance.now() - unservedSince >= limit) {
      failAll(
        `no worker node picked up the pool's tasks within ${data.pickupSeconds} s (${PICKUP_TIMEOUT_ENV}); ` +
          `start one with: py2ts-mp worker SCRIPT.py --pool-backend ${data.backend.url}`,
      );
    }
  } catch (e) {
    failingSince ??= performance.now();
    if (performance.now() - failingSince >= limit) failAll(`lost the pool backend ${data.backend.url} (${BACKEND_ENV}): ${(e as Error).message}`);
  }
}

let watching = false;
const timer = setInterval(() => {
  if (watching) return;
  watching = true;
  void watchdog().finally(() => (watching = false));
}, HEARTBEAT_MS);

async function stop(): Promise<void> {
  clearInterval(timer);
  setTimeout(() => process.exit(0), CLEANUP_MS).unref();
  try {
    // Unregistered first, in one step: no worker node then takes the queue for a dead run's and reclaims it.
    await redis.multi().srem(registryKey(data.scriptKey), data.queue).del(poolKey(data.queue), aliveKey(data.queue)).exec();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  } finally {
    redis.disconnect();
    process.exit(0);
  }
}

data.port.on("message", (m: DispatcherCommand) => {
  if ("stop" in m) void stop();
  else add(m.send.job, m.send.chunk, m.send.bytes);
});

Atomics.store(control, STATE, WorkerState.Running);
reply({ ok: true });
