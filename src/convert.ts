// The converter as one function: source text → TypeScript text or diagnostics. Stages run in order
// (frontend → analysis → emit) and stop at the first stage that reports an error.

import path from "node:path";
import { analyzeModule } from "./analysis/analyze.js";
import type { Diagnostic } from "./diagnostics.js";
import { emitModule } from "./emit/module.js";
import { parseModule } from "./frontend/parse.js";

export interface ConvertOptions {
  /** Force the Python dialect; detected from the source when absent. */
  readonly dialect?: 2 | 3;
}

export interface ConvertResult {
  /** The TypeScript module, absent when any error was reported. */
  readonly code?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly dialect?: 2 | 3;
}

const hasError = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === "error");

export async function convertSource(source: string, file: string, opts: ConvertOptions = {}): Promise<ConvertResult> {
  const parsed = parseModule(source, file, { dialect: opts.dialect });
  if (hasError(parsed.diagnostics)) return { diagnostics: parsed.diagnostics, dialect: parsed.module.dialect };
  const analysis = analyzeModule(parsed.module, file);
  const emitted = await emitModule(analysis, file, `Converted from ${path.basename(file)} by py2ts-mp.`);
  const diagnostics = [...parsed.diagnostics, ...emitted.diagnostics].sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col);
  return { code: hasError(diagnostics) ? undefined : emitted.code, diagnostics, dialect: parsed.module.dialect };
}
