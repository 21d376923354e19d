// hashlib: md5, sha1, the sha2 family and new(name) on node:crypto; digests are bytes, hexdigest a str.

import crypto from "node:crypto";
import { TypeError, ValueError } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";

/** Python's algorithm names, with their digest and block sizes in bytes. */
const ALGORITHMS: Readonly<Record<string, { digest: number; block: number }>> = {
  md5: { digest: 16, block: 64 },
  sha1: { digest: 20, block: 64 },
  sha224: { digest: 28, block: 64 },
  sha256: { digest: 32, block: 64 },
  sha384: { digest: 48, block: 128 },
  sha512: { digest: 64, block: 128 },
};

function data(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (typeof x === "string") throw new TypeError("Strings must be encoded before hashing");
  throw new TypeError(`object supporting the buffer API required`);
}

export class Hash {
  readonly name: string;
  readonly digest_size: number;
  readonly block_size: number;

  constructor(name: string, private readonly h: crypto.Hash) {
    this.name = name;
    this.digest_size = ALGORITHMS[name]!.digest;
    this.block_size = ALGORITHMS[name]!.block;
  }

  update(obj: unknown): null {
    this.h.update(data(obj));
    return null;
  }

  /** Digesting does not end the hash in Python: further updates continue from the same state. */
  digest(): Uint8Array {
    return new Uint8Array(this.h.copy().digest());
  }

  hexdigest(): string {
    return this.h.copy().digest("hex");
  }

  copy(): Hash {
    return new Hash(this.name, this.h.copy());
  }
}

export function new_(name: string, data_: unknown = null): Hash {
  if (typeof name !== "string") throw new TypeError(`new() argument 'name' must be str, not ${typeName(name)}`);
  const key = name.toLowerCase();
  if (!(key in ALGORITHMS)) throw new ValueError(`unsupported hash type ${name}`);
  const h = new Hash(key, crypto.createHash(key));
  if (data_ !== null) h.update(data_);
  return h;
}

export const md5 = (string: unknown = null) => new_("md5", string);
export const sha1 = (string: unknown = null) => new_("sha1", string);
export const sha224 = (string: unknown = null) => new_("sha224", string);
export const sha256 = (string: unknown = null) => new_("sha256", string);
export const sha384 = (string: unknown = null) => new_("sha384", string);
export const sha512 = (string: unknown = null) => new_("sha512", string);
