// base64: the standard and URL-safe alphabets, alternative characters, validation, and base16, on top of
// binascii's decoder so malformed input fails with CPython's binascii.Error messages.

import { TypeError } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { latin1, fromLatin1 } from "../builtins/bytes.js";
import { Error, a2b_base64, asciiData, b2a_base64, hexlify, unhexlify } from "./binascii.js";

function bytesLike(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new TypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** Replace the characters `+/` by `alt` (encoding) or `alt` by `+/` (decoding). */
function translate(data: Uint8Array, from: string, to: string): Uint8Array {
  return fromLatin1(latin1(data).replace(/./gs, (c) => {
    const i = from.indexOf(c);
    return i < 0 ? c : to[i]!;
  }));
}

export function b64encode(s: unknown, altchars: Uint8Array | null = null): Uint8Array {
  const encoded = b2a_base64(bytesLike(s), { newline: false });
  return altchars === null ? encoded : translate(encoded, "+/", latin1(altchars).slice(0, 2));
}

export function b64decode(s: unknown, altchars: unknown = null, validate = false): Uint8Array {
  let data = asciiData(s);
  if (altchars !== null) data = translate(data, latin1(asciiData(altchars)).slice(0, 2), "+/");
  return a2b_base64(data, { strict_mode: validate });
}

export const standard_b64encode = (s: unknown) => b64encode(s);
export const standard_b64decode = (s: unknown) => b64decode(s);
export const urlsafe_b64encode = (s: unknown) => translate(b64encode(s), "+/", "-_");
export const urlsafe_b64decode = (s: unknown) => b64decode(translate(asciiData(s), "-_", "+/"));

export const b16encode = (s: unknown) => fromLatin1(latin1(hexlify(bytesLike(s))).toUpperCase());

export function b16decode(s: unknown, casefold = false): Uint8Array {
  let text = latin1(asciiData(s));
  if (casefold) text = text.toUpperCase();
  if (/[^0-9A-F]/.test(text)) throw new Error("Non-base16 digit found");
  return unhexlify(text);
}
