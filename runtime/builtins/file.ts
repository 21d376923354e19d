// open(): Python's file objects over synchronous fs calls. Text files decode and encode with the codecs of
// codec.ts and translate newlines as CPython does (universal newlines when newline=None); binary files
// read and write bytes (Uint8Array). Both buffer in memory: reads in chunks, writes until CHUNK bytes or a
// flush, seek, read or close (files a script never closes are flushed at exit, as CPython's are).

import fs from "node:fs";
import { registerOpenFile, unregisterOpenFile } from "../io.js";
import { decode, encode, completeUtf8, lookupCodec } from "./codec.js";
import { OSError, TypeError, ValueError, registerException } from "./exceptions.js";
import { typeName } from "./int.js";
import { fsCall, raiseErrno } from "./oserror.js";
import { repr } from "./repr.js";

const CHUNK = 65536;

/** io.UnsupportedOperation (in CPython a subclass of both OSError and ValueError). */
export class UnsupportedOperation extends OSError {}
registerException(UnsupportedOperation as unknown as new (...args: unknown[]) => UnsupportedOperation);

/** os.fspath(): a str path, or what a path object's __fspath__ returns. */
export function fspath(p: unknown): string {
  if (typeof p === "string") return p;
  const o = p as { __fspath__?: () => string } | null;
  if (o && typeof o.__fspath__ === "function") return o.__fspath__();
  throw new TypeError(`expected str, bytes or os.PathLike object, not ${typeName(p)}`);
}

/** The descriptor with a position of its own and a write buffer. */
class RawFile {
  pos = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    readonly fd: number,
    private readonly appending: boolean,
  ) {}

  read(n: number): Uint8Array {
    this.flush();
    const out = new Uint8Array(n);
    const got = fs.readSync(this.fd, out, 0, n, this.pos);
    this.pos += got;
    return got === n ? out : out.subarray(0, got);
  }

  write(b: Uint8Array): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    for (let off = 0; off < data.length; ) off += fs.writeSync(this.fd, data, off, data.length - off, this.appending ? null : this.pos + off);
    this.pos = this.appending ? fs.fstatSync(this.fd).size : this.pos + data.length;
  }

  size(): number {
    this.flush();
    return fs.fstatSync(this.fd).size;
  }
}

interface Mode {
  readonly flags: string;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly binary: boolean;
}

/** CPython's validation of open()'s mode, with its messages. */
function parseMode(mode: string): Mode {
  if (!/^[rwxabt+]*$/.test(mode) || new Set(mode).size !== mode.length) throw new ValueError(`invalid mode: '${mode}'`);
  const has = (c: string) => mode.includes(c);
  if (has("t") && has("b")) throw new ValueError("can't have text and binary mode at once");
  const kinds = [..."rwxa"].filter(has);
  if (kinds.length > 1) throw new ValueError("must have exactly one of create/read/write/append mode");
  // No kind at all gets past open()'s check to FileIO's, worded differently.
  if (kinds.length === 0) throw new ValueError("Must have exactly one of create/read/write/append mode and at most one plus");
  const kind = kinds[0]!;
  const plus = has("+");
  const flags = { r: "r", w: "w", x: "wx", a: "a" }[kind]! + (plus ? "+" : "");
  return { flags, readable: kind === "r" || plus, writable: kind !== "r" || plus, binary: has("b") };
}

export interface OpenOptions {
  buffering?: number;
  encoding?: string | null;
  errors?: string | null;
  newline?: string | null;
}

/** A mode with "b" in it: the converter passes open()'s mode as a literal, so TypeScript picks the file class. */
export type BinaryMode = `${string}b${string}`;

export function open(file: unknown, mode: BinaryMode, opts?: OpenOptions): BufferedFile;
export function open(file: unknown, mode?: string, opts?: OpenOptions): TextIOWrapper;
export function open(file: unknown, mode = "r", opts: OpenOptions = {}): TextIOWrapper | BufferedFile {
  const m = parseMode(mode);
  if (m.binary) {
    if (opts.encoding != null) throw new ValueError("binary mode doesn't take an encoding argument");
    if (opts.errors != null) throw new ValueError("binary mode doesn't take an errors argument");
    if (opts.newline != null) throw new ValueError("binary mode doesn't take a newline argument");
  }
  const newline = opts.newline ?? null;
  if (newline !== null && !["", "\n", "\r", "\r\n"].includes(newline)) throw new ValueError(`illegal newline value: ${newline}`);
  if (!m.binary && opts.encoding != null) lookupCodec(opts.encoding);
  const name = fspath(file);
  const fd = fsCall(() => fs.openSync(name, m.flags, 0o666), name);
  // Linux lets a directory be opened for reading; CPython refuses it at open().
  if (fs.fstatSync(fd).isDirectory()) {
    fs.closeSync(fd);
    raiseErrno("EISDIR", name);
  }
  const raw = new RawFile(fd, m.flags.startsWith("a"));
  if (m.flags.startsWith("a")) raw.pos = raw.size();
  if (m.binary) return new BufferedFile(raw, name, mode, m);
  return new TextIOWrapper(raw, name, mode, m, opts.encoding ?? null, opts.errors ?? "strict", newline);
}

