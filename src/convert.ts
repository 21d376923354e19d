// The converter as one function: source text → TypeScript text or diagnostics. Stages run in order
// (frontend → analysis → emit) and stop at the first stage that reports an error.

import path from "node:path";
import { Analysis, ProgramState, analyzeModule } from "./analysis/analyze.js";
import { diag, type Diagnostic } from "./diagnostics.js";
import { emitModule } from "./emit/module.js";
import { parseModule } from "./frontend/parse.js";
import type * as A from "./frontend/ast.js";
import { importsOf, type LoadedProgram } from "./program.js";

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

export interface ConvertedModule {
  readonly name: string;
  readonly file: string;
  /** The TypeScript module, absent when this module (or one it imports) has errors. */
  readonly code?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly dialect: 2 | 3;
}

/**
 * Converts the modules of a program together: one type inference over all of them (types flow across
 * imports), then one TypeScript module per Python module, importing each other by relative ES specifiers
 * that mirror the Python files' layout.
 */
export async function convertProgram(program: LoadedProgram): Promise<ConvertedModule[]> {
  const state = new ProgramState();
  for (const m of program.modules) state.locals.set(m.name, { isPackage: m.isPackage });
  const own = new Map<string, Diagnostic[]>(program.modules.map((m) => [m.file, []]));
  for (const d of program.diagnostics) own.get(d.file)?.push(d);

  // A module that does not parse cannot be analyzed; neither can the modules that import it.
  const failed = new Set(program.modules.filter((m) => hasError(own.get(m.file)!)).map((m) => m.name));
  for (const m of program.modules) {
    if (failed.has(m.name)) continue;
    for (const dep of directImports(m, state)) {
      if (!failed.has(dep.name)) continue;
      own.get(m.file)!.push(diag(m.file, dep.loc, "unsupportedConstruct", `importing '${dep.name}'`, "that module has errors"));
      failed.add(m.name);
      break;
    }
  }
  const analyses = new Map<string, Analysis>();
  for (const m of program.modules) if (!failed.has(m.name)) analyses.set(m.name, new Analysis(m.module, m.file, state, m.name));
  state.solve();

  const out: ConvertedModule[] = [];
  for (const m of program.modules) {
    const analysis = analyses.get(m.name);
    if (!analysis) {
      out.push({ name: m.name, file: m.file, diagnostics: own.get(m.file)!, dialect: m.module.dialect });
      continue;
    }
    const specifier = (target: string) => {
      const dep = program.modules.find((x) => x.name === target)!;
      const rel = path.relative(path.dirname(m.file), dep.file).replace(/\.py$/, ".js").split(path.sep).join("/");
      return rel.startsWith(".") ? rel : `./${rel}`;
    };
    const emitted = await emitModule(analysis, m.file, `Converted from ${path.relative(program.root, m.file)} by py2ts-mp.`, { specifier, imported: m.imported });
    const diagnostics = [...own.get(m.file)!, ...emitted.diagnostics].sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col);
    out.push({ name: m.name, file: m.file, code: hasError(diagnostics) ? undefined : emitted.code, diagnostics, dialect: m.module.dialect });
  }
  return out;
}

/** The local modules a module's import statements name, with where. */
function directImports(m: LoadedProgram["modules"][number], state: ProgramState) {
  const out: { name: string; loc: A.Loc }[] = [];
  for (const s of importsOf(m.module.body)) {
    if (s.kind === "Import") for (const a of s.names) if (state.locals.has(a.name)) out.push({ name: a.name, loc: a.loc });
    if (s.kind !== "ImportFrom") continue;
    const base = state.localModule(m.name, s.level, s.module);
    if (!base) continue;
    out.push({ name: base, loc: s.loc });
    for (const a of s.names) if (state.locals.has(`${base}.${a.name}`)) out.push({ name: `${base}.${a.name}`, loc: a.loc });
  }
  return out;
}
