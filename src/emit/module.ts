// Assembles the emitted module: runtime imports, the script's definitions (exported so workers find them
// by name, as pickle does), module globals that functions share, and the main-process code handed to
// runModule. Prints through the TS printer, then formats once with prettier.

import prettier from "prettier";
import { ts } from "./ts.js";
import type * as A from "../frontend/ast.js";
import type { Analysis } from "../analysis/analyze.js";
import { moduleTable } from "../mapper/index.js";
import type { Diagnostic } from "../diagnostics.js";
import { EmitContext, RUNTIME, call, f, id, prop, str, type FunctionState } from "./context.js";
import { BLANK, StatementEmitter, attachTrivia } from "./statements.js";
import { typeNode } from "./types.js";
import { NAMED_TUPLE_TYPE } from "../analysis/namedtuple.js";
import { occurrencesIn } from "../analysis/occurrences.js";

const K = ts.SyntaxKind;

export interface EmitResult {
  readonly code: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** How the module sits in its program: the ES specifier of each local module it imports, and whether
 *  another module imports it (then its top level runs on import, and its globals are exported). */
export interface ModuleRole {
  readonly specifier: (module: string) => string;
  readonly imported: boolean;
}

const SCRIPT: ModuleRole = { specifier: () => "", imported: false };

export async function emitModule(analysis: Analysis, file: string, header: string, role: ModuleRole = SCRIPT): Promise<EmitResult> {
  const module = analysis.module;
  const ctx = new EmitContext(analysis, file, allPythonNames(analysis));
  ctx.localModule = (name) => (analysis.program.locals.has(name) ? role.specifier(name) : undefined);
  const emitter = new StatementEmitter(ctx);
  const moduleScope = analysis.scopes.module;

  const reexports = registerImports(ctx, module, analysis);

  // `Point = namedtuple(...)`: a definition, like a class (workers rebuild pickled instances by its name).
  const definitions = namedTupleDefinitions(analysis);
  for (const [name, s] of definitions) ctx.namedTupleNames.set(`${s.value.loc.line}:${s.value.loc.col}`, ctx.names.py(name));
  // Globals that functions read or assign live at module level so workers can receive them.
  const shared = new Set<string>();
  for (const s of analysis.scopes.all()) {
    // Only code a worker can run matters: functions (and what they contain), not main-process lambdas.
    let inFunction = false;
    for (let p: typeof s | undefined = s; p; p = p.parent) if (p.kind === "function" || p.kind === "class") inFunction = true;
    if (!inFunction) continue;
    for (const n of s.freeReads) if (analysis.scopes.resolve(s, n).kind === "global" && isVariable(module, n) && !definitions.has(n)) shared.add(n);
    for (const n of s.declaredGlobal) if (isVariable(module, n)) shared.add(n);
  }
  // An imported module's globals are its attributes: other modules read them (`settings.WORKERS`).
  if (role.imported) for (const n of moduleScope.locals) if (isVariable(module, n) && !definitions.has(n)) shared.add(n);
  emitter.moduleHoisted = shared;
  warnUncrossable(ctx, analysis, shared);

  const state: FunctionState = emitter.functionState(moduleScope, module.body, true);
  for (const n of shared) state.hoisted.delete(n);

  const top: ts.Statement[] = [];
  const main: ts.Statement[] = [];
  // Comments above the script's imports open the file, as they did in Python.
  const opening: string[] = [];
  let mainUsesName = false;
  for (const s of module.body) {
    if (s.kind === "FunctionDef" || s.kind === "ClassDef") {
      const fn = s.kind === "FunctionDef" ? emitter.functionDef(s, state, true) : [emitter.classDef(s, state, true)];
      attachTrivia(fn, s.trivia, top.length > 0 || s.trivia.blankBefore);
      top.push(...fn);
      if (s.kind === "FunctionDef") main.push(...emitter.registration(s, state));
      continue;
    }
    const definition = s.kind === "Assign" ? definitions.get((s.targets[0] as A.Name).id) : undefined;
    if (s.kind === "Assign" && definition === s) {
      const decl = f.createVariableStatement(
        [f.createModifier(K.ExportKeyword)],
        f.createVariableDeclarationList([f.createVariableDeclaration(ctx.names.py((s.targets[0] as A.Name).id), undefined, undefined, emitter.expression(s.value, state))], ts.NodeFlags.Const),
      );
      const name = ctx.names.py((s.targets[0] as A.Name).id);
      // Its instances' type, under the same name: `p: Point`.
      const instanceType = f.createTypeAliasDeclaration(
        [f.createModifier(K.ExportKeyword)],
        name,
        undefined,
        f.createTypeReferenceNode("ReturnType", [f.createTypeQueryNode(id(name))]),
      );
      state.declared.add((s.targets[0] as A.Name).id);
      state.hoisted.delete((s.targets[0] as A.Name).id);
      attachTrivia([decl], s.trivia, top.length > 0 || s.trivia.blankBefore);
      top.push(decl, instanceType);
      continue;
    }
    if (s.kind === "Import" || s.kind === "ImportFrom") {
      if (top.length === 0 && main.length === 0) {
        opening.push(...s.trivia.leading);
        if (s.trivia.trailing) opening.push(s.trivia.trailing);
        continue;
      }
      const carrier: ts.Statement[] = [];
      attachTrivia(carrier, { ...s.trivia, blankBefore: false }, false);
      top.push(...carrier);
      continue;
    }
    const emitted = emitter.stmt(s, state);
    if (!mainUsesName && usesName(s)) mainUsesName = true;
    attachTrivia(emitted, s.trivia, main.length > 0 || s.trivia.blankBefore);
    main.push(...emitted);
  }
  const mainBody = [...emitter.hoistedDeclarations(state), ...main];

  const globals = [...shared].map((n) =>
    f.createVariableStatement(
      role.imported ? [f.createModifier(K.ExportKeyword)] : undefined,
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(ctx.names.py(n), f.createToken(K.ExclamationToken), typeNode(ctx, analysis.bindingType(moduleScope, n)))],
        ts.NodeFlags.Let,
      ),
    ),
  );
  if (globals.length > 0) {
    ts.addSyntheticLeadingComment(globals[0]!, K.SingleLineCommentTrivia, BLANK, true);
    ts.addSyntheticLeadingComment(
      globals[0]!,
      K.SingleLineCommentTrivia,
      " Module globals that functions use: a worker receives their values as they were at its start (fork semantics).",
      true,
    );
  }

  const runArgs: ts.Expression[] = [
    f.createMetaProperty(K.ImportKeyword, id("meta")),
    f.createArrowFunction(
      undefined,
      undefined,
      mainUsesName ? [f.createParameterDeclaration(undefined, undefined, "__name__")] : [],
      undefined,
      undefined,
      f.createBlock(mainBody, true),
    ),
  ];
  if (shared.size > 0) runArgs.push(stateAccessor(ctx, analysis, [...shared]));
  if (role.imported) {
    // A module the program imports: __name__ is its own name, and it is the program only when run directly.
    runArgs.splice(1, 0, str(analysis.moduleName));
  }
  const run = f.createExpressionStatement(call(ctx.helper(role.imported ? "defineModule" : "runModule"), runArgs));
  ts.addSyntheticLeadingComment(run, K.SingleLineCommentTrivia, BLANK, true);
  ts.addSyntheticLeadingComment(
    run,
    K.SingleLineCommentTrivia,
    role.imported
      ? " Module-level code: runs when the module is first imported (again in spawn-started workers; forked ones inherit its globals)."
      : " Module-level code: runs once, in the main process. Workers import this module as __mp_main__ and skip it.",
    true,
  );
  if (module.trailingComments.length > 0) {
    for (const c of [...module.trailingComments].reverse()) ts.addSyntheticTrailingComment(run, K.SingleLineCommentTrivia, ` ${c}`, true);
  }

  // Python 2 printed a float by its str(), 12 significant digits: the runtime's str() does so for this program.
  const dialect: ts.Statement[] = [];
  if (analysis.module.dialect === 2) {
    const stmt = f.createExpressionStatement(call(ctx.helper("python2FloatStr"), []));
    ts.addSyntheticLeadingComment(stmt, K.SingleLineCommentTrivia, " Python 2: str() of a float (and so print) shows 12 significant digits.", true);
    dialect.push(stmt);
  }

  const imports = ctx.imports.declarations();
  if (imports.length > 0) {
    const lines = [` ${header}`, ...(opening.length ? [BLANK, ...opening.map((c) => ` ${c}`), BLANK] : [])];
    ts.setSyntheticLeadingComments(
      imports[0]!,
      lines.map((text) => ({ kind: K.SingleLineCommentTrivia, text, hasTrailingNewLine: true, pos: -1, end: -1 })),
    );
  }
  const firstBody = dialect[0] ?? top[0] ?? globals[0] ?? run;
  if (imports.length > 0 && firstBody !== run) blankLineBefore(firstBody);
  const afterDialect = top[0] ?? globals[0];
  if (dialect.length > 0 && afterDialect) blankLineBefore(afterDialect);
  const statements = [...imports, ...reexports, ...dialect, ...top, ...globals, run];
  const printed = print(statements);
  const code = await format(printed);
  return { code, diagnostics: [...analysis.diagnostics, ...ctx.diagnostics] };
}

