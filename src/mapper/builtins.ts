// Python builtins → py2ts-mp/runtime. `print` is shaped by the emitter (sep/end/file/flush become printWith);
// everything else is a row here.

import { T, isIntLike, isNumberLike, iterElement, join, type PyType } from "../analysis/types.js";
import { varargTypes, type ArgTypes, type ModuleTable } from "./row.js";
import { openRow } from "./io.js";

const elt = (a: ArgTypes, p = "iterable") => iterElement(a.get(p) ?? T.unknown);
const numeric = (a: ArgTypes, p: string): PyType => {
  const t = elt(a, p);
  return t.k === "int" ? T.int() : t;
};

/** Built-in exception classes: `raise ValueError("x")` → `throw new ValueError("x")`. */
export const EXCEPTIONS = [
  "BaseException", "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError", "ValueError", "TypeError",
  "KeyError", "IndexError", "LookupError", "AttributeError", "NameError", "RuntimeError", "NotImplementedError",
  "AssertionError", "StopIteration", "OSError", "IOError", "FileNotFoundError", "EOFError", "TimeoutError",
  "KeyboardInterrupt", "SystemExit", "RecursionError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError", "PermissionError",
  "FileExistsError", "IsADirectoryError", "NotADirectoryError",
] as const;

const exceptionRows = Object.fromEntries(
  EXCEPTIONS.map((name) => [name, { kind: "new", ts: name, params: ["*args"], result: () => T.object("Exception") } as const]),
);

