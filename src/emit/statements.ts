// Python statements → TypeScript statements, keeping the script's structure, names and comments.
// Locals are declared where Python first assigns them when that is at the top of the function body,
// otherwise hoisted to the top of the function (Python scopes are per function, not per block).

import { ts } from "./ts.js";
import type * as A from "../frontend/ast.js";
import type { ClassInfo } from "../analysis/analyze.js";
import { allFollowFirstWrite, collectNames, occurrencesIn, stmtAt } from "../analysis/occurrences.js";
import { childBlocks, stmtTargets, type Scope } from "../analysis/scopes.js";
import { forwardingCalls } from "../analysis/decorators.js";
import { intRange, isSafeRange, type PyType } from "../analysis/types.js";
import { classMember, runtimeClass } from "../mapper/index.js";
import { atStatement } from "../diagnostics.js";
import { binary, call, f, id, num, prop, str, type EmitContext, type FunctionState } from "./context.js";
import { binop, checkStarredLast, condition, expr, exprAs, iterable, loopIterable, mixesIntAndFloat, moduleMemberRef, printCall, sliceArgs, target, type ExprEnv } from "./expressions.js";
import { typeNode } from "./types.js";

const K = ts.SyntaxKind;

export class StatementEmitter {
  constructor(readonly ctx: EmitContext) {}

  env(state: FunctionState): ExprEnv {
    return { ctx: this.ctx, scope: state.scope, lambda: (e) => this.lambda(e, state.scope), split: state.split, selfParam: state.selfParam, handling: this.currentException };
  }

  /**
   * Decide, for one scope's body, where each local is declared: at its first assignment when every use of
   * the name comes after it in the same block (the common case, and the readable one), otherwise hoisted to
   * the top of the function (Python scopes are per function, JS `let` per block).
   */
  functionState(scope: Scope, body: readonly A.Stmt[], isModule = false): FunctionState {
    const occurrences = occurrencesIn(body, this.ctx.analysis.scopes);
    const declSite = new Map<string, A.Stmt>();
    const single = new Set<string>();
    const hoisted = new Set<string>();
    const split = new Map<string, string[]>();
    const loopOnly = new Set<string>();
    // Parameters are declared by the parameter list, wherever the body reassigns them.
    const params = new Set(scope.node.kind === "FunctionDef" ? scope.node.params.map((p) => p.name) : []);
    for (const [name, occ] of occurrences) {
      const local = scope.locals.has(name) && !scope.declaredGlobal.has(name) && !scope.declaredNonlocal.has(name);
      if (!local || params.has(name)) continue;
      const first = occ.findIndex((o) => o.write);
      if (first < 0) continue;
      const inPlace = allFollowFirstWrite(occ);
      const w = occ[first]!.path;
      // Bound only by for loops and used only inside them: each loop declares its own variable.
      const writes = occ.filter((o) => o.write);
      const loops = writes.map((o) => stmtAt(o.path.at(-1)!));
      if (loops.every((l) => l.kind === "For") && occ.every((o) => o.write || loops.some((l) => o.path.some((step) => stmtAt(step) === l)))) {
        loopOnly.add(name);
      }
      // A `with … as name` target is declared by `using` inside the with's own block: a name that is also
      // used outside that statement lives at function level instead.
      const withStmt = stmtAt(w.at(-1)!);
      const escapesWith = withStmt.kind === "With" && occ.some((o) => !o.path.some((step) => stmtAt(step) === withStmt));
      if (inPlace && !escapesWith) declSite.set(name, withStmt);
      else hoisted.add(name);
      // One assignment declared where it happens is a const (inside a loop, a fresh binding per iteration).
      // (An inner function's `nonlocal name` assigns it too.)
      if (inPlace && occ.filter((o) => o.write).length === 1 && !this.assignedByInnerFunction(scope, name)) single.add(name);
      // A variable reused for values of different types becomes one const per value (res, res2, …).
      const versions = this.ctx.analysis.versionTypes(scope, name);
      if (versions && new Set(versions.map(shape)).size > 1) {
        split.set(name, versions.map((_, i) => (i === 0 ? this.ctx.names.py(name) : this.ctx.names.fresh(`${this.ctx.names.py(name)}${i + 1}`))));
      }
    }
    for (const n of loopOnly) hoisted.delete(n);
    return { scope, hoisted, declared: new Set(), singleAssignment: single, isModule, declSite, split, loopOnly, occurrences };
  }

  /** Whether a function nested in `scope` declares `nonlocal name` for `scope`'s variable. */
  private assignedByInnerFunction(scope: Scope, name: string): boolean {
    const scopes = this.ctx.analysis.scopes;
    return [...scopes.all()].some((s) => s.declaredNonlocal.has(name) && s.parent && scopes.resolve(s.parent, name).scope === scope);
  }

  /** An expression of the scope `state` is for. */
  expression(e: A.Expr, state: FunctionState): ts.Expression {
    return expr(this.env(state), e);
  }

