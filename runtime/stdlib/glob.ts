// glob: CPython's glob algorithm step for step (hidden names need a pattern starting with a dot, `**` only with
// recursive=True, results in directory-listing order — what os.scandir gives, so scripts sort them).

import fs from "node:fs";
import { fspath } from "../builtins/file.js";
import { filter } from "./fnmatch.js";
import * as osPath from "./os_path.js";

export interface GlobOptions {
  root_dir?: string | null;
  recursive?: boolean;
  include_hidden?: boolean;
}

const MAGIC = /[*?[]/;
export const has_magic = (s: string): boolean => MAGIC.test(s);
const isHidden = (name: string) => name.startsWith(".");
const isRecursive = (pattern: string) => pattern === "**";

function joinNames(dir: string, name: string): string {
  return dir && name ? osPath.join(dir, name) : dir || name;
}

function listNames(dir: string, dironly: boolean): string[] {
  try {
    const entries = fs.readdirSync(dir || ".", { withFileTypes: true });
    return entries.filter((e) => !dironly || e.isDirectory() || (e.isSymbolicLink() && osPath.isdir(osPath.join(dir || ".", e.name)))).map((e) => e.name);
  } catch {
    return [];
  }
}

function glob1(dir: string, pattern: string, dironly: boolean, hidden: boolean): string[] {
  let names = listNames(dir, dironly);
  if (!(hidden || isHidden(pattern))) names = names.filter((n) => !isHidden(n));
  return filter(names, pattern);
}

function glob0(dir: string, basename: string): string[] {
  if (basename) return osPath.lexists(joinNames(dir, basename)) ? [basename] : [];
  return osPath.isdir(dir) ? [basename] : [];
}

function* rlistdir(dir: string, dironly: boolean, hidden: boolean): Generator<string> {
  for (const x of listNames(dir, dironly)) {
    if (hidden || !isHidden(x)) {
      yield x;
      for (const y of rlistdir(dir ? joinNames(dir, x) : x, dironly, hidden)) yield joinNames(x, y);
    }
  }
}

function* glob2(dir: string, _pattern: string, dironly: boolean, hidden: boolean): Generator<string> {
  if (!dir || osPath.isdir(dir)) yield "";
  yield* rlistdir(dir, dironly, hidden);
}

function* iglobInner(pathname: string, root: string, recursive: boolean, dironly: boolean, hidden: boolean): Generator<string> {
  const [dirname, basename] = osPath.split(pathname);
  if (!has_magic(pathname)) {
    if (basename ? osPath.lexists(joinNames(root, pathname)) : osPath.isdir(joinNames(root, dirname))) yield pathname;
    return;
  }
  if (!dirname) {
    if (recursive && isRecursive(basename)) yield* glob2(root, basename, dironly, hidden);
    else yield* glob1(root, basename, dironly, hidden);
    return;
  }
  const dirs = dirname !== pathname && has_magic(dirname) ? iglobInner(dirname, root, recursive, true, hidden) : [dirname];
  const inDir = has_magic(basename)
    ? recursive && isRecursive(basename)
      ? glob2
      : glob1
    : (d: string, b: string) => glob0(d, b);
  for (const d of dirs) for (const name of inDir(joinNames(root, d), basename, dironly, hidden)) yield osPath.join(d, name);
}

export function* iglob(pathname: unknown, opts: GlobOptions = {}): Generator<string> {
  const pattern = fspath(pathname);
  const root = opts.root_dir == null ? "" : fspath(opts.root_dir);
  const it = iglobInner(pattern, root, opts.recursive ?? false, false, opts.include_hidden ?? false);
  // A leading `**` first yields the empty string for the top directory itself: CPython skips it.
  let first = true;
  for (const p of it) {
    if (first && p === "" && (!pattern || (opts.recursive && isRecursive(pattern.slice(0, 2))))) {
      first = false;
      continue;
    }
    first = false;
    yield p;
  }
}

export function glob(pathname: unknown, opts: GlobOptions = {}): string[] {
  return [...iglob(pathname, opts)];
}

export function escape(pathname: string): string {
  return pathname.replace(/([*?[])/g, "[$1]");
}
