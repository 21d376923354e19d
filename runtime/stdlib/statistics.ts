// statistics: CPython's exact algorithms. Sums and squared deviations are computed in exact rationals (as
// CPython's Fraction-based _sum/_ss do) and rounded once, so mean/variance/stdev give CPython's floats.

import { registerException, ValueError } from "../builtins/exceptions.js";
import { eq, pyIter, sorted } from "../builtins/functions.js";
import { fsum } from "./math.js";

export class StatisticsError extends ValueError {}
registerException(StatisticsError);

/** An exact rational n/d with d > 0 (not reduced: only ever rounded to a float). */
interface Ratio {
  n: bigint;
  d: bigint;
}

/** A float's exact value m·2^e as a ratio (CPython's float.as_integer_ratio). */
function exact(x: number): Ratio {
  if (!Number.isFinite(x)) throw new ValueError(`cannot convert ${x} to an exact ratio`);
  if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    e++;
  }
  return { n: BigInt(x), d: 1n << BigInt(e) };
}

const addR = (a: Ratio, b: Ratio): Ratio => (a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const bitLength = (x: bigint) => (x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length);

/** n/d correctly rounded to the nearest float, as Python's int / int. */
function toFloat({ n, d }: Ratio): number {
  const neg = n < 0n;
  if (neg) n = -n;
  // Keep 55 significant bits of the quotient and fold the remainder into the last bit (round-to-odd), so the
  // one rounding Number() does is the correct one.
  const shift = bitLength(n) - bitLength(d) - 55;
  const [num, den] = shift >= 0 ? [n, d << BigInt(shift)] : [n << BigInt(-shift), d];
  let q = num / den;
  if (q * den !== num) q |= 1n;
  const x = Number(q) * 2 ** shift;
  return neg ? -x : x;
}

function values(data: Iterable<number | bigint>): number[] {
  return [...pyIter(data)].map(Number);
}

function exactSum(xs: readonly number[]): Ratio {
  return xs.map(exact).reduce(addR, { n: 0n, d: 1n });
}

export function mean(data: Iterable<number>): number {
  const xs = values(data);
  if (xs.length < 1) throw new StatisticsError("mean requires at least one data point");
  const total = exactSum(xs);
  return toFloat({ n: total.n, d: total.d * BigInt(xs.length) });
}

export function fmean(data: Iterable<number>): number {
  const xs = values(data);
  if (xs.length < 1) throw new StatisticsError("fmean requires at least one data point");
  return fsum(xs) / xs.length;
}

export function median(data: Iterable<number>): number {
  const xs = sorted(values(data));
  const n = xs.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  if (n % 2 === 1) return xs[n >> 1]!;
  return (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
}

export function median_low<T>(data: Iterable<T>): T {
  const xs = sorted(pyIter(data));
  if (xs.length === 0) throw new StatisticsError("no median for empty data");
  return xs[xs.length % 2 === 1 ? xs.length >> 1 : xs.length / 2 - 1]!;
}

export function median_high<T>(data: Iterable<T>): T {
  const xs = sorted(pyIter(data));
  if (xs.length === 0) throw new StatisticsError("no median for empty data");
  return xs[xs.length >> 1]!;
}

/** Counts in first-seen order, as CPython's Counter(data) does. */
function counts<T>(data: Iterable<T>): [T, number][] {
  const out: [T, number][] = [];
  for (const x of pyIter(data)) {
    const entry = out.find(([k]) => eq(k, x));
    if (entry) entry[1]++;
    else out.push([x, 1]);
  }
  return out;
}

/** The most common value; on a tie the first one met (CPython 3.8+). */
export function mode<T>(data: Iterable<T>): T {
  const c = counts(data);
  if (c.length === 0) throw new StatisticsError("no mode for empty data");
  return c.reduce((best, e) => (e[1] > best[1] ? e : best))[0];
}

export function multimode<T>(data: Iterable<T>): T[] {
  const c = counts(data);
  const top = Math.max(0, ...c.map(([, n]) => n));
  return c.filter(([, n]) => n === top).map(([k]) => k);
}

/** CPython's _ss: the exact sum of squared deviations from the mean, or from a given centre (in floats). */
function squaredDeviations(xs: readonly number[], centre: number | null): Ratio {
  if (centre !== null) return exactSum(xs.map((x) => (x - centre) * (x - centre)));
  const n = BigInt(xs.length);
  if (n === 0n) return { n: 0n, d: 1n };
  const sx = exactSum(xs);
  const sxx = xs.map(exact).map((r) => ({ n: r.n * r.n, d: r.d * r.d })).reduce(addR, { n: 0n, d: 1n });
  // (count·sxx − sx²) / count over a common denominator.
  const num = n * sxx.n * sx.d * sx.d - sx.n * sx.n * sxx.d;
  return { n: num, d: sxx.d * sx.d * sx.d * n };
}

const over = (r: Ratio, k: number): Ratio => ({ n: r.n, d: r.d * BigInt(k) });

export function variance(data: Iterable<number>, xbar: number | null = null): number {
  const xs = values(data);
  if (xs.length < 2) throw new StatisticsError("variance requires at least two data points");
  return toFloat(over(squaredDeviations(xs, xbar), xs.length - 1));
}

export function pvariance(data: Iterable<number>, mu: number | null = null): number {
  const xs = values(data);
  if (xs.length < 1) throw new StatisticsError("pvariance requires at least one data point");
  return toFloat(over(squaredDeviations(xs, mu), xs.length));
}

/** CPython's _float_sqrt_of_frac: √(n/m) correctly rounded, via an integer square root rounded to odd. */
function sqrtOfRatio({ n, d }: Ratio): number {
  const q = Math.floor((bitLength(n) - bitLength(d) - 109) / 2);
  const rto = (a: bigint, b: bigint) => {
    const r = isqrt(a / b);
    return r * r * b !== a ? r | 1n : r;
  };
  if (q >= 0) return toFloat({ n: rto(n, d << BigInt(2 * q)) << BigInt(q), d: 1n });
  return toFloat({ n: rto(n << BigInt(-2 * q), d), d: 1n << BigInt(-q) });
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  // Newton steps for values beyond double precision.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  return x;
}

export function stdev(data: Iterable<number>, xbar: number | null = null): number {
  const xs = values(data);
  if (xs.length < 2) throw new StatisticsError("stdev requires at least two data points");
  return sqrtOfRatio(over(squaredDeviations(xs, xbar), xs.length - 1));
}

export function pstdev(data: Iterable<number>, mu: number | null = null): number {
  const xs = values(data);
  if (xs.length < 1) throw new StatisticsError("pstdev requires at least one data point");
  return sqrtOfRatio(over(squaredDeviations(xs, mu), xs.length));
}
