// Built-in functions and the operators Python defines on every type: len, sum, min, max, sorted, zip,
// truthiness, equality, ordering, `in`, indexing and slicing with Python's rules and errors.

import { astralCodePoints } from "./code-points.js";
import { ABSENT, equalMember, noteDelete, noteInsert } from "./keys.js";
import { AttributeError, IndexError, KeyError, StopIteration, TypeError, ValueError } from "./exceptions.js";
import { bytesCompare, bytesContains } from "./bytes.js";
import { asFloat } from "./float.js";
import { add, typeName, unbox, type Int } from "./int.js";
import { Range, range } from "./range.js";
import { asTuple, isTuple, tuple } from "./tuple.js";

/** Python's iteration: a dict yields its keys (a JS Map would yield entries). */
export function pyIter<T>(x: Iterable<T> | Map<T, unknown>): Iterable<T> {
  return x instanceof Map ? (x.keys() as Iterable<T>) : x;
}

export function len(x: unknown): number {
  if (typeof x === "string") return (astralCodePoints(x) ?? x).length;
  if (Array.isArray(x) || x instanceof Uint8Array) return x.length;
  if (x instanceof Map || x instanceof Set) return x.size;
  if (x instanceof Range) return x.length;
  const o = x as { __len__?: () => number; length?: number };
  if (o && typeof o.__len__ === "function") return o.__len__();
  if (o && typeof o.length === "number") return o.length;
  throw new TypeError(`object of type '${typeName(x)}' has no len()`);
}

/** Python truthiness: 0, "", empty containers, None are false; objects may define __bool__/__len__. */
export function truthy(x: unknown): boolean {
  if (x === null || x === undefined) return false;
  switch (typeof x) {
    case "boolean":
      return x;
    case "number":
      return x !== 0;
    case "bigint":
      return x !== 0n;
    case "string":
      return x.length > 0;
    default:
      break;
  }
  // Objects only from here: a boxed float (float.ts) first.
  if (x instanceof Number) return x.valueOf() !== 0;
  if (Array.isArray(x) || x instanceof Uint8Array) return x.length > 0;
  if (x instanceof Map || x instanceof Set) return x.size > 0;
  if (x instanceof Range) return x.length > 0;
  const o = x as { __bool__?: () => boolean; __len__?: () => number };
  if (typeof o.__bool__ === "function") return o.__bool__();
  if (typeof o.__len__ === "function") return o.__len__() > 0;
  return true;
}

/** The receiver of a method call that may be None: CPython's AttributeError when it is. */
export function notNone<T>(x: T | null, method: string): T {
  if (x === null) throw new AttributeError(`'NoneType' object has no attribute '${method}'`);
  return x;
}

/** `a and b`: b is evaluated only when a is true; the result is an operand, as in Python. */
export function andThen<A, B>(a: A, b: () => B): A | B {
  return truthy(a) ? b() : a;
}

export function orElse<A, B>(a: A, b: () => B): A | B {
  return truthy(a) ? a : b();
}

