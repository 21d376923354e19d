// Prints diagnostics the way the TypeScript compiler does: `file:line:col - error CODE: message` and a
// code frame of the line with a caret; colours only on a terminal and never with NO_COLOR.

import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import type { Diagnostic } from "../diagnostics.js";

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
}

export function formatDiagnostic(d: Diagnostic, source: string | undefined, color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const sev = d.severity === "error" ? c.red("error") : c.yellow("warning");
  const head = `${c.cyan(d.file)}:${c.yellow(String(d.loc.line))}:${c.yellow(String(d.loc.col))} - ${sev} ${c.gray(d.code)}: ${d.message}`;
  if (source === undefined) return head;
  const frame = codeFrameColumns(
    source,
    { start: { line: d.loc.line, column: d.loc.col } },
    { highlightCode: false, forceColor: color, linesAbove: 1, linesBelow: 1 },
  );
  return `${head}\n${frame}\n`;
}

export function formatJson(ds: readonly Diagnostic[]): string {
  return JSON.stringify(
    ds.map((d) => ({ file: d.file, line: d.loc.line, column: d.loc.col, endLine: d.loc.endLine, endColumn: d.loc.endCol, code: d.code, severity: d.severity, message: d.message })),
    null,
    2,
  );
}
