// The command line: `convert`, `run`, `check` and `worker`. Thin: reads files, calls the converter, prints
// diagnostics, writes outputs atomically, and maps outcomes to exit codes (0 ok, 1 input errors, 2 usage).

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { InternalError, type Diagnostic } from "../diagnostics.js";
import type { ConvertedModule } from "../convert.js";
import type { LoadedProgram } from "../program.js";
import { readPythonSource, writeAtomic } from "./files.js";
import { formatDiagnostic, formatJson, useColor } from "./report.js";
import { cacheKey, cachedEntry, cachedProgramDir, compileForNode, runCompiled, writeProgram } from "./run.js";

const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

interface CommonOptions {
  python?: "2" | "3";
  json?: boolean;
  debug?: boolean;
  quiet?: boolean;
}

class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function printDiagnostics(all: readonly Diagnostic[], sources: ReadonlyMap<string, string>, opts: CommonOptions): void {
  const ds = opts.quiet ? all.filter((d) => d.severity === "error") : all;
  if (ds.length === 0) return;
  // Written synchronously: the converted program may print right after, and must not overtake them.
  if (opts.json) {
    fs.writeSync(1, formatJson(ds) + "\n");
    return;
  }
  const color = useColor(process.stderr);
  for (const d of ds) fs.writeSync(2, formatDiagnostic(d, sources.get(d.file), color) + "\n");
}

/** A converter bug: one located line (the stack trace only with --debug), then exit 1. */
function internalError(e: unknown, file: string, opts: CommonOptions): never {
  if (opts.debug) throw e instanceof InternalError ? e.cause : e;
  const where = e instanceof InternalError ? `${file}:${e.loc.line}:${e.loc.col}` : file;
  process.stderr.write(
    `${where} - internal error: ${(e as Error).message}\n` +
      `This is a bug in py2ts-mp: please report it with the input file (--debug shows the stack trace).\n`,
  );
  throw new ExitError(1);
}

/**
 * Converts a script and the local modules it imports; prints every diagnostic. Throws ExitError(1) when
 * any module has errors: the modules of one program are written together or not at all.
 */
async function convertScript(file: string, opts: CommonOptions): Promise<{ program: LoadedProgram; modules: ConvertedModule[] }> {
  const { loadProgram } = await import("../program.js");
  const { convertProgram } = await import("../convert.js");
  const dialect = opts.python ? (Number(opts.python) as 2 | 3) : undefined;
  let program: LoadedProgram;
  let modules: ConvertedModule[];
  try {
    program = loadProgram(path.dirname(file), [file], dialect);
    modules = await convertProgram(program);
  } catch (e) {
    internalError(e, file, opts);
  }
  const sources = new Map(program.modules.map((m) => [m.file, m.source]));
  const unread = program.diagnostics.filter((d) => !sources.has(d.file));
  printDiagnostics([...unread, ...modules.flatMap((m) => m.diagnostics)], sources, opts);
  if (unread.length > 0 || modules.some((m) => !m.code)) throw new ExitError(1);
  return { program, modules };
}

interface DirectoryFlags {
  report?: string;
  jobs?: number;
}

class UsageError extends Error {}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Converts (or, without `outDir`, checks) every script under `dir`; prints diagnostics and a summary. */
async function directory(dir: string, outDir: string | undefined, opts: CommonOptions & DirectoryFlags): Promise<void> {
  const { convertDirectory, writeReport } = await import("./directory.js");
  const progress = opts.json ? "none" : process.stderr.isTTY ? "bar" : "lines";
  const result = await convertDirectory(dir, { outDir, dialect: opts.python ? (Number(opts.python) as 2 | 3) : undefined, jobs: opts.jobs, progress });
  const diagnostics = result.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, file: path.join(dir, d.file) })));
  const sources = new Map(diagnostics.filter((d) => !opts.quiet || d.severity === "error").map((d) => [d.file, fs.existsSync(d.file) ? fs.readFileSync(d.file, "utf8") : ""]));
  printDiagnostics(diagnostics, sources, opts);
  if (opts.report) writeReport(opts.report, result);
  const count = (s: string) => result.files.filter((f) => f.status === s).length;
  const lines = result.files.reduce((n, f) => n + f.lines, 0);
  if (!opts.json) {
    process.stderr.write(
      `${result.files.length} files (${lines} lines) in ${result.seconds.toFixed(1)} s: ${count("converted")} converted, ` +
        `${count("converted with warnings")} with warnings, ${count("unchanged")} unchanged, ${count("failed")} failed` +
        (opts.report ? `; report in ${opts.report}` : "") +
        "\n",
    );
  }
  if (count("failed") > 0) throw new ExitError(1);
}

