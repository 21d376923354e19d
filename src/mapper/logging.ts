// logging → py2ts-mp/runtime/logging: loggers, handlers, formatters and basicConfig. Logging calls pass the
// exception their enclosing `except` clause handles, for exception() and exc_info=True. A format string that
// names where in the Python source a record was made (%(lineno)d, %(funcName)s) cannot be honoured: the
// converted program does not know Python's line numbers, so such a literal is a located error.

import { T, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const none = () => T.none;
const LEVEL = T.int(0, 50);
/** Record attributes that describe the Python source (unknown once converted). */
const SOURCE_FIELDS = /%\((lineno|funcName|pathname)\)/;

function checkFormat(param: string) {
  return (a: ArgTypes) => {
    const fmt = a.literal(param);
    const m = typeof fmt === "string" ? SOURCE_FIELDS.exec(fmt) : null;
    return m ? { param, message: `the converted program does not know the Python source's %(${m[1]}) of a log record` } : undefined;
  };
}

const logParams = ["msg", "*args", "*", "exc_info", "stack_info", "stacklevel", "extra"];
const logMethod = (ts: string, kind: "method" | "call", params = logParams): ApiRow => ({ kind, ts, params, result: none, handledException: "handled" });
const levelMethods = (kind: "method" | "call") => ({
  debug: logMethod("debug", kind),
  info: logMethod("info", kind),
  warning: logMethod("warning", kind),
  warn: logMethod("warn", kind),
  error: logMethod("error", kind),
  critical: logMethod("critical", kind),
  fatal: logMethod("fatal", kind),
  exception: logMethod("exception", kind),
  log: logMethod("log", kind, ["level", ...logParams]),
});
const prefixed = (cls: string, rows: Record<string, ApiRow>) => Object.fromEntries(Object.entries(rows).map(([k, v]) => [`${cls}.${k}`, v]));
const level = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: () => LEVEL });
const handlerRows = (cls: string): Record<string, ApiRow> =>
  prefixed(cls, {
    setLevel: { kind: "method", ts: "setLevel", params: ["level"], result: none },
    setFormatter: { kind: "method", ts: "setFormatter", params: ["fmt"], result: none },
    flush: { kind: "method", ts: "flush", params: [], result: none },
    close: { kind: "method", ts: "close", params: [], result: none },
    level: { kind: "attr", ts: "level", params: [], result: () => LEVEL },
  });

export const logging: ModuleTable = {
  python: "logging",
  runtime: "py2ts-mp/runtime/logging",
  names: {
    ...levelMethods("call"),
    basicConfig: {
      kind: "call",
      ts: "basicConfig",
      params: ["*", "filename", "filemode", "format", "datefmt", "style", "level", "stream", "handlers", "force", "encoding"],
      result: none,
      check: checkFormat("format"),
    },
    getLogger: { kind: "call", ts: "getLogger", params: ["name"], result: () => T.object("Logger") },
    getLevelName: { kind: "call", ts: "getLevelName", params: ["level"], result: (a): PyType => (a.get("level")?.k === "str" ? join(LEVEL, T.str) : T.str) },
    addLevelName: { kind: "call", ts: "addLevelName", params: ["level", "levelName"], result: none },
    disable: { kind: "call", ts: "disable", params: ["level"], result: none },
    Formatter: { kind: "new", ts: "Formatter", params: ["fmt", "datefmt", "style"], result: () => T.object("Formatter"), check: checkFormat("fmt") },
    StreamHandler: { kind: "new", ts: "StreamHandler", params: ["stream"], result: () => T.object("StreamHandler") },
    FileHandler: { kind: "new", ts: "FileHandler", params: ["filename", "mode"], result: () => T.object("FileHandler") },
    root: { kind: "attr", ts: "root", params: [], result: () => T.object("Logger") },
    CRITICAL: level("CRITICAL"),
    FATAL: level("FATAL"),
    ERROR: level("ERROR"),
    WARNING: level("WARNING"),
    WARN: level("WARN"),
    INFO: level("INFO"),
    DEBUG: level("DEBUG"),
    NOTSET: level("NOTSET"),
  },
  classes: {
    Logger: { ts: "Logger" },
    Formatter: { ts: "Formatter" },
    StreamHandler: { ts: "StreamHandler" },
    FileHandler: { ts: "FileHandler" },
  },
  members: {
    ...prefixed("Logger", levelMethods("method")),
    ...prefixed("Logger", {
      setLevel: { kind: "method", ts: "setLevel", params: ["level"], result: none },
      getEffectiveLevel: { kind: "method", ts: "getEffectiveLevel", params: [], result: () => LEVEL },
      isEnabledFor: { kind: "method", ts: "isEnabledFor", params: ["level"], result: () => T.bool },
      addHandler: { kind: "method", ts: "addHandler", params: ["hdlr"], result: none },
      removeHandler: { kind: "method", ts: "removeHandler", params: ["hdlr"], result: none },
      hasHandlers: { kind: "method", ts: "hasHandlers", params: [], result: () => T.bool },
      getChild: { kind: "method", ts: "getChild", params: ["suffix"], result: () => T.object("Logger") },
      name: { kind: "attr", ts: "name", params: [], result: () => T.str },
      level: { kind: "attr", ts: "level", params: [], result: () => LEVEL },
      propagate: { kind: "attr", ts: "propagate", params: [], result: () => T.bool },
      handlers: { kind: "attr", ts: "handlers", params: [], result: () => T.list(T.object("StreamHandler")) },
    }),
    ...handlerRows("StreamHandler"),
    ...handlerRows("FileHandler"),
    "Formatter.format": { kind: "method", ts: "format", params: ["record"], result: () => T.str },
  },
};
