// The redis pool backend's settings and names: the backend URL (redis://HOST:PORT[/DB]), the timeouts a
// user can tune through the environment, and the Redis keys and BullMQ queue names of a run. Every key
// carries the script's key (which program) and the run's id (which run of it), so runs never mix.

/** The pool backend URL; `py2ts-mp run --pool-backend` sets it too. */
export const BACKEND_ENV = "PY2TS_MP_POOL_BACKEND";
/** Seconds the parent waits, with tasks pending, for some worker node to be connected (default 60). */
export const PICKUP_TIMEOUT_ENV = "PY2TS_MP_POOL_PICKUP_TIMEOUT";
/** Seconds a worker node's lock on a task lasts without renewal: a lost node's tasks rerun within ~1.5x (default 30). */
export const LOCK_TIMEOUT_ENV = "PY2TS_MP_POOL_LOCK_TIMEOUT";
/** Identifies the program (set by the CLI from the Python source); parent and worker nodes must agree. */
export const SCRIPT_KEY_ENV = "PY2TS_MP_SCRIPT_KEY";

export const PREFIX = "py2ts-mp";

export interface Backend {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
}

/** A backend that is malformed or cannot be reached: the CLI prints its message as one line and exits 1. */
export class BackendError extends Error {}

export function parseBackend(url: string): Backend {
  const bad = (why: string) => new BackendError(`py2ts-mp: bad pool backend URL '${url}': ${why} (expected redis://HOST:PORT[/DB])`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad("not a URL");
  }
  if (u.protocol !== "redis:") throw bad(`unsupported scheme '${u.protocol.replace(/:$/, "")}'`);
  if (!u.hostname) throw bad("no host");
  if (u.search || u.hash) throw bad("unexpected query or fragment");
  const path = u.pathname.replace(/^\//, "");
  if (path !== "" && !/^\d+$/.test(path)) throw bad(`database '${path}' is not a number`);
  return {
    url,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : 6379,
    db: path ? Number(path) : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

export function secondsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new BackendError(`py2ts-mp: ${name} must be a positive number of seconds, not '${raw}'`);
  return n;
}

/** One BullMQ queue per Pool of a run (BullMQ forbids ':' in queue names). */
export function queueName(scriptKey: string, runId: string, poolId: number): string {
  return `${scriptKey}.${runId}.${poolId}`;
}

/** The set of live queues of a script, which worker nodes started for that script watch. */
export function registryKey(scriptKey: string): string {
  return `${PREFIX}:runs:${scriptKey}`;
}

/** Exists while the parent of a queue is alive (it refreshes the expiry): a node removes a dead run's queue. */
export function aliveKey(queue: string): string {
  return `${PREFIX}:alive:${queue}`;
}

/** What every task of a pool needs once: start method, fork snapshot and initializer (base64 fields). */
export function poolKey(queue: string): string {
  return `${PREFIX}:pool:${queue}`;
}

export interface PoolMeta {
  readonly startMethod: string;
  readonly snapshot: string;
  readonly initializer: string;
}
