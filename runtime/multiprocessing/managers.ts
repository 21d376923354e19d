// multiprocessing.managers: Manager() and its dict, list and Namespace proxies. CPython keeps the objects
// in a server process and proxies forward each operation; here each object lives serialized in shared
// memory and every operation runs under its lock (load, change, store), which gives the same semantics —
// one operation at a time, visible to every process — without a server.

import { AttributeError, IndexError, KeyError, ValueError } from "../builtins/exceptions.js";
import { compare, eq } from "../builtins/functions.js";
import { repr } from "../builtins/repr.js";
import { registerShared, type SharedHandle } from "./handles.js";
import { JoinableQueue, Queue } from "./queues.js";
import { dumps, loads } from "./serialize.js";
import { mutexLock, mutexUnlock } from "./shm.js";
import { Array as SharedArray, Value } from "./sharedctypes.js";
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from "./synchronize.js";

// Header cells: [0] lock, [1] byte length of the stored value.
const HEADER = 16;
type GrowableSAB = SharedArrayBuffer & { grow(n: number): void };

/** One Python value stored serialized in a growable SharedArrayBuffer, changed under its lock. */
class SharedCell<T> {
  readonly sab: GrowableSAB;
  private readonly h: Int32Array;

  constructor(initial: T | SharedArrayBuffer) {
    if (initial instanceof SharedArrayBuffer) this.sab = initial as GrowableSAB;
    else {
      this.sab = new (SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => GrowableSAB)(HEADER + 256, { maxByteLength: 1 << 30 });
    }
    this.h = new Int32Array(this.sab, 0, 2);
    if (!(initial instanceof SharedArrayBuffer)) this.store(initial);
  }

  private load(): T {
    const n = this.h[1]!;
    return loads(new Uint8Array(this.sab, HEADER, n).slice()) as T;
  }

  private store(v: T): void {
    const bytes = dumps(v);
    if (HEADER + bytes.length > this.sab.byteLength) this.sab.grow(Math.max(HEADER + bytes.length, this.sab.byteLength * 2));
    new Uint8Array(this.sab, HEADER, bytes.length).set(bytes);
    this.h[1] = bytes.length;
  }

  /** Runs `f` on the current value under the lock; `write` stores the (possibly mutated) value back. */
  with<R>(f: (v: T) => R, write = false): R {
    mutexLock(this.h, 0);
    try {
      const v = this.load();
      const r = f(v);
      if (write) this.store(v);
      return r;
    } finally {
      mutexUnlock(this.h, 0);
    }
  }
}

export class DictProxy<K = any, V = any> implements Iterable<K> {
  private readonly cell: SharedCell<Map<K, V>>;

  constructor(init?: Map<K, V> | SharedArrayBuffer) {
    this.cell = new SharedCell<Map<K, V>>(init instanceof SharedArrayBuffer ? init : new Map(init ?? []));
  }

  __getitem__(k: K): V {
    return this.cell.with((d) => {
      if (!d.has(k)) throw new KeyError(k);
      return d.get(k)!;
    });
  }
  __setitem__(k: K, v: V): void {
    this.cell.with((d) => d.set(k, v), true);
  }
  __delitem__(k: K): void {
    this.cell.with((d) => {
      if (!d.delete(k)) throw new KeyError(k);
    }, true);
  }
  __contains__(k: K): boolean {
    return this.cell.with((d) => d.has(k));
  }
  __len__(): number {
    return this.cell.with((d) => d.size);
  }
  get<D = null>(k: K, dflt: D = null as D): V | D {
    return this.cell.with((d) => (d.has(k) ? d.get(k)! : dflt));
  }
  keys(): K[] {
    return this.cell.with((d) => [...d.keys()]);
  }
  values(): V[] {
    return this.cell.with((d) => [...d.values()]);
  }
  items(): (readonly [K, V])[] {
    return this.cell.with((d) => [...d].map(([k, v]) => tupleOf(k, v)));
  }
  update(other: Map<K, V> | Iterable<readonly [K, V]>): void {
    this.cell.with((d) => {
      for (const [k, v] of other) d.set(k, v);
    }, true);
  }
  pop(k: K, ...dflt: V[]): V {
    return this.cell.with((d) => {
      if (d.has(k)) {
        const v = d.get(k)!;
        d.delete(k);
        return v;
      }
      if (dflt.length) return dflt[0]!;
      throw new KeyError(k);
    }, true);
  }
  setdefault(k: K, dflt: V = null as V): V {
    return this.cell.with((d) => {
      if (!d.has(k)) d.set(k, dflt);
      return d.get(k)!;
    }, true);
  }
  clear(): void {
    this.cell.with((d) => d.clear(), true);
  }
  copy(): Map<K, V> {
    return this.cell.with((d) => new Map(d));
  }
  [Symbol.iterator](): Iterator<K> {
    return this.keys()[Symbol.iterator]();
  }
  __repr__(): string {
    return this.cell.with((d) => repr(d));
  }
  __str__(): string {
    return this.__repr__();
  }
  __eq__(other: unknown): boolean {
    return this.cell.with((d) => eq(d, other instanceof DictProxy ? other.copy() : other));
  }
  __shared__(): SharedHandle {
    return { kind: "DictProxy", buffers: [this.cell.sab], meta: [] };
  }
}

export class ListProxy<T = any> implements Iterable<T> {
  private readonly cell: SharedCell<T[]>;

  constructor(init?: Iterable<T> | SharedArrayBuffer) {
    this.cell = new SharedCell<T[]>(init instanceof SharedArrayBuffer ? init : [...(init ?? [])]);
  }

