// hashlib → py2ts-mp/runtime/hashlib: hash constructors and the hash object's methods.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const hash = () => T.object("Hash");
const ctor = (ts: string): ApiRow => ({ kind: "call", ts, params: ["string"], result: hash });

export const hashlib: ModuleTable = {
  python: "hashlib",
  runtime: "py2ts-mp/runtime/hashlib",
  names: {
    new: { kind: "call", ts: "new_", params: ["name", "data"], result: hash },
    md5: ctor("md5"),
    sha1: ctor("sha1"),
    sha224: ctor("sha224"),
    sha256: ctor("sha256"),
    sha384: ctor("sha384"),
    sha512: ctor("sha512"),
  },
  classes: { Hash: { ts: "Hash" } },
  members: {
    "Hash.update": { kind: "method", ts: "update", params: ["obj"], result: () => T.none },
    "Hash.digest": { kind: "method", ts: "digest", params: [], result: () => T.bytes },
    "Hash.hexdigest": { kind: "method", ts: "hexdigest", params: [], result: () => T.str },
    "Hash.copy": { kind: "method", ts: "copy", params: [], result: hash },
    "Hash.name": { kind: "attr", ts: "name", params: [], result: () => T.str },
    "Hash.digest_size": { kind: "attr", ts: "digest_size", params: [], result: () => T.int(16, 64) },
    "Hash.block_size": { kind: "attr", ts: "block_size", params: [], result: () => T.int(64, 128) },
  },
};