  /** `let x: T;` for each hoisted local, at the top of a function body. */
  hoistedDeclarations(state: FunctionState): ts.Statement[] {
    return [...state.hoisted].map((n) => {
      state.declared.add(n);
      return f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration(this.ctx.names.py(n), f.createToken(K.ExclamationToken), this.bindingTypeNode(state.scope, n))],
          ts.NodeFlags.Let,
        ),
      );
    });
  }

  bindingTypeNode(scope: Scope, name: string): ts.TypeNode {
    return typeNode(this.ctx, this.ctx.analysis.bindingType(scope, name));
  }

  block(stmts: readonly A.Stmt[], state: FunctionState): ts.Statement[] {
    const out: ts.Statement[] = [];
    for (const s of stmts) {
      const emitted = this.stmt(s, state);
      attachTrivia(emitted, s.trivia, out.length > 0 || s.trivia.blankBefore);
      out.push(...emitted);
    }
    return out;
  }

  stmt(s: A.Stmt, state: FunctionState): ts.Statement[] {
    return atStatement(s.loc, () => this.statement(s, state));
  }

  private statement(s: A.Stmt, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    const ctx = this.ctx;
    switch (s.kind) {
      case "ExprStmt":
        if (s.value.kind === "Constant" && s.value.value.type === "str") {
          // A bare string statement is a comment in all but name.
          return [withComment(f.createEmptyStatement(), s.value.value.value)];
        }
        return [f.createExpressionStatement(expr(env, s.value))];
      case "PrintStmt": {
        // `print >>f, x` is `print(x, file=f)`; its trailing comma owes f the space (softspace is per stream).
        if (s.dest) {
          const keywords: A.Keyword[] = [{ name: "file", value: s.dest, loc: s.dest.loc }];
          if (s.trailingComma) keywords.push({ name: "end", value: { kind: "Constant", value: { type: "str", value: " " }, loc: s.loc }, loc: s.loc });
          return [f.createExpressionStatement(printCall(env, s.values, keywords))];
        }
        const printed = printCall(env, s.values, []);
        if (!s.trailingComma || !ts.isCallExpression(printed)) return [f.createExpressionStatement(printed)];
        return [f.createExpressionStatement(call(ctx.helper("printSoft"), printed.arguments))];
      }
      case "Assign":
        return this.assign(s, state);
      case "AugAssign":
        return this.augAssign(s, state);
      case "AnnAssign":
        if (!s.value) return [];
        return this.assign({ ...s, kind: "Assign", targets: [s.target], value: s.value }, state);
      case "If":
        return [this.ifStmt(s, state)];
      case "While":
        return this.loopWithElse(f.createWhileStatement(condition(env, s.test), this.body(s.body, state)), s.orelse, state);
      case "For":
        return this.forStmt(s, state);
      case "Return":
        return [f.createReturnStatement(s.value ? this.returnValue(s.value, state) : undefined)];
      case "Pass":
        return [];
      case "Break":
        return [f.createBreakStatement()];
      case "Continue":
        return [f.createContinueStatement()];
      case "Global":
      case "Nonlocal":
      case "Import":
      case "ImportFrom":
        return [];
      case "FunctionDef":
        return [...this.functionDef(s, state), ...this.registration(s, state)];
      case "With":
        return this.withStmt(s, state);
      case "Raise":
        return [this.raise(s, state)];
      case "Try":
        return [this.tryStmt(s, state)];
      case "Assert":
        return [
          f.createIfStatement(
            f.createPrefixUnaryExpression(K.ExclamationToken, f.createParenthesizedExpression(condition(env, s.test))),
            f.createThrowStatement(f.createNewExpression(ctx.helper("AssertionError"), undefined, s.msg ? [expr(env, s.msg)] : [])),
          ),
        ];
      case "ClassDef":
        return [this.classDef(s, state)];
      case "Delete":
        return s.targets.flatMap((t) => this.deleteTarget(t, state));
    }
  }

  body(stmts: readonly A.Stmt[], state: FunctionState): ts.Block {
    return f.createBlock(this.block(stmts, state), true);
  }

  // --- assignment --------------------------------------------------------------------------------

  /** A function's return value, for its return type (an int-or-float function boxes an integral float). */
  private returnValue(value: A.Expr, state: FunctionState): ts.Expression {
    const fn = state.scope.node;
    const env = this.env(state);
    return fn.kind === "FunctionDef" ? exprAs(env, value, this.ctx.analysis.returnType(fn)) : expr(env, value);
  }

  /** The type of the variable a Name target assigns (the version it assigns, for a split variable). */
  private targetType(t: A.Name, state: FunctionState): PyType {
    const versions = state.split.has(t.id) ? this.ctx.analysis.versionTypes(state.scope, t.id) : undefined;
    if (versions) return versions[this.ctx.analysis.versionOf(t) ?? 0]!;
    const r = this.ctx.analysis.scopes.resolve(state.scope, t.id);
    return this.ctx.analysis.bindingType(r.scope ?? state.scope, t.id);
  }

  private assign(s: A.Assign, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    const only = s.targets.length === 1 ? s.targets[0]! : undefined;
    if (only) return [this.assignOne(only, only.kind === "Name" ? exprAs(env, s.value, this.targetType(only, state)) : expr(env, s.value), state)];
    // a = b = value: evaluate once, assign left to right as Python does.
    const tmp = this.ctx.names.fresh("value");
    const out: ts.Statement[] = [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(tmp, undefined, undefined, expr(env, s.value))], ts.NodeFlags.Const)),
    ];
    for (const t of s.targets) out.push(this.assignOne(t, id(tmp), state));
    return out;
  }

  private assignOne(t: A.Expr, value: ts.Expression, state: FunctionState): ts.Statement {
    const env = this.env(state);
    if (t.kind === "Name" && state.split.has(t.id)) {
      const v = this.ctx.analysis.versionOf(t) ?? 0;
      const type = isEmptyContainer(value) ? typeNode(this.ctx, this.ctx.analysis.versionTypes(state.scope, t.id)![v]!) : undefined;
      return f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList([f.createVariableDeclaration(state.split.get(t.id)![v]!, undefined, type, value)], ts.NodeFlags.Const),
      );
    }
    if (t.kind === "Name" || t.kind === "Tuple" || t.kind === "List") {
      const names: string[] = [];
      collectNames(t, names);
      const undeclared = names.filter((n) => this.needsDeclaration(n, state));
      if (undeclared.length === names.length && names.length > 0) {
        for (const n of names) state.declared.add(n);
        const isConst = names.every((n) => state.singleAssignment.has(n));
        const type = t.kind === "Name" && (!isConst || isEmptyContainer(value)) ? this.bindingTypeNode(state.scope, t.id) : undefined;
        return f.createVariableStatement(
          undefined,
          f.createVariableDeclarationList([f.createVariableDeclaration(target(env, t), undefined, type, value)], isConst ? ts.NodeFlags.Const : ts.NodeFlags.Let),
        );
      }
      if (undeclared.length > 0) {
        this.ctx.error(t.loc, "unsupportedConstruct", "this unpacking", "it mixes new and existing variables");
      }
      return f.createExpressionStatement(f.createAssignment(t.kind === "Name" ? id(this.ctx.names.py(t.id)) : arrayPattern(env, t), value));
    }
    if (t.kind === "Attribute") {
      const base = this.ctx.analysis.typeOf(t.value);
      if (base.k === "module") this.ctx.error(t.loc, "unsupportedConstruct", "assigning to a module attribute", "runtime modules are read-only");
      return f.createExpressionStatement(f.createAssignment(prop(expr(env, t.value), t.attr), value));
    }
    if (t.kind === "Subscript") {
      const base = this.ctx.analysis.typeOf(t.value);
      if (t.index.kind === "Slice") {
        if (base.k === "object" && base.cls === "Array") {
          const [lo, hi, step] = sliceArgs(env, t.index);
          return f.createExpressionStatement(call(prop(expr(env, t.value), "setSlice"), [lo!, hi!, step ?? f.createNull(), value]));
        }
        const sl = t.index;
        const part = (x?: A.Expr) => (x ? expr(env, x) : f.createNull());
        return f.createExpressionStatement(call(this.ctx.helper("setSlice"), [expr(env, t.value), part(sl.lower), part(sl.upper), part(sl.step), value]));
      }
      if (base.k === "object" && base.cls === "Array") return f.createExpressionStatement(call(prop(expr(env, t.value), "set"), [expr(env, t.index), value]));
      // A dict is a Map: `d[k] = v` is `d.set(k, v)` (keys that are tuples need Python equality: helper).
      if (base.k === "dict" && isPrimitiveKey(base.key)) return f.createExpressionStatement(call(prop(expr(env, t.value), "set"), [expr(env, t.index), value]));
      return f.createExpressionStatement(call(this.ctx.helper("setItem"), [expr(env, t.value), expr(env, t.index), value]));
    }
    this.ctx.error(t.loc, "unsupportedSyntax", "this assignment target");
    return f.createEmptyStatement();
  }

  /** `del x[i]`, `del x[a:b]`, `del obj.attr`; unbinding a variable has no faithful TS form. */
  private deleteTarget(t: A.Expr, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    if (t.kind === "Tuple" || t.kind === "List") return t.elts.flatMap((x) => this.deleteTarget(x, state));
    if (t.kind === "Subscript" && t.index.kind === "Slice") {
      const sl = t.index;
      const part = (x?: A.Expr) => (x ? expr(env, x) : f.createNull());
      return [f.createExpressionStatement(call(this.ctx.helper("delSlice"), [expr(env, t.value), part(sl.lower), part(sl.upper), part(sl.step)]))];
    }
    if (t.kind === "Subscript") return [f.createExpressionStatement(call(this.ctx.helper("delItem"), [expr(env, t.value), expr(env, t.index)]))];
    this.ctx.error(t.loc, "unsupportedConstruct", t.kind === "Name" ? `del ${t.id}` : "this del target", "a TypeScript variable cannot be unbound; assign None or let it go out of scope");
    return [];
  }

  private needsDeclaration(name: string, state: FunctionState): boolean {
    if (state.declared.has(name) || state.hoisted.has(name)) return false;
    if (!state.declSite.has(name)) return false;
    const r = this.ctx.analysis.scopes.resolve(state.scope, name);
    return r.scope === state.scope && !(state.isModule && this.moduleHoisted.has(name));
  }

  /** Module globals that functions read: declared before the main block, assigned inside it. */
  moduleHoisted = new Set<string>();

  private augAssign(s: A.AugAssign, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    const result = this.ctx.analysis.binop(s.op, this.ctx.analysis.typeOf(s.target), this.ctx.analysis.typeOf(s.value));
    const computed = binop(env, s.op, s.target, s.value, result, s.loc);
    // `total += 1.5` on an int-or-float total: the float result is boxed when integral (float.ts).
    const boxed = s.target.kind === "Name" && result.k === "float" && mixesIntAndFloat(this.targetType(s.target, state));
    const value = boxed ? call(this.ctx.helper("asFloat"), [computed]) : computed;
    // `x += 1` stays compound when it maps to the same JS operator.
    if (ts.isBinaryExpression(value) && value.operatorToken.kind === K.PlusToken && (s.target.kind === "Name" || s.target.kind === "Attribute")) {
      const lhs = s.target.kind === "Name" ? id(this.ctx.names.py(s.target.id)) : prop(expr(env, s.target.value), s.target.attr);
      return [f.createExpressionStatement(f.createBinaryExpression(lhs, K.PlusEqualsToken, value.right))];
    }
    if (ts.isBinaryExpression(value) && value.operatorToken.kind === K.MinusToken && (s.target.kind === "Name" || s.target.kind === "Attribute")) {
      const lhs = s.target.kind === "Name" ? id(this.ctx.names.py(s.target.id)) : prop(expr(env, s.target.value), s.target.attr);
      return [f.createExpressionStatement(f.createBinaryExpression(lhs, K.MinusEqualsToken, value.right))];
    }
    return [this.assignOne(s.target, value, state)];
  }

  // --- control flow ------------------------------------------------------------------------------

  private ifStmt(s: A.If, state: FunctionState): ts.IfStatement {
    const env = this.env(state);
    let elseStmt: ts.Statement | undefined;
    if (s.orelse.length === 1 && s.orelse[0]!.kind === "If" && s.orelse[0]!.trivia.leading.length === 0) elseStmt = this.ifStmt(s.orelse[0] as A.If, state);
    else if (s.orelse.length > 0) elseStmt = this.body(s.orelse, state);
    return f.createIfStatement(condition(env, s.test), this.body(s.body, state), elseStmt);
  }

  private forStmt(s: A.For, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    // A target first bound by this loop but used after it too is declared just before the loop.
    const names: string[] = [];
    collectNames(s.target, names);
    const before: ts.Statement[] = [];
    const owned = names.every((n) => this.loopOwns(n, s, state));
    if (!owned) {
      for (const n of names) {
        if (state.declSite.get(n) !== s || state.declared.has(n)) continue;
        state.declared.add(n);
        before.push(
          f.createVariableStatement(
            undefined,
            f.createVariableDeclarationList([f.createVariableDeclaration(this.ctx.names.py(n), undefined, this.bindingTypeNode(state.scope, n))], ts.NodeFlags.Let),
          ),
        );
      }
    }
    const loop = this.rangeLoop(s, state) ?? this.forOf(s, state, env);
    return [...before, ...this.loopWithElse(loop, s.orelse, state)];
  }

  /** The loop declares its own target when the name is bound nowhere else and not read after the loop. */
  private loopOwns(name: string, s: A.For, state: FunctionState): boolean {
    if (state.scope.captured.has(name)) return false;
    return state.loopOnly.has(name) || (state.declSite.get(name) === s && !assignedElsewhere(name, s, state.scope.node));
  }

  /** `for i in range(a, b)`: a counting loop when the counter is only this loop's and stays a safe int. */
  private rangeLoop(s: A.For, state: FunctionState): ts.Statement | undefined {
    const env = this.env(state);
    const it = s.iter;
    if (it.kind !== "Call" || s.target.kind !== "Name") return undefined;
    const callee = this.ctx.analysis.calleeOf(it);
    if (callee.kind !== "api" || !["builtins.range", "builtins.xrange"].includes(callee.qualified)) return undefined;
    if (it.keywords.length > 0 || it.args.length === 0 || it.args.length > 3) return undefined;
    const name = s.target.id;
    if (!this.loopOwns(name, s, state)) return undefined;
    const argTypes = it.args.map((a) => this.ctx.analysis.typeOf(a));
    if (!argTypes.every((t) => { const r = intRange(t); return r && isSafeRange(r); })) return undefined;
    let step = 1;
    if (it.args.length === 3) {
      const st = it.args[2]!;
      const r = intRange(this.ctx.analysis.typeOf(st));
      if (!r || r.lo !== r.hi || r.lo === 0) return undefined;
      step = r.lo;
    }
    const [start, stop] = it.args.length === 1 ? [num(0), expr(env, it.args[0]!)] : [expr(env, it.args[0]!), expr(env, it.args[1]!)];
    const v = this.ctx.names.py(name);
    // Python evaluates the bound once; a bound that is not a literal or a plain name is evaluated once here too.
    const simple = ts.isIdentifier(stop) || ts.isNumericLiteral(stop) || ts.isPrefixUnaryExpression(stop);
    const bound = simple ? undefined : this.ctx.names.fresh(`${v}End`);
    const decls = [f.createVariableDeclaration(v, undefined, undefined, start)];
    if (bound) decls.push(f.createVariableDeclaration(bound, undefined, undefined, stop));
    const loop = f.createForStatement(
      f.createVariableDeclarationList(decls, ts.NodeFlags.Let),
      binary(id(v), step > 0 ? K.LessThanToken : K.GreaterThanToken, bound ? id(bound) : stop),
      step === 1 ? f.createPostfixIncrement(id(v)) : step === -1 ? f.createPostfixDecrement(id(v)) : f.createBinaryExpression(id(v), step > 0 ? K.PlusEqualsToken : K.MinusEqualsToken, num(Math.abs(step))),
      this.body(s.body, state),
    );
    return loop;
  }

  private forOf(s: A.For, state: FunctionState, env: ExprEnv): ts.Statement {
    const names: string[] = [];
    collectNames(s.target, names);
    const fresh = names.every((n) => this.loopOwns(n, s, state));
    const iter = loopIterable(env, s.iter);
    if (fresh) {
      return f.createForOfStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(target(env, s.target))], ts.NodeFlags.Const), iter, this.body(s.body, state));
    }
    if (s.target.kind !== "Name" && s.target.kind !== "Tuple" && s.target.kind !== "List") {
      this.ctx.error(s.target.loc, "unsupportedSyntax", "this loop target");
      return f.createEmptyStatement();
    }
    const init: ts.ForInitializer = s.target.kind === "Name" ? id(this.ctx.names.py(s.target.id)) : arrayPattern(env, s.target);
    return f.createForOfStatement(undefined, init, iter, this.body(s.body, state));
  }

  /** Python's `for/while … else`: the else block runs when the loop ends without `break`. */
  private loopWithElse(loop: ts.Statement, orelse: readonly A.Stmt[], state: FunctionState): ts.Statement[] {
    if (orelse.length === 0) return [loop];
    const hasBreak = containsBreak(loop);
    if (!hasBreak) return [loop, ...this.block(orelse, state)];
    const label = this.ctx.names.fresh("loop");
    const flag = this.ctx.names.fresh("completed");
    const labeled = f.createLabeledStatement(label, rewriteBreaks(loop, label, flag));
    return [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(flag, undefined, undefined, f.createTrue())], ts.NodeFlags.Let)),
      labeled,
      f.createIfStatement(id(flag), this.body(orelse, state)),
    ];
  }

  private withStmt(s: A.With, state: FunctionState): ts.Statement[] {
    const env = this.env(state);
    const stmts: ts.Statement[] = [];
    const only = s.items.length === 1 && !s.items[0]!.target ? s.items[0]! : undefined;
    const t = only ? this.ctx.analysis.typeOf(only.context) : undefined;
    if (only && t?.k === "object" && runtimeClass(t.cls)?.row.acquireRelease) {
      // `with lock:` reads best as what it means: acquire, then release in a finally.
      let lock = expr(env, only.context);
      if (!ts.isIdentifier(lock) && !ts.isPropertyAccessExpression(lock)) {
        const name = this.ctx.names.fresh("lock");
        stmts.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, lock)], ts.NodeFlags.Const)));
        lock = id(name);
      }
      stmts.push(f.createExpressionStatement(call(prop(lock, "acquire"), [])));
      stmts.push(f.createTryStatement(this.body(s.body, state), undefined, f.createBlock([f.createExpressionStatement(call(prop(lock, "release"), []))], true)));
      return stmts.length === 2 ? stmts : [f.createBlock(stmts, true)];
    }
    const outside: ts.Statement[] = [];
    const declare = (name: string, init: ts.Expression | undefined, flags: ts.NodeFlags, type?: ts.TypeNode) =>
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, init)], flags));
    // Python's name stays bound after the block (`f.closed`, a later `f = …`).
    const usedOutside = (name: string) => (state.occurrences?.get(name) ?? []).some((o) => !o.path.some((step) => stmtAt(step) === s));
    const bindTarget = (target: string, entered: ts.Expression) => {
      const name = this.ctx.names.py(target);
      if (state.hoisted.has(target) || state.declared.has(target) || usedOutside(target)) {
        if (!state.hoisted.has(target) && !state.declared.has(target)) {
          outside.push(declare(name, undefined, ts.NodeFlags.Let, this.bindingTypeNode(state.scope, target)));
        }
        stmts.push(f.createExpressionStatement(f.createAssignment(id(name), entered)));
      } else stmts.push(declare(name, entered, ts.NodeFlags.Const));
      state.declared.add(target);
    };
    const userItems = s.items.filter((item) => this.ctx.analysis.typeOf(item.context).k === "instance");
    if (userItems.length > 0) {
      if (s.items.length > 1) {
        this.ctx.error(userItems[0]!.context.loc, "unsupportedConstruct", "a with statement combining the script's own context manager with others", "write one with statement inside the other");
        return [];
      }
      const item = s.items[0]!;
      if (item.target && item.target.kind !== "Name") {
        this.ctx.error(item.target.loc, "unsupportedSyntax", "this `with … as` target");
        return [];
      }
      const cm = this.ctx.names.fresh("_ctx");
      stmts.push(declare(cm, expr(env, item.context), ts.NodeFlags.Const));
      const entered = call(prop(id(cm), "__enter__"), []);
      if (item.target) bindTarget(item.target.id, entered);
      else stmts.push(f.createExpressionStatement(entered));
      stmts.push(...this.userContextBody(id(cm), this.block(s.body, state)));
      return [...outside, f.createBlock(stmts, true)];
    }
    for (const item of s.items) {
      const t = this.ctx.analysis.typeOf(item.context);
      const self = t.k === "object" && runtimeClass(t.cls)?.row.enterReturnsSelf;
      const value = expr(env, item.context);
      if (item.target && item.target.kind !== "Name") {
        this.ctx.error(item.target.loc, "unsupportedSyntax", "this `with … as` target");
        continue;
      }
      const target = item.target?.id;
      // `using` disposes in reverse order on every exit, as Python's __exit__ runs.
      if (target && self && !usedOutside(target)) {
        // The common case reads as itself: `using f = open(…)`.
        state.declared.add(target);
        state.hoisted.delete(target);
        stmts.push(declare(this.ctx.names.py(target), value, ts.NodeFlags.Using));
        continue;
      }
      const ctxName = this.ctx.names.fresh("_ctx");
      stmts.push(declare(ctxName, self ? value : call(this.ctx.helper("enter"), [value]), ts.NodeFlags.Using));
      if (!target) continue;
      // The target is what __enter__ returned (the object itself for files and pools).
      bindTarget(target, self ? id(ctxName) : prop(id(ctxName), "value"));
    }
    stmts.push(...this.block(s.body, state));
    return [...outside, f.createBlock(stmts, true)];
  }

  private raise(s: A.Raise, state: FunctionState): ts.Statement {
    const env = this.env(state);
    if (!s.exc) return f.createThrowStatement(id(this.currentException ?? "undefined"));
    let e = expr(env, s.exc);
    // `raise ValueError` (a class) raises an instance.
    if (s.exc.kind === "Name" && this.ctx.analysis.scopes.resolve(state.scope, s.exc.id).kind === "builtin") {
      e = f.createNewExpression(this.ctx.helper(s.exc.id), undefined, []);
    }
    if (s.cause) return f.createThrowStatement(call(this.ctx.helper("withCause"), [e, expr(env, s.cause)]));
    return f.createThrowStatement(e);
  }

  private currentException: string | undefined;

  private tryStmt(s: A.Try, state: FunctionState): ts.Statement {
    const env = this.env(state);
    let catchClause: ts.CatchClause | undefined;
    if (s.handlers.length > 0) {
      const err = this.ctx.names.fresh("err");
      const outer = this.currentException;
      this.currentException = err;
      let chain: ts.Statement = f.createThrowStatement(id(err));
      for (let i = s.handlers.length - 1; i >= 0; i--) {
        const h = s.handlers[i]!;
        const body: ts.Statement[] = [];
        if (h.name) {
          state.declared.add(h.name);
          state.hoisted.delete(h.name);
          body.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(this.ctx.names.py(h.name), undefined, undefined, id(err))], ts.NodeFlags.Const)));
        }
        body.push(...this.block(h.body, state));
        const block = f.createBlock(body, true);
        if (!h.type) {
          chain = block;
          continue;
        }
        const types = h.type.kind === "Tuple" ? h.type.elts : [h.type];
        const test = types
          .map((t): ts.Expression => call(this.ctx.helper("isinstance"), [id(err), expr(env, t)]))
          .reduce((a, b) => binary(a, K.BarBarToken, b));
        chain = f.createIfStatement(test, block, chain);
      }
      this.currentException = outer;
      // Inside another except clause, what is caught was raised while handling that clause's exception.
      // (Recorded only where the program can see it: see ProgramState.observesExceptionContext.)
      const context = this.ctx.analysis.program.observesExceptionContext;
      const conversion = outer && context ? call(this.ctx.helper("withContext"), [id("caught"), id(outer)]) : call(this.ctx.helper("toPyException"), [id("caught")]);
      const converted = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(err, undefined, undefined, conversion)], ts.NodeFlags.Const));
      // What leaves the handlers was raised while handling err (a bare `raise` rethrows err itself).
      const handled = context
        ? f.createTryStatement(
            f.createBlock([chain], true),
            f.createCatchClause("raised", f.createBlock([f.createThrowStatement(call(this.ctx.helper("withContext"), [id("raised"), id(err)]))], true)),
            undefined,
          )
        : chain;
      catchClause = f.createCatchClause("caught", f.createBlock([converted, handled], true));
    }
    const finalBlock = s.finalbody.length ? this.body(s.finalbody, state) : undefined;
    if (s.orelse.length === 0 || !catchClause) return f.createTryStatement(this.body(s.body, state), catchClause, finalBlock);
    // try/except/else: the else block runs when the body raised nothing, outside the handlers' reach and
    // before any finally block, as in Python.
    const completed = this.ctx.names.fresh("completed");
    const inner = [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(completed, undefined, undefined, f.createFalse())], ts.NodeFlags.Let)),
      f.createTryStatement(
        f.createBlock([...this.block(s.body, state), f.createExpressionStatement(f.createAssignment(id(completed), f.createTrue()))], true),
        catchClause,
        undefined,
      ),
      f.createIfStatement(id(completed), this.body(s.orelse, state)),
    ];
    return finalBlock ? f.createTryStatement(f.createBlock(inner, true), undefined, finalBlock) : f.createBlock(inner, true);
  }

  /**
   * The body of a `with` on an object of the script's own class: an exception reaches `__exit__(type, value,
   * traceback)`, which may suppress it by returning a true value; any other way out calls `__exit__(None, …)`.
   */
  private userContextBody(cm: ts.Identifier, body: ts.Statement[]): ts.Statement[] {
    const failed = this.ctx.names.fresh("failed");
    const err = this.ctx.names.fresh("err");
    const exit = (args: ts.Expression[]) => call(prop(cm, "__exit__"), args);
    const handler = f.createBlock(
      [
        f.createExpressionStatement(f.createAssignment(id(failed), f.createTrue())),
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(err, undefined, undefined, call(this.ctx.helper("toPyException"), [id("caught")]))], ts.NodeFlags.Const)),
        f.createIfStatement(
          f.createPrefixUnaryExpression(K.ExclamationToken, call(this.ctx.helper("truthy"), [exit([call(this.ctx.helper("type_"), [id(err)]), id(err), f.createNull()])])),
          f.createThrowStatement(id(err)),
        ),
      ],
      true,
    );
    const finalizer = f.createBlock([f.createIfStatement(f.createPrefixUnaryExpression(K.ExclamationToken, id(failed)), f.createExpressionStatement(exit([f.createNull(), f.createNull(), f.createNull()])))], true);
    return [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(failed, undefined, undefined, f.createFalse())], ts.NodeFlags.Let)),
      f.createTryStatement(f.createBlock(body, true), f.createCatchClause("caught", handler), finalizer),
    ];
  }

  // --- functions ---------------------------------------------------------------------------------

  /** A function, after the constants holding its once-evaluated defaults (see `sharedDefaults`). */
  functionDef(s: A.FunctionDef, outer: FunctionState, exported = false): ts.Statement[] {
    const defaults = this.sharedDefaults(s, outer);
    return [...defaults.statements, this.functionDecl(s, outer, exported, defaults.names)];
  }

  /**
   * Python evaluates a default once, when `def` runs, and every call without that argument shares the value
   * (the mutable-default trap); a JS default is evaluated at each call. A default that is not an immutable
   * literal becomes a constant declared before the function: `const append_to_bucket: number[] = [];`.
   */
  private sharedDefaults(s: A.FunctionDef, outer: FunctionState): { statements: ts.Statement[]; names: Map<string, string> } {
    const names = new Map<string, string>();
    const statements: ts.Statement[] = [];
    for (const p of s.params) {
      if (!p.default || isImmutableLiteral(p.default)) continue;
      const name = this.ctx.names.fresh(`${this.ctx.names.py(s.name)}_${this.ctx.names.py(p.name)}`);
      names.set(p.name, name);
      const type = this.bindingTypeNode(this.ctx.analysis.functionInfo(s).scope, p.name);
      const decl = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, expr(this.env(outer), p.default))], ts.NodeFlags.Const));
      if (statements.length === 0) ts.addSyntheticLeadingComment(decl, K.SingleLineCommentTrivia, ` Evaluated once, when ${s.name} is defined: calls without the argument share it (as in Python).`, true);
      statements.push(decl);
    }
    return { statements, names };
  }

  private functionDecl(s: A.FunctionDef, outer: FunctionState, exported: boolean, sharedDefaults: ReadonlyMap<string, string>): ts.Statement {
    const ctx = this.ctx;
    const modifiers = exported ? [f.createModifier(K.ExportKeyword)] : undefined;
    if (ctx.analysis.program.decorated.has(s)) return this.decoratorDef(s, outer, modifiers);
    const cached = s.decorators.length === 1 ? this.cacheDecorator(s.decorators[0]!, outer) : undefined;
    const decorator = s.decorators.length === 1 && !cached ? ctx.analysis.decoratorOf(s) : undefined;
    const registered = this.registration(s, outer).length > 0;
    if (s.decorators.length > 0 && !cached && !decorator && !registered && !ctx.analysis.wrapperOf(s)) {
      ctx.error(s.decorators[0]!.loc, "unsupportedSyntax", "this decorator (supported: functools.lru_cache/cache, atexit.register, and decorators that return a wrapper calling fn(*args, **kwargs))");
    }
    const parts = this.functionParts(s, outer, false, sharedDefaults);
    if (decorator) {
      // `@timed def f` → `const f = timed(function f(…) {…})`; a call of f inside f would skip the wrapper.
      if (occurrencesIn(s.body, ctx.analysis.scopes).has(s.name)) ctx.error(s.loc, "unsupportedConstruct", `the decorated recursive function '${s.name}'`, "its recursive calls would not go through the decorator");
      const inner = f.createFunctionExpression(undefined, undefined, ctx.names.py(s.name), undefined, parts.params, parts.returnType, parts.body);
      const decl = f.createVariableStatement(
        modifiers,
        f.createVariableDeclarationList([f.createVariableDeclaration(ctx.names.py(s.name), undefined, undefined, call(expr(this.env(outer), s.decorators[0]!), [inner]))], ts.NodeFlags.Const),
      );
      if (s.docstring) addDocComment(decl, s.docstring);
      outer.declared.add(s.name);
      return decl;
    }
    if (cached) {
      // `@lru_cache` def f → `const f = lruCache(function f(…) {…}, maxsize)`: recursive calls go through the cache.
      // An arrow function: a named function expression would call itself directly, around the cache.
      if (parts.generator) ctx.error(s.decorators[0]!.loc, "unsupportedConstruct", "caching a generator", "the cache would keep one exhausted generator");
      const inner = f.createArrowFunction(undefined, undefined, parts.params, parts.returnType, undefined, parts.body);
      const decl = f.createVariableStatement(
        exported ? [f.createModifier(K.ExportKeyword)] : undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration(ctx.names.py(s.name), undefined, undefined, call(cached.helper, [inner, cached.maxsize]))],
          ts.NodeFlags.Const,
        ),
      );
      if (s.docstring) addDocComment(decl, s.docstring);
      outer.declared.add(s.name);
      return decl;
    }
    const fn = f.createFunctionDeclaration(
      exported ? [f.createModifier(K.ExportKeyword)] : undefined,
      parts.generator ? f.createToken(K.AsteriskToken) : undefined,
      ctx.names.py(s.name),
      undefined,
      parts.params,
      parts.returnType,
      parts.body,
    );
    if (s.docstring) addDocComment(fn, s.docstring);
    outer.declared.add(s.name);
    return fn;
  }

  /**
   * A pass-through decorator (analysis/decorators.ts) as a generic function: the decorated function's type F
   * goes in and comes out, the wrapper takes `Parameters<F>` and returns `ReturnType<F>`.
   */
  private decoratorDef(s: A.FunctionDef, outer: FunctionState, modifiers: ts.ModifierLike[] | undefined): ts.Statement {
    const ctx = this.ctx;
    const info = ctx.analysis.functionInfo(s);
    const state = this.functionState(info.scope, s.body);
    const shape = ctx.analysis.program.decorated.get(s)!.shape;
    const anyFn = f.createFunctionTypeNode(
      undefined,
      [f.createParameterDeclaration(undefined, f.createToken(K.DotDotDotToken), "args", undefined, f.createArrayTypeNode(f.createKeywordTypeNode(K.AnyKeyword)))],
      f.createKeywordTypeNode(K.AnyKeyword),
    );
    const body = this.block(s.body.slice(0, -1), state);
    // `@functools.wraps(fn)` on the wrapper: applied to it as it is returned (it gives the wrapper fn's name).
    const wraps = shape.wrapper.decorators[0];
    const wrapper = id(ctx.names.py(shape.wrapper.name));
    body.push(f.createReturnStatement(f.createAsExpression(wraps ? call(expr(this.env(state), wraps), [wrapper]) : wrapper, f.createTypeReferenceNode("F"))));
    const fn = f.createFunctionDeclaration(
      modifiers,
      undefined,
      ctx.names.py(s.name),
      [f.createTypeParameterDeclaration(undefined, "F", anyFn)],
      [f.createParameterDeclaration(undefined, undefined, ctx.names.py(shape.fn), undefined, f.createTypeReferenceNode("F"))],
      f.createTypeReferenceNode("F"),
      f.createBlock([...this.hoistedDeclarations(state), ...body], true),
    );
    if (s.docstring) addDocComment(fn, s.docstring);
    outer.declared.add(s.name);
    return fn;
  }

  /**
   * `@atexit.register` (or `@register` imported from atexit) returns the function unchanged: the function is
   * declared as written, and this registration runs where the def is, in order with the code around it (a
   * module-level function itself is declared at the top of the TS module).
   */
  registration(s: A.FunctionDef, outer: FunctionState): ts.Statement[] {
    const d = s.decorators.length === 1 ? s.decorators[0]! : undefined;
    let registers = false;
    if (d?.kind === "Attribute" && d.value.kind === "Name" && d.attr === "register") {
      const t = this.ctx.analysis.typeOf(d.value);
      registers = t.k === "module" && t.name === "atexit";
    } else if (d?.kind === "Name") {
      const imp = this.ctx.analysis.importOf(outer.scope, d.id);
      registers = imp?.kind === "member" && imp.module === "atexit" && imp.name === "register";
    }
    return registers ? [f.createExpressionStatement(call(expr(this.env(outer), d!), [id(this.ctx.names.py(s.name))]))] : [];
  }

  /** `@functools.lru_cache(maxsize=…)`, `@lru_cache`, `@functools.cache`: the cache size to emit (null: unbounded). */
  private cacheDecorator(d: A.Expr, outer: FunctionState): { helper: ts.Expression; maxsize: ts.Expression } | undefined {
    const env = this.env(outer);
    const spec = "py2ts-mp/runtime/functools";
    // Spelled as the script spells it: `functools.lruCache` through the namespace, or the imported name.
    const fnExpr = d.kind === "Call" ? d.func : d;
    const helper = () =>
      fnExpr.kind === "Name" ? id(this.ctx.imports.named_(spec, "lruCache", { preferLocal: this.ctx.names.py(fnExpr.id) })) : prop(expr(env, (fnExpr as A.Attribute).value), "lruCache");
    const named = (e: A.Expr): string | undefined => {
      if (e.kind === "Attribute" && e.value.kind === "Name") {
        const t = this.ctx.analysis.typeOf(e.value);
        return t.k === "module" && t.name === "functools" ? e.attr : undefined;
      }
      if (e.kind === "Name") {
        const imp = this.ctx.analysis.importOf(outer.scope, e.id);
        return imp?.kind === "member" && imp.module === "functools" ? imp.name : undefined;
      }
      return undefined;
    };
    const name = named(d.kind === "Call" ? d.func : d);
    if (name === "cache" && d.kind !== "Call") return { helper: helper(), maxsize: f.createNull() };
    if (name !== "lru_cache") return undefined;
    if (d.kind !== "Call") return { helper: helper(), maxsize: num(128) };
    const size = d.args[0] ?? d.keywords.find((k) => k.name === "maxsize")?.value;
    if (d.keywords.some((k) => k.name !== "maxsize") || d.args.length > 1) return undefined;
    return { helper: helper(), maxsize: size ? expr(env, size) : num(128) };
  }

  /** `*args` arrives as a JS array: it is a Python tuple (printing, pickling) wherever the body uses it as a value. */
  private varargsAsTuple(s: A.FunctionDef): ts.Statement[] {
    const vararg = s.params.find((p) => p.variety === "vararg");
    if (!vararg) return [];
    const uses = occurrencesIn(s.body, this.ctx.analysis.scopes).get(vararg.name)?.length ?? 0;
    const shape = this.ctx.analysis.wrapperOf(s);
    const forwards = shape ? forwardingCalls(s.body, shape) : 0;
    if (uses <= forwards) return [];
    return [f.createExpressionStatement(call(this.ctx.helper("asTuple"), [id(this.ctx.names.py(vararg.name))]))];
  }

  /** Parameters, return type and body of a function or method (`self` becomes `this` in methods). */
  private functionParts(s: A.FunctionDef, outer: FunctionState, isMethod: boolean, sharedDefaults: ReadonlyMap<string, string> = new Map()) {
    const ctx = this.ctx;
    const info = ctx.analysis.functionInfo(s);
    const state = this.functionState(info.scope, s.body);
    const selfParam = isMethod && ctx.analysis.isStatic(s) !== "static" ? s.params[0]?.name : undefined;
    if (selfParam) state.selfParam = selfParam;
    const wrapped = ctx.analysis.wrapperOf(s);
    if (wrapped) {
      // A pass-through wrapper: the decorated function's own parameters and result (its keyword arguments
      // were already bound to positions at each call of the decorated function).
      const params = [f.createParameterDeclaration(undefined, f.createToken(K.DotDotDotToken), ctx.names.py(wrapped.args), undefined, f.createTypeReferenceNode("Parameters", [f.createTypeReferenceNode("F")]))];
      const body = this.block(s.body, state);
      body.unshift(...this.varargsAsTuple(s));
      return { params, returnType: f.createTypeReferenceNode("ReturnType", [f.createTypeReferenceNode("F")]), generator: false, body: f.createBlock([...this.hoistedDeclarations(state), ...body], true), state };
    }
    const params = this.params(selfParam ? s.params.slice(1) : s.params, info.scope, outer, sharedDefaults);
    const body = this.block(s.body, state);
    body.unshift(...this.varargsAsTuple(s));
    const ret = ctx.analysis.returnType(s);
    // Falling off the end of a Python function returns None; TypeScript wants that said.
    const last = s.body.at(-1);
    const mayReturnNone = ret.k === "union" && ret.types.some((t) => t.k === "None");
    if (!info.isGenerator && mayReturnNone && last?.kind !== "Return" && last?.kind !== "Raise") body.push(f.createReturnStatement(f.createNull()));
    const returnType = info.isGenerator
      ? f.createTypeReferenceNode("Generator", [ret.k === "object" && ret.elt ? typeNode(ctx, ret.elt) : typeNode(ctx, { k: "unknown" })])
      : typeNode(ctx, ret, { isReturn: true });
    return { params, returnType, generator: info.isGenerator, body: f.createBlock([...this.hoistedDeclarations(state), ...body], true), state };
  }

  /** A Python class → a TS class: instance attributes become typed fields, __init__ the constructor. */
  classDef(s: A.ClassDef, outer: FunctionState, exported = false): ts.Statement {
    const ctx = this.ctx;
    const info = ctx.analysis.classInfo(s);
    if (s.decorators.length > 0) ctx.error(s.decorators[0]!.loc, "unsupportedSyntax", "class decorators");
    const env = this.env(outer);
    const apiBase = s.bases.find((b) => ctx.analysis.libraryMember(b, outer.scope));
    if (apiBase && !info.apiBase) {
      const api = ctx.analysis.libraryMember(apiBase, outer.scope)!;
      ctx.error(apiBase.loc, "unsupportedConstruct", `a subclass of ${api.module}.${api.name}`, "multiprocessing.Process is the only library class translated as a base");
    }
    if (info.bases.length + (info.apiBase ? 1 : 0) > 1) ctx.error(s.bases[1]!.loc, "unsupportedConstruct", "multiple inheritance", "TypeScript classes have one base");
    const base = info.bases[0]
      ? id(ctx.names.py(info.bases[0].node.name))
      : info.apiBase && apiBase
        ? moduleMemberRef(env, info.apiBase.module, info.apiBase.row, apiBase.kind === "Name" ? ctx.names.py(apiBase.id) : undefined)
        : info.builtinBase
          ? ctx.helper(info.builtinBase)
          : undefined;
    const heritage = base ? [f.createHeritageClause(K.ExtendsKeyword, [f.createExpressionWithTypeArguments(base, undefined)])] : undefined;
    const classState = this.functionState(info.scope, s.body);
    const members: ts.ClassElement[] = [];
    const init = info.methods.get("__init__");
    const assignedInInit = new Set<string>();
    for (const st of init?.body ?? []) {
      if (st.kind === "Assign") for (const t of st.targets) if (t.kind === "Attribute" && t.value.kind === "Name" && t.value.id === init!.params[0]?.name) assignedInInit.add(t.attr);
    }
    // Class attributes: `count = 0` in the class body.
    for (const st of s.body) {
      if (st.kind === "Assign" && st.targets.length === 1 && st.targets[0]!.kind === "Name") {
        const name = st.targets[0].id;
        const prop_ = f.createPropertyDeclaration([f.createModifier(K.StaticKeyword)], name, undefined, this.bindingTypeNode(info.scope, name), expr(this.env(classState), st.value));
        attachTrivia([prop_ as unknown as ts.Statement], st.trivia, members.length > 0);
        members.push(prop_);
      } else if (st.kind !== "FunctionDef" && st.kind !== "Pass" && !(st.kind === "ExprStmt" && st.value.kind === "Constant")) {
        ctx.error(st.loc, "unsupportedConstruct", "this statement in a class body", "only attributes and methods are translated");
      }
    }
    const libraryClass = ctx.analysis.apiBaseOf(info)?.cls;
    for (const [attr, t] of ctx.analysis.instanceAttributes(info)) {
      if (info.scope.locals.has(attr)) continue;
      // `self.daemon = True` sets the library base's own property: a field here would shadow it.
      if (libraryClass && classMember(libraryClass, attr)) continue;
      members.push(f.createPropertyDeclaration(undefined, attr, assignedInInit.has(attr) ? undefined : f.createToken(K.ExclamationToken), typeNode(ctx, t), undefined));
    }
    for (const st of s.body) {
      if (st.kind !== "FunctionDef") continue;
      const member = this.method(st, info, classState);
      if (member) {
        attachTrivia([member as unknown as ts.Statement], st.trivia, members.length > 0);
        members.push(member);
      }
    }
    if (info.methods.has("__iter__")) members.push(iterationProtocol());
    const cls = f.createClassDeclaration(exported ? [f.createModifier(K.ExportKeyword)] : undefined, ctx.names.py(s.name), undefined, heritage, members);
    if (s.docstring) addDocComment(cls, s.docstring);
    outer.declared.add(s.name);
    return cls;
  }

  private method(fn: A.FunctionDef, cls: ClassInfo, outer: FunctionState): ts.ClassElement | undefined {
    const ctx = this.ctx;
    const kind = ctx.analysis.isStatic(fn);
    const others = fn.decorators.filter((d) => !(d.kind === "Name" && ["staticmethod", "classmethod", "property"].includes(d.id)) && !(d.kind === "Attribute" && d.attr === "setter"));
    if (others.length > 0) ctx.error(others[0]!.loc, "unsupportedSyntax", "decorators (not yet supported)");
    const mutable = fn.params.find((p) => p.default && !isImmutableLiteral(p.default));
    if (mutable) ctx.error(mutable.default!.loc, "unsupportedConstruct", "a method default that is not a constant", "Python evaluates it once for all calls, TypeScript at each call");
    const parts = this.functionParts(fn, outer, true);
    const name = fn.name;
    let member: ts.ClassElement;
    if (name === "__init__") {
      let body = parts.body;
      const first = fn.body[0];
      const callsSuper = first?.kind === "ExprStmt" && first.value.kind === "Call" && first.value.func.kind === "Attribute" && first.value.func.attr === "__init__";
      if (cls.apiBase && !callsSuper) {
        ctx.error(fn.loc, "unsupportedConstruct", "an __init__ that does not start by calling the base class's __init__", "a TypeScript constructor must call super() first");
      } else if ((cls.bases.length > 0 || cls.builtinBase) && !callsSuper) {
        const baseInit = cls.bases[0] ? ctx.analysis.findMethod(cls.bases[0], "__init__") : undefined;
        if (baseInit) ctx.error(fn.loc, "unsupportedConstruct", "an __init__ that does not start by calling the base class's __init__", "a TypeScript constructor must call super() first");
        // An exception's args are the constructor's arguments, as BaseException.__new__ records them.
        const args = cls.builtinBase ? fn.params.slice(1).filter((p) => p.variety === "positional").map((p) => id(ctx.names.py(p.name))) : [];
        body = f.createBlock([f.createExpressionStatement(call(f.createSuper(), args)), ...body.statements], true);
      }
      member = f.createConstructorDeclaration(undefined, parts.params, body);
    } else if (kind === "property") {
      member = f.createGetAccessorDeclaration(undefined, name, [], parts.returnType, parts.body);
    } else if (kind === "setter") {
      member = f.createSetAccessorDeclaration(undefined, name, parts.params, parts.body);
    } else {
      member = f.createMethodDeclaration(
        kind === "static" || kind === "class" ? [f.createModifier(K.StaticKeyword)] : undefined,
        parts.generator ? f.createToken(K.AsteriskToken) : undefined,
        name,
        undefined,
        undefined,
        parts.params,
        parts.returnType,
        parts.body,
      );
    }
    if (fn.docstring) addDocComment(member, fn.docstring);
    return member;
  }

  /**
   * TS parameters in call order (see `userArgs`): named parameters, then `*args` (a rest parameter, or an
   * array when `**kwargs` follows it), then `**kwargs` as a Map of the extra keyword arguments.
   */
  params(params: readonly A.Param[], scope: Scope, outer: FunctionState, sharedDefaults: ReadonlyMap<string, string> = new Map()): ts.ParameterDeclaration[] {
    const env = this.env(outer);
    const hasKwarg = params.some((p) => p.variety === "kwarg");
    return tsParamOrder(params).map((p) => {
      const t = this.ctx.analysis.bindingType(scope, p.name);
      const name = this.ctx.names.py(p.name);
      if (p.variety === "vararg") {
        const elt = t.k === "vartuple" ? t.elt : { k: "unknown" as const };
        const arrayType = f.createArrayTypeNode(typeNode(this.ctx, elt));
        if (hasKwarg) return f.createParameterDeclaration(undefined, undefined, name, undefined, arrayType, f.createArrayLiteralExpression([]));
        return f.createParameterDeclaration(undefined, f.createToken(K.DotDotDotToken), name, undefined, arrayType);
      }
      if (p.variety === "kwarg") {
        return f.createParameterDeclaration(undefined, undefined, name, undefined, typeNode(this.ctx, t), f.createNewExpression(id("Map"), undefined, []));
      }
      const shared = sharedDefaults.get(p.name);
      const dflt = shared ? id(shared) : p.default ? expr(env, p.default) : undefined;
      return f.createParameterDeclaration(undefined, undefined, name, undefined, typeNode(this.ctx, t), dflt);
    });
  }

  lambda(e: A.Lambda, outerScope: Scope): ts.Expression {
    const mutable = e.params.find((p) => p.default && !isImmutableLiteral(p.default));
    if (mutable) this.ctx.error(mutable.default!.loc, "unsupportedConstruct", "a lambda default that is not a constant", "Python evaluates it once for all calls, TypeScript at each call");
    const scope = this.ctx.analysis.scopes.scopeOf(e);
    const outer: FunctionState = { scope: outerScope, hoisted: new Set(), declared: new Set(), singleAssignment: new Set(), isModule: false, declSite: new Map(), split: new Map(), loopOnly: new Set() };
    const inner: FunctionState = { scope, hoisted: new Set(), declared: new Set(), singleAssignment: new Set(), isModule: false, declSite: new Map(), split: new Map(), loopOnly: new Set() };
    return f.createArrowFunction(undefined, undefined, this.params(e.params, scope, outer), undefined, undefined, paren(expr(this.env(inner), e.body)));
  }
}

