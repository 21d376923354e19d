// fnmatch: shell-style patterns translated to regular expressions by CPython's fnmatch.translate rules
// (`[!…]` negation, ranges, an unclosed `[` as a literal); names are case-sensitive on POSIX.

import { fspath } from "../builtins/file.js";

const cache = new Map<string, RegExp>();

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** The body of a `[...]` set whose text (between the brackets) is pat[i:j]. */
function setBody(pat: string, i: number, j: number): string {
  const inner = pat.slice(i, j);
  let stuff: string;
  if (!inner.includes("-")) stuff = inner.replace(/\\/g, "\\\\");
  else {
    const chunks: string[] = [];
    let k = pat[i] === "!" ? i + 2 : i + 1;
    for (;;) {
      k = pat.indexOf("-", k);
      if (k < 0 || k >= j) break;
      chunks.push(pat.slice(i, k));
      i = k + 1;
      k += 3;
    }
    const chunk = pat.slice(i, j);
    if (chunk) chunks.push(chunk);
    else chunks[chunks.length - 1] += "-";
    // Ranges running backwards (z-a) are empty: CPython drops them.
    for (let m = chunks.length - 1; m > 0; m--) {
      if (chunks[m - 1]!.at(-1)! > chunks[m]![0]!) {
        chunks[m - 1] = chunks[m - 1]!.slice(0, -1) + chunks[m]!.slice(1);
        chunks.splice(m, 1);
      }
    }
    stuff = chunks.map((s) => s.replace(/\\/g, "\\\\").replace(/-/g, "\\-")).join("-");
  }
  return stuff.replace(/[&~|\]]/g, "\\$&");
}

/** fnmatch.translate's meaning as a JS RegExp source (anchored, `.` matching newlines). */
function translate(pat: string): string {
  let out = "";
  const n = pat.length;
  for (let i = 0; i < n; ) {
    const c = pat[i++]!;
    if (c === "*") {
      if (!out.endsWith(".*")) out += ".*";
    } else if (c === "?") out += ".";
    else if (c === "[") {
      let j = i;
      if (j < n && pat[j] === "!") j++;
      if (j < n && pat[j] === "]") j++;
      while (j < n && pat[j] !== "]") j++;
      if (j >= n) out += "\\[";
      else {
        let stuff = setBody(pat, i, j);
        i = j + 1;
        if (!stuff) out += "(?!)";
        else if (stuff === "!") out += ".";
        else {
          if (stuff[0] === "!") stuff = "^" + stuff.slice(1);
          else if (stuff[0] === "^" || stuff[0] === "[") stuff = "\\" + stuff;
          out += `[${stuff}]`;
        }
      }
    } else out += escapeChar(c);
  }
  return `^(?:${out})$`;
}

function compiled(pat: string): RegExp {
  let re = cache.get(pat);
  if (!re) cache.set(pat, (re = new RegExp(translate(pat), "s")));
  return re;
}

export function fnmatchcase(name: unknown, pat: string): boolean {
  return compiled(pat).test(fspath(name));
}

export const fnmatch = fnmatchcase;

export function filter(names: Iterable<unknown>, pat: string): string[] {
  const re = compiled(pat);
  return [...names].map(fspath).filter((n) => re.test(n));
}
