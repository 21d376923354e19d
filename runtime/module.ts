// runModule: the converted module hands its main-process code to the runtime. In the main thread it
// runs once, then the program ends as CPython's does (join children, terminate pools, flush, exit code,
// a traceback on an uncaught exception). In a worker it does not run under fork (the worker receives a
// snapshot of the globals instead) and runs as __mp_main__ under spawn/forkserver.

import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { KeyboardInterrupt, SystemExit } from "./builtins/exceptions.js";
import { repr } from "./builtins/repr.js";
import { formatTraceback } from "./builtins/traceback.js";
import { flushAll, stderr, stdout } from "./io.js";
import { atExit, bootData, exitFunctions, programModules, userModule, type ModuleState } from "./multiprocessing/state.js";

export type { ModuleState };

export function runModule(meta: ImportMeta, main: (__name__: string) => void, state?: ModuleState): void {
  userModule.url = meta.url;
  const boot = bootData();
  const loaded = register(meta, "__main__", state);
  if (boot) {
    userModule.ready = Promise.all([loaded, ...userModule.loading]).then(() => {
      if (boot.identity.startMethod !== "fork") main("__mp_main__");
    });
    return;
  }
  void loaded.then(() => {
    const { code, interrupted } = runMain(main);
    // CPython ends a program stopped by an uncaught KeyboardInterrupt by SIGINT itself, so its parent sees the
    // signal (status 130 in a shell, returncode -2 in subprocess); the default action, even if it was ignored.
    if (interrupted) {
      process.removeAllListeners("SIGINT");
      process.kill(process.pid, "SIGINT");
    }
    process.exit(code);
  });
}

/**
 * A module the program imports (`helpers.py` → `helpers.js`). Its top level runs once, when first imported,
 * as Python's does: in the main process, and again in each spawn-started child; a forked child receives
 * its globals instead. Run directly (`node helpers.js`), it is the program's entry, with `__name__` `__main__`.
 */
export function defineModule(meta: ImportMeta, name: string, body: (__name__: string) => void, state?: ModuleState): void {
  const boot = bootData();
  if (boot ? meta.url === boot.moduleUrl : isEntry(meta.url)) {
    runModule(meta, body, state);
    return;
  }
  userModule.loading.push(register(meta, name, state));
  if (!boot || boot.identity.startMethod !== "fork") body(name);
}

/** Records the module for workers; its namespace is known once it has been evaluated. */
function register(meta: ImportMeta, name: string, state?: ModuleState): Promise<void> {
  const entry: { exports?: Record<string, unknown>; state?: ModuleState } = { state };
  programModules.set(name, entry);
  return import(meta.url).then((ns: Record<string, unknown>) => {
    entry.exports = ns;
  });
}

function isEntry(url: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

function runMain(main: (__name__: string) => void): { code: number; interrupted: boolean } {
  let code = 0;
  let interrupted = false;
  for (const hook of userModule.onStart) hook();
  try {
    main("__main__");
  } catch (e) {
    code = exitCodeFor(e);
    interrupted = e instanceof KeyboardInterrupt;
  }
  runExitFunctions();
  for (const finish of atExit) {
    try {
      finish();
    } catch (e) {
      stderr.write(formatTraceback(e));
    }
  }
  // Python 2 ends a line left open by `print x,` when the interpreter exits.
  if (stdout.softspace) stdout.write("\n");
  flushAll();
  return { code, interrupted };
}

/** The script's atexit functions, last registered first; one that raises is reported as CPython reports it. */
function runExitFunctions(): void {
  while (exitFunctions.length) {
    const { func, args } = exitFunctions.pop()!;
    try {
      (func as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      stderr.write(`Exception ignored in atexit callback: ${repr(func)}\n${formatTraceback(e)}`);
    }
  }
}

/** The exit status CPython gives an uncaught exception (printing its traceback). */
export function exitCodeFor(e: unknown): number {
  if (e instanceof SystemExit) {
    const c = e.code;
    if (c === null || c === undefined) return 0;
    if (typeof c === "number") return c;
    if (typeof c === "boolean") return c ? 1 : 0;
    stderr.write(`${String(c)}\n`);
    return 1;
  }
  // stdout is not flushed first: CPython prints the traceback, joins children at exit, and flushes a
  // pending partial stdout line only at shutdown (after the children's lines).
  stderr.write(formatTraceback(e));
  return e instanceof KeyboardInterrupt ? 130 : 1;
}