function paren(e: ts.Expression): ts.ConciseBody {
  return ts.isObjectLiteralExpression(e) ? f.createParenthesizedExpression(e) : e;
}

// --- helpers ---------------------------------------------------------------------------------------

/** Named parameters first (positional, then keyword-only), then `*args`, then `**kwargs`. */
export function tsParamOrder<P extends { readonly variety: string }>(params: readonly P[]): P[] {
  const rank = (p: P) => (p.variety === "vararg" ? 1 : p.variety === "kwarg" ? 2 : 0);
  return [...params].sort((a, b) => rank(a) - rank(b));
}

/** `*[Symbol.iterator]() { yield* this.__iter__(); }`: a `for … of` over the object iterates as Python's `for` does. */
function iterationProtocol(): ts.ClassElement {
  const member = f.createMethodDeclaration(
    undefined,
    f.createToken(K.AsteriskToken),
    f.createComputedPropertyName(prop(id("Symbol"), "iterator")),
    undefined,
    undefined,
    [],
    undefined,
    f.createBlock([f.createExpressionStatement(f.createYieldExpression(f.createToken(K.AsteriskToken), call(prop(f.createThis(), "__iter__"), [])))], true),
  );
  ts.addSyntheticLeadingComment(member, K.SingleLineCommentTrivia, " for … of iterates what __iter__ returns.", true);
  return member;
}

