#!/usr/bin/env node
// `npm run bench`: each script of bench/scripts under CPython and converted under Node, side by side,
// several runs each; prints medians, the CPython/converted ratio (higher is better), peak memory, the
// geometric mean, and a scaling series of the CPU-bound Pool benchmark up to the machine's cores.
// With redis-server installed, it also measures the redis pool backend (bench/scaleout.js). Last, the
// runtime's Pool and Queue against piscina and a MessagePort (bench/piscina.js).
//   node bench/run.js [--runs N] [--only a,b] [--json FILE] [--no-scaling] [--no-scaleout] [--no-piscina]
// Peak memory is GNU time's %M (max RSS, KiB): for Node it covers the process and all its worker
// threads; for CPython's multiprocessing it is the largest single process, not the sum of them.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { piscinaTable } from "./piscina.js";
import { scaleOut } from "./scaleout.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const scriptsDir = path.join(root, "bench/scripts");

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      only: { type: "string" },
      json: { type: "string" },
      "no-scaling": { type: "boolean", default: false },
      "no-scaleout": { type: "boolean", default: false },
      "no-piscina": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\nusage: node bench/run.js [--runs N] [--only a,b] [--json FILE] [--no-scaling] [--no-scaleout] [--no-piscina]`);
  process.exit(2);
}
if (opts.help) {
  console.log("usage: node bench/run.js [--runs N] [--only a,b] [--json FILE] [--no-scaling] [--no-scaleout] [--no-piscina]");
  process.exit(0);
}
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs needs a positive integer, got ${JSON.stringify(opts.runs)}`);
  process.exit(2);
}

const available = fs
  .readdirSync(scriptsDir)
  .filter((f) => f.endsWith(".py"))
  .map((f) => f.slice(0, -3))
  .sort();
let names = available;
if (opts.only) {
  const wanted = opts.only.split(",").map((s) => s.trim().replace(/\.py$/, "")).filter(Boolean);
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
    process.exit(2);
  }
  names = available.filter((n) => wanted.includes(n));
}

const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const cli = path.join(root, "bin/py2ts-mp.js");

if (!fs.existsSync(path.join(root, "dist/src/cli/main.js"))) {
  console.log("dist/ is missing: running `npm run build` first.\n");
  const b = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0 || !fs.existsSync(path.join(root, "dist/src/cli/main.js"))) {
    console.error("`npm run build` failed; cannot run the converted benchmarks.");
    process.exit(1);
  }
}

// The interpreter itself, not the `python3` found first on PATH: a version manager's shim (pyenv's is a
// shell script) would add its own start, about 0.2 s a run on the reference machine, to every CPython figure.
const { pyVersion, python } = (() => {
  const r = spawnSync("python3", ["-c", "import platform, sys; print(sys.executable); print('Python ' + platform.python_version())"], { encoding: "utf8" });
  if (r.status !== 0) return { pyVersion: null, python: null };
  const [executable, version] = r.stdout.trim().split("\n");
  return { pyVersion: version, python: executable || "python3" };
})();
if (!pyVersion) console.log("python3 not found: the CPython column is skipped.\n");

// A private conversion cache, so a stale user cache cannot be measured and runs are reproducible.
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-bench-"));
process.on("exit", () => fs.rmSync(cache, { recursive: true, force: true }));

const pyEnv = { ...process.env };
delete pyEnv.PYTHONUNBUFFERED;
const nodeEnv = { ...process.env, PY2TS_MP_CACHE: cache };

