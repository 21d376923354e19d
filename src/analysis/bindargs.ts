// Binds a call's positional and keyword arguments to a Python signature, as CPython does when it calls a
// function: the mapper rows give library signatures; user functions give theirs from the AST.

import type * as A from "../frontend/ast.js";
import { T, join, type PyType } from "./types.js";

export interface BoundArgs {
  /** Parameter name → the argument expression. */
  readonly byParam: Map<string, A.Expr>;
  /** The `*args` parameter's name and its expressions (positional extras). */
  readonly varargs: { readonly name: string; readonly values: A.Expr[] } | undefined;
  /** Keyword arguments collected by a `**kwargs` parameter. */
  readonly kwargs: Map<string, A.Expr>;
}

/** What a `**kwargs` parameter's values may be: every keyword argument it collected, joined (never: none). */
export function keywordValuesType(bound: BoundArgs, typeOf: (e: A.Expr) => PyType): PyType {
  return [...bound.kwargs.values()].reduce((t, v) => join(t, typeOf(v)), T.never as PyType);
}

export interface SignatureParam {
  readonly name: string;
  readonly variety: "positional" | "vararg" | "kwonly" | "kwarg";
}

/** `["func", "*args", "*", "lock", "**kw"]` (mapper notation) → structured parameters. */
export function parseSignature(params: readonly string[]): SignatureParam[] {
  const out: SignatureParam[] = [];
  let kwonly = false;
  for (const p of params) {
    if (p === "*") kwonly = true;
    else if (p.startsWith("**")) out.push({ name: p.slice(2), variety: "kwarg" });
    else if (p.startsWith("*")) {
      out.push({ name: p.slice(1), variety: "vararg" });
      kwonly = true;
    } else out.push({ name: p, variety: kwonly ? "kwonly" : "positional" });
  }
  return out;
}

/** Returns the binding, or an error message worded like CPython's TypeError. */
export function bindArgs(fname: string, params: readonly SignatureParam[], call: A.Call): BoundArgs | string {
  const byParam = new Map<string, A.Expr>();
  const kwargs = new Map<string, A.Expr>();
  const positional = params.filter((p) => p.variety === "positional");
  const vararg = params.find((p) => p.variety === "vararg");
  const kwarg = params.find((p) => p.variety === "kwarg");
  let varargs: BoundArgs["varargs"] = vararg ? { name: vararg.name, values: [] } : undefined;

  for (const [i, arg] of call.args.entries()) {
    if (arg.kind === "Starred") return `${fname}(): unpacking *arguments into a call is not supported here`;
    if (i < positional.length) byParam.set(positional[i]!.name, arg);
    else if (varargs) varargs.values.push(arg);
    else return `${fname}() takes ${positional.length} positional argument${positional.length === 1 ? "" : "s"} but ${call.args.length} were given`;
  }
  for (const kw of call.keywords) {
    if (kw.name === undefined) return `${fname}(): unpacking **arguments into a call is not supported here`;
    const p = params.find((q) => q.name === kw.name && (q.variety === "positional" || q.variety === "kwonly"));
    if (!p) {
      if (kwarg) {
        kwargs.set(kw.name, kw.value);
        continue;
      }
      return `${fname}() got an unexpected keyword argument '${kw.name}'`;
    }
    if (byParam.has(p.name)) return `${fname}() got multiple values for argument '${p.name}'`;
    byParam.set(p.name, kw.value);
  }
  if (varargs && varargs.values.length === 0) varargs = { name: varargs.name, values: [] };
  return { byParam, varargs, kwargs };
}
