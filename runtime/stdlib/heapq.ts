// heapq: CPython's binary min-heap on a list (the same sift steps, so a printed heap matches), ordered by
// Python's comparison (tuples element-wise), plus nlargest/nsmallest.

import { IndexError } from "../builtins/exceptions.js";
import { compare, pyIter, sorted } from "../builtins/functions.js";

const lt = (a: unknown, b: unknown) => compare(a, b) < 0;

/** CPython's _siftdown: move the item at `pos` up towards `start` while it is smaller than its parent. */
function siftDown<T>(heap: T[], start: number, pos: number): void {
  const item = heap[pos]!;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos]!;
    if (!lt(item, parent)) break;
    heap[pos] = parent;
    pos = parentPos;
  }
  heap[pos] = item;
}

/** CPython's _siftup: bubble the smaller child up to the leaf, then sift the item down into place. */
function siftUp<T>(heap: T[], pos: number): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos]!;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !lt(heap[child], heap[right])) child = right;
    heap[pos] = heap[child]!;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos);
}

export function heappush<T>(heap: T[], item: T): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1);
}

export function heappop<T>(heap: T[]): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const last = heap.pop()!;
  if (heap.length === 0) return last;
  const top = heap[0]!;
  heap[0] = last;
  siftUp(heap, 0);
  return top;
}

export function heapreplace<T>(heap: T[], item: T): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const top = heap[0]!;
  heap[0] = item;
  siftUp(heap, 0);
  return top;
}

export function heappushpop<T>(heap: T[], item: T): T {
  if (heap.length > 0 && lt(heap[0], item)) {
    [item, heap[0]] = [heap[0]!, item];
    siftUp(heap, 0);
  }
  return item;
}

export function heapify(x: unknown[]): void {
  for (let i = (x.length >> 1) - 1; i >= 0; i--) siftUp(x, i);
}

type Key<T> = ((x: T) => unknown) | null;

/** CPython documents both as equivalent to sorted(...)[:n], ties kept in input order. A dict gives its keys. */
export function nlargest<K>(n: number, iterable: Map<K, unknown>, key?: Key<K>): K[];
export function nlargest<T>(n: number, iterable: Iterable<T>, key?: Key<T>): T[];
export function nlargest<T>(n: number, iterable: Iterable<T>, key: Key<T> = null): T[] {
  return n <= 0 ? [] : sorted(pyIter(iterable), { key, reverse: true }).slice(0, n);
}

export function nsmallest<K>(n: number, iterable: Map<K, unknown>, key?: Key<K>): K[];
export function nsmallest<T>(n: number, iterable: Iterable<T>, key?: Key<T>): T[];
export function nsmallest<T>(n: number, iterable: Iterable<T>, key: Key<T> = null): T[] {
  return n <= 0 ? [] : sorted(pyIter(iterable), { key }).slice(0, n);
}
