// State shared by the emitter's passes: the analysis, the name and import managers, diagnostics, and
// small node-building helpers (so the passes read as Python → TS rules, not factory boilerplate).

import { ts } from "./ts.js";
import type * as A from "../frontend/ast.js";
import type { Analysis } from "../analysis/analyze.js";
import type { Occurrence } from "../analysis/occurrences.js";
import type { Scope } from "../analysis/scopes.js";
import { diag, type Diagnostic, type MessageId } from "../diagnostics.js";
import { ImportManager, NameManager } from "./names.js";

export const f = ts.factory;
export const RUNTIME = "py2ts-mp/runtime";

export class EmitContext {
  readonly names: NameManager;
  readonly imports: ImportManager;
  readonly diagnostics: Diagnostic[] = [];
  /** Generator expressions whose consumer takes every value at once (emitted as arrays). */
  readonly eagerGenerators = new WeakSet<A.GeneratorExp>();

  /** The ES specifier of a module of the program (`./helpers.js`), or undefined for other modules. */
  localModule: (name: string) => string | undefined = () => undefined;
  /** Module-level namedtuple types by definition site: their instances' type is the name (`Point`). */
  readonly namedTupleNames = new Map<string, string>();

  constructor(
    readonly analysis: Analysis,
    readonly file: string,
    pythonNames: Iterable<string>,
  ) {
    this.names = new NameManager(pythonNames);
    this.imports = new ImportManager(this.names);
  }

  get dialect(): 2 | 3 {
    return this.analysis.module.dialect;
  }

  /** A runtime builtin helper (`print`, `add`, `str`…), imported from py2ts-mp/runtime on first use. */
  helper(name: string): ts.Identifier {
    return f.createIdentifier(this.imports.named_(RUNTIME, name));
  }

  helperType(name: string): ts.Identifier {
    return f.createIdentifier(this.imports.named_(RUNTIME, name, { typeOnly: true }));
  }

  warn(loc: A.Loc, id: MessageId, ...args: string[]): void {
    this.error(loc, id, ...args);
  }

  error(loc: A.Loc, id: MessageId, ...args: string[]): void {
    const d = diag(this.file, loc, id, ...args);
    if (!this.diagnostics.some((x) => x.loc.line === d.loc.line && x.loc.col === d.loc.col && x.message === d.message)) {
      this.diagnostics.push(d);
    }
  }
}

/** Per-function emission state: which locals are declared where, loop-else flags, the scope. */
export interface FunctionState {
  readonly scope: Scope;
  /** Names whose declaration is hoisted to the top of the function (assigned in nested blocks). */
  readonly hoisted: Set<string>;
  /** Names already declared in the emitted function so far. */
  readonly declared: Set<string>;
  /** Names assigned exactly once in this scope: declared `const`. */
  readonly singleAssignment: Set<string>;
  readonly isModule: boolean;
  /** The statement at which each in-place local is declared (its first assignment). */
  readonly declSite: Map<string, A.Stmt>;
  /** Variables split into one TS const per value: Python name → TS name of each version. */
  readonly split: Map<string, string[]>;
  /** Names bound only by for loops and used only inside them: each loop declares its own. */
  readonly loopOnly: Set<string>;
  /** In a method: the name of its `self` (or `cls`) parameter, emitted as `this`. */
  selfParam?: string;
  /** Where each name of the scope occurs (a `with … as x` target used after its block is bound outside it). */
  readonly occurrences?: ReadonlyMap<string, readonly Occurrence[]>;
}

export function call(fn: ts.Expression, args: readonly ts.Expression[]): ts.CallExpression {
  return f.createCallExpression(fn, undefined, args);
}

export function prop(obj: ts.Expression, name: string): ts.PropertyAccessExpression {
  return f.createPropertyAccessExpression(obj, name);
}

export function id(name: string): ts.Identifier {
  return f.createIdentifier(name);
}

export function num(n: number): ts.Expression {
  return n < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-n)) : f.createNumericLiteral(n);
}

export function str(s: string): ts.StringLiteral {
  return f.createStringLiteral(s);
}

/** Wrap in parentheses where the printer would otherwise change the meaning (it does not add them itself). */
export function paren(e: ts.Expression): ts.Expression {
  return ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e) ||
    ts.isCallExpression(e) ||
    ts.isElementAccessExpression(e) ||
    ts.isLiteralExpression(e) ||
    ts.isParenthesizedExpression(e) ||
    ts.isArrayLiteralExpression(e) ||
    ts.isNewExpression(e) ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isTemplateExpression(e) ||
    ts.isNoSubstitutionTemplateLiteral(e)
    ? e
    : f.createParenthesizedExpression(e);
}

export function binary(l: ts.Expression, op: ts.BinaryOperator, r: ts.Expression): ts.BinaryExpression {
  return f.createBinaryExpression(paren(l), op, paren(r));
}
