// py2ts-mp/runtime/multiprocessing: the public face of the runtime's multiprocessing, named as in Python.

export { Process, active_children, cpu_count, current_process, parent_process } from "./process.js";
export { Pool, AsyncResult, BrokenProcessPool } from "./pool.js";
export { Queue, JoinableQueue, SimpleQueue } from "./queues.js";
export { Value, Array, RawValue, RawArray } from "./sharedctypes.js";
export { Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier, BrokenBarrierError } from "./synchronize.js";
export { Pipe, Connection } from "./connection.js";
export { Manager, DictProxy, ListProxy, type Namespace } from "./managers.js";
export { Context, get_context, get_start_method, set_start_method, get_all_start_methods } from "./context.js";
export { ProcessError, TimeoutError, AuthenticationError, BufferTooShort } from "../builtins/exceptions.js";

/** Windows-only in CPython; a no-op elsewhere. */
export function freeze_support(): void {}
