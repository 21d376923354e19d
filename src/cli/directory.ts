// `convert DIR -o OUTDIR` and `check DIR`: every .py under DIR, converted into a mirrored tree. Files that
// import each other are converted together (one program, one type inference); independent groups are
// spread over worker threads, one per core. Unchanged groups are skipped on a re-run; a failing file never
// stops the others and never leaves a partial output. The output tree is a project a user can keep.

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import cliProgress from "cli-progress";
import type { ConvertedModule } from "../convert.js";
import type { Diagnostic } from "../diagnostics.js";
import { writeAtomic } from "./files.js";
import { converterFingerprint } from "./run.js";

export interface FileReport {
  readonly file: string;
  readonly status: "converted" | "converted with warnings" | "failed" | "unchanged";
  readonly lines: number;
  readonly diagnostics: readonly Diagnostic[];
}

export interface DirectoryResult {
  readonly files: readonly FileReport[];
  readonly seconds: number;
}

/** One unit of work: files that import each other, converted together. */
export interface Group {
  readonly root: string;
  readonly files: readonly string[];
}

export interface GroupResult {
  readonly modules: readonly ConvertedModule[];
  /** Diagnostics of files that could not be read. */
  readonly unread: readonly Diagnostic[];
  readonly sources: Readonly<Record<string, string>>;
}

const IMPORT = /^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+([\w, \t()]+)|import[ \t]+([\w., \t]+))/gm;

/** Every .py file under `dir`, sorted, skipping hidden folders and virtual environments. */
export function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "__pycache__") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".py")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Splits the files into groups that import each other (connected components of the import graph). The
 * graph comes from a quick scan of import lines: it may join more files than needed, never fewer.
 */
export function groupByImports(root: string, files: readonly string[]): Group[] {
  const byName = new Map<string, string>();
  for (const f of files) {
    const rel = path.relative(root, f).replace(/\.py$/, "").split(path.sep);
    if (rel.at(-1) === "__init__") rel.pop();
    byName.set(rel.join("."), f);
  }
  const parent = new Map<string, string>(files.map((f) => [f, f]));
  const find = (f: string): string => {
    let r = f;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(f, r);
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const f of files) {
    const text = fs.readFileSync(f, "latin1");
    const pkg = path.relative(root, path.dirname(f)).split(path.sep).filter(Boolean);
    for (const m of text.matchAll(IMPORT)) {
      const names: string[] = [];
      if (m[4]) names.push(...m[4].split(",").map((s) => s.trim().split(/\s+/)[0]!));
      else {
        const base = m[1] ? [...pkg.slice(0, pkg.length - (m[1].length - 1)), ...(m[2] ? [m[2]] : [])].join(".") : m[2]!;
        names.push(base, ...m[3]!.replace(/[()]/g, "").split(",").map((s) => `${base}.${s.trim().split(/\s+/)[0]}`));
      }
      for (const n of names) {
        const parts = n.split(".");
        for (let i = 1; i <= parts.length; i++) {
          const dep = byName.get(parts.slice(0, i).join("."));
          if (dep && dep !== f) union(f, dep);
        }
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const r = find(f);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(f);
  }
  return [...groups.values()].map((g) => ({ root, files: g }));
}

/** A group's fingerprint: the converter build, the options, and every file's bytes. */
function groupHash(group: Group, key: string): string {
  const h = crypto.createHash("sha256").update(converterFingerprint()).update("\0").update(key);
  for (const f of group.files) h.update("\0").update(f).update("\0").update(fs.readFileSync(f));
  return h.digest("hex");
}

const STATE_FILE = ".py2ts-mp-state.json";

/**
 * V8's profiler counter budget for this process's isolates (default 67,584). A conversion worker runs a large
 * body of code (the TypeScript printer, prettier, the converter) a few hundred times: with the default,
 * TurboFan optimizes, deoptimizes and reoptimizes much of it, and its background compiler threads took
 * ~45% of a directory conversion's CPU, competing with the workers for the cores. Waiting for ~9x more
 * work before optimizing keeps the truly hot functions optimized and cut the whole conversion's CPU by
 * ~30% (300 files: 13.3 s → 9.0 s). The flag is global to the process, which is why only the directory
 * converter sets it: it runs no user program.
 */
const CONVERSION_V8_FLAGS = "--interrupt-budget=600000";

/** Converts every group on worker threads; calls `done` as each group finishes. */
async function convertGroups(groups: readonly Group[], dialect: 2 | 3 | undefined, jobs: number, done: (g: Group, r: GroupResult) => void): Promise<void> {
  v8.setFlagsFromString(CONVERSION_V8_FLAGS);
  const entry = new URL("./directory-worker.js", import.meta.url);
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(entry, { workerData: { dialect } });
      const feed = () => {
        if (next >= groups.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const group = groups[next++]!;
        worker.once("message", (r: GroupResult) => {
          done(group, r);
          feed();
        });
        worker.postMessage(group);
      };
      worker.once("error", reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, groups.length)) }, runWorker));
}

