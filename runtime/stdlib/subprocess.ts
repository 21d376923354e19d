// subprocess: run, call, check_call, check_output and Popen. Blocking calls block (DESIGN.md): a child runs
// to completion under spawnSync. Popen starts its child when created, except with stdin=PIPE, where the child
// starts at communicate() with the input (the only way to feed it without an event loop); either way a child
// that needs no input from us behaves as under CPython. stderr=STDOUT shares one temporary file so the two
// streams interleave as the child wrote them.

import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import nodePath from "node:path";
import { constants } from "node:os";
import { Exception, FileNotFoundError, PermissionError, TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { decode, encode } from "../builtins/bytes.js";
import { repr } from "../builtins/repr.js";
import { tuple } from "../builtins/tuple.js";
import { flushAll } from "../io.js";

export class SubprocessError extends Exception {
  static readonly __module__ = "subprocess";
}
export const PIPE = -1;
export const STDOUT = -2;
export const DEVNULL = -3;

type Args = string | readonly string[];
type Stream = number | null | { fileno(): number };

const SIGNAL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));

export class CalledProcessError extends SubprocessError {
  constructor(
    readonly returncode: number,
    readonly cmd: Args,
    readonly output: unknown = null,
    readonly stderr: unknown = null,
  ) {
    super(returncode, cmd);
  }

  /** str or bytes as the failed call's text mode was, which an `except` clause cannot know statically. */
  get stdout(): unknown {
    return this.output;
  }

  __str__(): string {
    if (this.returncode < 0) {
      const name = SIGNAL_NAMES[-this.returncode];
      const sig = name ? `<Signals.${name}: ${-this.returncode}>` : `unknown signal ${-this.returncode}`;
      return `Command '${repr(this.cmd)}' died with ${sig}.`;
    }
    return `Command '${repr(this.cmd)}' returned non-zero exit status ${this.returncode}.`;
  }
}

export class TimeoutExpired extends SubprocessError {
  constructor(
    readonly cmd: Args,
    readonly timeout: number,
    readonly output: unknown = null,
    readonly stderr: unknown = null,
  ) {
    super(cmd, timeout);
  }

  __str__(): string {
    return `Command '${repr(this.cmd)}' timed out after ${this.timeout} seconds`;
  }
}
for (const cls of [SubprocessError, CalledProcessError, TimeoutExpired]) registerException(cls as unknown as new (...args: unknown[]) => CalledProcessError);

/** Captured output: str in text mode, bytes otherwise. */
export type Output = string | Uint8Array;
/** The options that put a call in text mode, statically: the converter passes text= and universal_newlines=
 *  only as literals, so these select the overloads below that give str output. */
type TextMode = { text: true } | { universal_newlines: true } | { encoding: string } | { errors: string };

/** A finished run: `T` is str or bytes, a stream is None where it was not captured. */
export class CompletedProcess<T extends Output = Output> {
  constructor(
    readonly args: Args,
    readonly returncode: number,
    readonly stdout: T | null = null,
    readonly stderr: T | null = null,
  ) {}

  check_returncode(): null {
    if (this.returncode !== 0) throw new CalledProcessError(this.returncode, this.args, this.stdout, this.stderr);
    return null;
  }

  __repr__(): string {
    const parts = [`args=${repr(this.args)}`, `returncode=${this.returncode}`];
    if (this.stdout !== null) parts.push(`stdout=${repr(this.stdout)}`);
    if (this.stderr !== null) parts.push(`stderr=${repr(this.stderr)}`);
    return `CompletedProcess(${parts.join(", ")})`;
  }
}

export interface PopenOptions {
  stdin?: Stream;
  stdout?: Stream;
  stderr?: Stream;
  shell?: boolean;
  cwd?: string | null;
  env?: Map<string, string> | null;
  text?: boolean | null;
  universal_newlines?: boolean | null;
  encoding?: string | null;
  errors?: string | null;
}

export interface RunOptions extends PopenOptions {
  input?: unknown;
  capture_output?: boolean;
  check?: boolean;
  timeout?: number | null;
}

interface Outcome {
  returncode: number;
  stdout: Output | null;
  stderr: Output | null;
}

const fd = (s: Stream | undefined): number | "pipe" | "inherit" | "ignore" => {
  if (s === undefined || s === null) return "inherit";
  if (s === PIPE) return "pipe";
  if (s === DEVNULL) return "ignore";
  if (typeof s === "number") return s;
  return s.fileno();
};

