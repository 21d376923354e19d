// Python `re` pattern syntax → a JS RegExp source (compiled with the `v` flag), parsed once the way CPython's
// sre_parse does, with its error messages and positions. Used by the runtime (re.compile) and by the converter,
// which checks literal patterns at conversion time and learns their group shape for typing.
//
// Python semantics that JS spells differently are rewritten here rather than left to JS flags: `.` excludes
// only "\n", `^`/`$` see only "\n" as a line end, `$` also matches before a final newline, \d \w \s \b are
// Unicode-aware unless ASCII. Every group is emitted as a numbered capture; names stay on the Python side.

export const FLAGS = { TEMPLATE: 1, IGNORECASE: 2, LOCALE: 4, MULTILINE: 8, DOTALL: 16, UNICODE: 32, VERBOSE: 64, DEBUG: 128, ASCII: 256 } as const;

const INLINE_FLAGS: Record<string, number> = {
  i: FLAGS.IGNORECASE, L: FLAGS.LOCALE, m: FLAGS.MULTILINE, s: FLAGS.DOTALL, x: FLAGS.VERBOSE, a: FLAGS.ASCII, u: FLAGS.UNICODE,
};

/** A pattern CPython rejects (`unsupported` false), or one it accepts that JS cannot express (`unsupported` true;
 *  `msg` then names the construct). */
export class PatternError extends Error {
  constructor(
    readonly msg: string,
    readonly pos: number | undefined,
    readonly unsupported = false,
  ) {
    super(msg);
  }
}

export interface Translation {
  readonly source: string;
  /** JS flags: always `v` (code points, nested classes), `i` for IGNORECASE. */
  readonly jsFlags: string;
  /** The effective Python flags (inline flags included, UNICODE for a str pattern without ASCII). */
  readonly flags: number;
  readonly groups: number;
  readonly names: ReadonlyMap<string, number>;
  /** `optional[g]`: group g may be unset in a successful match (index 0, the whole match, never is). */
  readonly optional: readonly boolean[];
  /** `parents[g]`: the innermost group enclosing group g, 0 for none (Match.lastindex needs the nesting). */
  readonly parents: readonly number[];
}

const WHITESPACE = " \t\n\r\v\f";
const DIGITS = /^[0-9]$/;
const OCT = /^[0-7]$/;
const HEX = /^[0-9a-fA-F]$/;
const ASCII_LETTER = /^[A-Za-z]$/;

// Python's Unicode classes for str patterns (str.isalnum()/'_', str.isdecimal(), str.isspace()).
const WORD = "\\p{L}\\p{N}_";
const DIGIT = "\\p{Nd}";
const SPACE = "\\t-\\r\\x1c-\\x1f\\x85\\p{Z}";
const ASCII_WORD = "a-zA-Z0-9_";
const ASCII_DIGIT = "0-9";
const ASCII_SPACE = "\\t-\\r ";

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };

function lit(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return /^[A-Za-z0-9]$/.test(ch) ? ch : `\\u{${cp.toString(16)}}`;
}

/** A token from Parser.get(): one code point, or a backslash and the code point it escapes. */
function isEscape(t: string): boolean {
  return t.length > 1 && t[0] === "\\";
}

type Item =
  | { k: "lit"; cp: number; src: string }
  | { k: "anchor"; src: string }
  | { k: "atom"; src: string; firstGroup: number }
  | { k: "repeat"; src: string };

class Parser {
  private i = 0;
  private readonly cs: string[];
  groups = 0;
  readonly names = new Map<string, number>();
  readonly optional: boolean[] = [false];
  readonly parents: number[] = [0];
  private readonly open = new Set<number>();

  constructor(
    readonly pattern: string,
    public flags: number,
  ) {
    this.cs = [...pattern];
  }

  private get next(): string | undefined {
    return this.cs[this.i];
  }

  private error(msg: string, pos: number = this.i): PatternError {
    return new PatternError(msg, pos);
  }

  private unsupported(what: string, pos: number): PatternError {
    return new PatternError(what, pos, true);
  }

