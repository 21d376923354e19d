// os.path: CPython's posixpath, string operations reproduced rule for rule (join keeps `a//b`, normpath is
// the only one that collapses), and the file tests that answer False rather than raise.

import fs from "node:fs";
import nodeOs from "node:os";
import { ValueError } from "../builtins/exceptions.js";
import { fspath } from "../builtins/file.js";
import { fsCall } from "../builtins/oserror.js";
import { tuple } from "../builtins/tuple.js";

export const sep = "/";

export function join(a: unknown, ...p: unknown[]): string {
  let path = fspath(a);
  for (const part of p.map(fspath)) {
    if (part.startsWith("/")) path = part;
    else if (path === "" || path.endsWith("/")) path += part;
    else path += "/" + part;
  }
  return path;
}

export function split(p: unknown): readonly [string, string] {
  const s = fspath(p);
  const i = s.lastIndexOf("/") + 1;
  let head = s.slice(0, i);
  if (head && !/^\/+$/.test(head)) head = head.replace(/\/+$/, "");
  return tuple(head, s.slice(i));
}

export const basename = (p: unknown): string => split(p)[1];
export const dirname = (p: unknown): string => split(p)[0];

export function splitext(p: unknown): readonly [string, string] {
  const s = fspath(p);
  const sepIndex = s.lastIndexOf("/");
  const dotIndex = s.lastIndexOf(".");
  // A leading dot (".bashrc") starts a name, not an extension.
  if (dotIndex > sepIndex) {
    for (let i = sepIndex + 1; i < dotIndex; i++) if (s[i] !== ".") return tuple(s.slice(0, dotIndex), s.slice(dotIndex));
  }
  return tuple(s, "");
}

export const isabs = (p: unknown): boolean => fspath(p).startsWith("/");

export function normpath(p: unknown): string {
  const s = fspath(p);
  if (s === "") return ".";
  // POSIX keeps exactly two leading slashes; three or more are one.
  const initial = s.startsWith("//") && !s.startsWith("///") ? 2 : s.startsWith("/") ? 1 : 0;
  const comps: string[] = [];
  for (const comp of s.split("/")) {
    if (comp === "" || comp === ".") continue;
    if (comp !== ".." || (!initial && comps.length === 0) || comps.at(-1) === "..") comps.push(comp);
    else if (comps.length) comps.pop();
  }
  const out = "/".repeat(initial) + comps.join("/");
  return out || ".";
}

export const abspath = (p: unknown): string => normpath(isabs(p) ? fspath(p) : join(process.cwd(), fspath(p)));

export function realpath(p: unknown): string {
  const abs = abspath(p);
  // Symlinks resolve as far as the path exists; the rest is kept as written, as posixpath does.
  let head = abs;
  let rest = "";
  while (head !== "/" && !exists(head)) {
    const [h, t] = split(head);
    rest = rest ? `${t}/${rest}` : t;
    head = h;
  }
  const resolved = fs.realpathSync(head);
  return rest ? join(resolved, rest) : resolved;
}

export function relpath(path: unknown, start: unknown = "."): string {
  const p = fspath(path);
  if (!p) throw new ValueError("no path specified");
  const parts = (x: string) => abspath(x).split("/").filter(Boolean);
  const from = parts(fspath(start ?? "."));
  const to = parts(p);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  const rel = [...Array<string>(from.length - i).fill(".."), ...to.slice(i)];
  return rel.length ? join(rel[0], ...rel.slice(1)) : ".";
}

export function commonprefix(list: readonly string[]): string {
  if (list.length === 0) return "";
  let lo = list[0]!;
  let hi = list[0]!;
  for (const s of list) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  let i = 0;
  while (i < lo.length && lo[i] === hi[i]) i++;
  return lo.slice(0, i);
}

export function expanduser(p: unknown): string {
  const s = fspath(p);
  if (!s.startsWith("~")) return s;
  const end = s.indexOf("/", 1) < 0 ? s.length : s.indexOf("/", 1);
  let home: string | undefined;
  if (end === 1) home = process.env.HOME ?? nodeOs.userInfo().homedir;
  else {
    const user = s.slice(1, end);
    const entry = fs.existsSync("/etc/passwd") ? fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.split(":")[0] === user) : undefined;
    home = entry?.split(":")[5];
    if (home === undefined) return s;
  }
  home = home.replace(/\/+$/, "");
  return home + s.slice(end) || "/";
}

function stat(p: unknown, follow = true): fs.Stats | undefined {
  try {
    return follow ? fs.statSync(fspath(p)) : fs.lstatSync(fspath(p));
  } catch {
    return undefined;
  }
}

export const exists = (p: unknown): boolean => stat(p) !== undefined;
export const lexists = (p: unknown): boolean => stat(p, false) !== undefined;
export const isfile = (p: unknown): boolean => stat(p)?.isFile() ?? false;
export const isdir = (p: unknown): boolean => stat(p)?.isDirectory() ?? false;
export const islink = (p: unknown): boolean => stat(p, false)?.isSymbolicLink() ?? false;

export function getsize(p: unknown): number {
  const name = fspath(p);
  return fsCall(() => fs.statSync(name), name).size;
}

export function getmtime(p: unknown): number {
  const name = fspath(p);
  return fsCall(() => fs.statSync(name), name).mtimeMs / 1000;
}
