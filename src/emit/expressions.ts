// Python expressions → TypeScript expressions. Operators are type-directed: ints proven safe use JS
// operators, other ints the exact Int helpers; printing passes a type descriptor where a float hides.
// Library calls go through mapper rows (keyword arguments resolved to the runtime's call shape).

import { ts } from "./ts.js";
import type * as A from "../frontend/ast.js";
import type { Scope } from "../analysis/scopes.js";
import type { ApiRow } from "../mapper/index.js";
import { classMember as ctxClassMember, moduleTable, runtimeClass } from "../mapper/index.js";
import { parseSignature } from "../analysis/bindargs.js";
import { containsFloat, descriptor, intRange, isCounter, isIntLike, isNumberLike, isSafeRange, iterElement, optionalOf, type PyType } from "../analysis/types.js";
import { RUNTIME, binary, call, f, id, num, paren, prop, str, type EmitContext } from "./context.js";
import { anyType, typeNode } from "./types.js";

const K = ts.SyntaxKind;

export interface ExprEnv {
  readonly ctx: EmitContext;
  readonly scope: Scope;
  /** Emits a lambda/function body in a nested scope (provided by the statement emitter). */
  readonly lambda: (e: A.Lambda) => ts.Expression;
  /** Variables split into one TS const per value (see StatementEmitter.functionState). */
  readonly split?: Map<string, string[]>;
  readonly selfParam?: string;
  /** The variable holding the exception the enclosing `except` clause handles. */
  readonly handling?: string;
}

export function expr(env: ExprEnv, e: A.Expr): ts.Expression {
  const { ctx } = env;
  switch (e.kind) {
    case "Constant":
      return constant(env, e);
    case "Name":
      return nameRef(env, e);
    case "Attribute":
      return attribute(env, e);
    case "Call":
      return callExpr(env, e);
    case "BinOp":
      return binop(env, e.op, e.left, e.right, ctx.analysis.typeOf(e), e.loc);
    case "UnaryOp":
      return unary(env, e);
    case "BoolOp":
      return boolOp(env, e);
    case "Compare":
      return compare(env, e);
    case "IfExp":
      return f.createConditionalExpression(condition(env, e.test), undefined, expr(env, e.body), undefined, expr(env, e.orelse));
    case "List":
      return f.createArrayLiteralExpression(e.elts.map((x) => element(env, x)));
    case "Tuple":
      return call(ctx.helper("tuple"), e.elts.map((x) => element(env, x)));
    case "Set":
      return f.createNewExpression(id("Set"), undefined, [f.createArrayLiteralExpression(e.elts.map((x) => element(env, x)))]);
    case "Dict":
      return dict(env, e);
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
    case "DictComp":
      return comprehension(env, e);
    case "JoinedStr":
      return fstring(env, e);
    case "FormattedValue":
      return formatted(env, e);
    case "Subscript":
      return subscript(env, e);
    case "Starred":
      // Only calls, literals and assignment targets may unpack (`element`); CPython rejects the rest.
      ctx.error(e.loc, "unsupportedSyntax", "can't use starred expression here");
      return f.createNull();
    case "Lambda":
      return env.lambda(e);
    case "NamedExpr":
      return f.createParenthesizedExpression(f.createAssignment(id(ctx.names.py(e.target.id)), expr(env, e.value)));
    case "Yield":
      return e.from ? f.createYieldExpression(f.createToken(K.AsteriskToken), expr(env, e.value!)) : f.createYieldExpression(undefined, e.value ? expr(env, e.value) : undefined);
    case "Slice":
      ctx.error(e.loc, "unsupportedSyntax", "a slice outside a subscript");
      return f.createNull();
  }
}

function element(env: ExprEnv, e: A.Expr): ts.Expression {
  return e.kind === "Starred" ? (f.createSpreadElement(expr(env, e.value)) as unknown as ts.Expression) : expr(env, e);
}

function constant(env: ExprEnv, e: A.Constant): ts.Expression {
  const v = e.value;
  switch (v.type) {
    case "int":
      if (v.value <= BigInt(Number.MAX_SAFE_INTEGER) && v.value >= -BigInt(Number.MAX_SAFE_INTEGER)) return num(Number(v.value));
      return f.createBigIntLiteral(`${v.value}n`);
    case "float":
      if (v.value === Infinity) return id("Infinity");
      return num(v.value);
    case "str":
      return str(v.value);
    case "bool":
      return v.value ? f.createTrue() : f.createFalse();
    case "None":
      return f.createNull();
    case "bytes":
      return f.createNewExpression(id("Uint8Array"), undefined, [f.createArrayLiteralExpression([...v.value].map((b) => num(b)))]);
    case "complex":
    case "Ellipsis":
      env.ctx.error(e.loc, "unsupportedSyntax", v.type === "complex" ? "complex numbers" : "Ellipsis");
      return f.createNull();
  }
}

