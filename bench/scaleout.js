// The scale-out part of `npm run bench`: the cost of running a Pool's tasks as BullMQ jobs on Redis
// (--pool-backend) against the local worker-thread Pool, on this machine: tasks per second (the slope
// between a short and a long run, so start-up is left out), the fixed cost of a run, and pool_cpu's
// speedup with 1, 2 and 4 worker nodes (one task at a time each). Needs redis-server; skipped without.

import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";

const SHORT = 200;
const LONG = 2200;
const NODE_COUNTS = [1, 2, 4];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function listening(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true))).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

/** A worker node serving `script`, resolved once it says it is serving. */
function startNode(cli, script, url, env, concurrency) {
  const child = spawn(process.execPath, [cli, "worker", script, "--pool-backend", url, "--concurrency", String(concurrency)], { env, stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("serving")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker node exited (${code}): ${err.trim()}`)));
  });
}

/**
 * `series(cmd, args, env)` times runs as the main benchmarks do; `cli` is bin/py2ts-mp.js. Returns the
 * figures for --json, or null when redis-server is missing.
 */
export async function scaleOut({ root, cli, env, series, f2 }) {
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    console.log("\nScale-out: skipped (no redis-server; apt-get install -y redis-server).");
    return null;
  }
  const port = await freePort();
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  const nodes = [];
  const stopNodes = () => nodes.splice(0).forEach((n) => n.kill("SIGTERM"));
  try {
    await listening(port);
    const tasks = path.join(root, "bench/scaleout/tasks.py");
    const cpu = path.join(root, "bench/scripts/pool_cpu.py");
    const run = (script, args, backend) => series(process.execPath, [cli, "run", script, ...(backend ? ["--pool-backend", url] : []), ...args], env).summary;
    run(tasks, ["1"], false); // fills the conversion cache

    const out = { tasks: {}, poolCpu: [] };
    console.log(`\n| Pool tasks (chunksize 1) | tasks/s | fixed cost of a run, s |`);
    console.log(`|---|---:|---:|`);
    const rate = (backend) => {
      const short = run(tasks, [String(SHORT)], backend).median;
      const long = run(tasks, [String(LONG)], backend).median;
      const perSecond = (LONG - SHORT) / (long - short);
      return { perSecond, fixed: short - SHORT / perSecond };
    };
    out.tasks.local = rate(false);
    console.log(`| local Pool (4 worker threads) | ${out.tasks.local.perSecond.toFixed(0)} | ${f2(out.tasks.local.fixed)} |`);
    nodes.push(await startNode(cli, tasks, url, env, 4));
    out.tasks.redis = rate(true);
    console.log(`| redis backend, 1 worker node (concurrency 4) | ${out.tasks.redis.perSecond.toFixed(0)} | ${f2(out.tasks.redis.fixed)} |`);
    stopNodes();

    console.log(`\n| pool_cpu (16 tasks, Pool(4)) | median s | speedup vs local Pool |`);
    console.log(`|---|---:|---:|`);
    const local = run(cpu, ["4"], false).median;
    out.poolCpu.push({ nodes: 0, median: local, speedup: 1 });
    console.log(`| local Pool (4 worker threads) | ${f2(local)} | 1.00 |`);
    for (const n of NODE_COUNTS) {
      for (let i = 0; i < n; i++) nodes.push(await startNode(cli, cpu, url, env, 1));
      const median = run(cpu, ["4"], true).median;
      out.poolCpu.push({ nodes: n, median, speedup: local / median });
      console.log(`| ${n} worker node${n > 1 ? "s" : ""} (1 task at a time each) | ${f2(median)} | ${f2(local / median)} |`);
      stopNodes();
    }
    return out;
  } finally {
    stopNodes();
    redis.kill("SIGKILL");
  }
}
