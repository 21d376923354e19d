// A program: scripts and the local modules they import, found as Python finds them (the folder of the entry
// script — or the converted directory — is sys.path[0]), parsed and analyzed together so that types flow
// across modules (a function in helpers.py learns its parameter types from the calls in main.py).

import fs from "node:fs";
import path from "node:path";
import { resolveModuleName } from "./analysis/analyze.js";
import { diag, type Diagnostic } from "./diagnostics.js";
import type * as A from "./frontend/ast.js";
import { parseModule } from "./frontend/parse.js";
import { readPythonSource } from "./cli/files.js";

export interface SourceModule {
  /** Dotted Python name relative to the root (`helpers`, `utils.io`, `pkg` for pkg/__init__.py). */
  readonly name: string;
  readonly file: string;
  readonly source: string;
  readonly module: A.Module;
  readonly isPackage: boolean;
  /** Imported by another module of the program (else it is only ever run as a script). */
  imported: boolean;
}

export interface LoadedProgram {
  readonly root: string;
  /** Dependencies before the modules that import them. */
  readonly modules: readonly SourceModule[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The module name of a file under `root`: `utils/io.py` → `utils.io`, `pkg/__init__.py` → `pkg`. */
export function moduleNameOf(root: string, file: string): string {
  const rel = path.relative(root, file).replace(/\.py$/, "").split(path.sep);
  if (rel.at(-1) === "__init__") rel.pop();
  return rel.join(".");
}

/** Finds `name` under `root`: `a/b.py` or the package `a/b/__init__.py`. */
function findModule(root: string, name: string): { file: string; isPackage: boolean } | undefined {
  const base = path.join(root, ...name.split("."));
  if (isFile(`${base}.py`)) return { file: `${base}.py`, isPackage: false };
  if (isFile(path.join(base, "__init__.py"))) return { file: path.join(base, "__init__.py"), isPackage: true };
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every import statement of a module, at any depth (an import inside a function is still a dependency). */
export function importsOf(body: readonly A.Stmt[], out: (A.Import | A.ImportFrom)[] = []): (A.Import | A.ImportFrom)[] {
  for (const s of body) {
    if (s.kind === "Import" || s.kind === "ImportFrom") out.push(s);
    for (const key of ["body", "orelse", "finalbody"] as const) {
      const b = (s as unknown as Record<string, unknown>)[key];
      if (Array.isArray(b)) importsOf(b as A.Stmt[], out);
    }
    if (s.kind === "Try") for (const h of s.handlers) importsOf(h.body, out);
  }
  return out;
}

/**
 * Loads `entries` (files under `root`) and, transitively, the local modules they import. A circular import
 * is an error: ES modules would evaluate it in another order than Python does.
 */
export function loadProgram(root: string, entries: readonly string[], dialect?: 2 | 3): LoadedProgram {
  const byName = new Map<string, SourceModule>();
  const order: SourceModule[] = [];
  const diagnostics: Diagnostic[] = [];
  const visiting = new Set<string>();

  const visit = (name: string, file: string, isPackage: boolean): SourceModule | undefined => {
    const known = byName.get(name);
    if (known) return known;
    const read = readPythonSource(file);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      return undefined;
    }
    const parsed = parseModule(read.text, file, { dialect });
    diagnostics.push(...parsed.diagnostics);
    const mod: SourceModule = { name, file, source: read.text, module: parsed.module, isPackage, imported: false };
    byName.set(name, mod);
    visiting.add(name);
    for (const s of importsOf(parsed.module.body)) {
      for (const target of localTargets(root, name, isPackage, s)) {
        if (visiting.has(target.name)) {
          diagnostics.push(diag(file, s.loc, "unsupportedConstruct", `the circular import of '${target.name}'`, "ES modules evaluate import cycles in a different order than Python"));
          continue;
        }
        const dep = visit(target.name, target.file, target.isPackage);
        if (dep) dep.imported = true;
      }
    }
    visiting.delete(name);
    order.push(mod);
    return mod;
  };

  for (const entry of entries) {
    const name = moduleNameOf(root, entry);
    visit(name, entry, path.basename(entry) === "__init__.py");
  }
  return { root, modules: order, diagnostics };
}

/** The local modules one import statement loads: the named module, its parent packages, imported submodules. */
function localTargets(root: string, from: string, fromIsPackage: boolean, s: A.Import | A.ImportFrom) {
  const names: string[] = [];
  const withParents = (name: string) => {
    const parts = name.split(".");
    for (let i = 1; i <= parts.length; i++) names.push(parts.slice(0, i).join("."));
  };
  if (s.kind === "Import") for (const a of s.names) withParents(a.name);
  else {
    const base = resolveModuleName(from, fromIsPackage, s.level, s.module);
    if (base) {
      withParents(base);
      for (const a of s.names) names.push(`${base}.${a.name}`);
    }
  }
  const out: { name: string; file: string; isPackage: boolean }[] = [];
  for (const name of new Set(names)) {
    // A package's own modules import from it while it is being imported (`from . import x`): not a cycle.
    if (name === from || from.startsWith(`${name}.`)) continue;
    const found = findModule(root, name);
    if (found) out.push({ name, ...found });
  }
  return out;
}