function nameRef(env: ExprEnv, e: A.Name): ts.Expression {
  const { ctx } = env;
  const r = ctx.analysis.scopes.resolve(env.scope, e.id);
  if (r.kind === "builtin") {
    if (e.id === "True") return f.createTrue();
    if (e.id === "False") return f.createFalse();
    if (e.id === "None") return f.createNull();
    if (e.id === "__name__") return id("__name__");
    const row = moduleTable("builtins")!.names[e.id];
    if (row && row.kind !== "attr") return ctx.helper(row.ts);
    ctx.error(e.loc, "unsupportedName", e.id);
    return id(ctx.names.py(e.id));
  }
  if (env.selfParam === e.id && r.kind === "local") return f.createThis();
  // A name from `from m import X` used as a value (a constant such as FIRST_COMPLETED, a class passed
  // along): its import must be a value import, not the type-only one a plain annotation needs.
  const imp = ctx.analysis.importOf(env.scope, e.id);
  const row = imp?.kind === "member" ? moduleTable(imp.module)?.names[imp.name] : undefined;
  if (imp?.kind === "member" && row) return moduleMemberRef(env, imp.module, row, ctx.names.py(e.id));
  const versions = env.split?.get(e.id);
  if (versions && r.scope === env.scope) return id(versions[ctx.analysis.versionOf(e) ?? 0]!);
  return id(ctx.names.py(e.id));
}

/** The expression naming a mapped module member: `mp.Pool` through a namespace import, or a named import. */
export function moduleMemberRef(env: ExprEnv, module: string, row: ApiRow, localName?: string): ts.Expression {
  const table = moduleTable(module)!;
  const ns = env.ctx.imports.namespaceOf(table.runtime);
  if (localName) return id(env.ctx.imports.named_(table.runtime, row.ts, { preferLocal: localName }));
  if (ns) return prop(id(ns), row.ts);
  return id(env.ctx.imports.named_(table.runtime, row.ts));
}

/** A function of the script, or one of several (a decorator's `fn`). */
const isFunctionType = (t: PyType): boolean => t.k === "func" || (t.k === "union" && t.types.every((x) => x.k === "func"));

function attribute(env: ExprEnv, e: A.Attribute): ts.Expression {
  const { ctx } = env;
  const base = ctx.analysis.typeOf(e.value);
  if (isFunctionType(base) && e.attr === "__name__") return prop(expr(env, e.value), "name");
  if (base.k === "module" && ctx.localModule(base.name)) {
    const sub = ctx.localModule(`${base.name}.${e.attr}`);
    if (sub) return id(ctx.imports.namespaceOf(sub)!);
    return prop(expr(env, e.value), ctx.names.py(e.attr));
  }
  if (base.k === "module") {
    const sub = moduleTable(`${base.name}.${e.attr}`);
    if (sub) return id(ctx.imports.namespaceOf(sub.runtime) ?? sub.python.replace(/\./g, "_"));
    const table = moduleTable(base.name);
    const row = table?.names[e.attr];
    if (!row) {
      ctx.error(e.loc, "unsupportedName", `${base.name}.${e.attr}`);
      return prop(expr(env, e.value), e.attr);
    }
    return moduleMemberRef(env, base.name, row);
  }
  if (base.k === "instance") {
    const cls = ctx.analysis.classById(base.id)!;
    const api = ctx.analysis.apiBaseOf(cls);
    const row = api && !ctx.analysis.findMethod(cls, e.attr) ? ctxClassMember(api.cls, e.attr) : undefined;
    if (row?.kind === "attr") return prop(expr(env, e.value), row.ts);
    // A class attribute read through an instance (and never set on one) lives on the class.
    if (!ctx.analysis.findMethod(cls, e.attr) && !ctx.analysis.instanceAttributes(cls).has(e.attr) && cls.scope.locals.has(e.attr)) {
      return prop(id(ctx.names.py(cls.node.name)), e.attr);
    }
  }
  if (base.k === "object") {
    const row = ctxClassMember(base.cls, e.attr);
    if (row?.kind === "attr") return prop(expr(env, e.value), row.ts);
    if (!row && !runtimeClass(base.cls)?.row.dynamicAttributes) ctx.error(e.loc, "unsupportedName", `${base.cls}.${e.attr}`);
  }
  return prop(expr(env, e.value), e.attr);
}


// --- calls -----------------------------------------------------------------------------------------

function callExpr(env: ExprEnv, e: A.Call): ts.Expression {
  const { ctx } = env;
  const callee = ctx.analysis.calleeOf(e);
  switch (callee.kind) {
    case "print":
      return printCall(env, e.args, e.keywords);
    case "user": {
      const skipSelf = callee.method === true && ctx.analysis.isStatic(callee.fn) !== "static";
      return call(expr(env, e.func), userArgs(env, e, skipSelf ? callee.fn.params.slice(1) : callee.fn.params));
    }
    case "userClass": {
      const info = ctx.analysis.classInfo(callee.cls);
      const init = ctx.analysis.findMethod(info, "__init__");
      if (!init && ctx.analysis.apiBaseOf(info) && (e.args.length > 0 || e.keywords.length > 0)) {
        ctx.error(e.loc, "unsupportedConstruct", "arguments to a Process subclass without an __init__", "give the class an __init__ that passes them to super().__init__()");
      }
      // Without an __init__ of the script's, the arguments go to the builtin base (an exception's args).
      return f.createNewExpression(expr(env, e.func), undefined, init ? userArgs(env, e, init.fn.params.slice(1)) : e.args.map((a) => element(env, a)));
    }
    case "super": {
      const args = userArgs(env, e, callee.fn.params.slice(1));
      if (callee.fn.name === "__init__") return call(f.createSuper(), args);
      return call(prop(f.createSuper(), (e.func as A.Attribute).attr), args);
    }
    case "api":
      if (callee.superInit) return apiSuperInit(env, e, callee.row);
      return apiCall(env, e, callee.row, callee.qualified, callee.self);
    case "forward": {
      // `fn(*args, **kwargs)` in a decorator's wrapper: the arguments arrive already positional.
      const args = e.args[0] as A.Starred;
      return call(expr(env, e.func), [f.createSpreadElement(expr(env, args.value))]);
    }
    default:
      if (e.keywords.length > 0) ctx.error(e.loc, "unsupportedCall", "a call with keyword arguments", "the callee is not known statically");
      return call(expr(env, e.func), e.args.map((a) => element(env, a)));
  }
}