/** The cached compiled program of FILE.py (converted and compiled on a miss): its entry, and the entry's source. */
async function prepare(file: string, opts: CommonOptions): Promise<{ jsFile: string; source: string }> {
  const read = readPythonSource(file);
  if (!read.ok) {
    printDiagnostics([read.diagnostic], new Map(), opts);
    throw new ExitError(1);
  }
  const dir = cachedProgramDir(read.text, file, cacheKey(opts.python));
  let jsFile = cachedEntry(dir);
  if (!jsFile) {
    const { program, modules } = await convertScript(file, opts);
    const compiled = [];
    for (const m of modules) {
      const rel = path.relative(program.root, m.file).replace(/\.py$/, ".js");
      compiled.push({ rel, js: await compileForNode(m.code!, rel.replace(/\.js$/, ".ts")) });
    }
    const entryRel = path.relative(program.root, path.resolve(file)).replace(/\.py$/, ".js");
    jsFile = writeProgram(dir, compiled, entryRel, program.modules.map((m) => m.file));
  }
  return { jsFile, source: read.text };
}

/** Which program a run is, the same on every machine: a run's worker nodes serve only its key. */
function scriptKey(source: string, python: string | undefined): string {
  return crypto.createHash("sha256").update(`${pkg.version}\0${python ?? ""}\0${source}`).digest("hex").slice(0, 16);
}

/** The parsed backend URL, once Redis answered; else one line on stderr and exit code 1. */
async function reachableBackend(url: string) {
  // Loaded only when a backend is given: local runs never load the Redis client.
  const { parseBackend, BackendError } = await import("../../runtime/multiprocessing/remote/config.js");
  const { checkReachable } = await import("../../runtime/multiprocessing/remote/redis.js");
  try {
    const backend = parseBackend(url);
    await checkReachable(backend);
    return backend;
  } catch (e) {
    if (!(e instanceof BackendError)) throw e;
    process.stderr.write(`${e.message}\n`);
    throw new ExitError(1);
  }
}

/**
 * `run script.py --pool-backend URL args…`: the backend may follow the script (as the option of a run, not
 * of the script) when it comes first among the arguments; `--` before it leaves it to the script.
 */
function takeLeadingBackend(args: string[], opts: { poolBackend?: string }): string[] {
  const [first, second] = args;
  if (first === "--pool-backend" && second !== undefined) {
    opts.poolBackend = second;
    return args.slice(2);
  }
  if (first?.startsWith("--pool-backend=")) {
    opts.poolBackend = first.slice("--pool-backend=".length);
    return args.slice(1);
  }
  return first === "--" ? args.slice(1) : args;
}

