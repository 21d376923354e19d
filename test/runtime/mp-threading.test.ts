// threading.Thread on a worker (args may hold an mp.Queue), Thread-N (target) names, the exception
// report of a failing thread; queue.Queue; time.sleep and the clocks.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("threading, queue and time", () => {
  it("runs threads as workers and reports their exceptions", async () => {
    const r = await runFixture("threading-basic.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "Thread-1 (work) False",
      "Thread-1 (work) got 5 False",
      "main goes on MainThread",
      "1 True",
      "queue joined",
      "slept True True True",
    ]);
    expect(r.stderr).toMatch(/^Exception in thread Thread-2 \(explode\):\nTraceback \(most recent call last\):\n(.*\n)*ValueError: in thread\n$/);
  });
});
