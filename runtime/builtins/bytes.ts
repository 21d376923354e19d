// bytes values (Uint8Array at run time): the bytes() constructor, str.encode / bytes.decode with CPython's
// codec errors, and bytes methods. A byte string maps one-to-one onto a Latin-1 JS string, so searching and
// splitting on explicit separators reuse the string algorithms; whitespace and case are ASCII-only for bytes.

import { LookupError, TypeError, UnicodeDecodeError, UnicodeEncodeError, ValueError } from "./exceptions.js";
import { typeName, type Int } from "./int.js";
import { isTuple } from "./tuple.js";

/** The byte string as a JS string of code units 0–255. */
export function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
}

export function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function needBytes(x: unknown, what: string): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new TypeError(`${what} a bytes-like object is required, not '${typeName(x)}'`);
}

/** `bytes()`, `bytes(n)`, `bytes(iterable_of_ints)`, `bytes(s, encoding)`. */
export function bytes_(source: unknown = undefined, encoding: string | null = null, errors: string | null = null): Uint8Array {
  if (source === undefined) return new Uint8Array(0);
  if (typeof source === "string") {
    if (encoding === null) throw new TypeError("string argument without an encoding");
    return encode(source, encoding, errors ?? "strict");
  }
  if (encoding !== null) throw new TypeError("encoding without a string argument");
  if (source instanceof Uint8Array) return source.slice();
  if (typeof source === "number" || typeof source === "bigint") {
    const n = Number(source);
    if (n < 0) throw new ValueError("negative count");
    return new Uint8Array(n);
  }
  if (source !== null && typeof (source as Iterable<unknown>)[Symbol.iterator] === "function") {
    const out: number[] = [];
    for (const v of source as Iterable<unknown>) {
      if (typeof v !== "number" && typeof v !== "bigint" && typeof v !== "boolean") {
        throw new TypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
      }
      const n = Number(v);
      if (n < 0 || n > 255) throw new ValueError("bytes must be in range(0, 256)");
      out.push(n);
    }
    return new Uint8Array(out);
  }
  throw new TypeError(`cannot convert '${typeName(source)}' object to bytes`);
}

/** A codec name as CPython normalizes it, for the three codecs the runtime knows. */
function codec(encoding: string): "utf-8" | "ascii" | "latin-1" {
  const n = encoding.toLowerCase().replace(/[-_ ]/g, "");
  if (n === "utf8" || n === "u8" || n === "utf") return "utf-8";
  if (n === "ascii" || n === "usascii" || n === "646") return "ascii";
  if (n === "latin1" || n === "latin" || n === "iso88591" || n === "l1" || n === "8859" || n === "cp819") return "latin-1";
  throw new LookupError(`unknown encoding: ${encoding}`);
}

const charRepr = (cp: number) =>
  cp < 0x100 ? `\\x${cp.toString(16).padStart(2, "0")}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;

/** `str.encode(encoding, errors)`: strict, ignore and replace error handlers. */
export function encode(s: string, encoding = "utf-8", errors = "strict"): Uint8Array {
  const name = codec(encoding);
  if (name === "utf-8") {
    if (!/[\uD800-\uDFFF]/.test(s)) return new Uint8Array(Buffer.from(s, "utf8"));
  }
  const limit = name === "ascii" ? 0x80 : name === "latin-1" ? 0x100 : 0x110000;
  const out: number[] = [];
  let pos = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const lone = cp >= 0xd800 && cp <= 0xdfff;
    if (cp < limit && !lone) {
      if (name === "utf-8") out.push(...Buffer.from(ch, "utf8"));
      else out.push(cp);
    } else if (errors === "ignore") {
      // dropped
    } else if (errors === "replace") {
      out.push(0x3f);
    } else {
      const why = lone ? "surrogates not allowed" : `ordinal not in range(${limit})`;
      throw new UnicodeEncodeError(`'${name}' codec can't encode character '${charRepr(cp)}' in position ${pos}: ${why}`);
    }
    pos++;
  }
  return new Uint8Array(out);
}

/** The first invalid UTF-8 sequence as CPython reports it: [start, end, reason], or undefined when valid. */
function utf8Error(b: Uint8Array, from: number): [number, number, string] | undefined {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return [i, i + 1, "invalid start byte"];
    // The second byte's range depends on the lead (no overlongs, no surrogates, nothing past U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return [i, b.length, "unexpected end of data"];
      const d = b[i + k]!;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return [i, i + k, "invalid continuation byte"];
    }
    i += n + 1;
  }
  return undefined;
}

