// shutil: copying, moving and removing files and trees with CPython's return values (the destination path)
// and errors (FileExistsError from copytree, shutil.Error from move onto an existing name, SameFileError).

import fs from "node:fs";
import { OSError, registerException } from "../builtins/exceptions.js";
import { fspath } from "../builtins/file.js";
import { fsCall, raiseErrno } from "../builtins/oserror.js";
import { repr } from "../builtins/repr.js";
import * as osPath from "./os_path.js";

export class Error extends OSError {}
export class SameFileError extends Error {}
registerException(Error as unknown as new (...args: unknown[]) => Error);
registerException(SameFileError as unknown as new (...args: unknown[]) => SameFileError);

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [fs.statSync(a), fs.statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export function copyfile(src: unknown, dst: unknown): string {
  const [s, d] = [fspath(src), fspath(dst)];
  if (sameFile(s, d)) throw new SameFileError(`${repr(s)} and ${repr(d)} are the same file`);
  const data = fsCall(() => fs.readFileSync(s), s);
  if (osPath.isdir(s)) raiseErrno("EISDIR", s);
  fsCall(() => fs.writeFileSync(d, data), d);
  return d;
}

export function copymode(src: unknown, dst: unknown): void {
  const [s, d] = [fspath(src), fspath(dst)];
  fsCall(() => fs.chmodSync(d, fsCall(() => fs.statSync(s), s).mode & 0o7777), d);
}

export function copystat(src: unknown, dst: unknown): void {
  const [s, d] = [fspath(src), fspath(dst)];
  const st = fsCall(() => fs.statSync(s), s);
  fsCall(() => fs.utimesSync(d, st.atime, st.mtime), d);
  fsCall(() => fs.chmodSync(d, st.mode & 0o7777), d);
}

/** copy/copy2 into a directory keep the source's name. */
function target(src: string, dst: string): string {
  return osPath.isdir(dst) ? osPath.join(dst, osPath.basename(src)) : dst;
}

export function copy(src: unknown, dst: unknown): string {
  const [s, d] = [fspath(src), target(fspath(src), fspath(dst))];
  copyfile(s, d);
  copymode(s, d);
  return d;
}

export function copy2(src: unknown, dst: unknown): string {
  const [s, d] = [fspath(src), target(fspath(src), fspath(dst))];
  copyfile(s, d);
  copystat(s, d);
  return d;
}

export function copytree(src: unknown, dst: unknown, opts: { dirs_exist_ok?: boolean } = {}): string {
  const [s, d] = [fspath(src), fspath(dst)];
  const entries = fsCall(() => fs.readdirSync(s, { withFileTypes: true }), s);
  fsCall(() => fs.mkdirSync(d, { recursive: opts.dirs_exist_ok ?? false }), d);
  for (const e of entries) {
    const [from, to] = [osPath.join(s, e.name), osPath.join(d, e.name)];
    if (e.isDirectory()) copytree(from, to, opts);
    else copy2(from, to);
  }
  copystat(s, d);
  return d;
}

export function rmtree(path: unknown, ignoreErrors = false): void {
  const p = fspath(path);
  try {
    if (osPath.islink(p)) throw new OSError("Cannot call rmtree on a symbolic link");
    for (const e of fsCall(() => fs.readdirSync(p, { withFileTypes: true }), p)) {
      const full = osPath.join(p, e.name);
      if (e.isDirectory()) rmtree(full);
      else fsCall(() => fs.unlinkSync(full), full);
    }
    fsCall(() => fs.rmdirSync(p), p);
  } catch (e) {
    if (!ignoreErrors) throw e;
  }
}

export function move(src: unknown, dst: unknown): string {
  const s = fspath(src);
  let d = fspath(dst);
  if (osPath.isdir(d)) {
    if (sameFile(s, d)) {
      fsCall(() => fs.renameSync(s, d), s, d);
      return d;
    }
    d = osPath.join(d, osPath.basename(s.replace(/\/+$/, "")));
    if (osPath.exists(d)) throw new Error(`Destination path '${d}' already exists`);
  }
  try {
    fs.renameSync(s, d);
  } catch (e) {
    // Across file systems a rename fails: copy, then remove the source.
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw fsCall(() => { throw e; }, s, d);
    if (osPath.isdir(s)) {
      copytree(s, d);
      rmtree(s);
    } else {
      copy2(s, d);
      fs.unlinkSync(s);
    }
  }
  return d;
}

export function which(cmd: string, mode = fs.constants.F_OK | fs.constants.X_OK, path: string | null = null): string | null {
  const executable = (p: string) => {
    try {
      fs.accessSync(p, mode);
      return !osPath.isdir(p);
    } catch {
      return false;
    }
  };
  if (cmd.includes("/")) return executable(cmd) ? cmd : null;
  for (const dir of (path ?? process.env.PATH ?? "").split(":")) {
    const full = osPath.join(dir || ".", cmd);
    if (executable(full)) return full;
  }
  return null;
}