/** A default that evaluates to the same value at every call: a constant, a tuple of constants, or a name (which
 *  names the same object unless the script rebinds it after the def, which scripts do not do with defaults). */
function isImmutableLiteral(e: A.Expr): boolean {
  switch (e.kind) {
    case "Constant":
    case "Name":
    case "Attribute":
      return true;
    case "UnaryOp":
      return isImmutableLiteral(e.operand);
    case "Tuple":
      return e.elts.every(isImmutableLiteral);
    default:
      return false;
  }
}

function isPrimitiveKey(t: PyType): boolean {
  return t.k === "str" || t.k === "int" || t.k === "bool" || t.k === "float";
}

/** `[]`, `new Map()`, `new Set()`: a declaration needs the element type spelled out. */
function isEmptyContainer(value: ts.Expression): boolean {
  return ts.isArrayLiteralExpression(value) ? value.elements.length === 0 : ts.isNewExpression(value) && (value.arguments?.length ?? 0) === 0 && !value.typeArguments;
}

/** A PyType's shape for deciding whether two values can share one TS variable (int ranges do not matter). */
function shape(t: PyType): string {
  return JSON.stringify(t, (k, v) => (k === "range" || k === "sites" ? undefined : v));
}

function arrayPattern(env: ExprEnv, t: A.Tuple | A.List): ts.ArrayLiteralExpression {
  checkStarredLast(env, t);
  return f.createArrayLiteralExpression(
    t.elts.map((x) =>
      x.kind === "Tuple" || x.kind === "List"
        ? arrayPattern(env, x)
        : x.kind === "Starred"
          ? f.createSpreadElement(expr(env, x.value))
          : expr(env, x),
    ),
  );
}

