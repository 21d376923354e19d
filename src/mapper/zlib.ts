// zlib → py2ts-mp/runtime/zlib: one-shot compress/decompress with CPython's bytes, checksums, zlib.error.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const checksum = () => T.int(0, 2 ** 32 - 1);
const constant = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: () => T.int(-1, 16384) });

export const zlib: ModuleTable = {
  python: "zlib",
  runtime: "py2ts-mp/runtime/zlib",
  names: {
    compress: { kind: "call", ts: "compress", params: ["data", "level", "wbits"], result: () => T.bytes },
    decompress: { kind: "call", ts: "decompress", params: ["data", "wbits", "bufsize"], result: () => T.bytes },
    crc32: { kind: "call", ts: "crc32", params: ["data", "value"], result: checksum },
    adler32: { kind: "call", ts: "adler32", params: ["data", "value"], result: checksum },
    error: { kind: "new", ts: "error", params: ["*args"], result: () => T.object("Exception") },
    MAX_WBITS: constant("MAX_WBITS"),
    DEFLATED: constant("DEFLATED"),
    DEF_MEM_LEVEL: constant("DEF_MEM_LEVEL"),
    DEF_BUF_SIZE: constant("DEF_BUF_SIZE"),
    Z_NO_COMPRESSION: constant("Z_NO_COMPRESSION"),
    Z_BEST_SPEED: constant("Z_BEST_SPEED"),
    Z_BEST_COMPRESSION: constant("Z_BEST_COMPRESSION"),
    Z_DEFAULT_COMPRESSION: constant("Z_DEFAULT_COMPRESSION"),
    ZLIB_VERSION: { kind: "attr", ts: "ZLIB_VERSION", params: [], result: () => T.str },
  },
  classes: {},
  members: {},
};
