// functools → py2ts-mp/runtime/functools: reduce, partial, and the lru_cache/cache decorators.

import { T, iterElement, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const elt = (a: ArgTypes, p = "data") => iterElement(a.get(p) ?? T.unknown);
const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });

/** reduce's accumulator: the initial value, else the first element, joined with what the function returns. */
const accumulator = (a: ArgTypes): PyType => join(a.get("initial") ?? elt(a, "iterable"), a.returnOf("function") ?? T.never);

export const functools: ModuleTable = {
  python: "functools",
  runtime: "py2ts-mp/runtime/functools",
  names: {
    reduce: fn("reduce", ["function", "iterable", "initial"], accumulator, {
      flows: (a) => [["function", [accumulator(a), elt(a, "iterable")]]],
    }),
    // The result is called with the remaining arguments, whose types are not followed: only the fixed ones flow.
    partial: fn("partial", ["func", "*args", "**keywords"], () => T.unknown, {
      flows: (a) => {
        const fixed = a.get("args");
        return [["func", fixed?.k === "tuple" ? fixed.elts : []]];
      },
    }),
    // Applied to a pass-through decorator's wrapper as the decorator returns it (see emit/statements.ts).
    wraps: fn("wraps", ["wrapped"], () => T.unknown),
    // Decorators: the converter applies them (`const f = lruCache(function f(…) {…}, maxsize)`).
    lru_cache: fn("lruCache", ["maxsize", "typed"], () => T.unknown),
    cache: fn("lruCache", ["user_function"], () => T.unknown),
  },
  classes: {},
  members: {},
};
