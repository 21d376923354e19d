#!/usr/bin/env node
// Conversion throughput: a tree of N scripts generated from the committed fixtures (each a copy under its
// own folder, so every file is converted) through `py2ts-mp convert DIR -o OUT`, timed end to end.
//   node bench/convert-tree.js [--files 1000] [--jobs N]
// Prints files/s and lines/s; the target is 100,000 lines in under 30 s on a 2-core machine.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { files: { type: "string", default: "1000" }, jobs: { type: "string" } } });
const count = Number(values.files);

const sources = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory() && e.name !== "projects") walk(p);
    else if (e.name.endsWith(".py") && fs.existsSync(p.replace(/\.py$/, ".stdout"))) sources.push(fs.readFileSync(p, "utf8"));
  }
};
walk(path.join(root, "fixtures"));

const work = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-tree-"));
const tree = path.join(work, "tree");
let lines = 0;
for (let i = 0; i < count; i++) {
  const dir = path.join(tree, `job${String(i).padStart(4, "0")}`);
  fs.mkdirSync(dir, { recursive: true });
  const text = sources[i % sources.length];
  lines += text.split("\n").length;
  fs.writeFileSync(path.join(dir, "script.py"), text);
}

const args = [path.join(root, "bin/py2ts-mp.js"), "convert", tree, "-o", path.join(work, "out"), "--quiet"];
if (values.jobs) args.push("--jobs", values.jobs);
const start = performance.now();
const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
const seconds = (performance.now() - start) / 1000;
fs.rmSync(work, { recursive: true, force: true });

console.log(`\nconvert tree: ${count} files, ${lines} lines in ${seconds.toFixed(1)} s on ${os.availableParallelism()} cores`);
console.log(`  ${(count / seconds).toFixed(0)} files/s, ${(lines / seconds).toFixed(0)} lines/s (target: 100,000 lines in 30 s = 3,333 lines/s); exit ${r.status}`);