/** A blank line before `stmt`, unless its comments already open with one. */
function blankLineBefore(stmt: ts.Statement): void {
  const comments = ts.getSyntheticLeadingComments(stmt) ?? [];
  if (comments.some((c) => c.text === BLANK)) return;
  ts.setSyntheticLeadingComments(stmt, [{ kind: K.SingleLineCommentTrivia, text: BLANK, hasTrailingNewLine: true, pos: -1, end: -1 }, ...comments]);
}

/** Globals that functions use but that cannot cross into a worker: a located warning at their assignment. */
function warnUncrossable(ctx: EmitContext, analysis: Analysis, shared: Set<string>): void {
  const scope = analysis.scopes.module;
  for (const name of shared) {
    const t = analysis.bindingType(scope, name);
    const what =
      t.k === "object" && t.cls === "Iterator" ? "a generator or iterator"
      : t.k === "object" && (t.cls === "Thread" || t.cls === "Process" || t.cls === "Pool") ? `a ${t.cls} object`
      : t.k === "func" && analysis.functionById(t.id)?.node.kind === "Lambda" ? "a lambda"
      : undefined;
    if (!what) continue;
    const site = analysis.module.body.find((s) => s.kind === "Assign" && s.targets.some((x) => x.kind === "Name" && x.id === name));
    if (site) ctx.warn(site.loc, "uncrossableGlobal", name, what);
  }
}

