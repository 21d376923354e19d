// Whole-module type inference: iterates over the module until every binding's type is stable, pushing
// argument types into the functions they are passed to (directly, or through Pool.map / Process(target=…)).
// Results live in side tables read through accessors; nodes are never annotated.

import type * as A from "../frontend/ast.js";
import { atStatement, diag, type Diagnostic } from "../diagnostics.js";
import { moduleMember, moduleTable, classMember, runtimeClass, typeClass, type ApiRow, type ArgTypes } from "../mapper/index.js";
import { bindArgs, keywordValuesType, parseSignature, type BoundArgs } from "./bindargs.js";
import { intBinop, negate } from "./ranges.js";
import { splittableNames } from "./occurrences.js";
import { NAMED_TUPLE, NAMED_TUPLE_TYPE, bindFields, fieldTypes, isNamedTuple, namedTupleShape, namedTupleType, withFieldTypes } from "./namedtuple.js";
import { isForwardingCall, passThrough, type PassThrough } from "./decorators.js";
import { Scopes, childBlocks, qualifiedName, type Scope } from "./scopes.js";
import { PY2_RENAMES, type Callee, type ImportBinding } from "./symbols.js";
import { T, intRange, isCounter, isIntLike, isNumberLike, iterElement, join, optionalOf, truncate, typeEquals, widen, type PyType } from "./types.js";

const MAX_ROUNDS = 40;
const WIDEN_AFTER = 4;
const RETURN = "<return>";

export interface ClassInfo {
  readonly id: string;
  readonly node: A.ClassDef;
  readonly scope: Scope;
  /** The user classes it derives from, in order (builtin bases such as Exception are not listed). */
  bases: ClassInfo[];
  /** The builtin base it derives from, when it does (`Exception`). */
  builtinBase?: string;
  /** The library class it derives from (`multiprocessing.Process`): its constructor row and class name. */
  apiBase?: { readonly module: string; readonly row: ApiRow; readonly cls: string };
  readonly methods: Map<string, A.FunctionDef>;
}

export interface FunctionInfo {
  readonly node: A.FunctionDef | A.Lambda;
  readonly scope: Scope;
  readonly isGenerator: boolean;
}

/** The absolute name of an import in module `from`: `from .count import f` in package `pkg` → `pkg.count`. */
export function resolveModuleName(from: string, fromIsPackage: boolean, level: number, module: string): string | undefined {
  if (level === 0) return module;
  const parts = from === "__main__" ? [] : from.split(".");
  if (!fromIsPackage) parts.pop();
  for (let i = 1; i < level; i++) if (parts.pop() === undefined) return undefined;
  const base = parts.join(".");
  return [base, module].filter(Boolean).join(".") || undefined;
}

/** A script without local imports, analyzed on its own. */
export function analyzeModule(module: A.Module, file: string): Analysis {
  const program = new ProgramState();
  const analysis = new Analysis(module, file, program);
  program.solve();
  return analysis;
}

/** What the modules of one program share: a function's parameters learn from calls in any module. */
export class ProgramState {
  readonly bindings = new Map<string, PyType>();
  readonly functions = new Map<string, FunctionInfo>();
  readonly funcIds = new Map<A.FunctionDef | A.Lambda, string>();
  readonly classes = new Map<string, ClassInfo>();
  readonly classIds = new Map<A.ClassDef, string>();
  /** Instance attributes assigned through `self.x = …`, by class id. */
  readonly instanceAttrs = new Map<string, Set<string>>();
  readonly siteElts = new Map<string, PyType>();
  /** The program's modules by Python name, in the order they were created (dependencies first). */
  readonly modules = new Map<string, Analysis>();
  /** Pass-through decorators of the program (see decorators.ts) and the functions each decorates. */
  readonly decorated = new Map<A.FunctionDef, { readonly shape: PassThrough; readonly functions: Set<A.FunctionDef> }>();
  /** Local modules the program may import (`helpers`, `utils.io`), and whether each is a package. */
  readonly locals = new Map<string, { readonly isPackage: boolean }>();
  /** Whether the program can see an exception's implicit context (`__context__`, or the "During handling of
   *  the above exception" section traceback and logging print): only then do except clauses record it. */
  observesExceptionContext = false;

  /** The local module an import names, from the module `from` (relative imports count `level` dots). */
  localModule(from: string, level: number, module: string): string | undefined {
    const name = resolveModuleName(from, this.locals.get(from)?.isPackage ?? false, level, module);
    return name !== undefined && this.locals.has(name) ? name : undefined;
  }

  /** The type of `name` in a local module: a function, class, value, or submodule. */
  memberType(module: string, name: string): PyType {
    if (this.locals.has(`${module}.${name}`)) return { k: "module", name: `${module}.${name}` };
    return this.modules.get(module)?.moduleBinding(name) ?? T.never;
  }
  round = 0;
  changed = false;

  /** Runs inference rounds over every module until no type changes. */
  solve(): void {
    for (this.round = 0; this.round < MAX_ROUNDS; this.round++) {
      this.changed = false;
      for (const m of this.modules.values()) m.pass();
      if (!this.changed) return;
    }
    // Widening guarantees convergence; if it ever does not, ints must not be trusted to stay safe.
    throw new Error("type inference did not converge");
  }
}

export class Analysis {
  readonly scopes: Scopes;
  readonly diagnostics: Diagnostic[] = [];
  private readonly exprTypes = new Map<A.Expr, PyType>();
  private readonly bindings: Map<string, PyType>;
  private readonly imports = new Map<string, ImportBinding>();
  private readonly functions: Map<string, FunctionInfo>;
  private readonly funcIds: Map<A.FunctionDef | A.Lambda, string>;
  private readonly callees = new Map<A.Call, Callee>();
  private readonly bound = new Map<A.Call, BoundArgs>();
  private readonly siteElts: Map<string, PyType>;
  /** Variables Python reuses for values of different types: scope:name → one assignment per version. */
  private readonly versions = new Map<string, readonly A.Assign[]>();
  private readonly versionOfStmt = new Map<A.Assign, number>();
  private readonly currentVersion = new Map<string, number>();
  private readonly nameVersions = new Map<A.Name, number>();
  private readonly classes: Map<string, ClassInfo>;
  private readonly classIds: Map<A.ClassDef, string>;
  /** Instance attributes assigned through `self.x = …`, by class id. */
  private readonly instanceAttrs: Map<string, Set<string>>;
  private readonly reported = new Set<string>();

  /** One module of `program`; types are known once `program.solve()` has run (see `analyzeModule`). */
  constructor(
    readonly module: A.Module,
    readonly file: string,
    readonly program: ProgramState,
    /** The module's Python name (`helpers`, `utils.io`); `__main__` for the entry script. */
    readonly moduleName = "__main__",
  ) {
    ({ bindings: this.bindings, functions: this.functions, funcIds: this.funcIds, classes: this.classes } = program);
    ({ classIds: this.classIds, instanceAttrs: this.instanceAttrs, siteElts: this.siteElts } = program);
    program.modules.set(moduleName, this);
    this.scopes = new Scopes(module, `m${program.modules.size - 1}`);
    for (const s of this.scopes.all()) {
      if (s.node.kind === "FunctionDef" || s.node.kind === "Lambda") {
        const id = `f${this.functions.size}`;
        this.functions.set(id, { node: s.node, scope: s, isGenerator: s.node.kind === "FunctionDef" && containsYield(s.node.body) });
        this.funcIds.set(s.node, id);
      }
    }
    for (const s of this.scopes.all()) {
      if (s.node.kind !== "ClassDef") continue;
      const id = `c${this.classes.size}`;
      const methods = new Map<string, A.FunctionDef>();
      for (const st of s.node.body) if (st.kind === "FunctionDef") methods.set(st.name, st);
      this.classes.set(id, { id, node: s.node, scope: s, bases: [], methods });
      this.classIds.set(s.node, id);
    }
    this.findVersions();
  }

  /** One round of inference over the module's code. */
  pass(): void {
    this.block(this.module.body, this.scopes.module);
  }