  private index(xs: T[], i: number): number {
    const j = i < 0 ? xs.length + i : i;
    if (j < 0 || j >= xs.length) throw new IndexError("list index out of range");
    return j;
  }
  __getitem__(i: number): T {
    return this.cell.with((xs) => xs[this.index(xs, i)]!);
  }
  __setitem__(i: number, v: T): void {
    this.cell.with((xs) => void (xs[this.index(xs, i)] = v), true);
  }
  __len__(): number {
    return this.cell.with((xs) => xs.length);
  }
  __contains__(v: T): boolean {
    return this.cell.with((xs) => xs.some((x) => eq(x, v)));
  }
  append(v: T): void {
    this.cell.with((xs) => void xs.push(v), true);
  }
  extend(vs: Iterable<T>): void {
    const items = [...vs];
    this.cell.with((xs) => void xs.push(...items), true);
  }
  insert(i: number, v: T): void {
    this.cell.with((xs) => void xs.splice(i < 0 ? Math.max(0, xs.length + i) : Math.min(i, xs.length), 0, v), true);
  }
  pop(i = -1): T {
    return this.cell.with((xs) => {
      if (xs.length === 0) throw new IndexError("pop from empty list");
      return xs.splice(this.index(xs, i), 1)[0]!;
    }, true);
  }
  remove(v: T): void {
    this.cell.with((xs) => {
      const i = xs.findIndex((x) => eq(x, v));
      if (i < 0) throw new ValueError("list.remove(x): x not in list");
      xs.splice(i, 1);
    }, true);
  }
  count(v: T): number {
    return this.cell.with((xs) => xs.filter((x) => eq(x, v)).length);
  }
  sort(opts: { key?: ((x: T) => unknown) | null; reverse?: boolean } = {}): void {
    this.cell.with((xs) => {
      const key = opts.key ?? ((x: T) => x);
      xs.sort((a, b) => (opts.reverse ? compare(key(b), key(a)) : compare(key(a), key(b))));
    }, true);
  }
  reverse(): void {
    this.cell.with((xs) => void xs.reverse(), true);
  }
  copy(): T[] {
    return this.cell.with((xs) => xs.slice());
  }
  [Symbol.iterator](): Iterator<T> {
    return this.copy()[Symbol.iterator]();
  }
  __repr__(): string {
    return this.cell.with((xs) => repr(xs));
  }
  __str__(): string {
    return this.__repr__();
  }
  __shared__(): SharedHandle {
    return { kind: "ListProxy", buffers: [this.cell.sab], meta: [] };
  }
}

/** manager.Namespace(): attributes shared across processes. */
export type Namespace = { [attr: string]: any };

function namespaceProxy(cell: SharedCell<Map<string, unknown>>): Namespace {
  const target = { __shared__: (): SharedHandle => ({ kind: "Namespace", buffers: [cell.sab], meta: [] }) } as Namespace;
  return new Proxy(target, {
    get(t, attr) {
      if (typeof attr === "symbol" || attr in t) return t[attr as string];
      if (attr === "__repr__" || attr === "__str__") return () => `Namespace(${cell.with((m) => [...m].map(([k, v]) => `${k}=${repr(v)}`).join(", "))})`;
      return cell.with((m) => {
        if (!m.has(attr)) throw new AttributeError(`'Namespace' object has no attribute '${attr}'`);
        return m.get(attr);
      });
    },
    set(_t, attr, value) {
      cell.with((m) => m.set(String(attr), value), true);
      return true;
    },
  });
}

function tupleOf<A, B>(a: A, b: B): readonly [A, B] {
  const t = [a, b] as const;
  (t as unknown as Record<symbol, boolean>)[Symbol.for("py2ts-mp.tuple")] = true;
  return t;
}

/** Manager(): a SyncManager whose objects are shared by every process that receives them. */
export class Manager {
  dict<K = any, V = any>(init?: Map<K, V>): DictProxy<K, V> {
    return new DictProxy<K, V>(init);
  }
  list<T = any>(init?: Iterable<T>): ListProxy<T> {
    return new ListProxy<T>(init);
  }
  Namespace(): Namespace {
    return namespaceProxy(new SharedCell<Map<string, unknown>>(new Map()));
  }
  Queue<T = unknown>(maxsize = 0): Queue<T> {
    return new Queue<T>(maxsize);
  }
  JoinableQueue<T = unknown>(maxsize = 0): JoinableQueue<T> {
    return new JoinableQueue<T>(maxsize);
  }
  Value<T = unknown>(typecode: string, value?: unknown): Value<T> {
    return new Value<T>(typecode, value);
  }
  Array<T = unknown>(typecode: string, init: number | Iterable<unknown>): SharedArray<T> {
    return new SharedArray<T>(typecode, init);
  }
  Lock(): Lock {
    return new Lock();
  }
  RLock(): RLock {
    return new RLock();
  }
  Semaphore(value = 1): Semaphore {
    return new Semaphore(value);
  }
  BoundedSemaphore(value = 1): BoundedSemaphore {
    return new BoundedSemaphore(value);
  }
  Event(): Event {
    return new Event();
  }
  Condition(lock?: Lock | RLock | null): Condition {
    return new Condition(lock);
  }
  Barrier(parties: number): Barrier {
    return new Barrier(parties);
  }
  start(): void {}
  shutdown(): void {}
  __enter__(): this {
    return this;
  }
  __exit__(): void {}
  [Symbol.dispose](): void {}
}

registerShared("DictProxy", (h) => new DictProxy(h.buffers[0]!));
registerShared("ListProxy", (h) => new ListProxy(h.buffers[0]!));
registerShared("Namespace", (h) => namespaceProxy(new SharedCell<Map<string, unknown>>(h.buffers[0]!)));