/** `{ get: () => ({ a, b }), set: (g) => { a = g.a as T; … } }`: what runModule snapshots for workers. */
function stateAccessor(ctx: EmitContext, analysis: Analysis, names: string[]): ts.Expression {
  const scope = analysis.scopes.module;
  const get = f.createArrowFunction(
    undefined,
    undefined,
    [],
    undefined,
    undefined,
    f.createParenthesizedExpression(f.createObjectLiteralExpression(names.map((n) => f.createShorthandPropertyAssignment(ctx.names.py(n))), false)),
  );
  const set = f.createArrowFunction(
    undefined,
    undefined,
    [f.createParameterDeclaration(undefined, undefined, "g")],
    undefined,
    undefined,
    f.createBlock(
      names.map((n) =>
        f.createExpressionStatement(
          f.createAssignment(id(ctx.names.py(n)), f.createAsExpression(prop(id("g"), n), typeNode(ctx, analysis.bindingType(scope, n)))),
        ),
      ),
      true,
    ),
  );
  return f.createObjectLiteralExpression([f.createPropertyAssignment("get", get), f.createPropertyAssignment("set", set)], true);
}

/** Python imports of mapped modules become ES imports of the runtime (namespace imports keep `mp.Pool`);
 *  imports of the program's own modules become relative ES imports. A package re-exports what it imports. */
