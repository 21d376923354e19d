// textwrap: CPython's TextWrapper (its word-splitting regex and line-filling loop, max_lines and placeholder),
// and dedent/indent with CPython's whitespace rules.

import { ValueError } from "../builtins/exceptions.js";
import { len, truthy } from "../builtins/functions.js";
import { expandtabs } from "../builtins/str.js";

export interface WrapOptions {
  initial_indent?: string;
  subsequent_indent?: string;
  expand_tabs?: boolean;
  replace_whitespace?: boolean;
  fix_sentence_endings?: boolean;
  break_long_words?: boolean;
  drop_whitespace?: boolean;
  break_on_hyphens?: boolean;
  tabsize?: number;
  max_lines?: number | null;
  placeholder?: string;
}

// CPython's TextWrapper.wordsep_re and wordsep_simple_re, with Python's Unicode \w.
const WS = "[\\t\\n\\x0b\\x0c\\r ]";
const NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
const WORD_PUNCT = "[\\p{L}\\p{N}_!\"'&.,?]";
const LETTER = "[\\p{L}_]";
const WORDSEP = new RegExp(
  `(${WS}+|(?<=${WORD_PUNCT})-{2,}(?=[\\p{L}\\p{N}_])|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|$)|(?<=${WORD_PUNCT})(?=-{2,}[\\p{L}\\p{N}_])))`,
  "u",
);
const WORDSEP_SIMPLE = new RegExp(`(${WS}+)`, "u");
const SENTENCE_END = /[a-z][.!?]["']?$/;
const isBlank = (s: string) => s.trim() === "";

class TextWrapper {
  private readonly o: Required<WrapOptions>;
  constructor(
    private readonly width: number,
    opts: WrapOptions,
  ) {
    this.o = {
      initial_indent: "", subsequent_indent: "", expand_tabs: true, replace_whitespace: true, fix_sentence_endings: false,
      break_long_words: true, drop_whitespace: true, break_on_hyphens: true, tabsize: 8, max_lines: null, placeholder: " [...]",
      ...opts,
    };
  }

  wrap(text: string): string[] {
    if (this.o.expand_tabs) text = expandtabs(text, this.o.tabsize);
    if (this.o.replace_whitespace) text = text.replace(/[\t\n\x0b\x0c\r]/g, " ");
    const chunks = text.split(this.o.break_on_hyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c);
    if (this.o.fix_sentence_endings) this.fixSentenceEndings(chunks);
    return this.wrapChunks(chunks);
  }

  private fixSentenceEndings(chunks: string[]): void {
    for (let i = 0; i < chunks.length - 1; i++) {
      if (chunks[i + 1] === " " && SENTENCE_END.test(chunks[i]!)) {
        chunks[i + 1] = "  ";
        i++;
      }
    }
  }

  private handleLongWord(chunks: string[], curLine: string[], curLen: number, width: number): void {
    const spaceLeft = width < 1 ? 1 : width - curLen;
    if (this.o.break_long_words) {
      let end = spaceLeft;
      const chunk = chunks.at(-1)!;
      if (this.o.break_on_hyphens && len(chunk) > spaceLeft) {
        const hyphen = chunk.lastIndexOf("-", spaceLeft - 1);
        if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
      }
      curLine.push(chunk.slice(0, end));
      chunks[chunks.length - 1] = chunk.slice(end);
    } else if (curLine.length === 0) {
      curLine.push(chunks.pop()!);
    }
  }

  private wrapChunks(chunks: string[]): string[] {
    const { max_lines: maxLines, placeholder, drop_whitespace: dropWs } = this.o;
    const lines: string[] = [];
    if (this.width <= 0) throw new ValueError(`invalid width ${this.width} (must be > 0)`);
    if (maxLines !== null) {
      const indent = maxLines > 1 ? this.o.subsequent_indent : this.o.initial_indent;
      if (len(indent) + len(placeholder.trimStart()) > this.width) throw new ValueError("placeholder too large for max width");
    }
    chunks.reverse();
    while (chunks.length) {
      const curLine: string[] = [];
      let curLen = 0;
      const indent = lines.length ? this.o.subsequent_indent : this.o.initial_indent;
      const width = this.width - len(indent);
      if (dropWs && isBlank(chunks.at(-1)!) && lines.length) chunks.pop();
      while (chunks.length) {
        const l = len(chunks.at(-1)!);
        if (curLen + l > width) break;
        curLine.push(chunks.pop()!);
        curLen += l;
      }
      if (chunks.length && len(chunks.at(-1)!) > width) {
        this.handleLongWord(chunks, curLine, curLen, width);
        curLen = curLine.reduce((n, c) => n + len(c), 0);
      }
      if (dropWs && curLine.length && isBlank(curLine.at(-1)!)) curLen -= len(curLine.pop()!);
      if (curLine.length === 0) continue;
      const lastFits = !chunks.length || (dropWs && chunks.length === 1 && isBlank(chunks[0]!));
      if (maxLines === null || lines.length + 1 < maxLines || (lastFits && curLen <= width)) {
        lines.push(indent + curLine.join(""));
        continue;
      }
      // The last allowed line: end it with the placeholder where it fits.
      while (curLine.length) {
        if (!isBlank(curLine.at(-1)!) && curLen + len(placeholder) <= width) {
          curLine.push(placeholder);
          lines.push(indent + curLine.join(""));
          return lines;
        }
        curLen -= len(curLine.pop()!);
      }
      if (lines.length) {
        const prev = lines.at(-1)!.trimEnd();
        if (len(prev) + len(placeholder) <= this.width) {
          lines[lines.length - 1] = prev + placeholder;
          return lines;
        }
      }
      lines.push(indent + placeholder.trimStart());
      return lines;
    }
    return lines;
  }
}

export function wrap(text: string, width = 70, opts: WrapOptions = {}): string[] {
  return new TextWrapper(width, opts).wrap(text);
}

export function fill(text: string, width = 70, opts: WrapOptions = {}): string {
  return wrap(text, width, opts).join("\n");
}

/** Collapse whitespace, then fit on one line, ending with the placeholder if cut. */
export function shorten(text: string, width: number, opts: WrapOptions = {}): string {
  const collapsed = text.trim().split(/\s+/).filter((w) => w).join(" ");
  return fill(collapsed, width, { ...opts, max_lines: 1 });
}

/** CPython's dedent: whitespace-only lines become empty, then the longest common margin of the rest goes. */
export function dedent(text: string): string {
  text = text.replace(/^[ \t]+$/gm, "");
  let margin: string | null = null;
  for (const m of text.matchAll(/^([ \t]*)[^ \t\n]/gm)) {
    const indent = m[1]!;
    if (margin === null || indent.startsWith(margin)) margin ??= indent;
    else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
    if (margin === "") break;
  }
  return margin ? text.replace(new RegExp(`^${margin}`, "gm"), "") : text;
}

/** Prefix the lines the predicate accepts (by default those that are not only whitespace). */
export function indent(text: string, prefix: string, predicate: ((line: string) => unknown) | null = null): string {
  const accept = predicate ?? ((line: string) => line.trim() !== "");
  // str.splitlines(keepends=True): Python's line boundaries, each line keeping its own.
  const lines = text.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|$)/g) ?? [];
  return lines.filter((l) => l !== "").map((l) => (truthy(accept(l)) ? prefix + l : l)).join("");
}
