// The text codecs files and str.encode/bytes.decode use: utf-8 (and utf-8-sig), latin-1 and ascii, with the
// error handlers strict, replace and ignore, and CPython's UnicodeDecodeError/UnicodeEncodeError messages.

import { LookupError, UnicodeDecodeError, UnicodeEncodeError } from "./exceptions.js";

export type Codec = "utf-8" | "utf-8-sig" | "latin-1" | "ascii";

const ALIASES: Record<string, Codec> = {
  "utf-8": "utf-8", utf8: "utf-8", u8: "utf-8", "utf-8-sig": "utf-8-sig", "utf8-sig": "utf-8-sig",
  "latin-1": "latin-1", latin1: "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1", l1: "latin-1",
  ascii: "ascii", "us-ascii": "ascii",
};

/** The codec for a Python encoding name (case, `_` and `-` as CPython normalizes them). */
export function lookupCodec(name: string): Codec {
  const codec = ALIASES[name.toLowerCase().replace(/_/g, "-")];
  if (!codec) throw new LookupError(`unknown encoding: ${name}`);
  return codec;
}

function checkHandler(errors: string): void {
  if (errors !== "strict" && errors !== "replace" && errors !== "ignore") throw new LookupError(`unknown error handler name '${errors}'`);
}

/** The first malformed UTF-8 sequence at or after `from`: [start, end (exclusive), CPython's reason]. */
function utf8Error(b: Uint8Array, from: number): [number, number, string] | undefined {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  for (let i = from; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0) return [i, i + 1, "invalid start byte"];
    // The second byte's range is narrower after E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      const j = i + k;
      if (j >= b.length) return [i, b.length, "unexpected end of data"];
      if (!(k === 1 ? cont(j, lo, hi) : cont(j))) return [i, j, "invalid continuation byte"];
    }
    i += need + 1;
  }
  return undefined;
}

/** How many leading bytes of `b` end on a UTF-8 character boundary (a file read may split a character). */
export function completeUtf8(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if (c < 0x80) return b.length;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return len > back ? b.length - back : b.length;
    }
  }
  return b.length;
}

function decodeError(codec: string, b: Uint8Array, start: number, end: number, reason: string): UnicodeDecodeError {
  const where = end - start === 1 ? `byte 0x${b[start]!.toString(16).padStart(2, "0")} in position ${start}` : `bytes in position ${start}-${end - 1}`;
  return new UnicodeDecodeError(`'${codec}' codec can't decode ${where}: ${reason}`);
}

export function decode(b: Uint8Array, encoding = "utf-8", errors = "strict"): string {
  const codec = lookupCodec(encoding);
  checkHandler(errors);
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (codec === "latin-1") return buf.toString("latin1");
  if (codec === "ascii") {
    let out = "";
    for (let i = 0; i < b.length; i++) {
      if (b[i]! < 0x80) out += String.fromCharCode(b[i]!);
      else if (errors === "strict") throw decodeError("ascii", b, i, i + 1, "ordinal not in range(128)");
      else if (errors === "replace") out += "\ufffd";
    }
    return out;
  }
  const skip = codec === "utf-8-sig" && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let out = "";
  let at = skip;
  for (let bad = utf8Error(b, at); bad; bad = utf8Error(b, at)) {
    if (errors === "strict") throw decodeError(codec, b, bad[0], bad[1], bad[2]);
    out += buf.toString("utf8", at, bad[0]) + (errors === "replace" ? "\ufffd" : "");
    at = bad[1];
  }
  return out + buf.toString("utf8", at);
}

export function encode(s: string, encoding = "utf-8", errors = "strict"): Uint8Array {
  const codec = lookupCodec(encoding);
  checkHandler(errors);
  if (codec === "utf-8" || codec === "utf-8-sig") {
    const body = Buffer.from(s, "utf8");
    return new Uint8Array(codec === "utf-8-sig" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  }
  const limit = codec === "ascii" ? 0x80 : 0x100;
  const out: number[] = [];
  let pos = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < limit) out.push(c);
    else if (errors === "strict") {
      const shown = c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : c <= 0xffff ? `\\u${c.toString(16).padStart(4, "0")}` : `\\U${c.toString(16).padStart(8, "0")}`;
      throw new UnicodeEncodeError(`'${codec}' codec can't encode character '${shown}' in position ${pos}: ordinal not in range(${limit})`);
    } else if (errors === "replace") out.push(0x3f);
    pos++;
  }
  return new Uint8Array(out);
}