  private findVersions(): void {
    const usedByFunctions = new Set<string>();
    for (const s of this.scopes.all()) {
      if (s === this.scopes.module) continue;
      for (const n of s.freeReads) usedByFunctions.add(n);
      for (const n of s.declaredGlobal) usedByFunctions.add(n);
    }
    for (const s of this.scopes.all()) {
      if (s.kind !== "function" && s.kind !== "module") continue;
      const body = (s.node as A.Module | A.FunctionDef).body;
      const excluded = s === this.scopes.module ? usedByFunctions : new Set<string>();
      for (const [name, stmts] of splittableNames(s, body, this.scopes, excluded)) {
        this.versions.set(`${s.id}:${name}`, stmts);
        stmts.forEach((st, i) => this.versionOfStmt.set(st, i));
      }
    }
  }

  /** Python 2's `/` on ints floors, unless the module says `from __future__ import division`. */
  get classicDivision(): boolean {
    return this.module.dialect === 2 && !this.module.futures?.includes("division");
  }

  // --- accessors -------------------------------------------------------------------------------

  typeOf(e: A.Expr): PyType {
    return this.finish(this.exprTypes.get(e) ?? T.unknown);
  }

  bindingType(scope: Scope, name: string): PyType {
    const versions = this.versions.get(`${scope.id}:${name}`);
    if (versions) return this.finish(versions.map((_, v) => this.bindings.get(`${scope.id}:${name}#${v}`) ?? T.never).reduce((a, b) => join(a, b), T.never));
    return this.finish(this.bindings.get(`${scope.id}:${name}`) ?? T.never);
  }

  /** The types of a reused variable's successive values, when Python reuses it (else undefined). */
  versionTypes(scope: Scope, name: string): PyType[] | undefined {
    const versions = this.versions.get(`${scope.id}:${name}`);
    return versions?.map((_, v) => this.finish(this.bindings.get(`${scope.id}:${name}#${v}`) ?? T.never));
  }

  /** Which value (version) of a reused variable a Name refers to. */
  versionOf(node: A.Name): number | undefined {
    return this.nameVersions.get(node);
  }

  returnType(fn: A.FunctionDef | A.Lambda): PyType {
    const info = this.functionInfo(fn);
    if (info.isGenerator) return T.object("Iterator", undefined, this.bindingType(info.scope, "<yield>"));
    const t = this.bindings.get(`${info.scope.id}:${RETURN}`);
    return this.finish(t ?? T.never);
  }

  /** The return type as inferred so far (never while nothing is known), for use during inference. */
  private rawReturn(fn: A.FunctionDef | A.Lambda): PyType {
    const info = this.functionInfo(fn);
    if (info.isGenerator) return T.object("Iterator", undefined, this.bindings.get(`${info.scope.id}:<yield>`) ?? T.never);
    return this.bindings.get(`${info.scope.id}:${RETURN}`) ?? T.never;
  }

  classInfo(cls: A.ClassDef): ClassInfo {
    return this.classes.get(this.classIds.get(cls)!)!;
  }

  classById(id: string): ClassInfo | undefined {
    return this.classes.get(id);
  }

  /** The class whose body defines `fn` as a method, if any. */
  methodOwner(fn: A.FunctionDef): ClassInfo | undefined {
    const scope = this.functionInfo(fn).scope.parent;
    return scope?.node.kind === "ClassDef" ? this.classInfo(scope.node) : undefined;
  }

  /** A method found along the class's bases (Python's MRO for single inheritance, depth-first otherwise). */
  findMethod(cls: ClassInfo, name: string): { fn: A.FunctionDef; owner: ClassInfo } | undefined {
    const fn = cls.methods.get(name);
    if (fn) return { fn, owner: cls };
    for (const b of cls.bases) {
      const found = this.findMethod(b, name);
      if (found) return found;
    }
    return undefined;
  }

  /** What iterating over a value gives: for an instance of a class with `__iter__`, what that iterator yields. */
  private elementOf(t: PyType): PyType {
    if (t.k !== "instance") return iterElement(t);
    const m = this.findMethod(this.classes.get(t.id)!, "__iter__");
    return m ? iterElement(this.rawReturn(m.fn)) : T.unknown;
  }

  /** The methods of the same name that classes deriving from `fn`'s class define. */
  overridesOf(fn: A.FunctionDef): A.FunctionDef[] {
    const owner = this.methodOwner(fn);
    if (!owner) return [];
    const derives = (c: ClassInfo): boolean => c.bases.some((b) => b === owner || derives(b));
    return [...this.classes.values()].filter((c) => c !== owner && derives(c)).flatMap((c) => c.methods.get(fn.name) ?? []);
  }

  /** The builtin class (an exception) a class derives from, directly or through the script's own bases. */
  builtinBaseOf(cls: ClassInfo): string | undefined {
    return cls.builtinBase ?? cls.bases.map((b) => this.builtinBaseOf(b)).find((b) => b);
  }

  /** The library class a class derives from, directly or through the script's own bases. */
  apiBaseOf(cls: ClassInfo): ClassInfo["apiBase"] {
    if (cls.apiBase) return cls.apiBase;
    for (const b of cls.bases) {
      const found = this.apiBaseOf(b);
      if (found) return found;
    }
    return undefined;
  }

  /** The library member an expression names (`mp.Process`, or `Process` after `from multiprocessing import Process`). */
  libraryMember(e: A.Expr, scope: Scope): { module: string; name: string; row: ApiRow } | undefined {
    if (e.kind === "Name") {
      const imp = this.importOf(scope, e.id);
      const row = imp?.kind === "member" ? moduleMember(imp.module, imp.name) : undefined;
      return imp?.kind === "member" && row ? { module: imp.module, name: imp.name, row } : undefined;
    }
    if (e.kind === "Attribute") {
      const base = this.typeOf(e.value);
      const row = base.k === "module" ? moduleMember(base.name, e.attr) : undefined;
      return base.k === "module" && row ? { module: base.name, name: e.attr, row } : undefined;
    }
    return undefined;
  }

  /** The type of `obj.attr` on an instance: an instance attribute, else a class attribute, along the bases. */
  attributeType(cls: ClassInfo, attr: string): PyType | undefined {
    const inst = this.bindings.get(`attr:${cls.id}:${attr}`);
    if (inst) return inst;
    if (cls.scope.locals.has(attr) && !cls.methods.has(attr)) return this.bindings.get(`${cls.scope.id}:${attr}`) ?? T.never;
    for (const b of cls.bases) {
      const t = this.attributeType(b, attr);
      if (t) return t;
    }
    return undefined;
  }

  /** Attributes assigned on instances (`self.x = …`) of exactly this class, with their types. */
  instanceAttributes(cls: ClassInfo): Map<string, PyType> {
    const out = new Map<string, PyType>();
    for (const a of this.instanceAttrs.get(cls.id) ?? []) out.set(a, this.finish(this.bindings.get(`attr:${cls.id}:${a}`) ?? T.never));
    return out;
  }

  /** The pass-through decorator applied to `fn` (its only decorator), if it is one. */
  decoratorOf(fn: A.FunctionDef): PassThrough | undefined {
    if (fn.decorators.length !== 1) return undefined;
    const t = this.exprTypes.get(fn.decorators[0]!);
    const d = t?.k === "func" ? this.functions.get(t.id)?.node : undefined;
    return d?.kind === "FunctionDef" ? passThrough(d) : undefined;
  }

  /** The decorator whose wrapper `fn` is, once it decorates something. */
  wrapperOf(fn: A.FunctionDef | A.Lambda): PassThrough | undefined {
    const owner = this.functionInfo(fn).scope.parent;
    const d = owner?.node.kind === "FunctionDef" ? this.program.decorated.get(owner.node) : undefined;
    return d?.shape.wrapper === fn ? d.shape : undefined;
  }

  /** The decorator whose `fn(*args, **kwargs)` this call is. */
  forwardingOf(call: A.Call, scope: Scope) {
    const fn = scope.node.kind === "FunctionDef" ? scope.node : undefined;
    const shape = fn && this.wrapperOf(fn);
    return shape && isForwardingCall(call, shape) ? this.program.decorated.get(shape.decorator) : undefined;
  }

  isStatic(fn: A.FunctionDef): "static" | "class" | "property" | "setter" | undefined {
    for (const d of fn.decorators) {
      if (d.kind === "Name" && d.id === "staticmethod") return "static";
      if (d.kind === "Name" && d.id === "classmethod") return "class";
      if (d.kind === "Name" && d.id === "property") return "property";
      if (d.kind === "Attribute" && d.attr === "setter") return "setter";
    }
    return undefined;
  }

