// print(): values through str(), separated and terminated as asked, into the line-buffered streams.

import { stdout, type TextStream } from "../io.js";
import { str } from "./repr.js";

export interface PrintOptions {
  sep?: string | null;
  end?: string | null;
  file?: { write(s: string): unknown; flush?(): void } | TextStream | null;
  flush?: boolean;
}

export function print(...values: unknown[]): void {
  let line = values.length > 0 && stdout.softspace ? " " : "";
  for (let i = 0; i < values.length; i++) line += (i ? " " : "") + str(values[i]);
  stdout.write(line + "\n");
}

export function printWith(opts: PrintOptions, ...values: unknown[]): void {
  const sep = opts.sep ?? " ";
  const end = opts.end ?? "\n";
  const file = opts.file ?? stdout;
  file.write(values.map((v) => str(v)).join(sep) + end);
  if (opts.flush) file.flush?.();
}

/** Python 2's `print a, b,` (trailing comma): no newline, and the separating space is owed to the next item
 *  (a bare `print` then ends the line without it). */
export function printSoft(...values: unknown[]): void {
  const text = (stdout.softspace && values.length > 0 ? " " : "") + values.map((v) => str(v)).join(" ");
  stdout.write(text);
  // CPython 2 owes no space after an item that ends in whitespace other than a space itself.
  stdout.softspace = !/[\t\n\r\v\f]$/.test(text);
}