/** Calls that consume an iterable argument completely before doing anything else (no short-circuit). */
const CONSUMES_WHOLE = new Set(["builtins.sum", "builtins.list", "builtins.sorted", "builtins.set", "builtins.min", "builtins.max", "str.join"]);

const MUTABLE: ReadonlySet<PyType["k"]> = new Set(["list", "dict", "set", "instance"]);

/**
 * Threads run on worker threads, which do not share the heap with the main thread: a target that changes
 * module state, or receives a mutable container to fill, would silently differ. Those are located errors;
 * shared objects (queues, locks, Values) and immutable arguments are fine.
 */
function checkThreadTarget(env: ExprEnv, call: A.Call, what: string, target: A.Expr | undefined, argTypes: readonly PyType[]): void {
  const { ctx } = env;
  const why = (reason: string) => ctx.error(call.loc, "unsupportedConstruct", what, reason);
  const t = target ? ctx.analysis.typeOf(target) : undefined;
  const fn = t?.k === "func" ? ctx.analysis.functionById(t.id) : undefined;
  if (fn) {
    if (fn.scope.declaredGlobal.size > 0) return why(`its target assigns module globals (${[...fn.scope.declaredGlobal].join(", ")}), and threads here do not share the main thread's heap`);
    const module = ctx.analysis.scopes.module;
    for (const name of fn.scope.freeReads) {
      if (ctx.analysis.scopes.resolve(fn.scope, name).kind !== "global") continue;
      if (MUTABLE.has(ctx.analysis.bindingType(module, name).k)) return why(`its target uses the mutable global '${name}', and threads here do not share the main thread's heap`);
    }
  }
  if (argTypes.some((a) => MUTABLE.has(a.k))) {
    why("an argument is a mutable container the thread would fill in a copy (threads here do not share the heap); pass a queue.Queue instead");
  }
}

/**
 * ThreadPoolExecutor tasks run on pool workers and travel there pickled, by name: besides the thread rules,
 * the function must be a module-level def (CPython's threads also run lambdas and closures).
 */
function checkThreadTask(env: ExprEnv, call: A.Call, fnArg: A.Expr | undefined, argTypes: readonly PyType[]): void {
  const t = fnArg ? env.ctx.analysis.typeOf(fnArg) : undefined;
  const fn = t?.k === "func" ? env.ctx.analysis.functionById(t.id) : undefined;
  if (fn && (fn.node.kind !== "FunctionDef" || fn.scope.parent?.kind !== "module")) {
    env.ctx.error(call.loc, "unsupportedConstruct", "this ThreadPoolExecutor task", "its function is not a module-level def, and tasks here reach their thread pickled by name");
    return;
  }
  checkThreadTarget(env, call, "this ThreadPoolExecutor task", fnArg, argTypes);
}

/** A call's arguments in the callee's parameter order, keywords resolved (absent ones as undefined). */
function userArgs(env: ExprEnv, e: A.Call, params: readonly A.Param[]): ts.Expression[] {
  const bound = env.ctx.analysis.boundArgsOf(e);
  if (!bound) return e.args.map((a) => element(env, a));
  // In the order `params()` declares them: named parameters, *args, **kwargs.
  const args: ts.Expression[] = params
    .filter((p) => p.variety === "positional" || p.variety === "kwonly")
    .map((p) => {
      const a = bound.byParam.get(p.name);
      return a ? expr(env, a) : id("undefined");
    });
  const hasKwarg = params.some((p) => p.variety === "kwarg");
  const extras = [...bound.kwargs].map(([k, v]) => f.createArrayLiteralExpression([str(k), expr(env, v)]));
  const varargs = bound.varargs?.values.map((v) => expr(env, v)) ?? [];
  const tail: ts.Expression[] = [];
  if (hasKwarg) {
    const hasVararg = params.some((p) => p.variety === "vararg");
    if (hasVararg && (varargs.length || extras.length)) tail.push(f.createArrayLiteralExpression(varargs));
    if (extras.length) tail.push(f.createNewExpression(id("Map"), undefined, [f.createArrayLiteralExpression(extras)]));
  } else tail.push(...varargs);
  if (tail.length === 0) while (args.length && ts.isIdentifier(args.at(-1)!) && (args.at(-1) as ts.Identifier).text === "undefined") args.pop();
  return [...args, ...tail];
}

