// The redis backend's guarantees when things go wrong: a worker node killed mid-run (its tasks run on the
// other node, each result counted once), bad or unreachable backends (one line, exit 1, within seconds),
// no worker node (a named timeout), objects that cannot cross machines (an error naming them), and
// AsyncResult.get(timeout).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparable, fixtures, root } from "../helpers/fixtures.js";
import { freePort, hasRedis, runScript, startNode, startRedis, stopNodes, type Cluster } from "./cluster.js";

const slow = fixtures(path.join(root, "fixtures/runtime")).find((f) => f.name === "runtime/pool_slow_tasks")!;
const s004 = path.join(root, "fixtures/articles/s004_pool_map.py");

const limits = `import multiprocessing as mp
import time

counter = mp.Value("i", 0)


def bump(x):
    counter.value += 1
    return x


def take(q):
    return q.get()


def slow(x):
    time.sleep(1.5)
    return x


if __name__ == "__main__":
    q = mp.Queue()
    with mp.Pool(2) as pool:
        try:
            pool.apply(take, (q,))
        except RuntimeError as e:
            print("queue:", e)
        try:
            pool.map(bump, [1])
        except RuntimeError as e:
            print("value:", e)
        r = pool.apply_async(slow, (5,))
        try:
            r.get(timeout=0.1)
        except Exception as e:
            print(type(e).__name__, r.ready())
        print(r.get(timeout=30))
`;

describe.skipIf(!hasRedis)("the redis backend when things go wrong", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startRedis();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("when Redis goes away mid-run, a worker node told to stop still exits, and the run fails instead of hanging", async () => {
    for (const order of ["redis first", "signal during tasks"]) {
      const own = await startRedis();
      const node = await startNode(own, slow.py);
      const exited = new Promise<number | null>((resolve) => node.on("exit", (code) => resolve(code)));
      const run = runScript(own, slow.py, ["--pool-backend", own.url], { PY2TS_MP_POOL_PICKUP_TIMEOUT: "3" });
      // Tasks under way: the node's graceful stop waits for them, and reporting their results needs Redis.
      while ((await own.activeJobs()) < 1) await new Promise((r) => setTimeout(r, 50));
      if (order === "redis first") await own.stop();
      node.kill("SIGTERM");
      if (order === "signal during tasks") await own.stop();
      const outcome = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 15_000))]);
      if (outcome === "hung") node.kill("SIGKILL");
      expect(outcome, order).not.toBe("hung");
      const ran = await Promise.race([run, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 30_000))]);
      if (ran === "hung") run.child.kill("SIGKILL");
      expect(ran === "hung" ? ran : ran.stderr, order).toContain("BrokenProcessPool: lost the pool backend");
      expect(ran === "hung" ? ran : ran.code, order).toBe(1);
    }
  });

  it("a worker node killed mid-run: its tasks run on the other node, results in order and counted once", async () => {
    // Short locks: the killed node's tasks run elsewhere within seconds (the default is 30 s; a loaded
    // machine may delay a healthy node's renewals, which only reruns a task whose result counts once).
    const shortLocks = { PY2TS_MP_POOL_LOCK_TIMEOUT: "3" };
    const [doomed, survivor] = [await startNode(cluster, slow.py, shortLocks), await startNode(cluster, slow.py, shortLocks)];
    try {
      const run = runScript(cluster, slow.py, ["--pool-backend", cluster.url]);
      // Both nodes run tasks (two each) once the run is under way: kill one while it holds some.
      while ((await cluster.activeJobs()) < 3) await new Promise((r) => setTimeout(r, 50));
      doomed.kill("SIGKILL");
      const r = await run;
      expect(comparable(r.stdout, slow.meta), r.stderr).toEqual(comparable(slow.expectedStdout, slow.meta));
      expect(r.code).toBe(0);
    } finally {
      stopNodes([doomed, survivor]);
    }
    expect(await cluster.keys()).toEqual([]);
  });

  it("a bad backend URL: one line, exit code 1", async () => {
    for (const url of ["http://127.0.0.1:6379", "redis://127.0.0.1:6379/zero", "nonsense"]) {
      const r = await runScript(cluster, s004, ["--pool-backend", url]);
      expect(r.stderr).toMatch(new RegExp(`^py2ts-mp: bad pool backend URL '${url}': .*\\(expected redis://HOST:PORT\\[/DB\\]\\)\\n$`));
      expect([r.code, r.stdout]).toEqual([1, ""]);
    }
    const viaEnv = await runScript(cluster, s004, [], { PY2TS_MP_POOL_BACKEND: "redis//x" });
    expect([viaEnv.code, viaEnv.stderr.split("\n").length]).toEqual([1, 2]);
  });

  it("an unreachable Redis: one line naming it, exit code 1, within seconds", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const r = await runScript(cluster, s004, ["--pool-backend", url]);
    expect(r.stderr).toBe(`py2ts-mp: cannot reach Redis at ${url}: connect ECONNREFUSED ${url.slice("redis://".length)}\n`);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.ms).toBeLessThan(10_000);
  });

  it("no worker node: the run fails after the pickup timeout it names, and cleans up", async () => {
    const r = await runScript(cluster, s004, ["--pool-backend", cluster.url], { PY2TS_MP_POOL_PICKUP_TIMEOUT: "1" });
    expect(r.stderr).toContain("BrokenProcessPool: no worker node picked up the pool's tasks within 1 s (PY2TS_MP_POOL_PICKUP_TIMEOUT)");
    expect(r.code).toBe(1);
    expect(await cluster.keys()).toEqual([]);
  });

  it("Value and Queue cannot cross machines (errors name them); get(timeout) times out", async () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-limits-")), "limits.py");
    fs.writeFileSync(script, limits);
    const node = await startNode(cluster, script);
    try {
      const r = await runScript(cluster, script, ["--pool-backend", cluster.url]);
      expect(r.stdout.split("\n"), r.stderr).toEqual([
        `queue: a multiprocessing Queue object cannot be passed to a task of a Pool on the pool backend ${cluster.url}: it lives in this machine's memory and cannot cross to a worker node`,
        "value: global 'counter' cannot be used in a worker process: it could not be sent there (a multiprocessing Value object lives in this machine's memory and cannot cross to a worker node)",
        "TimeoutError False",
        "5",
        "",
      ]);
      expect(r.code).toBe(0);
    } finally {
      stopNodes([node]);
    }
  });
});
