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
  let line = "";
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
