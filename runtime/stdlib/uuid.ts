// uuid: UUID values (parsed as CPython parses them, printed in canonical form), uuid4 from a CSPRNG, and the
// deterministic name-based uuid3 (MD5) and uuid5 (SHA-1).

import crypto from "node:crypto";
import { TypeError, ValueError } from "../builtins/exceptions.js";
import { norm, type Int } from "../builtins/int.js";
import { encode } from "../builtins/bytes.js";

export class UUID {
  /** The 16 bytes, big-endian. */
  readonly bytes: Uint8Array;

  constructor(opts: { hex?: string | null; bytes?: Uint8Array | null }) {
    const hex = opts.hex ?? null;
    if (hex !== null) {
      const digits = hex.replace(/^urn:/, "").replace(/^uuid:/, "").replace(/[{}-]/g, "");
      if (!/^[0-9a-fA-F]{32}$/.test(digits)) throw new ValueError("badly formed hexadecimal UUID string");
      this.bytes = new Uint8Array(Buffer.from(digits, "hex"));
    } else if (opts.bytes) {
      if (opts.bytes.length !== 16) throw new ValueError("bytes is not a 16-char string");
      this.bytes = opts.bytes.slice();
    } else throw new TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given");
  }

  get hex(): string {
    return Buffer.from(this.bytes).toString("hex");
  }

  get int(): Int {
    return norm(BigInt(`0x${this.hex}`));
  }

  /** The version number, meaningful only for RFC 4122 UUIDs (as in CPython). */
  get version(): number | null {
    return (this.bytes[8]! & 0xc0) === 0x80 ? this.bytes[6]! >> 4 : null;
  }

  get urn(): string {
    return `urn:uuid:${this.__str__()}`;
  }

  __str__(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  __repr__(): string {
    return `UUID('${this.__str__()}')`;
  }

  __eq__(other: unknown): boolean {
    return other instanceof UUID && this.hex === other.hex;
  }

  __lt__(other: unknown): boolean {
    if (!(other instanceof UUID)) throw new TypeError(`'<' not supported between instances of 'UUID' and '${typeof other}'`);
    return this.hex < other.hex;
  }
}

/** Set the RFC 4122 variant and the version into 16 bytes. */
function stamp(b: Uint8Array, version: number): UUID {
  b[6] = (b[6]! & 0x0f) | (version << 4);
  b[8] = (b[8]! & 0x3f) | 0x80;
  return new UUID({ bytes: b });
}

export function uuid4(): UUID {
  return stamp(new Uint8Array(crypto.randomBytes(16)), 4);
}

function nameBased(algorithm: string, version: number, namespace: UUID, name: string | Uint8Array): UUID {
  const data = typeof name === "string" ? encode(name) : name;
  const digest = crypto.createHash(algorithm).update(namespace.bytes).update(data).digest();
  return stamp(new Uint8Array(digest.subarray(0, 16)), version);
}

export const uuid3 = (namespace: UUID, name: string | Uint8Array) => nameBased("md5", 3, namespace, name);
export const uuid5 = (namespace: UUID, name: string | Uint8Array) => nameBased("sha1", 5, namespace, name);

export const NAMESPACE_DNS = new UUID({ hex: "6ba7b810-9dad-11d1-80b4-00c04fd430c8" });
export const NAMESPACE_URL = new UUID({ hex: "6ba7b811-9dad-11d1-80b4-00c04fd430c8" });
export const NAMESPACE_OID = new UUID({ hex: "6ba7b812-9dad-11d1-80b4-00c04fd430c8" });
export const NAMESPACE_X500 = new UUID({ hex: "6ba7b814-9dad-11d1-80b4-00c04fd430c8" });