/** Whether `name` is bound anywhere in the scope other than by the loop `s` (then the loop cannot own it). */
function assignedElsewhere(name: string, s: A.For, scopeNode: unknown): boolean {
  const body = (scopeNode as { body?: readonly A.Stmt[] }).body;
  if (!Array.isArray(body)) return true;
  let found = false;
  const visit = (stmts: readonly A.Stmt[]) => {
    for (const x of stmts) {
      if (x === s) {
        visit(s.body);
        visit(s.orelse);
        continue;
      }
      const names: string[] = [];
      for (const t of stmtTargets(x)) collectNames(t, names);
      if (names.includes(name)) found = true;
      if (x.kind === "FunctionDef" || x.kind === "ClassDef") continue;
      for (const b of childBlocks(x)) visit(b);
    }
  };
  visit(body as readonly A.Stmt[]);
  // A read after the loop sees Python's last value; keep the variable then.
  return found || readOutside(name, s, body as readonly A.Stmt[]);
}

function readOutside(name: string, loop: A.For, body: readonly A.Stmt[]): boolean {
  let seen = false;
  const walk = (node: unknown): void => {
    if (seen || !node || typeof node !== "object") return;
    if (node === loop) return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    const n = node as { kind?: string; id?: string; params?: readonly A.Param[]; name?: string };
    if (n.kind === "Name" && n.id === name) {
      seen = true;
      return;
    }
    // A nested function or class with its own `name` (a parameter or local) does not see ours.
    if ((n.kind === "FunctionDef" || n.kind === "Lambda" || n.kind === "ClassDef") && bindsLocally(n, name)) return;
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && k !== "trivia") walk(v);
  };
  walk(body);
  return seen;
}

