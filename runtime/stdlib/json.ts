// json: CPython's encoder output byte for byte (separators, indent, ensure_ascii escapes, float repr) and its
// decoder's results (dicts keep insertion order, exact ints) and error messages with line/column/char.
// An integral float is a plain number at run time, so dumps takes the converter's type descriptor of `obj`
// (as print does) to write 2.0 rather than 2; loads boxes its integral floats (builtins/float.ts).

import { TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { compare } from "../builtins/functions.js";
import { norm, typeName } from "../builtins/int.js";
import { asFloat } from "../builtins/float.js";
import { descFor, floatRepr, parseDesc, type Desc } from "../builtins/repr.js";
import { isTuple } from "../builtins/tuple.js";

export class JSONDecodeError extends ValueError {
  readonly msg: string;
  readonly doc: string;
  readonly pos: number;
  readonly lineno: number;
  readonly colno: number;
  constructor(msg: string, doc: string, pos: number) {
    const before = [...doc].slice(0, pos);
    const lineno = before.filter((c) => c === "\n").length + 1;
    const colno = pos - before.lastIndexOf("\n");
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
    this.msg = msg;
    this.doc = doc;
    this.pos = pos;
    this.lineno = lineno;
    this.colno = colno;
  }
}
registerException(JSONDecodeError as unknown as new (...args: unknown[]) => JSONDecodeError);

export interface DumpsOptions {
  skipkeys?: boolean;
  ensure_ascii?: boolean;
  check_circular?: boolean;
  allow_nan?: boolean;
  indent?: number | string | null;
  separators?: readonly [string, string] | readonly string[] | null;
  sort_keys?: boolean;
  /** The converter's type descriptor of `obj` when it holds floats. */
  type?: string;
}

const OTHER: Desc = { k: "other" };

function encodeString(s: string, ascii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const u = s.charCodeAt(i);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    // ensure_ascii writes every unit outside ' '..'~' as \uXXXX (astral characters as their surrogate pair).
    else if (u < 0x20 || (ascii && u > 0x7e)) out += `\\u${u.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

function encodeFloat(x: number, allowNan: boolean): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!allowNan) throw new ValueError("Out of range float values are not JSON compliant");
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

class Encoder {
  private readonly indent: string | null;
  private readonly itemSep: string;
  private readonly keySep: string;
  private readonly inProgress = new Set<object>();

  constructor(private readonly o: DumpsOptions) {
    this.indent = o.indent === null || o.indent === undefined ? null : typeof o.indent === "string" ? o.indent : " ".repeat(Math.max(0, Number(o.indent)));
    const [itemSep, keySep] = o.separators ?? (this.indent === null ? [", ", ": "] : [",", ": "]);
    this.itemSep = itemSep!;
    this.keySep = keySep!;
  }

  encode(x: unknown, d: Desc, level: number): string {
    d = descFor(d, x);
    if (x === null || x === undefined) return "null";
    if (x === true) return "true";
    if (x === false) return "false";
    if (typeof x === "string") return encodeString(x, this.o.ensure_ascii !== false);
    if (typeof x === "bigint") return x.toString();
    if (x instanceof Number) return encodeFloat(x.valueOf(), this.o.allow_nan !== false);
    if (typeof x === "number") return d.k === "float" || !Number.isInteger(x) ? encodeFloat(x, this.o.allow_nan !== false) : String(x);
    if (Array.isArray(x)) {
      const elts = d.k === "tuple" ? d.elts : undefined;
      const elt = d.k === "list" ? d.elt : OTHER;
      return this.container(x, "[", "]", level, (v, i, lvl) => this.encode(v, elts ? (elts[i] ?? (elts.length === 1 ? elts[0]! : OTHER)) : elt, lvl));
    }
    if (x instanceof Map) {
      const [kd, vd] = d.k === "dict" ? [d.key, d.value] : [OTHER, OTHER];
      let entries = [...x];
      if (this.o.sort_keys) entries = entries.sort((a, b) => compare(a[0], b[0]));
      const items: [string, unknown][] = [];
      for (const [k, v] of entries) {
        const key = this.key(k, descFor(kd, k));
        if (key !== undefined) items.push([key, v]);
      }
      return this.container(x, "{", "}", level, (_, i, lvl) => `${encodeString(items[i]![0], this.o.ensure_ascii !== false)}${this.keySep}${this.encode(items[i]![1], vd, lvl)}`, items);
    }
    throw new TypeError(`Object of type ${typeName(x)} is not JSON serializable`);
  }

  /** A dict key as JSON writes it; undefined to skip it (skipkeys). */
  private key(k: unknown, d: Desc): string | undefined {
    if (typeof k === "string") return k;
    if (typeof k === "number") return d.k === "float" || !Number.isInteger(k) ? encodeFloat(k, this.o.allow_nan !== false) : String(k);
    if (typeof k === "bigint") return k.toString();
    if (k === true) return "true";
    if (k === false) return "false";
    if (k === null || k === undefined) return "null";
    if (this.o.skipkeys) return undefined;
    throw new TypeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
  }

  private container(x: object, open: string, close: string, level: number, item: (v: unknown, i: number, level: number) => string, entries?: readonly unknown[]): string {
    const values = entries ?? (x as unknown[]);
    if (values.length === 0) return open + close;
    if (this.o.check_circular !== false) {
      if (this.inProgress.has(x)) throw new ValueError("Circular reference detected");
      this.inProgress.add(x);
    }
    const parts = values.map((v, i) => item(v, i, level + 1));
    this.inProgress.delete(x);
    if (this.indent === null) return open + parts.join(this.itemSep) + close;
    const inner = `\n${this.indent.repeat(level + 1)}`;
    return `${open}${inner}${parts.join(this.itemSep + inner)}\n${this.indent.repeat(level)}${close}`;
  }
}

export function dumps(obj: unknown, options: DumpsOptions = {}): string {
  return new Encoder(options).encode(obj, options.type ? parseDesc(options.type) : OTHER, 0);
}

export function dump(obj: unknown, fp: { write(s: string): unknown }, options: DumpsOptions = {}): void {
  fp.write(dumps(obj, options));
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const NUMBER_CHARS = /^[-+.0-9eE]$/;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** CPython's scanner (Modules/_json.c) over an array of code points, so positions are Python's. */
class Decoder {
  private readonly cs: string[];
  constructor(private readonly doc: string) {
    this.cs = [...doc];
  }

  private fail(msg: string, pos: number): JSONDecodeError {
    return new JSONDecodeError(msg, this.doc, pos);
  }

  private skip(i: number): number {
    while (i < this.cs.length && WS.has(this.cs[i]!)) i++;
    return i;
  }

  decode(): unknown {
    if (this.cs[0] === "\ufeff") throw this.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    const [value, end] = this.value(this.skip(0));
    const rest = this.skip(end);
    if (rest !== this.cs.length) throw this.fail("Extra data", rest);
    return value;
  }

  private value(i: number): [unknown, number] {
    const c = this.cs[i];
    const word = (w: string) => this.cs.slice(i, i + w.length).join("") === w;
    switch (c) {
      case '"':
        return this.string(i + 1);
      case "{":
        return this.object(i + 1);
      case "[":
        return this.array(i + 1);
      case "n":
        if (word("null")) return [null, i + 4];
        break;
      case "t":
        if (word("true")) return [true, i + 4];
        break;
      case "f":
        if (word("false")) return [false, i + 5];
        break;
      case "N":
        if (word("NaN")) return [NaN, i + 3];
        break;
      case "I":
        if (word("Infinity")) return [Infinity, i + 8];
        break;
      case "-":
        if (word("-Infinity")) return [-Infinity, i + 9];
        break;
      default:
        break;
    }
    if (c !== undefined && (c === "-" || (c >= "0" && c <= "9"))) {
      // Numbers are ASCII, so the code point slice and the regex agree on positions.
      let j = i;
      while (j < this.cs.length && NUMBER_CHARS.test(this.cs[j]!)) j++;
      const text = this.cs.slice(i, j).join("");
      NUMBER.lastIndex = 0;
      const m = NUMBER.exec(text);
      if (m) {
        const end = i + m[0].length;
        // Its values have no static type: an integral float is boxed so it stays a float.
        if (m[2] || m[3]) return [asFloat(Number(m[0])), end];
        return [m[1]!.length > 15 ? norm(BigInt(m[1]!)) : Number(m[1]!) || 0, end];
      }
    }
    throw this.fail("Expecting value", i);
  }

  private string(i: number): [string, number] {
    const begin = i - 1;
    let out = "";
    for (;;) {
      const c = this.cs[i];
      if (c === undefined) throw this.fail("Unterminated string starting at", begin);
      if (c === '"') return [out, i + 1];
      if (c < " ") throw this.fail("Invalid control character at", i);
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = this.cs[i + 1];
      if (e === undefined) throw this.fail("Unterminated string starting at", begin);
      if (e !== "u") {
        if (!(e in ESCAPES)) throw this.fail("Invalid \\escape", i);
        out += ESCAPES[e];
        i += 2;
        continue;
      }
      let code = this.hex4(i + 2, i + 1);
      i += 6;
      // A high surrogate followed by \u and a low one is one character.
      if (code >= 0xd800 && code <= 0xdbff && this.cs[i] === "\\" && this.cs[i + 1] === "u") {
        const low = this.hex4(i + 2, i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        }
      }
      out += String.fromCodePoint(code);
    }
  }

  private hex4(at: number, errorPos: number): number {
    if (at + 4 >= this.cs.length) throw this.fail("Invalid \\uXXXX escape", errorPos);
    const digits = this.cs.slice(at, at + 4).join("");
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw this.fail("Invalid \\uXXXX escape", errorPos);
    return parseInt(digits, 16);
  }

  private object(i: number): [Map<string, unknown>, number] {
    const out = new Map<string, unknown>();
    i = this.skip(i);
    if (this.cs[i] === "}") return [out, i + 1];
    for (;;) {
      if (this.cs[i] !== '"') throw this.fail("Expecting property name enclosed in double quotes", i);
      const [key, afterKey] = this.string(i + 1);
      i = this.skip(afterKey);
      if (this.cs[i] !== ":") throw this.fail("Expecting ':' delimiter", i);
      const [value, afterValue] = this.value(this.skip(i + 1));
      out.set(key, value);
      i = this.skip(afterValue);
      if (this.cs[i] === "}") return [out, i + 1];
      if (this.cs[i] !== ",") throw this.fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
    }
  }

  private array(i: number): [unknown[], number] {
    const out: unknown[] = [];
    i = this.skip(i);
    if (this.cs[i] === "]") return [out, i + 1];
    for (;;) {
      const [value, after] = this.value(i);
      out.push(value);
      i = this.skip(after);
      if (this.cs[i] === "]") return [out, i + 1];
      if (this.cs[i] !== ",") throw this.fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
    }
  }
}

export function loads(s: unknown): any {
  if (typeof s !== "string") throw new TypeError(`the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
  return new Decoder(s).decode();
}

export function load(fp: { read(): string }): any {
  return loads(fp.read());
}
