// Python expressions → TypeScript expressions. Operators are type-directed: ints proven safe use JS
// operators, other ints the exact Int helpers; printing passes a type descriptor where a float hides.
// Library calls go through mapper rows (keyword arguments resolved to the runtime's call shape).

import { ts } from "./ts.js";
import type * as A from "../frontend/ast.js";
import type { Scope } from "../analysis/scopes.js";
import type { ClassInfo } from "../analysis/analyze.js";
import type { ApiRow } from "../mapper/index.js";
import { classMember as ctxClassMember, moduleTable, runtimeClass, typeClass } from "../mapper/index.js";
import { keywordValuesType, parseSignature } from "../analysis/bindargs.js";
import { BUILTIN_TYPE_KINDS } from "../analysis/analyze.js";
import { T, containsFloat, descriptor, intRange, isCounter, isIntLike, isNumberLike, isSafeRange, iterElement, optionalOf, type PyType } from "../analysis/types.js";
import { RUNTIME, binary, call, f, id, num, paren, prop, str, type EmitContext } from "./context.js";
import { anyType, namedTupleTypeArgs, typeNode } from "./types.js";
import { NAMED_TUPLE_TYPE, bindFields, isNamedTuple, namedTupleShape } from "../analysis/namedtuple.js";

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
    case "IfExp": {
      const t = ctx.analysis.typeOf(e);
      return f.createConditionalExpression(condition(env, e.test), undefined, exprAs(env, e.body, t), undefined, exprAs(env, e.orelse, t));
    }
    case "List":
    case "Tuple":
    case "Set":
      return exprAs(env, e, ctx.analysis.typeOf(e));
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

function element(env: ExprEnv, e: A.Expr, slot?: PyType): ts.Expression {
  if (e.kind === "Starred") return f.createSpreadElement(expr(env, e.value)) as unknown as ts.Expression;
  return slot ? exprAs(env, e, slot) : expr(env, e);
}

/** Whether a value of this type may be an int or a float: there an integral float is boxed (float.ts). */
export function mixesIntAndFloat(t: PyType): boolean {
  return t.k === "unknown" || (t.k === "union" && t.types.some(isIntLike) && t.types.some((m) => m.k === "float"));
}

/**
 * `e` emitted for a place (a variable, a parameter, a return value, a list element) of type `slot`. A float
 * going where an int may be too is boxed when integral, so that `x = 1` … `x = x * 2.0` still prints 2.0;
 * a list, tuple or set literal passes its elements' places on.
 */
export function exprAs(env: ExprEnv, e: A.Expr, slot: PyType): ts.Expression {
  const { ctx } = env;
  const integralLiteral = e.kind !== "Constant" || (e.value.type === "float" && Number.isInteger(e.value.value));
  if (ctx.analysis.typeOf(e).k === "float" && integralLiteral && mixesIntAndFloat(slot)) return call(ctx.helper("asFloat"), [expr(env, e)]);
  // A place of a union type (`{"b": [1, 2.0], "a": "x"}`'s values) passes on its member of the literal's kind,
  // else the literal's own type.
  const own = ctx.analysis.typeOf(e);
  const place = <K extends PyType["k"]>(k: K) =>
    (slot.k === k ? slot : slot.k === "union" ? slot.types.find((m) => m.k === k) : own.k === k ? own : undefined) as Extract<PyType, { k: K }> | undefined;
  switch (e.kind) {
    case "List":
      return f.createArrayLiteralExpression(e.elts.map((x) => element(env, x, place("list")?.elt)));
    case "Tuple": {
      const tuple = place("tuple");
      const elts = tuple && tuple.elts.length === e.elts.length ? tuple.elts : undefined;
      return call(ctx.helper("tuple"), e.elts.map((x, i) => element(env, x, elts?.[i])));
    }
    case "Set": {
      const items = f.createArrayLiteralExpression(e.elts.map((x) => element(env, x, place("set")?.elt)));
      // Tuples and objects are equal by value: a JS Set would keep each one.
      if (slot.k === "set" && !isPrimitiveKey(slot.elt) && e.elts.length > 1) return call(ctx.helper("setOf"), [items]);
      return f.createNewExpression(id("Set"), undefined, [items]);
    }
    default:
      return expr(env, e);
  }
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

// (Not tuples: a struct_time or a namedtuple is a tuple with fields.)
const BUILTIN_ATTRIBUTE_VALUES: ReadonlySet<PyType["k"]> = new Set(["int", "float", "bool", "str", "bytes", "list", "dict", "set", "None"]);

/** Methods of str taking only the string, used as functions (`sorted(xs, key=str.lower)`, `map(str.strip, lines)`). */
const UNBOUND_STR_METHODS: ReadonlySet<string> = new Set([
  "lower", "upper", "strip", "lstrip", "rstrip", "title", "capitalize", "swapcase", "split", "splitlines",
  "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "istitle", "isdecimal",
]);

/**
 * An attribute of a builtin type read through the type: its `__name__`, a method of str that takes only
 * the string as a function, or a located error (a JS function has no such member, or one of another meaning).
 */
function builtinTypeAttribute(env: ExprEnv, e: A.Attribute, type: string): ts.Expression {
  const { ctx } = env;
  if (e.attr === "__name__") return str(type);
  const row = type === "str" && UNBOUND_STR_METHODS.has(e.attr) ? ctxClassMember("str", e.attr) : undefined;
  if (row?.kind === "method" || row?.kind === "helper") {
    const s = id("s");
    const body = callOn(env, row, s, []);
    const param = f.createParameterDeclaration(undefined, undefined, s, undefined, f.createKeywordTypeNode(K.StringKeyword));
    return f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [param], undefined, undefined, body));
  }
  ctx.error(e.loc, "unsupportedName", `${type}.${e.attr}`);
  return f.createNull();
}