export interface DirectoryOptions {
  readonly outDir?: string;
  readonly dialect?: 2 | 3;
  readonly jobs?: number;
  /** Show a progress bar (a terminal) or print one line per file (otherwise). */
  readonly progress: "bar" | "lines" | "none";
}

export async function convertDirectory(dir: string, opts: DirectoryOptions): Promise<DirectoryResult> {
  const started = performance.now();
  const files = pythonFiles(dir);
  const groups = groupByImports(dir, files);
  const key = `python=${opts.dialect ?? ""}`;
  const statePath = opts.outDir ? path.join(opts.outDir, STATE_FILE) : undefined;
  const previous: Record<string, { hash: string; reports: FileReport[] }> = statePath && fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, "utf8")) : {};
  const state: typeof previous = {};
  const reports: FileReport[] = [];

  const todo: Group[] = [];
  // Hashed before converting: a file edited while it converts is converted again on the next run.
  const hashes = new Map<Group, string>();
  for (const g of groups) {
    const hash = groupHash(g, key);
    hashes.set(g, hash);
    const before = previous[g.files[0]!];
    const outputsExist = before?.reports.every((r) => r.status === "failed" || fs.existsSync(outputPath(dir, opts.outDir!, r.file)));
    if (before && before.hash === hash && outputsExist) {
      state[g.files[0]!] = before;
      reports.push(...before.reports.map((r) => ({ ...r, status: r.status === "failed" ? r.status : ("unchanged" as const) })));
    } else todo.push(g);
  }

  const total = todo.reduce((n, g) => n + g.files.length, 0);
  const bar = opts.progress === "bar" ? new cliProgress.SingleBar({ format: "converting [{bar}] {value}/{total} files | {file}", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(total, 0, { file: "" });
  let count = 0;

  await convertGroups(todo, opts.dialect, opts.jobs ?? os.availableParallelism(), (g, r) => {
    const groupReports: FileReport[] = [];
    for (const f of g.files) {
      const m = r.modules.find((x) => path.resolve(x.file) === path.resolve(f));
      const diagnostics = [...(m?.diagnostics ?? []), ...r.unread.filter((d) => d.file === f)];
      const lines = (r.sources[f] ?? "").split("\n").length;
      const status = !m?.code ? "failed" : diagnostics.length > 0 ? "converted with warnings" : "converted";
      if (m?.code && opts.outDir) writeAtomic(outputPath(dir, opts.outDir, f), m.code);
      groupReports.push({ file: path.relative(dir, f), status, lines, diagnostics: diagnostics.map((d) => ({ ...d, file: path.relative(dir, d.file) })) });
      count++;
      if (opts.progress === "lines") process.stderr.write(`[${count}/${total}] ${status}: ${path.relative(dir, f)}\n`);
    }
    bar?.update(count, { file: path.relative(dir, g.files.at(-1)!) });
    reports.push(...groupReports);
    state[g.files[0]!] = { hash: hashes.get(g)!, reports: groupReports };
  });
  bar?.stop();

  if (opts.outDir && statePath) {
    writeProjectFiles(opts.outDir, reports);
    writeAtomic(statePath, JSON.stringify(state));
  }
  reports.sort((a, b) => a.file.localeCompare(b.file));
  return { files: reports, seconds: (performance.now() - started) / 1000 };
}

function outputPath(dir: string, outDir: string, file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(dir, file) : file;
  return path.join(outDir, rel.replace(/\.py$/, ".ts"));
}

/** package.json, tsconfig.json and a README: the output tree builds and runs on its own. */
function writeProjectFiles(outDir: string, reports: readonly FileReport[]): void {
  const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string; devDependencies: Record<string, string>; dependencies: Record<string, string> };
  const name = path.basename(path.resolve(outDir)).toLowerCase().replace(/[^a-z0-9-]+/g, "-") || "converted";
  const scripts = reports.filter((r) => r.status !== "failed").map((r) => r.file.replace(/\.py$/, ".js"));
  writeIfChanged(
    path.join(outDir, "package.json"),
    JSON.stringify(
      {
        name,
        private: true,
        type: "module",
        scripts: { build: "tsc -p tsconfig.json" },
        dependencies: { "py2ts-mp": `^${pkg.version}` },
        devDependencies: { typescript: pkg.dependencies.typescript, "@types/node": pkg.devDependencies["@types/node"] },
      },
      null,
      2,
    ) + "\n",
  );
  writeIfChanged(
    path.join(outDir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023", "ESNext.Disposable"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: true,
          outDir: "dist",
          rootDir: ".",
          types: ["node"],
        },
        include: ["**/*.ts"],
        exclude: ["dist", "node_modules"],
      },
      null,
      2,
    ) + "\n",
  );
  writeIfChanged(
    path.join(outDir, "README.md"),
    `# ${name}\n\nTypeScript converted from Python by py2ts-mp ${pkg.version}. Build and run:\n\n` +
      "```sh\nnpm install\nnpm run build\nnode dist/" + (scripts.find((s) => /(^|\/)main\.js$/.test(s)) ?? scripts[0] ?? "main.js") + "\n```\n",
  );
}

