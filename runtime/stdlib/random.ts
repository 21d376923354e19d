// random: CPython's Mersenne Twister (MT19937) with CPython's seeding, random(), getrandbits() and
// _randbelow(), so a script that seeds gets the numbers CPython gives it.

import crypto from "node:crypto";
import { IndexError, ValueError } from "../builtins/exceptions.js";
import { norm, type Int } from "../builtins/int.js";

const N = 624;
const M = 397;
const mt = new Uint32Array(N);
let mti = N + 1;

function initGenrand(s: number): void {
  mt[0] = s >>> 0;
  for (mti = 1; mti < N; mti++) {
    const prev = mt[mti - 1]! ^ (mt[mti - 1]! >>> 30);
    mt[mti] = (Math.imul(1812433253, prev) + mti) >>> 0;
  }
}

function initByArray(key: number[]): void {
  initGenrand(19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k; k--) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1]!;
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k; k--) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1]!;
      i = 1;
    }
  }
  mt[0] = 0x80000000;
}

function genrand(): number {
  if (mti >= N) {
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    mti = 0;
  }
  let y = mt[mti++]!;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

/** The second normal deviate of the last pair gauss() drew (seed() forgets it), as CPython keeps it. */
let gaussNext: number | null = null;

/** random.seed(a): an int seeds through its 32-bit chunks (abs value), as CPython's init_by_array. */
export function seed(a: Int | string | null = null): void {
  let v: bigint;
  if (a === null) v = BigInt(`0x${crypto.randomBytes(16).toString("hex")}`);
  else if (typeof a === "string") {
    // CPython (version 2 seeding): the string's SHA-512 appended to its bytes, as a big int.
    const bytes = Buffer.from(a, "utf8");
    const digest = crypto.createHash("sha512").update(bytes).digest();
    v = BigInt(`0x${Buffer.concat([bytes, digest]).toString("hex")}`);
  } else v = BigInt(a) < 0n ? -BigInt(a) : BigInt(a);
  const key: number[] = [];
  do {
    key.push(Number(v & 0xffffffffn));
    v >>= 32n;
  } while (v > 0n);
  initByArray(key);
  gaussNext = null;
}

seed();

export function random(): number {
  const a = genrand() >>> 5;
  const b = genrand() >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

export function getrandbits(k: number): Int {
  if (k < 0) throw new ValueError("number of bits must be non-negative");
  if (k <= 32) return genrand() >>> (32 - k);
  let r = 0n;
  let shift = 0n;
  for (let left = k; left > 0; left -= 32) {
    let w = genrand();
    if (left < 32) w >>>= 32 - left;
    r |= BigInt(w) << shift;
    shift += 32n;
  }
  return norm(r);
}


/** CPython's _randbelow_with_getrandbits. */
function randbelow(n: number): number {
  const k = n.toString(2).length;
  let r = Number(getrandbits(k));
  while (r >= n) r = Number(getrandbits(k));
  return r;
}

export function randrange(start: number, stop: number | null = null, step = 1): number {
  if (stop === null) {
    if (start <= 0) throw new ValueError("empty range for randrange()");
    return randbelow(start);
  }
  const width = stop - start;
  if (step === 1) {
    if (width <= 0) throw new ValueError(`empty range for randrange() (${start}, ${stop}, ${width})`);
    return start + randbelow(width);
  }
  const n = step > 0 ? Math.floor((width + step - 1) / step) : Math.floor((width + step + 1) / step);
  if (n <= 0) throw new ValueError("empty range for randrange()");
  return start + step * randbelow(n);
}

export function randint(a: number, b: number): number {
  return randrange(a, b + 1);
}

export function choice<T>(seq: readonly T[] | string): T {
  if (seq.length === 0) throw new IndexError("Cannot choose from an empty sequence");
  return seq[randbelow(seq.length)] as T;
}

export function shuffle<T>(x: T[]): void {
  for (let i = x.length - 1; i > 0; i--) {
    const j = randbelow(i + 1);
    [x[i], x[j]] = [x[j]!, x[i]!];
  }
}

/** random.gauss(mu, sigma): CPython's Box-Muller pair, one value now and the other on the next call. */
export function gauss(mu = 0, sigma = 1): number {
  let z = gaussNext;
  gaussNext = null;
  if (z === null) {
    const x2pi = random() * 2 * Math.PI;
    const g2rad = Math.sqrt(-2 * Math.log(1 - random()));
    z = Math.cos(x2pi) * g2rad;
    gaussNext = Math.sin(x2pi) * g2rad;
  }
  return mu + z * sigma;
}

export function uniform(a: number, b: number): number {
  return a + (b - a) * random();
}

/** CPython's sample: pool-based for small k relative to n, set-based otherwise. */
export function sample<T>(population: Iterable<T>, k: number): T[] {
  const pool = [...population];
  const n = pool.length;
  if (k < 0 || k > n) throw new ValueError("Sample larger than population or is negative");
  const result: T[] = new Array(k);
  let setsize = 21;
  if (k > 5) setsize += 4 ** Math.ceil(Math.log(3 * k) / Math.log(4));
  if (n <= setsize) {
    for (let i = 0; i < k; i++) {
      const j = randbelow(n - i);
      result[i] = pool[j]!;
      pool[j] = pool[n - i - 1]!;
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = randbelow(n);
      while (selected.has(j)) j = randbelow(n);
      selected.add(j);
      result[i] = pool[j]!;
    }
  }
  return result;
}