/** What text and binary files share: closing, the context-manager protocol, mode checks. */
abstract class FileBase<S> {
  closed = false;
  /** tempfile.NamedTemporaryFile's files are removed when closed. */
  deleteOnClose = false;

  constructor(
    protected readonly raw: RawFile,
    readonly name: string,
    readonly mode: string,
    protected readonly m: Mode,
  ) {
    if (m.writable) registerOpenFile(this);
  }

  abstract readline(size?: number): S;
  protected abstract empty(line: S): boolean;
  protected abstract dropReadAhead(): void;

  protected check(need?: "read" | "write"): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    if (need === "read" && !this.m.readable) throw new UnsupportedOperation("not readable");
    if (need === "write" && !this.m.writable) throw new UnsupportedOperation("not writable");
  }

  readlines(hint = -1): S[] {
    const lines: S[] = [];
    let total = 0;
    for (let line = this.readline(); !this.empty(line); line = this.readline()) {
      lines.push(line);
      total += (line as { length: number }).length;
      if (hint > 0 && total >= hint) break;
    }
    return lines;
  }

  *[Symbol.iterator](): Iterator<S> {
    this.check();
    for (let line = this.readline(); !this.empty(line); line = this.readline()) yield line;
  }

  writelines(lines: Iterable<S>): void {
    for (const line of lines) this.write(line);
  }

  abstract write(s: S): number;

  flush(): void {
    this.check();
    this.raw.flush();
  }

  close(): void {
    if (this.closed) return;
    try {
      this.raw.flush();
    } finally {
      this.closed = true;
      unregisterOpenFile(this);
      fs.closeSync(this.raw.fd);
      if (this.deleteOnClose) fs.rmSync(this.name, { force: true });
    }
  }

  fileno(): number {
    this.check();
    return this.raw.fd;
  }

  readable(): boolean {
    this.check();
    return this.m.readable;
  }

  writable(): boolean {
    this.check();
    return this.m.writable;
  }

  seekable(): boolean {
    this.check();
    return true;
  }

  __enter__(): this {
    this.check();
    return this;
  }

  __exit__(): void {
    this.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** Before writing after a read: the descriptor goes back to where the reader stands. */
  protected beforeWrite(): void {
    this.check("write");
    this.dropReadAhead();
  }
}

export class TextIOWrapper extends FileBase<string> {
  /** Decoded text read ahead, before newline translation. */
  private buf = "";
  /** Bytes read ahead that end inside a UTF-8 character. */
  private partial = new Uint8Array(0);
  private eof = false;
  /** The codec of the next read and write: utf-8-sig becomes plain utf-8 past the file's start. */
  private readCodec: string;
  private writeCodec: string;

  constructor(
    raw: RawFile,
    name: string,
    mode: string,
    m: Mode,
    readonly encoding: string | null,
    readonly errors: string,
    private readonly newline: string | null,
  ) {
    super(raw, name, mode, m);
    this.readCodec = this.writeCodec = encoding ?? "utf-8";
    if (raw.pos > 0 && lookupCodec(this.writeCodec) === "utf-8-sig") this.writeCodec = "utf-8";
  }

  protected empty(line: string): boolean {
    return line === "";
  }

  private fill(): boolean {
    if (this.eof) return false;
    const chunk = this.raw.read(CHUNK);
    const bytes = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
    if (chunk.length === 0) this.eof = true;
    const codec = lookupCodec(this.readCodec);
    const complete = this.eof || !codec.startsWith("utf-8") ? bytes.length : completeUtf8(bytes);
    this.buf += decode(bytes.subarray(0, complete), this.readCodec, this.errors);
    if (codec === "utf-8-sig") this.readCodec = "utf-8";
    this.partial = bytes.slice(complete);
    return chunk.length > 0;
  }

  /** The end (exclusive) of the first line in the buffer, or -1 when it may continue past the buffer. */
  private lineEnd(): number {
    const nl = this.newline;
    if (nl === null || nl === "") {
      const i = this.buf.search(/[\r\n]/);
      if (i < 0) return -1;
      if (this.buf[i] === "\n") return i + 1;
      // A "\r" at the buffer's end may be the first half of "\r\n".
      if (i + 1 === this.buf.length && !this.eof) return -1;
      return this.buf[i + 1] === "\n" ? i + 2 : i + 1;
    }
    const i = this.buf.indexOf(nl);
    return i < 0 ? -1 : i + nl.length;
  }

  /** Universal newlines turn "\r\n" and "\r" into "\n" on reading. */
  private translate(s: string): string {
    return this.newline === null ? s.replace(/\r\n?/g, "\n") : s;
  }

  private take(end: number): string {
    const raw = this.buf.slice(0, end);
    this.buf = this.buf.slice(end);
    return this.translate(raw);
  }