/** A method row called on `recv`: `recv.m(args)`, or `helper(recv, args)` for a method JS lacks. */
function callOn(env: ExprEnv, row: ApiRow, recv: ts.Expression, args: readonly ts.Expression[]): ts.Expression {
  return row.kind === "helper" ? call(env.ctx.helper(row.ts), [recv, ...args]) : call(prop(recv, row.ts), [...args]);
}

/**
 * A method of a built-in value read as a value (`callback=results.append`, `key=counts.get`): a function of
 * one argument calling it on that value (a JS method read off its object is unbound, and named otherwise).
 * The value is a name or a chain of attributes, which the function reads when called.
 */
function boundMethod(env: ExprEnv, e: A.Attribute, row: ApiRow, qualified: string): ts.Expression {
  const { ctx } = env;
  const plain = (x: A.Expr): boolean => x.kind === "Name" || (x.kind === "Attribute" && plain(x.value));
  if (!plain(e.value)) {
    ctx.error(e.loc, "unsupportedConstruct", `the method ${qualified} used as a value`, "only a method of a named value can be (bind it to a name first)");
    return f.createNull();
  }
  const recv = expr(env, e.value);
  const takes = parseSignature(row.params).some((p) => p.variety === "positional" || p.variety === "vararg");
  const x = id("x");
  const args = takes ? [x] : [];
  const body = callOn(env, row, recv, args);
  // The argument's type where the container's is known (a dict's key, a list's item); else from the place.
  const base = ctx.analysis.typeOf(e.value);
  const argType =
    base.k === "dict" && ["get", "pop", "setdefault"].includes(e.attr) ? base.key
    : (base.k === "list" || base.k === "set") && ["append", "add", "remove", "discard", "count", "index"].includes(e.attr) ? base.elt
    : undefined;
  const typed = argType && argType.k !== "never" && argType.k !== "unknown" ? typeNode(ctx, argType) : undefined;
  const params = takes ? [f.createParameterDeclaration(undefined, undefined, x, undefined, typed)] : [];
  return f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, params, undefined, undefined, body));
}

function attribute(env: ExprEnv, e: A.Attribute): ts.Expression {
  const { ctx } = env;
  if (e.value.kind === "Name" && BUILTIN_TYPE_NAMES.has(e.value.id) && ctx.analysis.scopes.resolve(env.scope, e.value.id).kind === "builtin") {
    return builtinTypeAttribute(env, e, e.value.id);
  }
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
    // A class attribute read through an instance (and never set on one) lives on the class: the class that
    // defines it, or the instance's own class when a subclass redefines it (`self.sides` in a base's method).
    const owner = !ctx.analysis.findMethod(cls, e.attr) ? classAttributeOwner(ctx, cls, e.attr) : undefined;
    if (owner) {
      const ownerName = id(ctx.names.py(owner.node.name));
      if (!redefinedBelow(ctx, cls, e.attr)) return prop(ownerName, e.attr);
      return prop(f.createParenthesizedExpression(f.createAsExpression(prop(expr(env, e.value), "constructor"), f.createTypeQueryNode(ownerName))), e.attr);
    }
    // Python raises AttributeError on an object that lacks the attribute; a JS object gives undefined.
    const exceptionField = ctx.analysis.builtinBaseOf(cls) !== undefined && ctxClassMember("Exception", e.attr) !== undefined;
    const known = row || exceptionField || ctx.analysis.findMethod(cls, e.attr) || ctx.analysis.attributeType(cls, e.attr) !== undefined || /^__\w+__$/.test(e.attr);
    if (!known) {
      const setBy = subclassesSetting(ctx, cls, e.attr);
      const why = setBy.length ? `only ${setBy.join(", ")} instances have it, and this value may be any ${cls.node.name}` : `no ${cls.node.name} (or base class) code sets it`;
      ctx.error(e.loc, "unsupportedConstruct", `the attribute ${cls.node.name}.${e.attr}`, why);
    }
  }
  // A member of a built-in type that no table maps would be a JS member of another meaning, or none.
  if (BUILTIN_ATTRIBUTE_VALUES.has(base.k)) {
    const cls = typeClass(base) ?? base.k;
    const row = ctxClassMember(cls, e.attr);
    if (!row) ctx.error(e.loc, "unsupportedName", `${cls}.${e.attr}`);
    else if (row.kind === "method" || row.kind === "helper") return boundMethod(env, e, row, `${cls}.${e.attr}`);
  }
  if (base.k === "union" && base.types.every((m) => m.k === "instance")) {
    // An item of a list of shapes: a class attribute is read from the object's own class.
    const owners = base.types.map((m) => {
      const cls = ctx.analysis.classById((m as { id: string }).id)!;
      return ctx.analysis.findMethod(cls, e.attr) ? undefined : classAttributeOwner(ctx, cls, e.attr);
    });
    if (owners.every((o) => o)) {
      const types = [...new Set(owners)].map((o) => f.createTypeQueryNode(id(ctx.names.py(o!.node.name))));
      const ctor = f.createAsExpression(prop(expr(env, e.value), "constructor"), types.length === 1 ? types[0]! : f.createUnionTypeNode(types));
      return prop(f.createParenthesizedExpression(ctor), e.attr);
    }
  }
  // A library object that may be None (a re.Match, an exception's __context__) is checked first: Python
  // raises AttributeError on None.
  const object = base.k === "object" ? base : optionalOf(base);
  if (object?.k === "object") {
    const row = ctxClassMember(object.cls, e.attr);
    if (row?.kind === "attr") return prop(object === base ? expr(env, e.value) : receiver(env, e.value, e.attr), row.ts);
    const field = isNamedTuple(object) && object.fields?.[e.attr] !== undefined;
    if (!row && !field && !runtimeClass(object.cls)?.row.dynamicAttributes) ctx.error(e.loc, "unsupportedName", `${object.cls}.${e.attr}`);
  }
  return prop(expr(env, e.value), e.attr);
}


