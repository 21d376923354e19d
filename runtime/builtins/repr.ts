// str() and repr() of every built-in value, as CPython 3.11 prints them. An integral float (3.0) is
// indistinguishable from an int at run time, so the converter passes a type descriptor ("float",
// "list[float]", "dict[str, float]") wherever the static type holds a float; where it holds an int or a float,
// an integral float is boxed (float.ts).

import { BaseException, KeyError } from "./exceptions.js";
import { asTuple, isTuple } from "./tuple.js";
import { Range } from "./range.js";

export type Desc =
  | { k: "float" }
  | { k: "int" }
  | { k: "other" }
  | { k: "list" | "set" | "frozenset"; elt: Desc }
  | { k: "tuple"; elts: Desc[]; rest?: Desc }
  | { k: "dict"; key: Desc; value: Desc }
  | { k: "union"; members: Desc[] };

const descCache = new Map<string, Desc>();

export function parseDesc(text: string): Desc {
  let d = descCache.get(text);
  if (!d) descCache.set(text, (d = new DescParser(text).parse()));
  return d;
}

class DescParser {
  private i = 0;
  constructor(private readonly s: string) {}
  parse(): Desc {
    const members = [this.one()];
    while (this.peek("|")) {
      this.i++;
      members.push(this.one());
    }
    return members.length === 1 ? members[0]! : { k: "union", members };
  }
  private peek(ch: string): boolean {
    while (this.s[this.i] === " ") this.i++;
    return this.s[this.i] === ch;
  }
  private name(): string {
    while (this.s[this.i] === " ") this.i++;
    const m = /^[A-Za-z_]+/.exec(this.s.slice(this.i));
    this.i += m ? m[0].length : 0;
    return m ? m[0] : "";
  }
  private args(): Desc[] {
    const out: Desc[] = [];
    if (!this.peek("[")) return out;
    this.i++;
    for (;;) {
      out.push(this.parse());
      if (this.peek(",")) {
        this.i++;
        continue;
      }
      if (this.peek("]")) this.i++;
      return out;
    }
  }
  private one(): Desc {
    const n = this.name();
    const args = this.args();
    switch (n) {
      case "float":
        return { k: "float" };
      case "int":
        return { k: "int" };
      case "list":
      case "set":
      case "frozenset":
        return { k: n, elt: args[0] ?? { k: "other" } };
      case "tuple":
        return { k: "tuple", elts: args };
      case "dict":
        return { k: "dict", key: args[0] ?? { k: "other" }, value: args[1] ?? { k: "other" } };
      default:
        return { k: "other" };
    }
  }
}

export function floatRepr(x: number): string {
  return floatText(x, undefined, 16);
}

let python2Str = false;

/**
 * Python 2 semantics for str() of a float: 12 significant digits, as `print` showed them (its repr, and
 * floats inside containers, are Python 3's). A converted Python 2 program calls this first.
 */
export function python2FloatStr(): void {
  python2Str = true;
}

/** str() of a float: its repr, or under Python 2 its 12 significant digits (CPython 2's float_str: positional below 1e11). */
function floatStr(x: number): string {
  return python2Str ? floatText(x, 12, 11) : floatRepr(x);
}

/**
 * A float's digits, all those of its shortest repr (`precision` undefined) or rounded to `precision`
 * significant digits half to even as CPython does, written positionally for exponents from -4 up to
 * `expLimit` and in scientific notation beyond.
 */
