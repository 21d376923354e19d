// re: Python regular expressions on JS RegExp. A pattern is translated once (runtime/re/translate.ts) and
// matched with the `d` flag for group spans. Positions are code points, as Python's str indices are; the
// UTF-16 offsets JS reports are converted only for strings that hold astral characters.

import { Exception, IndexError, TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { repr } from "../builtins/repr.js";
import { asTuple } from "../builtins/tuple.js";
import { FLAGS, PatternError, errorText, translate, type Translation } from "../re/translate.js";

export const { TEMPLATE, IGNORECASE, LOCALE, MULTILINE, DOTALL, UNICODE, VERBOSE, DEBUG, ASCII } = FLAGS;
export const NOFLAG = 0;
export { TEMPLATE as T, IGNORECASE as I, LOCALE as L, MULTILINE as M, DOTALL as S, UNICODE as U, VERBOSE as X, ASCII as A };

/** re.error: `msg` and `pos` as given; str() adds the position as CPython does. */
export class error extends Exception {
  readonly msg: string;
  readonly pattern: string | null;
  readonly pos: number | null;
  constructor(msg: string, pattern: string | null = null, pos: number | null = null) {
    super(pattern !== null && pos !== null ? errorText(pattern, msg, pos) : msg);
    this.msg = msg;
    this.pattern = pattern;
    this.pos = pos;
  }
}
registerException(error as unknown as new (...args: unknown[]) => error);

type Group = number | bigint | string;
type Span = readonly [number, number] | undefined;

/** Code point ↔ UTF-16 offsets of one string (identity unless it has surrogate pairs). */
class Offsets {
  private readonly units?: number[];
  constructor(s: string) {
    if (!/[\uD800-\uDFFF]/.test(s)) return;
    this.units = [];
    for (let u = 0; u < s.length; u += s.codePointAt(u)! > 0xffff ? 2 : 1) this.units.push(u);
    this.units.push(s.length);
  }
  get length(): number {
    return this.units ? this.units.length - 1 : Infinity;
  }
  toUnits(cp: number): number {
    return this.units ? this.units[cp]! : cp;
  }
  toCodePoints(unit: number): number {
    if (!this.units) return unit;
    let lo = 0;
    let hi = this.units.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.units[mid]! < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Python's pos/endpos: clamped to the string, as code points. */
function bounds(s: string, pos: number, endpos: number | undefined): { offsets: Offsets; start: number; end: number } {
  const offsets = new Offsets(s);
  const len = Math.min(offsets.length, s.length);
  const clamp = (x: number) => Math.max(0, Math.min(x < 0 ? 0 : x, len));
  return { offsets, start: offsets.toUnits(clamp(pos)), end: offsets.toUnits(clamp(endpos ?? len)) };
}

function checkString(s: unknown): string {
  if (typeof s !== "string") throw new TypeError(`expected string or bytes-like object, got '${typeName(s)}'`);
  return s;
}

export class Pattern {
  readonly pattern: string;
  readonly flags: number;
  readonly groups: number;
  readonly groupindex: Map<string, number>;
  private readonly t: Translation;
  private readonly searcher: RegExp;
  private readonly sticky: RegExp;
  private readonly full: RegExp;

  constructor(pattern: string, flags: number) {
    try {
      this.t = translate(pattern, flags);
    } catch (e) {
      if (e instanceof PatternError) {
        const msg = e.unsupported ? `${e.msg} is not supported: JavaScript regular expressions cannot express it` : e.msg;
        throw new error(msg, e.pos === undefined ? null : pattern, e.pos ?? null);
      }
      throw e;
    }
    this.pattern = pattern;
    this.flags = this.t.flags;
    this.groups = this.t.groups;
    this.groupindex = new Map(this.t.names);
    this.searcher = new RegExp(this.t.source, `${this.t.jsFlags}gd`);
    this.sticky = new RegExp(this.t.source, `${this.t.jsFlags}yd`);
    this.full = new RegExp(`(?:${this.t.source})$`, `${this.t.jsFlags}yd`);
  }

  /** Whether group `outer` contains group `inner` in the pattern. */
  encloses(outer: number, inner: number): boolean {
    for (let g = this.t.parents[inner]!; g !== 0; g = this.t.parents[g]!) if (g === outer) return true;
    return false;
  }

  /** Group number for an index or name; IndexError as CPython's for anything else. */
  groupNumber(g: Group): number {
    const n = typeof g === "string" ? this.groupindex.get(g) : Number(g);
    if (n === undefined || !Number.isInteger(n) || n < 0 || n > this.groups) throw new IndexError("no such group");
    return n;
  }

  private run(re: RegExp, string: unknown, pos: number, endpos: number | undefined): Match | null {
    const s = checkString(string);
    const b = bounds(s, pos, endpos);
    if (b.start > b.end) return null;
    re.lastIndex = b.start;
    const r = re.exec(b.end === s.length ? s : s.slice(0, b.end));
    return r ? new Match(this, s, b, r) : null;
  }

  search(string: string, pos = 0, endpos?: number): Match | null {
    return this.run(this.searcher, string, pos, endpos);
  }

  match(string: string, pos = 0, endpos?: number): Match | null {
    return this.run(this.sticky, string, pos, endpos);
  }

  fullmatch(string: string, pos = 0, endpos?: number): Match | null {
    return this.run(this.full, string, pos, endpos);
  }

  /**
   * Successive matches, as CPython 3.7+ finds them: the next search starts where a match ended, and after an
   * empty match a match at that same position must not be empty (`re.sub("a*?", "-", "baac")` also
   * replaces each "a" right after the empty match before it); failing that, the search goes on one
   * character later.
   */
  *finditer(string: string, pos = 0, endpos?: number): Generator<Match> {
    const s = checkString(string);
    const b = bounds(s, pos, endpos);
    const subject = b.end === s.length ? s : s.slice(0, b.end);
    let at = b.start;
    let mustAdvance = false;
    while (at <= subject.length) {
      let r: RegExpExecArray | null = mustAdvance ? this.nonEmptyAt(subject, at, b.offsets) : null;
      if (!r) {
        const from = mustAdvance ? at + (s.codePointAt(at)! > 0xffff ? 2 : 1) : at;
        if (from > subject.length) return;
        this.searcher.lastIndex = from;
        r = this.searcher.exec(subject);
      }
      if (!r) return;
      yield new Match(this, s, b, r);
      at = r.index + r[0].length;
      mustAdvance = r[0].length === 0;
    }
  }

  /** The first non-empty match starting at `at`, by the pattern's own preference order. A pattern whose first
   *  choice there is empty may still have a later non-empty one only through an alternation, a lazy quantifier
   *  or a lookaround; then a variant that rejects a match ending at `at` is tried (its lookbehind counts code
   *  points: it holds once the match has passed the code point at `at`). */
  private nonEmptyAt(subject: string, at: number, offsets: Offsets): RegExpExecArray | null {
    this.sticky.lastIndex = at;
    const first = this.sticky.exec(subject);
    if (!first || first[0].length > 0) return first;
    if (!/\||[*+?}]\?|\(\?<?[=!]/.test(this.t.source)) return null;
    const past = new RegExp(`(?:${this.t.source})(?<=[\\s\\S]{${offsets.toCodePoints(at) + 1}})`, `${this.t.jsFlags}yd`);
    past.lastIndex = at;
    return past.exec(subject);
  }

  /** No group: the matched strings; one group: its values; several: tuples of them ('' for an unset group). */
  findall(string: string, pos = 0, endpos?: number): any[] {
    const out: unknown[] = [];
    for (const m of this.finditer(string, pos, endpos)) {
      if (this.groups === 0) out.push(m.group());
      else if (this.groups === 1) out.push(m.group(1) ?? "");
      else out.push(m.groups(""));
    }
    return out;
  }

  split(string: string, maxsplit: number = 0): any[] {
    const s = checkString(string);
    const out: (string | null)[] = [];
    let last = 0;
    let n = 0;
    for (const m of this.finditer(s)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      out.push(s.slice(last, m.unitSpan(0)![0]));
      for (let g = 1; g <= this.groups; g++) out.push(m.group(g));
      last = m.unitSpan(0)![1];
      n++;
    }
    out.push(s.slice(last));
    return out;
  }

  sub(repl: string | ((m: Match) => string), string: string, count: number = 0): string {
    return this.subn(repl, string, count)[0];
  }

  subn(repl: string | ((m: Match) => string), string: string, count: number = 0): readonly [string, number] {
    const s = checkString(string);
    const expand = typeof repl === "function" ? repl : compileTemplate(this, checkString(repl));
    let out = "";
    let last = 0;
    let n = 0;
    for (const m of this.finditer(s)) {
      if (count > 0 && n >= count) break;
      const [start, end] = m.unitSpan(0)!;
      out += s.slice(last, start) + expand(m);
      last = end;
      n++;
    }
    return asTuple([out + s.slice(last), n]) as readonly [string, number];
  }

  __repr__(): string {
    const names = Object.entries(FLAGS)
      .filter(([name, bit]) => this.flags & bit && name !== "UNICODE")
      .map(([name]) => `re.${name}`);
    return `re.compile(${repr(this.pattern)}${names.length ? `, ${names.join("|")}` : ""})`;
  }
}

export class Match {
  readonly re: Pattern;
  readonly string: string;
  readonly pos: number;
  readonly endpos: number;
  private readonly spans: Span[];
  private readonly offsets: Offsets;

  constructor(re: Pattern, string: string, b: { offsets: Offsets; start: number; end: number }, r: RegExpExecArray) {
    this.re = re;
    this.string = string;
    this.offsets = b.offsets;
    this.pos = b.offsets.toCodePoints(b.start);
    this.endpos = b.offsets.toCodePoints(b.end);
    this.spans = Array.from({ length: re.groups + 1 }, (_, g) => r.indices![g]);
  }

  /** A group's UTF-16 span, for slicing the subject. */
  unitSpan(g: number): Span {
    return this.spans[g];
  }

  private value(g: Group): string | null {
    const span = this.spans[this.re.groupNumber(g)];
    return span ? this.string.slice(span[0], span[1]) : null;
  }

  /** group() is group 0; several arguments give a tuple. The converter knows from the pattern which may be None. */
  group(...gs: Group[]): any {
    if (gs.length === 0) return this.value(0);
    if (gs.length === 1) return this.value(gs[0]!);
    return asTuple(gs.map((g) => this.value(g)));
  }

  __getitem__(g: Group): any {
    return this.value(g);
  }

  groups(dflt: unknown = null): readonly any[] {
    return asTuple(Array.from({ length: this.re.groups }, (_, i) => this.value(i + 1) ?? dflt));
  }

  groupdict(dflt: unknown = null): Map<string, any> {
    return new Map([...this.re.groupindex].map(([name, g]) => [name, this.value(g) ?? dflt]));
  }

  start(g: Group = 0): number {
    const span = this.spans[this.re.groupNumber(g)];
    return span ? this.offsets.toCodePoints(span[0]) : -1;
  }

  end(g: Group = 0): number {
    const span = this.spans[this.re.groupNumber(g)];
    return span ? this.offsets.toCodePoints(span[1]) : -1;
  }

  /** The last group closed in the match: the one ending last, the enclosing one where a nested group ends
   *  at the same place, else the later one; null when no group matched. */
  get lastindex(): number | null {
    let last: number | null = null;
    for (let g = 1; g <= this.re.groups; g++) {
      const span = this.spans[g];
      if (!span) continue;
      const lastEnd = last === null ? -1 : this.spans[last]![1];
      if (span[1] > lastEnd || (span[1] === lastEnd && !this.re.encloses(last!, g))) last = g;
    }
    return last;
  }

  get lastgroup(): string | null {
    const g = this.lastindex;
    return g === null ? null : ([...this.re.groupindex].find(([, n]) => n === g)?.[0] ?? null);
  }

  span(g: Group = 0): readonly [number, number] {
    return asTuple([this.start(g), this.end(g)]) as readonly [number, number];
  }

  expand(template: string): string {
    return compileTemplate(this.re, checkString(template))(this);
  }

  __bool__(): boolean {
    return true;
  }

  __repr__(): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match=${repr(this.group())}>`;
  }
}

const TEMPLATE_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** A replacement template (`\1`, `\g<name>`, escapes) as a function of the match, parsed as sre_parse does. */
function compileTemplate(p: Pattern, template: string): (m: Match) => string {
  const cs = [...template];
  const parts: (string | number)[] = [];
  let i = 0;
  const fail = (msg: string, pos: number) => new error(msg, template, pos);
  const addGroup = (g: number, pos: number) => {
    if (g > p.groups) throw fail(`invalid group reference ${g}`, pos);
    parts.push(g);
  };
  while (i < cs.length) {
    const c = cs[i++]!;
    if (c !== "\\") {
      parts.push(c);
      continue;
    }
    const start = i - 1;
    const e = cs[i++];
    if (e === undefined) throw fail("bad escape (end of pattern)", cs.length - 1);
    if (e === "g") {
      if (cs[i] !== "<") throw fail("missing <", i);
      const close = cs.indexOf(">", i + 1);
      const name = cs.slice(i + 1, close < 0 ? cs.length : close).join("");
      if (close < 0) throw fail(name ? "missing >, unterminated name" : "missing group name", i + 1);
      if (!name) throw fail("missing group name", i + 1);
      i = close + 1;
      if (/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) {
        const g = p.groupindex.get(name);
        if (g === undefined) throw new IndexError(`unknown group name '${name}'`);
        parts.push(g);
      } else if (/^[0-9]+$/.test(name)) addGroup(Number(name), close - name.length);
      else throw fail(`bad character in group name '${name}'`, close - name.length);
    } else if (e === "0") {
      let digits = "";
      while (digits.length < 2 && /[0-7]/.test(cs[i] ?? "")) digits += cs[i++];
      parts.push(String.fromCharCode(parseInt(digits || "0", 8) & 0xff));
    } else if (/[0-9]/.test(e)) {
      let digits = e;
      if (/[0-9]/.test(cs[i] ?? "")) {
        digits += cs[i++];
        if (/[0-7]/.test(e) && /[0-7]/.test(digits[1]!) && /[0-7]/.test(cs[i] ?? "")) {
          digits += cs[i++];
          const v = parseInt(digits, 8);
          if (v > 0o377) throw fail(`octal escape value \\${digits} outside of range 0-0o377`, start);
          parts.push(String.fromCharCode(v));
          continue;
        }
      }
      addGroup(Number(digits), start + 1);
    } else if (e in TEMPLATE_ESCAPES) parts.push(TEMPLATE_ESCAPES[e]!);
    else if (/[A-Za-z]/.test(e)) throw fail(`bad escape \\${e}`, start);
    else parts.push(`\\${e}`);
  }
  return (m) => parts.map((x) => (typeof x === "number" ? (m.group(x) ?? "") : x)).join("");
}

const cache = new Map<string, Pattern>();

export function compile(pattern: string | Pattern, flags: number = 0): Pattern {
  if (pattern instanceof Pattern) {
    if (flags) throw new ValueError("cannot process flags argument with a compiled pattern");
    return pattern;
  }
  const key = `${flags}:${checkString(pattern)}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = new Pattern(pattern, flags)));
  return p;
}

export function purge(): void {
  cache.clear();
}

export function search(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).search(string);
}

export function match(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).match(string);
}

export function fullmatch(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).fullmatch(string);
}

export function findall(pattern: string | Pattern, string: string, flags = 0): any[] {
  return compile(pattern, flags).findall(string);
}

export function finditer(pattern: string | Pattern, string: string, flags = 0): Generator<Match> {
  return compile(pattern, flags).finditer(string);
}

export function split(pattern: string | Pattern, string: string, maxsplit = 0, flags = 0): any[] {
  return compile(pattern, flags).split(string, maxsplit);
}

export function sub(pattern: string | Pattern, repl: string | ((m: Match) => string), string: string, count = 0, flags = 0): string {
  return compile(pattern, flags).sub(repl, string, count);
}

export function subn(pattern: string | Pattern, repl: string | ((m: Match) => string), string: string, count = 0, flags = 0): readonly [string, number] {
  return compile(pattern, flags).subn(repl, string, count);
}

const SPECIAL = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

/** re.escape: a backslash before each character that is special in a pattern (CPython 3.7+'s set). */
export function escape(pattern: string): string {
  let out = "";
  for (const ch of checkString(pattern)) out += SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}
