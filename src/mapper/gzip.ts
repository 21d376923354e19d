// gzip → py2ts-mp/runtime/gzip: compress/decompress and open(). A literal mode decides whether the file
// reads and writes bytes (GzipFile) or str (TextGzipFile); a mode only known at run time is an error.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const binary = T.object("GzipFile", undefined, T.bytes);
const text = T.object("TextGzipFile", undefined, T.str);

function fileType(a: ArgTypes): PyType {
  const mode = a.get("mode") ? a.literal("mode") : "rb";
  return typeof mode === "string" && mode.includes("t") ? text : binary;
}

/** The members both file classes have, with the element type (bytes or str) their reads return. */
function fileMembers(cls: string, elt: PyType): Record<string, ApiRow> {
  return {
    [`${cls}.read`]: { kind: "method", ts: "read", params: ["size"], result: () => elt },
    [`${cls}.readline`]: { kind: "method", ts: "readline", params: [], result: () => elt },
    [`${cls}.readlines`]: { kind: "method", ts: "readlines", params: [], result: () => T.list(elt) },
    [`${cls}.write`]: { kind: "method", ts: "write", params: ["data"], result: () => T.int(0, Number.MAX_SAFE_INTEGER) },
    [`${cls}.close`]: { kind: "method", ts: "close", params: [], result: () => T.none },
    [`${cls}.name`]: { kind: "attr", ts: "name", params: [], result: () => T.str },
    [`${cls}.closed`]: { kind: "attr", ts: "closed", params: [], result: () => T.bool },
  };
}

export const gzip: ModuleTable = {
  python: "gzip",
  runtime: "py2ts-mp/runtime/gzip",
  names: {
    compress: { kind: "call", ts: "compress", params: ["data", "compresslevel", "*", "mtime"], positional: 1, result: () => T.bytes },
    decompress: { kind: "call", ts: "decompress", params: ["data"], result: () => T.bytes },
    open: {
      kind: "call",
      ts: "open",
      params: ["filename", "mode", "compresslevel"],
      result: fileType,
      check: (a) =>
        a.get("mode") && typeof a.literal("mode") !== "string"
          ? { param: "mode", message: "the mode must be a string literal, so that reads are known to return bytes or str" }
          : undefined,
    },
    BadGzipFile: { kind: "new", ts: "BadGzipFile", params: ["*args"], result: () => T.object("Exception") },
  },
  classes: {
    GzipFile: { ts: "GzipFile", enterReturnsSelf: true },
    TextGzipFile: { ts: "TextGzipFile", enterReturnsSelf: true },
  },
  members: { ...fileMembers("GzipFile", T.bytes), ...fileMembers("TextGzipFile", T.str) },
};