  /** The next token: one character, or a backslash with the character it escapes. */
  private get(): string | undefined {
    const c = this.cs[this.i];
    if (c === undefined) return undefined;
    this.i++;
    if (c !== "\\") return c;
    const d = this.cs[this.i];
    if (d === undefined) throw this.error("bad escape (end of pattern)", this.cs.length - 1);
    this.i++;
    return c + d;
  }

  private match(c: string): boolean {
    if (this.cs[this.i] !== c) return false;
    this.i++;
    return true;
  }

  parse(): string {
    const src = this.alternation(0, true);
    if (this.next !== undefined) throw this.error("unbalanced parenthesis");
    return src;
  }

  private markOptional(from: number): void {
    for (let g = from; g <= this.groups; g++) this.optional[g] = true;
  }

  private alternation(nested: number, top = false): string {
    const first = this.groups + 1;
    const branches = [this.sequence(nested, top)];
    while (this.match("|")) {
      this.markOptional(first);
      branches.push(this.sequence(nested, false));
    }
    if (branches.length > 1) this.markOptional(first);
    return branches.join("|");
  }

  private sequence(nested: number, first: boolean): string {
    const items: Item[] = [];
    for (;;) {
      const c = this.next;
      if (c === undefined || c === "|" || c === ")") break;
      const start = this.i;
      if (this.flags & FLAGS.VERBOSE) {
        if (WHITESPACE.includes(c)) {
          this.i++;
          continue;
        }
        if (c === "#") {
          while (this.next !== undefined && this.get() !== "\n");
          continue;
        }
      }
      if (c === "(" && this.cs[this.i + 1] === "?" && this.isGlobalFlags()) {
        if (!first || items.length > 0 || nested > 0) throw this.error("global flags not at the start of the expression", start);
        this.i += 2;
        this.flags |= this.flagLetters(true).add;
        continue;
      }
      if ("*+?{".includes(c)) {
        this.repeat(items);
        continue;
      }
      const item = this.atom(nested);
      if (item) items.push(item);
    }
    return items.map((x) => x.src).join("");
  }

  /** `(?imx)`: letters up to `)` with no `-` or `:`. */
  private isGlobalFlags(): boolean {
    let j = this.i + 2;
    while (this.cs[j] !== undefined && this.cs[j] in INLINE_FLAGS) j++;
    return j > this.i + 2 && this.cs[j] === ")";
  }

  /** Flag letters after `(?`; consumes the closing `)` (global) or `:` (scoped). */
  private flagLetters(global: boolean): { add: number; del: number } {
    let add = 0;
    let del = 0;
    let minus = false;
    for (;;) {
      const c = this.get();
      if (c === undefined) throw this.error("missing -, : or )");
      if (c === ")" && global) break;
      if (c === ":" && !global) break;
      if (c === "-" && !minus && !global) {
        minus = true;
        continue;
      }
      const f = INLINE_FLAGS[c];
      if (f === undefined) throw this.error(/[A-Za-z]/.test(c) ? "unknown flag" : "missing -, : or )", this.i - 1);
      if (f === FLAGS.LOCALE) throw this.error("bad inline flag: cannot use 'L' flag with a str pattern", this.i - 1);
      if (minus) del |= f;
      else add |= f;
    }
    return { add, del };
  }

  private repeat(items: Item[]): void {
    const here = this.i;
    const c = this.get()!;
    let min = 0;
    let max = Infinity;
    if (c === "?") max = 1;
    else if (c === "+") min = 1;
    else if (c === "{") {
      if (this.next === "}") {
        items.push({ k: "lit", cp: 0x7b, src: lit(0x7b) });
        return;
      }
      let lo = "";
      let hi = "";
      while (this.next !== undefined && DIGITS.test(this.next)) lo += this.get();
      if (this.match(",")) while (this.next !== undefined && DIGITS.test(this.next)) hi += this.get();
      else hi = lo;
      if (!this.match("}")) {
        this.i = here + 1;
        items.push({ k: "lit", cp: 0x7b, src: lit(0x7b) });
        return;
      }
      if (lo) min = Number(lo);
      if (hi) max = Number(hi);
      if (max < min) throw this.error("min repeat greater than max repeat", here + 1);
    }
    const item = items.at(-1);
    if (!item || item.k === "anchor") throw this.error("nothing to repeat", here);
    if (item.k === "repeat") throw this.error("multiple repeat", here);
    if (item.k === "atom") {
      // JS clears a repeated group's captures on each pass; CPython keeps the last value a capture got.
      // They agree when every capture inside is set on every pass.
      for (let g = item.firstGroup; g <= this.groups; g++) {
        if (this.optional[g] && max > 1) throw this.unsupported("a repeated group with a capture that may not be set on every repetition", here);
      }
      if (min === 0) this.markOptional(item.firstGroup);
    }
    const q = c === "{" ? `{${min},${max === Infinity ? "" : max}}` : c;
    let lazy = "";
    if (this.match("?")) lazy = "?";
    else if (this.next === "+") throw this.unsupported("a possessive quantifier", this.i);
    items[items.length - 1] = { k: "repeat", src: item.src + q + lazy };
  }

