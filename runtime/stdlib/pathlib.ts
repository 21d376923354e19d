// pathlib: Path (PosixPath) with PurePosixPath's parsing (repeated slashes and "." dropped, ".." kept), the
// `/` operator (__truediv__), properties, file operations through open()/os, and glob/rglob with 3.11's
// selectors (hidden names match `*`; "**" walks directories; listing order is the directory's). Paths are
// interned like other immutable values (builtins/intern.ts).

import fs from "node:fs";
import { NotImplementedError, TypeError, ValueError } from "../builtins/exceptions.js";
import { fspath, open, type BinaryMode, type BufferedFile, type OpenOptions, type TextIOWrapper } from "../builtins/file.js";
import { typeName } from "../builtins/int.js";
import { intern } from "../builtins/intern.js";
import { fsCall } from "../builtins/oserror.js";
import { repr } from "../builtins/repr.js";
import { tuple } from "../builtins/tuple.js";
import { fnmatchcase } from "./fnmatch.js";
import * as os from "./os.js";
import * as osPath from "./os_path.js";

function parse(segments: readonly unknown[]): { root: string; parts: string[] } {
  let root = "";
  let parts: string[] = [];
  for (const seg of segments) {
    const s = seg instanceof Path ? seg.toString() : fspath(seg);
    if (s.startsWith("/")) {
      // POSIX keeps exactly two leading slashes; three or more are one.
      root = s.startsWith("//") && !s.startsWith("///") ? "//" : "/";
      parts = [];
    }
    parts.push(...s.split("/").filter((p) => p !== "" && p !== "."));
  }
  return { root, parts };
}

export class Path {
  private readonly root: string;
  private readonly names: readonly string[];

  constructor(...segments: unknown[]) {
    for (const s of segments) {
      if (!(s instanceof Path) && typeof s !== "string" && typeof (s as { __fspath__?: unknown })?.__fspath__ !== "function") {
        throw new TypeError(`expected str, bytes or os.PathLike object, not ${typeName(s)}`);
      }
    }
    const { root, parts } = parse(segments);
    this.root = root;
    this.names = parts;
    // Interned, so that equal paths are one Map key / Set member, as they hash alike in CPython.
    return intern(`path:${this.toString()}`, this);
  }

  static cwd(): Path {
    return new Path(os.getcwd());
  }

  static home(): Path {
    return new Path(osPath.expanduser("~"));
  }

  toString(): string {
    return this.root + this.names.join("/") || ".";
  }

  __str__(): string {
    return this.toString();
  }

  __fspath__(): string {
    return this.toString();
  }

  __repr__(): string {
    return `PosixPath(${repr(this.as_posix())})`;
  }

  __eq__(other: unknown): boolean {
    return other instanceof Path && other.toString() === this.toString();
  }

  __lt__(other: unknown): boolean {
    if (!(other instanceof Path)) throw new TypeError(`'<' not supported between instances of 'PosixPath' and '${typeName(other)}'`);
    const [a, b] = [this.parts, other.parts];
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
    return a.length < b.length;
  }

  __truediv__(other: unknown): Path {
    return new Path(this, other);
  }

  __rtruediv__(other: unknown): Path {
    return new Path(other, this);
  }

  as_posix(): string {
    return this.toString();
  }

  joinpath(...others: unknown[]): Path {
    return new Path(this, ...others);
  }

  get parts(): readonly string[] {
    return tuple(...(this.root ? [this.root] : []), ...this.names);
  }

  get anchor(): string {
    return this.root;
  }

  get name(): string {
    return this.names.at(-1) ?? "";
  }

  get suffix(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(i) : "";
  }

  get suffixes(): string[] {
    const name = this.name;
    if (name.endsWith(".")) return [];
    return name.replace(/^\.+/, "").split(".").slice(1).map((s) => "." + s);
  }

  get stem(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(0, i) : name;
  }

  get parent(): Path {
    if (this.names.length === 0) return this;
    return new Path(this.root + this.names.slice(0, -1).join("/"));
  }

  get parents(): Path[] {
    const out: Path[] = [];
    for (let p = this.parent, prev: Path = this; p.toString() !== prev.toString(); prev = p, p = p.parent) out.push(p);
    return out;
  }

  with_name(name: string): Path {
    if (!this.name) throw new ValueError(`${this.__repr__()} has an empty name`);
    if (!name || name.includes("/") || name === ".") throw new ValueError(`Invalid name ${repr(name)}`);
    return new Path(this.root + [...this.names.slice(0, -1), name].join("/"));
  }

  with_stem(stem: string): Path {
    return this.with_name(stem + this.suffix);
  }

  with_suffix(suffix: string): Path {
    if (suffix.includes("/") || (suffix && (!suffix.startsWith(".") || suffix === "."))) throw new ValueError(`Invalid suffix ${repr(suffix)}`);
    if (!this.name) throw new ValueError(`${this.__repr__()} has an empty name`);
    return this.with_name(this.stem + suffix);
  }

  is_absolute(): boolean {
    return this.root !== "";
  }

  relative_to(...other: unknown[]): Path {
    const base = new Path(...other);
    const [mine, theirs] = [this.parts, base.parts];
    const n = theirs.length;
    if (mine.length < n || theirs.some((p, i) => p !== mine[i]) || (n === 0 && this.root)) {
      const quoted = (p: Path) => repr(p.toString());
      throw new ValueError(`${quoted(this)} is not in the subpath of ${quoted(base)} OR one path is relative and the other is absolute.`);
    }
    return new Path(...(mine.length > n ? mine.slice(n) : ["."]));
  }

