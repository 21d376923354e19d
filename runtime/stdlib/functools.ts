// functools: reduce and partial (positional arguments; keyword arguments are rejected by the converter, as JS
// functions have none). Decorators (lru_cache, wraps) need decorator support and are not here.

import { TypeError } from "../builtins/exceptions.js";
import { pyIter } from "../builtins/functions.js";

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

/** partial(func, *args): a function with the leading arguments fixed. */
export function partial<A extends unknown[], B extends unknown[], R>(func: (...args: [...A, ...B]) => R, ...args: A): (...rest: B) => R {
  return (...rest: B) => func(...args, ...rest);
}
