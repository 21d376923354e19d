// Value, Array and the synchronization primitives across workers: a locked counter is exact, a Lock
// excludes, a Semaphore bounds, Event/Condition/Barrier wake waiters, typecodes keep their C types.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("sharedctypes and synchronize", () => {
  it("keeps counts exact under a lock and excludes holders", async () => {
    const r = await runFixture("shared-memory.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "counter 20000 expected 20000 array [4, 0, 0]",
      "lock excludes True True False",
      "semaphore peak <= 2 True 2",
      "event/condition/barrier True True",
      "1.5 1099511627776 number 9223372036854775808 b'A' [0.5, 0.25] [0, -7, 0] 3",
    ]);
  });
});
