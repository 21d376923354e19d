// logging: CPython's loggers (a dotted-name hierarchy under the root logger, levels, propagation, the
// last-resort handler), LogRecord, %-style Formatter, StreamHandler/FileHandler and basicConfig. A child
// process started by fork inherits the configuration, as it inherits the parent's memory in CPython, so
// `%(processName)s` written by a Pool worker names the worker through the handlers the parent configured.

import fs from "node:fs";
import path from "node:path";
import { KeyError, TypeError, ValueError } from "../builtins/exceptions.js";
import { percentFormat } from "../builtins/format.js";
import { repr, str } from "../builtins/repr.js";
import { asTuple } from "../builtins/tuple.js";
import { formatTraceback } from "../builtins/traceback.js";
import { stderr, stdout, type TextStream } from "../io.js";
import { registerShared, type SharedHandle } from "../multiprocessing/handles.js";
import { identity, programModules } from "../multiprocessing/state.js";
import { strftime } from "../time/strftime.js";
import { argv } from "./sys.js";

export const CRITICAL = 50;
export const FATAL = CRITICAL;
export const ERROR = 40;
export const WARNING = 30;
export const WARN = WARNING;
export const INFO = 20;
export const DEBUG = 10;
export const NOTSET = 0;

const levelToName = new Map<number, string>([[CRITICAL, "CRITICAL"], [ERROR, "ERROR"], [WARNING, "WARNING"], [INFO, "INFO"], [DEBUG, "DEBUG"], [NOTSET, "NOTSET"]]);
const nameToLevel = new Map<string, number>([...[...levelToName].map(([l, n]) => [n, l] as const), ["WARN", WARNING], ["FATAL", FATAL]]);

export function getLevelName(level: number | string): string | number {
  if (typeof level === "number") return levelToName.get(level) ?? `Level ${level}`;
  return nameToLevel.get(level) ?? `Level ${level}`;
}

export function addLevelName(level: number, name: string): void {
  levelToName.set(level, name);
  nameToLevel.set(name, level);
}

/** A level given as a number or a registered name (logging._checkLevel). */
function checkLevel(level: number | string): number {
  if (typeof level === "number") return level;
  if (typeof level === "string") {
    const n = nameToLevel.get(level);
    if (n === undefined) throw new ValueError(`Unknown level: ${repr(level)}`);
    return n;
  }
  throw new TypeError(`Level not an integer or a valid string: ${repr(level)}`);
}

const startTime = Date.now() / 1000;
/** logging.disable()'s level. */
let disabledLevel = NOTSET - 1;
const scriptPath = argv[0] ?? "";

/** The exception a record carries: the one being handled, or none (printed as CPython's `NoneType: None`). */
type ExcInfo = unknown;
const NO_EXCEPTION = Symbol("no exception");

export class LogRecord {
  [attr: string]: unknown;
  readonly name: string;
  readonly msg: unknown;
  readonly args: readonly unknown[] | Map<unknown, unknown>;
  readonly levelno: number;
  readonly levelname: string;
  readonly pathname = scriptPath;
  readonly filename = path.basename(scriptPath);
  readonly module = path.basename(scriptPath).replace(/\.[^.]*$/, "");
  readonly created: number;
  readonly msecs: number;
  readonly relativeCreated: number;
  readonly process: number;
  readonly processName: string;
  readonly threadName: string;
  exc_info: ExcInfo | null;
  exc_text: string | null = null;
  message?: string;
  asctime?: string;

  constructor(name: string, level: number, msg: unknown, args: readonly unknown[], excInfo: ExcInfo | null) {
    this.name = name;
    this.msg = msg;
    // A single dict argument is the mapping for %(key)s references, as in CPython.
    this.args = args.length === 1 && args[0] instanceof Map && args[0].size ? args[0] : args;
    this.levelno = level;
    this.levelname = String(getLevelName(level));
    const now = Date.now();
    this.created = now / 1000;
    this.msecs = now % 1000;
    this.relativeCreated = now - startTime * 1000;
    const id = identity.current;
    this.process = id.pid;
    // A thread runs in its parent process; a process's own main thread is MainThread.
    this.processName = id.kind === "thread" ? "MainProcess" : id.name;
    this.threadName = id.kind === "thread" ? id.name : "MainThread";
    this.exc_info = excInfo;
  }

