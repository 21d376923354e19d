// gzip: one-shot compress/decompress and open() for reading and writing .gz files in binary or text mode.
// Members are written as CPython's GzipFile writes them (header with the file name, mtime, xfl, OS 255), so
// with a fixed mtime the bytes are CPython's. A file is compressed when closed and read whole when opened.

import fs from "node:fs";
import nodePath from "node:path";
import pako from "pako";
import { EOFError, FileExistsError, FileNotFoundError, OSError, TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { decode, encode, fromLatin1 } from "../builtins/bytes.js";
import { bytesRepr } from "../builtins/repr.js";
import { crc32, error as ZlibError, inflate } from "./zlib.js";

export class BadGzipFile extends OSError {
  static readonly __module__ = "gzip";
}
registerException(BadGzipFile as unknown as new (...args: unknown[]) => BadGzipFile);

const FNAME = 0x08;

function bytesLike(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new TypeError(`memoryview: a bytes-like object is required, not '${typeName(x)}'`);
}

/** One gzip member: header (optionally naming the file), raw deflate data, CRC-32 and length trailer. */
function member(data: Uint8Array, level: number, mtime: number | null, fname = ""): Uint8Array {
  const xfl = level === 9 ? 2 : level === 1 ? 4 : 0;
  const time = Math.trunc(mtime ?? Date.now() / 1000) >>> 0;
  const name = fname ? fromLatin1(fname + "\0") : new Uint8Array(0);
  const header = new Uint8Array(10);
  const view = new DataView(header.buffer);
  header.set([0x1f, 0x8b, 8, fname ? FNAME : 0]);
  view.setUint32(4, time, true);
  header.set([xfl, 255], 8);
  const body = pako.deflateRaw(data, { level: level as pako.DeflateOptions["level"] });
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc32(data), true);
  new DataView(trailer.buffer).setUint32(4, data.length >>> 0, true);
  const out = new Uint8Array(header.length + name.length + body.length + 8);
  out.set(header);
  out.set(name, 10);
  out.set(body, 10 + name.length);
  out.set(trailer, 10 + name.length + body.length);
  return out;
}

export function compress(data: unknown, opts: { compresslevel?: number; mtime?: number | null } = {}): Uint8Array {
  const input = bytesLike(data);
  const level = opts.compresslevel ?? 9;
  // CPython hands mtime=0 to zlib's own gzip wrapper, whose header differs (OS byte 3).
  if (opts.mtime === 0) return pako.gzip(input, { level: level as pako.DeflateOptions["level"] });
  return member(input, level, opts.mtime ?? null);
}

