// Scopes and bindings: which names each function, lambda, comprehension and the module bind, and how a
// name used in a scope resolves (local, enclosing function, module global, import, builtin) — Python's LEGB rule.

import type * as A from "../frontend/ast.js";

export type ScopeNode = A.Module | A.FunctionDef | A.Lambda | A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp | A.ClassDef;

export interface Scope {
  readonly id: string;
  readonly node: ScopeNode;
  readonly parent?: Scope;
  readonly kind: "module" | "function" | "lambda" | "comprehension" | "class";
  /** Names bound in this scope (assigned, parameters, defs, imports, for targets, except names). */
  readonly locals: Set<string>;
  readonly declaredGlobal: Set<string>;
  readonly declaredNonlocal: Set<string>;
  /** Names this scope reads that come from an enclosing scope or the module. */
  readonly freeReads: Set<string>;
  /** Local names that an inner function reads or writes (a closure captures them). */
  readonly captured: Set<string>;
}

export interface Resolution {
  readonly kind: "local" | "enclosing" | "global" | "builtin";
  /** The scope that owns the binding (the module for globals); absent for builtins. */
  readonly scope?: Scope;
}

export class Scopes {
  private readonly byNode = new Map<ScopeNode, Scope>();
  readonly module: Scope;
  private counter = 0;

  /** `prefix` keeps scope ids unique when several modules are analyzed together. */
  constructor(
    module: A.Module,
    private readonly prefix = "",
  ) {
    this.module = this.create(module, undefined, "module");
    this.collectBlock(module.body, this.module);
    this.collectReads(module.body, this.module);
  }

  scopeOf(node: ScopeNode): Scope {
    const s = this.byNode.get(node);
    if (!s) throw new Error("no scope for node");
    return s;
  }

  all(): Iterable<Scope> {
    return this.byNode.values();
  }

  /** Resolve `name` as seen from `scope` (class scopes are skipped by functions, as in Python). */
  resolve(scope: Scope, name: string): Resolution {
    if (scope.declaredGlobal.has(name)) return this.module.locals.has(name) ? { kind: "global", scope: this.module } : { kind: "builtin" };
    if (scope.locals.has(name) && !scope.declaredNonlocal.has(name)) {
      return { kind: scope === this.module ? "global" : "local", scope };
    }
    for (let s = scope.parent; s; s = s.parent) {
      if (s.kind === "class") continue;
      if (s === this.module) break;
      if (s.locals.has(name) && !s.declaredGlobal.has(name)) return { kind: "enclosing", scope: s };
    }
    if (this.module.locals.has(name)) return { kind: "global", scope: this.module };
    return { kind: "builtin" };
  }

  private create(node: ScopeNode, parent: Scope | undefined, kind: Scope["kind"]): Scope {
    const scope: Scope = {
      id: `${this.prefix}s${this.counter++}`,
      node,
      parent,
      kind,
      locals: new Set(),
      declaredGlobal: new Set(),
      declaredNonlocal: new Set(),
      freeReads: new Set(),
      captured: new Set(),
    };
    this.byNode.set(node, scope);
    return scope;
  }

  // --- pass 1: bindings -------------------------------------------------------------------------

  private bind(scope: Scope, name: string): void {
    if (!scope.declaredGlobal.has(name) && !scope.declaredNonlocal.has(name)) scope.locals.add(name);
    else if (scope.declaredGlobal.has(name)) this.module.locals.add(name);
  }

  private bindTarget(scope: Scope, target: A.Expr): void {
    switch (target.kind) {
      case "Name":
        this.bind(scope, target.id);
        break;
      case "Tuple":
      case "List":
        for (const e of target.elts) this.bindTarget(scope, e);
        break;
      case "Starred":
        this.bindTarget(scope, target.value);
        break;
      default:
        break;
    }
  }

  private collectBlock(body: readonly A.Stmt[], scope: Scope): void {
    // `global`/`nonlocal` apply to the whole scope wherever they appear: collect them first.
    const visitDecls = (stmts: readonly A.Stmt[]): void => {
      for (const s of stmts) {
        if (s.kind === "Global") for (const n of s.names) scope.declaredGlobal.add(n);
        if (s.kind === "Nonlocal") for (const n of s.names) scope.declaredNonlocal.add(n);
        for (const b of childBlocks(s)) visitDecls(b);
      }
    };
    visitDecls(body);
    for (const s of body) this.collectStmt(s, scope);
  }

