// os: process ids (each worker "process" has its own), cpu_count, environ, and the file-system calls scripts
// use, raising CPython's OSError subclasses; os.path is os_path.ts.


import fs from "node:fs";
import nodeOs from "node:os";
import { fspath } from "../builtins/file.js";
import { OSError } from "../builtins/exceptions.js";
import { fsCall, osError } from "../builtins/oserror.js";
import { tuple } from "../builtins/tuple.js";
import { identity } from "../multiprocessing/state.js";
import { active_children } from "../multiprocessing/process.js";
import * as osPath from "./os_path.js";
import { SIGKILL, SIGTERM, deliver } from "./signal.js";

export function getpid(): number {
  return identity.current.pid;
}

export function getppid(): number {
  return identity.current.parentPid ?? process.ppid;
}

/**
 * os.kill: a signal to this process goes to its handler at once (signal.ts); to one of the program's child
 * processes (worker threads with pids of their own) SIGTERM and SIGKILL are terminate() and kill(); any
 * other pid is a real process, signalled by the OS.
 */
export function kill(pid: number, sig: number): void {
  if (pid === getpid()) return deliver(sig);
  const child = active_children().find((p) => p.pid === pid);
  if (child && sig === SIGTERM) return child.terminate();
  if (child && sig === SIGKILL) return child.kill();
  if (child) throw new OSError(`os.kill(${pid}, ${sig}): only SIGTERM and SIGKILL reach a child process here`);
  fsCall(() => process.kill(pid, sig));
}

/** os._exit: the process ends now, skipping atexit handlers, finally blocks and unflushed output (as CPython's,
 *  a line not yet ended is lost); a child process ends with this exit code. */
export function _exit(n: number): never {
  process.exit(n);
}

export function cpu_count(): number {
  return nodeOs.availableParallelism?.() ?? nodeOs.cpus().length;
}

export const sep = "/";
export const linesep = "\n";
export const environ = new Map(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));

export * as path from "./os_path.js";

export const curdir = ".";
export const pardir = "..";
export const devnull = "/dev/null";

export function getenv(key: string, defaultValue: string | null = null): string | null {
  return environ.get(key) ?? defaultValue;
}

export function getcwd(): string {
  return process.cwd();
}

export function chdir(p: unknown): void {
  const name = fspath(p);
  fsCall(() => process.chdir(name), name);
}

export function listdir(p: unknown = "."): string[] {
  const name = fspath(p);
  return fsCall(() => fs.readdirSync(name), name);
}

export function mkdir(p: unknown, mode = 0o777): void {
  const name = fspath(p);
  fsCall(() => fs.mkdirSync(name, { mode }), name);
}

export function makedirs(p: unknown, mode = 0o777, opts: { exist_ok?: boolean } = {}): void {
  const name = fspath(p);
  // CPython creates the parents first and raises FileExistsError for the leaf unless exist_ok (and the leaf is a directory).
  const [head, tail] = osPath.split(name);
  if (head && tail && !osPath.exists(head)) makedirs(head, mode, { exist_ok: true });
  try {
    fs.mkdirSync(name, { mode });
  } catch (e) {
    if (!opts.exist_ok || !osPath.isdir(name)) throw osError(e, name);
  }
}

export function remove(p: unknown): void {
  const name = fspath(p);
  fsCall(() => fs.unlinkSync(name), name);
}
export { remove as unlink };

export function rmdir(p: unknown): void {
  const name = fspath(p);
  fsCall(() => fs.rmdirSync(name), name);
}

export function removedirs(p: unknown): void {
  rmdir(p);
  let [head, tail] = osPath.split(fspath(p));
  if (!tail) [head, tail] = osPath.split(head);
  while (head && tail) {
    try {
      fs.rmdirSync(head);
    } catch {
      break;
    }
    [head, tail] = osPath.split(head);
  }
}

export function rename(src: unknown, dst: unknown): void {
  const [a, b] = [fspath(src), fspath(dst)];
  fsCall(() => fs.renameSync(a, b), a, b);
}
export { rename as replace };

/** The fields of os.stat_result that scripts read. */
export class stat_result {
  readonly st_mode: number;
  readonly st_size: number;
  readonly st_mtime: number;
  readonly st_atime: number;
  readonly st_ctime: number;
  constructor(s: fs.Stats) {
    this.st_mode = s.mode;
    this.st_size = s.size;
    this.st_mtime = s.mtimeMs / 1000;
    this.st_atime = s.atimeMs / 1000;
    this.st_ctime = s.ctimeMs / 1000;
  }
}

export function stat(p: unknown): stat_result {
  const name = fspath(p);
  return new stat_result(fsCall(() => fs.statSync(name), name));
}

/** os.walk: (dirpath, dirnames, filenames) per directory, in listing order; the caller may prune `dirnames`
 *  in place when walking top-down. Unreadable directories are skipped (onerror=None). */
export function* walk(top: unknown, opts: { topdown?: boolean; followlinks?: boolean } = {}): Generator<readonly [string, string[], string[]]> {
  const topdown = opts.topdown ?? true;
  const dir = fspath(top);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const dirs: string[] = [];
  const files: string[] = [];
  const links = new Set<string>();
  for (const e of entries) {
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) {
      isDir = osPath.isdir(osPath.join(dir, e.name));
      if (isDir) links.add(e.name);
    }
    (isDir ? dirs : files).push(e.name);
  }
  if (topdown) {
    yield tuple(dir, dirs, files);
    for (const d of dirs) {
      const sub = osPath.join(dir, d);
      if (opts.followlinks || !osPath.islink(sub)) yield* walk(sub, opts);
    }
  } else {
    for (const d of dirs) if (opts.followlinks || !links.has(d)) yield* walk(osPath.join(dir, d), opts);
    yield tuple(dir, dirs, files);
  }
}

export { fspath };
