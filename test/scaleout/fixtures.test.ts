// The Pool and ProcessPoolExecutor fixtures, run with --pool-backend and two worker nodes (separate
// processes): their output equals CPython's golden, and the runs leave nothing behind in Redis.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparable, fixtures, root } from "../helpers/fixtures.js";
import { hasRedis, runScript, startNode, startRedis, stopNodes, type Cluster } from "./cluster.js";

// apply_async with callbacks, `with`, map; the fork snapshot of globals; ProcessPoolExecutor; the Pool API.
const names = ["articles/s000_pool_apply_async", "articles/s003_pool_with", "articles/s004_pool_map", "fork/globals_from_main", "runtime/pipe_and_futures", "runtime/pool_api"];
const all = fixtures(path.join(root, "fixtures")).filter((f) => names.includes(f.name));

describe.skipIf(!hasRedis).concurrent("Pool fixtures on the redis backend with two worker nodes", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startRedis();
  });
  afterAll(async () => {
    // Every run removed what it created (checked once all ran: they run side by side).
    expect(await cluster.keys()).toEqual([]);
    await cluster.stop();
  });

  it("finds every fixture it names", () => {
    expect(all.map((f) => f.name).sort()).toEqual([...names].sort());
  });

  for (const fx of all) {
    it(`${fx.name}: prints what CPython printed`, async () => {
      // One after the other: the second node (and the run) reuse the first one's conversion.
      const nodes = [await startNode(cluster, fx.py)];
      nodes.push(await startNode(cluster, fx.py));
      try {
        const r = await runScript(cluster, fx.py, ["--pool-backend", cluster.url]);
        expect(comparable(r.stdout, fx.meta), r.stderr).toEqual(comparable(fx.expectedStdout, fx.meta));
        expect(r.code).toBe(fx.meta.exitCode);
      } finally {
        stopNodes(nodes);
      }
    });
  }
});