/** `collections.namedtuple<[number, number], { x: number; y: number }>("Point", ["x", "y"])`, with the items'
 *  float descriptor when they hold floats (its repr prints `Point(x=1.0, …)`). */
function namedTupleDefinition(env: ExprEnv, e: A.Call, row: ApiRow): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  const shape = namedTupleShape(e);
  if (typeof shape === "string" || !isNamedTuple(t)) return f.createNull();
  const args: ts.Expression[] = [str(shape.typename), f.createArrayLiteralExpression(shape.fields.map((x) => str(x)))];
  const items: PyType = { k: "tuple", elts: Object.values(t.k === "object" ? (t.fields ?? {}) : {}) };
  if (containsFloat(items)) args.push(f.createObjectLiteralExpression([f.createPropertyAssignment("type", str(descriptor(items)))]));
  const target = e.func.kind === "Name" ? moduleMemberRef(env, "collections", row, env.ctx.names.py(e.func.id)) : moduleMemberRef(env, "collections", row);
  return f.createCallExpression(target, namedTupleTypeArgs(env.ctx, t), args);
}

/** The class along `cls`'s bases whose body assigns `attr`, when no instance ever gets its own `attr`. */
function classAttributeOwner(ctx: EmitContext, cls: ClassInfo, attr: string): ClassInfo | undefined {
  if (ctx.analysis.instanceAttributes(cls).has(attr)) return undefined;
  if (cls.scope.locals.has(attr)) return cls;
  for (const b of cls.bases) {
    const owner = classAttributeOwner(ctx, b, attr);
    if (owner) return owner;
  }
  return undefined;
}

/** The classes deriving from `cls` whose instances get `attr`. */
function subclassesSetting(ctx: EmitContext, cls: ClassInfo, attr: string): string[] {
  const derives = (c: ClassInfo): boolean => c.bases.some((b) => b === cls || derives(b));
  return [...ctx.analysis.program.classes.values()].filter((c) => derives(c) && ctx.analysis.attributeType(c, attr) !== undefined).map((c) => c.node.name);
}

/** Whether a class deriving from `cls` (directly or not) assigns its own `attr` in its body. */
function redefinedBelow(ctx: EmitContext, cls: ClassInfo, attr: string): boolean {
  const derives = (c: ClassInfo): boolean => c.bases.some((b) => b === cls || derives(b));
  return [...ctx.analysis.program.classes.values()].some((c) => c !== cls && derives(c) && c.scope.locals.has(attr));
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
      return call(expr(env, e.func), userArgs(env, e, callee.fn, skipSelf ? callee.fn.params.slice(1) : callee.fn.params));
    }
    case "userClass": {
      const info = ctx.analysis.classInfo(callee.cls);
      const init = ctx.analysis.findMethod(info, "__init__");
      if (!init && ctx.analysis.apiBaseOf(info) && (e.args.length > 0 || e.keywords.length > 0)) {
        ctx.error(e.loc, "unsupportedConstruct", "arguments to a Process subclass without an __init__", "give the class an __init__ that passes them to super().__init__()");
      }
      // Without an __init__ of the script's, the arguments go to the builtin base (an exception's args).
      return f.createNewExpression(expr(env, e.func), undefined, init ? userArgs(env, e, init.fn, init.fn.params.slice(1)) : e.args.map((a) => element(env, a)));
    }
    case "super": {
      const args = userArgs(env, e, callee.fn, callee.fn.params.slice(1));
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
    default: {
      if (e.func.kind === "Attribute") checkBuiltinMethod(env, e.func);
      // `Point(1, y=2)`: a namedtuple's fields are positional.
      const t = ctx.analysis.typeOf(e.func);
      if (t.k === "object" && t.cls === NAMED_TUPLE_TYPE && t.fields) {
        const args = bindFields({ typename: "namedtuple", fields: Object.keys(t.fields) }, e);
        if (typeof args !== "string") return call(expr(env, e.func), args.map((a) => expr(env, a)));
      }
      if (e.keywords.length > 0) ctx.error(e.loc, "unsupportedCall", "a call with keyword arguments", "the callee is not known statically");
      return call(expr(env, e.func), e.args.map((a) => element(env, a)));
    }
  }
}