  private collectStmt(s: A.Stmt, scope: Scope): void {
    switch (s.kind) {
      case "FunctionDef": {
        this.bind(scope, s.name);
        for (const d of s.decorators) this.collectExpr(d, scope);
        for (const p of s.params) if (p.default) this.collectExpr(p.default, scope);
        const inner = this.create(s, scope, "function");
        for (const p of s.params) inner.locals.add(p.name);
        this.collectBlock(s.body, inner);
        return;
      }
      case "ClassDef": {
        this.bind(scope, s.name);
        for (const b of s.bases) this.collectExpr(b, scope);
        const inner = this.create(s, scope, "class");
        this.collectBlock(s.body, inner);
        return;
      }
      case "Assign":
        for (const t of s.targets) this.bindTarget(scope, t);
        break;
      case "AugAssign":
      case "AnnAssign":
        this.bindTarget(scope, s.target);
        break;
      case "For":
        this.bindTarget(scope, s.target);
        break;
      case "With":
        for (const item of s.items) if (item.target) this.bindTarget(scope, item.target);
        break;
      case "Try":
        for (const h of s.handlers) if (h.name) this.bind(scope, h.name);
        break;
      case "Import":
        for (const a of s.names) this.bind(scope, a.asname ?? a.name.split(".")[0]!);
        break;
      case "ImportFrom":
        for (const a of s.names) this.bind(scope, a.asname ?? a.name);
        break;
      case "Delete":
        for (const t of s.targets) this.bindTarget(scope, t);
        break;
      default:
        break;
    }
    for (const e of stmtExprs(s)) this.collectExpr(e, scope);
    for (const b of childBlocks(s)) for (const c of b) this.collectStmt(c, scope);
  }

  private collectExpr(e: A.Expr, scope: Scope): void {
    switch (e.kind) {
      case "Lambda": {
        for (const p of e.params) if (p.default) this.collectExpr(p.default, scope);
        const inner = this.create(e, scope, "lambda");
        for (const p of e.params) inner.locals.add(p.name);
        this.collectExpr(e.body, inner);
        return;
      }
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp": {
        // The first iterable is evaluated in the enclosing scope, as in CPython.
        this.collectExpr(e.generators[0]!.iter, scope);
        const inner = this.create(e, scope, "comprehension");
        e.generators.forEach((g, i) => {
          this.bindTarget(inner, g.target);
          if (i > 0) this.collectExpr(g.iter, inner);
          for (const c of g.ifs) this.collectExpr(c, inner);
        });
        if (e.kind === "DictComp") {
          this.collectExpr(e.key, inner);
          this.collectExpr(e.value, inner);
        } else this.collectExpr(e.elt, inner);
        return;
      }
      case "NamedExpr": {
        // := binds in the nearest function (not comprehension) scope.
        let target = scope;
        while (target.kind === "comprehension" && target.parent) target = target.parent;
        this.bind(target, e.target.id);
        this.collectExpr(e.value, scope);
        return;
      }
      default:
        for (const c of exprChildren(e)) this.collectExpr(c, scope);
    }
  }

  // --- pass 2: reads (free variables, captures) --------------------------------------------------

  private collectReads(body: readonly A.Stmt[], scope: Scope): void {
    for (const s of body) {
      if (s.kind === "FunctionDef" || s.kind === "ClassDef") {
        const inner = this.scopeOf(s);
        if (s.kind === "FunctionDef") for (const p of s.params) if (p.default) this.readsIn(p.default, scope);
        for (const d of s.decorators) this.readsIn(d, scope);
        if (s.kind === "ClassDef") for (const b of s.bases) this.readsIn(b, scope);
        this.collectReads(s.body, inner);
        continue;
      }
      if (s.kind === "Global" || s.kind === "Nonlocal") {
        for (const n of s.names) this.noteUse(scope, n);
      }
      for (const e of stmtExprs(s)) this.readsIn(e, scope);
      for (const t of stmtTargets(s)) this.readsIn(t, scope);
      for (const b of childBlocks(s)) this.collectReads(b, scope);
    }
  }

  private readsIn(e: A.Expr, scope: Scope): void {
    switch (e.kind) {
      case "Name":
        this.noteUse(scope, e.id);
        return;
      case "Lambda":
        for (const p of e.params) if (p.default) this.readsIn(p.default, scope);
        this.readsIn(e.body, this.scopeOf(e));
        return;
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp": {
        const inner = this.scopeOf(e);
        this.readsIn(e.generators[0]!.iter, scope);
        e.generators.forEach((g, i) => {
          this.readsIn(g.target, inner);
          if (i > 0) this.readsIn(g.iter, inner);
          for (const c of g.ifs) this.readsIn(c, inner);
        });
        if (e.kind === "DictComp") {
          this.readsIn(e.key, inner);
          this.readsIn(e.value, inner);
        } else this.readsIn(e.elt, inner);
        return;
      }
      default:
        for (const c of exprChildren(e)) this.readsIn(c, scope);
    }
  }

  private noteUse(scope: Scope, name: string): void {
    const r = this.resolve(scope, name);
    if (r.kind === "local") return;
    scope.freeReads.add(name);
    if (r.kind === "enclosing") r.scope!.captured.add(name);
  }
}