export const builtins: ModuleTable = {
  python: "builtins",
  runtime: "py2ts-mp/runtime",
  names: {
    ...exceptionRows,
    range: { kind: "call", ts: "range", params: ["start", "stop", "step"], result: rangeType },
    xrange: { kind: "call", ts: "range", params: ["start", "stop", "step"], result: rangeType },
    len: { kind: "call", ts: "len", params: ["obj"], result: () => T.int(0, Number.MAX_SAFE_INTEGER) },
    str: { kind: "call", ts: "str", params: ["object"], describes: "object", result: () => T.str },
    bytes: { kind: "call", ts: "bytes_", params: ["source", "encoding", "errors"], result: () => T.bytes },
    repr: { kind: "call", ts: "repr", params: ["object"], describes: "object", result: () => T.str },
    int: { kind: "call", ts: "int_", params: ["x", "base"], result: () => T.int() },
    float: { kind: "call", ts: "float_", params: ["x"], result: () => T.float },
    bool: { kind: "call", ts: "truthy", params: ["x"], result: () => T.bool },
    abs: { kind: "call", ts: "abs", params: ["x"], result: (a) => a.get("x") ?? T.unknown },
    sum: { kind: "call", ts: "sum", params: ["iterable", "start"], result: (a) => numeric(a, "iterable") },
    min: { kind: "call", ts: "min", params: ["*args", "*", "key", "default"], result: (a) => elt(a, "*args"), flows: (a) => [["key", [elt(a, "*args")]]] },
    max: { kind: "call", ts: "max", params: ["*args", "*", "key", "default"], result: (a) => elt(a, "*args"), flows: (a) => [["key", [elt(a, "*args")]]] },
    sorted: {
      kind: "call",
      ts: "sorted",
      params: ["iterable", "*", "key", "reverse"],
      positional: 1,
      result: (a) => T.list(elt(a)),
      flows: (a) => [["key", [elt(a)]]],
    },
    list: { kind: "call", ts: "list", params: ["iterable"], result: (a) => T.list(a.get("iterable") ? elt(a) : T.never) },
    tuple: { kind: "call", ts: "tupleOf", params: ["iterable"], result: (a) => T.vartuple(a.get("iterable") ? elt(a) : T.never) },
    set: { kind: "call", ts: "set", params: ["iterable"], result: (a) => T.set(a.get("iterable") ? elt(a) : T.never) },
    dict: { kind: "call", ts: "dict", params: ["iterable", "**kwargs"], result: (a) => join(dictOf(a.get("iterable")), a.get("**kwargs") ?? T.dict(T.never, T.never)) },
    frozenset: { kind: "call", ts: "frozenset", params: ["iterable"], result: (a) => T.set(a.get("iterable") ? elt(a) : T.never) },
    enumerate: {
      kind: "call",
      ts: "enumerate",
      params: ["iterable", "start"],
      result: (a) => T.object("Iterator", undefined, T.tuple([T.int(0, Number.MAX_SAFE_INTEGER), elt(a)])),
    },
    zip: {
      kind: "call",
      ts: "zip",
      params: ["*iterables"],
      result: (a) => T.object("Iterator", undefined, T.tuple(tupleElts(a.get("*iterables")).map(iterElement))),
    },
    map: {
      kind: "call",
      ts: "map",
      params: ["function", "*iterables"],
      flows: (a) => [["function", varargTypes(a, "*iterables").map(iterElement)]],
      result: (a) => T.object("Iterator", undefined, a.returnOf("function") ?? builtinResult(a.builtinName("function"))),
    },
    filter: {
      kind: "call",
      ts: "filter",
      params: ["function", "iterable"],
      result: (a) => T.object("Iterator", undefined, elt(a)),
      flows: (a) => [["function", [elt(a)]]],
    },
    // Python 2's list-building range, map, filter and zip (analysis/symbols.ts renames them in Python 2 code).
    "py2:range": { kind: "call", ts: "rangeList", params: ["start", "stop", "step"], result: (a) => T.list(iterElement(rangeType(a))) },
    "py2:map": {
      kind: "call",
      ts: "mapList",
      params: ["function", "*iterables"],
      flows: (a) => [["function", varargTypes(a, "*iterables").map(iterElement)]],
      result: (a) => T.list(a.returnOf("function") ?? builtinResult(a.builtinName("function"))),
    },
    "py2:filter": {
      kind: "call",
      ts: "filterList",
      params: ["function", "iterable"],
      result: (a) => (a.get("iterable")?.k === "str" ? T.str : T.list(elt(a))),
      flows: (a) => [["function", [elt(a)]]],
    },
    "py2:zip": { kind: "call", ts: "zipList", params: ["*iterables"], result: (a) => T.list(T.tuple(tupleElts(a.get("*iterables")).map(iterElement))) },
    iter: { kind: "call", ts: "iter", params: ["object"], result: (a) => T.object("Iterator", undefined, elt(a, "object")) },
    next: { kind: "call", ts: "next", params: ["iterator", "default"], result: (a) => join(elt(a, "iterator"), a.get("default") ?? T.never) },
    reversed: { kind: "call", ts: "reversed", params: ["seq"], result: (a) => T.object("Iterator", undefined, elt(a, "seq")) },
    any: { kind: "call", ts: "any", params: ["iterable"], result: () => T.bool },
    all: { kind: "call", ts: "all", params: ["iterable"], result: () => T.bool },
    type: { kind: "call", ts: "type_", params: ["object"], result: () => T.object("PyType") },
    hash: { kind: "call", ts: "hash", params: ["object"], result: () => T.int() },
    issubclass: { kind: "call", ts: "issubclass", params: ["cls", "classinfo"], result: () => T.bool },
    isinstance: { kind: "call", ts: "isinstance", params: ["obj", "classinfo"], classes: ["classinfo"], result: () => T.bool },
    chr: { kind: "call", ts: "chr", params: ["i"], result: () => T.str },
    ord: { kind: "call", ts: "ord", params: ["c"], result: () => T.int(0, 0x10ffff) },
    // round(x, n) keeps x's type (an int rounded to tens is an int); round(x) is an int.
    round: { kind: "call", ts: "round_", params: ["number", "ndigits"], result: (a) => (a.get("ndigits") ? widenInt(a.get("number") ?? T.unknown) : T.int()) },
    divmod: { kind: "call", ts: "divmod", params: ["a", "b"], result: (a) => { const t = arithmetic(a.get("a"), a.get("b")); return T.tuple([t, t]); } },
    hex: { kind: "call", ts: "hex", params: ["number"], result: () => T.str },
    oct: { kind: "call", ts: "oct", params: ["number"], result: () => T.str },
    bin: { kind: "call", ts: "bin", params: ["number"], result: () => T.str },
    open: openRow,
    pow: { kind: "call", ts: "pow", params: ["base", "exp", "mod"], result: (a) => join(a.get("base") ?? T.never, T.never) },
  },
  classes: { PyType: { ts: "PyType" } },
  members: {
    "PyType.__name__": { kind: "attr", ts: "__name__", params: [], result: () => T.str },
    "Exception.args": { kind: "attr", ts: "args", params: [], result: () => T.unknown },
    // SystemExit's status (or message).
    "Exception.code": { kind: "attr", ts: "code", params: [], result: () => T.unknown },
    // Chaining: `raise … from cause`, and the exception being handled when this one was raised.
    "Exception.__cause__": { kind: "attr", ts: "__cause__", params: [], result: () => join(T.object("Exception"), T.none) },
    "Exception.__context__": { kind: "attr", ts: "__context__", params: [], result: () => join(T.object("Exception"), T.none) },
    "Exception.__suppress_context__": { kind: "attr", ts: "__suppress_context__", params: [], result: () => T.bool },
    // OSError's fields.
    "Exception.errno": { kind: "attr", ts: "errno", params: [], result: () => join(T.int(), T.none) },
    "Exception.strerror": { kind: "attr", ts: "strerror", params: [], result: () => join(T.str, T.none) },
    "Exception.filename": { kind: "attr", ts: "filename", params: [], result: () => join(T.str, T.none) },
    "Exception.filename2": { kind: "attr", ts: "filename2", params: [], result: () => join(T.str, T.none) },
  },
};

