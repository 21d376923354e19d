// Formatting: the format-spec mini-language (f-strings, format(), str.format), %-formatting, and
// str.format's field syntax — with CPython's output for ints, floats and strings.

import { TypeError, ValueError, KeyError } from "./exceptions.js";
import { floatRepr, repr, str } from "./repr.js";
import { getItem } from "./functions.js";
import { isTuple } from "./tuple.js";
import { toFixedHalfEven, type Int } from "./int.js";

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw new ValueError(`Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[5] && !m[2] ? "0" : " "),
    align: m[2] ?? (m[5] ? "=" : ""),
    sign: m[3] ?? "-",
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? "",
    precision: m[8] !== undefined ? Number(m[8]) : null,
    type: m[9] ?? "",
  };
}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = "";
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: string): string {
  const align = s.align || defaultAlign;
  const len = [...body].length + sign.length;
  if (len >= s.width) return sign + body;
  const fill = s.fill.repeat(s.width - len);
  switch (align) {
    case "<":
      return sign + body + fill;
    case "^": {
      const half = Math.floor((s.width - len) / 2);
      return s.fill.repeat(half) + sign + body + s.fill.repeat(s.width - len - half);
    }
    case "=":
      return sign + fill + body;
    default:
      return fill + sign + body;
  }
}

function fixed(x: number, digits: number): string {
  if (Math.abs(x) >= 1e21) return BigInt(Math.round(x)).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  return toFixedHalfEven(Math.abs(x), digits);
}

function exponent(x: number, digits: number, upper: boolean): string {
  const [m, e] = Math.abs(x).toExponential(digits).split("e");
  const exp = Number(e);
  const out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return upper ? out.toUpperCase() : out;
}

function general(x: number, precision: number, alt: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? "0." + "0".repeat(p - 1) : "0";
  const exp = Number(Math.abs(x).toExponential(p - 1).split("e")[1]);
  let out: string;
  if (exp >= -4 && exp < p) {
    out = fixed(x, p - 1 - exp);
    if (!alt && out.includes(".")) out = out.replace(/\.?0+$/, "");
  } else {
    out = exponent(x, p - 1, upper);
    if (!alt) out = out.replace(/\.?0+e/, "e").replace(/\.?0+E/, "E");
  }
  return out;
}

function formatNumber(x: number | bigint, s: Spec, isFloat: boolean): string {
  let t = s.type;
  if (t === "" && !isFloat) t = "d";
  if ((t === "d" || t === "b" || t === "o" || t === "x" || t === "X" || t === "c" || t === "n") && isFloat && typeof x === "number" && !Number.isInteger(x)) {
    throw new ValueError(`Unknown format code '${t}' for object of type 'float'`);
  }
  if (t === "d" && isFloat) throw new ValueError(`Unknown format code 'd' for object of type 'float'`);
  const neg = typeof x === "bigint" ? x < 0n : x < 0 || Object.is(x, -0);
  let sign = neg ? "-" : s.sign === "+" ? "+" : s.sign === " " ? " " : "";
  let body: string;
  const absBig = typeof x === "bigint" ? (x < 0n ? -x : x) : null;
  const ax = typeof x === "number" ? Math.abs(x) : 0;
  switch (t) {
    case "d":
    case "n":
      body = group(absBig !== null ? absBig.toString() : String(ax), s.grouping);
      break;
    case "b":
    case "o":
    case "x":
    case "X": {
      const radix = t === "b" ? 2 : t === "o" ? 8 : 16;
      body = (absBig ?? BigInt(ax)).toString(radix);
      if (t === "X") body = body.toUpperCase();
      body = group(body, s.grouping === "_" ? "_" : "", 4);
      // The 0x prefix goes with the sign, before any zero padding (`{5:#010b}` is 0b00000101).
      if (s.alt) sign += `0${t === "X" ? "X" : t}`;
      break;
    }
    case "c":
      return pad(String.fromCodePoint(Number(x)), "", s, "<");
    case "e":
    case "E":
      body = !Number.isFinite(Number(x)) ? nonFinite(Number(x), t === "E") : exponent(Number(x), s.precision ?? 6, t === "E");
      break;
    case "f":
    case "F": {
      const v = Number(x);
      if (!Number.isFinite(v)) body = nonFinite(v, t === "F");
      else {
        body = fixed(v, s.precision ?? 6);
        const [i, f] = body.split(".");
        body = group(i!, s.grouping) + (f !== undefined ? "." + f : s.alt ? "." : "");
      }
      break;
    }
    case "%": {
      const v = Number(x) * 100;
      body = (Number.isFinite(v) ? fixed(v, s.precision ?? 6) : nonFinite(v, false)) + "%";
      break;
    }
    case "g":
    case "G": {
      const v = Number(x);
      body = Number.isFinite(v) ? general(v, s.precision ?? 6, s.alt, t === "G") : nonFinite(v, t === "G");
      break;
    }
    default: {
      // No type for a float: like 'g' but always with a digit after the point; without precision, repr().
      const v = Number(x);
      if (s.precision === null) body = floatRepr(Math.abs(v));
      else {
        body = Number.isFinite(v) ? general(v, s.precision, s.alt, false) : nonFinite(v, false);
        if (/^\d+$/.test(body)) body += ".0";
      }
      if (s.grouping) {
        const [i, f] = body.split(".");
        body = group(i!, s.grouping) + (f !== undefined ? "." + f : "");
      }
    }
  }
  return pad(body, sign, s, ">");
}

