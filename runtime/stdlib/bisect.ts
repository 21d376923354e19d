// bisect: binary search and insertion into a sorted list with Python's ordering (CPython's loops, so equal
// elements land where CPython puts them), key= as in 3.10+.

import { ValueError } from "../builtins/exceptions.js";
import { compare } from "../builtins/functions.js";

/** lo, hi and key= arrive together as keyword-style options. */
export interface Options<T> {
  lo?: number;
  hi?: number | null;
  key?: ((x: T) => unknown) | null;
}

function bounds(a: readonly unknown[], opts: Options<never>): [number, number] {
  const lo = opts.lo ?? 0;
  if (lo < 0) throw new ValueError("lo must be non-negative");
  return [lo, opts.hi ?? a.length];
}

export function bisect_right<T>(a: readonly T[], x: unknown, opts: Options<T> = {}): number {
  let [lo, end] = bounds(a, opts);
  const key = opts.key ?? ((v: T) => v);
  while (lo < end) {
    const mid = (lo + end) >> 1;
    if (compare(x, key(a[mid]!)) < 0) end = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function bisect_left<T>(a: readonly T[], x: unknown, opts: Options<T> = {}): number {
  let [lo, end] = bounds(a, opts);
  const key = opts.key ?? ((v: T) => v);
  while (lo < end) {
    const mid = (lo + end) >> 1;
    if (compare(key(a[mid]!), x) < 0) lo = mid + 1;
    else end = mid;
  }
  return lo;
}

/** insort compares the key of the new item (CPython: bisect on key(x), insert x). */
export function insort_right<T>(a: T[], x: T, opts: Options<T> = {}): void {
  a.splice(bisect_right(a, opts.key ? opts.key(x) : x, opts), 0, x);
}

export function insort_left<T>(a: T[], x: T, opts: Options<T> = {}): void {
  a.splice(bisect_left(a, opts.key ? opts.key(x) : x, opts), 0, x);
}

export { bisect_right as bisect, insort_right as insort };
