// One Pool task as a worker runs it — shared by the local pool workers (worker.ts) and a worker node's
// executors (remote/executor.ts): call the function on the chunk's items and build the result message.

import { RuntimeError, registerException, toPyException, type BaseException } from "../builtins/exceptions.js";
import { Range } from "../builtins/range.js";
import { formatTraceback } from "../builtins/traceback.js";
import { callWithKeywords } from "./call.js";

/** A pool lost a worker (a thread, or a worker node) while it ran a task. */
export class BrokenProcessPool extends RuntimeError {}
registerException(BrokenProcessPool);

/** `items`: a chunk of a map's items (a range's chunk is a range), or an apply's [args, kwargs]. */
export type PoolTask = [job: number, chunk: number, fn: (...a: unknown[]) => unknown, kind: "apply" | "map" | "starmap", items: unknown[] | Range];
/** `output`: what a task on a worker node printed ([stdout, stderr]), written by the parent on arrival. */
export type PoolResult = [job: number, chunk: number, ok: boolean, value: unknown, output?: readonly [string, string]];

/** The result message of one task: its results, or its exception with the worker's traceback text. */
export function runPoolTask([job, chunk, fn, kind, items]: PoolTask): PoolResult {
  try {
    if (items instanceof Range) return [job, chunk, true, items.map((x) => fn(x))];
    const out =
      kind === "apply" ? callWithKeywords(fn, items[0] as unknown[], items[1] as Map<string, unknown> | null) : kind === "starmap" ? items.map((args) => fn(...(args as unknown[]))) : items.map((x) => fn(x));
    return [job, chunk, true, out];
  } catch (e) {
    return [job, chunk, false, withTraceback(toPyException(e))];
  }
}

export function withTraceback(e: BaseException): BaseException {
  e.__remote_traceback__ = formatTraceback(e);
  return e;
}
