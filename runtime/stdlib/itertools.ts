// itertools: lazy generators with CPython's semantics (argument checks, the order product/combinations yield
// in); every tuple they yield is a Python tuple.

import { TypeError, ValueError } from "../builtins/exceptions.js";
import { add, type Int } from "../builtins/int.js";
import { eq, pyIter, truthy } from "../builtins/functions.js";
import { asTuple } from "../builtins/tuple.js";

type Iter<T> = Iterable<T> | Map<T, unknown>;
const items = <T>(x: Iter<T>): T[] => [...pyIter(x)];

/** A tuple of N T's when N is a literal (`combinations(xs, 2)` yields pairs), else a tuple of any length. */
export type TupleOf<T, N extends number, Acc extends T[] = []> = number extends N
  ? readonly T[]
  : Acc["length"] extends N
    ? Readonly<Acc>
    : TupleOf<T, N, [...Acc, T]>;

/** The options object the converter passes keyword-only arguments in (`repeat=`, `fillvalue=`). */
function options<O>(args: unknown[]): Partial<O> {
  const last = args.at(-1);
  const isOptions = last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype;
  return isOptions ? (args.pop() as Partial<O>) : {};
}

const isInt = (x: Int) => typeof x === "bigint" || Number.isInteger(x);

export function* count(start: Int = 0, step: Int = 1): Generator<Int> {
  // Int steps stay exact past 2**53; float steps accumulate like CPython's (start + step + step …).
  for (let n = start; ; n = isInt(n) && isInt(step) ? add(n, step) : (n as number) + (step as number)) yield n;
}

export function* cycle<T>(iterable: Iter<T>): Generator<T> {
  const saved: T[] = [];
  for (const x of pyIter(iterable)) {
    saved.push(x);
    yield x;
  }
  if (saved.length === 0) return;
  for (;;) yield* saved;
}

export function* repeat<T>(object: T, times?: number): Generator<T> {
  if (times === undefined) for (;;) yield object;
  for (let i = 0; i < times; i++) yield object;
}

/** What iterating a value yields in Python: a dict (a Map) yields its keys. */
type ElementOf<I> = I extends Map<infer K, unknown> ? K : I extends Iterable<infer T> ? T : never;

export function* chain<I extends Iter<unknown>[]>(...iterables: I): Generator<ElementOf<I[number]>> {
  for (const it of iterables) yield* pyIter(it) as Iterable<ElementOf<I[number]>>;
}

chain.from_iterable = function* fromIterable<I extends Iter<unknown>>(iterables: Iterable<I>): Generator<ElementOf<I>> {
  for (const it of iterables) yield* pyIter(it) as Iterable<ElementOf<I>>;
};

/** islice(it, stop) or islice(it, start, stop[, step]); None bounds as in Python. */
export function* islice<T>(iterable: Iter<T>, ...args: (number | null)[]): Generator<T> {
  const [start, stop, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0] ?? 0, args[1] ?? null, args[2] ?? 1];
  if (stop !== null && (!Number.isInteger(stop) || stop < 0)) {
    throw new ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  }
  if (!Number.isInteger(start) || start < 0) throw new ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  if (!Number.isInteger(step) || step < 1) throw new ValueError("Step for islice() must be a positive integer or None.");
  if (stop !== null && stop <= start) return;
  let next = start;
  let i = 0;
  for (const x of pyIter(iterable)) {
    if (i === next) {
      yield x;
      next += step;
      if (stop !== null && next >= stop) return;
    }
    i++;
  }
}

export function product<T extends unknown[]>(...iterables: { [K in keyof T]: Iterable<T[K]> }): Generator<Readonly<T>>;
export function product<T, N extends number>(iterable: Iterable<T>, opts: { repeat: N }): Generator<TupleOf<T, N>>;
export function product(...args: unknown[]): Generator<readonly unknown[]>;
export function* product(...args: unknown[]): Generator<readonly unknown[]> {
  const times = options<{ repeat: number }>(args).repeat ?? 1;
  if (times < 0) throw new ValueError("repeat argument cannot be negative");
  const pools = Array.from({ length: times }, () => args.map((a) => items(a as Iter<unknown>))).flat();
  if (pools.some((p) => p.length === 0)) return;
  const idx = pools.map(() => 0);
  for (;;) {
    yield asTuple(idx.map((j, i) => pools[i]![j]));
    let i = pools.length - 1;
    while (i >= 0 && ++idx[i]! === pools[i]!.length) idx[i--] = 0;
    if (i < 0) return;
  }
}