/** A library call's arguments in the runtime's shape: leading positionals, then one options object. */
function apiArgs(env: ExprEnv, e: A.Call, row: ApiRow): ts.Expression[] | undefined {
  const bound = env.ctx.analysis.boundArgsOf(e);
  if (!bound) return undefined;
  const params = parseSignature(row.params);
  const positionalCount = row.positional ?? params.length;
  const positional: ts.Expression[] = [];
  const options: ts.ObjectLiteralElementLike[] = [];
  params.forEach((p, i) => {
    if (p.variety === "vararg") {
      if (i < positionalCount) positional.push(...(bound.varargs?.values ?? []).map((v) => element(env, v)));
      return;
    }
    const a = bound.byParam.get(p.name);
    const value = a ? argValue(env, a, row.argLists?.includes(p.name) ?? false) : undefined;
    if (i < positionalCount && p.variety === "positional") positional.push(value ?? id("undefined"));
    else if (value) options.push(f.createPropertyAssignment(p.name, value));
  });
  if (row.handledException && env.handling) options.push(f.createPropertyAssignment(row.handledException, id(env.handling)));
  const described = row.describes ? bound.byParam.get(row.describes) : undefined;
  const describedType = described && env.ctx.analysis.typeOf(described);
  if (describedType && containsFloat(describedType)) options.push(f.createPropertyAssignment("type", str(descriptor(describedType))));
  // Omitted trailing positionals are dropped, unless the options object must come after them.
  if (options.length) positional.push(f.createObjectLiteralExpression(options, false));
  else while (positional.length && ts.isIdentifier(positional.at(-1)!) && (positional.at(-1) as ts.Identifier).text === "undefined") positional.pop();
  return positional;
}

/** `super().__init__(…)` in a subclass of a library class: `super(…)` with the class's own arguments. */
function apiSuperInit(env: ExprEnv, e: A.Call, row: ApiRow): ts.Expression {
  return call(f.createSuper(), apiArgs(env, e, row) ?? []);
}

function apiCall(env: ExprEnv, e: A.Call, row: ApiRow, qualified: string, self: A.Expr | undefined): ts.Expression {
  const { ctx } = env;
  const bound = ctx.analysis.boundArgsOf(e);
  if (!bound) return f.createNull();
  if (qualified === "threading.Thread") {
    const args = bound.byParam.get("args");
    const argTypes = args ? ctx.analysis.typeOf(args) : undefined;
    checkThreadTarget(env, e, "this threading.Thread", bound.byParam.get("target"), argTypes?.k === "tuple" ? argTypes.elts : []);
  }
  if (qualified === "ThreadExecutor.submit" || qualified === "ThreadExecutor.map") {
    const values = (bound.varargs?.values ?? []).map((v) => ctx.analysis.typeOf(v));
    checkThreadTask(env, e, bound.byParam.get("fn"), qualified.endsWith("map") ? values.map(iterElement) : values);
  }
  if (CONSUMES_WHOLE.has(qualified)) for (const a of e.args) if (a.kind === "GeneratorExp") ctx.eagerGenerators.add(a);
  const positional = apiArgs(env, e, row)!;

  const module = qualified.slice(0, qualified.lastIndexOf("."));
  let target: ts.Expression;
  if (self && row.kind === "helper") return call(ctx.helper(row.ts), [receiver(env, self, qualified), ...positional]);
  if (self) target = prop(receiver(env, self, qualified), row.ts);
  else if (e.func.kind === "Name" && module !== "builtins") {
    target = moduleMemberRef(env, module, row, ctx.names.py(e.func.id));
  } else if (e.func.kind === "Attribute") target = moduleMemberRef(env, module, row);
  else target = ctx.helper(row.ts);

  if (row.kind === "attr") return target;
  if (row.kind === "new") return f.createNewExpression(target, typeArgs(env, e), positional);
  return call(target, positional);
}

/** The object a method is called on; one that may be None is checked first (AttributeError, as in Python). */
function receiver(env: ExprEnv, self: A.Expr, qualified: string): ts.Expression {
  const x = expr(env, self);
  if (!optionalOf(env.ctx.analysis.typeOf(self))) return x;
  return call(env.ctx.helper("notNone"), [x, str(qualified.slice(qualified.lastIndexOf(".") + 1))]);
}

/** `new mp.Queue<Int>()`: a generic runtime class gets the element type the analysis learned. */
function typeArgs(env: ExprEnv, e: A.Call): ts.TypeNode[] | undefined {
  const t = env.ctx.analysis.typeOf(e);
  if (t.k !== "object" || !runtimeClass(t.cls)?.row.learnsElement) return undefined;
  return [t.elt ? typeNode(env.ctx, t.elt) : anyType()];
}

/** Arguments that are argument lists (`args=(1, 2)`) become plain arrays. */
function argValue(env: ExprEnv, a: A.Expr, isArgList: boolean): ts.Expression {
  if (isArgList && a.kind === "Tuple") return f.createArrayLiteralExpression(a.elts.map((x) => element(env, x)));
  return expr(env, a);
}