/**
 * `isinstance(x, str)`, `isinstance(x, (int, Job))`: a builtin type is passed by name, which the runtime tests
 * on the JS value. An int and an integral float are the same JS number, so int and float are told apart by
 * x's static type: a type x cannot have is left out (False), and a value that may be either is an error.
 * Undefined when no builtin type is named (classes only).
 */
function isinstanceCall(env: ExprEnv, e: A.Call, obj: A.Expr, classinfo: A.Expr): ts.Expression | undefined {
  const { ctx } = env;
  const classes = classinfo.kind === "Tuple" ? classinfo.elts : [classinfo];
  const builtin = (c: A.Expr) => (c.kind === "Name" && Object.hasOwn(BUILTIN_TYPE_KINDS, c.id) && ctx.analysis.scopes.resolve(env.scope, c.id).kind === "builtin" ? c.id : undefined);
  if (!classes.some(builtin)) return undefined;
  const t = ctx.analysis.typeOf(obj);
  const kinds = new Set((t.k === "union" ? t.types : [t]).map((m) => m.k));
  const mayBe = (...ks: PyType["k"][]) => kinds.has("unknown") || ks.some((k) => kinds.has(k));
  if ((classes.map(builtin).includes("int") || classes.map(builtin).includes("float")) && mayBe("float") && mayBe("int", "bool")) {
    ctx.error(e.loc, "unsupportedConstruct", "isinstance() with int or float on a value that may be either", "an int and an integral float are the same number at run time");
  }
  const tests = classes.flatMap((c): ts.Expression[] => {
    const name = builtin(c);
    if (!name) return [expr(env, c)];
    if ((name === "int" && !mayBe("int", "bool")) || (name === "float" && !mayBe("float"))) return [];
    return [str(name)];
  });
  return call(ctx.helper("isinstance"), [expr(env, obj), tests.length === 1 ? tests[0]! : f.createArrayLiteralExpression(tests)]);
}

/** Values of these types are JS primitives, arrays, Maps and Sets, whose JS methods are not Python's. */
const BUILTIN_VALUES: ReadonlySet<PyType["k"]> = new Set(["int", "float", "bool", "str", "bytes", "list", "tuple", "dict", "set", "range"]);

/**
 * A method without a mapper row called on a builtin value (`n.bit_length()`), or on a value that may be one of
 * several types (`str | bytes`, `int | None`): methods are dispatched on one statically known type, and a
 * plain JS call would silently do something else or fail differently, so it is a located error. A union of
 * the script's own classes is fine: their methods are JS methods.
 */