/** `bytes.decode(encoding, errors)`: strict, ignore and replace error handlers. */
export function decode(b: Uint8Array, encoding = "utf-8", errors = "strict"): string {
  const name = codec(encoding);
  if (name === "latin-1") return latin1(b);
  if (name === "ascii") {
    let out = "";
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (c < 0x80) out += String.fromCharCode(c);
      else if (errors === "replace") out += "\ufffd";
      else if (errors !== "ignore") {
        throw new UnicodeDecodeError(`'ascii' codec can't decode byte 0x${c.toString(16).padStart(2, "0")} in position ${i}: ordinal not in range(128)`);
      }
    }
    return out;
  }
  let out = "";
  let at = 0;
  for (let err = utf8Error(b, 0); err; err = utf8Error(b, at)) {
    const [start, end, why] = err;
    if (errors !== "ignore" && errors !== "replace") {
      const where = end - start > 1 ? `in position ${start}-${end - 1}` : `byte 0x${b[start]!.toString(16).padStart(2, "0")} in position ${start}`;
      const what = end - start > 1 ? "bytes" : "";
      throw new UnicodeDecodeError(`'utf-8' codec can't decode ${what ? `${what} ${where}` : where}: ${why}`);
    }
    out += Buffer.from(b.subarray(at, start)).toString("utf8") + (errors === "replace" ? "\ufffd" : "");
    at = Math.max(end, start + 1);
  }
  return out + Buffer.from(b.subarray(at)).toString("utf8");
}

/** `b.hex()`, `b.hex(sep)` */
export function bytesHex(b: Uint8Array, sep: string | null = null): string {
  const parts = Array.from(b, (c) => c.toString(16).padStart(2, "0"));
  return parts.join(sep ?? "");
}

/** `bytes.fromhex(s)`: pairs of hex digits, whitespace between pairs allowed. */
export function bytesFromhex(s: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) { i++; continue; }
    const pair = s.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
      const bad = /^[0-9a-fA-F]/.test(pair) ? i + 1 : i;
      throw new ValueError(`non-hexadecimal number found in fromhex() arg at position ${bad}`);
    }
    out.push(parseInt(pair, 16));
    i += 2;
  }
  return new Uint8Array(out);
}

