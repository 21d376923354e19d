#!/usr/bin/env node
// `npm run bench`: each script of bench/scripts under CPython and converted under Node, side by side,
// several runs each; prints medians, the CPython/converted ratio (higher is better), peak memory, the
// geometric mean, and a scaling series of the CPU-bound Pool benchmark up to the machine's cores.
//   node bench/run.js [--runs N] [--only a,b] [--json FILE] [--no-scaling]

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    only: { type: "string" },
    json: { type: "string" },
    "no-scaling": { type: "boolean", default: false },
  },
});
const runs = Number(opts.runs);
const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const cli = path.join(root, "bin/py2ts-mp.js");
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-bench-"));

if (!fs.existsSync(path.join(root, "dist/src/cli/main.js"))) {
  spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
}

const python = ["python3", "python"].find((p) => spawnSync(p, ["--version"]).status === 0) ?? null;
if (!python) console.log("CPython not found: the CPython column is skipped.\n");

/** One timed run of a whole command: wall seconds, peak RSS in MiB (when /usr/bin/time exists), stdout. */
function timed(cmd, args, env) {
  const full = timeBin ? [timeBin, ["-f", "%M", cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { env, encoding: "utf8", maxBuffer: 256 << 20, cwd: path.join(root, "bench/scripts") });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = timeBin ? Number(r.stderr.trim().split("\n").at(-1)) / 1024 : NaN;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  return { seconds, rss, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const pyEnv = { ...process.env };
delete pyEnv.PYTHONUNBUFFERED;
const nodeEnv = { ...process.env, PY2TS_MP_CACHE: cache };

function measure(script, args = []) {
  const file = path.join(root, "bench/scripts", script);
  const out = { name: script.replace(/\.py$/, "") + (args.length ? ` ${args.join(" ")}` : "") };
  // Warm-up: fills the conversion cache, so timings measure the converted program, not the converter.
  timed(process.execPath, [cli, "run", file, ...args], nodeEnv);
  const node = Array.from({ length: runs }, () => timed(process.execPath, [cli, "run", file, ...args], nodeEnv));
  out.node = { median: median(node.map((r) => r.seconds)), min: Math.min(...node.map((r) => r.seconds)), max: Math.max(...node.map((r) => r.seconds)), rss: Math.max(...node.map((r) => r.rss)) };
  if (python) {
    const py = Array.from({ length: runs }, () => timed(python, [file, ...args], pyEnv));
    out.python = { median: median(py.map((r) => r.seconds)), min: Math.min(...py.map((r) => r.seconds)), max: Math.max(...py.map((r) => r.seconds)), rss: Math.max(...py.map((r) => r.rss)) };
    out.ratio = out.python.median / out.node.median;
    out.sameOutput = py[0].stdout === node[0].stdout;
  }
  return out;
}

const scripts = fs
  .readdirSync(path.join(root, "bench/scripts"))
  .filter((f) => f.endsWith(".py"))
  .filter((f) => !opts.only || opts.only.split(",").includes(f.replace(/\.py$/, "")))
  .sort();

const results = [];
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");
console.log(`| benchmark | CPython median s | converted median s | ratio (CPython / converted) | CPython peak MiB | converted peak MiB |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const s of scripts) {
  const r = measure(s);
  results.push(r);
  const warn = r.sameOutput === false ? " ⚠ outputs differ" : "";
  console.log(`| ${r.name}${warn} | ${f2(r.python?.median)} | ${f2(r.node.median)} | ${f2(r.ratio)} | ${f2(r.python?.rss)} | ${f2(r.node.rss)} |`);
}
const ratios = results.map((r) => r.ratio).filter((x) => Number.isFinite(x));
if (ratios.length) {
  const geo = Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length);
  console.log(`\nGeometric mean of the ratios: ${geo.toFixed(2)}x`);
}

let scaling = [];
if (!opts["no-scaling"] && scripts.includes("pool_cpu.py")) {
  const cores = os.cpus().length;
  const counts = [];
  for (let n = 1; n <= cores; n *= 2) counts.push(n);
  if (counts.at(-1) !== cores) counts.push(cores);
  console.log(`\n| workers (pool_cpu, converted) | median s | speedup | parallel efficiency |`);
  console.log(`|---:|---:|---:|---:|`);
  let base = NaN;
  for (const n of counts) {
    const file = path.join(root, "bench/scripts/pool_cpu.py");
    timed(process.execPath, [cli, "run", file, String(n)], nodeEnv);
    const t = median(Array.from({ length: runs }, () => timed(process.execPath, [cli, "run", file, String(n)], nodeEnv).seconds));
    if (n === 1) base = t;
    scaling.push({ workers: n, median: t, speedup: base / t, efficiency: base / t / n });
    console.log(`| ${n} | ${f2(t)} | ${f2(base / t)} | ${((base / t / n) * 100).toFixed(0)}% |`);
  }
}

const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}${python ? `, ${spawnSync(python, ["--version"], { encoding: "utf8" }).stdout.trim()}` : ""}`;
console.log(`\nMachine: ${machine}; ${runs} runs per figure (median).`);
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ machine, runs, results, scaling }, null, 2));