  getMessage(): string {
    const msg = str(this.msg);
    const args = this.args;
    if (args instanceof Map) return percentFormat(msg, args);
    return args.length ? percentFormat(msg, asTuple([...args])) : msg;
  }
}

export class Formatter {
  readonly _fmt: string;
  readonly datefmt: string | null;

  constructor(fmt: string | null = null, datefmt: string | null = null, style = "%") {
    if (style !== "%") throw new ValueError(`only the '%' style of format strings is supported, not ${repr(style)}`);
    this._fmt = fmt ?? "%(message)s";
    this.datefmt = datefmt;
  }

  usesTime(): boolean {
    return this._fmt.includes("%(asctime)");
  }

  formatTime(record: LogRecord, datefmt: string | null = null): string {
    if (datefmt) return strftime(datefmt, record.created);
    return `${strftime("%Y-%m-%d %H:%M:%S", record.created)},${String(Math.floor(record.msecs)).padStart(3, "0")}`;
  }

  formatException(exc: ExcInfo): string {
    if (exc === NO_EXCEPTION) return "NoneType: None";
    return formatTraceback(exc).replace(/\n$/, "");
  }

  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = percentFormat(this._fmt, new Map(Object.entries(record)));
    if (record.exc_info !== null && !record.exc_text) record.exc_text = this.formatException(record.exc_info);
    if (record.exc_text) {
      if (!s.endsWith("\n")) s += "\n";
      s += record.exc_text;
    }
    return s;
  }
}

const defaultFormatter = new Formatter();

export class Handler {
  level: number;
  formatter: Formatter | null = null;

  constructor(level: number | string = NOTSET) {
    this.level = checkLevel(level);
  }

  setLevel(level: number | string): void {
    this.level = checkLevel(level);
  }

  setFormatter(fmt: Formatter | null): void {
    this.formatter = fmt;
  }

  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }

  handle(record: LogRecord): void {
    this.emit(record);
  }

  emit(_record: LogRecord): void {
    throw new TypeError("emit must be implemented by Handler subclasses");
  }

  flush(): void {}

  close(): void {}

  /** What a forked child needs to rebuild this handler. */
  describe(): readonly unknown[] | null {
    return null;
  }
}

/** Writes records to a stream (sys.stderr unless given). */
export class StreamHandler extends Handler {
  terminator = "\n";

  constructor(readonly stream: TextStream = stderr) {
    super();
  }

  override emit(record: LogRecord): void {
    this.stream.write(this.format(record) + this.terminator);
    this.stream.flush();
  }

  override flush(): void {
    this.stream.flush();
  }

  override describe(): readonly unknown[] | null {
    return this.stream === stdout || this.stream === stderr ? ["stream", this.stream === stdout ? 1 : 2, this.level, ...formatOf(this)] : null;
  }
}

/** Appends records to a file (opened with `mode`, 'a' unless given). Each record is one write. */
export class FileHandler extends StreamHandler {
  private fd: number | null;
  readonly baseFilename: string;

  constructor(filename: string, readonly mode = "a") {
    super();
    this.baseFilename = path.resolve(filename);
    // Always appending: a forked child's handler writes to the same file, and neither may overwrite the
    // other's records (in CPython they share one file offset). Mode 'w' still starts the file empty.
    if (mode.startsWith("w")) fs.writeFileSync(this.baseFilename, "");
    this.fd = fs.openSync(this.baseFilename, "a");
  }

  override emit(record: LogRecord): void {
    if (this.fd === null) this.fd = fs.openSync(this.baseFilename, "a");
    fs.writeSync(this.fd, this.format(record) + this.terminator);
  }

  override flush(): void {}

  override close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  override describe(): readonly unknown[] | null {
    return ["file", this.baseFilename, this.level, ...formatOf(this)];
  }
}

function formatOf(h: Handler): [string | null, string | null] {
  return h.formatter ? [h.formatter._fmt, h.formatter.datefmt] : [null, null];
}

/** Used when a record finds no handler at all: the bare message on stderr, WARNING and above. */
const lastResort = new StreamHandler(stderr);
lastResort.setLevel(WARNING);

/** The options the converter passes after a logging call's arguments. `handled` is the exception being
 *  handled by the enclosing `except` clause (what sys.exc_info() returns in Python). */
interface LogOptions {
  exc_info?: unknown;
  extra?: Map<string, unknown> | null;
  stack_info?: boolean;
  stacklevel?: number;
  handled?: unknown;
}