/** dict(x): a dict's own type, or the pairs' key and value types. */
function dictOf(t: PyType | undefined): PyType {
  if (!t) return T.dict(T.never, T.never);
  if (t.k === "dict") return T.dict(t.key, t.value);
  const pair = iterElement(t);
  return pair.k === "tuple" && pair.elts.length === 2 ? T.dict(pair.elts[0]!, pair.elts[1]!) : T.dict(T.unknown, T.unknown);
}

/** What a builtin passed as a function (`map(str, xs)`) returns. */
function builtinResult(name: string | undefined): PyType {
  const results: Record<string, PyType> = { str: T.str, repr: T.str, int: T.int(), float: T.float, len: T.int(0, Number.MAX_SAFE_INTEGER), bool: T.bool, ord: T.int(0, 0x10ffff), chr: T.str };
  return (name ? results[name] : undefined) ?? T.unknown;
}

/** An int of any value for an int type (its range no longer holds), other types as they are. */
function widenInt(t: PyType): PyType {
  return t.k === "int" || t.k === "bool" ? T.int() : t;
}

/** The type of `a // b` and `a % b`: an int for ints, a float when either is a float. */
function arithmetic(a: PyType | undefined, b: PyType | undefined): PyType {
  if (!a || !b) return T.unknown;
  if (isIntLike(a) && isIntLike(b)) return T.int();
  if (a.k === "float" || b.k === "float") return T.float;
  return isNumberLike(a) && isNumberLike(b) ? join(T.int(), T.float) : T.unknown;
}

/** The elements of range(stop) / range(start, stop[, step]) lie between start and stop. */
function rangeType(a: ArgTypes): PyType {
  const SAFE = Number.MAX_SAFE_INTEGER;
  const r = (p: string) => {
    const t = a.get(p);
    return t?.k === "int" ? t.range : t?.k === "bool" ? { lo: 0, hi: 1 } : { lo: -SAFE, hi: SAFE };
  };
  const start = a.get("stop") ? r("start") : { lo: 0, hi: 0 };
  const stop = a.get("stop") ? r("stop") : r("start");
  const lo = Math.max(Math.min(start.lo, stop.lo + 1), -SAFE);
  const hi = Math.min(Math.max(start.hi, stop.hi - 1), SAFE);
  return T.range(lo, hi);
}

function tupleElts(t: PyType | undefined): readonly PyType[] {
  return t?.k === "tuple" ? t.elts : [];
}
