// Methods of str that JS strings lack or define differently (split with no separator, strip with
// characters, find/count ranges, justification), with CPython's results and errors.

import { astralCodePoints, cpOffset, unitOffset } from "./code-points.js";
import { TypeError, ValueError } from "./exceptions.js";
import { typeName, type Int } from "./int.js";
import { asTuple, isTuple } from "./tuple.js";

const WS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

const WS_RUN = /[ \t\n\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function trimmer(chars: string | null | undefined, left: boolean, right: boolean) {
  const set = chars ?? WS;
  return (s: string) => {
    let a = 0;
    let b = s.length;
    if (left) while (a < b && set.includes(s[a]!)) a++;
    if (right) while (b > a && set.includes(s[b - 1]!)) b--;
    return s.slice(a, b);
  };
}

export const strip = (s: string, chars: string | null = null) => trimmer(chars, true, true)(s);
export const lstrip = (s: string, chars: string | null = null) => trimmer(chars, true, false)(s);
export const rstrip = (s: string, chars: string | null = null) => trimmer(chars, false, true)(s);

export function split(s: string, sep: string | null = null, maxsplit = -1): string[] {
  if (sep === "") throw new ValueError("empty separator");
  if (sep === null && maxsplit < 0) {
    // The common case in one native pass: runs of Python whitespace separate words.
    const words = s.split(WS_RUN);
    if (words[0] === "") words.shift();
    if (words.at(-1) === "") words.pop();
    return words;
  }
  if (sep === null) {
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      while (i < s.length && WS.includes(s[i]!)) i++;
      if (i >= s.length) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rstrip(s.slice(i)));
        break;
      }
      let j = i;
      while (j < s.length && !WS.includes(s[j]!)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** Python's whitespace (WS) by code unit. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * The words of `s.split()` one at a time, for a loop over them: the same words as split() (a str cannot
 * change meanwhile), without a list whose millions of short strings all stay alive until the loop ends.
 */
export function iterSplit(s: string): IterableIterator<string> {
  const n = s.length;
  let i = 0;
  // One result object for every step: a for-of reads it at once (as Range's iterator does).
  const step = { value: "", done: false } as IteratorResult<string>;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next() {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return { value: undefined, done: true };
      let j = i + 1;
      while (j < n && !isSpace(s.charCodeAt(j))) j++;
      step.value = s.slice(i, j);
      i = j;
      return step;
    },
  };
}

export function rsplit(s: string, sep: string | null = null, maxsplit = -1): string[] {
  if (maxsplit < 0) return split(s, sep);
  if (sep === null) {
    const words = split(s);
    if (words.length <= maxsplit) return words;
    let head = rstrip(s);
    for (const w of words.slice(words.length - maxsplit).reverse()) head = rstrip(head.slice(0, head.length - w.length));
    return [head, ...words.slice(words.length - maxsplit)];
  }
  const parts = s.split(sep);
  if (parts.length <= maxsplit + 1) return parts;
  return [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)];
}

export function splitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    out.push(s.slice(last, keepends ? m.index! + m[0].length : m.index));
    last = m.index! + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

export function join(sep: string, items: Iterable<unknown>): string {
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      if (typeof items[i] !== "string") throw new TypeError(`sequence item ${i}: expected str instance, ${typeName(items[i])} found`);
    }
    return items.join(sep);
  }
  const parts: string[] = [];
  let i = 0;
  for (const x of items) {
    if (typeof x !== "string") throw new TypeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
    parts.push(x);
    i++;
  }
  return parts.join(sep);
}

export function replace(s: string, old: string, nu: string, count = -1): string {
  // An empty `old` matches before each code point and at the end.
  if (old === "") {
    const parts = [...s];
    const n = count < 0 ? parts.length + 1 : Math.min(count, parts.length + 1);
    return parts.map((ch, i) => (i < n ? nu + ch : ch)).join("") + (n > parts.length ? nu : "");
  }
  if (count < 0) return s.split(old).join(nu);
  let out = s;
  let from = 0;
  for (let n = 0; n < count; n++) {
    const i = out.indexOf(old, from);
    if (i < 0) break;
    out = out.slice(0, i) + nu + out.slice(i + old.length);
    from = i + nu.length;
  }
  return out;
}

/** len() of a str: its code points. */
function cpLength(s: string): number {
  return (astralCodePoints(s) ?? s).length;
}

/** A start/end pair in code points, clamped as Python's slices are, as UTF-16 offsets. */
function range_(s: string, start?: Int | null, end?: Int | null): [number, number] {
  const n = cpLength(s);
  const norm = (i: Int | null | undefined, d: number) => {
    if (i === null || i === undefined) return d;
    const v = Number(i);
    return v < 0 ? Math.max(0, n + v) : Math.min(v, n);
  };
  return [unitOffset(s, norm(start, 0)), unitOffset(s, norm(end, n))];
}