  private atom(nested: number): Item | undefined {
    const start = this.i;
    const t = this.get()!;
    const ascii = (this.flags & FLAGS.ASCII) !== 0;
    const multiline = (this.flags & FLAGS.MULTILINE) !== 0;
    switch (t) {
      case ".":
        return { k: "lit", cp: -1, src: this.flags & FLAGS.DOTALL ? "[\\s\\S]" : "[^\\n]" };
      case "^":
        return { k: "anchor", src: multiline ? "(?<=^|\\n)" : "^" };
      case "$":
        return { k: "anchor", src: multiline ? "(?=\\n|$)" : "(?=\\n?$)" };
      case "[":
        return { k: "lit", cp: -1, src: this.charClass(start) };
      case "(":
        return this.group(start, nested);
      default:
        break;
    }
    if (!isEscape(t)) {
      const cp = t.codePointAt(0)!;
      return { k: "lit", cp, src: lit(cp) };
    }
    const e = t[1]!;
    const word = ascii ? ASCII_WORD : WORD;
    switch (e) {
      case "A":
        return { k: "anchor", src: "^" };
      case "Z":
        return { k: "anchor", src: "$" };
      case "b":
        return { k: "anchor", src: `(?:(?<=[${word}])(?![${word}])|(?<![${word}])(?=[${word}]))` };
      case "B":
        return { k: "anchor", src: `(?:(?<=[${word}])(?=[${word}])|(?<![${word}])(?![${word}]))` };
      case "d": case "D": case "w": case "W": case "s": case "S":
        return { k: "lit", cp: -1, src: `[${this.category(e)}]` };
      default:
        break;
    }
    if (e >= "1" && e <= "9") {
      const octal = this.octalOrGroup(start, e);
      if (typeof octal === "number") return { k: "lit", cp: octal, src: lit(octal) };
      return { k: "atom", src: `(?:\\${octal.group})`, firstGroup: this.groups + 1 };
    }
    const cp = this.literalEscape(start, e, false);
    return { k: "lit", cp, src: lit(cp) };
  }

  /** The body of a class for \d \D \w \W \s \S (a nested negated class for the upper-case ones). */
  private category(e: string): string {
    const ascii = (this.flags & FLAGS.ASCII) !== 0;
    const set = { d: ascii ? ASCII_DIGIT : DIGIT, w: ascii ? ASCII_WORD : WORD, s: ascii ? ASCII_SPACE : SPACE }[e.toLowerCase() as "d" | "w" | "s"];
    return e === e.toLowerCase() ? set : `[^${set}]`;
  }

  /** `\1`…`\99` is a group reference unless three octal digits make it a character (sre_parse's rule). */
  private octalOrGroup(start: number, first: string): number | { group: number } {
    let digits = first;
    if (this.next !== undefined && DIGITS.test(this.next)) {
      digits += this.get();
      if (OCT.test(digits[0]!) && OCT.test(digits[1]!) && this.next !== undefined && OCT.test(this.next)) {
        digits += this.get();
        const v = parseInt(digits, 8);
        if (v > 0o377) throw this.error(`octal escape value \\${digits} outside of range 0-0o377`, start);
        return v;
      }
    }
    return { group: this.groupRef(Number(digits), start, start + 1) };
  }

