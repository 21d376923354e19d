// Line-buffered output across workers: no torn lines, a partial line waits for its newline (another
// process's whole line may come first), a partial line left at exit is flushed.

import { describe, expect, it } from "vitest";
import { runFixture } from "./fixtures/mp/harness.js";

describe("line-buffered stdout", () => {
  it("never tears or mixes lines of different workers", async () => {
    const r = await runFixture("line-buffering.mjs");
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.split("\n");
    const tail = out.slice(-3);
    const chatter = out.slice(0, -3);
    expect(chatter).toHaveLength(200);
    for (const line of chatter) expect(line).toMatch(/^w([1-4]) \d+ \1{70000}$/);
    expect(tail).toEqual(["main line while the worker's line is partial", "partial-complete", "no newline at exit"]);
  });
});