function nonFinite(x: number, upper: boolean): string {
  const s = Number.isNaN(x) ? "nan" : "inf";
  return upper ? s.toUpperCase() : s;
}

/** format(value, spec); `type` is the converter's descriptor ("float") for values statically known as floats. */
export function format(value: unknown, spec: string, type?: string): string {
  if (value instanceof Number) return format(value.valueOf(), spec, "float");
  if (value !== null && typeof value === "object" && typeof (value as { __format__?: (s: string) => string }).__format__ === "function") {
    return (value as { __format__: (s: string) => string }).__format__(spec);
  }
  if (spec === "") return str(value, type);
  const s = parseSpec(spec);
  // bool formats as an int under any spec but an empty one (handled above) or 's'.
  if (typeof value === "boolean" && s.type === "s") return pad(value ? "True" : "False", "", s, "<");
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    const v = typeof value === "boolean" ? Number(value) : value;
    const isFloat = type === "float" || (typeof v === "number" && !Number.isInteger(v)) || (typeof v === "number" && "eEfFgG%".includes(s.type) && s.type !== "");
    return formatNumber(v, s, isFloat && !"dboxXcn".includes(s.type || "?"));
  }
  if (typeof value === "string") {
    if (s.type && s.type !== "s") throw new ValueError(`Unknown format code '${s.type}' for object of type 'str'`);
    const text = s.precision !== null ? [...value].slice(0, s.precision).join("") : value;
    return pad(text, "", s, "<");
  }
  if (s.type || s.width || s.precision !== null) {
    if (spec) return pad(str(value), "", s, "<");
    throw new TypeError(`unsupported format string passed to ${typeof value}.__format__`);
  }
  return str(value);
}

/** `"%d items, %s" % args` with CPython's conversions and errors. */
export function percentFormat(fmt: string, args: unknown): string {
  const values = isTuple(args) ? [...args] : [args];
  const mapping = args instanceof Map ? args : null;
  let i = 0;
  const out = fmt.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    const next = () => {
      if (i >= values.length) throw new TypeError("not enough arguments for format string");
      return values[i++];
    };
    const w = width === "*" ? Number(next()) : width ? Number(width) : 0;
    const p = prec === "*" ? Number(next()) : prec !== undefined ? Number(prec) : null;
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) throw new TypeError("format requires a mapping");
      if (!mapping.has(key)) throw new KeyError(key);
      v = mapping.get(key);
    } else v = next();
    const spec: Spec = {
      fill: flags.includes("0") && !flags.includes("-") && "diouxXeEfFgG".includes(conv) ? "0" : " ",
      align: flags.includes("-") ? "<" : flags.includes("0") && "diouxXeEfFgG".includes(conv) ? "=" : ">",
      sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : "-",
      alt: flags.includes("#"),
      zero: false,
      width: w,
      grouping: "",
      precision: p,
      type: conv === "i" || conv === "u" ? "d" : conv,
    };
    switch (conv) {
      case "s":
      case "r":
      case "a": {
        let text = conv === "s" ? str(v) : repr(v);
        if (p !== null) text = text.slice(0, p);
        return pad(text, "", spec, ">");
      }
      case "c":
        return pad(typeof v === "string" ? v : String.fromCodePoint(Number(v)), "", spec, ">");
      default: {
        if (v instanceof Number) v = v.valueOf();
        if (typeof v !== "number" && typeof v !== "bigint" && typeof v !== "boolean") {
          throw new TypeError(`%${conv} format: a real number is required, not ${typeof v === "string" ? "str" : typeof v}`);
        }
        let n: number | bigint = typeof v === "boolean" ? Number(v) : v;
        const isInt = "diouxX".includes(conv);
        if (isInt && typeof n === "number") n = Math.trunc(n);
        if (conv === "o") spec.type = "o";
        return formatNumber(n, spec, !isInt);
      }
    }
  });
  if (!mapping && i < values.length) throw new TypeError("not all arguments converted during string formatting");
  return out;
}

/** The keyword arguments a call passes to a runtime function's `**kwargs` after its `*args`: its own class, so
 *  it is told apart from a dict passed positionally (`"{}".format(d)`). */
export class Keywords<V = unknown> extends Map<string, V> {}

/** `"{} {name:>5}".format(*args, **kwargs)` */
export function strFormat(fmt: string, ...args: unknown[]): string {
  const kwargs = args.at(-1) instanceof Keywords ? (args.pop() as Keywords) : new Keywords();
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::((?:\{[^{}]*\}|[^{}])*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    const path = (field ?? "").match(/^([^.[]*)(.*)$/)!;
    const head = path[1]!;
    let v: unknown = head === "" ? args[auto++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs.get(head);
    if (v === undefined && head !== "" && !/^\d+$/.test(head) && !kwargs.has(head)) throw new KeyError(head);
    for (const part of path[2]!.matchAll(/\.(\w+)|\[([^\]]*)\]/g)) {
      if (part[1]) v = (v as Record<string, unknown>)[part[1]];
      else v = getItem(v, /^\d+$/.test(part[2]!) ? Number(part[2]) : part[2]);
    }
    if (conv) v = conv === "s" ? str(v) : repr(v);
    const s = (spec ?? "").replace(/\{([^{}]*)\}/g, (_x, inner: string) => String(inner === "" ? args[auto++] : /^\d+$/.test(inner) ? args[Number(inner)] : kwargs.get(inner)));
    return format(v, s);
  });
}

void ({} as Int);
