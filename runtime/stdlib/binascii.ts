// binascii: the codecs base64 builds on (a2b_base64 with CPython's lenient decoding and its errors),
// hexlify/unhexlify and crc32. binascii.Error is a ValueError.

import { TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { bytesHex, encode } from "../builtins/bytes.js";
import { crc32 as zcrc32 } from "./zlib.js";

export class Error extends ValueError {
  static readonly __module__ = "binascii";
}
registerException(Error as unknown as new (...args: unknown[]) => Error);

/** Decoders take bytes or an ASCII-only str. */
export function asciiData(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (typeof x === "string") {
    if (/[^\x00-\x7f]/.test(x)) throw new ValueError("string argument should contain only ASCII characters");
    return encode(x, "ascii");
  }
  throw new TypeError(`argument should be bytes, buffer or ASCII string, not '${typeName(x)}'`);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const TABLE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const PAD = 0x3d;

export function b2a_base64(data: Uint8Array, opts: { newline?: boolean } = {}): Uint8Array {
  const text = Buffer.from(data).toString("base64") + (opts.newline ?? true ? "\n" : "");
  return encode(text, "ascii");
}

/** CPython's a2b_base64. By default characters outside the alphabet are skipped and decoding stops at full
 *  padding; strict_mode rejects both, with CPython's messages. */
export function a2b_base64(s: unknown, opts: { strict_mode?: boolean } = {}): Uint8Array {
  const data = asciiData(s);
  const strict = opts.strict_mode ?? false;
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  let padding = false;
  if (strict && data[0] === PAD) throw new Error("Leading padding not allowed");
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === PAD) {
      padding = true;
      if (strict && quad === 0) throw new Error("Excess padding not allowed");
      if (quad >= 2 && quad + ++pads >= 4) {
        if (strict && i + 1 < data.length) throw new Error("Excess data after padding");
        return new Uint8Array(out);
      }
      continue;
    }
    const v = TABLE.get(c);
    if (v === undefined) {
      if (strict) throw new Error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding) throw new Error("Discontinuous padding not allowed");
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) { out.push(((left << 2) | (v >> 4)) & 0xff); left = v & 0x0f; }
    else if (quad === 2) { out.push(((left << 4) | (v >> 2)) & 0xff); left = v & 0x03; }
    else out.push(((left << 6) | v) & 0xff);
    quad = (quad + 1) % 4;
  }
  if (quad === 1) {
    const chars = Math.floor(out.length / 3) * 4 + 1;
    throw new Error(`Invalid base64-encoded string: number of data characters (${chars}) cannot be 1 more than a multiple of 4`);
  }
  if (quad !== 0) throw new Error("Incorrect padding");
  return new Uint8Array(out);
}

export function hexlify(data: Uint8Array, sep: string | null = null): Uint8Array {
  return encode(bytesHex(data, sep), "ascii");
}

export function unhexlify(hexstr: unknown): Uint8Array {
  const data = asciiData(hexstr);
  if (data.length % 2) throw new Error("Odd-length string");
  const out = new Uint8Array(data.length / 2);
  for (let i = 0; i < out.length; i++) {
    const pair = String.fromCharCode(data[2 * i]!, data[2 * i + 1]!);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) throw new Error("Non-hexadecimal digit found");
    out[i] = parseInt(pair, 16);
  }
  return out;
}

export const b2a_hex = hexlify;
export const a2b_hex = unhexlify;
export const crc32 = zcrc32;
