// atexit: functions run when the program ends normally or through sys.exit, last registered first; not after
// os._exit or a signal that ends the process. runModule (module.ts) runs them.

import { exitFunctions } from "../multiprocessing/state.js";

export function register<F extends (...args: never[]) => unknown>(func: F, ...args: Parameters<F>): F {
  exitFunctions.push({ func, args });
  return func;
}

/** Removes every registration of `func` (CPython compares with ==, which for functions is identity). */
export function unregister(func: (...args: never[]) => unknown): void {
  for (let i = exitFunctions.length - 1; i >= 0; i--) if (exitFunctions[i]!.func === func) exitFunctions.splice(i, 1);
}

export function _ncallbacks(): number {
  return exitFunctions.length;
}