/** Run `args` to completion with the options' streams; captured output decoded when in text mode. */
function execute(args: Args, o: RunOptions, input: unknown): Outcome {
  if (o.stderr === STDOUT && o.stdout !== PIPE) throw new ValueError("stderr=STDOUT needs stdout=PIPE in py2ts-mp");
  const shell = o.shell ?? false;
  if (!shell && typeof args === "string" && /\s/.test(args)) throw new FileNotFoundError(`[Errno 2] No such file or directory: '${args}'`);
  const argv = typeof args === "string" ? [args] : [...args];
  if (argv.length === 0) throw new TypeError("expected str, bytes or os.PathLike object, not list");
  const text = Boolean(o.text || o.universal_newlines || o.encoding || o.errors);
  const stdinData = input === null || input === undefined ? undefined : text ? encode(input as string) : (input as Uint8Array);
  // The parent's buffered lines go out before the child writes to the same terminal or pipe.
  flushAll();
  let merged: { file: string; fd: number } | undefined;
  if (o.stderr === STDOUT) {
    const file = nodePath.join(fs.mkdtempSync(nodePath.join(os.tmpdir(), "py2ts-mp-")), "out");
    merged = { file, fd: fs.openSync(file, "w+") };
  }
  let r: SpawnSyncReturns<Buffer>;
  try {
    r = spawnSync(shell ? "/bin/sh" : argv[0]!, shell ? ["-c", ...argv] : argv.slice(1), {
      cwd: o.cwd ?? undefined,
      env: o.env ? Object.fromEntries(o.env) : process.env,
      input: stdinData,
      stdio: [stdinData !== undefined ? "pipe" : fd(o.stdin), merged ? merged.fd : fd(o.stdout), merged ? merged.fd : fd(o.stderr)],
      timeout: o.timeout ? o.timeout * 1000 : undefined,
      killSignal: "SIGKILL",
      maxBuffer: Infinity,
    });
  } finally {
    if (merged) fs.closeSync(merged.fd);
  }
  const out = (b: Buffer | null | undefined): Output | null => {
    if (b === null || b === undefined) return null;
    return text ? decode(new Uint8Array(b), o.encoding ?? "utf-8", o.errors ?? "strict").replace(/\r\n?/g, "\n") : new Uint8Array(b);
  };
  const stdout = merged ? out(fs.readFileSync(merged.file)) : o.stdout === PIPE ? out(r.stdout) : null;
  if (merged) fs.rmSync(nodePath.dirname(merged.file), { recursive: true });
  const stderr = o.stderr === PIPE ? out(r.stderr) : null;
  const err = r.error as (Error & { code?: string }) | undefined;
  if (err?.code === "ETIMEDOUT") throw new TimeoutExpired(args, o.timeout!, stdout, stderr);
  if (err?.code === "ENOENT") throw new FileNotFoundError(`[Errno 2] No such file or directory: '${argv[0]}'`);
  if (err?.code === "EACCES") throw new PermissionError(`[Errno 13] Permission denied: '${argv[0]}'`);
  if (err) throw err;
  const returncode = r.status ?? -(constants.signals[r.signal as keyof typeof constants.signals] ?? 0);
  return { returncode, stdout, stderr };
}

export function run(args: Args, o: RunOptions & TextMode): CompletedProcess<string>;
export function run(args: Args, o?: RunOptions): CompletedProcess<Uint8Array>;
export function run(args: Args, o: RunOptions = {}): CompletedProcess {
  if (o.capture_output) {
    if (o.stdout !== undefined || o.stderr !== undefined) throw new ValueError("stdout and stderr arguments may not be used with capture_output.");
    o = { ...o, stdout: PIPE, stderr: PIPE };
  }
  if (o.input !== undefined && o.input !== null && o.stdin !== undefined) throw new ValueError("stdin and input arguments may not both be used.");
  const r = execute(args, o, o.input);
  const done = new CompletedProcess(args, r.returncode, r.stdout, r.stderr);
  if (o.check) done.check_returncode();
  return done;
}

export function call(args: Args, o: RunOptions = {}): number {
  return execute(args, o, undefined).returncode;
}

export function check_call(args: Args, o: RunOptions = {}): number {
  const code = call(args, o);
  if (code !== 0) throw new CalledProcessError(code, args);
  return 0;
}

export function check_output(args: Args, o: RunOptions & TextMode): string;
export function check_output(args: Args, o?: RunOptions): Uint8Array;
export function check_output(args: Args, o: RunOptions = {}): Output {
  if (o.stdout !== undefined) throw new ValueError("stdout argument not allowed, it will be overridden.");
  return run(args, { ...o, stdout: PIPE, check: true }).stdout!;
}

/** `T` is str or bytes by the text mode; the converter names it (`new Popen<string>(…)`). */
export class Popen<T extends Output = Output> {
  readonly args: Args;
  returncode: number | null = null;
  private outcome: Outcome | null = null;

  constructor(args: Args, private readonly o: PopenOptions = {}) {
    this.args = args;
    if (o.stdin !== PIPE) this.outcome = execute(args, o, undefined);
  }

  /** The child's exit status; with stdin=PIPE the child runs now, with no input. */
  wait(_timeout: number | null = null): number {
    this.outcome ??= execute(this.args, this.o, new Uint8Array(0));
    this.returncode = this.outcome.returncode;
    return this.returncode;
  }

  poll(): number | null {
    return this.outcome ? this.wait() : null;
  }

  communicate(input: T | null = null, _timeout: number | null = null): readonly [T | null, T | null] {
    if (this.outcome && input !== null) throw new ValueError("Cannot send input after starting communication");
    this.outcome ??= execute(this.args, this.o, input ?? new Uint8Array(0));
    this.wait();
    return tuple(this.outcome.stdout as T | null, this.outcome.stderr as T | null);
  }

  __enter__(): this {
    return this;
  }

  __exit__(): boolean {
    this.wait();
    return false;
  }

  [Symbol.dispose](): void {
    this.wait();
  }
}