  read(size: number | null = -1): string {
    this.check("read");
    if (size === null || size < 0) {
      while (this.fill());
      return this.take(this.buf.length);
    }
    // `size` characters after translation: a "\r\n" pair counts as one.
    for (;;) {
      let i = 0;
      let n = 0;
      while (n < size && i < this.buf.length) {
        i += this.newline === null && this.buf[i] === "\r" && this.buf[i + 1] === "\n" ? 2 : 1;
        n++;
      }
      const split = this.newline === null && this.buf[i - 1] === "\r" && i === this.buf.length && !this.eof;
      if ((n === size && !split) || !this.fill()) return this.take(i);
    }
  }

  readline(size: number | null = -1): string {
    this.check("read");
    for (;;) {
      const end = this.lineEnd();
      if (end >= 0) return this.take(size !== null && size >= 0 ? Math.min(end, size) : end);
      if (size !== null && size >= 0 && this.buf.length >= size) return this.take(size);
      if (!this.fill()) return this.take(this.buf.length);
    }
  }

  write(s: string): number {
    if (typeof s !== "string") throw new TypeError(`write() argument must be str, not ${typeName(s)}`);
    this.beforeWrite();
    const nl = this.newline;
    const out = nl === "\r" || nl === "\r\n" ? s.replace(/\n/g, nl) : s;
    this.raw.write(encode(out, this.writeCodec, this.errors));
    if (lookupCodec(this.writeCodec) === "utf-8-sig") this.writeCodec = "utf-8";
    return [...s].length;
  }

  protected dropReadAhead(): void {
    if (this.buf === "" && this.partial.length === 0) return;
    this.raw.pos = this.tellPosition();
    this.buf = "";
    this.partial = new Uint8Array(0);
    this.eof = false;
  }

  private tellPosition(): number {
    return this.raw.pos - encode(this.buf, "utf-8-sig" === lookupCodec(this.readCodec) ? "utf-8" : this.readCodec, this.errors).length - this.partial.length;
  }

  tell(): number {
    this.check();
    this.raw.flush();
    return this.tellPosition();
  }

  seek(offset: number, whence = 0): number {
    this.check();
    if (whence === 1 && offset !== 0) throw new UnsupportedOperation("can't do nonzero cur-relative seeks");
    if (whence === 2 && offset !== 0) throw new UnsupportedOperation("can't do nonzero end-relative seeks");
    if (whence < 0 || whence > 2) throw new ValueError(`invalid whence (${whence}, should be 0, 1 or 2)`);
    if (whence === 0 && offset < 0) throw new ValueError(`negative seek position ${offset}`);
    this.raw.flush();
    const pos = whence === 0 ? offset : whence === 1 ? this.tellPosition() : this.raw.size();
    this.buf = "";
    this.partial = new Uint8Array(0);
    this.eof = false;
    this.raw.pos = pos;
    return pos;
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name=${repr(this.name)} mode=${repr(this.mode)} encoding=${repr(this.encoding ?? "UTF-8")}>`;
  }
}

export class BufferedFile extends FileBase<Uint8Array> {
  private buf: Uint8Array = new Uint8Array(0);

  protected empty(line: Uint8Array): boolean {
    return line.length === 0;
  }

  private fill(): boolean {
    const chunk = this.raw.read(CHUNK);
    if (chunk.length) this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    return chunk.length > 0;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.slice(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  read(size: number | null = -1): Uint8Array {
    this.check("read");
    const want = size === null || size < 0 ? Infinity : size;
    while (this.buf.length < want && this.fill());
    return this.take(Math.min(want, this.buf.length));
  }

  readline(size: number | null = -1): Uint8Array {
    this.check("read");
    const limit = size === null || size < 0 ? Infinity : size;
    for (;;) {
      const nl = this.buf.indexOf(0x0a);
      if (nl >= 0) return this.take(Math.min(nl + 1, limit));
      if (this.buf.length >= limit || !this.fill()) return this.take(Math.min(this.buf.length, limit));
    }
  }

  write(b: Uint8Array): number {
    if (!(b instanceof Uint8Array)) throw new TypeError(`a bytes-like object is required, not '${typeName(b)}'`);
    this.beforeWrite();
    this.raw.write(b.slice());
    return b.length;
  }

  protected dropReadAhead(): void {
    this.raw.pos -= this.buf.length;
    this.buf = new Uint8Array(0);
  }

  tell(): number {
    this.check();
    this.raw.flush();
    return this.raw.pos - this.buf.length;
  }

  seek(offset: number, whence = 0): number {
    this.check();
    if (whence < 0 || whence > 2) throw new ValueError(`whence value ${whence} unsupported`);
    this.raw.flush();
    const pos = whence === 0 ? offset : whence === 1 ? this.raw.pos - this.buf.length + offset : this.raw.size() + offset;
    if (pos < 0) throw new OSError(22, "Invalid argument");
    this.buf = new Uint8Array(0);
    this.raw.pos = pos;
    return pos;
  }

  __repr__(): string {
    const cls = this.m.readable && this.m.writable ? "BufferedRandom" : this.m.readable ? "BufferedReader" : "BufferedWriter";
    return `<_io.${cls} name=${repr(this.name)}>`;
  }
}
