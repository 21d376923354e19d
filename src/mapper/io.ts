// io → py2ts-mp/runtime/io: in-memory files (StringIO, BytesIO), and the file classes open() returns
// (TextIOWrapper for text, BufferedFile for binary modes). Reads of a text file give str, of a binary one bytes.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const int = () => T.int(0, Number.MAX_SAFE_INTEGER);
const none = () => T.none;
const bool = () => T.bool;
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType): ApiRow => ({ kind: "method", ts, params, result });
const attr = (ts: string, result: () => PyType): ApiRow => ({ kind: "attr", ts, params: [], result });

/** The methods every file-like class has, reading and writing `data` (str or bytes). */
function fileMembers(cls: string, data: PyType, extra: Record<string, ApiRow> = {}): Record<string, ApiRow> {
  const rows: Record<string, ApiRow> = {
    read: method("read", ["size"], () => data),
    readline: method("readline", ["size"], () => data),
    readlines: method("readlines", ["hint"], () => T.list(data)),
    write: method("write", ["s"], int),
    writelines: method("writelines", ["lines"], none),
    seek: method("seek", ["offset", "whence"], int),
    tell: method("tell", [], int),
    flush: method("flush", [], none),
    close: method("close", [], none),
    closed: attr("closed", bool),
    ...extra,
  };
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [`${cls}.${k}`, v]));
}

const diskFile = (data: PyType): Record<string, ApiRow> => ({
  fileno: method("fileno", [], int),
  readable: method("readable", [], bool),
  writable: method("writable", [], bool),
  seekable: method("seekable", [], bool),
  name: attr("name", () => T.str),
  mode: attr("mode", () => T.str),
  ...(data.k === "str" ? { encoding: attr("encoding", () => T.str) } : {}),
});

const memoryFile = (data: PyType): Record<string, ApiRow> => ({
  getvalue: method("getvalue", [], () => data),
  truncate: method("truncate", ["size"], int),
});

/** The file object a mode literal opens: binary modes read bytes, text modes str. */
export function fileType(mode: string | number | boolean | undefined): PyType {
  return typeof mode === "string" && mode.includes("b") ? T.object("BufferedFile", undefined, T.bytes) : T.object("TextIOWrapper", undefined, T.str);
}

/** open()'s result: the mode must be a literal, since it decides whether reads return str or bytes. */
export const openRow: ApiRow = {
  kind: "call",
  ts: "open",
  params: ["file", "mode", "buffering", "encoding", "errors", "newline"],
  positional: 2,
  result: (a) => fileType(a.literal("mode")),
  check: (a) =>
    a.get("mode") && typeof a.literal("mode") !== "string"
      ? { param: "mode", message: "the mode must be a string literal (it decides whether the file reads str or bytes)", regex: false }
      : undefined,
};

export const io: ModuleTable = {
  python: "io",
  runtime: "py2ts-mp/runtime/io",
  names: {
    StringIO: { kind: "new", ts: "StringIO", params: ["initial_value", "newline"], result: () => T.object("StringIO", undefined, T.str) },
    BytesIO: { kind: "new", ts: "BytesIO", params: ["initial_bytes"], result: () => T.object("BytesIO", undefined, T.bytes) },
    UnsupportedOperation: { kind: "new", ts: "UnsupportedOperation", params: ["*args"], result: () => T.object("Exception") },
    open: openRow,
  },
  classes: {
    TextIOWrapper: { ts: "TextIOWrapper", enterReturnsSelf: true },
    BufferedFile: { ts: "BufferedFile", enterReturnsSelf: true },
    StringIO: { ts: "StringIO", enterReturnsSelf: true },
    BytesIO: { ts: "BytesIO", enterReturnsSelf: true },
  },
  members: {
    ...fileMembers("TextIOWrapper", T.str, diskFile(T.str)),
    ...fileMembers("BufferedFile", T.bytes, diskFile(T.bytes)),
    ...fileMembers("StringIO", T.str, memoryFile(T.str)),
    ...fileMembers("BytesIO", T.bytes, memoryFile(T.bytes)),
  },
};
