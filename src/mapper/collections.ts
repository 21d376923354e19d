// collections → py2ts-mp/runtime/collections. Counter, defaultdict and OrderedDict are dicts tagged with their
// class (so indexing, iteration and dict methods apply) plus their own methods; deque is a runtime object whose
// element type is learned from its appends when created empty.

import { T, iterElement, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const self = (a: ArgTypes) => a.get("self") ?? T.unknown;
const key = (a: ArgTypes) => { const t = self(a); return t.k === "dict" ? t.key : T.unknown; };
const value = (a: ArgTypes) => { const t = self(a); return t.k === "dict" ? t.value : T.unknown; };
const elt = (a: ArgTypes) => iterElement(self(a));
const none = () => T.none;
const COUNT = T.int(0, Number.MAX_SAFE_INTEGER);
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "method", ts, params, result, ...extra });

/** The keys and values a dict-like argument brings (a dict, or an iterable of pairs). */
function entries(t: PyType | undefined): [PyType, PyType] {
  if (!t) return [T.never, T.never];
  if (t.k === "dict") return [t.key, t.value];
  const pair = iterElement(t);
  return pair.k === "tuple" && pair.elts.length === 2 ? [pair.elts[0]!, pair.elts[1]!] : [T.unknown, T.unknown];
}

/** What default_factory() makes: a builtin type's empty value, or what the function returns. */
function factoryValue(a: ArgTypes): PyType {
  switch (a.builtinName("default_factory")) {
    case "int":
      return T.int(0, 0);
    case "float":
      return T.float;
    case "str":
      return T.str;
    case "list":
      return T.list(T.never);
    case "set":
      return T.set(T.never);
    default:
      return a.returnOf("default_factory") ?? T.unknown;
  }
}

export const collections: ModuleTable = {
  python: "collections",
  runtime: "py2ts-mp/runtime/collections",
  names: {
    Counter: {
      kind: "new",
      ts: "Counter",
      params: ["iterable"],
      result: (a) => {
        const t = a.get("iterable");
        return T.dict(t ? (t.k === "dict" ? t.key : iterElement(t)) : T.never, COUNT, "Counter");
      },
    },
    defaultdict: {
      kind: "new",
      ts: "defaultdict",
      params: ["default_factory", "init"],
      result: (a) => {
        const [k, v] = entries(a.get("init"));
        return T.dict(k, join(factoryValue(a), v), "defaultdict");
      },
    },
    OrderedDict: {
      kind: "new",
      ts: "OrderedDict",
      params: ["init"],
      result: (a) => T.dict(...entries(a.get("init")), "OrderedDict"),
    },
    // The analysis reads the field names from the call (analysis/namedtuple.ts) and types the result.
    namedtuple: { kind: "call", ts: "namedtuple", params: ["typename", "field_names"], result: () => T.unknown },
    deque: {
      kind: "new",
      ts: "deque",
      params: ["iterable", "maxlen"],
      result: (a) => T.object("deque", undefined, a.get("iterable") ? iterElement(a.get("iterable")!) : undefined),
    },
  },
  classes: {
    Counter: { ts: "Counter", base: "dict" },
    defaultdict: { ts: "defaultdict", base: "dict" },
    OrderedDict: { ts: "OrderedDict", base: "dict" },
    deque: { ts: "deque", generic: true, learnsElement: true },
    NamedTuple: { ts: "NamedTuple" },
    NamedTupleType: { ts: "NamedTupleType" },
  },
  members: {
    "Counter.most_common": method("most_common", ["n"], (a) => T.list(T.tuple([key(a), value(a)]))),
    "Counter.elements": method("elements", [], (a) => T.object("Iterator", undefined, key(a))),
    "Counter.update": method("update", ["iterable"], none),
    "Counter.subtract": method("subtract", ["iterable"], none),
    "Counter.total": method("total", [], () => T.int()),
    "defaultdict.default_factory": { kind: "attr", ts: "default_factory", params: [], result: () => T.unknown },
    "OrderedDict.move_to_end": method("move_to_end", ["key", "last"], none),
    "OrderedDict.popitem": method("popitem", ["last"], (a) => T.tuple([key(a), value(a)])),

    "NamedTuple._asdict": method("_asdict", [], (a) => T.dict(T.str, elt(a))),
    // Keyword arguments, one per field to change: emitted as an object (see emit/expressions.ts).
    "NamedTuple._replace": method("_replace", ["**changes"], self),
    "NamedTuple._fields": { kind: "attr", ts: "_fields", params: [], result: () => T.vartuple(T.str) },
    "NamedTupleType._fields": { kind: "attr", ts: "_fields", params: [], result: () => T.vartuple(T.str) },
    "NamedTupleType._make": method("_make", ["iterable"], (a) => { const t = self(a); return t.k === "object" ? { ...t, cls: "NamedTuple" } : T.unknown; }),

    "deque.append": method("append", ["x"], none, { addsElement: (a) => a.get("x") }),
    "deque.appendleft": method("appendleft", ["x"], none, { addsElement: (a) => a.get("x") }),
    "deque.extend": method("extend", ["iterable"], none, { addsElement: (a) => iterElement(a.get("iterable") ?? T.unknown) }),
    "deque.extendleft": method("extendleft", ["iterable"], none, { addsElement: (a) => iterElement(a.get("iterable") ?? T.unknown) }),
    "deque.pop": method("pop", [], elt),
    "deque.popleft": method("popleft", [], elt),
    "deque.rotate": method("rotate", ["n"], none),
    "deque.clear": method("clear", [], none),
    "deque.count": method("count", ["x"], () => COUNT),
    "deque.index": method("index", ["x"], () => COUNT),
    "deque.remove": method("remove", ["value"], none),
    "deque.reverse": method("reverse", [], none),
    "deque.copy": method("copy", [], self),
    "deque.maxlen": { kind: "attr", ts: "maxlen", params: [], result: () => join(COUNT, T.none) },
  },
};
