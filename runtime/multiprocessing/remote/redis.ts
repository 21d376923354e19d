// Connections to the pool backend. bullmq and ioredis are imported here, lazily: only a run with a redis
// pool backend (its dispatcher thread, a worker node, the CLI's reachability check) ever loads them.

import type { Redis } from "ioredis";
import { BackendError, type Backend } from "./config.js";

const CONNECT_TIMEOUT_MS = 3000;

export async function loadBullmq(): Promise<typeof import("bullmq")> {
  return import("bullmq");
}

/** A connection for BullMQ (it requires maxRetriesPerRequest: null on connections that block). */
export async function connect(backend: Backend): Promise<Redis> {
  const { Redis } = await import("ioredis");
  return new Redis({
    host: backend.host,
    port: backend.port,
    db: backend.db,
    username: backend.username,
    password: backend.password,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
  });
}

/** Fails within seconds, with one line naming the backend, when Redis cannot be reached. */
export async function checkReachable(backend: Backend): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis({
    host: backend.host,
    port: backend.port,
    db: backend.db,
    username: backend.username,
    password: backend.password,
    connectTimeout: CONNECT_TIMEOUT_MS,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  let lastError: Error | undefined;
  redis.on("error", (e: Error) => (lastError = e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    const why = (lastError ?? (e as Error)).message;
    throw new BackendError(`py2ts-mp: cannot reach Redis at ${backend.url}: ${why}`);
  } finally {
    redis.disconnect();
  }
}