function floatText(x: number, precision: number | undefined, expLimit: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  let [mant, expText] = x.toExponential().split("e");
  if (precision !== undefined && mant!.replace(/[-.]/g, "").length > precision) {
    // toExponential(n) rounds a tie away from zero; CPython to even. The shortest repr shows a tie exactly.
    const shortest = mant!.replace(/[-.]/g, "");
    const tie = shortest.length === precision + 1 && shortest.endsWith("5") && Number(shortest[precision - 1]) % 2 === 0;
    [mant, expText] = (tie ? Number(`${mant!.slice(0, -1)}e${expText}`) : x).toExponential(precision - 1).split("e");
  }
  const exp = Number(expText);
  const neg = mant!.startsWith("-");
  const digits = mant!.replace("-", "").replace(".", "").replace(/(?<=.)0+$/, "");
  let out: string;
  if (exp >= -4 && exp < expLimit) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1);
      out = `${intPart}.${frac || "0"}`;
    } else {
      out = `0.${"0".repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return neg ? `-${out}` : out;
}

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp > 0x7f && !isPrintable(ch)) {
      out += cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function isPrintable(ch: string): boolean {
  return ch === " " || !NON_PRINTABLE.test(ch);
}

export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

let fakeAddress = 0x7f3a2c000000;
const addresses = new WeakMap<object, number>();
export function addressOf(o: object): string {
  let a = addresses.get(o);
  if (a === undefined) {
    a = fakeAddress += 0x30;
    addresses.set(o, a);
  }
  return `0x${a.toString(16)}`;
}

const other: Desc = { k: "other" };

export function descFor(d: Desc, x: unknown): Desc {
  if (d.k !== "union") return d;
  // A union member that is a float applies to numbers; containers pick the member of their kind.
  // int | float: an integral number could be either, so it prints as it looks (an int).
  if (typeof x === "number") return d.members.some((m) => m.k === "int") ? other : (d.members.find((m) => m.k === "float") ?? other);
  if (x instanceof Map) return d.members.find((m) => m.k === "dict") ?? other;
  if (x instanceof Set) return d.members.find((m) => m.k === "set") ?? other;
  if (Array.isArray(x)) return d.members.find((m) => (isTuple(x) ? m.k === "tuple" : m.k === "list")) ?? other;
  return other;
}

function reprWith(x: unknown, d: Desc): string {
  d = descFor(d, x);
  if (x === null || x === undefined) return "None";
  if (x instanceof Number) return floatRepr(x.valueOf());
  switch (typeof x) {
    case "boolean":
      return x ? "True" : "False";
    case "number":
      return d.k === "float" || !Number.isInteger(x) ? floatRepr(x) : String(x);
    case "bigint":
      return x.toString();
    case "string":
      return strRepr(x);
    case "function":
      return `<function ${x.name || "<lambda>"} at ${addressOf(x)}>`;
    default:
      break;
  }
  // A runtime class's own repr wins over its base's (a Counter is a Map, a namedtuple a tuple).
  const own = (x as { __repr__?: () => string }).__repr__;
  if (typeof own === "function" && (x instanceof Map || Array.isArray(x))) return own.call(x);
  if (Array.isArray(x)) {
    if (isTuple(x)) {
      const elts = d.k === "tuple" ? d.elts : [];
      const items = x.map((v, i) => reprWith(v, elts[i] ?? (d.k === "tuple" && elts.length === 1 ? elts[0]! : other)));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    const elt = d.k === "list" ? d.elt : other;
    return `[${(x as unknown[]).map((v) => reprWith(v, elt)).join(", ")}]`;
  }
  if (x instanceof Map) {
    const [kd, vd] = d.k === "dict" ? [d.key, d.value] : [other, other];
    return `{${[...x].map(([k, v]) => `${reprWith(k, kd)}: ${reprWith(v, vd)}`).join(", ")}}`;
  }
  if (x instanceof Set) {
    const elt = d.k === "set" || d.k === "frozenset" ? d.elt : other;
    const frozen = (x as { frozen?: boolean }).frozen === true;
    if (x.size === 0) return frozen ? "frozenset()" : "set()";
    const body = `{${[...x].map((v) => reprWith(v, elt)).join(", ")}}`;
    return frozen ? `frozenset(${body})` : body;
  }
  if (x instanceof Uint8Array) return bytesRepr(x);
  if (x instanceof Range) return x.step === 1 ? `range(${x.start}, ${x.stop})` : `range(${x.start}, ${x.stop}, ${x.step})`;
  if (x instanceof BaseException) {
    const name = x.constructor.name;
    const args = (x as BaseException).args;
    return args.length === 1 ? `${name}(${repr(args[0])})` : `${name}(${args.map((a) => repr(a)).join(", ")})`;
  }
  const o = x as { __repr__?: () => string; constructor?: { name?: string } };
  if (typeof o.__repr__ === "function") return o.__repr__();
  return `<__main__.${o.constructor?.name ?? "object"} object at ${addressOf(o as object)}>`;
}

/** Python's repr(x); `type` is a descriptor for values whose static type holds a float. */
export function repr(x: unknown, type?: string): string {
  return reprWith(x, type ? parseDesc(type) : other);
}

/** Python's str(x); `type` as for repr. */
export function str(x: unknown, type?: string): string {
  if (typeof x === "string") return x;
  if (typeof x === "number") return type && descFor(parseDesc(type), x).k === "float" ? floatStr(x) : Number.isInteger(x) ? String(x) : floatStr(x);
  if (x instanceof Number) return floatStr(x.valueOf());
  if (x instanceof BaseException) {
    if (typeof (x as unknown as { __str__?: () => string }).__str__ === "function") return (x as unknown as { __str__: () => string }).__str__();
    // CPython: one argument prints as itself (a KeyError as its repr), several as the args tuple.
    return x.args.length === 0 ? "" : x.args.length === 1 ? (x instanceof KeyError ? repr(x.args[0]) : str(x.args[0])) : repr(asTuple([...x.args]));
  }
  if (x !== null && typeof x === "object") {
    const o = x as { __str__?: () => string };
    if (typeof o.__str__ === "function") return o.__str__();
  }
  return repr(x, type);
}