function checkBuiltinMethod(env: ExprEnv, f: A.Attribute): void {
  const t = env.ctx.analysis.typeOf(f.value);
  const members = t.k === "union" ? t.types : [t];
  if (!members.some((m) => BUILTIN_VALUES.has(m.k))) return;
  const some = members.filter((m) => m.k !== "None");
  if (some.length === 1) env.ctx.error(f.loc, "unsupportedName", `${some[0]!.k}.${f.attr}`);
  else {
    const types = [...new Set(members.map((m) => (m.k === "instance" || m.k === "object" ? "object" : m.k)))].join(" | ");
    env.ctx.error(f.loc, "unsupportedConstruct", `calling .${f.attr}() on a value of type ${types}`, "a method is dispatched on one statically known type; narrow the value first (isinstance)");
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
function userArgs(env: ExprEnv, e: A.Call, fn: A.FunctionDef | A.Lambda, params: readonly A.Param[]): ts.Expression[] {
  const bound = env.ctx.analysis.boundArgsOf(e);
  if (!bound) return e.args.map((a) => element(env, a));
  const scope = env.ctx.analysis.functionInfo(fn).scope;
  // In the order `params()` declares them: named parameters, *args, **kwargs.
  const args: ts.Expression[] = params
    .filter((p) => p.variety === "positional" || p.variety === "kwonly")
    .map((p) => {
      const a = bound.byParam.get(p.name);
      return a ? exprAs(env, a, env.ctx.analysis.bindingType(scope, p.name)) : id("undefined");
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

const BUILTIN_TYPES = new Set(["int", "float", "str", "bool", "list", "tuple", "dict", "set", "frozenset"]);
/** Builtin types whose attributes a script may read through the type itself (`str.lower`, `dict.fromkeys`). */
const BUILTIN_TYPE_NAMES: ReadonlySet<string> = new Set([...BUILTIN_TYPES, "bytes", "object", "type"]);

/** A class argument: a builtin type as its name (`"int"`), a tuple of classes as an array. */
function classArg(env: ExprEnv, a: A.Expr): ts.Expression {
  if (a.kind === "Tuple") return f.createArrayLiteralExpression(a.elts.map((x) => classArg(env, x)));
  const builtin = a.kind === "Name" && BUILTIN_TYPES.has(a.id) && env.ctx.analysis.scopes.resolve(env.scope, a.id).kind === "builtin";
  return builtin ? str(a.id) : expr(env, a);
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
      // min(3, 2.0) returns one of its arguments: where the result may be an int or a float, so may they.
      const result = env.ctx.analysis.typeOf(e);
      const slot = row.boxesFloats?.includes(p.name) ? T.unknown : mixesIntAndFloat(result) && result.k !== "unknown" ? result : undefined;
      if (i < positionalCount) positional.push(...(bound.varargs?.values ?? []).map((v) => element(env, v, slot)));
      return;
    }
    // Keywords no named parameter took: one trailing Keywords map (rows with `**name` take them positionally).
    if (p.variety === "kwarg") {
      const extras = [...bound.kwargs].map(([k, v]) => f.createArrayLiteralExpression([str(k), expr(env, v)]));
      // Typed by all the values: TS would take the first entry's type for the map's (`dict(a=1, b="x")`).
      const typeArgs = bound.kwargs.size > 1 ? [typeNode(env.ctx, keywordValuesType(bound, (v) => env.ctx.analysis.typeOf(v)))] : undefined;
      if (extras.length) positional.push(f.createNewExpression(env.ctx.helper("Keywords"), typeArgs, [f.createArrayLiteralExpression(extras)]));
      return;
    }
    const a = bound.byParam.get(p.name);
    const value = a && row.classes?.includes(p.name) ? classArg(env, a) : a ? argValue(env, a, row.argLists?.includes(p.name) ?? false) : undefined;
    if (i < positionalCount && p.variety === "positional") positional.push(value ?? id("undefined"));
    else if (value) options.push(f.createPropertyAssignment(p.name, value));
  });
  if (row.handledException && env.handling) options.push(f.createPropertyAssignment(row.handledException, id(env.handling)));
  const described = row.describes ? bound.byParam.get(row.describes) : undefined;
  const describedType = described && env.ctx.analysis.typeOf(described);
  if (describedType && containsFloat(describedType)) {
    const desc = str(descriptor(describedType));
    if (row.positional === undefined) positional.push(desc);
    else options.push(f.createPropertyAssignment("type", desc));
  }
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
  const [obj, classinfo] = [bound.byParam.get("obj"), bound.byParam.get("classinfo")];
  if (qualified === "builtins.isinstance" && obj && classinfo) {
    const typed = isinstanceCall(env, e, obj, classinfo);
    if (typed) return typed;
  }
  if (qualified === "NamedTuple._replace" && self) {
    // `p._replace(x=5)`: the fields to change, as an object.
    const changes = e.keywords.map((k) => f.createPropertyAssignment(k.name!, expr(env, k.value)));
    return call(prop(receiver(env, self, qualified), "_replace"), [f.createObjectLiteralExpression(changes, false)]);
  }
  if (qualified === "collections.namedtuple") return namedTupleDefinition(env, e, row);
  const positional = apiArgs(env, e, row)!;

  const module = qualified.slice(0, qualified.lastIndexOf("."));
  let target: ts.Expression;
  if (self && row.kind === "helper") return callOn(env, row, receiver(env, self, qualified), positional);
  if (self && row.byValue) {
    // A set whose elements may be equal in Python but distinct to a JS Set (tuples): the runtime's helper.
    const t = ctx.analysis.typeOf(self);
    if (t.k !== "set" || !isPrimitiveKey(t.elt)) return call(ctx.helper(row.byValue), [receiver(env, self, qualified), ...positional]);
  }
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
  const row = t.k === "object" ? runtimeClass(t.cls)?.row : undefined;
  if (t.k !== "object" || !(row?.learnsElement || row?.namesElement)) return undefined;
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

/** The conversion letter of each argument a %-format consumes, in order (`*` widths take one too); undefined
 *  for a mapping format (`%(name)s`). */
function percentConversions(fmt: string): string[] | undefined {
  const out: string[] = [];
  for (const m of fmt.matchAll(/%(\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g)) {
    if (m[1]) return undefined;
    if (m[2] === "*") out.push("*");
    if (m[3] === "*") out.push("*");
    if (m[4] !== "%") out.push(m[4]!);
  }
  return out;
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

/** Arithmetic on operands that may be an int or a float (runtime/builtins/float.ts). */
const NUM_HELPER: Partial<Record<A.BinaryOperator, string>> = {
  "+": "numAdd",
  "-": "numSub",
  "*": "numMul",
  "/": "numDiv",
  "//": "numFloordiv",
  "%": "numMod",
  "**": "numPow",
};

/** A float, or an int that is a safe JS number (or either): never a bigint, so JS float arithmetic applies. */
const isJsNumber = (t: PyType): boolean =>
  t.k === "float" || t.k === "bool" || (t.k === "int" && isSafeRange(t.range)) || (t.k === "union" && t.types.every(isJsNumber));

const isNonZeroConstant = (e: A.Expr) => e.kind === "Constant" && (e.value.type === "int" || e.value.type === "float") && Number(e.value.value) !== 0;

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
    // A float result: JS float arithmetic (a boxed operand takes part as its number; a bigint one is made a
    // number), where Python's / // % raise on zero with the float messages.
    const floatOperand = lt.k === "float" || rt.k === "float";
    if (result.k === "float" && (op !== "/" || floatOperand)) {
      const [a, b] = [isJsNumber(lt) ? l : call(id("Number"), [l]), isJsNumber(rt) ? r : call(id("Number"), [r])];
      switch (op) {
        case "/":
          return isNonZeroConstant(right) || excludesZero(rt) ? binary(a, K.SlashToken, b) : call(ctx.helper("floatDiv"), [a, b]);
        case "+":
        case "-":
        case "*":
        case "**":
          return binary(a, NATIVE[op]!, b);
        case "//":
          return call(ctx.helper("floatFloordiv"), [a, b]);
        case "%":
          return call(ctx.helper("floatMod"), [a, b]);
        default:
          break;
      }
    }
    if (op === "/" && ctx.analysis.classicDivision) {
      ctx.error(loc, "unsupportedConstruct", "the operator /", "in Python 2 it floors ints and divides floats, and these operands may be either");
    }
    // An int-or-float operand: the helpers decide at run time, keeping a float result a float (float.ts).
    if (NUM_HELPER[op]) return helper(NUM_HELPER[op]!);
  }
  if (lt.k === "str" && op === "+" && rt.k === "str") return binary(l, K.PlusToken, r);
  if (lt.k === "str" && op === "%") {
    const conversions = left.kind === "Constant" && left.value.type === "str" ? percentConversions(left.value.value) : undefined;
    const operand = (x: A.Expr, i: number) => percentOperand(env, x, conversions?.[i]);
    const args = right.kind === "Tuple" ? call(ctx.helper("tuple"), right.elts.map(operand)) : operand(right, 0);
    return call(ctx.helper("percentFormat"), [l, args]);
  }
  if (op === "*" && (lt.k === "str" || lt.k === "bytes") && isIntLike(rt)) return call(ctx.helper("repeat"), [l, r]);
  if (lt.k === "bytes" && op === "+" && rt.k === "bytes") return call(ctx.helper("bytesConcat"), [l, r]);
  if (lt.k === "list" && op === "+" && rt.k === "list") return f.createArrayLiteralExpression([f.createSpreadElement(l), f.createSpreadElement(r)]);
  if (lt.k === "tuple" && op === "+" && rt.k === "tuple") return call(ctx.helper("tuple"), [f.createSpreadElement(l), f.createSpreadElement(r)]);
  if (lt.k === "set" && rt.k === "set" && SET_HELPER[op]) return helper(SET_HELPER[op]!);
  if (lt.k === "dict" && rt.k === "dict" && op === "|" && !lt.cls) return helper("dictMerge");
  if (op === "*" && (lt.k === "list" || lt.k === "tuple" || lt.k === "vartuple") && isIntLike(rt)) return call(ctx.helper("repeat"), [l, r]);
  // `3 * "ab"` repeats the sequence as `"ab" * 3` does.
  if (op === "*" && isIntLike(lt) && ["str", "bytes", "list", "tuple"].includes(rt.k)) return call(ctx.helper("repeat"), [r, l]);
  if (isCounter(lt) && isCounter(rt) && (op === "+" || op === "-")) return call(prop(l, op === "+" ? "__add__" : "__sub__"), [r]);
  const dunder = DUNDER[op];
  if (lt.k === "object" && dunder && runtimeClass(lt.cls)?.row.operators?.[op]?.(rt)) return call(prop(l, dunder), [r]);
  // Types Python refuses to combine: the same TypeError, once both operands are evaluated.
  const refused = operandTypeError(op, lt, rt);
  if (refused) return call(ctx.helper("operandError"), [l, r, str(refused)]);
  ctx.error(loc, "unsupportedConstruct", `the operator ${op}`, `the operand types (${describe(lt)} ${op} ${describe(rt)}) are not known statically`);
  return helper(INT_HELPER[op]);
}

/** Python's names of the value kinds whose operators are known here. */
const PY_NAMES: Partial<Record<PyType["k"], string>> = { int: "int", float: "float", bool: "bool", str: "str", bytes: "bytes", None: "NoneType", list: "list", tuple: "tuple", dict: "dict" };

/**
 * CPython's TypeError message for `l op r` when the static types make it certain (`1 + "a"`), else undefined.
 * Only combinations no type of the pair defines are listed (sets, dict `|` and every valid pairing are not).
 */
function operandTypeError(op: A.BinaryOperator, lt: PyType, rt: PyType): string | undefined {
  const [l, r] = [PY_NAMES[lt.k], PY_NAMES[rt.k]];
  if (!l || !r) return undefined;
  const numeric = (n: string) => n === "int" || n === "float" || n === "bool";
  const sequence = (n: string) => n === "str" || n === "bytes" || n === "list" || n === "tuple";
  if (op === "*" && (sequence(l) || sequence(r))) {
    const other = sequence(l) ? r : l;
    return other === "int" || other === "bool" ? undefined : `can't multiply sequence by non-int of type '${other}'`;
  }
  // `%` on a str or bytes formats.
  if (op === "%" && (l === "str" || l === "bytes")) return undefined;
  if (op === "+" && sequence(l) && l !== r) {
    if (l === "bytes") return `can't concat ${r} to bytes`;
    return `can only concatenate ${l} (not "${r}") to ${l}`;
  }
  const refused = l === "NoneType" || r === "NoneType" || numeric(l) !== numeric(r) || (sequence(l) && sequence(r) && op !== "+");
  return refused ? `unsupported operand type(s) for ${op}: '${l}' and '${r}'` : undefined;
}

const SET_ORDER: Partial<Record<A.CompareOperator, string>> = { "<=": "issubset", "<": "properSubset", ">=": "issuperset", ">": "properSuperset" };

/** The set operators (the runtime's set algebra, containers.ts). */
const SET_HELPER: Partial<Record<A.BinaryOperator, string>> = { "|": "setUnion", "&": "setIntersection", "-": "setDifference", "^": "setSymmetricDifference" };

/** An operand of `%` formatting (`conversion`: its letter when the format is a literal): a float is boxed, so
 *  `%s` writes 3.0 while `%d` and `%f` still take it as a number; a container holding floats is formatted here
 *  (its `%s` text). */
function percentOperand(env: ExprEnv, e: A.Expr, conversion: string | undefined): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  if (t.k === "float") return call(env.ctx.helper("asFloat"), [expr(env, e)]);
  // A numeric conversion (%d, %.2f) takes the number itself, an int-or-float one included; so does %r
  // (an int-or-float is boxed where integral, so its repr is right: str() of it would be repr'd as a str).
  if (conversion && !"sa".includes(conversion)) return element(env, e);
  return printable(env, e);
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
    if (t.k === "union" && isNumberLike(t)) return call(ctx.helper("numNeg"), [operand]);
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
      // Sets are ordered by inclusion.
      if (lt.k === "set" && rt.k === "set") return call(ctx.helper(SET_ORDER[op]!), [l, r]);
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

/** Keys a JS Set or Map compares as Python does (by value): numbers, strings, bools, None. */
function isPrimitiveKey(t: PyType): boolean {
  return isPrimitive(t) || (t.k === "union" && t.types.every(isPrimitive));
}

function dict(env: ExprEnv, e: A.Dict): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  const entries = e.items.map((item) =>
    item.key
      ? f.createArrayLiteralExpression([expr(env, item.key), t.k === "dict" ? exprAs(env, item.value, t.value) : expr(env, item.value)])
      : (f.createSpreadElement(call(prop(expr(env, item.value), "entries"), [])) as unknown as ts.Expression),
  );
  // An empty dict gets its element types from the declaration it initializes; mixed keys or values
  // (`{"count": 4, "levels": {...}}`) are spelled out, since TS infers a Map's types from the first entry.
  const mixed = entries.length > 0 && t.k === "dict" && (t.key.k === "union" || t.value.k === "union");
  const typeArgs = mixed ? [typeNode(env.ctx, t.key), typeNode(env.ctx, t.value)] : undefined;
  // Tuple and object keys are equal by value: a later equal key replaces the earlier one's value.
  const byValue = t.k === "dict" && !isPrimitiveKey(t.key) && e.items.length > 1 && e.items.every((item) => item.key);
  if (byValue) return f.createCallExpression(env.ctx.helper("dictOf"), typeArgs, [f.createArrayLiteralExpression(entries)]);
  return f.createNewExpression(id("Map"), typeArgs, entries.length ? [f.createArrayLiteralExpression(entries)] : []);
}

function comprehension(env: ExprEnv, e: A.ListComp | A.SetComp | A.GeneratorExp | A.DictComp): ts.Expression {
  const { ctx } = env;
  const inner: ExprEnv = { ...env, scope: ctx.analysis.scopes.scopeOf(e) };
  // One generator without conditions: Array.from(iterable, (x) => elt), or range(n).map((x) => elt).
  const g0 = e.generators[0]!;
  const body: ts.Expression =
    e.kind === "DictComp" ? f.createArrayLiteralExpression([expr(inner, e.key), expr(inner, e.value)]) : expr(inner, e.elt);
  // A generator consumed whole right away (sum, join, sorted, …) is built as an array: same values, same
  // order, without the generator protocol's cost.
  const eager = e.kind === "GeneratorExp" && ctx.eagerGenerators.has(e);
  if (e.generators.length === 1 && g0.ifs.length === 0 && (e.kind !== "GeneratorExp" || eager)) {
    const fn = f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, target(inner, g0.target))], undefined, undefined, body);
    // Over a range: range(n).map((x) => elt), an indexed loop (Range.map).
    const overRange = ctx.analysis.typeOf(g0.iter).k === "range";
    const mapped = overRange ? call(prop(expr(env, g0.iter), "map"), [fn]) : call(prop(id("Array"), "from"), [iterable(env, g0.iter), fn]);
    if (e.kind === "ListComp" || e.kind === "GeneratorExp") return mapped;
    return setOrDict(env, e, mapped);
  }
  // General case: a generator function that loops exactly as Python's comprehension does.
  let stmt: ts.Statement = f.createExpressionStatement(f.createYieldExpression(undefined, body));
  for (let i = e.generators.length - 1; i >= 0; i--) {
    const g = e.generators[i]!;
    for (let j = g.ifs.length - 1; j >= 0; j--) stmt = f.createIfStatement(condition(inner, g.ifs[j]!), stmt);
    stmt = f.createForOfStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(target(inner, g.target))], ts.NodeFlags.Const),
      loopIterable(i === 0 ? env : inner, g.iter),
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
  return setOrDict(env, e, gen);
}

