// copy: shallow and deep copies of built-in containers and class instances, with CPython's rules (tuples and
// other immutables are shared, deepcopy keeps shared references and cycles via its memo, __copy__/__deepcopy__).

import { asTuple, isTuple } from "../builtins/tuple.js";

interface Copyable {
  __copy__?: () => unknown;
  __deepcopy__?: (memo: Map<unknown, unknown>) => unknown;
}

/** A new instance of the same class holding the same attributes (CPython's __reduce_ex__ path for objects). */
function copyInstance<T extends object>(x: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(x) as object) as T, x);
}

export function copy<T>(x: T): T {
  if (x === null || typeof x !== "object") return x;
  if (typeof (x as Copyable).__copy__ === "function") return (x as Copyable).__copy__!() as T;
  if (Array.isArray(x)) return (isTuple(x) ? x : (x as unknown[]).slice()) as T;
  if (x instanceof Map) return new Map(x) as T;
  if (x instanceof Set) return ((x as { frozen?: boolean }).frozen ? x : new Set(x)) as T;
  return copyInstance(x);
}

export function deepcopy<T>(x: T, memo: Map<unknown, unknown> = new Map()): T {
  if (x === null || typeof x !== "object") return x;
  if (memo.has(x)) return memo.get(x) as T;
  const copied = deepcopyNew(x, memo);
  memo.set(x, copied);
  return copied as T;
}

function deepcopyNew(x: object, memo: Map<unknown, unknown>): unknown {
  if (typeof (x as Copyable).__deepcopy__ === "function") return (x as Copyable).__deepcopy__!(memo);
  if (Array.isArray(x)) {
    const items = x as unknown[];
    if (isTuple(x)) {
      // A tuple whose items all copy to themselves is itself (CPython's _deepcopy_tuple).
      const copies = items.map((v) => deepcopy(v, memo));
      return copies.every((v, i) => v === items[i]) ? x : asTuple(copies);
    }
    const out: unknown[] = [];
    memo.set(x, out);
    for (const v of items) out.push(deepcopy(v, memo));
    return out;
  }
  if (x instanceof Map) {
    const out = new Map();
    memo.set(x, out);
    for (const [k, v] of x) out.set(deepcopy(k, memo), deepcopy(v, memo));
    return out;
  }
  if (x instanceof Set) {
    const items = [...x].map((v) => deepcopy(v, memo));
    return (x as { frozen?: boolean }).frozen ? x : new Set(items);
  }
  if (x instanceof Uint8Array) return x;
  const out = Object.create(Object.getPrototypeOf(x) as object) as Record<string, unknown>;
  memo.set(x, out);
  for (const [k, v] of Object.entries(x)) out[k] = deepcopy(v, memo);
  return out;
}