// --- generic child accessors used by every pass -------------------------------------------------

/** Statement blocks nested directly in a statement (not in nested defs/classes). */
export function childBlocks(s: A.Stmt): readonly (readonly A.Stmt[])[] {
  switch (s.kind) {
    case "For":
    case "While":
      return [s.body, s.orelse];
    case "If":
      return [s.body, s.orelse];
    case "With":
      return [s.body];
    case "Try":
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    default:
      return [];
  }
}

/** Expressions a statement evaluates (not its assignment targets, not nested defs' bodies). */
export function stmtExprs(s: A.Stmt): readonly A.Expr[] {
  switch (s.kind) {
    case "Return":
      return s.value ? [s.value] : [];
    case "Assign":
      return [s.value];
    case "AugAssign":
      return [s.value];
    case "AnnAssign":
      return s.value ? [s.value] : [];
    case "For":
      return [s.iter];
    case "While":
    case "If":
      return [s.test];
    case "With":
      return s.items.map((i) => i.context);
    case "Raise":
      return [s.exc, s.cause].filter((x): x is A.Expr => x !== undefined);
    case "Try":
      return s.handlers.flatMap((h) => (h.type ? [h.type] : []));
    case "Assert":
      return [s.test, s.msg].filter((x): x is A.Expr => x !== undefined);
    case "ExprStmt":
      return [s.value];
    case "PrintStmt":
      return s.dest ? [s.dest, ...s.values] : s.values;
    default:
      return [];
  }
}

/** Assignment targets of a statement (subscript/attribute targets read their object). */
export function stmtTargets(s: A.Stmt): readonly A.Expr[] {
  switch (s.kind) {
    case "Assign":
      return s.targets;
    case "AugAssign":
    case "AnnAssign":
    case "For":
      return [s.target];
    case "With":
      return s.items.flatMap((i) => (i.target ? [i.target] : []));
    case "Delete":
      return s.targets;
    default:
      return [];
  }
}

export function exprChildren(e: A.Expr): readonly A.Expr[] {
  switch (e.kind) {
    case "BoolOp":
      return e.values;
    case "NamedExpr":
      return [e.target, e.value];
    case "BinOp":
      return [e.left, e.right];
    case "UnaryOp":
      return [e.operand];
    case "Lambda":
      return [e.body];
    case "IfExp":
      return [e.test, e.body, e.orelse];
    case "Dict":
      return e.items.flatMap((i) => (i.key ? [i.key, i.value] : [i.value]));
    case "Set":
    case "List":
    case "Tuple":
      return e.elts;
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
      return [e.elt, ...e.generators.flatMap((g) => [g.target, g.iter, ...g.ifs])];
    case "DictComp":
      return [e.key, e.value, ...e.generators.flatMap((g) => [g.target, g.iter, ...g.ifs])];
    case "Yield":
      return e.value ? [e.value] : [];
    case "Compare":
      return [e.left, ...e.comparators];
    case "Call":
      return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case "FormattedValue":
      return e.spec ? [e.value, e.spec] : [e.value];
    case "JoinedStr":
      return e.values;
    case "Attribute":
      return [e.value];
    case "Subscript":
      return [e.value, e.index];
    case "Starred":
      return [e.value];
    case "Slice":
      return [e.lower, e.upper, e.step].filter((x): x is A.Expr => x !== undefined);
    case "Constant":
    case "Name":
      return [];
  }
}

/** Python's `__qualname__` of a function or class scope: `f.<locals>.g`, `C.method`, `<lambda>`. */
export function qualifiedName(scope: Scope): string {
  const own = (s: Scope) =>
    s.node.kind === "FunctionDef" || s.node.kind === "ClassDef" ? s.node.name : s.kind === "lambda" ? "<lambda>" : "<listcomp>";
  const parts: string[] = [own(scope)];
  for (let s = scope.parent; s && s.kind !== "module"; s = s.parent) {
    parts.unshift(s.kind === "class" ? own(s) : `${own(s)}.<locals>`);
  }
  return parts.join(".");
}