function splitOptions(args: unknown[]): [unknown[], LogOptions] {
  const last = args.at(-1);
  const isOptions = last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype;
  return isOptions ? [args.slice(0, -1), last as LogOptions] : [args, {}];
}

export class Logger {
  level: number = NOTSET;
  parent: Logger | null = null;
  propagate = true;
  disabled = false;
  readonly handlers: Handler[] = [];

  constructor(readonly name: string, level: number | string = NOTSET) {
    this.level = checkLevel(level);
  }

  setLevel(level: number | string): void {
    this.level = checkLevel(level);
  }

  getEffectiveLevel(): number {
    for (let l: Logger | null = this; l; l = l.parent) if (l.level) return l.level;
    return NOTSET;
  }

  isEnabledFor(level: number): boolean {
    return !this.disabled && level > disabledLevel && level >= this.getEffectiveLevel();
  }

  addHandler(h: Handler): void {
    if (!this.handlers.includes(h)) this.handlers.push(h);
  }

  removeHandler(h: Handler): void {
    const i = this.handlers.indexOf(h);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  hasHandlers(): boolean {
    for (let l: Logger | null = this; l; l = l.propagate ? l.parent : null) if (l.handlers.length) return true;
    return false;
  }

  getChild(suffix: string): Logger {
    return getLogger(this === root ? suffix : `${this.name}.${suffix}`);
  }

  debug(msg: unknown, ...args: unknown[]): void {
    this.logAt(DEBUG, msg, args);
  }

  info(msg: unknown, ...args: unknown[]): void {
    this.logAt(INFO, msg, args);
  }

  warning(msg: unknown, ...args: unknown[]): void {
    this.logAt(WARNING, msg, args);
  }

  warn(msg: unknown, ...args: unknown[]): void {
    this.logAt(WARNING, msg, args);
  }

  error(msg: unknown, ...args: unknown[]): void {
    this.logAt(ERROR, msg, args);
  }

  critical(msg: unknown, ...args: unknown[]): void {
    this.logAt(CRITICAL, msg, args);
  }

  fatal(msg: unknown, ...args: unknown[]): void {
    this.logAt(CRITICAL, msg, args);
  }

  /** error() with the exception being handled (exc_info=True unless told otherwise). */
  exception(msg: unknown, ...args: unknown[]): void {
    const [rest, opts] = splitOptions(args);
    this.logAt(ERROR, msg, [...rest, { exc_info: true, ...opts }]);
  }

  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== "number") throw new TypeError("level must be an integer");
    this.logAt(level, msg, args);
  }

  private logAt(level: number, msg: unknown, args: unknown[]): void {
    if (!this.isEnabledFor(level)) return;
    const [rest, opts] = splitOptions(args);
    const exc = opts.exc_info;
    const excInfo = exc === undefined || exc === null || exc === false ? null : exc === true ? (opts.handled ?? NO_EXCEPTION) : exc;
    const record = new LogRecord(this.name, level, msg, rest, excInfo);
    for (const [k, v] of opts.extra ?? []) {
      if (k === "message" || k === "asctime" || k in record) throw new KeyError(`Attempt to overwrite ${repr(k)} in LogRecord`);
      record[k] = v;
    }
    this.callHandlers(record);
  }

  /** Passes the record to this logger's handlers and its ancestors' while they propagate. */
  private callHandlers(record: LogRecord): void {
    let found = 0;
    for (let l: Logger | null = this; l; l = l.propagate ? l.parent : null) {
      for (const h of l.handlers) {
        found++;
        if (record.levelno >= h.level) h.handle(record);
      }
    }
    if (found === 0 && record.levelno >= lastResort.level) lastResort.handle(record);
  }

  /** A logger crosses to a child process by name (CPython pickles it as getLogger(name)). */
  __shared__(): SharedHandle {
    return { kind: "logging.Logger", buffers: [], meta: [this === root ? null : this.name] };
  }

  __repr__(): string {
    return `<${this === root ? "RootLogger" : "Logger"} ${this.name} (${getLevelName(this.getEffectiveLevel())})>`;
  }
}

export const root = new Logger("root", WARNING);
const loggers = new Map<string, Logger>();

/** The logger named `name` (the root logger without one), created on first use under its nearest ancestor. */
export function getLogger(name: string | null = null): Logger {
  if (name === null || name === "" || name === "root") return root;
  const existing = loggers.get(name);
  if (existing) return existing;
  const logger = new Logger(name);
  logger.parent = nearestAncestor(name);
  // Loggers created before this one that sit below it now hang from it.
  for (const other of loggers.values()) {
    if (other.name.startsWith(`${name}.`) && (other.parent === root || !other.parent!.name.startsWith(`${name}.`))) other.parent = logger;
  }
  loggers.set(name, logger);
  return logger;
}

