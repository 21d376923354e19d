// Methods of list, dict and set that JS lacks or names differently, with Python's errors
// (`list.remove(x): x not in list`, KeyError for a missing dict key).

import { IndexError, KeyError, ValueError } from "./exceptions.js";
import { contains, eq, mapKey, mapSet, pyIter, set, setAdd, setDiscard } from "./functions.js";
import { noteDelete, noteInsert } from "./keys.js";
import { repr } from "./repr.js";
import { asTuple, isTuple } from "./tuple.js";

export function extend<T>(xs: T[], items: Iterable<T>): void {
  for (const x of [...items]) xs.push(x);
}

export function insert<T>(xs: T[], i: number, x: T): void {
  const j = i < 0 ? Math.max(0, xs.length + i) : Math.min(i, xs.length);
  xs.splice(j, 0, x);
}

export function pop<T>(xs: T[], i = -1): T {
  if (xs.length === 0) throw new IndexError("pop from empty list");
  const j = i < 0 ? xs.length + i : i;
  if (j < 0 || j >= xs.length) throw new IndexError("pop index out of range");
  return xs.splice(j, 1)[0]!;
}

export function remove<T>(xs: T[], x: T): void {
  const i = xs.findIndex((v) => eq(v, x));
  if (i < 0) throw new ValueError("list.remove(x): x not in list");
  xs.splice(i, 1);
}

export function index<T>(xs: readonly T[], x: T, start = 0, stop = xs.length): number {
  for (let i = start; i < Math.min(stop, xs.length); i++) if (eq(xs[i], x)) return i;
  throw new ValueError(isTuple(xs) ? "tuple.index(x): x not in tuple" : `${repr(x)} is not in list`);
}

export function count<T>(xs: readonly T[], x: T): number {
  return xs.filter((v) => eq(v, x)).length;
}

export function clear(xs: unknown[]): void {
  xs.length = 0;
}

export function dictGet<K, V, D = null>(d: Map<K, V>, key: K, dflt: D = null as D): V | D {
  const k = mapKey(d, key);
  return d.has(k) ? d.get(k)! : dflt;
}

export function keys<K>(d: Map<K, unknown>): K[] {
  return [...d.keys()];
}

export function values<V>(d: Map<unknown, V>): V[] {
  return [...d.values()];
}

export function items<K, V>(d: Map<K, V>): (readonly [K, V])[] {
  return [...d].map(([k, v]) => asTuple([k, v]) as readonly [K, V]);
}

const MISSING = Symbol("missing");

export function dictPop<K, V>(d: Map<K, V>, key: K, dflt: V | typeof MISSING = MISSING): V {
  key = mapKey(d, key);
  if (d.has(key)) {
    const v = d.get(key)!;
    d.delete(key);
    noteDelete(d, key);
    return v;
  }
  if (dflt === MISSING) throw new KeyError(key);
  return dflt;
}

export function setdefault<K, V>(d: Map<K, V>, key: K, dflt: V = null as V): V {
  key = mapKey(d, key);
  if (!d.has(key)) {
    d.set(key, dflt);
    noteInsert(d, key);
  }
  return d.get(key)!;
}

export function update<K, V>(d: Map<K, V>, other: Map<K, V> | Iterable<readonly [K, V]>): void {
  for (const [k, v] of other) mapSet(d, k, v);
}

export function copy<T>(x: T): T {
  if (x instanceof Map) return new Map(x) as T;
  if (x instanceof Set) return new Set(x) as T;
  if (Array.isArray(x)) return x.slice() as T;
  return x;
}

/** `a | b` on dicts: a new dict with b's items over a's. */
export function dictMerge<K, V>(a: Map<K, V>, b: Map<K, V>): Map<K, V> {
  const out = new Map(a);
  for (const [k, v] of b) mapSet(out, k, v);
  return out;
}

// Set algebra: the operators take sets, the methods any iterables. Elements compare as `in` compares them
// (equal tuples are one element); a result is a frozenset when the left operand is one, as in CPython.

const isFrozen = (s: Set<unknown>) => (s as { frozen?: boolean }).frozen === true;

function like<T>(a: Set<T>, items: Iterable<T>): Set<T> {
  const out = new Set(items);
  return isFrozen(a) ? Object.defineProperty(out, "frozen", { value: true }) : out;
}

export function setUnion<T>(a: Set<T>, ...others: Iterable<T>[]): Set<T> {
  const out = like(a, a);
  for (const o of others) for (const x of pyIter(o)) setAdd(out, x);
  return out;
}

export function setIntersection<T>(a: Set<T>, ...others: Iterable<T>[]): Set<T> {
  const sets = others.map((o) => new Set(pyIter(o)));
  return like(a, [...a].filter((x) => sets.every((s) => contains(s, x))));
}

export function setDifference<T>(a: Set<T>, ...others: Iterable<T>[]): Set<T> {
  const sets = others.map((o) => new Set(pyIter(o)));
  return like(a, [...a].filter((x) => !sets.some((s) => contains(s, x))));
}

export function setSymmetricDifference<T>(a: Set<T>, other: Iterable<T>): Set<T> {
  const b = set(other);
  return like(a, [...[...a].filter((x) => !contains(b, x)), ...[...b].filter((x) => !contains(a, x))]);
}

export function issubset<T>(a: Set<T>, other: Iterable<T>): boolean {
  const b = new Set(pyIter(other));
  return [...a].every((x) => contains(b, x));
}

export function issuperset<T>(a: Set<T>, other: Iterable<T>): boolean {
  return [...pyIter(other)].every((x) => contains(a, x));
}

/** `a < b` and `a > b` on sets: a proper subset (superset). */
export function properSubset<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size < b.size && issubset(a, b);
}

export function properSuperset<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size > b.size && issuperset(a, b);
}

export function isdisjoint<T>(a: Set<T>, other: Iterable<T>): boolean {
  return ![...pyIter(other)].some((x) => contains(a, x));
}

export function setRemove<T>(s: Set<T>, x: T): void {
  if (!setDiscard(s, x)) throw new KeyError(x);
}

/** Python 2's `d.has_key(k)`: `k in d`, tuple keys compared by value. */
export function hasKey<K>(d: Map<K, unknown>, key: K): boolean {
  return d.has(mapKey(d, key));
}

/** A set display `{a, b}` of tuples or objects: items equal by value (`__eq__`) are one item, as in Python. */
export function setOf<T>(items: Iterable<T>): Set<T> {
  const s = new Set<T>();
  for (const x of items) setAdd(s, x);
  return s;
}

/** A dict display `{k: v, …}` keyed by tuples or objects: a key equal to an earlier one replaces its value. */
export function dictOf<K, V>(entries: Iterable<readonly [K, V]>): Map<K, V> {
  const d = new Map<K, V>();
  for (const [k, v] of entries) mapSet(d, k, v);
  return d;
}
