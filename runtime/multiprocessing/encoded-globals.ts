// The encoded bytes of large immutable module globals, kept between worker starts. A forked child must
// see each global as it is at its start, so a global is normally serialized at every start (about 0.7 s
// per 100 MB); a value that cannot change (a str, a tuple of immutables) and that the global still holds
// is sent again as the same shared memory, without encoding or copying it again.

import { isTuple } from "../builtins/tuple.js";
import { encodeShared, type Encoded } from "./serialize.js";

/** Below these sizes encoding is cheaper than the immutability check and the bookkeeping. */
const MIN_STR_LENGTH = 1 << 16;
const MIN_TUPLE_LENGTH = 1 << 12;

/** By "module.name": the value the global held when it was encoded, and its encoding. */
const cache = new Map<string, { readonly value: unknown; readonly encoded: Encoded }>();

/** Values that no code can change: primitives, and tuples and frozensets made of them only. */
function immutable(x: unknown): boolean {
  if (x === null || typeof x !== "object") return typeof x !== "function";
  if (isTuple(x)) return x.every(immutable);
  if (x instanceof Set && (x as { frozen?: boolean }).frozen) return [...x].every(immutable);
  return false;
}

function worthCaching(x: unknown): boolean {
  if (typeof x === "string") return x.length >= MIN_STR_LENGTH;
  return isTuple(x) && x.length >= MIN_TUPLE_LENGTH && immutable(x);
}

/**
 * The module's globals as they should be sent to a starting worker: large immutable values replaced by
 * their cached encoding (encoded now when the global was rebound since), the others as they are.
 */
export function withCachedEncodings(module: string, globals: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(globals)) {
    const key = `${module}.${name}`;
    if (!worthCaching(value)) {
      cache.delete(key);
      out[name] = value;
      continue;
    }
    // `===` on a string is a pointer comparison first; a rebound but equal string compares equal and
    // encodes the same. A tuple is compared by identity: its items cannot change (immutable above).
    const hit = cache.get(key);
    const encoded = hit && hit.value === value ? hit.encoded : encodeShared(value);
    cache.set(key, { value, encoded });
    out[name] = encoded;
  }
  return out;
}