export function startswith(s: string, prefix: string | readonly string[], start?: Int | null, end?: Int | null): boolean {
  const [a, b] = range_(s, start, end);
  const sub = s.slice(a, b);
  return (isTuple(prefix) || Array.isArray(prefix) ? (prefix as string[]) : [prefix as string]).some((p) => sub.startsWith(p));
}

export function endswith(s: string, suffix: string | readonly string[], start?: Int | null, end?: Int | null): boolean {
  const [a, b] = range_(s, start, end);
  const sub = s.slice(a, b);
  return (Array.isArray(suffix) ? (suffix as string[]) : [suffix as string]).some((p) => sub.endsWith(p));
}

export function find(s: string, sub: string, start?: Int | null, end?: Int | null): number {
  const [a, b] = range_(s, start, end);
  const i = s.slice(0, b).indexOf(sub, a);
  return i < 0 || i + sub.length > b ? -1 : cpOffset(s, i);
}

export function rfind(s: string, sub: string, start?: Int | null, end?: Int | null): number {
  const [a, b] = range_(s, start, end);
  const i = s.slice(a, b).lastIndexOf(sub);
  return i < 0 ? -1 : cpOffset(s, i + a);
}

export function strIndex(s: string, sub: string, start?: Int | null, end?: Int | null): number {
  const i = find(s, sub, start, end);
  if (i < 0) throw new ValueError("substring not found");
  return i;
}

export function strCount(s: string, sub: string, start?: Int | null, end?: Int | null): number {
  const [a, b] = range_(s, start, end);
  const t = s.slice(a, b);
  if (sub === "") return t.length + 1;
  return t.split(sub).length - 1;
}

export const center = (s: string, width: number, fill = " ") => {
  const n = width - cpLength(s);
  if (n <= 0) return s;
  // CPython: the odd padding character goes left when the width is odd.
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
};
export const ljust = (s: string, width: number, fill = " ") => s + fill.repeat(Math.max(0, width - cpLength(s)));
export const rjust = (s: string, width: number, fill = " ") => fill.repeat(Math.max(0, width - cpLength(s))) + s;
export function zfill(s: string, width: number): string {
  const sign = s[0] === "-" || s[0] === "+" ? s[0] : "";
  const body = sign ? s.slice(1) : s;
  return sign + "0".repeat(Math.max(0, width - cpLength(s))) + body;
}

const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;

/** str.title(): a cased character after a cased one is lowered, any other uppered. */
export function title(s: string): string {
  let out = "";
  let afterCased = false;
  for (const ch of s) {
    out += afterCased ? ch.toLowerCase() : ch.toUpperCase();
    afterCased = CASED.test(ch);
  }
  return out;
}

/** str.istitle(): some cased character, uppercase ones only after uncased ones, lowercase only after cased. */
export function istitle(s: string): boolean {
  let afterCased = false;
  let cased = false;
  for (const ch of s) {
    if (UPPER.test(ch)) {
      if (afterCased) return false;
      afterCased = cased = true;
    } else if (CASED.test(ch)) {
      if (!afterCased) return false;
      afterCased = cased = true;
    } else afterCased = false;
  }
  return cased;
}

export function capitalize(s: string): string {
  const [first = "", ...rest] = s;
  return first.toUpperCase() + rest.join("").toLowerCase();
}

export function swapcase(s: string): string {
  let out = "";
  for (const ch of s) out += UPPER.test(ch) ? ch.toLowerCase() : CASED.test(ch) ? ch.toUpperCase() : ch;
  return out;
}

/** str.partition / rpartition: a 3-tuple around the first (last) separator. */
export function partition(s: string, sep: string): readonly [string, string, string] {
  if (sep === "") throw new ValueError("empty separator");
  const i = s.indexOf(sep);
  return asTuple<[string, string, string]>(i < 0 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
}
export function rpartition(s: string, sep: string): readonly [string, string, string] {
  if (sep === "") throw new ValueError("empty separator");
  const i = s.lastIndexOf(sep);
  return asTuple<[string, string, string]>(i < 0 ? ["", "", s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
}

/** str.expandtabs(): each tab pads to the next multiple of tabsize; a newline restarts the column. */
export function expandtabs(s: string, tabsize = 8): string {
  let out = "";
  let col = 0;
  for (const ch of s) {
    if (ch === "\t") {
      const pad = tabsize > 0 ? tabsize - (col % tabsize) : 0;
      out += " ".repeat(pad);
      col += pad;
    } else {
      out += ch;
      col = ch === "\n" || ch === "\r" ? 0 : col + 1;
    }
  }
  return out;
}

export const isdecimal = (s: string) => /^\p{Nd}+$/u.test(s);
export const isdigit = (s: string) => /^\p{Nd}+$/u.test(s);
export const isalpha = (s: string) => /^\p{L}+$/u.test(s);
export const isalnum = (s: string) => /^[\p{L}\p{N}]+$/u.test(s);
export const isspace = (s: string) => s.length > 0 && [...s].every((c) => WS.includes(c));
export const isupper = (s: string) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
export const islower = (s: string) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s);
