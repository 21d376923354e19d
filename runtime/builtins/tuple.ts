// Python tuples are JS arrays tagged as tuples, so printing and pickling tell them from lists.

const TUPLE = Symbol.for("py2ts-mp.tuple");

export function tuple<T extends unknown[]>(...items: T): Readonly<T> {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

/** Tag an existing array as a tuple (used when values cross between workers). */
export function asTuple<T extends unknown[]>(items: T): Readonly<T> {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

export function isTuple(x: unknown): x is readonly unknown[] {
  return Array.isArray(x) && (x as unknown as Record<symbol, boolean>)[TUPLE] === true;
}
