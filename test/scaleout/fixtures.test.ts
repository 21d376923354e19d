// The Pool and ProcessPoolExecutor fixtures, run with --pool-backend and two worker nodes (separate
// processes): their output equals CPython's golden, and the run leaves nothing behind in Redis.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparable, fixtures, root } from "../helpers/fixtures.js";
import { hasRedis, runScript, startNode, startRedis, stopNodes, type Cluster } from "./cluster.js";

const names = [
  "articles/s000_pool_apply_async",
  "articles/s001_pool",
  "articles/s002_pool",
  "articles/s002_pool_results",
  "articles/s003_pool_with",
  "articles/s004_pool_map",
  "fork/changed_after_start",
  "fork/globals_from_main",
  "runtime/pipe_and_futures",
  "runtime/pool_api",
];
const all = fixtures(path.join(root, "fixtures")).filter((f) => names.includes(f.name));

describe.skipIf(!hasRedis)("Pool fixtures on the redis backend with two worker nodes", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startRedis();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("finds every fixture it names", () => {
    expect(all.map((f) => f.name).sort()).toEqual([...names].sort());
  });

  for (const fx of all) {
    it(`${fx.name}: prints what CPython printed`, async () => {
      const nodes = await Promise.all([startNode(cluster, fx.py), startNode(cluster, fx.py)]);
      try {
        const r = await runScript(cluster, fx.py, ["--pool-backend", cluster.url]);
        expect(comparable(r.stdout, fx.meta), r.stderr).toEqual(comparable(fx.expectedStdout, fx.meta));
        expect(r.code).toBe(fx.meta.exitCode);
      } finally {
        stopNodes(nodes);
      }
      expect(await cluster.keys()).toEqual([]);
    });
  }
});
