// Pool: ordered map with CPython's default chunking, apply/apply_async + callbacks, starmap/imap, a
// task's exception re-raised with its class, unpicklable lambdas refused, `with` terminating, and a
// worker that dies failing the call (BrokenProcessPool) instead of hanging.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("multiprocessing.Pool", () => {
  it("maps, applies and fails as CPython does, without hanging", async () => {
    const r = await runFixture("pool-api.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]",
      "chunks of two True",
      "[3, 7]",
      "11",
      "3",
      "TypeError: add() got an unexpected keyword argument 'c'",
      "49 True True [49]",
      "[1, 4, 9]",
      "[1, 4, 9]",
      "caught ValueError True 'bad value 3' ['ValueError']",
      "successful False",
      "PicklingError: Can't pickle <function <lambda> at 0x7f0000000000>: attribute lookup <lambda> on __main__ failed",
      "['T:1', 'T:2']",
      "after with: ValueError Pool not running",
      "broken: BrokenProcessPool",
      "pending after terminate: ValueError",
      "done",
    ]);
  });

  it("names workers from the Process counter and honours maxtasksperchild", async () => {
    const r = await runFixture("pool-workers.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["['ForkPoolWorker-1', 'ForkPoolWorker-2']", "Process-3", "distinct workers 6"]);
  });
});