export function permutations<T, N extends number>(iterable: Iter<T>, r: N): Generator<TupleOf<T, N>>;
export function permutations<T>(iterable: Iter<T>, r?: number | null): Generator<readonly T[]>;
export function* permutations<T>(iterable: Iter<T>, r: number | null = null): Generator<readonly T[]> {
  const pool = items(iterable);
  const n = pool.length;
  const k = r ?? n;
  if (k < 0) throw new ValueError("r must be non-negative");
  if (k > n) return;
  // CPython's algorithm (the itertools docs' equivalent), which fixes the lexicographic order by position.
  const indices = pool.map((_, i) => i);
  const cycles = Array.from({ length: k }, (_, i) => n - i);
  yield asTuple(indices.slice(0, k).map((i) => pool[i]!));
  for (;;) {
    let i = k - 1;
    for (; i >= 0; i--) {
      cycles[i]!--;
      if (cycles[i] === 0) {
        indices.push(...indices.splice(i, 1));
        cycles[i] = n - i;
      } else {
        const j = n - cycles[i]!;
        [indices[i], indices[j]] = [indices[j]!, indices[i]!];
        yield asTuple(indices.slice(0, k).map((x) => pool[x]!));
        break;
      }
    }
    if (i < 0) return;
  }
}

function* combinationsOf<T>(iterable: Iter<T>, r: number, withReplacement: boolean): Generator<readonly T[]> {
  const pool = items(iterable);
  const n = pool.length;
  if (r < 0) throw new ValueError("r must be non-negative");
  if (withReplacement ? n === 0 && r > 0 : r > n) return;
  const indices = withReplacement ? Array<number>(r).fill(0) : Array.from({ length: r }, (_, i) => i);
  const top = (i: number) => (withReplacement ? n - 1 : i + n - r);
  for (;;) {
    yield asTuple(indices.map((i) => pool[i]!));
    let i = r - 1;
    while (i >= 0 && indices[i] === top(i)) i--;
    if (i < 0) return;
    const v = indices[i]! + 1;
    for (let j = i; j < r; j++) indices[j] = withReplacement ? v : v + j - i;
  }
}

export function combinations<T, N extends number>(iterable: Iter<T>, r: N): Generator<TupleOf<T, N>> {
  return combinationsOf(iterable, r, false) as Generator<TupleOf<T, N>>;
}

export function combinations_with_replacement<T, N extends number>(iterable: Iter<T>, r: N): Generator<TupleOf<T, N>> {
  return combinationsOf(iterable, r, true) as Generator<TupleOf<T, N>>;
}

/** groupby yields (key, group) where each group is consumed lazily and invalidated by advancing, as in CPython. */
export function* groupby<T, K = T>(iterable: Iter<T>, key: ((x: T) => K) | null = null): Generator<readonly [K, Generator<T>]> {
  const keyOf = key ?? ((x: T) => x as unknown as K);
  const it = pyIter(iterable)[Symbol.iterator]();
  let cur = it.next();
  let curKey: K | undefined = cur.done ? undefined : keyOf(cur.value);
  let generation = 0;
  while (!cur.done) {
    const tgtKey = curKey as K;
    const mine = ++generation;
    function* group(): Generator<T> {
      while (mine === generation && !cur.done && eq(curKey, tgtKey)) {
        yield cur.value;
        cur = it.next();
        if (!cur.done) curKey = keyOf(cur.value);
      }
    }
    yield asTuple([tgtKey, group()]) as readonly [K, Generator<T>];
    // Skip whatever of this group the caller did not consume.
    while (!cur.done && eq(curKey, tgtKey)) {
      cur = it.next();
      if (!cur.done) curKey = keyOf(cur.value);
    }
  }
}

