// Queue: FIFO between two workers with Python values keeping their types (tuple, dict with tuple
// keys, bigint, set, bytes, exceptions, unicode); Empty/Full; bounded blocking; JoinableQueue; shared
// objects refused inside a message; a million-message transfer arrives whole and in order.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("multiprocessing.Queue", () => {
  it("is FIFO across workers and round-trips Python values", async () => {
    const r = await runFixture("queue-types.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "(1, 'two', 3.5) Array",
      "{'k': [1, 2], (1, 2): None} Map",
      "1208925819614629174706176 BigInt",
      "{1, 2} Set",
      "b'hi' Uint8Array",
      "KeyError('missing') KeyError",
      "'héllo ✓' String",
      "[1, -2, 3, 2147483647, -2147483648, 6, 7, 8] Array",
      "(0, 1, 2, 3, 4, 5, 6, 7, 8) Array",
      "[1, 2, 3, 4, 5, 6, 7, 2147483648, 0.5] Array",
      "('a', [1, 2, 3, 4, 5, 6, 7, 8], 'bc', (9, 10, 11, 12, 13, 14, 15, 16, 17), True, [-1, -2, -3, -4, -5, -6, -7, -8]) Array",
      "[[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15]] Array",
      "ints 20000",
      "empty True",
      "empty after timeout True",
      "bounded [0, 1, 2, 3, 4] 0 True",
      "full True",
      "put_nowait True",
      "joined [10, 20, 30]",
      "RuntimeError: Queue objects should only be shared between processes through inheritance",
      "RuntimeError: Synchronized objects should only be shared between processes through inheritance",
      "simple ('a', 1) True",
    ]);
  });

  it("carries a million messages in order while the ring grows", async () => {
    const r = await runFixture("queue-bench.mjs", ["1000000"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("1000000 499999500000\n");
  });
});
