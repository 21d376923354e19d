// An executor thread of a worker node: one "pool worker process" there. It imports the converted module
// as a pool worker does (not running its main code under fork; as __mp_main__ under spawn), then runs the
// tasks its node hands it: before a pool's first task it takes that pool's fork snapshot of the parent's
// globals and runs its initializer, as a forked pool worker starts. What a task prints goes back with its
// result, for the parent to print.

import { parentPort } from "node:worker_threads";
import { toPyException } from "../../builtins/exceptions.js";
import { captureOutput, flushAll } from "../../io.js";
import { runPoolTask, withTraceback, type PoolResult, type PoolTask } from "../pool-task.js";
import { dumps, loads } from "../serialize.js";
import { bootData, programModules, userModule } from "../state.js";
import type { ExecutorReply, ExecutorRequest } from "./protocol.js";

await import(bootData()!.moduleUrl);
await userModule.ready;

/** The pool (queue) whose snapshot and initializer this thread last took. */
let currentPool: string | null = null;

function enterPool(req: ExecutorRequest): void {
  if (req.queue === currentPool) return;
  currentPool = req.queue;
  if (req.meta.snapshot) {
    for (const [module, globals] of loads(Buffer.from(req.meta.snapshot, "base64")) as Map<string, Map<string, unknown>>) {
      programModules.get(module)?.state?.set(Object.fromEntries(globals));
    }
  }
  if (req.meta.initializer) {
    const [fn, args] = loads(Buffer.from(req.meta.initializer, "base64")) as [(...a: unknown[]) => unknown, unknown[]];
    fn(...args);
  }
}

function run(req: ExecutorRequest): Uint8Array {
  const out: string[] = [];
  const err: string[] = [];
  captureOutput((fd, text) => (fd === 2 ? err : out).push(text));
  let message: PoolResult;
  try {
    enterPool(req);
    message = runPoolTask(loads(Buffer.from(req.task, "base64")) as PoolTask);
  } catch (e) {
    // The pool's snapshot, initializer or task could not be taken here: the task fails with the reason.
    currentPool = null;
    message = [req.job, req.chunk, false, withTraceback(toPyException(e))];
  } finally {
    flushAll();
    captureOutput(null);
  }
  const output = [out.join(""), err.join("")] as const;
  if (output[0] || output[1]) message[4] = output;
  try {
    return dumps(message);
  } catch (e) {
    // A result that cannot be pickled fails its task, as CPython's MaybeEncodingError does.
    return dumps([req.job, req.chunk, false, withTraceback(toPyException(e)), message[4]]);
  }
}

parentPort!.on("message", (req: ExecutorRequest) => {
  const bytes = run(req);
  parentPort!.postMessage({ result: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") } satisfies ExecutorReply);
});