  absolute(): Path {
    return this.root ? this : new Path(os.getcwd(), this);
  }

  resolve(): Path {
    return new Path(osPath.realpath(this.toString()));
  }

  expanduser(): Path {
    return new Path(osPath.expanduser(this.toString()));
  }

  exists(): boolean {
    return osPath.exists(this.toString());
  }

  is_file(): boolean {
    return osPath.isfile(this.toString());
  }

  is_dir(): boolean {
    return osPath.isdir(this.toString());
  }

  is_symlink(): boolean {
    return osPath.islink(this.toString());
  }

  stat(): os.stat_result {
    return os.stat(this.toString());
  }

  mkdir(mode = 0o777, parents = false, existOk = false): void {
    const p = this.toString();
    if (parents) return os.makedirs(p, mode, { exist_ok: existOk });
    try {
      os.mkdir(p, mode);
    } catch (e) {
      if (!existOk || !this.is_dir()) throw e;
    }
  }

  rmdir(): void {
    os.rmdir(this.toString());
  }

  unlink(missingOk = false): void {
    try {
      os.remove(this.toString());
    } catch (e) {
      if (!missingOk || this.exists()) throw e;
    }
  }

  rename(target: unknown): Path {
    os.rename(this.toString(), target);
    return new Path(target);
  }

  replace(target: unknown): Path {
    return this.rename(target);
  }

  touch(mode = 0o666, existOk = true): void {
    const p = this.toString();
    if (this.exists()) {
      if (!existOk) fsCall(() => fs.openSync(p, "wx"), p);
      const now = new Date();
      fsCall(() => fs.utimesSync(p, now, now), p);
    } else fsCall(() => fs.closeSync(fs.openSync(p, "a", mode)), p);
  }

  open(mode: BinaryMode, opts?: OpenOptions): BufferedFile;
  open(mode?: string, opts?: OpenOptions): TextIOWrapper;
  open(mode = "r", opts: OpenOptions = {}): TextIOWrapper | BufferedFile {
    return open(this.toString(), mode, opts);
  }

  read_text(encoding: string | null = null, errors: string | null = null): string {
    using f = open(this.toString(), "r", { encoding, errors });
    return f.read();
  }

  write_text(data: string, encoding: string | null = null, errors: string | null = null, newline: string | null = null): number {
    if (typeof data !== "string") throw new TypeError(`data must be str, not ${typeName(data)}`);
    using f = open(this.toString(), "w", { encoding, errors, newline });
    return f.write(data);
  }

  read_bytes(): Uint8Array {
    using f = open(this.toString(), "rb");
    return f.read();
  }

  write_bytes(data: Uint8Array): number {
    using f = open(this.toString(), "wb");
    return f.write(data);
  }

  *iterdir(): Generator<Path> {
    for (const name of os.listdir(this.toString())) yield this.child(name);
  }

  private child(name: string): Path {
    return this.names.length === 0 && !this.root ? new Path(name) : new Path(this, name);
  }

  *glob(pattern: string): Generator<Path> {
    if (!pattern) throw new ValueError(`Unacceptable pattern: ${repr(pattern)}`);
    if (pattern.startsWith("/")) throw new NotImplementedError("Non-relative patterns are unsupported");
    const parts = parse([pattern]).parts;
    // A pattern ending in "**" matches directories only.
    yield* this.select(parts, 0, parts.at(-1) === "**" ? true : undefined);
  }

  *rglob(pattern: string): Generator<Path> {
    yield* this.glob(`**/${pattern}`);
  }

  /** 3.11's selector chain: parts[i] applied under this directory, then the rest under each match. */
  private *select(parts: readonly string[], i: number, dirOnlyEnd?: boolean): Generator<Path> {
    if (i === parts.length) {
      yield this;
      return;
    }
    const part = parts[i]!;
    const dironly = i < parts.length - 1 || dirOnlyEnd === true;
    if (part === "**") {
      const seen = new Set<string>();
      for (const dir of this.directories()) {
        for (const p of dir.select(parts, i + 1, dirOnlyEnd)) {
          const key = p.toString();
          if (!seen.has(key)) {
            seen.add(key);
            yield p;
          }
        }
      }
      return;
    }
    if (!/[*?[]/.test(part)) {
      const p = this.child(part);
      if (dironly ? p.is_dir() : p.exists()) yield* p.select(parts, i + 1, dirOnlyEnd);
      return;
    }
    for (const e of this.entries()) {
      if (dironly && !(e.isDirectory() || (e.isSymbolicLink() && this.child(e.name).is_dir()))) continue;
      if (fnmatchcase(e.name, part)) yield* this.child(e.name).select(parts, i + 1, dirOnlyEnd);
    }
  }

  private entries(): fs.Dirent[] {
    try {
      return fs.readdirSync(this.toString(), { withFileTypes: true });
    } catch {
      return [];
    }
  }

  /** This directory and every directory below it (not through symlinks), parents first. */
  private *directories(): Generator<Path> {
    yield this;
    for (const e of this.entries()) if (e.isDirectory()) yield* this.child(e.name).directories();
  }
}

export { Path as PosixPath, Path as PurePath, Path as PurePosixPath };
