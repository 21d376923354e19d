// functools: reduce, partial (which pickles, for Pool tasks), wraps, and the lru_cache/cache decorators.

import { TypeError } from "../builtins/exceptions.js";
import { pyIter } from "../builtins/functions.js";
import { Keywords } from "../builtins/format.js";
import { repr } from "../builtins/repr.js";
import { makePartial } from "../multiprocessing/call.js";

export function reduce<T, A = T>(func: (acc: A, x: T) => A, iterable: Iterable<T>, ...initial: [A] | []): A {
  const it = pyIter(iterable)[Symbol.iterator]();
  let acc: A;
  if (initial.length) acc = initial[0];
  else {
    const first = it.next();
    if (first.done) throw new TypeError("reduce() of empty iterable with no initial value");
    acc = first.value as unknown as A;
  }
  for (let r = it.next(); !r.done; r = it.next()) acc = func(acc, r.value);
  return acc;
}

/** partial(func, *args, **keywords): a function with the leading arguments (and keywords, a trailing Keywords) fixed. */
export function partial<A extends unknown[], B extends unknown[], R>(func: (...args: [...A, ...B]) => R, ...args: A): (...rest: B) => R;
export function partial<R>(func: (...args: never[]) => R, ...args: unknown[]): (...rest: unknown[]) => R;
export function partial(func: (...args: never[]) => unknown, ...args: unknown[]): (...rest: unknown[]) => unknown {
  const keywords = args.at(-1) instanceof Keywords ? (args.pop() as Keywords) : null;
  return makePartial(func as (...a: unknown[]) => unknown, args, keywords);
}

/** `functools.wraps(wrapped)(wrapper)`: the wrapper takes the wrapped function's name (`__name__`). */
export function wraps(wrapped: (...args: never[]) => unknown): <W extends (...args: never[]) => unknown>(wrapper: W) => W {
  return (wrapper) => Object.defineProperty(wrapper, "name", { value: wrapped.name });
}

/** What `@lru_cache` keys a call by: the argument itself when it is one primitive, else the arguments' reprs. */
function cacheKey(args: readonly unknown[]): unknown {
  if (args.length === 1 && (typeof args[0] !== "object" || args[0] === null)) return args[0];
  return args.map((a) => repr(a)).join("\0");
}

/**
 * `@functools.lru_cache(maxsize=…)` and `@functools.cache`: results kept by arguments, the least recently used
 * dropped beyond `maxsize` (None: unbounded). Workers find the wrapper by the name it is exported under.
 */
export function lruCache<F extends (...args: never[]) => unknown>(fn: F, maxsize: number | null = 128): F & { cache_clear(): void } {
  const cache = new Map<unknown, unknown>();
  const wrapper = (...args: Parameters<F>): ReturnType<F> => {
    const key = cacheKey(args);
    if (cache.has(key)) {
      const hit = cache.get(key);
      if (maxsize !== null) {
        cache.delete(key);
        cache.set(key, hit);
      }
      return hit as ReturnType<F>;
    }
    const value = fn(...args) as ReturnType<F>;
    if (maxsize === 0) return value;
    cache.set(key, value);
    if (maxsize !== null && cache.size > maxsize) cache.delete(cache.keys().next().value);
    return value;
  };
  return Object.assign(wrapper as unknown as F, { cache_clear: () => cache.clear() });
}