function nearestAncestor(name: string): Logger {
  for (let i = name.lastIndexOf("."); i > 0; i = name.lastIndexOf(".", i - 1)) {
    const l = loggers.get(name.slice(0, i));
    if (l) return l;
  }
  return root;
}

export interface BasicConfigOptions {
  filename?: string;
  filemode?: string;
  format?: string;
  datefmt?: string;
  style?: string;
  level?: number | string;
  stream?: TextStream;
  handlers?: Handler[];
  force?: boolean;
  encoding?: string;
}

export const BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s";

/** Configures the root logger once (again with force=True): a handler, its format, the level. */
export function basicConfig(opts: BasicConfigOptions = {}): void {
  if (opts.force) for (const h of [...root.handlers]) {
    root.removeHandler(h);
    h.close();
  }
  if (root.handlers.length) return;
  if (opts.handlers && (opts.stream || opts.filename)) throw new ValueError("'stream' or 'filename' should not be specified together with 'handlers'");
  if (opts.stream && opts.filename) throw new ValueError("'stream' and 'filename' should not be specified together");
  const handlers = opts.handlers ?? [opts.filename !== undefined ? new FileHandler(opts.filename, opts.filemode ?? "a") : new StreamHandler(opts.stream ?? stderr)];
  const formatter = new Formatter(opts.format ?? BASIC_FORMAT, opts.datefmt ?? null, opts.style ?? "%");
  for (const h of handlers) {
    if (!h.formatter) h.setFormatter(formatter);
    root.addHandler(h);
  }
  if (opts.level !== undefined) root.setLevel(opts.level);
}

function configured(): Logger {
  if (!root.handlers.length) basicConfig();
  return root;
}

export function debug(msg: unknown, ...args: unknown[]): void {
  configured().debug(msg, ...args);
}

export function info(msg: unknown, ...args: unknown[]): void {
  configured().info(msg, ...args);
}

export function warning(msg: unknown, ...args: unknown[]): void {
  configured().warning(msg, ...args);
}

export function error(msg: unknown, ...args: unknown[]): void {
  configured().error(msg, ...args);
}

export function critical(msg: unknown, ...args: unknown[]): void {
  configured().critical(msg, ...args);
}

export function exception(msg: unknown, ...args: unknown[]): void {
  configured().exception(msg, ...args);
}

export function log(level: number, msg: unknown, ...args: unknown[]): void {
  configured().log(level, msg, ...args);
}

/** Records at `level` and below are dropped by every logger (logging.disable). */
export function disable(level: number = CRITICAL): void {
  disabledLevel = level;
}

// --- inheritance by forked children -------------------------------------------------------------------

/** The configuration as plain data: per logger its level, propagation and rebuildable handlers. */
function describeConfig(): unknown[] {
  return [root, ...loggers.values()].map((l) => [
    l === root ? null : l.name,
    l.level,
    l.propagate,
    l.handlers.map((h) => h.describe()).filter((d) => d !== null),
  ]);
}

function rebuildHandler(d: readonly unknown[]): Handler {
  const [kind, where, level, fmt, datefmt] = d as [string, number | string, number, string | null, string | null];
  // A file the parent opened stays open in a forked child: appending continues it rather than truncating.
  const h = kind === "file" ? new FileHandler(where as string, "a") : new StreamHandler(where === 1 ? stdout : stderr);
  h.setLevel(level);
  if (fmt !== null) h.setFormatter(new Formatter(fmt, datefmt));
  return h;
}

function applyConfig(config: readonly unknown[]): void {
  for (const entry of config) {
    const [name, level, propagate, handlers] = entry as [string | null, number, boolean, readonly (readonly unknown[])[]];
    const logger = getLogger(name);
    logger.level = level;
    logger.propagate = propagate;
    logger.handlers.length = 0;
    for (const d of handlers) logger.addHandler(rebuildHandler(d));
  }
}

programModules.set("<logging configuration>", {
  state: {
    get: () => ({ config: describeConfig() }),
    set: (g) => applyConfig(g.config as unknown[]),
  },
});

registerShared("logging.Logger", (h) => getLogger(h.meta[0] as string | null));
