// zlib: compress/decompress with pako, a port of the zlib library CPython links, so compressed bytes equal
// CPython's at every level (Node's bundled zlib is a fork whose output differs). crc32 and adler32 are
// computed here. Failures raise zlib.error with CPython's "Error N while …" text.

import pako from "pako";
import { Exception, TypeError, registerException } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";

export class error extends Exception {
  static readonly __module__ = "zlib";
}
registerException(error as unknown as new (...args: unknown[]) => error);

export const MAX_WBITS = 15;
export const DEFLATED = 8;
export const DEF_MEM_LEVEL = 8;
export const DEF_BUF_SIZE = 16384;
export const Z_NO_COMPRESSION = 0;
export const Z_BEST_SPEED = 1;
export const Z_BEST_COMPRESSION = 9;
export const Z_DEFAULT_COMPRESSION = -1;
export const ZLIB_VERSION = "1.2.13";

function data(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new TypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** wbits as zlib reads it: 9..15 zlib wrapper, -9..-15 raw deflate, 25..31 gzip (and 40..47 auto on inflate). */
export function compress(data_: unknown, level = -1, wbits = MAX_WBITS): Uint8Array {
  const input = data(data_);
  if (level < -1 || level > 9) throw new error("Bad compression level");
  return pako.deflate(input, { level: level as pako.DeflateOptions["level"], windowBits: wbits });
}

/** One inflate pass: the output when the stream ended, zlib's error code and message, and how many input
 *  bytes follow the stream's end. */
export function inflate(input: Uint8Array, wbits: number): { result?: Uint8Array; err: number; msg: string; unused: number } {
  const inflater = new pako.Inflate({ windowBits: wbits });
  inflater.push(input, true);
  // pako's typings omit the state it keeps after push.
  const state = inflater as unknown as { ended: boolean; strm: { avail_in: number } };
  // An input that ends before the stream does leaves the inflater without an error and without a result.
  const ended = !inflater.err && state.ended && inflater.result !== undefined;
  return {
    result: ended ? (inflater.result as Uint8Array) : undefined,
    err: inflater.err || (ended ? 0 : -5),
    msg: inflater.msg || "incomplete or truncated stream",
    unused: state.strm.avail_in,
  };
}

export function decompress(data_: unknown, wbits = MAX_WBITS, _bufsize = DEF_BUF_SIZE): Uint8Array {
  const r = inflate(data(data_), wbits);
  if (!r.result) throw new error(`Error ${r.err} while decompressing data: ${r.msg}`);
  return r.result;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data_: unknown, value: number | bigint = 0): number {
  let c = (Number(BigInt.asUintN(32, BigInt(value))) ^ 0xffffffff) >>> 0;
  for (const b of data(data_)) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function adler32(data_: unknown, value: number | bigint = 1): number {
  const v = Number(BigInt.asUintN(32, BigInt(value)));
  let a = v & 0xffff;
  let b = v >>> 16;
  const bytes = data(data_);
  // Reduce every 5552 bytes, as zlib does, so the sums stay exact in doubles.
  for (let i = 0; i < bytes.length; i += 5552) {
    const end = Math.min(i + 5552, bytes.length);
    for (let j = i; j < end; j++) {
      a += bytes[j]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
