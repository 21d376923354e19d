// tempfile: temporary directories and files with CPython's names (prefix "tmp" + 8 characters of
// [a-z0-9_]), created securely (mkdir / O_EXCL), removed by their context managers.

import fs from "node:fs";
import nodeOs from "node:os";
import { FileExistsError } from "../builtins/exceptions.js";
import { fspath, open, type BinaryMode, type BufferedFile, type TextIOWrapper } from "../builtins/file.js";
import { fsCall } from "../builtins/oserror.js";
import { repr } from "../builtins/repr.js";
import { tuple } from "../builtins/tuple.js";
import * as osPath from "./os_path.js";
import { rmtree } from "./shutil.js";

const CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
export const template = "tmp";
let tempdir: string | null = null;

function randomName(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += CHARS[Math.floor(Math.random() * CHARS.length)];
  return s;
}

/** CPython's search: $TMPDIR, $TEMP, $TMP, then /tmp, /var/tmp, /usr/tmp, the working directory. */
export function gettempdir(): string {
  if (tempdir === null) {
    const candidates = [process.env.TMPDIR, process.env.TEMP, process.env.TMP, "/tmp", "/var/tmp", "/usr/tmp", process.cwd()];
    tempdir = osPath.abspath(candidates.find((d) => d && writableDir(d)) ?? nodeOs.tmpdir());
  }
  return tempdir;
}

function writableDir(d: string): boolean {
  try {
    fs.accessSync(d, fs.constants.W_OK);
    return osPath.isdir(d);
  } catch {
    return false;
  }
}

interface NameOptions {
  suffix?: string | null;
  prefix?: string | null;
  dir?: unknown;
}

/** Try fresh names until one can be created (FileExistsError means taken). */
function create<T>(o: NameOptions, make: (path: string) => T): T {
  const dir = o.dir == null ? gettempdir() : fspath(o.dir);
  for (let attempt = 0; ; attempt++) {
    const path = osPath.join(dir, (o.prefix ?? template) + randomName() + (o.suffix ?? ""));
    try {
      return make(path);
    } catch (e) {
      if (!(e instanceof FileExistsError) || attempt > 100) throw e;
    }
  }
}

export function mkdtemp(suffix: string | null = null, prefix: string | null = null, dir: unknown = null): string {
  return osPath.abspath(create({ suffix, prefix, dir }, (p) => fsCall(() => (fs.mkdirSync(p, 0o700), p), p)));
}

/** mkstemp: (an OS-level descriptor, the absolute path). */
export function mkstemp(suffix: string | null = null, prefix: string | null = null, dir: unknown = null): readonly [number, string] {
  return create({ suffix, prefix, dir }, (p) => tuple(fsCall(() => fs.openSync(p, "wx+", 0o600), p), osPath.abspath(p)));
}

export class TemporaryDirectory {
  readonly name: string;
  private removed = false;

  constructor(suffix: string | null = null, prefix: string | null = null, dir: unknown = null, private readonly opts: { ignore_cleanup_errors?: boolean } = {}) {
    this.name = mkdtemp(suffix, prefix, dir);
  }

  cleanup(): void {
    if (this.removed) return;
    this.removed = true;
    rmtree(this.name, this.opts.ignore_cleanup_errors ?? false);
  }

  __enter__(): string {
    return this.name;
  }

  __exit__(): void {
    this.cleanup();
  }

  __repr__(): string {
    return `<TemporaryDirectory ${repr(this.name)}>`;
  }
}

export interface NamedTemporaryFileOptions {
  buffering?: number;
  encoding?: string | null;
  newline?: string | null;
  suffix?: string | null;
  prefix?: string | null;
  dir?: unknown;
  delete?: boolean;
}

/** NamedTemporaryFile: a file object (binary "w+b" by default) whose `name` is its path, deleted on close
 *  unless delete=False. */
export function NamedTemporaryFile(mode?: BinaryMode, opts?: NamedTemporaryFileOptions): BufferedFile;
export function NamedTemporaryFile(mode: string, opts?: NamedTemporaryFileOptions): TextIOWrapper;
export function NamedTemporaryFile(mode = "w+b", opts: NamedTemporaryFileOptions = {}): TextIOWrapper | BufferedFile {
  // "x" in place of "w": a name another process took meanwhile fails, and the next name is tried.
  const file = create(opts, (p) => open(osPath.abspath(p), mode.replace(/^w/, "x"), { encoding: opts.encoding, newline: opts.newline }));
  file.deleteOnClose = opts.delete ?? true;
  return file;
}
