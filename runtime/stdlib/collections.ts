// collections: Counter, defaultdict and OrderedDict are Maps (so indexing, iteration, len and == work as for a
// dict) with CPython's extra methods and reprs; deque is a double-ended queue with maxlen.

import { IndexError, KeyError, TypeError, ValueError } from "../builtins/exceptions.js";
import { compare, eq, list, mapKey, mapSet, pyIter, set } from "../builtins/functions.js";
import { add, float_, int_, sub, type Int } from "../builtins/int.js";
import { repr, str } from "../builtins/repr.js";
import { NAMED_TUPLE_TYPE, asTuple } from "../builtins/tuple.js";

type Iter<T> = Iterable<T> | Map<T, unknown>;

/** `{k: v, ...}` as CPython's dict repr prints it. */
function dictBody(entries: Iterable<readonly [unknown, unknown]>): string {
  return `{${[...entries].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
}

export class Counter<K, V extends Int = number> extends Map<K, V> {
  constructor(iterable: Iter<K> | string | null = null) {
    super();
    if (iterable !== null) this.update(iterable);
  }

  /** A missing key counts 0 and is not inserted (CPython's Counter.__missing__). */
  __missing__(): V {
    return 0 as V;
  }

  private count(key: K): V {
    const k = mapKey(this, key);
    return this.has(k) ? this.get(k)! : (0 as V);
  }

  /** Counts from an iterable, or added from another mapping. */
  update(other: Iter<K> | string | null = null): void {
    if (other === null) return;
    if (other instanceof Map) {
      for (const [k, n] of other as Map<K, V>) mapSet(this, k, add(this.count(k), n) as V);
      return;
    }
    for (const k of other as Iterable<K>) mapSet(this, k, add(this.count(k), 1) as V);
  }

  subtract(other: Iter<K> | string | null = null): void {
    if (other === null) return;
    if (other instanceof Map) {
      for (const [k, n] of other as Map<K, V>) mapSet(this, k, sub(this.count(k), n) as V);
      return;
    }
    for (const k of other as Iterable<K>) mapSet(this, k, sub(this.count(k), 1) as V);
  }

  /** Most common first; equal counts keep insertion order (CPython sorts stably by count). */
  most_common(n: number | null = null): (readonly [K, V])[] {
    const items = [...this].map(([k, v], i) => ({ k, v, i }));
    items.sort((a, b) => compare(b.v, a.v) || a.i - b.i);
    return (n === null ? items : items.slice(0, Math.max(0, n))).map(({ k, v }) => asTuple([k, v]) as readonly [K, V]);
  }

  *elements(): Generator<K> {
    for (const [k, n] of this) for (let i = 0; i < Number(n); i++) yield k;
  }

  total(): Int {
    let t: Int = 0;
    for (const n of this.values()) t = add(t, n);
    return t;
  }

  /** `a + b`: counts added, keeping only positive ones (self's keys first, as CPython). */
  __add__(other: Counter<K, V>): Counter<K, V> {
    const out = new Counter<K, V>();
    for (const [k, n] of this) {
      const c = add(n, other.count(k));
      if (c > 0) out.set(k, c as V);
    }
    for (const [k, n] of other) if (!this.has(mapKey(this, k)) && n > 0) out.set(k, n);
    return out;
  }

  /** `a - b`: counts subtracted, keeping only positive ones. */
  __sub__(other: Counter<K, V>): Counter<K, V> {
    const out = new Counter<K, V>();
    for (const [k, n] of this) {
      const c = sub(n, other.count(k));
      if (c > 0) out.set(k, c as V);
    }
    for (const [k, n] of other) if (!this.has(mapKey(this, k)) && n < 0) out.set(k, sub(0, n) as V);
    return out;
  }

  __copy__(): Counter<K, V> {
    const out = new Counter<K, V>();
    for (const [k, v] of this) out.set(k, v);
    return out;
  }

  __repr__(): string {
    return this.size === 0 ? "Counter()" : `Counter(${dictBody(this.most_common())})`;
  }
}

/** The built-in types a default_factory may be, by the runtime function that stands for each. */
const FACTORY_CLASSES = new Map<unknown, { name: string; make: () => unknown }>([
  [int_, { name: "int", make: () => 0 }],
  [float_, { name: "float", make: () => 0 }],
  [str, { name: "str", make: () => "" }],
  [list, { name: "list", make: () => [] }],
  [set, { name: "set", make: () => new Set() }],
]);

export class defaultdict<K, V> extends Map<K, V> {
  constructor(
    readonly default_factory: (() => V) | null = null,
    init: Map<K, V> | Iterable<readonly [K, V]> | null = null,
  ) {
    super();
    if (default_factory !== null && typeof default_factory !== "function") throw new TypeError("first argument must be callable or None");
    if (init !== null) for (const [k, v] of init) mapSet(this, k, v);
  }

  /** A missing key gets default_factory() stored under it (CPython's defaultdict.__missing__). */
  __missing__(key: K): V {
    if (this.default_factory === null) throw new KeyError(key);
    const builtin = FACTORY_CLASSES.get(this.default_factory);
    const value = (builtin ? builtin.make() : this.default_factory()) as V;
    this.set(key, value);
    return value;
  }

  __copy__(): defaultdict<K, V> {
    return new defaultdict(this.default_factory, this);
  }

  __repr__(): string {
    const f = this.default_factory;
    const builtin = FACTORY_CLASSES.get(f);
    const factory = builtin ? `<class '${builtin.name}'>` : repr(f);
    return `defaultdict(${factory}, ${dictBody(this)})`;
  }
}

export class OrderedDict<K, V> extends Map<K, V> {
  constructor(init: Map<K, V> | Iterable<readonly [K, V]> | null = null) {
    super();
    if (init !== null) for (const [k, v] of init) mapSet(this, k, v);
  }

  move_to_end(key: K, last = true): void {
    const k = mapKey(this, key);
    if (!this.has(k)) throw new KeyError(key);
    const v = this.get(k)!;
    if (last) {
      this.delete(k);
      this.set(k, v);
      return;
    }
    const rest = [...this].filter(([x]) => x !== k);
    this.clear();
    this.set(k, v);
    for (const [x, y] of rest) this.set(x, y);
  }

  popitem(last = true): readonly [K, V] {
    if (this.size === 0) throw new KeyError("dictionary is empty");
    const [k, v] = last ? [...this].at(-1)! : this.entries().next().value!;
    this.delete(k);
    return asTuple([k, v]) as readonly [K, V];
  }

  __copy__(): OrderedDict<K, V> {
    return new OrderedDict(this);
  }

  __repr__(): string {
    return this.size === 0 ? "OrderedDict()" : `OrderedDict(${repr(list([...this].map(([k, v]) => asTuple([k, v]))))})`;
  }
}

/** A double-ended queue: items live in `items` from `head` on, so popleft is O(1) amortized. */
export class deque<T> implements Iterable<T> {
  private items: T[] = [];
  private head = 0;
  readonly maxlen: number | null;

  constructor(iterable: Iter<T> | null = null, maxlen: number | null = null) {
    if (maxlen !== null && maxlen < 0) throw new ValueError("maxlen must be non-negative");
    this.maxlen = maxlen;
    if (iterable !== null) this.extend(iterable);
  }

  private get view(): T[] {
    if (this.head > 0) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items;
  }

  __len__(): number {
    return this.items.length - this.head;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items.slice(this.head)[Symbol.iterator]();
  }

  append(x: T): void {
    if (this.maxlen === 0) return;
    this.items.push(x);
    if (this.maxlen !== null && this.__len__() > this.maxlen) this.head++;
    if (this.head > 32 && this.head * 2 > this.items.length) void this.view;
  }

  appendleft(x: T): void {
    if (this.maxlen === 0) return;
    if (this.head > 0) this.items[--this.head] = x;
    else this.items.unshift(x);
    if (this.maxlen !== null && this.__len__() > this.maxlen) this.items.pop();
  }

  pop(): T {
    if (this.__len__() === 0) throw new IndexError("pop from an empty deque");
    return this.items.pop()!;
  }

  popleft(): T {
    if (this.__len__() === 0) throw new IndexError("pop from an empty deque");
    const x = this.items[this.head]!;
    this.head++;
    if (this.head > 32 && this.head * 2 > this.items.length) void this.view;
    return x;
  }

  extend(iterable: Iter<T>): void {
    for (const x of [...pyIter(iterable)]) this.append(x);
  }

  extendleft(iterable: Iter<T>): void {
    for (const x of [...pyIter(iterable)]) this.appendleft(x);
  }

  /** rotate(n): n steps to the right (negative: to the left). */
  rotate(n = 1): void {
    const items = this.view;
    const len = items.length;
    if (len <= 1) return;
    const k = ((n % len) + len) % len;
    if (k) items.unshift(...items.splice(len - k, k));
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  count(x: T): number {
    return this.view.filter((v) => eq(v, x)).length;
  }

  index(x: T): number {
    const i = this.view.findIndex((v) => eq(v, x));
    if (i < 0) throw new ValueError(`${repr(x)} is not in deque`);
    return i;
  }

  remove(x: T): void {
    const items = this.view;
    const i = items.findIndex((v) => eq(v, x));
    if (i < 0) throw new ValueError(`${repr(x)} is not in deque`);
    items.splice(i, 1);
  }

  reverse(): void {
    this.view.reverse();
  }

  copy(): deque<T> {
    return new deque(this, this.maxlen);
  }

  __copy__(): deque<T> {
    return this.copy();
  }

  private position(i: number): number {
    const j = i < 0 ? this.__len__() + i : i;
    if (!Number.isInteger(j) || j < 0 || j >= this.__len__()) throw new IndexError("deque index out of range");
    return this.head + j;
  }

  __getitem__(i: number): T {
    return this.items[this.position(i)]!;
  }

  __setitem__(i: number, x: T): void {
    this.items[this.position(i)] = x;
  }

  __contains__(x: T): boolean {
    return this.view.some((v) => eq(v, x));
  }

  __eq__(other: unknown): boolean {
    return other instanceof deque && eq(this.view, other.view);
  }

  __repr__(): string {
    const body = repr(this.view);
    return this.maxlen === null ? `deque(${body})` : `deque(${body}, maxlen=${this.maxlen})`;
  }
}

/** A namedtuple instance: a tuple (V, item by item) whose items are also named fields (F). */
export type NamedTuple<V extends readonly unknown[], F extends Record<string, unknown>> = Readonly<V> &
  Readonly<F> & {
    _replace(changes: Partial<F>): NamedTuple<V, F>;
    _asdict(): Map<string, V[number]>;
    readonly _fields: readonly string[];
  };

/** What `namedtuple("Point", "x y")` makes: called, it builds an instance; it is what `isinstance` and pickling know. */
export interface NamedTupleType<V extends readonly unknown[], F extends Record<string, unknown>> {
  (...values: V): NamedTuple<V, F>;
  readonly _fields: readonly string[];
  _make(iterable: Iterable<V[number]>): NamedTuple<V, F>;
}

/**
 * collections.namedtuple(typename, field_names): field_names as a list or one string of names separated by
 * spaces or commas. `type` is the items' descriptor when they hold floats, so repr prints `Point(x=1.0, …)`.
 */
export function namedtuple<V extends readonly unknown[], F extends Record<string, unknown>>(
  typename: string,
  fieldNames: string | readonly string[],
  opts: { type?: string } = {},
): NamedTupleType<V, F> {
  const fields = asTuple(typeof fieldNames === "string" ? fieldNames.replace(/,/g, " ").split(/\s+/).filter(Boolean) : [...fieldNames]);
  const itemTypes = opts.type ? itemDescriptors(opts.type) : undefined;
  const make = (values: readonly unknown[]): NamedTuple<V, F> => {
    if (values.length !== fields.length) {
      const missing = fields.slice(values.length);
      if (values.length > fields.length) throw new TypeError(`${typename}.__new__() takes ${fields.length + 1} positional arguments but ${values.length + 1} were given`);
      const names = missing.map((f) => `'${f}'`);
      const list = names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")}, and ${names.at(-1)}`;
      throw new TypeError(`${typename}.__new__() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`);
    }
    const t = asTuple([...values]);
    const props: PropertyDescriptorMap = {
      [NAMED_TUPLE_TYPE]: { value: type },
      _fields: { value: fields },
      _replace: { value: (changes: Partial<F>) => make(fields.map((f, i) => (f in changes ? changes[f] : values[i]))) },
      _asdict: { value: () => new Map(fields.map((f, i) => [f, values[i]])) },
      __repr__: { value: () => `${typename}(${fields.map((f, i) => `${f}=${repr(values[i], itemTypes?.[i])}`).join(", ")})` },
    };
    fields.forEach((f, i) => (props[f] = { value: values[i], enumerable: false }));
    return Object.defineProperties(t, props) as unknown as NamedTuple<V, F>;
  };
  const type = Object.assign((...values: V) => make(values), {
    _fields: fields,
    _make: (iterable: Iterable<V[number]>) => make([...pyIter(iterable)]),
  });
  Object.defineProperty(type, "name", { value: typename });
  return type;
}

/** `tuple[str, tuple[int, float]]` → `["str", "tuple[int, float]"]`: the items' descriptors (commas nested in
 *  brackets stay with their item). */
function itemDescriptors(type: string): string[] {
  const inner = /^tuple\[(.*)\]$/.exec(type)?.[1] ?? "";
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "[") depth++;
    else if (inner[i] === "]") depth--;
    else if (inner[i] === "," && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}
