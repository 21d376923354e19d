// Reading Python sources the way CPython does (UTF-8 unless a coding declaration says otherwise, BOM
// allowed) and writing outputs atomically: a temporary file renamed into place, only on success.

import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { diag, type Diagnostic } from "../diagnostics.js";

const START = { line: 1, col: 1, endLine: 1, endCol: 1 };

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

export function readPythonSource(file: string): ReadResult {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, diagnostic: diag(file, START, "unreadableFile", "is a directory") };
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    return { ok: false, diagnostic: diag(file, START, "unreadableFile", why) };
  }
  if (bytes.includes(0)) return { ok: false, diagnostic: diag(file, START, "binaryFile") };
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  // PEP 263: a coding declaration in the first two lines names the encoding.
  const head = body.subarray(0, 400).toString("latin1").split("\n").slice(0, 2);
  const m = head.map((l) => /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(l)).find(Boolean);
  const encoding = m ? m[1]!.toLowerCase().replace(/_/g, "-") : "utf-8";
  // Python's Latin-1 names decode byte for byte (Node's TextDecoder may lack the label).
  if (["latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "8859", "cp819"].includes(encoding)) {
    return { ok: true, text: body.toString("latin1").replace(/\r\n?/g, "\n") };
  }
  if (encoding === "ascii" || encoding === "us-ascii") {
    const bad = body.findIndex((b) => b >= 0x80);
    if (bad < 0) return { ok: true, text: body.toString("ascii").replace(/\r\n?/g, "\n") };
  }
  try {
    const decoder = new TextDecoder(encoding === "utf8" ? "utf-8" : encoding, { fatal: true });
    return { ok: true, text: decoder.decode(body).replace(/\r\n?/g, "\n") };
  } catch {
    if (!m) return { ok: false, diagnostic: diag(file, locOfBadByte(body), "notUtf8") };
    return { ok: false, diagnostic: diag(file, START, "unreadableFile", `cannot decode with the declared encoding '${m[1]}'`) };
  }
}

function locOfBadByte(body: Buffer): { line: number; col: number; endLine: number; endCol: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (body[i]! >= 0x80) {
      let end = i + 1;
      while (end < body.length && (body[end]! & 0xc0) === 0x80) end++;
      try {
        decoder.decode(body.subarray(i, end));
      } catch {
        const col = Buffer.from(body.subarray(lineStart, i)).toString("utf8").length + 1;
        return { line, col, endLine: line, endCol: col + 1 };
      }
      i = end - 1;
    }
  }
  return START;
}

/** Write `text` to `file` atomically: never a half-written or clobbered-on-failure output (the temporary name is unique per thread). */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}-${threadId}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
