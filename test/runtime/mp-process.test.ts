// Process lifecycle: args reach the target; exit codes 0, 1 (exception: "Process Process-N:" and a
// traceback on stderr, the parent goes on), -15 after terminate(), -9 after kill(), os._exit's code.

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("multiprocessing.Process", () => {
  it("runs targets with args and reports exit codes as CPython does", async () => {
    const r = await runFixture("process-lifecycle.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "Process-1 False None",
      "hello world 42 b Process-1",
      "ok 0 False",
      "bad Process-2 1",
      "alive True 1",
      "terminated -15",
      "killed Victim -9",
      "exit 7",
      "timed out join None",
      "joined 0",
      "parent MainProcess None",
      "hello kw 10 y Process-7",
    ]);
    expect(r.stderr).toContain("Process Process-2:\nTraceback (most recent call last):\n");
    expect(r.stderr).toContain("ValueError: boom\n");
  });

  it("sends a subclass to its worker whole and names it after its class", async () => {
    const r = await runFixture("process-subclass.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["Counter-1 7 parent,child 0 parent 99", "Process-2"]);
  });
});
