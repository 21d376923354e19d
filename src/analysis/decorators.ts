// User-written decorators of the one shape that translates faithfully and reads well in TypeScript: a function
// of `fn` that defines a wrapper taking `*args, **kwargs`, calls `fn(*args, **kwargs)` somewhere in it, and
// returns the wrapper (optionally `@functools.wraps(fn)`). The decorated function keeps its own signature, so
// callers bind to it; the decorator becomes a generic `<F extends (...args: any[]) => any>(fn: F): F`.

import type * as A from "../frontend/ast.js";

export interface PassThrough {
  readonly decorator: A.FunctionDef;
  /** The decorator's parameter holding the decorated function. */
  readonly fn: string;
  readonly wrapper: A.FunctionDef;
  readonly args: string;
  readonly kwargs?: string;
}

export function passThrough(d: A.FunctionDef): PassThrough | undefined {
  if (d.params.length !== 1 || d.params[0]!.variety !== "positional" || d.decorators.length > 0) return undefined;
  const fn = d.params[0]!.name;
  const body = d.body;
  const last = body.at(-1);
  const wrapper = body.at(-2);
  if (last?.kind !== "Return" || last.value?.kind !== "Name" || wrapper?.kind !== "FunctionDef" || last.value.id !== wrapper.name) return undefined;
  if (body.length > 3 || (body.length === 3 && !(body[0]!.kind === "ExprStmt" && body[0]!.value.kind === "Constant"))) return undefined;
  if (!wrapper.decorators.every((x) => isWraps(x, fn))) return undefined;
  const args = wrapper.params.find((p) => p.variety === "vararg");
  const kwargs = wrapper.params.find((p) => p.variety === "kwarg");
  if (!args || wrapper.params.some((p) => p.variety !== "vararg" && p.variety !== "kwarg")) return undefined;
  const shape: PassThrough = { decorator: d, fn, wrapper, args: args.name, kwargs: kwargs?.name };
  return forwardingCalls(wrapper.body, shape) > 0 && returnsForwarded(wrapper, shape) ? shape : undefined;
}

/** Whether every `return` of the wrapper gives back fn's result: `return fn(*args)`, or a name only ever
 *  assigned `fn(*args)`, and it ends with one (the wrapper's type is then F's). A wrapper returning something
 *  else is not a pass-through. */
function returnsForwarded(wrapper: A.FunctionDef, shape: PassThrough): boolean {
  const returns: A.Return[] = [];
  const assigned = new Map<string, A.Expr[]>();
  const visit = (x: unknown): void => {
    if (typeof x !== "object" || x === null) return;
    const node = x as A.Stmt;
    if (node.kind === "FunctionDef" || node.kind === "ClassDef" || (node as unknown as A.Expr).kind === "Lambda") return;
    if (node.kind === "Return") returns.push(node);
    if (node.kind === "Assign") {
      for (const t of node.targets) if (t.kind === "Name") assigned.set(t.id, [...(assigned.get(t.id) ?? []), node.value]);
    }
    if (node.kind === "AugAssign" && node.target.kind === "Name") assigned.set(node.target.id, [...(assigned.get(node.target.id) ?? []), node.value]);
    for (const v of Object.values(x)) if (typeof v === "object") visit(v);
  };
  visit(wrapper.body);
  // Falling off the end would return None.
  if (wrapper.body.at(-1)?.kind !== "Return") return false;
  return returns.every((r) => {
    const v = r.value;
    if (v && isForwardingCall(v, shape)) return true;
    return v?.kind === "Name" && (assigned.get(v.id) ?? []).every((a) => isForwardingCall(a, shape)) && assigned.has(v.id);
  });
}

/** `@functools.wraps(fn)` or `@wraps(fn)`. */
function isWraps(e: A.Expr, fn: string): boolean {
  if (e.kind !== "Call" || e.args.length !== 1 || e.args[0]!.kind !== "Name" || e.args[0]!.id !== fn) return false;
  return (e.func.kind === "Name" && e.func.id === "wraps") || (e.func.kind === "Attribute" && e.func.attr === "wraps");
}

/** `fn(*args, **kwargs)` (or `fn(*args)`): the wrapper hands its arguments on unchanged. */
export function isForwardingCall(e: A.Expr, shape: PassThrough): e is A.Call {
  if (e.kind !== "Call" || e.func.kind !== "Name" || e.func.id !== shape.fn) return false;
  const [a, ...more] = e.args;
  if (more.length > 0 || a?.kind !== "Starred" || a.value.kind !== "Name" || a.value.id !== shape.args) return false;
  if (e.keywords.length === 0) return true;
  const [k, ...rest] = e.keywords;
  return rest.length === 0 && k!.name === undefined && k!.value.kind === "Name" && k!.value.id === shape.kwargs;
}

/** How many `fn(*args, **kwargs)` calls a body makes. */
export function forwardingCalls(body: readonly A.Stmt[], shape: PassThrough): number {
  let n = 0;
  const visit = (x: unknown): void => {
    if (typeof x !== "object" || x === null) return;
    if (isForwardingCall(x as A.Expr, shape)) n++;
    for (const v of Object.values(x)) if (typeof v === "object") visit(v);
  };
  visit(body);
  return n;
}