/**
 * A set or dict comprehension's container from its items: `new Set(…)`/`new Map(…)`, or `setOf(…)`/`dictOf(…)`
 * where elements or keys may be equal in Python but distinct to JS (tuples), which must become one.
 */
function setOrDict(env: ExprEnv, e: A.SetComp | A.DictComp, items: ts.Expression): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  const key = t.k === "set" ? t.elt : t.k === "dict" ? t.key : t;
  if (!isPrimitiveKey(key)) return call(env.ctx.helper(e.kind === "SetComp" ? "setOf" : "dictOf"), [items]);
  return f.createNewExpression(id(e.kind === "SetComp" ? "Set" : "Map"), undefined, [items]);
}

/** What a Python `for` iterates: a dict's keys (a Map iterates entries), otherwise the value itself. */
export function iterable(env: ExprEnv, e: A.Expr): ts.Expression {
  const t = env.ctx.analysis.typeOf(e);
  const x = expr(env, e);
  if (t.k === "dict") return call(prop(x, "keys"), []);
  if (t.k === "unknown" || t.k === "union") return call(env.ctx.helper("pyIter"), [x]);
  return x;
}

/**
 * What a for-of loop iterates (a `for` statement, a generator's loop): iterable(), except that the words
 * of `s.split()` come one at a time (iterSplit), so that a loop over a large text's words does not keep
 * millions of short strings alive at once; a str cannot change, so they are the same words.
 */
