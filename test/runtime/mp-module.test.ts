// runModule: fork semantics (the worker sees the globals of start() time, main code runs once), spawn
// (main code re-runs as __mp_main__), and the end of the program (children joined, daemons terminated,
// traceback + exit 1 on an uncaught exception, SystemExit's code, pending output flushed last).

import { describe, expect, it } from "vitest";
import { lines, runFixture } from "./fixtures/mp/harness.js";

describe("runModule", () => {
  it("gives a forked child the globals as they were at start()", async () => {
    const r = await runFixture("module-fork.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["module level runs once", "first from main 1 Process-1", "second from main 3 Process-2"]);
  });

  it("gives each forked child large globals as they are at its start, rebound or mutated in between", async () => {
    const r = await runFixture("module-fork-large.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "100000 ab 5000 4999 5000 0",
      "100000 ab 5000 4999 5000 0",
      "100000 aé 5001 (7, 8) 5000 0,1",
      "100000 ab 5001 (7, 8) 5000 0,1",
    ]);
  });

  it("re-runs the main code as __mp_main__ under spawn", async () => {
    const r = await runFixture("module-spawn.mjs");
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(["main code as __main__", "spawn", "main code as __mp_main__", "target Process-1"]);
  });

  it("joins children and flushes at a normal exit", async () => {
    const r = await runFixture("module-exit.mjs", ["ok"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("partial end of main\nnon-daemon child finished\n");
  });

  it("prints a traceback and exits 1 on an uncaught exception", async () => {
    const r = await runFixture("module-exit.mjs", ["raise"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("non-daemon child finished\npartial");
    expect(r.stderr).toMatch(/^Traceback \(most recent call last\):\n(.*\n)*ValueError: bad input\n$/);
  });

  it("exits with SystemExit's code", async () => {
    const r = await runFixture("module-exit.mjs", ["exit"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("non-daemon child finished\npartial");
  });
});
