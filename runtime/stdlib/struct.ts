// struct: pack/unpack/calcsize and Struct with CPython's format language — byte order, native sizes and
// alignment (x86-64 Linux: little-endian, 8-byte long), every format character — and its struct.error
// messages for counts, ranges and types.

import { Exception, OverflowError, TypeError, registerException } from "../builtins/exceptions.js";
import { norm, typeName, type Int } from "../builtins/int.js";
import { truthy } from "../builtins/functions.js";
import { tuple } from "../builtins/tuple.js";

export class error extends Exception {
  static readonly __module__ = "struct";
}
registerException(error as unknown as new (...args: unknown[]) => error);

interface Item {
  readonly code: string;
  /** Repeat count, or the length of an `s`/`p` field. */
  readonly count: number;
  readonly offset: number;
  readonly size: number;
}

interface Layout {
  readonly little: boolean;
  readonly native: boolean;
  readonly items: readonly Item[];
  readonly size: number;
  /** How many values pack takes and unpack returns. */
  readonly values: number;
}

const NATIVE_SIZE: Readonly<Record<string, number>> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8,
};
const STANDARD_SIZE: Readonly<Record<string, number>> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, p: 1,
};

const layouts = new Map<string, Layout>();

function layout(format: unknown): Layout {
  const fmt = format instanceof Uint8Array ? Buffer.from(format).toString("latin1") : format;
  if (typeof fmt !== "string") throw new TypeError(`Struct() argument 1 must be a str or bytes object, not ${typeName(format)}`);
  const cached = layouts.get(fmt);
  if (cached) return cached;
  let i = 0;
  let native = true;
  let little = true;
  if (fmt.length > 0 && "@=<>!".includes(fmt[0]!)) {
    native = fmt[0] === "@";
    little = fmt[0] !== ">" && fmt[0] !== "!";
    i = 1;
  }
  const sizes = native ? NATIVE_SIZE : STANDARD_SIZE;
  const items: Item[] = [];
  let offset = 0;
  let values = 0;
  while (i < fmt.length) {
    if (/\s/.test(fmt[i]!)) {
      i++;
      continue;
    }
    let digits = "";
    while (i < fmt.length && /[0-9]/.test(fmt[i]!)) digits += fmt[i++];
    if (i >= fmt.length) throw new error("repeat count given without format specifier");
    const code = fmt[i++]!;
    const size = sizes[code];
    if (size === undefined) throw new error("bad char in struct format");
    const count = digits ? Number(digits) : 1;
    // Native mode aligns each item to its own size, as the C compiler lays out a struct.
    if (native && count > 0 && size > 1) offset = Math.ceil(offset / size) * size;
    items.push({ code, count, offset, size });
    if (code === "s" || code === "p") {
      offset += count;
      values += 1;
    } else {
      offset += size * count;
      if (code !== "x") values += count;
    }
  }
  const result = { little, native, items, size: offset, values };
  layouts.set(fmt, result);
  return result;
}

export function calcsize(format: unknown): number {
  return layout(format).size;
}

const SIGNED_NAME: Readonly<Record<string, string>> = { b: "byte", h: "short" };
const UNSIGNED_NAME: Readonly<Record<string, string>> = { B: "ubyte", H: "ushort" };
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

/** An integer argument checked against the field's range, with the message CPython gives for the code. */
function integer(v: unknown, code: string, size: number): bigint {
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) {
    const n = BigInt(v);
    const signed = code === code.toLowerCase() && code !== "?";
    const bits = BigInt(size * 8);
    const lo = signed ? -(2n ** (bits - 1n)) : 0n;
    const hi = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
    if (n >= lo && n <= hi) return n;
    // B and H are read as a C long first; the other unsigned codes as an unsigned long.
    const readable = signed || code in UNSIGNED_NAME ? n >= LONG_MIN && n <= LONG_MAX : n >= 0n && n <= ULONG_MAX;
    if (!readable) throw new error("argument out of range");
    const name = SIGNED_NAME[code] ?? UNSIGNED_NAME[code];
    throw new error(name ? `${name} format requires ${lo} <= number <= ${hi}` : `'${code}' format requires ${lo} <= number <= ${hi}`);
  }
  throw new error("required argument is not an integer");
}

function float(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "bigint") return Number(v);
  throw new error("required argument is not a float");
}

/** IEEE half precision, rounding half to even as CPython's PyFloat_Pack2 does. */
function toHalf(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (Number.isNaN(x)) return 0x7e00;
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  let bits: number;
  if (e < -14) {
    // Subnormal: a multiple of 2^-24.
    bits = roundEven(a / 2 ** -24);
  } else {
    const m = roundEven((a / 2 ** e - 1) * 1024);
    bits = ((e + 15) << 10) + m; // a mantissa rounding up to 1024 carries into the exponent
  }
  if (bits >= 0x7c00) throw new OverflowError("float too large to pack with e format");
  return sign | bits;
}

function roundEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

function packOne(view: DataView, at: number, code: string, size: number, v: unknown, little: boolean): void {
  switch (code) {
    case "c":
      if (!(v instanceof Uint8Array) || v.length !== 1) throw new error("char format requires a bytes object of length 1");
      view.setUint8(at, v[0]!);
      return;
    case "?":
      view.setUint8(at, truthy(v) ? 1 : 0);
      return;
    case "e":
      view.setUint16(at, toHalf(float(v)), little);
      return;
    case "f": {
      const x = float(v);
      if (Number.isFinite(x) && !Number.isFinite(Math.fround(x))) throw new OverflowError("float too large to pack with f format");
      view.setFloat32(at, x, little);
      return;
    }
    case "d":
      view.setFloat64(at, float(v), little);
      return;
    default: {
      const n = BigInt.asUintN(size * 8, integer(v, code, size));
      for (let k = 0; k < size; k++) view.setUint8(at + (little ? k : size - 1 - k), Number((n >> BigInt(8 * k)) & 0xffn));
    }
  }
}

