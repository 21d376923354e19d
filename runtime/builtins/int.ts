// Exact Python ints: a safe integer is a JS number, anything beyond ±(2^53-1) a bigint, always normalized
// so that === and < work natively. The converter uses these helpers only where it cannot prove an
// expression stays safe; each has a number fast path.

import { OverflowError, TypeError, ValueError, ZeroDivisionError } from "./exceptions.js";
import { asFloat } from "./float.js";

export type Int = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const MAXn = BigInt(MAX);
const TWO_52 = 2 ** 52;

/** A bigint back to a number when it fits. */
export function norm(x: bigint): Int {
  return x <= MAXn && x >= -MAXn ? Number(x) : x;
}

const big = (x: Int): bigint => (typeof x === "bigint" ? x : BigInt(x));

export function add(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return norm(big(a) + big(b));
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return norm(big(a) - big(b));
}

export function mul(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return norm(big(a) * big(b));
}

export function neg(a: Int): Int {
  return typeof a === "number" ? -a : norm(-a);
}

export function abs_(a: Int): Int {
  return typeof a === "number" ? Math.abs(a) : norm(a < 0n ? -a : a);
}

/** Python's // on ints: floor division. */
export function floordiv(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw new ZeroDivisionError("integer division or modulo by zero");
    return Math.floor(a / b);
  }
  const x = big(a);
  const y = big(b);
  if (y === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  const q = x / y;
  return norm((x % y !== 0n) && ((x < 0n) !== (y < 0n)) ? q - 1n : q);
}

/** Python's % on ints and floats: the result has the sign of the divisor. */
export function mod(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw new ZeroDivisionError("integer modulo by zero");
    if ((a | 0) !== a || (b | 0) !== b) {
      // Past int32, % on doubles is a call to fmod, several times slower than this. For safe ints the
      // quotient's floor is exact (its rounding error is below 1/|b|, the least distance from a/b to an
      // integer it is not), and within 2**52 the product and the difference are exact too.
      if (Math.abs(a) <= TWO_52 && Math.abs(b) <= TWO_52) return a - Math.floor(a / b) * b;
    }
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  }
  const x = big(a);
  const y = big(b);
  if (y === 0n) throw new ZeroDivisionError("integer modulo by zero");
  const r = x % y;
  return norm(r !== 0n && r < 0n !== y < 0n ? r + y : r);
}

/** Python's / : always a float. */
export function truediv(a: Int, b: Int): number {
  if (b === 0 || b === 0n) throw new ZeroDivisionError("division by zero");
  if (typeof a === "number" && typeof b === "number") return a / b;
  return Number(big(a)) / Number(big(b));
}

/** Python's ** (and pow(a, b, m)); a negative exponent gives a float. */
export function pow(a: Int, b: Int, m?: Int): Int {
  if (m !== undefined) {
    let base = big(a);
    let e = big(b);
    const mm = big(m);
    if (mm === 0n) throw new ValueError("pow() 3rd argument cannot be 0");
    if (e < 0n) throw new ValueError("base is not invertible for the given modulus");
    let r = 1n;
    base = ((base % mm) + mm) % mm;
    while (e > 0n) {
      if (e & 1n) r = (r * base) % mm;
      base = (base * base) % mm;
      e >>= 1n;
    }
    return mod(norm(r), m);
  }
  if (typeof a === "number" && typeof b === "number") {
    if (b < 0) {
      if (a === 0) throw new ZeroDivisionError("0.0 cannot be raised to a negative power");
      return a ** b;
    }
    const r = b === 2 ? a * a : b === 3 ? a * a * a : a ** b;
    if (!Number.isInteger(a) || !Number.isInteger(b)) return r;
    // An exact int power: a safe result stays a number; a larger one is computed exactly (and is a bigint).
    if (r <= MAX && r >= -MAX) return r;
    // Small exponents multiply directly: V8's generic BigInt ** is several times slower for them.
    const x = BigInt(a);
    return b === 2 ? x * x : b === 3 ? x * x * x : x ** BigInt(b);
  }
  if (big(b) < 0n) return Number(big(a)) ** Number(big(b));
  return norm(big(a) ** big(b));
}

export function divmod(a: Int, b: Int): readonly [Int, Int] {
  const t = [floordiv(a, b), mod(a, b)] as const;
  (t as unknown as Record<symbol, boolean>)[Symbol.for("py2ts-mp.tuple")] = true;
  return t;
}

