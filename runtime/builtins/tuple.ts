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

/** A tuple of ints whose items are also named fields, printed as `name(field=value, …)` (time.struct_time,
 *  datetime.IsoCalendarDate). */
export function intFieldTuple(name: string, fields: readonly string[], values: readonly number[]): readonly number[] {
  const t = asTuple([...values]);
  fields.forEach((f, i) => Object.defineProperty(t, f, { value: values[i], enumerable: false }));
  Object.defineProperty(t, "__repr__", { value: () => `${name}(${fields.map((f, i) => `${f}=${values[i]}`).join(", ")})`, enumerable: false });
  return t;
}

/** The property of a namedtuple instance holding the type that made it (stdlib/collections.ts). */
export const NAMED_TUPLE_TYPE = Symbol.for("py2ts-mp.namedtuple");

/** The namedtuple type an instance was made by (pickling sends it by name and rebuilds it with `_make`). */
export function namedTupleTypeOf(x: unknown): { readonly name: string; _make(items: Iterable<unknown>): unknown } | undefined {
  return Array.isArray(x) ? (x as unknown as Record<symbol, ReturnType<typeof namedTupleTypeOf>>)[NAMED_TUPLE_TYPE] : undefined;
}