const python = new Option("--python <version>", "Python dialect of the input (detected when absent)").choices(["2", "3"]);

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("py2ts-mp")
    .description("Convert Python multiprocessing scripts to TypeScript that runs on Node.")
    .version(pkg.version)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("convert")
    .description("convert FILE.py and the local modules it imports (FILE.ts beside it, or -o OUT.ts), or every script under DIR into -o OUTDIR")
    .argument("<path>", "Python script, or a directory of them")
    .option("-o, --out <path>", "output TypeScript file of the script (imported modules go beside it), or the output directory")
    .option("--report <file.json>", "with a directory: write a migration report (JSON, and Markdown beside it)")
    .option("-j, --jobs <n>", "with a directory: worker threads (default: the machine's cores)", (v) => positiveInt(v, "--jobs"))
    .addOption(python)
    .option("--json", "print diagnostics as JSON")
    .option("-q, --quiet", "print errors only (warnings still count, and stay in --report)")
    .option("--debug", "show stack traces of internal errors")
    .action(async (input: string, opts: CommonOptions & DirectoryFlags & { out?: string }) => {
      if (isDirectory(input)) {
        if (!opts.out) throw new UsageError("converting a directory needs -o OUTDIR");
        await directory(input, opts.out, opts);
        return;
      }
      const { program, modules } = await convertScript(input, opts);
      const entry = path.resolve(input);
      const outDir = opts.out ? path.dirname(opts.out) : program.root;
      for (const m of modules) {
        const out = path.resolve(m.file) === entry && opts.out ? opts.out : path.join(outDir, path.relative(program.root, m.file).replace(/\.py$/, ".ts"));
        writeAtomic(out, m.code!);
      }
    });

  program
    .command("check")
    .description("report diagnostics for FILE.py (and what it imports) or every script under DIR, writing nothing")
    .argument("<path>", "Python script, or a directory of them")
    .option("--report <file.json>", "with a directory: write a migration report (JSON, and Markdown beside it)")
    .option("-j, --jobs <n>", "with a directory: worker threads (default: the machine's cores)", (v) => positiveInt(v, "--jobs"))
    .addOption(python)
    .option("--json", "print diagnostics as JSON")
    .option("-q, --quiet", "print errors only (warnings still count, and stay in --report)")
    .option("--debug", "show stack traces of internal errors")
    .action(async (input: string, opts: CommonOptions & DirectoryFlags) => {
      if (isDirectory(input)) await directory(input, undefined, opts);
      else await convertScript(input, opts);
    });

  const poolBackend = () => new Option("--pool-backend <url>", "run Pool tasks as BullMQ jobs on Redis: redis://HOST:PORT[/DB]").env("PY2TS_MP_POOL_BACKEND");

  program
    .command("run")
    .description("convert FILE.py and what it imports (cached by content) and run it under Node with ARGS")
    .argument("<file>", "Python script")
    .argument("[args...]", "arguments for the script (sys.argv[1:])")
    .addOption(python)
    .addOption(new Option("--start-method <method>", "default start method for scripts written for macOS/Windows").choices(["fork", "spawn", "forkserver"]))
    .addOption(poolBackend())
    .option("--debug", "show stack traces of internal errors")
    .passThroughOptions()
    .action(async (file: string, args: string[], opts: CommonOptions & { startMethod?: string; poolBackend?: string }) => {
      if (opts.startMethod) process.env.PY2TS_MP_START_METHOD = opts.startMethod;
      args = takeLeadingBackend(args, opts);
      // The backend is checked first: a bad one fails at once, before a conversion.
      if (opts.poolBackend) await reachableBackend(opts.poolBackend);
      const { jsFile, source } = await prepare(file, opts);
      if (opts.poolBackend) {
        process.env.PY2TS_MP_POOL_BACKEND = opts.poolBackend;
        process.env.PY2TS_MP_SCRIPT_KEY = scriptKey(source, opts.python);
      }
      await runCompiled(jsFile, file, args);
      // runModule ends the process with the script's exit code.
      await new Promise(() => {});
    });

  program
    .command("worker")
    .description("serve the Pool tasks of FILE.py runs on a pool backend (a worker node; any machine)")
    .argument("<file>", "Python script (the same as the runs')")
    .addOption(python)
    .addOption(poolBackend().makeOptionMandatory())
    .option("--concurrency <n>", "tasks run at once (default: the number of cores)", (v) => positiveInt(v, "--concurrency"))
    .option("--debug", "show stack traces of internal errors")
    .action(async (file: string, opts: CommonOptions & { poolBackend: string; concurrency?: number }) => {
      const backend = await reachableBackend(opts.poolBackend);
      const { jsFile, source } = await prepare(file, opts);
      const { runWorkerNode } = await import("../../runtime/multiprocessing/remote/node.js");
      const { secondsFromEnv, LOCK_TIMEOUT_ENV } = await import("../../runtime/multiprocessing/remote/config.js");
      await runWorkerNode({
        backend,
        scriptKey: scriptKey(source, opts.python),
        moduleUrl: pathToFileURL(jsFile).href,
        concurrency: opts.concurrency ?? os.availableParallelism(),
        lockSeconds: secondsFromEnv(LOCK_TIMEOUT_ENV, 30),
      });
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof UsageError) {
      process.stderr.write(`py2ts-mp: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    throw e;
  }
}
