// Python literal decoding: string escape sequences (as CPython's tokenizer decodes them), prefixes,
// integer literals in every base (Python 2 long and octal forms too) and floats.

export interface StringPrefix {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly fstring: boolean;
  readonly unicode: boolean;
}

export function parsePrefix(start: string): { prefix: StringPrefix; quote: string } {
  const m = /^([a-zA-Z]*)('''|"""|'|")$/.exec(start);
  const p = (m?.[1] ?? "").toLowerCase();
  return {
    prefix: { raw: p.includes("r"), bytes: p.includes("b"), fstring: p.includes("f"), unicode: p.includes("u") },
    quote: m?.[2] ?? '"',
  };
}

const SIMPLE: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

export class EscapeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Decode the body of a non-raw literal. `bytes` literals do not know \u escapes. */
export function decodeEscapes(body: string, bytes: boolean): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += "\\";
      break;
    }
    if (next === "\n") {
      i++;
      continue;
    }
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
      continue;
    }
    if (next >= "0" && next <= "7") {
      let j = i + 1;
      let digits = "";
      while (j < body.length && digits.length < 3 && body[j]! >= "0" && body[j]! <= "7") digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j - 1;
      continue;
    }
    const hexLen = next === "x" ? 2 : !bytes && next === "u" ? 4 : !bytes && next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) {
        throw new EscapeError(`truncated \\${next} escape`, i);
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new EscapeError("illegal Unicode character", i);
      out += String.fromCodePoint(cp);
      i += 1 + hexLen;
      continue;
    }
    // The Unicode name database is not available here: a located error rather than a wrong character.
    if (!bytes && next === "N") throw new EscapeError("\\N{...} escapes are not supported; write the character or \\u", i);
    // Unknown escapes stay as written (CPython warns, but keeps the backslash).
    out += "\\";
  }
  return out;
}

/** Python 2 `ur"..."`: a raw string in which only \uXXXX and \UXXXXXXXX (after an odd run of backslashes) are escapes. */
export function decodeRawUnicode(body: string): string {
  return body.replace(/(\\+)(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (all, slashes: string, esc: string) => {
    if (slashes.length % 2 === 0) return all;
    const cp = parseInt(esc.slice(1), 16);
    if (cp > 0x10ffff) throw new EscapeError("illegal Unicode character", 0);
    return slashes.slice(1) + String.fromCodePoint(cp);
  });
}

/** An integer literal's value: `0x1F`, `0o17`, `0b101`, `1_000`, Python 2 `017` and `10L`. */
export function parseIntLiteral(text: string): bigint {
  let t = text.replace(/_/g, "");
  if (/[lL]$/.test(t)) t = t.slice(0, -1);
  if (/^0[0-7]+$/.test(t)) return BigInt(`0o${t.slice(1)}`);
  if (/^0[oO]/.test(t)) return BigInt(`0o${t.slice(2)}`);
  if (/^0[xX]/.test(t)) return BigInt(`0x${t.slice(2)}`);
  if (/^0[bB]/.test(t)) return BigInt(`0b${t.slice(2)}`);
  return BigInt(t);
}

export function parseFloatLiteral(text: string): number {
  return Number(text.replace(/_/g, ""));
}

/** `inspect.cleandoc`: strip the common indentation of all lines but the first, and blank edges. */
export function cleandoc(doc: string): string {
  const lines = doc.replace(/\t/g, "        ").split("\n");
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const content = line.trimStart();
    if (content) margin = Math.min(margin, line.length - content.length);
  }
  const out = [lines[0]!.trimStart(), ...lines.slice(1).map((l) => (margin === Infinity ? l : l.slice(margin)))];
  while (out.length && !out[0]!.trim()) out.shift();
  while (out.length && !out.at(-1)!.trim()) out.pop();
  return out.map((l) => l.trimEnd()).join("\n");
}