function registerImports(ctx: EmitContext, module: A.Module, analysis: Analysis): ts.Statement[] {
  const reexported: string[] = [];
  const visit = (stmts: readonly A.Stmt[]) => {
    for (const s of stmts) {
      if (s.kind === "ImportFrom" && analysis.program.localModule(analysis.moduleName, s.level, s.module)) {
        const from = analysis.program.localModule(analysis.moduleName, s.level, s.module)!;
        if (s.star) ctx.error(s.loc, "unsupportedSyntax", `from ${".".repeat(s.level)}${s.module} import *`);
        for (const a of s.names) {
          const local = ctx.names.py(a.asname ?? a.name);
          const sub = ctx.localModule(`${from}.${a.name}`);
          if (sub) ctx.imports.namespace(sub, local);
          else ctx.imports.named_(ctx.localModule(from)!, ctx.names.py(a.name), { preferLocal: local });
          if (analysis.program.locals.get(analysis.moduleName)?.isPackage && module.body.includes(s)) reexported.push(local);
        }
        continue;
      }
      if (s.kind === "Import") {
        for (const a of s.names) {
          const spec = ctx.localModule(a.name);
          if (spec) {
            // `import a.b` binds `a`; `a.b` is then found through its own namespace import.
            const head = a.name.split(".")[0]!;
            if (a.asname) ctx.imports.namespace(spec, ctx.names.py(a.asname));
            else {
              ctx.imports.namespace(ctx.localModule(head)!, ctx.names.py(head));
              if (a.name !== head) ctx.imports.namespace(spec, ctx.names.fresh(a.name.replace(/\./g, "_")));
            }
            continue;
          }
          const table = moduleTable(a.name);
          if (!table) {
            ctx.error(a.loc, "unsupportedModule", a.name);
            continue;
          }
          // `import concurrent.futures` binds `concurrent`; uses spell `concurrent.futures.X`.
          const local = a.asname ? ctx.names.py(a.asname) : a.name.includes(".") ? ctx.names.fresh(a.name.replace(/\./g, "_")) : ctx.names.py(a.name);
          ctx.imports.namespace(table.runtime, local);
        }
      } else if (s.kind === "ImportFrom") {
        if (s.level > 0 || !moduleTable(s.module)) {
          ctx.error(s.loc, "unsupportedModule", ".".repeat(s.level) + s.module);
          continue;
        }
        if (s.star) ctx.error(s.loc, "unsupportedSyntax", `from ${s.module} import *`);
        for (const a of s.names) {
          if (moduleTable(`${s.module}.${a.name}`)) {
            ctx.imports.namespace(moduleTable(`${s.module}.${a.name}`)!.runtime, ctx.names.py(a.asname ?? a.name));
            continue;
          }
          const table = moduleTable(s.module)!;
          const row = table.names[a.name];
          if (!row) ctx.error(a.loc, "unsupportedName", `${s.module}.${a.name}`);
          // `from multiprocessing import Queue` keeps the name `Queue` in the emitted file.
          else ctx.imports.named_(table.runtime, row.ts, { preferLocal: ctx.names.py(a.asname ?? a.name), typeOnly: true });
        }
      } else if (s.kind === "FunctionDef") visit(s.body);
      else {
        for (const b of [("body" in s ? s.body : []) as readonly A.Stmt[], ("orelse" in s ? s.orelse : []) as readonly A.Stmt[]]) {
          if (Array.isArray(b)) visit(b);
        }
      }
    }
  };
  visit(module.body);
  if (reexported.length === 0) return [];
  return [f.createExportDeclaration(undefined, false, f.createNamedExports(reexported.map((n) => f.createExportSpecifier(false, undefined, n))))];
}

/** Module-level `Name = namedtuple(...)` assignments, the only binding of their name. */
function namedTupleDefinitions(analysis: Analysis): Map<string, A.Assign> {
  const out = new Map<string, A.Assign>();
  const occurrences = occurrencesIn(analysis.module.body, analysis.scopes);
  for (const s of analysis.module.body) {
    if (s.kind !== "Assign" || s.targets.length !== 1 || s.targets[0]!.kind !== "Name" || s.value.kind !== "Call") continue;
    const t = analysis.typeOf(s.value);
    const writes = (occurrences.get(s.targets[0].id) ?? []).filter((o) => o.write).length;
    if (t.k === "object" && t.cls === NAMED_TUPLE_TYPE && writes === 1) out.set(s.targets[0].id, s);
  }
  return out;
}

function isVariable(module: A.Module, name: string): boolean {
  return !module.body.some(
    (s) =>
      ((s.kind === "FunctionDef" || s.kind === "ClassDef") && s.name === name) ||
      (s.kind === "Import" && s.names.some((a) => (a.asname ?? a.name.split(".")[0]) === name)) ||
      (s.kind === "ImportFrom" && s.names.some((a) => (a.asname ?? a.name) === name)),
  );
}

/** Names the script binds (builtins it only uses, like `print`, are not its own names). */
function allPythonNames(analysis: Analysis): Set<string> {
  const names = new Set<string>();
  for (const s of analysis.scopes.all()) for (const n of s.locals) names.add(n);
  return names;
}

/** Whether any node below `node` is the name `__name__`. */
function usesName(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(usesName);
  if (typeof node !== "object" || node === null) return false;
  if ((node as { id?: unknown }).id === "__name__") return true;
  for (const key in node) if (key !== "loc" && key !== "trivia" && usesName((node as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Prettier's babel-ts parser reads the printed module about twice as fast as its typescript parser, and
 * both print the same. Babel refuses some TypeScript that the printer writes for invalid Python (super()
 * outside a constructor): the typescript parser formats that.
 */
async function format(printed: string): Promise<string> {
  try {
    return await prettier.format(printed, { parser: "babel-ts", printWidth: 100 });
  } catch {
    return prettier.format(printed, { parser: "typescript", printWidth: 100 });
  }
}

function print(statements: ts.Statement[]): string {
  const sourceFile = ts.createSourceFile("out.ts", "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false, neverAsciiEscape: true } as ts.PrinterOptions);
  const text = statements.map((s) => printer.printNode(ts.EmitHint.Unspecified, s, sourceFile)).join("\n");
  return text
    .split("\n")
    .map((line) => (line.trim() === `//${BLANK}` ? "" : line))
    .join("\n");
}

export { RUNTIME };
