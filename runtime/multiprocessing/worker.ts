// The entry that runs inside each Worker ("child process"): imports the converted module as __mp_main__,
// applies the parent's snapshot under fork, then runs the Process target or the Pool's task loop, and
// publishes its exit code in the control block from its own finally (the parent may be blocked).

import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { SystemExit, toPyException } from "../builtins/exceptions.js";
import { formatTraceback } from "../builtins/traceback.js";
import { flushAll, stderr } from "../io.js";
import { CURRENT_CHUNK, CURRENT_JOB, EXITCODE, STATE, WorkerState, type StandbyPayload, type StartPayload } from "./protocol.js";
import { Queue } from "./queues.js";
import { closeReceivedConnections } from "./connection.js";
import { loadsInherited, loadsSnapshot } from "./serialize.js";
import { callWithKeywords } from "./call.js";
import { runPoolTask, withTraceback, type PoolResult, type PoolTask } from "./pool-task.js";
import { identity, programModules, userModule } from "./state.js";

const data = workerData as (StartPayload | StandbyPayload) & { lifeline: MessagePort };

// Held for the thread's whole life: its other end tells the monitor when this thread is gone (monitor.ts).
// Unreferenced, so that it never keeps the thread alive by itself.
const lifeline = data.lifeline;
lifeline.unref();

/** The control block of the run in progress (a warm spare runs several, one after another). */
let current = new Int32Array(data.control);

// process.exit() inside the worker (os._exit) or an uncaught asynchronous error skips every finally;
// 'exit' still fires in the worker, so the parent (maybe blocked in join) is told the thread is gone.
process.on("exit", (exitcode) => {
  finish(current, exitcode);
  finish(new Int32Array(data.control), exitcode); // a warm spare is gone too: never hand it out again
});

try {
  await import(data.moduleUrl);
  await userModule.ready;
} catch (e) {
  // The module itself failed to load in this worker: report it on the control block and leave.
  finish(new Int32Array(data.control), exitCodeOf(e, `Process ${data.identity.name}:\n`));
  throw e;
}

if ("standby" in data) {
  // A warm spare: Process.start() sends what to run, and after each run the worker waits again, so a
  // start costs a message instead of a worker boot (every run starts from the parent's snapshot).
  const standby = new Int32Array(data.control);
  for (;;) {
    Atomics.store(standby, STATE, WorkerState.Ready);
    Atomics.notify(standby, STATE);
    const boot = await new Promise<StartPayload>((resolve) => parentPort!.once("message", resolve));
    Atomics.store(standby, STATE, WorkerState.Running);
    identity.current = boot.identity;
    runOnce(boot);
  }
} else {
  runOnce(data);
}

function runOnce(boot: StartPayload): void {
  const control = new Int32Array(boot.control);
  current = control;
  Atomics.store(control, STATE, WorkerState.Running);
  let code = 0;
  try {
    if (boot.snapshot) {
      for (const [module, globals] of loadsSnapshot(boot.snapshot) as Map<string, Map<string, unknown>>) {
        programModules.get(module)?.state?.set(Object.fromEntries(globals));
      }
    }
    if (boot.role.kind === "process") {
      const [target, args, kwargs, self] = loadsInherited(boot.role.call) as [((...a: unknown[]) => unknown) | null, unknown[], Map<string, unknown> | null, { run(): void } | null];
      if (self) self.run();
      else if (target) callWithKeywords(target, args, kwargs);
    } else {
      runPoolWorker(boot.role, control);
    }
  } catch (e) {
    code = exitCodeOf(e, boot.identity.kind === "thread" ? `Exception in thread ${boot.identity.name}:\n` : `Process ${boot.identity.name}:\n`);
  } finally {
    finish(control, code);
  }
}

function finish(control: Int32Array, code: number): void {
  if (Atomics.load(control, STATE) === WorkerState.Exited) return;
  // A process that ends closes the pipe ends it received, as its file descriptors close.
  closeReceivedConnections();
  flushAll();
  Atomics.store(control, EXITCODE, code);
  Atomics.store(control, STATE, WorkerState.Exited);
  Atomics.notify(control, STATE);
}

/** What Python's process bootstrap does with an exception that ends the process. */
function exitCodeOf(e: unknown, header: string): number {
  if (e instanceof SystemExit) {
    const c = e.code;
    if (c === null || c === undefined) return 0;
    if (typeof c === "number") return c;
    stderr.write(`${String(c)}\n`);
    return 1;
  }
  stderr.write(header + formatTraceback(e));
  return 1;
}

/** A pool worker: take tasks until the sentinel (null), send each chunk's results or its exception. */
function runPoolWorker(role: Extract<StartPayload["role"], { kind: "pool" }>, control: Int32Array): void {
  const tasks = new Queue<PoolTask | null>(0, role.tasks);
  const results = new Queue<PoolResult>(0, role.results);
  if (role.initializer) {
    const [fn, args] = loadsInherited(role.initializer) as [(...a: unknown[]) => unknown, unknown[]];
    fn(...args);
  }
  let done = 0;
  for (;;) {
    const task = tasks.get();
    if (task === null) break;
    const [job, chunk] = task;
    Atomics.store(control, CURRENT_JOB, job);
    Atomics.store(control, CURRENT_CHUNK, chunk);
    const message = runPoolTask(task);
    try {
      results.put(message);
    } catch (e) {
      // A result that cannot be pickled fails its task, as CPython's MaybeEncodingError does.
      const err = toPyException(e);
      results.put([job, chunk, false, withTraceback(err)]);
    }
    Atomics.store(control, CURRENT_JOB, 0);
    if (role.maxtasks > 0 && ++done >= role.maxtasks) break;
  }
}