function bindsLocally(fn: { params?: readonly A.Param[]; body?: unknown }, name: string): boolean {
  if (fn.params?.some((p) => p.name === name)) return true;
  const body = fn.body;
  if (!Array.isArray(body)) return false;
  const names: string[] = [];
  const visit = (stmts: readonly A.Stmt[]) => {
    for (const s of stmts) {
      for (const t of stmtTargets(s)) collectNames(t, names);
      if (s.kind === "Global" && s.names.includes(name)) names.push(`global:${name}`);
      if (s.kind !== "FunctionDef" && s.kind !== "ClassDef") for (const b of childBlocks(s)) visit(b);
    }
  };
  visit(body as readonly A.Stmt[]);
  return names.includes(name) && !names.includes(`global:${name}`);
}

function containsBreak(s: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBreakStatement(n)) found = true;
    else if (!ts.isIterationStatement(n, false) && !ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(s, visit);
  return found;
}

/** In a loop with `else`, a `break` of that loop also records that the else block must not run. */
function rewriteBreaks(loop: ts.Statement, label: string, flag: string): ts.Statement {
  const transform = (ctx: ts.TransformationContext) => (root: ts.Node) => {
    const visit = (n: ts.Node, depth: number): ts.Node => {
      if (ts.isBreakStatement(n) && depth === 0 && !n.label) {
        return f.createBlock([f.createExpressionStatement(f.createAssignment(id(flag), f.createFalse())), f.createBreakStatement(label)], true);
      }
      if (ts.isFunctionLike(n)) return n;
      const inner = ts.isIterationStatement(n, false) && n !== root ? depth + 1 : depth;
      return ts.visitEachChild(n, (c) => visit(c, inner), ctx);
    };
    return visit(root, 0);
  };
  return ts.transform(loop, [transform]).transformed[0] as ts.Statement;
}

