#!/usr/bin/env node
// Records each fixture's golden by running CPython line-buffered, as on a terminal (DESIGN.md): 3.11 for
// Python 3 fixtures, 2.7 for Python 2 ones. The ONLY way goldens are produced; never edit them by hand.
//   node scripts/record-goldens.mjs [fixtures/dir-or-file.py ...]
// Each fixture `x.py` has `x.json` declaring how its output is compared: { "python": 3 | 2, "compare":
// "exact" | "unordered" | "line-count", "mask": [regexes], "timeoutMs": n, "args": [...], "env": {NAME: value},
// "stderr": true }; the recorder writes `x.stdout` (and `x.stderr` when the fixture compares it too) and the exit
// code into `x.json`.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pyenv = process.env.PYENV_ROOT ?? path.join(os.homedir(), ".pyenv");
const interpreters = { 3: path.join(pyenv, "versions/3.11.7/bin/python"), 2: path.join(pyenv, "versions/2.7.18/bin/python") };

function listFixtures(target) {
  const st = fs.statSync(target);
  if (st.isFile()) return [target];
  return fs.readdirSync(target, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(target, e.name);
    return e.isDirectory() ? listFixtures(p) : e.name.endsWith(".py") && fs.existsSync(p.replace(/\.py$/, ".json")) ? [p] : [];
  });
}

const targets = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(root, "fixtures")];
for (const file of targets.flatMap((t) => listFixtures(path.resolve(t)))) {
  const metaFile = file.replace(/\.py$/, ".json");
  const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  const version = meta.python ?? 3;
  const python = interpreters[version];
  if (!fs.existsSync(python)) {
    console.error(`record-goldens: Python ${version} not found at ${python}; refusing to record ${file}`);
    process.exit(1);
  }
  const env = { ...process.env, ...meta.env, PYTHONPATH: path.join(root, "scripts/sitecustomize", `py${version}`), PYTHONHASHSEED: "0" };
  delete env.PYTHONUNBUFFERED;
  const r = spawnSync(python, [path.basename(file), ...(meta.args ?? [])], {
    cwd: path.dirname(file),
    env,
    input: meta.stdin ?? "",
    encoding: "utf8",
    timeout: meta.timeoutMs ?? 120000,
  });
  if (r.error) throw r.error;
  fs.writeFileSync(file.replace(/\.py$/, ".stdout"), r.stdout);
  if (meta.stderr) fs.writeFileSync(file.replace(/\.py$/, ".stderr"), r.stderr);
  const stderrTail = r.stderr.trim().split("\n").at(-1) ?? "";
  fs.writeFileSync(metaFile, JSON.stringify({ ...meta, exitCode: r.status, ...(stderrTail ? { stderrTail } : { stderrTail: undefined }) }, null, 2) + "\n");
  console.log(`${path.relative(root, file)}: exit ${r.status}, ${r.stdout.split("\n").length - 1} lines`);
}
