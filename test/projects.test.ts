// Migrating a tree: a batch directory with an entry script using a Pool over a local package, a settings
// module, a Python 2 script and a file with an unsupported construct. Converted as a directory, run through
// `py2ts-mp run`, and built and run as the kept output project; outputs compared with CPython's goldens.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { root } from "./helpers/fixtures.js";

const bin = path.join(root, "bin/py2ts-mp.js");
const batch = path.join(root, "fixtures/projects/batch");
const golden = (name: string) => fs.readFileSync(path.join(batch, `${name}.stdout`), "utf8");

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("converting a directory", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-project-"));
  const out = path.join(work, "out");
  const report = path.join(work, "report.json");
  let first: ReturnType<typeof cli>;

  beforeAll(() => {
    first = cli(["convert", batch, "-o", out, "--report", report]);
  }, 120_000);

  it("exits 1 when a file fails, shows progress, and writes no output for the failing file", () => {
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("broken.py:1:8 - error PM2002: module 'ctypes' is not supported by py2ts-mp");
    expect(first.stderr).toMatch(/\[\d\/6\] failed: broken\.py/);
    expect(first.stderr).toContain("6 files (");
    expect(fs.existsSync(path.join(out, "broken.ts"))).toBe(false);
    for (const f of ["main.ts", "settings.ts", "legacy_report.ts", "stats/__init__.ts", "stats/compute.ts"]) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
  });

  it("reports every file's status and locates the error; ranks what blocks files", () => {
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    expect(r.summary).toMatchObject({ files: 6, failed: 1, converted: 5 });
    const broken = r.files.find((f: { file: string }) => f.file === "broken.py");
    expect(broken.status).toBe("failed");
    expect(broken.diagnostics[0]).toEqual({ file: "broken.py", line: 1, column: 8, code: "PM2002", severity: "error", message: "module 'ctypes' is not supported by py2ts-mp" });
    expect(r.blockers).toEqual([
      { code: "PM2003", construct: "'ctypes.CDLL' is not supported by py2ts-mp", files: 1 },
      { code: "PM2002", construct: "module 'ctypes' is not supported by py2ts-mp", files: 1 },
    ]);
    expect(fs.readFileSync(report.replace(/\.json$/, ".md"), "utf8")).toContain("| broken.py | failed | 1:8 PM2002");
  });

  it("skips unchanged files on a re-run", () => {
    const again = cli(["convert", batch, "-o", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("5 unchanged, 1 failed");
  }, 60_000);

  it("writes a project that builds with npm run build and runs with node, printing what CPython printed", () => {
    // Stand-ins for `npm install`: the runtime is this checkout, the compiler the one it uses.
    const modules = path.join(out, "node_modules");
    fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
    fs.mkdirSync(path.join(modules, "@types"), { recursive: true });
    fs.symlinkSync(root, path.join(modules, "py2ts-mp"));
    fs.symlinkSync(path.join(root, "node_modules/typescript"), path.join(modules, "typescript"));
    fs.symlinkSync(path.join(root, "node_modules/@types/node"), path.join(modules, "@types/node"));
    fs.symlinkSync("../typescript/bin/tsc", path.join(modules, ".bin/tsc"));
    execFileSync("npm", ["run", "build", "--silent"], { cwd: out, stdio: "pipe" });
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain("npm run build");
    expect(execFileSync(process.execPath, ["dist/main.js"], { cwd: out, encoding: "utf8" })).toBe(golden("main"));
    expect(execFileSync(process.execPath, ["dist/legacy_report.js"], { cwd: out, encoding: "utf8" })).toBe(golden("legacy_report"));
  }, 120_000);
});

describe("running a script that imports local modules", () => {
  for (const name of ["main", "legacy_report"]) {
    it(`${name}.py prints what CPython printed`, () => {
      const r = cli(["run", `${name}.py`], batch);
      expect(r.stdout, r.stderr).toBe(golden(name));
      expect(r.code).toBe(0);
    }, 60_000);
  }

  it("checks a directory without writing anything", () => {
    const r = cli(["check", batch]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("broken.py:3:8 - error PM2003: 'ctypes.CDLL' is not supported by py2ts-mp");
    expect(fs.readdirSync(batch).some((f) => f.endsWith(".ts"))).toBe(false);
  }, 60_000);

  it("prints errors only with --quiet, still counting the warnings", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-quiet-"));
    fs.writeFileSync(path.join(dir, "broken.py"), "import ctypes\n");
    fs.writeFileSync(path.join(dir, "handler.py"), "import signal\n\nsignal.signal(signal.SIGTERM, lambda signum, frame: None)\n");
    const loud = cli(["check", dir]);
    expect(loud.stderr).toContain("handler.py:3:31 - warning PM3003");
    const quiet = cli(["check", dir, "--quiet"]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain("broken.py:1:8 - error PM2002");
    expect(quiet.stderr).not.toContain("warning PM3003");
    expect(quiet.stderr).toContain("1 with warnings, 0 unchanged, 1 failed");
  }, 60_000);
});