/** print(*values, sep=' ', end='\n', file=sys.stdout, flush=False) */
export function printCall(env: ExprEnv, args: readonly A.Expr[], keywords: readonly A.Keyword[]): ts.Expression {
  const values = args.map((a) => printable(env, a));
  const options: ts.ObjectLiteralElementLike[] = [];
  for (const k of keywords) {
    if (!k.name || !["sep", "end", "file", "flush"].includes(k.name)) {
      env.ctx.error(k.loc, "badArguments", `print() got an unexpected keyword argument '${k.name ?? "**"}'`);
      continue;
    }
    options.push(f.createPropertyAssignment(k.name, expr(env, k.value)));
  }
  if (options.length === 0) return call(env.ctx.helper("print"), values);
  return call(env.ctx.helper("printWith"), [f.createObjectLiteralExpression(options, false), ...values]);
}

/** A value about to be printed: floats (and containers of floats) carry a descriptor so 3.0 prints as 3.0. */
export function printable(env: ExprEnv, a: A.Expr): ts.Expression {
  const t = env.ctx.analysis.typeOf(a);
  const e = element(env, a);
  if (containsFloat(t)) return call(env.ctx.helper("str"), [e, str(descriptor(t))]);
  return e;
}

// --- operators -------------------------------------------------------------------------------------

const NATIVE: Partial<Record<A.BinaryOperator, ts.BinaryOperator>> = {
  "+": K.PlusToken,
  "-": K.MinusToken,
  "*": K.AsteriskToken,
  "**": K.AsteriskAsteriskToken,
  "<<": K.LessThanLessThanToken,
  ">>": K.GreaterThanGreaterThanToken,
  "&": K.AmpersandToken,
  "|": K.BarToken,
  "^": K.CaretToken,
};

const INT_HELPER: Record<A.BinaryOperator, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow",
  "<<": "lshift",
  ">>": "rshift",
  "&": "bitand",
  "|": "bitor",
  "^": "bitxor",
  "@": "matmul",
};