export function* accumulate<T>(iterable: Iter<T>, func: ((a: T, b: T) => T) | null = null, opts: { initial?: T | null } = {}): Generator<T> {
  const f = func ?? ((a: T, b: T) => plus(a, b) as T);
  let first = true;
  let total = opts.initial as T;
  if (opts.initial !== undefined && opts.initial !== null) {
    first = false;
    yield total;
  }
  for (const x of pyIter(iterable)) {
    total = first ? x : f(total, x);
    first = false;
    yield total;
  }
}

/** Python's `a + b` for the values accumulate sums: numbers (exact ints), strings, lists, tuples. */
function plus(a: unknown, b: unknown): unknown {
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    return typeof a === "number" && typeof b === "number" && !(Number.isInteger(a) && Number.isInteger(b)) ? a + b : add(a, b);
  }
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  throw new TypeError("unsupported operand type(s) for +");
}

export function zip_longest<T extends unknown[]>(...iterables: { [K in keyof T]: Iterable<T[K]> }): Generator<{ readonly [K in keyof T]: T[K] | null }>;
export function zip_longest<T extends unknown[], F>(
  ...args: [...iterables: { [K in keyof T]: Iterable<T[K]> }, opts: { fillvalue: F }]
): Generator<{ readonly [K in keyof T]: T[K] | F }>;
export function* zip_longest(...args: unknown[]): Generator<readonly unknown[]> {
  const fill = options<{ fillvalue: unknown }>(args).fillvalue ?? null;
  const its = args.map((a) => pyIter(a as Iter<unknown>)[Symbol.iterator]());
  let active = its.length;
  if (active === 0) return;
  for (;;) {
    const row = its.map((it, i) => {
      const r = it.next();
      if (!r.done) return r.value;
      if (its[i] !== EXHAUSTED) {
        its[i] = EXHAUSTED;
        active--;
      }
      return fill;
    });
    if (active === 0) return;
    yield asTuple(row);
  }
}

const EXHAUSTED: Iterator<unknown> = { next: () => ({ done: true, value: undefined }) };

/** `func` takes whatever each tuple holds; TS cannot relate a readonly tuple to a parameter list, so it is not checked. */
export function* starmap<R>(func: (...args: never) => R, iterable: Iterable<readonly unknown[]>): Generator<R> {
  const apply = func as (...args: readonly unknown[]) => R;
  for (const args of iterable) yield apply(...args);
}

export function* takewhile<T>(predicate: (x: T) => unknown, iterable: Iter<T>): Generator<T> {
  for (const x of pyIter(iterable)) {
    if (!truthy(predicate(x))) return;
    yield x;
  }
}

export function* dropwhile<T>(predicate: (x: T) => unknown, iterable: Iter<T>): Generator<T> {
  let dropping = true;
  for (const x of pyIter(iterable)) {
    if (dropping && truthy(predicate(x))) continue;
    dropping = false;
    yield x;
  }
}

export function* filterfalse<T>(predicate: ((x: T) => unknown) | null, iterable: Iter<T>): Generator<T> {
  for (const x of pyIter(iterable)) if (!truthy(predicate ? predicate(x) : x)) yield x;
}

export function* compress<T>(data: Iter<T>, selectors: Iter<unknown>): Generator<T> {
  const sel = pyIter(selectors)[Symbol.iterator]();
  for (const x of pyIter(data)) {
    const s = sel.next();
    if (s.done) return;
    if (truthy(s.value)) yield x;
  }
}

/** Overlapping pairs (a, b), (b, c), … (3.10+). */
export function* pairwise<T>(iterable: Iter<T>): Generator<readonly [T, T]> {
  let first = true;
  let prev!: T;
  for (const x of pyIter(iterable)) {
    if (!first) yield asTuple([prev, x]) as readonly [T, T];
    prev = x;
    first = false;
  }
}