export function bytesConcat(a: Uint8Array, b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError(`can't concat ${typeName(b)} to bytes`);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const ASCII_WS = " \t\n\r\x0b\x0c";

/** Bytes methods whose semantics are the str method's on the Latin-1 image, with explicit separators. */
const viaStr = (b: unknown, what: string) => latin1(needBytes(b, what));

export function bytesSplit(b: Uint8Array, sep: Uint8Array | null = null, maxsplit: Int = -1): Uint8Array[] {
  const s = latin1(b);
  const max = Number(maxsplit);
  if (sep === null) {
    const words: string[] = [];
    let i = 0;
    while (i < s.length) {
      while (i < s.length && ASCII_WS.includes(s[i]!)) i++;
      if (i >= s.length) break;
      if (max >= 0 && words.length === max) {
        let end = s.length;
        while (end > i && ASCII_WS.includes(s[end - 1]!)) end--;
        words.push(s.slice(i, end));
        break;
      }
      let j = i;
      while (j < s.length && !ASCII_WS.includes(s[j]!)) j++;
      words.push(s.slice(i, j));
      i = j;
    }
    return words.map(fromLatin1);
  }
  const t = viaStr(sep, "");
  if (t === "") throw new ValueError("empty separator");
  const parts = s.split(t);
  if (max >= 0 && parts.length > max + 1) parts.splice(max, parts.length - max, parts.slice(max).join(t));
  return parts.map(fromLatin1);
}

export function bytesJoin(sep: Uint8Array, items: Iterable<unknown>): Uint8Array {
  const parts: string[] = [];
  let i = 0;
  for (const x of items) {
    if (!(x instanceof Uint8Array)) throw new TypeError(`sequence item ${i}: expected a bytes-like object, ${typeName(x)} found`);
    parts.push(latin1(x));
    i++;
  }
  return fromLatin1(parts.join(latin1(sep)));
}

function trim(b: Uint8Array, chars: Uint8Array | null, left: boolean, right: boolean): Uint8Array {
  const set = chars === null ? ASCII_WS : latin1(chars);
  const s = latin1(b);
  let a = 0;
  let z = s.length;
  if (left) while (a < z && set.includes(s[a]!)) a++;
  if (right) while (z > a && set.includes(s[z - 1]!)) z--;
  return b.slice(a, z);
}

export const bytesStrip = (b: Uint8Array, chars: Uint8Array | null = null) => trim(b, chars, true, true);
export const bytesLstrip = (b: Uint8Array, chars: Uint8Array | null = null) => trim(b, chars, true, false);
export const bytesRstrip = (b: Uint8Array, chars: Uint8Array | null = null) => trim(b, chars, false, true);

const mapAscii = (b: Uint8Array, lo: number, hi: number, delta: number) => b.map((c) => (c >= lo && c <= hi ? c + delta : c));
export const bytesUpper = (b: Uint8Array) => mapAscii(b, 0x61, 0x7a, -32);
export const bytesLower = (b: Uint8Array) => mapAscii(b, 0x41, 0x5a, 32);

function affix(b: Uint8Array, x: unknown, start: number | null | undefined, end: number | null | undefined, at: "start" | "end"): boolean {
  const method = at === "start" ? "startswith" : "endswith";
  const options = isTuple(x) ? (x as readonly unknown[]) : [x];
  const s = latin1(b).slice(start ?? 0, end ?? undefined);
  return options.some((o) => {
    if (!(o instanceof Uint8Array)) throw new TypeError(`${method} first arg must be bytes or a tuple of bytes, not ${typeName(o)}`);
    return at === "start" ? s.startsWith(latin1(o)) : s.endsWith(latin1(o));
  });
}

export const bytesStartswith = (b: Uint8Array, prefix: unknown, start?: number | null, end?: number | null) => affix(b, prefix, start, end, "start");
export const bytesEndswith = (b: Uint8Array, suffix: unknown, start?: number | null, end?: number | null) => affix(b, suffix, start, end, "end");

/** A bytes or int needle as the Latin-1 string searched for. */
function needle(x: unknown): string {
  if (typeof x === "number") {
    if (x < 0 || x > 255) throw new ValueError("byte must be in range(0, 256)");
    return String.fromCharCode(x);
  }
  return viaStr(x, "argument should be integer or bytes-like object, not");
}

export function bytesFind(b: Uint8Array, sub: unknown, start: number | null = null, end: number | null = null): number {
  const s = latin1(b);
  const lo = start === null ? 0 : start < 0 ? Math.max(0, s.length + start) : start;
  const hi = end === null ? s.length : end < 0 ? Math.max(0, s.length + end) : Math.min(end, s.length);
  const n = needle(sub);
  const i = s.slice(0, hi).indexOf(n, lo);
  return i < 0 || i + n.length > hi ? -1 : i;
}

export function bytesIndex(b: Uint8Array, sub: unknown, start: number | null = null, end: number | null = null): number {
  const i = bytesFind(b, sub, start, end);
  if (i < 0) throw new ValueError("subsection not found");
  return i;
}

export function bytesCount(b: Uint8Array, sub: unknown): number {
  const s = latin1(b);
  const n = needle(sub);
  if (n === "") return s.length + 1;
  return s.split(n).length - 1;
}

export function bytesReplace(b: Uint8Array, old: Uint8Array, nu: Uint8Array, count: Int = -1): Uint8Array {
  const s = latin1(b);
  const o = viaStr(old, "a bytes-like object is required, not");
  const parts = s.split(o);
  const k = Number(count) < 0 ? parts.length - 1 : Math.min(Number(count), parts.length - 1);
  const head = parts.slice(0, k + 1).join(latin1(nu));
  const tail = parts.slice(k + 1);
  return fromLatin1(tail.length ? [head, ...tail].join(o) : head);
}

/** `sub in b`: a byte value or a sub-sequence. */
export function bytesContains(b: Uint8Array, x: unknown): boolean {
  if (typeof x === "number" || typeof x === "bigint") {
    const n = Number(x);
    if (n < 0 || n > 255) throw new ValueError("byte must be in range(0, 256)");
    return b.includes(n);
  }
  if (!(x instanceof Uint8Array)) throw new TypeError(`a bytes-like object is required, not '${typeName(x)}'`);
  return latin1(b).includes(latin1(x));
}

/** Python's ordering of byte strings: lexicographic by byte value. */
export function bytesCompare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
