// base64 and binascii → py2ts-mp/runtime/base64, /binascii: encoders return bytes, decoders take bytes or
// an ASCII str and raise binascii.Error as CPython does.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const bytes = (ts: string, params: string[]): ApiRow => ({ kind: "call", ts, params, result: () => T.bytes });

export const base64: ModuleTable = {
  python: "base64",
  runtime: "py2ts-mp/runtime/base64",
  names: {
    b64encode: bytes("b64encode", ["s", "altchars"]),
    b64decode: bytes("b64decode", ["s", "altchars", "validate"]),
    standard_b64encode: bytes("standard_b64encode", ["s"]),
    standard_b64decode: bytes("standard_b64decode", ["s"]),
    urlsafe_b64encode: bytes("urlsafe_b64encode", ["s"]),
    urlsafe_b64decode: bytes("urlsafe_b64decode", ["s"]),
    b16encode: bytes("b16encode", ["s"]),
    b16decode: bytes("b16decode", ["s", "casefold"]),
  },
  classes: {},
  members: {},
};

export const binascii: ModuleTable = {
  python: "binascii",
  runtime: "py2ts-mp/runtime/binascii",
  names: {
    Error: { kind: "new", ts: "Error", params: ["*args"], result: () => T.object("Exception") },
    hexlify: bytes("hexlify", ["data", "sep"]),
    unhexlify: bytes("unhexlify", ["hexstr"]),
    b2a_hex: bytes("b2a_hex", ["data", "sep"]),
    a2b_hex: bytes("a2b_hex", ["hexstr"]),
    b2a_base64: { kind: "call", ts: "b2a_base64", params: ["data", "*", "newline"], positional: 1, result: () => T.bytes },
    a2b_base64: { kind: "call", ts: "a2b_base64", params: ["data", "*", "strict_mode"], positional: 1, result: () => T.bytes },
    crc32: { kind: "call", ts: "crc32", params: ["data", "crc"], result: () => T.int(0, 2 ** 32 - 1) },
  },
  classes: {},
  members: {},
};