function writeIfChanged(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  writeAtomic(file, text);
}

/** Diagnostics grouped by what they name, ranked by how many files each blocks. */
export function blockers(files: readonly FileReport[]): { code: string; construct: string; files: number }[] {
  const byKey = new Map<string, { code: string; construct: string; files: Set<string> }>();
  for (const f of files) {
    if (f.status !== "failed") continue;
    for (const d of f.diagnostics) {
      if (d.severity !== "error") continue;
      const key = `${d.code} ${d.message}`;
      if (!byKey.has(key)) byKey.set(key, { code: d.code, construct: d.message, files: new Set() });
      byKey.get(key)!.files.add(f.file);
    }
  }
  return [...byKey.values()].map((b) => ({ code: b.code, construct: b.construct, files: b.files.size })).sort((a, b) => b.files - a.files || a.construct.localeCompare(b.construct));
}

/** The migration report: JSON for tools, and Markdown beside it for people. */
export function writeReport(file: string, result: DirectoryResult): void {
  const summary = {
    files: result.files.length,
    converted: result.files.filter((f) => f.status === "converted" || f.status === "unchanged").length,
    convertedWithWarnings: result.files.filter((f) => f.status === "converted with warnings").length,
    failed: result.files.filter((f) => f.status === "failed").length,
    lines: result.files.reduce((n, f) => n + f.lines, 0),
    seconds: Number(result.seconds.toFixed(2)),
  };
  const ranked = blockers(result.files);
  const files = result.files.map((f) => ({
    file: f.file,
    status: f.status,
    diagnostics: f.diagnostics.map((d) => ({ file: d.file, line: d.loc.line, column: d.loc.col, code: d.code, severity: d.severity, message: d.message })),
  }));
  writeAtomic(file, JSON.stringify({ summary, blockers: ranked, files }, null, 2) + "\n");
  const md = [
    "# Migration report",
    "",
    `${summary.files} files, ${summary.lines} lines: ${summary.converted} converted, ${summary.convertedWithWarnings} converted with warnings, ${summary.failed} failed.`,
    "",
    "## What blocks the rest",
    "",
    ...(ranked.length ? ["| files blocked | code | construct |", "|---:|---|---|", ...ranked.map((b) => `| ${b.files} | ${b.code} | ${b.construct.replace(/\|/g, "\\|")} |`)] : ["Nothing: every file converted."]),
    "",
    "## Files",
    "",
    "| file | status | diagnostics |",
    "|---|---|---|",
    ...files.map((f) => `| ${f.file} | ${f.status} | ${f.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`.replace(/\|/g, "\\|")).join("<br>")} |`),
    "",
  ].join("\n");
  writeAtomic(file.replace(/\.json$/, "") + ".md", md);
}
