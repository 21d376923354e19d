// math: floats through JS's Math (IEEE doubles, as C's libm), exact integer functions, Python's errors.

import { ValueError } from "../builtins/exceptions.js";
import { norm, type Int } from "../builtins/int.js";

const domain = () => new ValueError("math domain error");

export const pi = Math.PI;
export const e = Math.E;
export const inf = Infinity;
export const nan = NaN;
export const tau = 2 * Math.PI;

export function sqrt(x: number | bigint): number {
  const v = Number(x);
  if (v < 0) throw domain();
  return Math.sqrt(v);
}
export function log(x: number | bigint, base?: number): number {
  const v = Number(x);
  if (v <= 0) throw domain();
  return base === undefined ? Math.log(v) : Math.log(v) / Math.log(base);
}
export const log2 = (x: number) => (x <= 0 ? (() => { throw domain(); })() : Math.log2(x));
export const log10 = (x: number) => (x <= 0 ? (() => { throw domain(); })() : Math.log10(x));
export const exp = Math.exp;
export const sin = Math.sin;
export const cos = Math.cos;
export const tan = Math.tan;
export const atan = Math.atan;
export const atan2 = Math.atan2;
export const fabs = Math.abs;
export const hypot = (...xs: number[]) => Math.hypot(...xs);
export const pow = (x: number, y: number) => Math.pow(x, y);
export const isnan = Number.isNaN;
export const isinf = (x: number) => x === Infinity || x === -Infinity;

/** CPython's isclose: within rel_tol of the larger magnitude or within abs_tol; infinities only equal. */
export function isclose(a: number | bigint, b: number | bigint, opts: { rel_tol?: number; abs_tol?: number } = {}): boolean {
  const [x, y] = [Number(a), Number(b)];
  const rel = opts.rel_tol ?? 1e-9;
  const abs = opts.abs_tol ?? 0;
  if (rel < 0 || abs < 0) throw new ValueError("tolerances must be non-negative");
  if (x === y) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  const diff = Math.abs(y - x);
  return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
}
export const fsum = (xs: Iterable<number>) => {
  // Neumaier summation: exact enough to match CPython's fsum for ordinary inputs.
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
};

export function floor(x: number | bigint): Int {
  if (typeof x === "bigint") return x;
  const f = Math.floor(x);
  return Number.isSafeInteger(f) ? f : norm(BigInt(f));
}

export function ceil(x: number | bigint): Int {
  if (typeof x === "bigint") return x;
  const c = Math.ceil(x);
  return Number.isSafeInteger(c) ? c : norm(BigInt(c));
}

export function factorial(n: Int): Int {
  if (Number(n) < 0) throw new ValueError("factorial() not defined for negative values");
  let r = 1n;
  for (let i = 2n; i <= BigInt(n); i++) r *= i;
  return norm(r);
}

export function gcd(...xs: Int[]): Int {
  let g = 0n;
  for (const x of xs) {
    let a = BigInt(x) < 0n ? -BigInt(x) : BigInt(x);
    let b = g;
    while (b) [a, b] = [b, a % b];
    g = a;
  }
  return norm(g);
}

export function isqrt(n: Int): Int {
  const v = BigInt(n);
  if (v < 0n) throw new ValueError("isqrt() argument must be nonnegative");
  if (v < 2n) return norm(v);
  let x = BigInt(Math.floor(Math.sqrt(Number(v))));
  while (x * x > v) x--;
  while ((x + 1n) * (x + 1n) <= v) x++;
  return norm(x);
}

export function comb(n: Int, k: Int): Int {
  const N = BigInt(n);
  let K = BigInt(k);
  if (K < 0n || N < 0n) throw new ValueError("n must be a non-negative integer");
  if (K > N) return 0;
  if (K > N - K) K = N - K;
  let r = 1n;
  for (let i = 1n; i <= K; i++) r = (r * (N - K + i)) / i;
  return norm(r);
}

export function perm(n: Int, k: Int): Int {
  const N = BigInt(n);
  const K = BigInt(k);
  if (K > N) return 0;
  let r = 1n;
  for (let i = 0n; i < K; i++) r *= N - i;
  return norm(r);
}
