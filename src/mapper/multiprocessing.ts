// multiprocessing → py2ts-mp/runtime/multiprocessing: Process, Pool, Queue, shared memory and locks.
// Each row resolves Python's keyword arguments against CPython's signature (Lib/multiprocessing/*.py).

import { T, iterElement, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const obj = (cls: string) => () => T.object(cls);
const none = () => T.none;
const listOf = (t: PyType | undefined) => T.list(t ?? T.unknown);
const ret = (a: ArgTypes) => a.returnOf("func") ?? T.unknown;
/** The element types of an args tuple, which become the target's parameter types. */
const argsOf = (t: PyType | undefined): PyType[] => (t?.k === "tuple" ? [...t.elts] : t?.k === "list" ? [t.elt] : []);

/** Primitives shared by the module namespace and a context object (`get_context("spawn").Lock()`). */
const factories: Record<string, ApiRow> = {
  Process: {
    kind: "new",
    ts: "Process",
    params: ["group", "target", "name", "args", "kwargs", "*", "daemon"],
    positional: 0,
    argLists: ["args"],
    result: obj("Process"),
    flows: (a) => [["target", argsOf(a.get("args"))]],
  },
  Pool: {
    kind: "new",
    ts: "Pool",
    params: ["processes", "initializer", "initargs", "maxtasksperchild"],
    positional: 0,
    argLists: ["initargs"],
    result: obj("Pool"),
    flows: (a) => [["initializer", argsOf(a.get("initargs"))]],
  },
  Queue: { kind: "new", ts: "Queue", params: ["maxsize"], result: () => T.object("Queue") },
  JoinableQueue: { kind: "new", ts: "JoinableQueue", params: ["maxsize"], result: () => T.object("JoinableQueue") },
  SimpleQueue: { kind: "new", ts: "SimpleQueue", params: [], result: () => T.object("SimpleQueue") },
  Lock: { kind: "new", ts: "Lock", params: [], result: obj("Lock") },
  RLock: { kind: "new", ts: "RLock", params: [], result: obj("RLock") },
  Semaphore: { kind: "new", ts: "Semaphore", params: ["value"], result: obj("Semaphore") },
  BoundedSemaphore: { kind: "new", ts: "BoundedSemaphore", params: ["value"], result: obj("BoundedSemaphore") },
  Event: { kind: "new", ts: "Event", params: [], result: obj("Event") },
  Condition: { kind: "new", ts: "Condition", params: ["lock"], result: obj("Condition") },
  Barrier: { kind: "new", ts: "Barrier", params: ["parties", "action", "timeout"], result: obj("Barrier") },
  Value: {
    kind: "new",
    ts: "Value",
    params: ["typecode_or_type", "*args", "*", "lock"],
    result: (a) => T.object("Value", undefined, typecodeType(a.literal("typecode_or_type"))),
  },
  Array: {
    kind: "new",
    ts: "Array",
    params: ["typecode_or_type", "size_or_initializer", "*", "lock"],
    result: (a) => T.object("Array", undefined, typecodeType(a.literal("typecode_or_type"))),
  },
  RawValue: { kind: "call", ts: "RawValue", params: ["typecode_or_type", "*args"], result: (a) => T.object("Value", undefined, typecodeType(a.literal("typecode_or_type"))) },
  RawArray: { kind: "call", ts: "RawArray", params: ["typecode_or_type", "size_or_initializer"], result: (a) => T.object("Array", undefined, typecodeType(a.literal("typecode_or_type"))) },
  Manager: { kind: "new", ts: "Manager", params: [], result: obj("Manager") },
  Pipe: { kind: "call", ts: "Pipe", params: ["duplex"], result: () => T.tuple([T.object("Connection"), T.object("Connection")]) },
  cpu_count: { kind: "call", ts: "cpu_count", params: [], result: () => T.int(1, 4096) },
  current_process: { kind: "call", ts: "current_process", params: [], result: obj("Process") },
  parent_process: { kind: "call", ts: "parent_process", params: [], result: obj("Process") },
  active_children: { kind: "call", ts: "active_children", params: [], result: () => T.list(T.object("Process")) },
  freeze_support: { kind: "call", ts: "freeze_support", params: [], result: none },
  set_start_method: { kind: "call", ts: "set_start_method", params: ["method", "force"], result: none },
  get_start_method: { kind: "call", ts: "get_start_method", params: ["allow_none"], result: () => T.str },
  get_context: { kind: "call", ts: "get_context", params: ["method"], result: obj("Context") },
};

const contextMembers = Object.fromEntries(
  Object.entries(factories).map(([name, row]) => [`Context.${name}`, { ...row, kind: row.kind === "new" ? "new" : "method" } as ApiRow]),
);

const asyncResult = (elt: PyType): PyType => T.object("AsyncResult", undefined, elt);

export const multiprocessing: ModuleTable = {
  python: "multiprocessing",
  runtime: "py2ts-mp/runtime/multiprocessing",
  names: factories,
  classes: {
    Process: { ts: "Process", subclassable: true },
    Pool: { ts: "Pool", enterReturnsSelf: true },
    Queue: { ts: "Queue", generic: true, learnsElement: true },
    JoinableQueue: { ts: "JoinableQueue", generic: true, learnsElement: true },
    SimpleQueue: { ts: "SimpleQueue", generic: true, learnsElement: true },
    AsyncResult: { ts: "AsyncResult", generic: true },
    Lock: { ts: "Lock", acquireRelease: true },
    RLock: { ts: "RLock", acquireRelease: true },
    Semaphore: { ts: "Semaphore", acquireRelease: true },
    BoundedSemaphore: { ts: "BoundedSemaphore", acquireRelease: true },
    Event: { ts: "Event" },
    Condition: { ts: "Condition", acquireRelease: true },
    Barrier: { ts: "Barrier" },
    Value: { ts: "Value", generic: true },
    Array: { ts: "Array", generic: true },
    Connection: { ts: "Connection" },
    Manager: { ts: "Manager", enterReturnsSelf: true },
    DictProxy: { ts: "DictProxy" },
    ListProxy: { ts: "ListProxy" },
    Namespace: { ts: "Namespace", dynamicAttributes: true },
    Context: { ts: "Context" },
  },
  members: {
    ...contextMembers,
    "Process.start": { kind: "method", ts: "start", params: [], result: none },
    "Process.join": { kind: "method", ts: "join", params: ["timeout"], result: none },
    "Process.is_alive": { kind: "method", ts: "is_alive", params: [], result: () => T.bool },
    "Process.terminate": { kind: "method", ts: "terminate", params: [], result: none },
    "Process.kill": { kind: "method", ts: "kill", params: [], result: none },
    "Process.close": { kind: "method", ts: "close", params: [], result: none },
    "Process.exitcode": { kind: "attr", ts: "exitcode", params: [], result: () => ({ k: "union", types: [T.int(-255, 255), T.none] }) },
    "Process.name": { kind: "attr", ts: "name", params: [], result: () => T.str },
    "Process.pid": { kind: "attr", ts: "pid", params: [], result: () => T.int(0, 2 ** 31) },
    "Process.daemon": { kind: "attr", ts: "daemon", params: [], result: () => T.bool },

    "Pool.map": {
      kind: "method",
      pickled: ["func"],
      ts: "map",
      params: ["func", "iterable", "chunksize"],
      result: (a) => listOf(ret(a)),
      flows: (a) => [["func", [iterElement(a.get("iterable") ?? T.unknown)]]],
    },
    "Pool.map_async": {
      kind: "method",
      pickled: ["func"],
      ts: "map_async",
      params: ["func", "iterable", "chunksize", "callback", "error_callback"],
      positional: 3,
      result: (a) => asyncResult(listOf(ret(a))),
      flows: (a) => [["func", [iterElement(a.get("iterable") ?? T.unknown)]]],
    },
    "Pool.imap": {
      kind: "method",
      pickled: ["func"],
      ts: "imap",
      params: ["func", "iterable", "chunksize"],
      result: (a) => T.object("Iterator", undefined, ret(a)),
      flows: (a) => [["func", [iterElement(a.get("iterable") ?? T.unknown)]]],
    },
    "Pool.imap_unordered": {
      kind: "method",
      pickled: ["func"],
      ts: "imap_unordered",
      params: ["func", "iterable", "chunksize"],
      result: (a) => T.object("Iterator", undefined, ret(a)),
      flows: (a) => [["func", [iterElement(a.get("iterable") ?? T.unknown)]]],
    },
    "Pool.starmap": {
      kind: "method",
      pickled: ["func"],
      ts: "starmap",
      params: ["func", "iterable", "chunksize"],
      result: (a) => listOf(ret(a)),
      flows: (a) => [["func", argsOf(iterElement(a.get("iterable") ?? T.unknown))]],
    },
    "Pool.starmap_async": {
      kind: "method",
      pickled: ["func"],
      ts: "starmap_async",
      params: ["func", "iterable", "chunksize", "callback", "error_callback"],
      positional: 3,
      result: (a) => asyncResult(listOf(ret(a))),
      flows: (a) => [["func", argsOf(iterElement(a.get("iterable") ?? T.unknown))]],
    },
    "Pool.apply": {
      kind: "method",
      pickled: ["func"],
      ts: "apply",
      params: ["func", "args", "kwds"],
      argLists: ["args"],
      result: ret,
      flows: (a) => [["func", argsOf(a.get("args"))]],
    },
    "Pool.apply_async": {
      kind: "method",
      pickled: ["func"],
      ts: "apply_async",
      params: ["func", "args", "kwds", "callback", "error_callback"],
      positional: 2,
      argLists: ["args"],
      result: (a) => asyncResult(ret(a)),
      flows: (a) => [
        ["func", argsOf(a.get("args"))],
        ["callback", [ret(a)]],
      ],
    },
    "Pool.close": { kind: "method", ts: "close", params: [], result: none },
    "Pool.terminate": { kind: "method", ts: "terminate", params: [], result: none },
    "Pool.join": { kind: "method", ts: "join", params: [], result: none },

    "AsyncResult.get": { kind: "method", ts: "get", params: ["timeout"], result: (a) => a.get("self")?.k === "object" ? ((a.get("self") as { elt?: PyType }).elt ?? T.unknown) : T.unknown },
    "AsyncResult.wait": { kind: "method", ts: "wait", params: ["timeout"], result: none },
    "AsyncResult.ready": { kind: "method", ts: "ready", params: [], result: () => T.bool },
    "AsyncResult.successful": { kind: "method", ts: "successful", params: [], result: () => T.bool },

    ...queueMembers("Queue"),
    ...queueMembers("JoinableQueue"),
    ...queueMembers("SimpleQueue"),
    "JoinableQueue.task_done": { kind: "method", ts: "task_done", params: [], result: none },
    "JoinableQueue.join": { kind: "method", ts: "join", params: [], result: none },

    ...lockMembers("Lock"),
    ...lockMembers("RLock"),
    ...lockMembers("Semaphore"),
    ...lockMembers("BoundedSemaphore"),
    ...lockMembers("Condition"),
    "Event.set": { kind: "method", ts: "set", params: [], result: none },
    "Event.clear": { kind: "method", ts: "clear", params: [], result: none },
    "Event.is_set": { kind: "method", ts: "is_set", params: [], result: () => T.bool },
    "Event.wait": { kind: "method", ts: "wait", params: ["timeout"], result: () => T.bool },
    "Condition.wait": { kind: "method", ts: "wait", params: ["timeout"], result: () => T.bool },
    "Condition.notify": { kind: "method", ts: "notify", params: ["n"], result: none },
    "Condition.notify_all": { kind: "method", ts: "notify_all", params: [], result: none },
    "Condition.wait_for": { kind: "method", ts: "wait_for", params: ["predicate", "timeout"], result: (a) => a.returnOf("predicate") ?? T.unknown },
    "Barrier.wait": { kind: "method", ts: "wait", params: ["timeout"], result: () => T.int(0, 1 << 20) },
    "Barrier.abort": { kind: "method", ts: "abort", params: [], result: none },
    "Barrier.reset": { kind: "method", ts: "reset", params: [], result: none },
    "Barrier.parties": { kind: "attr", ts: "parties", params: [], result: () => T.int(0, 2 ** 31 - 1) },
    "Barrier.n_waiting": { kind: "attr", ts: "n_waiting", params: [], result: () => T.int(0, 2 ** 31 - 1) },
    "Barrier.broken": { kind: "attr", ts: "broken", params: [], result: () => T.bool },

    "Value.value": { kind: "attr", ts: "value", params: [], result: (a) => valueType(a.get("self")) },
    "Array.__getitem__": { kind: "method", ts: "get", params: ["index"], result: (a) => valueType(a.get("self")) },
    "Array.__setitem__": { kind: "method", ts: "set", params: ["index", "value"], result: none },
    "Array.__len__": { kind: "attr", ts: "length", params: [], result: () => T.int(0, 2 ** 32) },
    "Value.get_lock": { kind: "method", ts: "get_lock", params: [], result: obj("RLock") },
    "Array.get_lock": { kind: "method", ts: "get_lock", params: [], result: obj("RLock") },

    ...managerMembers(),
    "Connection.send": { kind: "method", ts: "send", params: ["obj"], result: none },
    "Connection.recv": { kind: "method", ts: "recv", params: [], result: () => T.unknown },
    "Connection.poll": { kind: "method", ts: "poll", params: ["timeout"], result: () => T.bool },
    "Connection.close": { kind: "method", ts: "close", params: [], result: none },
  },
};

/** The value type of an array-module typecode (or ctypes name), with the C type's range: `'i'` is a 32-bit int. */
function typecodeType(code: unknown): PyType {
  switch (code) {
    case "b": return T.int(-128, 127);
    case "B": case "c_ubyte": return T.int(0, 255);
    case "h": case "c_short": return T.int(-32768, 32767);
    case "H": case "c_ushort": return T.int(0, 65535);
    case "i": case "c_int": return T.int(-(2 ** 31), 2 ** 31 - 1);
    case "I": case "c_uint": return T.int(0, 2 ** 32 - 1);
    case "l": case "q": case "c_long": case "c_longlong": return T.int(-(2 ** 63), 2 ** 63 - 1);
    case "L": case "Q": case "c_ulong": case "c_ulonglong": return T.int(0, 2 ** 64 - 1);
    case "f": case "d": case "c_float": case "c_double": return T.float;
    case "c": case "c_char": return T.bytes;
    case "u": case "c_wchar": return T.str;
    default: return T.unknown;
  }
}

/** A Value's element type is fixed by its typecode at creation (`'i'` → int32, `'d'` → float). */
function valueType(self: PyType | undefined): PyType {
  return self?.k === "object" && self.elt ? self.elt : T.unknown;
}

/** Manager() factories and the methods of its dict and list proxies (element types are not tracked). */
function managerMembers(): Record<string, ApiRow> {
  const any = () => T.unknown;
  const m = (ts: string, params: string[], result: () => PyType = any): ApiRow => ({ kind: "method", ts, params, result });
  const out: Record<string, ApiRow> = {
    "Manager.dict": m("dict", ["mapping"], () => T.object("DictProxy")),
    "Manager.list": m("list", ["sequence"], () => T.object("ListProxy")),
    "Manager.Namespace": m("Namespace", [], () => T.object("Namespace")),
    "Manager.shutdown": m("shutdown", [], () => T.none),
    "Manager.start": m("start", [], () => T.none),
  };
  for (const name of ["Queue", "JoinableQueue", "Value", "Array", "Lock", "RLock", "Semaphore", "BoundedSemaphore", "Event", "Condition", "Barrier"]) {
    const row = factories[name]!;
    out[`Manager.${name}`] = { ...row, kind: "method", positional: undefined };
  }
  for (const [name, params] of Object.entries({ get: ["key", "default"], keys: [], values: [], items: [], update: ["other"], pop: ["key", "*default"], setdefault: ["key", "default"], clear: [], copy: [] })) {
    out[`DictProxy.${name}`] = m(name, params);
  }
  for (const [name, params] of Object.entries({ append: ["object"], extend: ["iterable"], insert: ["index", "object"], pop: ["index"], remove: ["value"], count: ["value"], reverse: [], copy: [] })) {
    out[`ListProxy.${name}`] = m(name, params);
  }
  out["ListProxy.sort"] = { kind: "method", ts: "sort", params: ["*", "key", "reverse"], positional: 0, result: () => T.none };
  return out;
}

function queueMembers(cls: string): Record<string, ApiRow> {
  const elt = (a: ArgTypes) => {
    const self = a.get("self");
    return self?.k === "object" && self.elt ? self.elt : T.unknown;
  };
  return {
    [`${cls}.put`]: { kind: "method", ts: "put", params: ["obj", "block", "timeout"], result: none, addsElement: (a) => a.get("obj") },
    [`${cls}.put_nowait`]: { kind: "method", ts: "put_nowait", params: ["obj"], result: none, addsElement: (a) => a.get("obj") },
    [`${cls}.get`]: { kind: "method", ts: "get", params: ["block", "timeout"], result: elt },
    [`${cls}.get_nowait`]: { kind: "method", ts: "get_nowait", params: [], result: elt },
    [`${cls}.qsize`]: { kind: "method", ts: "qsize", params: [], result: () => T.int(0, 2 ** 31) },
    [`${cls}.empty`]: { kind: "method", ts: "empty", params: [], result: () => T.bool },
    [`${cls}.full`]: { kind: "method", ts: "full", params: [], result: () => T.bool },
    [`${cls}.close`]: { kind: "method", ts: "close", params: [], result: none },
    [`${cls}.join_thread`]: { kind: "method", ts: "join_thread", params: [], result: none },
  };
}

function lockMembers(cls: string): Record<string, ApiRow> {
  return {
    [`${cls}.locked`]: { kind: "method", ts: "locked", params: [], result: () => T.bool },
    [`${cls}.acquire`]: { kind: "method", ts: "acquire", params: ["block", "timeout"], result: () => T.bool },
    [`${cls}.release`]: { kind: "method", ts: "release", params: [], result: none },
  };
}