/** One timed run of a whole command: wall seconds, peak RSS in KiB (when /usr/bin/time exists), stdout. */
function timed(cmd, args, env) {
  const [bin, argv] = timeBin ? [timeBin, ["-f", "%M", cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, argv, { env, encoding: "utf8", maxBuffer: 256 << 20, cwd: scriptsDir });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let stderr = r.stderr ?? "";
  let rssKiB = null;
  if (timeBin) {
    const lines = stderr.replace(/\n$/, "").split("\n");
    const last = lines.at(-1);
    if (/^\d+$/.test(last ?? "")) {
      rssKiB = Number(last);
      lines.pop();
      // GNU time's own note on a failing command.
      if (/^Command (exited with non-zero status|terminated by signal)/.test(lines.at(-1) ?? "")) lines.pop();
      stderr = lines.join("\n");
    }
  }
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit status ${r.status}`;
    throw new Error(`\`${[cmd === process.execPath ? "node" : cmd, ...args].map((a) => (path.isAbsolute(a) ? path.relative(root, a) : a)).join(" ")}\` failed (${why})\n${stderr.trim().split("\n").slice(-8).join("\n")}`);
  }
  return { seconds, rssKiB, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const maxOrNull = (xs) => (xs.every((x) => x != null) && xs.length ? Math.max(...xs) : null);
const mib = (kib) => (kib == null ? null : kib / 1024);
const f2 = (x) => (x != null && Number.isFinite(x) ? x.toFixed(2) : "–");

const convertedCmd = (name, args) => [process.execPath, [cli, "run", path.join(scriptsDir, `${name}.py`), ...args], nodeEnv];
const cpythonCmd = (name, args) => [python, [path.join(scriptsDir, `${name}.py`), ...args], pyEnv];

/** runs timed repetitions; raw seconds and KiB kept for --json. */
function series(cmd, args, env) {
  const rs = Array.from({ length: runs }, () => timed(cmd, args, env));
  const seconds = rs.map((r) => r.seconds);
  const rssKiB = rs.map((r) => r.rssKiB);
  return {
    summary: { median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), peakKiB: maxOrNull(rssKiB), seconds, rssKiB },
    outputs: rs.map((r) => r.stdout),
  };
}

function measure(name, args = []) {
  const out = { name: name + (args.length ? ` ${args.join(" ")}` : ""), args };
  try {
    const [cmd, argv, env] = convertedCmd(name, args);
    timed(cmd, argv, env); // untimed warm-up: fills the conversion cache
    const node = series(cmd, argv, env);
    out.converted = node.summary;
    const distinct = new Set(node.outputs);
    if (distinct.size > 1) out.warnings = ["converted output differs between runs"];
    if (pyVersion) {
      const py = series(...cpythonCmd(name, args));
      out.cpython = py.summary;
      out.ratio = out.cpython.median / out.converted.median;
      out.sameOutput = py.outputs.every((o) => o === node.outputs[0]);
      if (!out.sameOutput) {
        out.warnings = [...(out.warnings ?? []), "stdout differs from CPython"];
        out.cpythonStdout = py.outputs[0];
        out.convertedStdout = node.outputs[0];
      }
    }
  } catch (e) {
    out.error = e.message;
  }
  return out;
}

const excerpt = (s) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