  private groupRef(g: number, openPos: number, badPos: number): number {
    if (g > this.groups) throw this.error(`invalid group reference ${g}`, badPos);
    if (this.open.has(g)) throw this.error("cannot refer to an open group", openPos);
    // JS matches a reference to an unset group as empty; CPython fails the match there.
    if (this.optional[g]) throw this.unsupported("a reference to a group that may not be set", openPos);
    return g;
  }

  /** Escapes that stand for one character, outside or inside a class. */
  private literalEscape(start: number, e: string, inClass: boolean): number {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
    if (inClass && e === "b") return 8;
    if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      let hex = "";
      while (hex.length < n && this.next !== undefined && HEX.test(this.next)) hex += this.get();
      if (hex.length < n) throw this.error(`incomplete escape \\${e}${hex}`, start);
      const v = parseInt(hex, 16);
      if (v > 0x10ffff) throw this.error(`bad escape \\${e}${hex}`, start);
      return v;
    }
    if (e === "N") throw this.unsupported("a named Unicode escape \\N{...}", start);
    if (e === "0" || (inClass && OCT.test(e))) {
      let digits = e;
      while (digits.length < 3 && this.next !== undefined && OCT.test(this.next)) digits += this.get();
      const v = parseInt(digits, 8);
      if (v > 0o377) throw this.error(`octal escape value \\${digits} outside of range 0-0o377`, start);
      return v;
    }
    if (ASCII_LETTER.test(e) || DIGITS.test(e)) throw this.error(`bad escape \\${e}`, start);
    return e.codePointAt(0)!;
  }

  private charClass(start: number): string {
    const parts: string[] = [];
    const negate = this.match("^");
    let empty = true;
    for (;;) {
      const t = this.get();
      if (t === undefined) throw this.error("unterminated character set", start);
      if (t === "]" && !empty) break;
      empty = false;
      const first = this.classItem(t);
      if (this.match("-")) {
        const that = this.get();
        if (that === undefined) throw this.error("unterminated character set", start);
        if (that === "]") {
          parts.push(first.src, lit(0x2d));
          break;
        }
        const second = this.classItem(that);
        if (first.cp < 0 || second.cp < 0 || second.cp < first.cp) {
          throw this.error(`bad character range ${t}-${that}`, this.i - [...t].length - 1 - [...that].length);
        }
        parts.push(`${lit(first.cp)}-${lit(second.cp)}`);
      } else parts.push(first.src);
    }
    return `[${negate ? "^" : ""}${parts.join("")}]`;
  }

  private classItem(t: string): { cp: number; src: string } {
    if (!isEscape(t)) return { cp: t.codePointAt(0)!, src: lit(t.codePointAt(0)!) };
    const e = t[1]!;
    if ("dDwWsS".includes(e)) {
      const body = this.category(e);
      return { cp: -1, src: body.startsWith("[") ? body : `[${body}]` };
    }
    if (e >= "8" && e <= "9") throw this.error(`bad escape \\${e}`, this.i - 2);
    const cp = this.literalEscape(this.i - 2, e, true);
    return { cp, src: lit(cp) };
  }

  private group(start: number, nested: number): Item | undefined {
    const firstGroup = this.groups + 1;
    let name: string | undefined;
    let prefix = "(";
    let capture = true;
    const saved = this.flags;
    if (this.match("?")) {
      const c = this.get();
      if (c === undefined) throw this.error("unexpected end of pattern");
      if (c === "P") {
        if (this.match("<")) {
          name = this.groupName(">");
        } else if (this.match("=")) {
          const ref = this.groupName(")");
          const g = this.names.get(ref);
          if (g === undefined) throw this.error(`unknown group name '${ref}'`, this.i - ref.length - 1);
          this.groupRef(g, this.i - ref.length - 1, this.i - ref.length - 1);
          return { k: "atom", src: `(?:\\${g})`, firstGroup };
        } else {
          const d = this.get();
          if (d === undefined) throw this.error("unexpected end of pattern");
          throw this.error(`unknown extension ?P${d}`, this.i - d.length - 2);
        }
      } else if (c === ":") {
        capture = false;
        prefix = "(?:";
      } else if (c === "#") {
        for (;;) {
          if (this.next === undefined) throw this.error("missing ), unterminated comment", start);
          if (this.get() === ")") return undefined;
        }
      } else if (c === "=" || c === "!" || c === "<") {
        let kind = c;
        if (c === "<") {
          const d = this.get();
          if (d === undefined) throw this.error("unexpected end of pattern");
          if (d !== "=" && d !== "!") throw this.error(`unknown extension ?<${d}`, this.i - d.length - 2);
          kind = `<${d}`;
        }
        const body = this.alternation(nested + 1);
        if (!this.match(")")) throw this.error("missing ), unterminated subpattern", start);
        // Captures inside a negative assertion are never set after it succeeds.
        if (kind.endsWith("!")) this.markOptional(firstGroup);
        // JS rejects a quantified assertion; a non-capturing group around it is what CPython repeats.
        return { k: "atom", src: `(?:(?${kind}${body}))`, firstGroup };
      } else if (c === "(") {
        throw this.unsupported("a conditional group (?(...)...)", start);
      } else if (c === ">") {
        throw this.unsupported("an atomic group (?>...)", start);
      } else if (c in INLINE_FLAGS || c === "-") {
        this.i--;
        const { add, del } = this.flagLetters(false);
        // Only IGNORECASE is a JS flag; the others are applied by this translation, so they can be scoped.
        if ((add | del) & FLAGS.IGNORECASE && Boolean(add & FLAGS.IGNORECASE) !== Boolean(this.flags & FLAGS.IGNORECASE)) {
          throw this.unsupported("a scoped IGNORECASE flag", start);
        }
        this.flags = (this.flags | add) & ~del;
        capture = false;
        prefix = "(?:";
      } else {
        throw this.error(`unknown extension ?${c}`, this.i - c.length - 1);
      }
    }
    let g = 0;
    if (capture) {
      g = ++this.groups;
      this.optional[g] = false;
      this.parents[g] = Math.max(0, ...this.open);
      if (name !== undefined) {
        const was = this.names.get(name);
        if (was !== undefined) throw this.error(`redefinition of group name '${name}' as group ${g}; was group ${was}`, this.i - name.length - 1);
        this.names.set(name, g);
      }
      this.open.add(g);
    }
    const body = this.alternation(nested + 1);
    this.flags = saved;
    if (!this.match(")")) throw this.error("missing ), unterminated subpattern", start);
    this.open.delete(g);
    return { k: "atom", src: `${prefix}${body})`, firstGroup };
  }

  private groupName(end: string): string {
    const from = this.i;
    let name = "";
    for (;;) {
      const c = this.next;
      if (c === undefined) {
        if (!name) throw this.error("missing group name", from);
        throw this.error(`missing ${end}, unterminated name`, from);
      }
      this.i++;
      if (c === end) break;
      name += c;
    }
    if (!name) throw this.error("missing group name", from);
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) {
      throw this.error(`bad character in group name '${name}'`, from);
    }
    return name;
  }
}