/** Python ==: value equality for containers (tuple vs list differ), 1 == 1.0 == True. */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Number || b instanceof Number) return eq(unbox(a), unbox(b));
  if (typeof a === "bigint" || typeof b === "bigint") return typeof a !== "object" && typeof b !== "object" && a == b;
  if (typeof a === "boolean" || typeof b === "boolean") return Number(a) === Number(b) && (typeof a === "number" || typeof b === "number");
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((x, i) => eq(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !eq(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => equalMember(b, x) !== ABSENT);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  const o = a as { __eq__?: (o: unknown) => boolean };
  if (o && typeof o === "object" && typeof o.__eq__ === "function") return o.__eq__(b);
  return false;
}

/** Python ordering between built-in values: -1, 0 or 1, or TypeError like CPython's. */
export function compare(a: unknown, b: unknown): number {
  a = unbox(a);
  b = unbox(b);
  const num = (x: unknown) => typeof x === "number" || typeof x === "bigint" || typeof x === "boolean";
  if (num(a) && num(b)) {
    const x = typeof a === "boolean" ? Number(a) : (a as number | bigint);
    const y = typeof b === "boolean" ? Number(b) : (b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesCompare(a, b);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!eq(a[i], b[i])) return compare(a[i], b[i]);
    }
    return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
  }
  const o = a as { __lt__?: (o: unknown) => boolean };
  if (o && typeof o === "object" && typeof o.__lt__ === "function") return o.__lt__(b) ? -1 : (b as { __lt__: (o: unknown) => boolean }).__lt__?.(a) ? 1 : 0;
  throw new TypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** `x in container` */
export function contains(container: unknown, x: unknown): boolean {
  if (typeof container === "string") {
    if (typeof x !== "string") throw new TypeError(`'in <string>' requires string as left operand, not ${typeName(x)}`);
    return container.includes(x);
  }
  if (container instanceof Map || container instanceof Set) return equalMember(container, x) !== ABSENT;
  if (container instanceof Range) return typeof x === "number" && container.includes(x);
  if (container instanceof Uint8Array) return bytesContains(container, x);
  if (Array.isArray(container)) return container.some((v) => eq(v, x));
  const o = container as { __contains__?: (x: unknown) => boolean };
  if (o && typeof o.__contains__ === "function") return o.__contains__(x);
  if (o && typeof (o as Iterable<unknown>)[Symbol.iterator] === "function") return [...(o as Iterable<unknown>)].some((v) => eq(v, x));
  throw new TypeError(`argument of type '${typeName(container)}' is not iterable`);
}

function index(seq: { length: number }, i: number, what: string): number {
  const j = i < 0 ? seq.length + i : i;
  if (!Number.isInteger(j) || j < 0 || j >= seq.length) throw new IndexError(`${what} index out of range`);
  return j;
}

/**
 * The key under which a Map stores `k`: a tuple (an array) equal to one already there is that same key,
 * as Python's dict compares keys by value. Primitive keys are themselves.
 */
export function mapKey<K>(m: Map<K, unknown>, k: K): K {
  if (typeof k !== "object" || k === null) return k;
  const existing = equalMember(m, k);
  return existing === ABSENT ? k : (existing as K);
}

/** `m[k] = v` with Python's key equality (mapKey), keeping the key index whole. */
export function mapSet<K, V>(m: Map<K, V>, k: K, v: V): void {
  const key = mapKey(m, k);
  m.set(key, v);
  noteInsert(m, key);
}

/** `x[i]` for lists, tuples, strings, dicts, ranges. */
export function getItem(x: unknown, i: unknown): any {
  if (x instanceof Map) {
    const key = equalMember(x, i);
    if (key !== ABSENT) return x.get(key);
    const missing = (x as { __missing__?: (k: unknown) => unknown }).__missing__;
    if (missing) return missing.call(x, i);
    throw new KeyError(i);
  }
  if (Array.isArray(x)) return x[index(x, Number(i), isTuple(x) ? "tuple" : "list")];
  if (typeof x === "string") {
    const units = astralCodePoints(x) ?? x;
    return units[index(units, Number(i), "string")];
  }
  if (x instanceof Range) return x.get(index(x, Number(i), "range object"));
  if (x instanceof Uint8Array) return x[index(x, Number(i), "index")];
  const o = x as { __getitem__?: (i: unknown) => unknown; get?: (i: unknown) => unknown };
  if (o && typeof o.__getitem__ === "function") return o.__getitem__(i);
  if (o && typeof o.get === "function") return o.get(i);
  throw new TypeError(`'${typeName(x)}' object is not subscriptable`);
}

/** `x[i] = v` */
export function setItem(x: unknown, i: unknown, v: unknown): void {
  if (x instanceof Map) {
    mapSet(x, i, v);
    return;
  }
  if (Array.isArray(x)) {
    if (isTuple(x)) throw new TypeError("'tuple' object does not support item assignment");
    (x as unknown[])[index(x, Number(i), "list assignment")] = v;
    return;
  }
  const o = x as { __setitem__?: (i: unknown, v: unknown) => void; set?: (i: unknown, v: unknown) => void };
  if (o && typeof o.__setitem__ === "function") return o.__setitem__(i, v);
  if (o && typeof o.set === "function") return o.set(i, v);
  throw new TypeError(`'${typeName(x)}' object does not support item assignment`);
}

/**
 * Where `x[start:stop:step]` runs in a sequence of n items, with Python's clamping and negative indices:
 * from lo, by step, while short of hi (below it for a positive step, above it for a negative one).
 */
export function sliceBounds(n: number, start: Int | null, stop: Int | null, step: Int | null = 1): [lo: number, hi: number, step: number] {
  const st = Number(step ?? 1);
  if (st === 0) throw new ValueError("slice step cannot be zero");
  const norm = (i: Int | null, dflt: number) => {
    if (i === null) return dflt;
    // An index past 2**53 (a bigint) clamps as a huge number does.
    const v = Number(i);
    if (v < 0) return Math.max(v + n, st < 0 ? -1 : 0);
    return Math.min(v, st < 0 ? n - 1 : n);
  };
  return [norm(start, st < 0 ? n - 1 : 0), norm(stop, st < 0 ? -1 : n), st];
}

/** `x[start:stop:step]` with Python's clamping and negative indices. */
// A str slice is a str (not the literal type of a const string it was taken from).
export function slice(x: string, start: Int | null, stop: Int | null, step?: Int | null): string;
export function slice<T extends readonly unknown[] | Uint8Array>(x: T, start: Int | null, stop: Int | null, step?: Int | null): T;
export function slice<T extends string | readonly unknown[] | Uint8Array>(x: T, start: Int | null, stop: Int | null, step: Int | null = 1): T {
  const items = typeof x === "string" ? (astralCodePoints(x) ?? x) : (x as ArrayLike<unknown>);
  const [lo, hi, st] = sliceBounds(items.length, start, stop, step);
  if (typeof items === "string" && st === 1) return (hi > lo ? items.slice(lo, hi) : "") as T;
  const out: unknown[] = [];
  if (st > 0) for (let i = lo; i < hi; i += st) out.push(items[i]);
  else for (let i = lo; i > hi; i += st) out.push(items[i]);
  if (typeof x === "string") return out.join("") as T;
  if (x instanceof Uint8Array) return new Uint8Array(out as number[]) as T;
  return (isTuple(x) ? asTuple(out) : out) as unknown as T;
}

/** The list positions a slice selects, in order (Python's slice.indices). */
function sliceIndices(n: number, start: number | null, stop: number | null, step: number | null): number[] {
  const [lo, hi, st] = sliceBounds(n, start, stop, step);
  const out: number[] = [];
  if (st > 0) for (let i = lo; i < hi; i += st) out.push(i);
  else for (let i = lo; i > hi; i += st) out.push(i);
  return out;
}

/** `xs[start:stop] = items` (the list may grow or shrink) and `xs[a:b:k] = items` (same length only). */
export function setSlice<T>(xs: T[], start: number | null, stop: number | null, step: number | null, items: Iterable<T>): void {
  if (isTuple(xs as unknown)) throw new TypeError("'tuple' object does not support item assignment");
  const values = [...items];
  if ((step ?? 1) === 1) {
    const n = xs.length;
    const lo = start === null ? 0 : start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
    const hi = Math.max(lo, stop === null ? n : stop < 0 ? Math.max(stop + n, 0) : Math.min(stop, n));
    xs.splice(lo, hi - lo, ...values);
    return;
  }
  const positions = sliceIndices(xs.length, start, stop, step);
  if (positions.length !== values.length) {
    throw new ValueError(`attempt to assign sequence of size ${values.length} to extended slice of size ${positions.length}`);
  }
  positions.forEach((p, i) => (xs[p] = values[i]!));
}

/** `del x[i]`: a list position or a dict key. */
export function delItem(x: unknown, i: unknown): void {
  if (x instanceof Map) {
    const k = equalMember(x, i);
    if (k === ABSENT) throw new KeyError(i);
    x.delete(k);
    noteDelete(x, k);
    return;
  }
  if (Array.isArray(x)) {
    if (isTuple(x as unknown)) throw new TypeError("'tuple' object doesn't support item deletion");
    (x as unknown[]).splice(index(x, Number(i), "list assignment"), 1);
    return;
  }
  const o = x as { __delitem__?: (i: unknown) => void };
  if (o && typeof o.__delitem__ === "function") return o.__delitem__(i);
  throw new TypeError(`'${typeName(x)}' object doesn't support item deletion`);
}

/** `del xs[start:stop:step]` */
export function delSlice(xs: unknown[], start: number | null, stop: number | null, step: number | null): void {
  if (isTuple(xs as unknown)) throw new TypeError("'tuple' object does not support item deletion");
  const positions = new Set(sliceIndices(xs.length, start, stop, step));
  let w = 0;
  for (let r = 0; r < xs.length; r++) if (!positions.has(r)) xs[w++] = xs[r];
  xs.length = w;
}

/** `s * n` / `xs * n` / `b * n` (a negative count gives an empty result). */
export function repeat<T extends string | readonly unknown[] | Uint8Array>(x: T, n: Int): T {
  const k = Math.max(0, Number(n));
  if (typeof x === "string") return x.repeat(k) as T;
  if (x instanceof Uint8Array) {
    const out = new Uint8Array(x.length * k);
    for (let i = 0; i < k; i++) out.set(x, i * x.length);
    return out as T;
  }
  const out: unknown[] = [];
  for (let i = 0; i < k; i++) out.push(...(x as readonly unknown[]));
  return (isTuple(x) ? asTuple(out) : out) as unknown as T;
}

export function sum(iterable: Iterable<unknown>, start: unknown = 0): any {
  let acc = start as Int;
  let float = false;
  let rest: Iterable<unknown> = pyIter(iterable);
  if (Array.isArray(iterable) && typeof acc === "number" && Number.isInteger(acc)) {
    // A list of ints whose running sum stays exact as a double: plain additions (an indexed loop, which
    // V8 optimizes early). Anything else continues from there on the general path.
    let n: number = acc;
    let i = 0;
    for (; i < iterable.length; i++) {
      const v: unknown = iterable[i];
      if (typeof v !== "number" || !Number.isInteger(v)) break;
      const r = n + v;
      if (r > Number.MAX_SAFE_INTEGER || r < -Number.MAX_SAFE_INTEGER) break;
      n = r;
    }
    if (i === iterable.length) return n;
    acc = n;
    rest = iterable.slice(i);
  }
  for (const v of rest) {
    if (typeof v === "number" && !Number.isInteger(v)) float = true;
    acc = float ? Number(acc) + Number(v) : add(acc, v as Int);
  }
  return acc;
}

function extreme(which: "min" | "max", args: unknown[], opts: { key?: ((x: any) => unknown) | null; default?: unknown }): any {
  const items = args.length === 1 ? [...pyIter(args[0] as Iterable<unknown>)] : args;
  if (items.length === 0) {
    if ("default" in opts) return opts.default;
    throw new ValueError(`${which}() arg is an empty sequence`);
  }
  const key = opts.key ?? ((x: unknown) => x);
  let best = items[0];
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    const c = compare(k, bestKey);
    if (which === "min" ? c < 0 : c > 0) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}

/** Options of min() and max() over one iterable: the key sees its items (a dict's keys). */
type ExtremeOptions<T> = { key?: ((x: T) => unknown) | null; default?: unknown };

export function min<K>(iterable: Map<K, unknown>, opts: ExtremeOptions<K>): any;
export function min<T>(iterable: Iterable<T>, opts: ExtremeOptions<T>): any;
export function min(...args: unknown[]): any;
export function min(...args: unknown[]): any {
  const last = args.at(-1);
  if (args.length > 1 && isOptions(last)) return extreme("min", args.slice(0, -1), last);
  return extreme("min", args, {});
}

export function max<K>(iterable: Map<K, unknown>, opts: ExtremeOptions<K>): any;
export function max<T>(iterable: Iterable<T>, opts: ExtremeOptions<T>): any;
export function max(...args: unknown[]): any;
export function max(...args: unknown[]): any {
  const last = args.at(-1);
  if (args.length > 1 && isOptions(last)) return extreme("max", args.slice(0, -1), last);
  return extreme("max", args, {});
}

function isOptions(x: unknown): x is { key?: (x: any) => unknown; default?: unknown } {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

export function sorted<K>(iterable: Map<K, unknown>, opts?: { key?: ((x: K) => unknown) | null; reverse?: boolean }): K[];
export function sorted<T>(iterable: Iterable<T>, opts?: { key?: ((x: T) => unknown) | null; reverse?: boolean }): T[];
export function sorted<T>(iterable: Iterable<T>, opts: { key?: ((x: T) => unknown) | null; reverse?: boolean } = {}): T[] {
  const items = [...pyIter(iterable)];
  sortInPlace(items, opts);
  return items;
}

/** list.sort(key=, reverse=): stable, and reverse keeps equal items in order (as CPython). */
export function sortInPlace<T>(items: T[], opts: { key?: ((x: T) => unknown) | null; reverse?: boolean } = {}): void {
  const key = opts.key ?? ((x: T) => x);
  const keyed = items.map((x, i) => ({ x, k: key(x), i }));
  keyed.sort((a, b) => (opts.reverse ? compare(b.k, a.k) : compare(a.k, b.k)) || a.i - b.i);
  keyed.forEach((e, i) => (items[i] = e.x));
}

export function* enumerate<T>(iterable: Iterable<T>, start = 0): Generator<readonly [number, T]> {
  let i = start;
  for (const x of pyIter(iterable)) yield tuple(i++, x);
}

export function* zip<T extends unknown[]>(...iterables: { [K in keyof T]: Iterable<T[K]> }): Generator<Readonly<T>> {
  const its = iterables.map((i) => pyIter(i as Iterable<unknown>)[Symbol.iterator]());
  // zip() of nothing is empty.
  while (its.length > 0) {
    const vals: unknown[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      vals.push(r.value);
    }
    yield asTuple(vals) as Readonly<T>;
  }
}

export function reversed<T>(seq: Iterable<T>): T[] {
  return [...pyIter(seq)].reverse();
}

export function any(iterable: Iterable<unknown>): boolean {
  for (const x of pyIter(iterable)) if (truthy(x)) return true;
  return false;
}

export function all(iterable: Iterable<unknown>): boolean {
  for (const x of pyIter(iterable)) if (!truthy(x)) return false;
  return true;
}

/** `l op r` for operand types Python refuses to combine (`1 + "a"`): the converter knows CPython's message
 *  from the static types; the operands were evaluated first, as in Python. */
export function operandError(_left: unknown, _right: unknown, message: string): never {
  throw new TypeError(message);
}

/** map(func, *iterables): lazy, stopping with the shortest iterable. */
export function* map<R>(func: (...args: any[]) => R, ...iterables: Iterable<unknown>[]): Generator<R> {
  for (const args of zip(...iterables)) yield func(...args);
}

// Python 2's range, map, filter and zip build lists (its xrange, itertools.imap, … are the lazy ones).

/** Python 2's range(): a list. */
export function rangeList(startOrStop: number, stop?: number, step = 1): number[] {
  return [...range(startOrStop, stop, step)];
}

/** Python 2's map(): a list; over several iterables it runs to the longest, passing None for the missing. */
export function mapList<R>(func: ((...args: any[]) => R) | null, ...iterables: Iterable<unknown>[]): R[] {
  const lists = iterables.map((i) => [...pyIter(i)]);
  if (lists.length === 1) return func === null ? (lists[0] as R[]) : lists[0]!.map((x) => func(x));
  const n = Math.max(0, ...lists.map((l) => l.length));
  const out: R[] = [];
  for (let i = 0; i < n; i++) {
    const args = lists.map((l) => (i < l.length ? l[i] : null));
    out.push(func === null ? (asTuple(args) as R) : func(...args));
  }
  return out;
}

/** Python 2's filter(): a list, or a str of a str and a tuple of a tuple. */
export function filterList<T>(func: ((x: T) => unknown) | null, iterable: Iterable<T>): any {
  const kept = [...filter(func, iterable)];
  if (typeof iterable === "string") return kept.join("");
  return isTuple(iterable) ? asTuple(kept) : kept;
}

/** Python 2's zip(): a list of tuples. */
export function zipList<T extends unknown[]>(...iterables: { [K in keyof T]: Iterable<T[K]> }): Readonly<T>[] {
  return [...zip<T>(...iterables)];
}

/** filter(func, iterable): lazy; a None func keeps the true items. */
export function* filter<T>(func: ((x: T) => unknown) | null, iterable: Iterable<T>): Generator<T> {
  for (const x of pyIter(iterable)) if (truthy(func === null ? x : func(x))) yield x;
}

/** iter(x): an iterator over x (a generator is its own iterator, as in Python). */
export function iter<T>(x: Iterable<T>): Iterator<T> & Iterable<T> {
  const it = pyIter(x)[Symbol.iterator]();
  return isIterator<T>(x) ? x : (Object.assign(it, { [Symbol.iterator]: () => it }) as Iterator<T> & Iterable<T>);
}

function isIterator<T>(x: unknown): x is Iterator<T> & Iterable<T> {
  return typeof (x as { next?: unknown }).next === "function";
}

/** next(iterator[, default]): the next item, else the default, else StopIteration. */
export function next<T, D = never>(it: Iterable<T>, ...dflt: [D] | []): T | D {
  if (!isIterator<T>(it)) throw new TypeError(`'${typeName(it)}' object is not an iterator`);
  const r = it.next();
  if (!r.done) return r.value;
  if (dflt.length) return dflt[0];
  throw new StopIteration();
}

export function abs<T extends Int>(x: T): T {
  if ((x as unknown) instanceof Number) return asFloat(Math.abs(Number(x))) as T;
  return (typeof x === "bigint" ? (x < 0n ? -x : x) : Math.abs(x)) as T;
}

/** tuple(iterable): a tuple of the items (tuple() is the empty one). */
export function tupleOf<T>(iterable: Iterable<T> = []): readonly T[] {
  return asTuple([...pyIter(iterable)]);
}

export function list<T>(iterable: Iterable<T> = []): T[] {
  return [...pyIter(iterable)];
}

export function set<T>(iterable: Iterable<T> = []): Set<T> {
  return distinct(new Set(pyIter(iterable)));
}

/** A Set built natively, with its members that are equal in Python (tuples, …) made one, as Python's set does. */
function distinct<T>(s: Set<T>): Set<T> {
  for (const x of s) {
    if (typeof x !== "object" || x === null) continue;
    const out = new Set<T>();
    for (const y of s) setAdd(out, y);
    return out;
  }
  return s;
}

/** `s.add(x)`: an element equal to one already there (an equal tuple) is not added. */
export function setAdd<T>(s: Set<T>, x: T): void {
  if (typeof x === "object" && x !== null && equalMember(s, x) !== ABSENT) return;
  const size = s.size;
  s.add(x);
  if (s.size !== size) noteInsert(s, x);
}

/** `s.discard(x)`, equal tuples being one element. Whether it was there. */
export function setDiscard<T>(s: Set<T>, x: T): boolean {
  const member = equalMember(s, x);
  if (member === ABSENT) return false;
  s.delete(member as T);
  noteDelete(s, member);
  return true;
}

/** dict(mapping) or dict(iterable of pairs), and keyword arguments; equal tuple keys are one key. */
export function dict<K, V>(items: Map<K, V> | Iterable<readonly [K, V]> = [], keywords?: Map<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  for (const [k, v] of items instanceof Map ? items : pyIter(items)) mapSet(out, k, v);
  // dict(pairs, a=1): the keyword arguments come after the pairs, replacing equal keys.
  for (const [k, v] of keywords ?? []) out.set(k, v);
  return out;
}

/** frozenset(): a Set marked frozen, which repr, copy and pickle tell from a set. */
export function frozenset<T>(iterable: Iterable<T> = []): Set<T> {
  return Object.defineProperty(distinct(new Set(pyIter(iterable))), "frozen", { value: true });
}

export function chr(i: number): string {
  return String.fromCodePoint(i);
}

export function ord(c: string): number {
  if ([...c].length !== 1) throw new TypeError(`ord() expected a character, but string of length ${[...c].length} found`);
  return c.codePointAt(0)!;
}

export function hex(i: Int): string {
  return (i < 0 ? "-0x" : "0x") + (typeof i === "bigint" ? (i < 0n ? -i : i) : Math.abs(i)).toString(16);
}

export function bin(i: Int): string {
  return (i < 0 ? "-0b" : "0b") + (typeof i === "bigint" ? (i < 0n ? -i : i) : Math.abs(i)).toString(2);
}

export function oct(i: Int): string {
  return (i < 0 ? "-0o" : "0o") + (typeof i === "bigint" ? (i < 0n ? -i : i) : Math.abs(i)).toString(8);
}

/** What `type(x)` gives a script: its class (for the script's own classes) or a named builtin type. */
export interface PyType {
  readonly __name__: string;
}

export function type_(x: unknown): PyType {
  if (x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Map) && !(x instanceof Set) && !(x instanceof Uint8Array)) {
    return { __name__: (x as object).constructor.name };
  }
  return { __name__: typeName(x) };
}

type Cls = abstract new (...a: never[]) => unknown;
const PRIMITIVE: Record<string, (x: unknown) => boolean> = {
  int: (x) => (typeof x === "number" && Number.isInteger(x)) || typeof x === "bigint" || typeof x === "boolean",
  float: (x) => typeof x === "number" || x instanceof Number,
  str: (x) => typeof x === "string",
  bool: (x) => typeof x === "boolean",
  list: (x) => Array.isArray(x) && !isTuple(x),
  tuple: (x) => isTuple(x),
  dict: (x) => x instanceof Map,
  set: (x) => x instanceof Set && !(x as { frozen?: boolean }).frozen,
  frozenset: (x) => x instanceof Set && (x as { frozen?: boolean }).frozen === true,
  bytes: (x) => x instanceof Uint8Array,
};

/** issubclass(cls, classinfo): a class is a subclass of itself and of its bases (classinfo may be a tuple). */
export function issubclass(cls: Cls, classinfo: Cls | readonly Cls[]): boolean {
  if (Array.isArray(classinfo)) return classinfo.some((c) => issubclass(cls, c));
  const base = classinfo as Cls;
  return cls === base || cls.prototype instanceof base;
}

/** The TS types of builtin types' values, for isinstance's narrowing. */
interface BuiltinTypes {
  int: number | bigint | boolean;
  float: number;
  str: string;
  bool: boolean;
  list: unknown[];
  tuple: readonly unknown[];
  dict: Map<unknown, unknown>;
  set: Set<unknown>;
  bytes: Uint8Array;
}

/** isinstance(x, cls) for exception classes, the script's classes, and builtin type names (the converter tells
 *  an int from an integral float by static type: see isinstanceCall in src/emit/expressions.ts). */
// One class or builtin type narrows the value, so an `except OSError as e:` handler may read e.errno and
// `if isinstance(v, str):` may call str methods on v.
export function isinstance<X, N extends keyof BuiltinTypes>(x: X, cls: N): x is Extract<X, BuiltinTypes[N]>;
export function isinstance<C extends Cls>(x: unknown, cls: C): x is InstanceType<C>;
export function isinstance(x: unknown, cls: Cls | string | readonly (Cls | string)[]): boolean;
export function isinstance(x: unknown, cls: Cls | string | readonly (Cls | string)[]): boolean {
  if (Array.isArray(cls)) return cls.some((c) => isinstance(x, c));
  if (typeof cls === "string") return PRIMITIVE[cls]?.(x) ?? false;
  return x instanceof (cls as Cls);
}

/** `with cm as x:` for a context manager whose __enter__ returns something else than itself: `value` is what
 *  it returned, and disposing calls __exit__. */
export function enter<R>(cm: { __enter__(): R; __exit__(...a: unknown[]): unknown }): Disposable & { readonly value: R } {
  const value = cm.__enter__();
  return { value, [Symbol.dispose]: () => void cm.__exit__(null, null, null) };
}
