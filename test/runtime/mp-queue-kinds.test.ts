// queue.LifoQueue / PriorityQueue across workers, BoundedSemaphore over-release (each module's message),
// Barrier abort waking a waiter in another worker, Array slices and slice assignment.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("queue kinds and more primitives", () => {
  it("orders, bounds and breaks as CPython does", async () => {
    const r = await runFixture("queue-kinds.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "lifo [(1, 'a'), (3, 'c'), (1, 'z'), (2, 'b')]",
      "priority [(1, 'a'), (1, 'z'), (2, 'b'), (3, 'c')]",
      "big 20000 True",
      "TypeError '<' not supported between instances of 'dict' and 'dict'",
      "still usable 2 (0, {})",
      "ValueError semaphore or lock released too many times",
      "ValueError Semaphore released too many times",
      "barrier broken True 0",
      "[9, 6, 3, 0] [6, 7, 8, 9] [8, 6, 4]",
      "[10, 1, 12, 3, 14, 5, 16, 7, 18, 9]",
      "ValueError Can only assign sequence of same size",
      "b'hi' 'hé'",
    ]);
  });
});
