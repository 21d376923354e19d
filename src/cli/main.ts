// The command line: `convert`, `run` and `check`. Thin: reads files, calls the converter, prints
// diagnostics, writes outputs atomically, and maps outcomes to exit codes (0 ok, 1 input errors, 2 usage).

import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { InternalError, type Diagnostic } from "../diagnostics.js";
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
    if (opts.debug) throw e instanceof InternalError ? e.cause : e;
    const where = e instanceof InternalError ? `${file}:${e.loc.line}:${e.loc.col}` : file;
    process.stderr.write(
      `${where} - internal error: ${(e as Error).message}\n` +
        `This is a bug in py2ts-mp: please report it with the input file (--debug shows the stack trace).\n`,
    );
    throw new ExitError(1);
  }
  printDiagnostics(result.diagnostics, read.text, opts);
  if (!result.code) throw new ExitError(1);
  return { code: result.code, source: read.text };
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

  program
    .command("run")
    .description("convert FILE.py (cached by content) and run it under Node with ARGS")
    .argument("<file>", "Python script")
    .argument("[args...]", "arguments for the script (sys.argv[1:])")
    .addOption(python)
    .addOption(new Option("--start-method <method>", "default start method for scripts written for macOS/Windows").choices(["fork", "spawn", "forkserver"]))
    .option("--debug", "show stack traces of internal errors")
    .passThroughOptions()
    .action(async (file: string, args: string[], opts: CommonOptions & { startMethod?: string }) => {
      if (opts.startMethod) process.env.PY2TS_MP_START_METHOD = opts.startMethod;
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
      await runCompiled(jsFile, file, args);
      // runModule ends the process with the script's exit code.
      await new Promise(() => {});
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