/** Carries Python comments and blank lines over: leading `#` lines, the trailing comment, blank separation. */
export function attachTrivia(nodes: ts.Statement[], trivia: A.Trivia, allowBlank: boolean): void {
  if (nodes.length === 0) {
    if (trivia.leading.length || trivia.trailing) nodes.push(f.createEmptyStatement());
    else return;
  }
  const first = nodes[0]!;
  const comment = (text: string): ts.SynthesizedComment => ({ kind: K.SingleLineCommentTrivia, text, hasTrailingNewLine: true, pos: -1, end: -1 });
  const added = [...(trivia.blankBefore && allowBlank ? [comment(BLANK)] : []), ...trivia.leading.map((c) => comment(` ${c}`))];
  ts.setSyntheticLeadingComments(first, [...added, ...(ts.getSyntheticLeadingComments(first) ?? [])]);
  if (trivia.trailing !== undefined) ts.addSyntheticTrailingComment(nodes.at(-1)!, K.SingleLineCommentTrivia, ` ${trivia.trailing}`, false);
}

/** A marker comment the printer turns into an empty line (the TS printer drops blank lines). */
export const BLANK = "@@py2ts-mp:blank@@";

function withComment(node: ts.Statement, text: string): ts.Statement {
  for (const line of text.split("\n").reverse()) ts.addSyntheticLeadingComment(node, K.SingleLineCommentTrivia, ` ${line}`.trimEnd(), true);
  return node;
}

export function addDocComment(node: ts.Node, doc: string): void {
  const lines = doc.split("\n");
  const body = lines.length === 1 ? `* ${lines[0]} ` : `*\n${lines.map((l) => ` * ${l}`.trimEnd()).join("\n")}\n `;
  ts.addSyntheticLeadingComment(node, K.MultiLineCommentTrivia, body, true);
}

export { str };
