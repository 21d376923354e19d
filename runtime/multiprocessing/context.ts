// Start methods: set_start_method / get_start_method ("fork" by default, as Linux CPython before 3.14)
// and get_context(method), whose factories create objects bound to that method.

import { RuntimeError, ValueError } from "../builtins/exceptions.js";
import { Pool, type PoolOptions } from "./pool.js";
import { Process, type ProcessOptions } from "./process.js";
import { JoinableQueue, Queue, SimpleQueue } from "./queues.js";
import { Array as SharedArray, RawArray, RawValue, Value } from "./sharedctypes.js";
import { getStartMethod, setStartMethod, startMethodWasSet, type StartMethod } from "./state.js";
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from "./synchronize.js";

const METHODS: readonly StartMethod[] = ["fork", "spawn", "forkserver"];

function checkMethod(method: string): StartMethod {
  if (!METHODS.includes(method as StartMethod)) throw new ValueError(`cannot find context for '${method}'`);
  return method as StartMethod;
}

export function set_start_method(method: string, force = false): void {
  if (startMethodWasSet() && !force) throw new RuntimeError("context has already been set");
  setStartMethod(checkMethod(method));
}

export function get_start_method(allow_none = false): string | null {
  if (allow_none && !startMethodWasSet()) return null;
  return getStartMethod();
}

export function get_all_start_methods(): string[] {
  return [...METHODS];
}

export class Context {
  readonly Process: typeof Process;
  readonly Pool: typeof Pool;
  constructor(private readonly method: StartMethod) {
    this.Process = class extends Process {
      constructor(opts: ProcessOptions = {}) {
        super(opts);
        this._startMethod = method;
      }
      protected override kindName(): string {
        return "Process";
      }
    };
    this.Pool = class extends Pool {
      constructor(opts: PoolOptions = {}) {
        const saved = startMethodWasSet() ? getStartMethod() : undefined;
        setStartMethod(method);
        try {
          super(opts);
        } finally {
          setStartMethod(saved);
        }
      }
    };
  }
  Queue = Queue;
  JoinableQueue = JoinableQueue;
  SimpleQueue = SimpleQueue;
  Lock = Lock;
  RLock = RLock;
  Semaphore = Semaphore;
  BoundedSemaphore = BoundedSemaphore;
  Event = Event;
  Condition = Condition;
  Barrier = Barrier;
  Value = Value;
  Array = SharedArray;
  RawValue = RawValue;
  RawArray = RawArray;
  get_start_method(): string {
    return this.method;
  }
}

export function get_context(method: string | null = null): Context {
  return new Context(method === null ? getStartMethod() : checkMethod(method));
}
