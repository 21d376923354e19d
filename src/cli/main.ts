// The command line: `convert`, `run`, `check` and `worker`. Thin: reads files, calls the converter, prints
// diagnostics, writes outputs atomically, and maps outcomes to exit codes (0 ok, 1 input errors, 2 usage).

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { Diagnostic } from "../diagnostics.js";
import { readPythonSource, writeAtomic } from "./files.js";
import { formatDiagnostic, formatJson, useColor } from "./report.js";
import { cachedModulePath, compileForNode, runCompiled, writeCompiled } from "./run.js";

const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

interface CommonOptions {
  python?: "2" | "3";
  json?: boolean;
  debug?: boolean;
}

class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function printDiagnostics(ds: readonly Diagnostic[], source: string | undefined, opts: CommonOptions): void {
  if (ds.length === 0) return;
  // Written synchronously: the converted program may print right after, and must not overtake them.
  if (opts.json) {
    fs.writeSync(1, formatJson(ds) + "\n");
    return;
  }
  const color = useColor(process.stderr);
  for (const d of ds) fs.writeSync(2, formatDiagnostic(d, source, color) + "\n");
}

/** Converts one file; prints its diagnostics; returns the code or throws ExitError(1). */
async function convertFile(file: string, opts: CommonOptions): Promise<{ code: string; source: string }> {
  const read = readPythonSource(file);
  if (!read.ok) {
    printDiagnostics([read.diagnostic], undefined, opts);
    throw new ExitError(1);
  }
  const { convertSource } = await import("../convert.js");
  let result;
  try {
    result = await convertSource(read.text, file, { dialect: opts.python ? (Number(opts.python) as 2 | 3) : undefined });
  } catch (e) {
    if (opts.debug) throw e;
    process.stderr.write(
      `py2ts-mp: internal error while converting ${file}: ${(e as Error).message}\n` +
        `This is a bug in py2ts-mp. Please report it with the input file; run with --debug for the stack trace.\n`,
    );
    throw new ExitError(1);
  }
  printDiagnostics(result.diagnostics, read.text, opts);
  if (!result.code) throw new ExitError(1);
  return { code: result.code, source: read.text };
}

/** The cached compiled module of FILE.py (converted and compiled on a miss), and its source. */
async function prepare(file: string, opts: CommonOptions): Promise<{ jsFile: string; source: string }> {
  const read = readPythonSource(file);
  if (!read.ok) {
    printDiagnostics([read.diagnostic], undefined, opts);
    throw new ExitError(1);
  }
  const jsFile = cachedModulePath(read.text, file, `python=${opts.python ?? ""}`);
  if (!fs.existsSync(jsFile)) {
    const { code } = await convertFile(file, opts);
    writeCompiled(jsFile, await compileForNode(code, path.basename(jsFile, ".mjs") + ".ts"));
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

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
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
    .description("convert FILE.py to TypeScript (FILE.ts beside it, or -o OUT.ts)")
    .argument("<file>", "Python script")
    .option("-o, --out <file>", "output TypeScript file")
    .addOption(python)
    .option("--json", "print diagnostics as JSON")
    .option("--debug", "show stack traces of internal errors")
    .action(async (file: string, opts: CommonOptions & { out?: string }) => {
      const { code } = await convertFile(file, opts);
      const out = opts.out ?? path.join(path.dirname(file), `${path.basename(file, ".py")}.ts`);
      writeAtomic(out, code);
    });

  program
    .command("check")
    .description("report diagnostics for FILE.py without writing anything")
    .argument("<file>", "Python script")
    .addOption(python)
    .option("--json", "print diagnostics as JSON")
    .option("--debug", "show stack traces of internal errors")
    .action(async (file: string, opts: CommonOptions) => {
      await convertFile(file, opts);
    });

  const poolBackend = () => new Option("--pool-backend <url>", "run Pool tasks as BullMQ jobs on Redis: redis://HOST:PORT[/DB]").env("PY2TS_MP_POOL_BACKEND");

  program
    .command("run")
    .description("convert FILE.py (cached by content) and run it under Node with ARGS")
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
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    throw e;
  }
}