/** Every member of a gzip stream, concatenated; CPython's errors for a bad magic number or a cut stream. */
export function decompress(data: unknown): Uint8Array {
  let input = bytesLike(data);
  const parts: Uint8Array[] = [];
  while (input.length > 0) {
    if (input.length >= 2 && (input[0] !== 0x1f || input[1] !== 0x8b)) {
      throw new BadGzipFile(`Not a gzipped file (${bytesRepr(input.subarray(0, 2))})`);
    }
    const r = inflate(input, 31);
    if (r.err === -5) throw new EOFError("Compressed file ended before the end-of-stream marker was reached");
    if (!r.result) throw new ZlibError(`Error ${r.err} while decompressing data: ${r.msg}`);
    parts.push(r.result);
    // What follows the member is the next member, or zero padding CPython skips.
    input = input.subarray(input.length - r.unused);
    while (input.length > 0 && input[0] === 0) input = input.subarray(1);
  }
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Shared by the binary and text files: the mode, the buffered contents, closing and `with`. */
abstract class GzipBase {
  readonly name: string;
  readonly mode: string;
  closed = false;
  protected readonly writing: boolean;
  protected data: Uint8Array = new Uint8Array(0);
  protected pos = 0;
  private readonly written: Uint8Array[] = [];

  constructor(filename: string, mode: string, private readonly compresslevel: number) {
    this.name = filename;
    this.mode = mode;
    this.writing = /[wax]/.test(mode);
    if (mode.includes("x") && fs.existsSync(filename)) throw new FileExists(filename);
    if (!this.writing) {
      try {
        this.data = decompress(new Uint8Array(fs.readFileSync(filename)));
      } catch (e) {
        if ((e as { code?: string }).code === "ENOENT") throw new FileNotFound(filename);
        throw e;
      }
    }
  }

  protected check(writing: boolean): void {
    if (this.closed) throw new ValueError(writing ? "write() on closed GzipFile object" : "I/O operation on closed file.");
    if (writing !== this.writing) {
      throw new OSError(writing ? "write() on read-only GzipFile object" : "read() on write-only GzipFile object");
    }
  }

  protected writeBytes(b: Uint8Array): number {
    this.check(true);
    this.written.push(b.slice());
    return b.length;
  }

  protected readBytes(size: number): Uint8Array {
    this.check(false);
    const end = size < 0 ? this.data.length : Math.min(this.data.length, this.pos + size);
    const out = this.data.slice(this.pos, end);
    this.pos = end;
    return out;
  }

  close(): null {
    if (this.closed) return null;
    this.closed = true;
    if (this.writing) {
      const base = nodePath.basename(this.name);
      const fname = /^[\x00-\xff]*$/.test(base) ? base.replace(/\.gz$/, "") : "";
      const bytes = member(concat(this.written), this.compresslevel, null, fname);
      fs.writeFileSync(this.name, bytes, { flag: this.mode.includes("a") ? "a" : "w" });
    }
    return null;
  }

  __enter__(): this {
    this.check(this.writing);
    return this;
  }

  __exit__(): boolean {
    this.close();
    return false;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

class FileNotFound extends FileNotFoundError {
  constructor(filename: string) {
    super(`[Errno 2] No such file or directory: '${filename}'`);
  }
}
Object.defineProperty(FileNotFound, "name", { value: "FileNotFoundError" });

class FileExists extends FileExistsError {
  constructor(filename: string) {
    super(`[Errno 17] File exists: '${filename}'`);
  }
}
Object.defineProperty(FileExists, "name", { value: "FileExistsError" });

export class GzipFile extends GzipBase {
  read(size: number | null = -1): Uint8Array {
    return this.readBytes(size ?? -1);
  }

  readline(): Uint8Array {
    this.check(false);
    const nl = this.data.indexOf(0x0a, this.pos);
    return this.readBytes(nl < 0 ? -1 : nl + 1 - this.pos);
  }

  readlines(): Uint8Array[] {
    return [...this];
  }

  write(data: unknown): number {
    return this.writeBytes(bytesLike(data));
  }

  *[Symbol.iterator](): Iterator<Uint8Array> {
    for (let line = this.readline(); line.length > 0; line = this.readline()) yield line;
  }
}

/** gzip.open(…, "rt"/"wt"): UTF-8 text with universal newlines on reading. */
export class TextGzipFile extends GzipBase {
  private text: string | null = null;
  private at = 0;

  private lines(): string {
    this.check(false);
    this.text ??= decode(this.data).replace(/\r\n?/g, "\n");
    return this.text;
  }

  read(size: number | null = -1): string {
    const text = this.lines();
    const chars = [...text.slice(this.at)];
    const taken = size === null || size < 0 ? chars.join("") : chars.slice(0, size).join("");
    this.at += taken.length;
    return taken;
  }

  readline(): string {
    const text = this.lines();
    const nl = text.indexOf("\n", this.at);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(this.at, end);
    this.at = end;
    return line;
  }

  readlines(): string[] {
    return [...this];
  }

  write(s: unknown): number {
    if (typeof s !== "string") throw new TypeError(`write() argument must be str, not ${typeName(s)}`);
    this.writeBytes(encode(s));
    return [...s].length;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let line = this.readline(); line !== ""; line = this.readline()) yield line;
  }
}

export function open(filename: string, mode: `${"r" | "w" | "a" | "x"}t`, compresslevel?: number): TextGzipFile;
export function open(filename: string, mode?: string, compresslevel?: number): GzipFile;
export function open(filename: string, mode = "rb", compresslevel = 9): GzipFile | TextGzipFile {
  if (!/^[rwax][bt]?$/.test(mode)) throw new ValueError(`Invalid mode: '${mode}'`);
  return mode.includes("t") ? new TextGzipFile(filename, mode.replace("t", ""), compresslevel) : new GzipFile(filename, mode.replace("b", "") + "b", compresslevel);
}
