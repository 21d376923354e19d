// Golden tests: every fixture converts to the committed TypeScript snapshot, type-checks under
// `tsc --strict`, and prints under Node what CPython printed (compared as the fixture declares).
// UPDATE_SNAPSHOTS=1 npm test rewrites the .ts snapshots (goldens come only from scripts/record-goldens.mjs).

import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { comparable, fixtures, root } from "./helpers/fixtures.js";

const run = promisify(execFile);
const bin = path.join(root, "bin/py2ts-mp.js");
const all = fixtures();
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-cache-"));

describe.concurrent("article and feature fixtures", () => {
  for (const fx of all) {
    it(`${fx.name}: converts to the committed TypeScript snapshot`, async () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-fx-")), "out.ts");
      await run(process.execPath, [bin, "convert", fx.py, "-o", out]);
      const code = fs.readFileSync(out, "utf8");
      if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(fx.snapshot, code);
      expect(code).toBe(fs.readFileSync(fx.snapshot, "utf8"));
    });

    it(`${fx.name}: converted program prints what CPython printed`, async () => {
      const r = await run(process.execPath, [bin, "run", path.basename(fx.py), ...(fx.meta.args ?? [])], {
        cwd: path.dirname(fx.py),
        env: { ...process.env, ...fx.meta.env, PY2TS_MP_CACHE: cache },
        timeout: fx.meta.timeoutMs ?? 120_000,
        maxBuffer: 64 << 20,
      }).catch((e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }));
      const exitCode = "code" in r ? r.code : 0;
      expect(comparable(r.stdout, fx.meta), r.stderr).toEqual(comparable(fx.expectedStdout, fx.meta));
      if (fx.meta.stderr) expect(comparable(r.stderr, fx.meta)).toEqual(comparable(fs.readFileSync(fx.py.replace(/\.py$/, ".stderr"), "utf8"), fx.meta));
      // The last line CPython wrote to stderr (an uncaught exception's `QuotaError: need 3 more`).
      if (fx.meta.stderrTail) expect(r.stderr.trim().split("\n").at(-1)).toBe(fx.meta.stderrTail);
      expect(exitCode).toBe(fx.meta.exitCode);
    }, 180_000);
  }
});

describe("emitted TypeScript", () => {
  it("type-checks under tsc --strict (all fixture snapshots together)", () => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const files = all.map((f) => f.snapshot);
    const r = spawnSync(
      process.execPath,
      [tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2023,esnext.disposable", "--types", "node", "--skipLibCheck", ...files],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