const INT32 = { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
const within = (r: { lo: number; hi: number }, b: { lo: number; hi: number }) => r.lo >= b.lo && r.hi <= b.hi;
const excludesZero = (t: PyType) => {
  const r = intRange(t);
  return r ? r.lo > 0 || r.hi < 0 : false;
};

export function binop(env: ExprEnv, op: A.BinaryOperator, left: A.Expr, right: A.Expr, result: PyType, loc: A.Loc): ts.Expression {
  const { ctx } = env;
  const lt = ctx.analysis.typeOf(left);
  const rt = ctx.analysis.typeOf(right);
  const l = expr(env, left);
  const r = expr(env, right);
  const lr = intRange(lt);
  const rr = intRange(rt);
  const helper = (name: string) => call(ctx.helper(name), [l, r]);

  if (lr && rr) {
    const res = intRange(result);
    const safe = isSafeRange(lr) && isSafeRange(rr) && (res ? isSafeRange(res) : false);
    switch (op) {
      case "+":
      case "-":
      case "*":
        return safe ? binary(l, NATIVE[op]!, r) : helper(INT_HELPER[op]);
      case "**":
        return safe && rr.lo >= 0 ? binary(l, K.AsteriskAsteriskToken, r) : helper("pow");
      case "//":
        return safe && excludesZero(rt) ? call(prop(id("Math"), "floor"), [binary(l, K.SlashToken, r)]) : helper("floordiv");
      case "/":
        if (ctx.analysis.classicDivision) return safe && excludesZero(rt) ? call(prop(id("Math"), "floor"), [binary(l, K.SlashToken, r)]) : helper("floordiv");
        return isSafeRange(lr) && isSafeRange(rr) && excludesZero(rt) ? binary(l, K.SlashToken, r) : helper("truediv");
      case "%":
        return safe && lr.lo >= 0 && rr.lo > 0 ? binary(l, K.PercentToken, r) : helper("mod");
      case "<<":
      case ">>":
      case "&":
      case "|":
      case "^":
        return within(lr, INT32) && within(rr, { lo: 0, hi: 31 }) && res && within(res, INT32) ? binary(l, NATIVE[op]!, r) : helper(INT_HELPER[op]);
      default:
        break;
    }
  }
  if (isNumberLike(lt) && isNumberLike(rt)) {
    switch (op) {
      case "+":
      case "-":
      case "*":
        return binary(l, NATIVE[op]!, r);
      case "/":
        return excludesZero(rt) ? binary(l, K.SlashToken, r) : helper("truediv");
      case "**":
        return binary(l, K.AsteriskAsteriskToken, r);
      case "//":
        return helper("floordiv");
      case "%":
        return helper("mod");
      default:
        break;
    }
  }
  if (lt.k === "str" && op === "+" && rt.k === "str") return binary(l, K.PlusToken, r);
  if (lt.k === "str" && op === "%") {
    const args = right.kind === "Tuple" ? call(ctx.helper("tuple"), right.elts.map((x) => printable(env, x))) : printable(env, right);
    return call(ctx.helper("percentFormat"), [l, args]);
  }
  if (op === "*" && (lt.k === "str" || lt.k === "bytes") && isIntLike(rt)) return call(ctx.helper("repeat"), [l, r]);
  if (lt.k === "bytes" && op === "+" && rt.k === "bytes") return call(ctx.helper("bytesConcat"), [l, r]);
  if (lt.k === "list" && op === "+" && rt.k === "list") return f.createArrayLiteralExpression([f.createSpreadElement(l), f.createSpreadElement(r)]);
  if (op === "*" && (lt.k === "list" || lt.k === "tuple") && isIntLike(rt)) return call(ctx.helper("repeat"), [l, r]);
  if (isCounter(lt) && isCounter(rt) && (op === "+" || op === "-")) return call(prop(l, op === "+" ? "__add__" : "__sub__"), [r]);
  const dunder = DUNDER[op];
  if (lt.k === "object" && dunder && runtimeClass(lt.cls)?.row.operators?.[op]?.(rt)) return call(prop(l, dunder), [r]);
  ctx.error(loc, "unsupportedConstruct", `the operator ${op}`, `the operand types (${describe(lt)} ${op} ${describe(rt)}) are not known statically`);
  return helper(INT_HELPER[op]);
}

/** The method a runtime class defines a binary operator with. */
const DUNDER: Partial<Record<A.BinaryOperator, string>> = { "+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "//": "__floordiv__", "%": "__mod__" };

function describe(t: PyType): string {
  return t.k === "object" ? t.cls : t.k === "union" ? t.types.map(describe).join(" | ") : t.k;
}

function unary(env: ExprEnv, e: A.UnaryOp): ts.Expression {
  const { ctx } = env;
  if (e.op === "not") return f.createPrefixUnaryExpression(K.ExclamationToken, paren(condition(env, e.operand)));
  const t = ctx.analysis.typeOf(e.operand);
  const operand = expr(env, e.operand);
  const r = intRange(t);
  if (e.op === "-") {
    if (r && !isSafeRange(r)) return call(ctx.helper("neg"), [operand]);
    if (t.k === "object") {
      if (runtimeClass(t.cls)?.row.operators?.neg) return call(prop(operand, "__neg__"), []);
      ctx.error(e.loc, "unsupportedConstruct", "the operator -", `${t.cls} has no negation`);
    }
    return f.createPrefixUnaryExpression(K.MinusToken, paren(operand));
  }
  if (e.op === "+") return operand;
  if (r && within(r, INT32)) return f.createPrefixUnaryExpression(K.TildeToken, paren(operand));
  return call(ctx.helper("invert"), [operand]);
}

function boolOp(env: ExprEnv, e: A.BoolOp): ts.Expression {
  const types = e.values.map((v) => env.ctx.analysis.typeOf(v));
  const op = e.op === "and" ? K.AmpersandAmpersandToken : K.BarBarToken;
  if (types.every((t) => t.k === "bool")) {
    return e.values.map((v) => expr(env, v)).reduce((a, b) => binary(a, op, b));
  }
  // Python's `a or b` yields an operand, chosen by Python truthiness (an empty list is false).
  const helper = env.ctx.helper(e.op === "and" ? "andThen" : "orElse");
  return e.values
    .map((v) => expr(env, v))
    .reduce((a, b) => call(helper, [a, f.createArrowFunction(undefined, undefined, [], undefined, undefined, b)]));
}

const CMP: Partial<Record<A.CompareOperator, ts.BinaryOperator>> = {
  "<": K.LessThanToken,
  "<=": K.LessThanEqualsToken,
  ">": K.GreaterThanToken,
  ">=": K.GreaterThanEqualsToken,
};

const isPrimitive = (t: PyType) => ["int", "float", "bool", "str", "None"].includes(t.k);

function compare(env: ExprEnv, e: A.Compare): ts.Expression {
  const parts: ts.Expression[] = [];
  let left = e.left;
  e.ops.forEach((op, i) => {
    const right = e.comparators[i]!;
    parts.push(compareOne(env, op, left, right));
    left = right;
  });
  return parts.reduce((a, b) => binary(a, K.AmpersandAmpersandToken, b));
}

function compareOne(env: ExprEnv, op: A.CompareOperator, left: A.Expr, right: A.Expr): ts.Expression {
  const { ctx } = env;
  const lt = ctx.analysis.typeOf(left);
  const rt = ctx.analysis.typeOf(right);
  const l = expr(env, left);
  const r = expr(env, right);
  switch (op) {
    case "==":
    case "!=": {
      const eq = isPrimitive(lt) && isPrimitive(rt);
      if (eq) return binary(l, op === "==" ? K.EqualsEqualsEqualsToken : K.ExclamationEqualsEqualsToken, r);
      const c = call(ctx.helper("eq"), [l, r]);
      return op === "==" ? c : f.createPrefixUnaryExpression(K.ExclamationToken, c);
    }
    case "is":
      return binary(l, K.EqualsEqualsEqualsToken, r);
    case "is not":
      return binary(l, K.ExclamationEqualsEqualsToken, r);
    case "in":
    case "not in": {
      const c = call(ctx.helper("contains"), [r, l]);
      return op === "in" ? c : f.createPrefixUnaryExpression(K.ExclamationToken, c);
    }
    default: {
      if ((isIntLike(lt) || lt.k === "float") && (isIntLike(rt) || rt.k === "float")) return binary(l, CMP[op]!, r);
      if (lt.k === "str" && rt.k === "str") return binary(l, CMP[op]!, r);
      const c = call(ctx.helper("compare"), [l, r]);
      return binary(c, CMP[op]!, num(0));
    }
  }
}

/** A Python truth test as a TS boolean expression. */
export function condition(env: ExprEnv, e: A.Expr): ts.Expression {
  return truthTest(env, expr(env, e), env.ctx.analysis.typeOf(e), e.kind === "Name");
}

/** Types whose truth test is a plain comparison, which TS narrows on. */
const COMPARED: ReadonlySet<PyType["k"]> = new Set(["bool", "float", "str", "list"]);

/** `x` tested for truth; `isName` says x may be evaluated twice. */
function truthTest(env: ExprEnv, x: ts.Expression, t: PyType, isName: boolean): ts.Expression {
  switch (t.k) {
    case "bool":
      return x;
    case "int":
      return isSafeRange(t.range) ? binary(x, K.ExclamationEqualsEqualsToken, num(0)) : call(env.ctx.helper("truthy"), [x]);
    case "float":
      return binary(x, K.ExclamationEqualsEqualsToken, num(0));
    case "str":
      return binary(x, K.ExclamationEqualsEqualsToken, str(""));
    case "list":
      return binary(prop(x, "length"), K.GreaterThanToken, num(0));
    case "None":
      return f.createFalse();
    case "union": {
      // `X | None` (a re.match result): the None test comes first, so TS narrows the name for the body.
      const rest = t.types.filter((m) => m.k !== "None");
      const only = rest.length === 1 && rest.length < t.types.length ? rest[0]! : undefined;
      if (!isName || !only) return call(env.ctx.helper("truthy"), [x]);
      const notNone = binary(x, K.ExclamationEqualsEqualsToken, f.createNull());
      if (only.k === "object" && runtimeClass(only.cls)?.row.alwaysTrue) return notNone;
      if (COMPARED.has(only.k) || (only.k === "int" && isSafeRange(only.range))) {
        return binary(notNone, K.AmpersandAmpersandToken, truthTest(env, x, only, isName));
      }
      return call(env.ctx.helper("truthy"), [x]);
    }
    default:
      return call(env.ctx.helper("truthy"), [x]);
  }
}

// --- containers, comprehensions, strings ---------------------------------------------------------

function dict(env: ExprEnv, e: A.Dict): ts.Expression {
  const entries = e.items.map((item) =>
    item.key
      ? f.createArrayLiteralExpression([expr(env, item.key), expr(env, item.value)])
      : (f.createSpreadElement(call(prop(expr(env, item.value), "entries"), [])) as unknown as ts.Expression),
  );
  // An empty dict gets its element types from the declaration it initializes; mixed keys or values
  // (`{"count": 4, "levels": {...}}`) are spelled out, since TS infers a Map's types from the first entry.
  const t = env.ctx.analysis.typeOf(e);
  const mixed = entries.length > 0 && t.k === "dict" && (t.key.k === "union" || t.value.k === "union");
  const typeArgs = mixed ? [typeNode(env.ctx, t.key), typeNode(env.ctx, t.value)] : undefined;
  return f.createNewExpression(id("Map"), typeArgs, entries.length ? [f.createArrayLiteralExpression(entries)] : []);
}

function comprehension(env: ExprEnv, e: A.ListComp | A.SetComp | A.GeneratorExp | A.DictComp): ts.Expression {
  const { ctx } = env;
  const inner: ExprEnv = { ...env, scope: ctx.analysis.scopes.scopeOf(e) };
  // One generator without conditions over a list or range: Array.from(iterable, (x) => elt).
  const g0 = e.generators[0]!;
  const body: ts.Expression =
    e.kind === "DictComp" ? f.createArrayLiteralExpression([expr(inner, e.key), expr(inner, e.value)]) : expr(inner, e.elt);
  // A generator consumed whole right away (sum, join, sorted, …) is built as an array: same values, same
  // order, without the generator protocol's cost.
  const eager = e.kind === "GeneratorExp" && ctx.eagerGenerators.has(e);
  if (e.generators.length === 1 && g0.ifs.length === 0 && (e.kind !== "GeneratorExp" || eager)) {
    const mapped = call(prop(id("Array"), "from"), [
      iterable(env, g0.iter),
      f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, target(inner, g0.target))], undefined, undefined, body),
    ]);
    if (e.kind === "ListComp" || eager) return mapped;
    return f.createNewExpression(id(e.kind === "SetComp" ? "Set" : "Map"), undefined, [mapped]);
  }
  // General case: a generator function that loops exactly as Python's comprehension does.
  let stmt: ts.Statement = f.createExpressionStatement(f.createYieldExpression(undefined, body));
  for (let i = e.generators.length - 1; i >= 0; i--) {
    const g = e.generators[i]!;
    for (let j = g.ifs.length - 1; j >= 0; j--) stmt = f.createIfStatement(condition(inner, g.ifs[j]!), stmt);
    stmt = f.createForOfStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(target(inner, g.target))], ts.NodeFlags.Const),
      iterable(i === 0 ? env : inner, g.iter),
      f.createBlock([stmt], true),
    );
  }
  const gen = call(
    f.createParenthesizedExpression(
      f.createFunctionExpression(undefined, f.createToken(K.AsteriskToken), undefined, undefined, [], undefined, f.createBlock([stmt], true)),
    ),
    [],
  );
  if (e.kind === "GeneratorExp") return gen;
  if (e.kind === "ListComp") return f.createArrayLiteralExpression([f.createSpreadElement(gen)]);
  return f.createNewExpression(id(e.kind === "SetComp" ? "Set" : "Map"), undefined, [gen]);
}

