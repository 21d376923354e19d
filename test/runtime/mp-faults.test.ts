// Faults: a worker that dies without running any of its exit code (as out of memory does) is noticed by
// join(), Pool.map and apply_async().get(); terminate() stops a worker blocked in Atomics.wait; the program
// ends with its main code, joining a non-daemon child and terminating a daemon child and an open pool.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("faults", () => {
  it("never hangs the parent, and exits when the main code ends", async () => {
    const started = performance.now();
    const r = await runFixture("faults.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "vanished -9 False",
      "map: BrokenProcessPool",
      "get: BrokenProcessPool",
      "pool still serves 4,9",
      "terminated while blocked -15",
      "main done",
      "non-daemon child finished",
    ]);
    // The daemon child and the pool's task sleep for an hour: they were terminated, not waited for.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("notices a hard death that the main code only polls for with is_alive()", async () => {
    const r = await runFixture("faults-polled.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["polled -9 False True"]);
  });

  it("drops warm spares that died in their boot before anything ran", async () => {
    const r = await runFixture("spares-die.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["hello from Process-1", "exit 0", "started within 3 s True"]);
  });
});