/** Translate a Python pattern; throws PatternError with CPython's message and position. */
export function translate(pattern: string, flags = 0): Translation {
  if (flags & FLAGS.LOCALE) throw new PatternError("cannot use LOCALE flag with a str pattern", undefined);
  const p = new Parser(pattern, flags);
  const body = p.parse();
  let effective = p.flags;
  if (effective & FLAGS.ASCII && effective & FLAGS.UNICODE) throw new PatternError("ASCII and UNICODE flags are incompatible", undefined);
  if (!(effective & FLAGS.ASCII)) effective |= FLAGS.UNICODE;
  return {
    source: body,
    jsFlags: effective & FLAGS.IGNORECASE ? "iv" : "v",
    flags: effective,
    groups: p.groups,
    names: p.names,
    optional: p.optional,
    parents: p.parents,
  };
}

/** CPython's re.error text: `msg at position N`, with line and column for a multi-line pattern. */
export function errorText(pattern: string, msg: string, pos: number | undefined): string {
  if (pos === undefined) return msg;
  const before = [...pattern].slice(0, pos);
  let text = `${msg} at position ${pos}`;
  if (pattern.includes("\n")) text += ` (line ${before.filter((c) => c === "\n").length + 1}, column ${pos - before.lastIndexOf("\n")})`;
  return text;
}