/** What a Python `for` iterates: a dict's keys (a Map iterates entries), otherwise the value itself. */
export function iterable(env: ExprEnv, e: A.Expr): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  const x = expr(env, e);
  if (t.k === "dict") return call(prop(x, "keys"), []);
  if (t.k === "unknown" || t.k === "union") return call(env.ctx.helper("pyIter"), [x]);
  return x;
}

/** A binding target in a parameter or for-of position: a name or a (nested) array pattern. */
export function target(env: ExprEnv, t: A.Expr): ts.BindingName {
  if (t.kind === "Name") return id(env.ctx.names.py(t.id));
  if (t.kind === "Tuple" || t.kind === "List") {
    return f.createArrayBindingPattern(
      t.elts.map((x) =>
        x.kind === "Starred"
          ? f.createBindingElement(f.createToken(K.DotDotDotToken), undefined, target(env, x.value))
          : f.createBindingElement(undefined, undefined, target(env, x)),
      ),
    );
  }
  env.ctx.error(t.loc, "unsupportedSyntax", "this assignment target in a loop or comprehension");
  return id("_");
}

function fstring(env: ExprEnv, e: A.JoinedStr): ts.Expression {
  const parts = e.values;
  if (parts.every((p) => p.kind === "Constant")) return str(parts.map((p) => (p as A.Constant).value.type === "str" ? ((p as A.Constant).value as { value: string }).value : "").join(""));
  let head = "";
  const spans: { e: ts.Expression; text: string }[] = [];
  for (const p of parts) {
    if (p.kind === "Constant") {
      const text = p.value.type === "str" ? p.value.value : "";
      if (spans.length === 0) head += text;
      else spans[spans.length - 1]!.text += text;
    } else {
      if (p.selfDoc) {
        if (spans.length === 0) head += p.selfDoc;
        else spans[spans.length - 1]!.text += p.selfDoc;
      }
      spans.push({ e: formatted(env, p), text: "" });
    }
  }
  return f.createTemplateExpression(
    f.createTemplateHead(head),
    spans.map((s, i) => f.createTemplateSpan(s.e, i === spans.length - 1 ? f.createTemplateTail(s.text) : f.createTemplateMiddle(s.text))),
  );
}

