// hash(x) as CPython 3.11 computes it for ints, floats, bools and tuples of those (so a script that prints
// a hash, or derives a bucket from one, sees CPython's number), a user object's __hash__, and an
// identity-based value for other objects. CPython randomizes str and bytes hashes per process
// (PYTHONHASHSEED), so no fixed value is "the" hash of a string: a deterministic one stands in.

import { TypeError } from "./exceptions.js";
import { typeName } from "./int.js";
import { isTuple } from "./tuple.js";

const BITS = 61n;
const MODULUS = (1n << BITS) - 1n;
const U64 = (1n << 64n) - 1n;
const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

export function hash(x: unknown): number | bigint {
  return narrow(hashBig(x));
}

function narrow(h: bigint): number | bigint {
  return h >= BigInt(Number.MIN_SAFE_INTEGER) && h <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(h) : h;
}

function hashBig(x: unknown): bigint {
  if (x === null || x === undefined) return identityHash(NONE);
  if (typeof x === "boolean") return x ? 1n : 0n;
  if (typeof x === "bigint") return intHash(x);
  if (typeof x === "number") return Number.isInteger(x) ? intHash(BigInt(x)) : floatHash(x);
  if (typeof x === "string") return stringHash(x);
  if (isTuple(x)) return tupleHash(x);
  if (Array.isArray(x) || x instanceof Map || x instanceof Set) throw new TypeError(`unhashable type: '${typeName(x)}'`);
  const o = x as { __hash__?: () => number | bigint; __eq__?: unknown };
  if (typeof o.__hash__ === "function") return BigInt(o.__hash__());
  // A class that defines __eq__ without __hash__ has instances Python refuses to hash.
  if (typeof o.__eq__ === "function") throw new TypeError(`unhashable type: '${typeName(x)}'`);
  return identityHash(x as object);
}

/** An int's hash: its value modulo 2**61 - 1, with the sign kept (-1 is reserved for errors: it becomes -2). */
function intHash(n: bigint): bigint {
  const h = n < 0n ? -(-n % MODULUS) : n % MODULUS;
  return h === -1n ? -2n : h;
}

/** CPython's _Py_HashDouble: the float's exact rational value reduced modulo 2**61 - 1. */
function floatHash(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (!Number.isFinite(x)) return x > 0 ? 314159n : -314159n;
  const sign = x < 0 ? -1n : 1n;
  let [m, e] = frexp(Math.abs(x));
  let h = 0n;
  while (m) {
    h = ((h << 28n) & MODULUS) | (h >> (BITS - 28n));
    m *= 268435456.0;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    h += BigInt(y);
    if (h >= MODULUS) h -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61));
  h = ((h << shift) & MODULUS) | (h >> (BITS - shift));
  h *= sign;
  return h === -1n ? -2n : h;
}

/** x = m * 2**e with 0.5 <= m < 1 (x > 0). */
function frexp(x: number): [number, number] {
  let e = Math.max(-1073, Math.floor(Math.log2(x)) + 1);
  let m = x * 2 ** -e;
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  while (m >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

/** CPython's tuple hash (xxHash-based, since 3.8) over the items' hashes. */
function tupleHash(items: readonly unknown[]): bigint {
  let acc = XXPRIME_5;
  for (const item of items) {
    const lane = BigInt.asUintN(64, hashBig(item));
    acc = (acc + lane * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64;
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(items.length) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  if (acc === U64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** FNV-1a over the UTF-16 code units, as a signed 64-bit value: stable within a run, as Python's is. */
function stringHash(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & U64;
  const signed = BigInt.asIntN(64, h);
  return signed === -1n ? -2n : signed;
}

const identities = new WeakMap<object, bigint>();
/** None's identity (in CPython 3.11 its hash derives from its address). */
const NONE = {};
let nextIdentity = 1n;

/** Objects without __hash__ hash by identity: a number fixed per object (CPython derives it from the address). */
function identityHash(o: object): bigint {
  let h = identities.get(o);
  if (h === undefined) identities.set(o, (h = nextIdentity++ * 16n));
  return h;
}