const results = [];
console.log(`| benchmark | CPython median s | converted median s | ratio (CPython / converted) | CPython peak MiB | converted peak MiB |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const name of names) {
  const r = measure(name);
  results.push(r);
  if (r.error) {
    console.log(`| ${r.name} | ⚠ error: ${r.error.split("\n")[0].replaceAll("|", "\\|")} | | | | |`);
    console.error(`\n${r.name}: ${r.error}\n`);
    continue;
  }
  console.log(`| ${r.name} | ${f2(r.cpython?.median)} | ${f2(r.converted.median)} | ${f2(r.ratio)} | ${f2(mib(r.cpython?.peakKiB))} | ${f2(mib(r.converted.peakKiB))} |`);
  for (const w of r.warnings ?? []) {
    const detail = w.startsWith("stdout differs") ? ` (CPython ${excerpt(r.cpythonStdout)} vs converted ${excerpt(r.convertedStdout)})` : "";
    console.log(`| ⚠ ${r.name}: ${w}${detail.replaceAll("|", "\\|")} | | | | | |`);
  }
}
const ratios = results.map((r) => r.ratio).filter((x) => x != null && Number.isFinite(x) && x > 0);
const geomean = ratios.length ? Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length) : null;
if (geomean != null) console.log(`\nGeometric mean of the ratios (${ratios.length} benchmarks): ${geomean.toFixed(2)}x`);
else if (pyVersion) console.log(`\nGeometric mean of the ratios: – (no benchmark completed under both)`);

const scaling = [];
if (!opts["no-scaling"] && names.includes("pool_cpu")) {
  const cores = os.cpus().length;
  const counts = [];
  for (let n = 1; n <= cores; n *= 2) counts.push(n);
  if (counts.at(-1) !== cores) counts.push(cores);
  // The whole process is what a user waits for; the same run with no task (start and end alone) shows the
  // part that does not parallelize, and the speedup of the rest.
  console.log(`\n| workers (pool_cpu, converted) | median s | speedup vs 1 worker | parallel efficiency | with no task s | speedup without it | efficiency without it |`);
  console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
  let base = null;
  let baseCompute = null;
  const pct = (x) => (x != null ? `${(x * 100).toFixed(0)}%` : "–");
  for (const n of counts) {
    try {
      const { summary } = series(...convertedCmd("pool_cpu", [String(n)]));
      const fixed = series(...convertedCmd("pool_cpu", [String(n), "0"])).summary.median;
      const compute = summary.median - fixed;
      if (n === 1) [base, baseCompute] = [summary.median, compute];
      const speedup = base != null ? base / summary.median : null;
      const efficiency = speedup != null ? speedup / n : null;
      const computeSpeedup = baseCompute != null && compute > 0 ? baseCompute / compute : null;
      const computeEfficiency = computeSpeedup != null ? computeSpeedup / n : null;
      scaling.push({ workers: n, median: summary.median, speedup, efficiency, noTaskMedian: fixed, computeSpeedup, computeEfficiency, seconds: summary.seconds, rssKiB: summary.rssKiB });
      console.log(`| ${n} | ${f2(summary.median)} | ${f2(speedup)} | ${pct(efficiency)} | ${f2(fixed)} | ${f2(computeSpeedup)} | ${pct(computeEfficiency)} |`);
    } catch (e) {
      scaling.push({ workers: n, error: e.message });
      console.log(`| ${n} | ⚠ error | | | | | |`);
      console.error(`\npool_cpu ${n}: ${e.message}\n`);
    }
  }
}

let scaleout = null;
if (!opts["no-scaleout"]) {
  try {
    scaleout = await scaleOut({ root, cli, env: nodeEnv, series, f2 });
  } catch (e) {
    scaleout = { error: e.message };
    console.log(`\nScale-out: ⚠ error`);
    console.error(`\nscale-out: ${e.message}\n`);
  }
}

let piscina = null;
if (!opts["no-piscina"]) {
  try {
    piscina = piscinaTable({ runs });
  } catch (e) {
    piscina = { error: e.message };
    console.log(`\nRuntime vs piscina: ⚠ error`);
    console.error(`\npiscina: ${e.message}\n`);
  }
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model?.trim() ?? "unknown CPU",
  cores: cpus.length,
  node: process.version,
  python: pyVersion,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
};
console.log(
  `\nMachine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.python ?? "python3 not found"}; ` +
    `${runs} run${runs === 1 ? "" : "s"} per figure (median)${timeBin ? "" : "; /usr/bin/time not found, no peak memory"}.`,
);

if (opts.json) {
  fs.writeFileSync(opts.json, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, results, geomean, scaling, scaleout, piscina }, null, 2)}\n`);
  console.log(`Raw numbers written to ${opts.json}`);
}
if (results.some((r) => r.error) || scaling.some((s) => s.error) || scaleout?.error || piscina?.error) process.exitCode = 1;