/** One f-string field: ints and strs interpolate as they are; other values go through str/repr/format. */
function formatted(env: ExprEnv, p: A.FormattedValue): ts.Expression {
  const { ctx } = env;
  const t = ctx.analysis.typeOf(p.value);
  const v = expr(env, p.value);
  const desc = containsFloat(t) ? [str(descriptor(t))] : [];
  if (p.spec) {
    const spec = p.spec.values.every((x) => x.kind === "Constant") ? str(p.spec.values.map((x) => ((x as A.Constant).value as { value: string }).value).join("")) : fstring(env, p.spec);
    const value = p.conversion ? call(ctx.helper(p.conversion === "s" ? "str" : "repr"), [v, ...desc]) : v;
    return call(ctx.helper("format"), [value, spec, ...(p.conversion ? [] : desc)]);
  }
  if (p.conversion === "r" || p.conversion === "a") return call(ctx.helper("repr"), [v, ...desc]);
  if (t.k === "str" || t.k === "int") return v;
  return call(ctx.helper("str"), [v, ...desc]);
}

function subscript(env: ExprEnv, e: A.Subscript): ts.Expression {
  const { ctx } = env;
  const base = ctx.analysis.typeOf(e.value);
  const v = expr(env, e.value);
  if (e.index.kind === "Slice") {
    const bounds = sliceArgs(env, e.index);
    if (base.k === "object" && base.cls === "Array") return call(prop(v, "getSlice"), bounds);
    return call(ctx.helper("slice"), [v, ...bounds]);
  }
  const index = expr(env, e.index);
  if (base.k === "object" && base.cls === "Array") return call(prop(v, "get"), [index]);
  if (base.k === "tuple" && e.index.kind === "Constant" && e.index.value.type === "int" && e.index.value.value >= 0n) {
    return f.createElementAccessExpression(v, index);
  }
  return call(ctx.helper("getItem"), [v, index]);
}

/** `lo, hi[, step]` of a slice, null where Python leaves a bound out. */
export function sliceArgs(env: ExprEnv, s: A.Slice): ts.Expression[] {
  const part = (x?: A.Expr) => (x ? expr(env, x) : f.createNull());
  return [part(s.lower), part(s.upper), ...(s.step ? [expr(env, s.step)] : [])];
}

export { RUNTIME };