  functionInfo(fn: A.FunctionDef | A.Lambda): FunctionInfo {
    return this.functions.get(this.funcIds.get(fn)!)!;
  }

  functionById(id: string): FunctionInfo | undefined {
    return this.functions.get(id);
  }

  importOf(scope: Scope, name: string): ImportBinding | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const b = this.imports.get(`${s.id}:${name}`);
      if (b) return b;
      if (s.locals.has(name)) return undefined;
    }
    return undefined;
  }

  calleeOf(call: A.Call): Callee {
    return this.callees.get(call) ?? { kind: "unknown" };
  }

  boundArgsOf(call: A.Call): BoundArgs | undefined {
    return this.bound.get(call);
  }

  /** For readers: `never` (no value ever flowed in) becomes unknown; site element types are filled in. */
  private finish(t: PyType): PyType {
    return this.resolve(t, true);
  }

  /** Fill the element types learned per creation site (Queue<T>); `external` also turns never into unknown. */
  private resolve(t: PyType, external: boolean): PyType {
    const r = (x: PyType) => this.resolve(x, external);
    switch (t.k) {
      case "never":
        return external ? T.unknown : t;
      case "object": {
        const elt = t.sites ? t.sites.map((s) => this.siteElts.get(s) ?? T.never).reduce((a, b) => join(a, b), T.never) : t.elt;
        // A namedtuple's site holds its field types, as a tuple.
        if (isNamedTuple(t)) return withFieldTypes(t, r(elt ?? T.never));
        return elt ? { ...t, elt: r(elt) } : t;
      }
      case "list":
        return T.list(r(t.elt));
      case "set":
        return T.set(r(t.elt));
      case "dict":
        return T.dict(r(t.key), r(t.value), t.cls);
      case "tuple":
        return T.tuple(t.elts.map(r));
      case "vartuple":
        return T.vartuple(r(t.elt));
      case "union":
        return { k: "union", types: t.types.map(r) };
      default:
        return t;
    }
  }

  // --- bindings --------------------------------------------------------------------------------

  private assignName(scope: Scope, name: string, t: PyType): void {
    const r = this.scopes.resolve(scope, name);
    const owner = r.scope ?? scope;
    this.joinInto(`${owner.id}:${name}`, t);
  }

  private joinInto(key: string, t: PyType): void {
    const prev = this.bindings.get(key) ?? T.never;
    let next = truncate(join(prev, t));
    if (this.program.round >= WIDEN_AFTER) next = widen(prev, next);
    if (!typeEquals(prev, next)) {
      this.bindings.set(key, next);
      this.program.changed = true;
    }
  }

  private assignTarget(target: A.Expr, t: PyType, scope: Scope): void {
    switch (target.kind) {
      case "Name":
        this.assignName(scope, target.id, t);
        this.exprTypes.set(target, t);
        return;
      case "Tuple":
      case "List": {
        target.elts.forEach((e, i) => {
          if (e.kind === "Starred") this.assignTarget(e.value, T.list(iterElement(t)), scope);
          else this.assignTarget(e, this.itemType(t, i) ?? iterElement(t), scope);
        });
        return;
      }
      case "Subscript": {
        const container = this.expr(target.value, scope);
        this.expr(target.index, scope);
        // Element types of containers grow with what is stored in them.
        // `xs[a:b] = items` stores the items' elements.
        const stored = target.index.kind === "Slice" ? iterElement(t) : t;
        if (target.value.kind === "Name" && container.k === "list") this.assignName(scope, target.value.id, T.list(stored));
        if (target.value.kind === "Name" && container.k === "dict") {
          this.assignName(scope, target.value.id, T.dict(this.typeOf(target.index), t, container.cls));
        }
        return;
      }
      case "Attribute": {
        const base = this.expr(target.value, scope);
        if (base.k === "instance") {
          let set = this.instanceAttrs.get(base.id);
          if (!set) this.instanceAttrs.set(base.id, (set = new Set()));
          // An attribute a base class already has stays the base's.
          const owner = this.attrOwner(this.classes.get(base.id)!, target.attr) ?? this.classes.get(base.id)!;
          if (owner.id === base.id) set.add(target.attr);
          this.joinInto(`attr:${owner.id}:${target.attr}`, t);
        }
        return;
      }
      case "Starred":
        this.assignTarget(target.value, t, scope);
        return;
      default:
        return;
    }
  }

  // --- statements ------------------------------------------------------------------------------

  private block(body: readonly A.Stmt[], scope: Scope): void {
    const depth = this.narrowings.length;
    for (const s of body) {
      atStatement(s.loc, () => this.stmt(s, scope));
      // `if x is None: break` (or continue/return/raise): below it, in this block, x is not None.
      if (s.kind === "If" && s.orelse.length === 0 && exits(s.body)) {
        const name = noneTest(s.test, "is");
        if (name) this.narrowings.push({ key: this.bindingKey(scope, name), drop: ["None"] });
      }
    }
    this.narrowings.length = depth;
  }

  /** Active narrowings: a binding whose union type loses the members of some kinds in the current region. */
  private readonly narrowings: { key: string; drop: readonly PyType["k"][] }[] = [];

  private bindingKey(scope: Scope, name: string): string {
    const r = this.scopes.resolve(scope, name);
    return `${(r.scope ?? scope).id}:${name}`;
  }

  private narrow(key: string, t: PyType): PyType {
    for (const n of this.narrowings) {
      if (n.key === key && t.k === "union") {
        const rest = t.types.filter((m) => !n.drop.includes(m.k));
        // A test no member passes leaves a block that never runs: its type stays as it was.
        if (rest.length > 0) t = rest.length === 1 ? rest[0]! : { k: "union", types: rest };
      }
    }
    return t;
  }

  private stmt(s: A.Stmt, scope: Scope): void {
    switch (s.kind) {
      case "FunctionDef": {
        const inner = this.scopes.scopeOf(s);
        for (const d of s.decorators) this.expr(d, scope);
        const shape = this.decoratorOf(s);
        if (shape) {
          const entry = this.program.decorated.get(shape.decorator) ?? { shape, functions: new Set<A.FunctionDef>() };
          this.program.decorated.set(shape.decorator, entry);
          entry.functions.add(s);
          // The decorator's `fn` is each function it decorates: `fn.__name__` and the forwarding call know it.
          this.joinInto(`${this.functionInfo(shape.decorator).scope.id}:${shape.fn}`, { k: "func", id: this.funcIds.get(s)! });
        }
        for (const p of s.params) {
          if (p.default) this.joinInto(`${inner.id}:${p.name}`, this.expr(p.default, scope));
          if (p.variety === "vararg") this.joinInto(`${inner.id}:${p.name}`, T.vartuple(T.never));
          if (p.variety === "kwarg") this.joinInto(`${inner.id}:${p.name}`, T.dict(T.str, T.unknown));
        }
        this.assignName(scope, s.name, { k: "func", id: this.funcIds.get(s)! });
        this.block(s.body, inner);
        if (!endsWithReturn(s.body)) this.joinInto(`${inner.id}:${RETURN}`, T.none);
        return;
      }
      case "ClassDef": {
        const info = this.classInfo(s);
        info.bases = [];
        for (const b of s.bases) {
          const t = this.expr(b, scope);
          const api = this.libraryMember(b, scope);
          if (t.k === "class") info.bases.push(this.classes.get(t.id)!);
          else if (b.kind === "Name" && this.scopes.resolve(scope, b.id).kind === "builtin" && b.id !== "object") info.builtinBase = b.id;
          else if (api) {
            // Only a subclassable library class is a base; the emitter reports any other.
            const result = api.row.kind === "new" ? api.row.result?.(NO_ARGS) : undefined;
            const cls = result?.k === "object" ? result.cls : undefined;
            if (cls && runtimeClass(cls)?.row.subclassable) info.apiBase = { module: api.module, row: api.row, cls };
          }
        }
        this.assignName(scope, s.name, { k: "class", id: info.id });
        // Methods receive the instance (or the class) as their first parameter.
        for (const fn of info.methods.values()) {
          const first = fn.params[0];
          const kind = this.isStatic(fn);
          if (!first || kind === "static") continue;
          this.joinInto(`${this.functionInfo(fn).scope.id}:${first.name}`, kind === "class" ? { k: "class", id: info.id } : { k: "instance", id: info.id });
        }
        this.block(s.body, this.scopes.scopeOf(s));
        return;
      }
      case "Return":
        this.joinInto(`${this.ownerFunction(scope).id}:${RETURN}`, s.value ? this.expr(s.value, scope) : T.none);
        return;
      case "Assign": {
        const t = this.expr(s.value, scope);
        const v = this.versionOfStmt.get(s);
        if (v !== undefined && s.targets[0]!.kind === "Name") {
          const target = s.targets[0];
          this.joinInto(`${scope.id}:${target.id}#${v}`, t);
          this.currentVersion.set(`${scope.id}:${target.id}`, v);
          this.nameVersions.set(target, v);
          this.exprTypes.set(target, t);
          return;
        }
        for (const target of s.targets) this.assignTarget(target, t, scope);
        return;
      }
      case "AugAssign": {
        const cur = this.expr(s.target, scope);
        const t = this.binop(s.op, cur, this.expr(s.value, scope));
        this.assignTarget(s.target, t, scope);
        return;
      }
      case "AnnAssign":
        if (s.value) this.assignTarget(s.target, this.expr(s.value, scope), scope);
        return;
      case "For": {
        const it = this.expr(s.iter, scope);
        this.assignTarget(s.target, this.elementOf(it), scope);
        this.block(s.body, scope);
        this.block(s.orelse, scope);
        return;
      }
      case "With":
        for (const item of s.items) {
          const t = this.expr(item.context, scope);
          const entered = t.k === "object" ? runtimeClass(t.cls)?.row.enters : undefined;
          if (item.target) this.assignTarget(item.target, entered ?? t, scope);
        }
        this.block(s.body, scope);
        return;
      case "Import":
        for (const a of s.names) {
          const bound = a.asname ?? a.name.split(".")[0]!;
          const module = a.asname ? a.name : a.name.split(".")[0]!;
          this.noteContextObserver(a.name);
          this.imports.set(`${scope.id}:${bound}`, { kind: "module", module });
          this.assignName(scope, bound, { k: "module", name: module });
        }
        return;
      case "ImportFrom": {
        const local = this.program.localModule(this.moduleName, s.level, s.module);
        if (local) {
          for (const a of s.names) {
            const bound = a.asname ?? a.name;
            const sub = `${local}.${a.name}`;
            if (this.program.locals.has(sub)) {
              this.imports.set(`${scope.id}:${bound}`, { kind: "module", module: sub });
              this.assignName(scope, bound, { k: "module", name: sub });
            } else {
              this.imports.set(`${scope.id}:${bound}`, { kind: "local", module: local, name: a.name });
              this.assignName(scope, bound, this.program.memberType(local, a.name));
            }
          }
          return;
        }
        this.noteContextObserver(s.module);
        for (const a of s.names) {
          const bound = a.asname ?? a.name;
          if (moduleTable(`${s.module}.${a.name}`)) {
            this.imports.set(`${scope.id}:${bound}`, { kind: "module", module: `${s.module}.${a.name}` });
            this.assignName(scope, bound, { k: "module", name: `${s.module}.${a.name}` });
          } else {
            this.imports.set(`${scope.id}:${bound}`, { kind: "member", module: s.module, name: a.name });
            this.assignName(scope, bound, T.unknown);
          }
        }
        return;
      }
      case "Try":
        this.block(s.body, scope);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type, scope);
          if (h.name) this.assignName(scope, h.name, h.type ? this.caughtType(h.type, scope) : T.object("Exception"));
          this.block(h.body, scope);
        }
        this.block(s.orelse, scope);
        this.block(s.finalbody, scope);
        return;
      case "If": {
        this.expr(s.test, scope);
        const name = noneTest(s.test, "is not");
        const typeTest = name ? undefined : isinstanceTest(s.test, (id) => this.scopes.resolve(scope, id).kind === "builtin");
        const narrowing = (drop: readonly PyType["k"][], test: string) => ({ key: this.bindingKey(scope, test), drop });
        if (name) this.narrowings.push(narrowing(["None"], name));
        // `if isinstance(x, str):` — x is a str in the body, and not one in the else block.
        if (typeTest) this.narrowings.push(narrowing(ALL_KINDS.filter((k) => !typeTest.kinds.includes(k)), typeTest.name));
        this.block(s.body, scope);
        if (name || typeTest) this.narrowings.pop();
        if (typeTest) this.narrowings.push(narrowing(typeTest.kinds, typeTest.name));
        this.block(s.orelse, scope);
        if (typeTest) this.narrowings.pop();
        return;
      }
      default: {
        const exprs =
          s.kind === "ExprStmt" ? [s.value]
          : s.kind === "While" ? [s.test]
          : s.kind === "Raise" ? [s.exc, s.cause]
          : s.kind === "Assert" ? [s.test, s.msg]
          : s.kind === "PrintStmt" ? [s.dest, ...s.values]
          : s.kind === "Delete" ? s.targets
          : [];
        for (const e of exprs) if (e) this.expr(e, scope);
        for (const b of childBlocks(s)) this.block(b, scope);
      }
    }
  }

  /** The class whose method body `scope` is in. */
  enclosingClass(scope: Scope): ClassInfo | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === "class") return this.classInfo(s.node as A.ClassDef);
    }
    return undefined;
  }

  private attrOwner(cls: ClassInfo, attr: string): ClassInfo | undefined {
    for (const b of cls.bases) {
      if (this.instanceAttrs.get(b.id)?.has(attr)) return b;
      const deeper = this.attrOwner(b, attr);
      if (deeper) return deeper;
    }
    return undefined;
  }

  private ownerFunction(scope: Scope): Scope {
    let s = scope;
    while (s.kind === "comprehension" && s.parent) s = s.parent;
    return s;
  }

  // --- expressions -----------------------------------------------------------------------------

  private expr(e: A.Expr, scope: Scope): PyType {
    const t = this.exprInner(e, scope);
    this.exprTypes.set(e, t);
    return t;
  }

  private exprInner(e: A.Expr, scope: Scope): PyType {
    switch (e.kind) {
      case "Constant":
        return constantType(e.value);
      case "Name": {
        const r = this.scopes.resolve(scope, e.id);
        const key = r.scope ? `${r.scope.id}:${e.id}` : "";
        if (this.versions.has(key)) {
          const v = this.currentVersion.get(key) ?? 0;
          this.nameVersions.set(e, v);
          return this.bindings.get(`${key}#${v}`) ?? T.never;
        }
        return this.nameType(e.id, scope);
      }
      case "Attribute": {
        if (e.attr === "__context__") this.program.observesExceptionContext = true;
        const base = this.expr(e.value, scope);
        if (base.k === "never") return T.never;
        if ((base.k === "func" || (base.k === "union" && base.types.every((x) => x.k === "func"))) && e.attr === "__name__") return T.str;
        if (base.k === "module" && this.program.locals.has(base.name)) return this.program.memberType(base.name, e.attr);
        if (base.k === "module") {
          const row = moduleMember(base.name, e.attr);
          if (row?.kind === "attr") return row.result?.(this.argTypes(new Map(), base)) ?? T.unknown;
          if (moduleTable(`${base.name}.${e.attr}`)) return { k: "module", name: `${base.name}.${e.attr}` };
          return this.runtimeClassObject(row) ?? T.unknown;
        }
        if (base.k === "instance" || base.k === "class") {
          const cls = this.classes.get(base.id)!;
          const m = this.findMethod(cls, e.attr);
          if (m) return this.isStatic(m.fn) === "property" ? this.rawReturn(m.fn) : { k: "func", id: this.funcIds.get(m.fn)! };
          // An attribute of the library base class (a Process's name, exitcode).
          const api = base.k === "instance" ? this.apiBaseOf(cls) : undefined;
          const row = api && classMember(api.cls, e.attr);
          if (row?.kind === "attr") return row.result?.(this.argTypes(new Map(), base)) ?? T.unknown;
          // Not assigned yet in this round: no information (never), rather than anything.
          return this.attributeType(cls, e.attr) ?? T.never;
        }
        const row = base.k === "object" ? classMember(base.cls, e.attr) : undefined;
        if (row?.kind === "attr") return row.result?.(this.argTypes(new Map(), this.resolve(base, false))) ?? T.unknown;
        const resolved = this.resolve(base, false);
        return (resolved.k === "object" && resolved.fields?.[e.attr]) || T.unknown;
      }
      case "Call":
        return this.call(e, scope);
      case "BinOp":
        return this.binop(e.op, this.expr(e.left, scope), this.expr(e.right, scope));
      case "UnaryOp": {
        const t = this.expr(e.operand, scope);
        if (e.op === "not") return T.bool;
        const r = intRange(t);
        if (r && e.op === "-") return { k: "int", range: negate(r) };
        if (r && e.op === "~") return { k: "int", range: negate({ lo: r.lo + 1, hi: r.hi + 1 }) };
        if (r) return { k: "int", range: r };
        return t;
      }
      case "BoolOp":
        return e.values.map((v) => this.expr(v, scope)).reduce<PyType>((a, b) => join(a, b), T.never);
      case "Compare":
        this.expr(e.left, scope);
        for (const c of e.comparators) this.expr(c, scope);
        return T.bool;
      case "IfExp":
        this.expr(e.test, scope);
        return join(this.expr(e.body, scope), this.expr(e.orelse, scope));
      case "List":
        return T.list(e.elts.map((x) => this.expr(x, scope)).reduce<PyType>((a, b) => join(a, b), T.never));
      case "Set":
        return T.set(e.elts.map((x) => this.expr(x, scope)).reduce<PyType>((a, b) => join(a, b), T.never));
      case "Tuple":
        return T.tuple(e.elts.map((x) => this.expr(x, scope)));
      case "Dict": {
        let k: PyType = T.never;
        let v: PyType = T.never;
        for (const item of e.items) {
          if (item.key) k = join(k, this.expr(item.key, scope));
          v = join(v, this.expr(item.value, scope));
        }
        return T.dict(k, v);
      }
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp": {
        const inner = this.scopes.scopeOf(e);
        e.generators.forEach((g, i) => {
          const it = this.expr(g.iter, i === 0 ? scope : inner);
          this.assignTarget(g.target, this.elementOf(it), inner);
          for (const c of g.ifs) this.expr(c, inner);
        });
        if (e.kind === "DictComp") return T.dict(this.expr(e.key, inner), this.expr(e.value, inner));
        const elt = this.expr(e.elt, inner);
        return e.kind === "ListComp" ? T.list(elt) : e.kind === "SetComp" ? T.set(elt) : T.object("Iterator", undefined, elt);
      }
      case "JoinedStr":
        for (const v of e.values) this.expr(v, scope);
        return T.str;
      case "FormattedValue":
        this.expr(e.value, scope);
        if (e.spec) this.expr(e.spec, scope);
        return T.str;
      case "Subscript": {
        const base = this.expr(e.value, scope);
        const index = this.expr(e.index, scope);
        if (e.index.kind === "Slice") {
          // A shared Array's slice is a list, but bytes for 'c' and str for 'u' (as ctypes gives them).
          if (base.k === "object" && base.cls === "Array") return base.elt?.k === "bytes" || base.elt?.k === "str" ? base.elt : T.list(base.elt ?? T.unknown);
          return base;
        }
        switch (base.k) {
          case "list":
            return base.elt;
          case "tuple": {
            const r = intRange(index);
            if (r && r.lo === r.hi) return base.elts.at(r.lo) ?? T.unknown;
            return iterElement(base);
          }
          case "object": {
            const r = intRange(index);
            const item = r && r.lo === r.hi ? this.itemType(base, r.lo) : undefined;
            if (item) return item;
            const resolved = this.resolve(base, false);
            return resolved.k === "object" ? (resolved.elt ?? T.unknown) : T.unknown;
          }
          case "dict":
            return base.value;
          case "vartuple":
            return base.elt;
          case "str":
            return T.str;
          case "bytes":
            return T.int(0, 255);
          case "range":
            return T.int(base.elt.lo, base.elt.hi);
          default:
            return T.unknown;
        }
      }
      case "Slice":
        for (const p of [e.lower, e.upper, e.step]) if (p) this.expr(p, scope);
        return T.unknown;
      case "Starred":
        return this.expr(e.value, scope);
      case "Lambda": {
        const inner = this.scopes.scopeOf(e);
        for (const p of e.params) if (p.default) this.joinInto(`${inner.id}:${p.name}`, this.expr(p.default, scope));
        this.joinInto(`${inner.id}:${RETURN}`, this.expr(e.body, inner));
        return { k: "func", id: this.funcIds.get(e)! };
      }
      case "NamedExpr": {
        const t = this.expr(e.value, scope);
        this.assignTarget(e.target, t, this.ownerFunction(scope));
        return t;
      }
      case "Yield": {
        const t = e.value ? this.expr(e.value, scope) : T.none;
        this.joinInto(`${this.ownerFunction(scope).id}:<yield>`, e.from ? iterElement(t) : t);
        return T.unknown;
      }
    }
  }

  private nameType(name: string, scope: Scope): PyType {
    const r = this.scopes.resolve(scope, name);
    if (r.kind === "builtin") {
      if (name === "True" || name === "False") return T.bool;
      if (name === "__name__") return T.str;
      return T.unknown;
    }
    const imp = this.importOf(scope, name);
    if (imp?.kind === "module") return { k: "module", name: imp.module };
    if (imp?.kind === "member") {
      const cls = this.runtimeClassObject(moduleMember(imp.module, imp.name));
      if (cls) return cls;
    }
    const key = `${r.scope!.id}:${name}`;
    return this.narrow(key, this.bindings.get(key) ?? T.never);
  }

  // --- calls -----------------------------------------------------------------------------------

  private call(call: A.Call, scope: Scope): PyType {
    const forwarded = this.forwardingOf(call, scope);
    if (forwarded) {
      // `fn(*args, **kwargs)` in a pass-through wrapper returns what the decorated functions return.
      this.callees.set(call, { kind: "forward" });
      return [...forwarded.functions].reduce((t, fn) => join(t, this.rawReturn(fn)), T.never as PyType);
    }
    const callee = this.resolveCallee(call, scope);
    this.callees.set(call, callee);
    for (const a of call.args) this.expr(a, scope);
    for (const k of call.keywords) this.expr(k.value, scope);
    switch (callee.kind) {
      case "print":
        return T.none;
      case "userClass": {
        const cls = this.classInfo(callee.cls);
        const init = this.findMethod(cls, "__init__");
        if (init) this.bindUserCall(init.fn, call, true);
        return { k: "instance", id: cls.id };
      }
      case "super":
        this.bindUserCall(callee.fn, call, true);
        return this.rawReturn(callee.fn);
      case "user": {
        if (callee.method) {
          // The method may be an override in a subclass (`self.area()` in a base's method): each one takes the
          // arguments, and the call returns what any of them returns.
          const skipSelf = this.isStatic(callee.fn) !== "static";
          const fns = [callee.fn, ...this.overridesOf(callee.fn)];
          for (const fn of fns) this.bindUserCall(fn, call, skipSelf);
          return fns.reduce((t, fn) => join(t, this.rawReturn(fn)), T.never as PyType);
        }
        const info = this.functionInfo(callee.fn);
        const params = callee.fn.params;
        const bound = bindArgs(callee.fn.name, params, call);
        if (typeof bound === "string") {
          this.report(call.loc, "badArguments", bound);
          return this.rawReturn(callee.fn);
        }
        this.bound.set(call, bound);
        // Raw types: a value not known yet is `never` here (unknown only once inference is over).
        const raw = (e: A.Expr) => this.exprTypes.get(e) ?? T.never;
        for (const [name, arg] of bound.byParam) this.joinInto(`${info.scope.id}:${name}`, raw(arg));
        if (bound.varargs) this.joinInto(`${info.scope.id}:${bound.varargs.name}`, T.tuple(bound.varargs.values.map(raw)));
        this.bindKeywordExtras(info, params, bound);
        return this.rawReturn(callee.fn);
      }
      case "api": {
        const rawSelfType = callee.self ? this.resolve(this.exprTypes.get(callee.self) ?? T.never, false) : undefined;
        const selfType = rawSelfType && (optionalOf(rawSelfType) ?? rawSelfType);
        const bound = bindArgs(callee.qualified.split(".").pop()!, parseSignature(callee.row.params), call);
        if (typeof bound === "string") {
          this.report(call.loc, "badArguments", bound);
          return T.unknown;
        }
        this.bound.set(call, bound);
        if (callee.qualified === "collections.namedtuple") return this.defineNamedTuple(call);
        const args = this.argTypes(bound.byParam, selfType, bound);
        const problem = callee.row.check?.(args);
        const at = problem && (bound.byParam.get(problem.param)?.loc ?? call.loc);
        if (problem?.warning) this.report(at!, "runtimeDifference", problem.message);
        else if (problem?.regex === false) this.report(at!, "unsupportedCall", `${callee.qualified.replace(/^builtins\./, "")}()`, problem.message);
        else if (problem?.regex) this.report(at!, "untranslatableRegex", problem.message);
        else if (problem) this.report(at!, "untranslatableArgument", problem.message);
        for (const [param, types] of callee.row.flows?.(args) ?? []) {
          const fnExpr = bound.byParam.get(param);
          if (fnExpr) this.flowInto(fnExpr, types);
        }
        for (const param of callee.row.pickled ?? []) {
          const fnExpr = bound.byParam.get(param);
          if (fnExpr) this.checkPicklable(fnExpr);
        }
        const added = callee.row.addsElement?.(args);
        // The container an element goes into: the receiver, or an argument (heapq.heappush's heap).
        const container = callee.self ?? (callee.row.addsTo ? bound.byParam.get(callee.row.addsTo) : undefined);
        const rawSelf = container ? this.exprTypes.get(container) : undefined;
        if (added && rawSelf?.k === "object" && rawSelf.sites) {
          for (const site of rawSelf.sites) {
            const prev = this.siteElts.get(site) ?? T.never;
            const next = join(prev, added);
            if (!typeEquals(prev, next)) {
              this.siteElts.set(site, next);
              this.program.changed = true;
            }
          }
        }
        // Containers grow with what is stored in them (`xs.append(x)` makes xs a list of x's type).
        if (added && rawSelf && container?.kind === "Name" && (rawSelf.k === "list" || rawSelf.k === "set")) {
          this.assignName(scope, container.id, rawSelf.k === "list" ? T.list(added) : T.set(added));
        }
        let result = callee.row.result?.(args) ?? T.unknown;
        // Objects whose element type is learned from later use (a Queue) are identified by creation site.
        if (result.k === "object" && callee.row.kind === "new" && !result.elt && runtimeClass(result.cls)?.row.learnsElement) {
          result = { ...result, sites: [`${call.loc.line}:${call.loc.col}`] };
        }
        return result;
      }
      default: {
        // A method of a value we know nothing about yet: no information (rather than "anything").
        if (call.func.kind === "Attribute" && (this.exprTypes.get(call.func.value) ?? T.never).k === "never") return T.never;
        const made = this.constructNamedTuple(call, scope);
        if (made) return made;
        // A method of a value that is an instance of one of several classes (an item of a list of shapes):
        // each class's method takes the arguments, and the call returns what any of them returns.
        const methods = call.func.kind === "Attribute" ? this.unionMethods(this.exprTypes.get(call.func.value) ?? T.never, call.func.attr) : [];
        if (methods.length > 0) {
          for (const fn of methods) this.bindUserCall(fn, call, this.isStatic(fn) !== "static");
          return methods.reduce((t, fn) => join(t, this.rawReturn(fn)), T.never as PyType);
        }
        // A lambda called through a variable or a container (`ops["add"](3, 4)`): its parameters learn the arguments.
        const lambdas = this.lambdasOf(call.func.kind === "Attribute" ? T.unknown : this.expr(call.func, scope));
        if (lambdas.length === 0 || call.keywords.length > 0) return T.unknown;
        const argTypes = call.args.map((a) => this.exprTypes.get(a) ?? T.never);
        for (const fn of lambdas) this.flowIntoFunction(fn, argTypes);
        return lambdas.reduce((t, fn) => join(t, this.rawReturn(fn.node)), T.never as PyType);
      }
    }
  }

  /** Binds a call's arguments to a function's parameters (after `self` for methods) and joins their types. */
  private bindUserCall(fn: A.FunctionDef, call: A.Call, skipSelf: boolean): void {
    const info = this.functionInfo(fn);
    const params = skipSelf ? fn.params.slice(1) : fn.params;
    const bound = bindArgs(fn.name, params, call);
    if (typeof bound === "string") {
      this.report(call.loc, "badArguments", bound);
      return;
    }
    this.bound.set(call, bound);
    for (const [name, arg] of bound.byParam) this.joinInto(`${info.scope.id}:${name}`, this.exprTypes.get(arg) ?? T.never);
    if (bound.varargs) this.joinInto(`${info.scope.id}:${bound.varargs.name}`, T.tuple(bound.varargs.values.map((v) => this.exprTypes.get(v) ?? T.never)));
    this.bindKeywordExtras(info, params, bound);
  }

  /** `**kwargs` is a dict of the keyword arguments no other parameter took. */
  private bindKeywordExtras(info: FunctionInfo, params: readonly A.Param[], bound: BoundArgs): void {
    const kwarg = params.find((p) => p.variety === "kwarg");
    if (!kwarg) return;
    const value = keywordValuesType(bound, (v) => this.exprTypes.get(v) ?? T.never);
    this.joinInto(`${info.scope.id}:${kwarg.name}`, T.dict(T.str, value));
  }

  /** CPython pickles a Pool task's function by its qualified name: a lambda or a function defined inside
   *  another one cannot be found that way, and the call fails at run time (the runtime raises the same error). */
  private checkPicklable(fnExpr: A.Expr): void {
    const t = this.typeOf(fnExpr);
    const fn = t.k === "func" ? this.functions.get(t.id) : undefined;
    if (!fn) return;
    let message: string | undefined;
    if (fn.node.kind === "Lambda") {
      message = "Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed";
    } else if (fn.scope.parent && fn.scope.parent.kind !== "module" && fn.scope.parent.kind !== "class") {
      message = `Can't pickle local object '${qualifiedName(fn.scope)}'`;
    }
    if (message) this.report(fnExpr.loc, "unpicklableTask", message);
  }

  /** Types flowing into a function passed as an argument (Pool.map's func, Process's target). */
  private flowInto(fnExpr: A.Expr, types: readonly PyType[]): void {
    const t = this.typeOf(fnExpr);
    const fn = t.k === "func" ? this.functions.get(t.id) : undefined;
    if (fn) this.flowIntoFunction(fn, types);
  }

  /** `namedtuple("Point", "x y")`: the type object, identified by this call's site. */
  private defineNamedTuple(call: A.Call): PyType {
    const shape = namedTupleShape(call);
    if (typeof shape === "string") {
      this.report(call.loc, "unsupportedCall", "collections.namedtuple()", shape);
      return T.unknown;
    }
    return namedTupleType(NAMED_TUPLE_TYPE, `${call.loc.line}:${call.loc.col}`, shape.fields);
  }

  /** `Point(1, y=2)`: an instance; the arguments' types are the fields' (joined per definition site). */
  private constructNamedTuple(call: A.Call, scope: Scope): PyType | undefined {
    if (call.func.kind === "Attribute") return undefined;
    const t = this.expr(call.func, scope);
    if (t.k !== "object" || t.cls !== NAMED_TUPLE_TYPE || !t.fields) return undefined;
    const fields = Object.keys(t.fields ?? {});
    const typename = call.func.kind === "Name" ? call.func.id : "namedtuple";
    const args = bindFields({ typename, fields }, call);
    if (typeof args === "string") {
      this.report(call.loc, "badArguments", args);
      return T.never;
    }
    this.joinSite(t.sites![0]!, T.tuple(args.map((a) => this.exprTypes.get(a) ?? T.never)));
    return { ...t, cls: NAMED_TUPLE };
  }

  private joinSite(site: string, t: PyType): void {
    const prev = this.siteElts.get(site) ?? T.never;
    let next = truncate(join(prev, t));
    // A field computed from the field (`Point(p.x + 10, …)`) grows each round: widened as bindings are.
    if (this.program.round >= WIDEN_AFTER) next = widen(prev, next);
    if (!typeEquals(prev, next)) {
      this.siteElts.set(site, next);
      this.program.changed = true;
    }
  }

  /** The type of item `i` of a tuple or a namedtuple, when known. */
  itemType(t: PyType, i: number): PyType | undefined {
    if (t.k === "tuple") return t.elts.at(i);
    const resolved = this.resolve(t, false);
    return resolved.k === "object" && resolved.cls === NAMED_TUPLE && resolved.fields ? fieldTypes(resolved).at(i) : undefined;
  }

  /** The methods named `attr` of a union of instances, with their overrides; none unless every class has one. */
  private unionMethods(t: PyType, attr: string): A.FunctionDef[] {
    if (t.k !== "union" || !t.types.every((m) => m.k === "instance")) return [];
    const found = t.types.map((m) => this.findMethod(this.classes.get((m as { id: string }).id)!, attr)?.fn);
    if (!found.every((fn) => fn)) return [];
    return [...new Set((found as A.FunctionDef[]).flatMap((fn) => [fn, ...this.overridesOf(fn)]))];
  }

  /** The lambdas a value may be (one, or a union of them: the values of a dict of lambdas). */
  private lambdasOf(t: PyType): FunctionInfo[] {
    const members = t.k === "union" ? t.types : [t];
    const fns = members.map((m) => (m.k === "func" ? this.functions.get(m.id) : undefined));
    return fns.every((fn) => fn?.node.kind === "Lambda") ? (fns as FunctionInfo[]) : [];
  }

  private flowIntoFunction(fn: FunctionInfo, types: readonly PyType[]): void {
    const params = fn.node.params.filter((p) => p.variety === "positional");
    types.forEach((ty, i) => {
      if (params[i]) this.joinInto(`${fn.scope.id}:${params[i]!.name}`, ty);
    });
  }

  private argTypes(byParam: Map<string, A.Expr>, self: PyType | undefined, bound?: BoundArgs) {
    const get = (param: string): PyType | undefined => {
      if (param === "self") return self;
      if (bound?.varargs && (param === bound.varargs.name || param === `*${bound.varargs.name}`)) {
        const values = bound.varargs.values.map((v) => this.typeOf(v));
        return values.length === 1 && param.startsWith("*") ? values[0] : T.tuple(values);
      }
      // `**kwargs`: the keyword arguments no other parameter took, as a dict of str keys.
      if (param.startsWith("**")) {
        return bound?.kwargs.size ? T.dict(T.str, keywordValuesType(bound, (v) => this.typeOf(v))) : undefined;
      }
      const e = byParam.get(param);
      return e ? this.resolve(this.exprTypes.get(e) ?? T.never, false) : undefined;
    };
    return {
      get,
      returnOf: (param: string) => {
        const t = get(param);
        const fn = t?.k === "func" ? this.functions.get(t.id) : undefined;
        return fn ? this.rawReturn(fn.node) : undefined;
      },
      builtinName: (param: string) => {
        const e = byParam.get(param);
        return e?.kind === "Name" && this.scopes.resolve(this.scopes.module, e.id).kind === "builtin" ? e.id : undefined;
      },
      literal: (param: string) => literalValue(byParam.get(param)),
      varargLiterals: () => (bound?.varargs?.values ?? []).map(literalValue),
    };
  }

  private resolveCallee(call: A.Call, scope: Scope): Callee {
    const f = call.func;
    if (f.kind === "Name") {
      const r = this.scopes.resolve(scope, f.id);
      if (r.kind === "builtin") {
        if (f.id === "print") return { kind: "print" };
        const name = this.module.dialect === 2 && f.id in PY2_RENAMES ? PY2_RENAMES[f.id]! : f.id;
        const row = moduleMember("builtins", name);
        return row ? { kind: "api", row, qualified: `builtins.${f.id}` } : { kind: "unknown" };
      }
      const imp = this.importOf(scope, f.id);
      if (imp?.kind === "member") {
        const row = moduleMember(imp.module, imp.name);
        return row ? { kind: "api", row, qualified: `${imp.module}.${imp.name}` } : { kind: "unknown" };
      }
      return this.userCallee(this.nameType(f.id, scope));
    }
    if (f.kind === "Attribute") {
      // super().m(...): the method of the first base class that defines it.
      if (f.value.kind === "Call" && f.value.func.kind === "Name" && f.value.func.id === "super") {
        const owner = this.enclosingClass(scope);
        for (const b of owner?.bases ?? []) {
          const m = this.findMethod(b, f.attr);
          if (m) return { kind: "super", fn: m.fn, cls: m.owner.node };
        }
        const api = owner && this.apiBaseOf(owner);
        if (api && f.attr === "__init__") return { kind: "api", row: api.row, qualified: `${api.module}.${api.row.ts}`, superInit: true };
        // An exception class's `super().__init__(key, reason)`: the builtin base records its args.
        const builtin = owner && this.builtinBaseOf(owner);
        const row = builtin && f.attr === "__init__" ? moduleMember("builtins", builtin) : undefined;
        if (row) return { kind: "api", row, qualified: `builtins.${builtin}`, superInit: true };
        return { kind: "unknown" };
      }
      const base = this.expr(f.value, scope);
      if (base.k === "instance" || base.k === "class") {
        const cls = this.classes.get(base.id)!;
        const m = this.findMethod(cls, f.attr);
        if (m) return { kind: "user", fn: m.fn, self: f.value, method: true };
        const api = base.k === "instance" ? this.apiBaseOf(cls) : undefined;
        const row = api && classMember(api.cls, f.attr);
        if (row) return { kind: "api", row, qualified: `${api.cls}.${f.attr}`, self: f.value };
        return { kind: "unknown" };
      }
      if (base.k === "module" && this.program.locals.has(base.name)) return this.userCallee(this.program.memberType(base.name, f.attr));
      if (base.k === "module") {
        const row: ApiRow | undefined = moduleMember(base.name, f.attr);
        return row ? { kind: "api", row, qualified: `${base.name}.${f.attr}` } : { kind: "unknown" };
      }
      const cls = typeClass(base);
      if (cls) {
        const row = classMember(cls, f.attr);
        return row ? { kind: "api", row, qualified: `${cls}.${f.attr}`, self: f.value } : { kind: "unknown" };
      }
    }
    return { kind: "unknown" };
  }

  /** A runtime class named as a value (`datetime.now()`, `Path.cwd()`): typed as its instances, whose rows
   *  hold the class's static methods too. */
  private runtimeClassObject(row: ApiRow | undefined): PyType | undefined {
    if (row?.kind !== "new") return undefined;
    const t = row.result?.(this.argTypes(new Map(), undefined));
    return t?.k === "object" && runtimeClass(t.cls) ? t : undefined;
  }

  private noteContextObserver(module: string): void {
    if (module === "traceback" || module === "logging") this.program.observesExceptionContext = true;
  }

  /** A call of a value of the program: one of its functions or classes (possibly from another module). */
  private userCallee(t: PyType): Callee {
    if (t.k === "func") {
      const fn = this.functions.get(t.id);
      if (fn?.node.kind === "FunctionDef") return { kind: "user", fn: fn.node };
    }
    if (t.k === "class") return { kind: "userClass", cls: this.classes.get(t.id)!.node };
    return { kind: "unknown" };
  }

  /** The type a module-level name has during inference (all its values joined). */
  moduleBinding(name: string): PyType {
    const scope = this.scopes.module;
    const imp = this.imports.get(`${scope.id}:${name}`);
    if (imp?.kind === "module") return { k: "module", name: imp.module };
    const versions = this.versions.get(`${scope.id}:${name}`);
    if (versions) return versions.map((_, v) => this.bindings.get(`${scope.id}:${name}#${v}`) ?? T.never).reduce((a, b) => join(a, b), T.never);
    return this.bindings.get(`${scope.id}:${name}`) ?? T.never;
  }

  /** The type bound by `except mod.Error as e`: a library exception class with attributes of its own
   *  (subprocess.CalledProcessError's returncode) is that class; any other exception is an Exception. */
  private caughtType(type: A.Expr, scope: Scope): PyType {
    // The script's own exception classes: an instance of the class (or of one of a tuple of them).
    if (type.kind === "Tuple") return type.elts.map((t) => this.caughtType(t, scope)).reduce((a, b) => join(a, b), T.never);
    const t = this.exprTypes.get(type);
    if (t?.k === "class") return { k: "instance", id: t.id };
    if (type.kind === "Attribute") {
      const base = this.expr(type.value, scope);
      const row = base.k === "module" ? moduleMember(base.name, type.attr) : undefined;
      const t = row?.kind === "new" ? row.result?.(this.argTypes(new Map(), undefined)) : undefined;
      if (t?.k === "object" && runtimeClass(t.cls)) return t;
    }
    return T.object("Exception");
  }

  // --- operators -------------------------------------------------------------------------------

  binop(op: A.BinaryOperator, l: PyType, r: PyType): PyType {
    if (l.k === "never" || r.k === "never") return T.never;
    const lr = intRange(l);
    const rr = intRange(r);
    if (lr && rr) {
      if (op === "/") return this.classicDivision ? { k: "int", range: intBinop("//", lr, rr) } : T.float;
      if (op === "**" && rr.lo < 0) return rr.hi < 0 ? T.float : { k: "union", types: [T.int(), T.float] };
      return { k: "int", range: intBinop(op, lr, rr) };
    }
    if (isNumberLike(l) && isNumberLike(r)) {
      // An int-or-float operand (`total = 0` then `total += x / 4`) stays int-or-float unless a float is certain.
      const certainFloat = l.k === "float" || r.k === "float" || (op === "/" && !this.classicDivision);
      return certainFloat ? T.float : { k: "union", types: [T.int(), T.float] };
    }
    if (l.k === "str" && (op === "+" || op === "%")) return T.str;
    if (op === "*" && ((l.k === "str" && isIntLike(r)) || (isIntLike(l) && r.k === "str"))) return T.str;
    if (l.k === "bytes" && op === "+" && r.k === "bytes") return T.bytes;
    if (op === "*" && ((l.k === "bytes" && isIntLike(r)) || (isIntLike(l) && r.k === "bytes"))) return T.bytes;
    if (l.k === "list" && op === "+" && r.k === "list") return T.list(join(l.elt, r.elt));
    if (op === "*" && l.k === "list" && isIntLike(r)) return l;
    if (op === "*" && r.k === "list" && isIntLike(l)) return r;
    if (l.k === "tuple" && r.k === "tuple" && op === "+") return T.tuple([...l.elts, ...r.elts]);
    // `t * 2`: a tuple of a known length when the count is known.
    if (op === "*" && l.k === "tuple" && r.k === "int" && r.range.lo === r.range.hi && r.range.lo >= 0 && r.range.lo * l.elts.length <= 64) {
      return T.tuple(Array.from({ length: r.range.lo }, () => l.elts).flat());
    }
    if (l.k === "set" && r.k === "set" && (op === "|" || op === "&" || op === "-" || op === "^")) return T.set(join(l.elt, r.elt));
    if (l.k === "dict" && r.k === "dict" && op === "|") return T.dict(join(l.key, r.key), join(l.value, r.value));
    if (isCounter(l) && isCounter(r) && (op === "+" || op === "-")) return join(l, r);
    if (l.k === "object") return runtimeClass(l.cls)?.row.operators?.[op]?.(r) ?? T.unknown;
    return T.unknown;
  }

  private report(loc: A.Loc, id: "badArguments" | "unpicklableTask" | "runtimeDifference" | "untranslatableRegex" | "unsupportedCall" | "untranslatableArgument", ...args: string[]): void {
    const key = `${loc.line}:${loc.col}:${args.join(":")}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(diag(this.file, loc, id, ...args));
  }
}

/** Argument types of a call without arguments: what a class row's result needs to name its class. */
const NO_ARGS: ArgTypes = { get: () => undefined, returnOf: () => undefined, literal: () => undefined, builtinName: () => undefined, varargLiterals: () => [] };

function constantType(v: A.ConstantValue): PyType {
  switch (v.type) {
    case "int": {
      const n = Number(v.value);
      return T.int(n, n);
    }
    case "float":
      return T.float;
    case "str":
      return T.str;
    case "bytes":
      return T.bytes;
    case "bool":
      return T.bool;
    case "None":
      return T.none;
    default:
      return T.unknown;
  }
}

/** `x is None` / `x is not None` (per `op`): the name tested, else undefined. */
function noneTest(test: A.Expr, op: "is" | "is not"): string | undefined {
  // A truth test is a None test too: a name that passes `if x:` (or fails `if not x:`) is not None.
  if (op === "is not" && test.kind === "Name") return test.id;
  if (op === "is" && test.kind === "UnaryOp" && test.op === "not" && test.operand.kind === "Name") return test.operand.id;
  if (test.kind !== "Compare" || test.ops.length !== 1 || test.ops[0] !== op) return undefined;
  const [l, r] = [test.left, test.comparators[0]!];
  const isNone = (e: A.Expr) => e.kind === "Constant" && e.value.type === "None";
  if (l.kind === "Name" && isNone(r)) return l.id;
  if (r.kind === "Name" && isNone(l)) return r.id;
  return undefined;
}

/** The kinds of values each builtin type's instances are (a bool is an int). */
export const BUILTIN_TYPE_KINDS: Readonly<Record<string, readonly PyType["k"][]>> = {
  int: ["int", "bool"], float: ["float"], bool: ["bool"], str: ["str"], bytes: ["bytes"], list: ["list"], tuple: ["tuple"], dict: ["dict"], set: ["set"],
};
const ALL_KINDS: readonly PyType["k"][] = ["int", "float", "bool", "str", "bytes", "None", "list", "tuple", "dict", "set", "range", "class", "instance", "func", "object", "module"];

/** `isinstance(x, str)` or `isinstance(x, (int, float))` with builtin types only: the name tested and the kinds it keeps. */
function isinstanceTest(test: A.Expr, isBuiltin: (id: string) => boolean): { name: string; kinds: readonly PyType["k"][] } | undefined {
  if (test.kind !== "Call" || test.func.kind !== "Name" || test.func.id !== "isinstance" || !isBuiltin("isinstance")) return undefined;
  const [x, cls] = test.args;
  if (test.args.length !== 2 || test.keywords.length > 0 || x!.kind !== "Name") return undefined;
  const kinds: PyType["k"][] = [];
  for (const c of cls!.kind === "Tuple" ? cls!.elts : [cls!]) {
    const k = c.kind === "Name" && isBuiltin(c.id) ? BUILTIN_TYPE_KINDS[c.id] : undefined;
    if (!k) return undefined;
    kinds.push(...k);
  }
  return { name: x!.id, kinds };
}

/** A block that always leaves: its last statement is break, continue, return or raise. */
function exits(body: readonly A.Stmt[]): boolean {
  const last = body.at(-1);
  return last?.kind === "Break" || last?.kind === "Continue" || last?.kind === "Return" || last?.kind === "Raise";
}

function endsWithReturn(body: readonly A.Stmt[]): boolean {
  const last = body.at(-1);
  return last?.kind === "Return" || last?.kind === "Raise";
}

function containsYield(body: readonly A.Stmt[]): boolean {
  const inExpr = (e: A.Expr | undefined): boolean => {
    if (!e) return false;
    if (e.kind === "Yield") return true;
    if (e.kind === "Lambda" || e.kind === "GeneratorExp" || e.kind === "ListComp") return false;
    return Object.values(e).some((v) =>
      Array.isArray(v) ? v.some((x) => x && typeof x === "object" && "kind" in x && inExpr(x as A.Expr)) : v && typeof v === "object" && "kind" in v && inExpr(v as A.Expr),
    );
  };
  for (const s of body) {
    if (s.kind === "FunctionDef" || s.kind === "ClassDef") continue;
    const exprs: (A.Expr | undefined)[] =
      s.kind === "ExprStmt" ? [s.value] : s.kind === "Assign" ? [s.value] : s.kind === "Return" ? [s.value] : s.kind === "AugAssign" ? [s.value] : [];
    if (exprs.some(inExpr)) return true;
    if (childBlocks(s).some((b) => containsYield(b))) return true;
  }
  return false;
}

/** A constant argument's value (a string, a number, a bool); undefined for anything else. */
function literalValue(e: A.Expr | undefined): string | number | boolean | undefined {
  if (e?.kind !== "Constant") return undefined;
  const v = e.value;
  return v.type === "str" || v.type === "float" || v.type === "bool" ? v.value : v.type === "int" ? Number(v.value) : undefined;
}
