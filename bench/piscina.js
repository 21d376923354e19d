// The runtime against what Node allows, on this machine: the py2ts-mp Pool and Queue (bench/piscina/ours.mjs)
// next to piscina, the usual worker-thread pool, and a MessagePort between two worker threads
// (bench/piscina/theirs.mjs). Each figure is the median of several runs, each in a process of its own:
// pool start (creation to first result, and since the process started), tasks per second of a trivial
// function on a started pool of 2, and messages per second between two workers, one way and round trips.
// Run from bench/run.js (--no-piscina skips it), or alone: node bench/piscina.js [--runs N]

import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "piscina");
const TASKS = 20_000;
const STREAM = 200_000;
const ROUND_TRIPS = 20_000;

/** What each row compares: our side's mode and piscina's (or the MessagePort's), with its message count. */
const ROWS = [
  { what: "pool start, ms (creation to first result)", ours: ["start", 0], theirs: ["start", 0], field: "ms", lowerIsBetter: true },
  { what: "pool start, ms since process start", ours: ["start", 0], theirs: ["start", 0], field: "sinceProcessStart", lowerIsBetter: true },
  { what: `trivial tasks/s: apply_async vs piscina.run (${TASKS})`, ours: ["apply", TASKS], theirs: ["run", TASKS], field: "perSecond" },
  { what: `trivial tasks/s: map chunksize 1 vs piscina.run (${TASKS})`, ours: ["map1", TASKS], theirs: ["run", TASKS], field: "perSecond" },
  { what: `messages/s one way: Queue vs MessagePort (${STREAM})`, ours: ["stream", STREAM], theirs: ["stream", STREAM], field: "perSecond" },
  { what: `messages/s round trips: Queue vs MessagePort (${ROUND_TRIPS})`, ours: ["pingpong", ROUND_TRIPS], theirs: ["pingpong", ROUND_TRIPS], field: "perSecond" },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function once(script, [mode, n]) {
  const r = spawnSync(process.execPath, [path.join(dir, script), mode, String(n)], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${script} ${mode} failed (${r.error?.message ?? r.signal ?? `exit ${r.status}`})\n${(r.stderr ?? "").trim().split("\n").slice(-6).join("\n")}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

/** Runs each measurement `runs` times (a mode measured once serves every row that reads it) and prints the table. */
export function piscinaTable({ runs }) {
  const memo = new Map();
  const measured = (script, args) => {
    const key = `${script} ${args.join(" ")}`;
    if (!memo.has(key)) memo.set(key, Array.from({ length: runs }, () => once(script, args)));
    return memo.get(key);
  };
  const fmt = (x, field) => (field === "perSecond" ? Math.round(x).toLocaleString("en-US") : x.toFixed(0));
  console.log(`\n| runtime vs Node (${runs} run${runs === 1 ? "" : "s"}, median) | py2ts-mp | piscina / MessagePort | py2ts-mp relative |`);
  console.log(`|---|---:|---:|---:|`);
  const rows = [];
  for (const row of ROWS) {
    const ours = median(measured("ours.mjs", row.ours).map((r) => r[row.field]));
    const theirs = median(measured("theirs.mjs", row.theirs).map((r) => r[row.field]));
    const relative = row.lowerIsBetter ? theirs / ours : ours / theirs;
    rows.push({ what: row.what, ours, theirs, relative });
    console.log(`| ${row.what} | ${fmt(ours, row.field)} | ${fmt(theirs, row.field)} | ${relative.toFixed(2)}x |`);
  }
  console.log(`(relative: above 1x the runtime is faster, below slower)`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  piscinaTable({ runs: Number(values.runs) });
}