function unpackOne(view: DataView, at: number, code: string, size: number, little: boolean): unknown {
  switch (code) {
    case "c":
      return new Uint8Array([view.getUint8(at)]);
    case "?":
      return view.getUint8(at) !== 0;
    case "e":
      return fromHalf(view.getUint16(at, little));
    case "f":
      return view.getFloat32(at, little);
    case "d":
      return view.getFloat64(at, little);
    default: {
      let n = 0n;
      for (let k = 0; k < size; k++) n |= BigInt(view.getUint8(at + (little ? k : size - 1 - k))) << BigInt(8 * k);
      const signed = code === code.toLowerCase();
      return norm(signed ? BigInt.asIntN(size * 8, n) : n);
    }
  }
}

function packWith(l: Layout, values: readonly unknown[]): Uint8Array {
  if (values.length !== l.values) throw new error(`pack expected ${l.values} items for packing (got ${values.length})`);
  const out = new Uint8Array(l.size);
  const view = new DataView(out.buffer);
  let next = 0;
  for (const item of l.items) {
    if (item.code === "x") continue;
    if (item.code === "s" || item.code === "p") {
      const v = values[next++];
      if (!(v instanceof Uint8Array)) throw new error(`argument for '${item.code}' must be a bytes object`);
      if (item.code === "s") out.set(v.subarray(0, item.count), item.offset);
      else if (item.count > 0) {
        // Pascal string: a length byte (at most 255), then the data, truncated to the field.
        const n = Math.min(v.length, item.count - 1, 255);
        out[item.offset] = n;
        out.set(v.subarray(0, n), item.offset + 1);
      }
      continue;
    }
    for (let k = 0; k < item.count; k++) packOne(view, item.offset + k * item.size, item.code, item.size, values[next++], l.little);
  }
  return out;
}

function unpackWith(l: Layout, buffer: Uint8Array, offset: number): unknown[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset + offset, l.size);
  const out: unknown[] = [];
  for (const item of l.items) {
    if (item.code === "x") continue;
    if (item.code === "s") out.push(buffer.slice(offset + item.offset, offset + item.offset + item.count));
    else if (item.code === "p") {
      const start = offset + item.offset;
      const n = item.count > 0 ? Math.min(buffer[start]!, item.count - 1) : 0;
      out.push(buffer.slice(start + 1, start + 1 + n));
    } else {
      for (let k = 0; k < item.count; k++) out.push(unpackOne(view, item.offset + k * item.size, item.code, item.size, l.little));
    }
  }
  return out;
}

function bytesLike(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new TypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

export function pack(format: unknown, ...values: unknown[]): Uint8Array {
  return packWith(layout(format), values);
}

// The tuple's field types come from the format, which the converter reads; to TS it is `any`.
export function unpack(format: unknown, buffer: unknown): any {
  const l = layout(format);
  const b = bytesLike(buffer);
  if (b.length !== l.size) throw new error(`unpack requires a buffer of ${l.size} bytes`);
  return tuple(...unpackWith(l, b, 0));
}

export function unpack_from(format: unknown, buffer: unknown, offset: Int = 0): any {
  const l = layout(format);
  const b = bytesLike(buffer);
  let at = Number(offset);
  if (at < 0) {
    if (at + b.length < 0) throw new error(`offset ${at} out of range for ${b.length}-byte buffer`);
    at += b.length;
  }
  if (b.length - at < l.size) {
    throw new error(`unpack_from requires a buffer of at least ${l.size + at} bytes for unpacking ${l.size} bytes at offset ${at} (actual buffer size is ${b.length})`);
  }
  return tuple(...unpackWith(l, b, at));
}

export function* iter_unpack(format: unknown, buffer: unknown): Generator<any> {
  const l = layout(format);
  const b = bytesLike(buffer);
  if (l.size === 0) throw new error("cannot iteratively unpack with a struct of length 0");
  if (b.length % l.size !== 0) throw new error(`iterative unpacking requires a buffer of a multiple of ${l.size} bytes`);
  for (let at = 0; at < b.length; at += l.size) yield tuple(...unpackWith(l, b, at));
}

/** A compiled format. */
export class Struct {
  readonly format: string;
  readonly size: number;
  private readonly l: Layout;

  constructor(format: unknown) {
    this.l = layout(format);
    this.format = format instanceof Uint8Array ? Buffer.from(format).toString("latin1") : (format as string);
    this.size = this.l.size;
  }

  pack(...values: unknown[]): Uint8Array {
    return packWith(this.l, values);
  }

  unpack(buffer: unknown): any {
    return unpack(this.format, buffer);
  }

  unpack_from(buffer: unknown, offset: Int = 0): any {
    return unpack_from(this.format, buffer, offset);
  }

  iter_unpack(buffer: unknown): Generator<any> {
    return iter_unpack(this.format, buffer);
  }
}

/** The format code of each value pack takes and unpack returns, in order (the converter types unpack's tuple
 *  from a literal format with it). Throws struct.error for a bad format. */
export function valueCodes(format: string): string[] {
  return layout(format).items.flatMap((item) =>
    item.code === "x" ? [] : item.code === "s" || item.code === "p" ? [item.code] : Array<string>(item.count).fill(item.code),
  );
}
