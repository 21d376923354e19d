// io: in-memory files (StringIO, BytesIO) with the file methods scripts use, and UnsupportedOperation.
// StringIO keeps newline='\n' semantics (no translation), its default.

import { OSError, TypeError, ValueError } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { addressOf } from "../builtins/repr.js";

export { UnsupportedOperation, TextIOWrapper, BufferedFile, open } from "../builtins/file.js";

/** What StringIO and BytesIO share: a buffer of `S` with a position. */
abstract class MemoryFile<S extends string | Uint8Array> {
  closed = false;
  protected pos = 0;

  constructor(protected data: S) {}

  protected abstract concat(parts: S[]): S;
  protected abstract check(x: unknown): x is S;
  protected abstract blank(n: number): S;
  /** The index of the first "\n" at or after `start`, or -1. */
  protected abstract newlineAt(start: number): number;

  protected open(): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
  }

  write(s: S): number {
    this.open();
    if (!this.check(s)) throw new TypeError(this.data instanceof Uint8Array ? `a bytes-like object is required, not '${typeName(s)}'` : `string argument expected, got '${typeName(s)}'`);
    // Writing past the end pads with zero bytes / NULs, as CPython does.
    const gap = this.pos > this.data.length ? this.blank(this.pos - this.data.length) : this.blank(0);
    this.data = this.concat([this.data.slice(0, this.pos) as S, gap, s, this.data.slice(this.pos + s.length) as S]);
    this.pos += s.length;
    return s.length;
  }

  writelines(lines: Iterable<S>): void {
    for (const line of lines) this.write(line);
  }

  read(size: number | null = -1): S {
    this.open();
    const end = size === null || size < 0 ? this.data.length : Math.min(this.data.length, this.pos + size);
    const out = this.data.slice(Math.min(this.pos, this.data.length), end) as S;
    this.pos = Math.max(this.pos, end);
    return out;
  }

  readline(size: number | null = -1): S {
    this.open();
    const start = Math.min(this.pos, this.data.length);
    const nl = this.newlineAt(start);
    let end = nl < 0 ? this.data.length : nl + 1;
    if (size !== null && size >= 0) end = Math.min(end, start + size);
    this.pos = Math.max(this.pos, end);
    return this.data.slice(start, end) as S;
  }

  readlines(hint = -1): S[] {
    const lines: S[] = [];
    let total = 0;
    for (let line = this.readline(); line.length > 0; line = this.readline()) {
      lines.push(line);
      total += line.length;
      if (hint > 0 && total >= hint) break;
    }
    return lines;
  }

  *[Symbol.iterator](): Iterator<S> {
    this.open();
    for (let line = this.readline(); line.length > 0; line = this.readline()) yield line;
  }

  getvalue(): S {
    this.open();
    return this.data;
  }

  tell(): number {
    this.open();
    return this.pos;
  }

  seek(offset: number, whence = 0): number {
    this.open();
    if (whence === 0 && offset < 0) throw new ValueError(`negative seek value ${offset}`);
    if (typeof this.data === "string" && whence !== 0 && offset !== 0) {
      throw new OSError(`Can't do nonzero ${whence === 1 ? "cur" : "end"}-relative seeks`);
    }
    this.pos = Math.max(0, whence === 0 ? offset : whence === 1 ? this.pos + offset : this.data.length + offset);
    return this.pos;
  }

  truncate(size: number | null = null): number {
    this.open();
    const n = size ?? this.pos;
    this.data = this.data.slice(0, n) as S;
    return n;
  }

  flush(): void {
    this.open();
  }

  close(): void {
    this.closed = true;
  }

  __enter__(): this {
    this.open();
    return this;
  }

  __exit__(): void {
    this.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

export class StringIO extends MemoryFile<string> {
  constructor(initialValue: string | null = "") {
    super(initialValue ?? "");
  }
  protected concat(parts: string[]): string {
    return parts.join("");
  }
  protected check(x: unknown): x is string {
    return typeof x === "string";
  }
  protected blank(n: number): string {
    return "\0".repeat(n);
  }
  protected newlineAt(start: number): number {
    return this.data.indexOf("\n", start);
  }
  __repr__(): string {
    return `<_io.StringIO object at ${addressOf(this)}>`;
  }
}

export class BytesIO extends MemoryFile<Uint8Array> {
  constructor(initialBytes: Uint8Array | null = null) {
    super(initialBytes ? initialBytes.slice() : new Uint8Array(0));
  }
  protected concat(parts: Uint8Array[]): Uint8Array {
    return new Uint8Array(Buffer.concat(parts));
  }
  protected check(x: unknown): x is Uint8Array {
    return x instanceof Uint8Array;
  }
  protected blank(n: number): Uint8Array {
    return new Uint8Array(n);
  }
  protected newlineAt(start: number): number {
    return this.data.indexOf(0x0a, start);
  }
  __repr__(): string {
    return `<_io.BytesIO object at ${addressOf(this)}>`;
  }
}
