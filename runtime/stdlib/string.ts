// string: the character-class constants, capwords, and Template ($name / ${name} substitution with
// CPython's errors: KeyError for a missing name, ValueError for a bad placeholder).

import { KeyError, ValueError } from "../builtins/exceptions.js";
import { getItem } from "../builtins/functions.js";
import { str } from "../builtins/repr.js";

export const ascii_lowercase = "abcdefghijklmnopqrstuvwxyz";
export const ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const ascii_letters = ascii_lowercase + ascii_uppercase;
export const digits = "0123456789";
export const hexdigits = "0123456789abcdefABCDEF";
export const octdigits = "01234567";
export const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
export const whitespace = " \t\n\r\x0b\x0c";
export const printable = digits + ascii_letters + punctuation + whitespace;

/** capwords(s, sep=None): split, capitalize each word, join. */
export function capwords(s: string, sep: string | null = null): string {
  const words = sep === null ? s.split(/[ \t\n\r\x0b\x0c]+/).filter((w) => w !== "") : s.split(sep);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(sep ?? " ");
}

// CPython's Template.pattern with delimiter '$' and idpattern (?a:[_a-z][_a-z0-9]*), case-insensitive.
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())/gi;

export class Template {
  constructor(readonly template: string) {}

  substitute(mapping: Map<string, unknown> = new Map()): string {
    return this.template.replace(PATTERN, (m, escaped, named, braced, _invalid, offset: number) => {
      if (escaped) return "$";
      const name = (named ?? braced) as string | undefined;
      if (name !== undefined) {
        if (!mapping.has(name)) throw new KeyError(name);
        return str(getItem(mapping, name));
      }
      throw this.invalid(offset);
    });
  }

  safe_substitute(mapping: Map<string, unknown> = new Map()): string {
    return this.template.replace(PATTERN, (m, escaped, named, braced) => {
      if (escaped) return "$";
      const name = (named ?? braced) as string | undefined;
      return name !== undefined && mapping.has(name) ? str(getItem(mapping, name)) : m;
    });
  }

  /** CPython: "Invalid placeholder in string: line 1, col 5" (1-based). */
  private invalid(offset: number): ValueError {
    const lines = this.template.slice(0, offset).split("\n");
    return new ValueError(`Invalid placeholder in string: line ${lines.length}, col ${lines.at(-1)!.length + 1}`);
  }
}