export function loopIterable(env: ExprEnv, e: A.Expr): ts.Expression {
  if (e.kind === "Call" && e.args.length === 0 && e.keywords.length === 0) {
    const callee = env.ctx.analysis.calleeOf(e);
    if (callee.kind === "api" && callee.qualified === "str.split" && callee.self) return call(env.ctx.helper("iterSplit"), [expr(env, callee.self)]);
  }
  return iterable(env, e);
}

/** `first, *rest = xs` maps to a rest element, which TS allows only last (`*init, last = xs` has no form). */
export function checkStarredLast(env: ExprEnv, t: A.Tuple | A.List): void {
  const i = t.elts.findIndex((x) => x.kind === "Starred");
  if (i >= 0 && i < t.elts.length - 1) {
    env.ctx.error(t.elts[i]!.loc, "unsupportedConstruct", "a starred target before the last one", "a TypeScript rest element must come last; unpack with a slice (`init, last = xs[:-1], xs[-1]`)");
  }
}

/** A binding target in a parameter or for-of position: a name or a (nested) array pattern. */
export function target(env: ExprEnv, t: A.Expr): ts.BindingName {
  return bindingTarget(env, t, lastBindings(t));
}

/**
 * A name bound twice in one target (`for _, _, x in rows`) keeps the last value in Python; a JS binding
 * pattern may not repeat a name, so its earlier places are left empty (`[, , x]`).
 */
function lastBindings(t: A.Expr, last = new Map<string, A.Expr>()): Map<string, A.Expr> {
  if (t.kind === "Name") last.set(t.id, t);
  else if (t.kind === "Starred") lastBindings(t.value, last);
  else if (t.kind === "Tuple" || t.kind === "List") for (const x of t.elts) lastBindings(x, last);
  return last;
}

function bindingTarget(env: ExprEnv, t: A.Expr, last: ReadonlyMap<string, A.Expr>): ts.BindingName {
  if (t.kind === "Name") return id(env.ctx.names.py(t.id));
  if (t.kind === "Tuple" || t.kind === "List") {
    checkStarredLast(env, t);
    return f.createArrayBindingPattern(
      t.elts.map((x) =>
        x.kind === "Starred"
          ? f.createBindingElement(f.createToken(K.DotDotDotToken), undefined, bindingTarget(env, x.value, last))
          : x.kind === "Name" && last.get(x.id) !== x
            ? f.createOmittedExpression()
            : f.createBindingElement(undefined, undefined, bindingTarget(env, x, last)),
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
