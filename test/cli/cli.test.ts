// The command line's contract: exit codes (0 ok, 1 input errors, 2 usage), located errors without stack
// traces, and no output file written (or clobbered) when conversion fails.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve(__dirname, "../../bin/py2ts-mp.js");

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-cli-"));
}

describe("py2ts-mp command line", () => {
  it("prints its version and help and exits 0", () => {
    expect(cli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("convert");
    expect(help.stdout).toContain("run");
  });

  it("exits 2 on wrong usage", () => {
    expect(cli(["frobnicate"]).code).toBe(2);
    expect(cli(["convert"]).code).toBe(2);
  });

  it("reports a missing file with its path and exits 1", () => {
    const r = cli(["convert", "no/such/file.py"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no/such/file.py:1:1 - error PM1003: cannot read file: no such file");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a syntax error at its line and column and writes nothing", () => {
    const dir = tmpdir();
    const py = path.join(dir, "bad.py");
    fs.writeFileSync(py, "x = 1\ndef f(:\n    pass\n");
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.py:2:\d+ - error PM100\d/);
    expect(fs.existsSync(path.join(dir, "bad.ts"))).toBe(false);
  });

  it("never clobbers an existing output when conversion fails", () => {
    const dir = tmpdir();
    const py = path.join(dir, "job.py");
    const out = path.join(dir, "job.ts");
    fs.writeFileSync(out, "// kept\n");
    fs.writeFileSync(py, "import ctypes\n");
    const r = cli(["convert", py, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("job.py:1:8 - error PM2002: module 'ctypes' is not supported by py2ts-mp");
    expect(fs.readFileSync(out, "utf8")).toBe("// kept\n");
  });

  it("converts a script to FILE.ts beside it by default", () => {
    const dir = tmpdir();
    const py = path.join(dir, "hello.py");
    fs.writeFileSync(py, "print('hello')\n");
    const r = cli(["convert", py]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "hello.ts"), "utf8")).toContain('print("hello")');
  });

  it("runs a script with its arguments and exit code", () => {
    const dir = tmpdir();
    const py = path.join(dir, "exit.py");
    fs.writeFileSync(py, "import sys\nprint(sys.argv[1:])\nsys.exit(3)\n");
    const r = cli(["run", py, "a", "--flag"]);
    expect(r.stdout).toBe("['a', '--flag']\n");
    expect(r.code).toBe(3);
  });

  it("warns at a global that cannot cross into a worker, and the worker's error names it", () => {
    const dir = tmpdir();
    const py = path.join(dir, "gen.py");
    fs.writeFileSync(
      py,
      "import multiprocessing as mp\n\nnumbers = (i * i for i in range(3))\n\n\ndef consume():\n    print(sum(numbers))\n\n\n" +
        "if __name__ == '__main__':\n    p = mp.Process(target=consume)\n    p.start()\n    p.join()\n    print('exit code', p.exitcode)\n",
    );
    const r = cli(["run", py]);
    expect(r.stderr).toContain("gen.py:3:1 - warning PM3002: global 'numbers' holds a generator or iterator");
    expect(r.stderr).toContain("RuntimeError: global 'numbers' cannot be used in a worker process");
    expect(r.stdout).toBe("exit code 1\n");
    expect(r.code).toBe(0);
  });

  it("--start-method spawn makes children run the module's top level as __mp_main__", () => {
    const r = cli(["run", "--start-method", "spawn", path.resolve(__dirname, "../../fixtures/fork/module_print_fork.py")]);
    expect(r.stdout).toBe("module level __main__\nmodule level __mp_main__\nin child\n");
  });
});