const bitwise = (a: Int, b: Int, op: (x: bigint, y: bigint) => bigint, fast: (x: number, y: number) => number): Int => {
  if (typeof a === "number" && typeof b === "number" && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return fast(a, b);
  return norm(op(big(a), big(b)));
};

export const bitand = (a: Int, b: Int): Int => bitwise(a, b, (x, y) => x & y, (x, y) => x & y);
export const bitor = (a: Int, b: Int): Int => bitwise(a, b, (x, y) => x | y, (x, y) => x | y);
export const bitxor = (a: Int, b: Int): Int => bitwise(a, b, (x, y) => x ^ y, (x, y) => x ^ y);

export function lshift(a: Int, b: Int): Int {
  if (big(b) < 0n) throw new ValueError("negative shift count");
  return norm(big(a) << big(b));
}

export function rshift(a: Int, b: Int): Int {
  if (big(b) < 0n) throw new ValueError("negative shift count");
  return norm(big(a) >> big(b));
}

/** int.bit_length(): the number of bits of |a|. */
export function bitLength(a: Int): number {
  return a === 0 || a === 0n ? 0 : (a < 0 ? -BigInt(a) : BigInt(a)).toString(2).length;
}

export function invert(a: Int): Int {
  return typeof a === "number" ? -a - 1 : norm(~a);
}

/** int(x) and int(s, base), with CPython's errors. */
export function int_(x: unknown = 0, base?: number): Int {
  if (x instanceof Number) x = x.valueOf();
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new (Number.isNaN(x) ? ValueError : OverflowError)(Number.isNaN(x) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
    const t = Math.trunc(x);
    return Number.isSafeInteger(t) ? t : norm(BigInt(t));
  }
  if (typeof x === "bigint") return norm(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string") {
    const b = base ?? 10;
    const text = x.trim().replace(/_/g, "");
    const re = b === 10 ? /^[+-]?\d+$/ : b === 16 ? /^[+-]?(0[xX])?[0-9a-fA-F]+$/ : b === 8 ? /^[+-]?(0[oO])?[0-7]+$/ : b === 2 ? /^[+-]?(0[bB])?[01]+$/ : /^[+-]?[0-9a-zA-Z]+$/;
    if (!re.test(text)) throw new ValueError(`invalid literal for int() with base ${b}: ${reprString(x)}`);
    const negative = text.startsWith("-");
    const digits = text.replace(/^[+-]/, "").replace(/^0[xXoObB]/, "");
    let r = 0n;
    for (const ch of digits.toLowerCase()) {
      const d = parseInt(ch, 36);
      if (d >= b) throw new ValueError(`invalid literal for int() with base ${b}: ${reprString(x)}`);
      r = r * BigInt(b) + BigInt(d);
    }
    return norm(negative ? -r : r);
  }
  const o = x as { __int__?: () => Int };
  if (o && typeof o.__int__ === "function") return o.__int__();
  throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

/** float(x) */
export function float_(x: unknown = 0): number {
  if (x instanceof Number) return x.valueOf();
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string") {
    const t = x.trim().toLowerCase().replace(/_/g, "");
    if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(t)) return NaN;
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return Number(t);
    throw new ValueError(`could not convert string to float: ${reprString(x)}`);
  }
  throw new TypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

/** round(x[, ndigits]): banker's rounding, as CPython. */
export function round_(x: number | bigint, ndigits?: number | null): Int {
  // An int-or-float value's float (float.ts) rounds to a float that stays boxed.
  if ((x as unknown) instanceof Number && ndigits !== undefined && ndigits !== null) return asFloat(round_(unbox(x), ndigits) as number);
  x = unbox(x);
  if (typeof x === "bigint") return ndigits === undefined || ndigits === null || ndigits >= 0 ? x : roundBig(x, BigInt(10) ** BigInt(-ndigits));
  if (ndigits === undefined || ndigits === null) {
    const r = halfEven(x);
    return Number.isSafeInteger(r) ? r : norm(BigInt(r));
  }
  // An int rounded to tens, hundreds, ...: exactly, half to even.
  if (Number.isInteger(x) && ndigits < 0) return roundBig(BigInt(x), BigInt(10) ** BigInt(-ndigits));
  if (ndigits >= 0) return roundDecimal(x, ndigits);
  const m = 10 ** -ndigits;
  return halfEven(x / m) * m;
}

/** CPython's round(x, n): the double's exact decimal value rounded half to even at n digits. */
function roundDecimal(x: number, n: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(x) || a >= 1e21 || n >= 99) return x;
  const r = Number(toFixedHalfEven(a, n));
  return x < 0 ? -r : r;
}

/**
 * `a.toFixed(n)` (a >= 0, below 1e21) rounding an exact tie half to even, as CPython's %f and round() do.
 * toFixed works on the double's exact decimal value (exact to 100 digits) but takes the larger on a tie.
 */
export function toFixedHalfEven(a: number, n: number): string {
  const rounded = a.toFixed(n);
  if (n >= 99) return rounded;
  const exact = a.toFixed(100);
  const point = exact.indexOf(".");
  if (!/^50*$/.test(exact.slice(point + 1 + n))) return rounded;
  const kept = exact.slice(0, n === 0 ? point : point + 1 + n);
  return Number(kept.at(-1)) % 2 === 0 ? kept : rounded;
}

function halfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
}

/** x rounded to a multiple of m, half to even. */
function roundBig(x: bigint, m: bigint): Int {
  let q = x / m;
  let r = x % m;
  if (r < 0n) {
    q -= 1n;
    r += m;
  }
  const twice = 2n * r;
  if (twice > m || (twice === m && q % 2n !== 0n)) q += 1n;
  return norm(q * m);
}

/** A boxed float (float.ts) as its number; any other value as it is. */
export function unbox<T>(x: T): T {
  return (x as unknown) instanceof Number ? (Number(x) as T) : x;
}

function reprString(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function typeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "number") return Number.isInteger(x) ? "int" : "float";
  if (x instanceof Number) return "float";
  if (typeof x === "bigint") return "int";
  if (typeof x === "string") return "str";
  if (Array.isArray(x)) return (x as unknown as Record<symbol, boolean>)[Symbol.for("py2ts-mp.tuple")] ? "tuple" : "list";
  if (x instanceof Map) return "dict";
  if (x instanceof Set) return "set";
  if (x instanceof Uint8Array) return "bytes";
  if (typeof x === "function") return "function";
  return (x as object).constructor?.name ?? "object";
}

