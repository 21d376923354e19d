// runModule: the converted module hands its main-process code to the runtime. In the main thread it
// runs once, then the program ends as CPython's does (join children, terminate pools, flush, exit code,
// a traceback on an uncaught exception). In a worker it does not run under fork (the worker receives a
// snapshot of the globals instead) and runs as __mp_main__ under spawn/forkserver.

import { KeyboardInterrupt, SystemExit } from "./builtins/exceptions.js";
import { formatTraceback } from "./builtins/traceback.js";
import { flushAll, stderr } from "./io.js";
import { atExit, bootData, userModule } from "./multiprocessing/state.js";

export interface ModuleState {
  get(): Record<string, unknown>;
  set(g: Record<string, unknown>): void;
}

export function runModule(meta: ImportMeta, main: (__name__: string) => void, state?: ModuleState): void {
  userModule.url = meta.url;
  userModule.state = state;
  const boot = bootData();
  // The module's own namespace (its exports) is how workers find functions and classes by name.
  const loaded = import(meta.url).then((ns: Record<string, unknown>) => {
    userModule.exports = ns;
  });
  if (boot) {
    userModule.ready = loaded.then(() => {
      if (boot.identity.startMethod !== "fork") main("__mp_main__");
    });
    return;
  }
  void loaded.then(() => process.exit(runMain(main)));
}

function runMain(main: (__name__: string) => void): number {
  let code = 0;
  for (const hook of userModule.onStart) hook();
  try {
    main("__main__");
  } catch (e) {
    code = exitCodeFor(e);
  }
  for (const finish of atExit) {
    try {
      finish();
    } catch (e) {
      stderr.write(formatTraceback(e));
    }
  }
  flushAll();
  return code;
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
