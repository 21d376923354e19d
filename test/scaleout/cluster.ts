// A scale-out cluster on this machine for the tests: a throwaway redis-server on a free loopback port
// (no persistence), worker nodes as separate `py2ts-mp worker` processes, and runs of `py2ts-mp run`.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { root } from "../helpers/fixtures.js";

const bin = path.join(root, "bin/py2ts-mp.js");

export const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
if (!hasRedis) console.warn("scale-out tests skipped: no redis-server binary (apt-get install -y redis-server)");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Resolves once something accepts connections on the port (redis-server takes a moment to start). */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => resolve(true)).on("error", () => resolve(false));
      s.unref();
      setTimeout(() => s.destroy(), 200);
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

export interface Cluster {
  readonly url: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every key in the Redis database (what runs left behind). */
  keys(): Promise<string[]>;
  /** Tasks being run by worker nodes now (BullMQ's active lists). */
  activeJobs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<Cluster> {
  const port = await freePort();
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await listening(port);
  const client = new Redis({ port, host: "127.0.0.1" });
  const env = {
    ...process.env,
    PY2TS_MP_CACHE: fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-scaleout-")),
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    env,
    keys: () => client.keys("*"),
    async activeJobs() {
      const lists = await client.keys("py2ts-mp:*:active");
      const lengths = await Promise.all(lists.map((k) => client.llen(k)));
      return lengths.reduce((a, b) => a + b, 0);
    },
    async stop() {
      client.disconnect();
      server.kill("SIGKILL");
    },
  };
}

/** A worker node for `script`, ready once it says it is serving. */
export function startNode(cluster: Cluster, script: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, "worker", path.basename(script), "--pool-backend", cluster.url, "--concurrency", "2"], {
    cwd: path.dirname(script),
    env: { ...cluster.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("serving")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker node exited (${code}): ${err}`)));
  });
}

export function stopNodes(nodes: readonly ChildProcess[]): void {
  for (const n of nodes) n.kill("SIGKILL");
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  ms: number;
}

/** `py2ts-mp run script --pool-backend …` (or other arguments); `onStdout` sees the output as it comes. */
export function runScript(cluster: Cluster, script: string, args: string[], env: NodeJS.ProcessEnv = {}, onStdout?: (text: string) => void): Promise<RunResult> & { child: ChildProcess } {
  const start = performance.now();
  const child = spawn(process.execPath, [bin, "run", path.basename(script), ...args], { cwd: path.dirname(script), env: { ...cluster.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    onStdout?.(stdout);
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<RunResult>((resolve) => child.on("close", (code) => resolve({ stdout, stderr, code, ms: performance.now() - start })));
  return Object.assign(done, { child });
}
