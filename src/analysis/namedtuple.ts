// collections.namedtuple: `Point = namedtuple("Point", "x y")` makes a type whose field names the converter reads
// from the call (they must be literals); its instances are tuples with typed fields, learned from the calls that
// build them. Types: the type object is a runtime object `NamedTupleType`, an instance `NamedTuple`, both with
// the definition's site (where the field types are collected, as a tuple) and `fields` in declaration order.

import type * as A from "../frontend/ast.js";
import { T, join, type PyType } from "./types.js";

export const NAMED_TUPLE = "NamedTuple";
export const NAMED_TUPLE_TYPE = "NamedTupleType";

export interface NamedTupleShape {
  readonly typename: string;
  readonly fields: readonly string[];
}

/** The type name and field names of a `namedtuple(...)` call, or why they cannot be read from it. */
export function namedTupleShape(call: A.Call): NamedTupleShape | string {
  const [nameArg, fieldsArg] = [call.args[0] ?? keyword(call, "typename"), call.args[1] ?? keyword(call, "field_names")];
  if (call.keywords.some((k) => k.name !== "typename" && k.name !== "field_names")) return "only the type name and field names are supported";
  const typename = nameArg && stringLiteral(nameArg);
  if (typename === undefined) return "the type name must be a string literal";
  let fields: (string | undefined)[] | undefined;
  const text = fieldsArg && stringLiteral(fieldsArg);
  if (text !== undefined) fields = text.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  else if (fieldsArg?.kind === "List" || fieldsArg?.kind === "Tuple") fields = fieldsArg.elts.map(stringLiteral);
  if (!fields || fields.some((f) => f === undefined || !/^[A-Za-z][A-Za-z0-9_]*$/.test(f))) return "the field names must be string literals";
  return { typename, fields: fields as string[] };
}

function keyword(call: A.Call, name: string): A.Expr | undefined {
  return call.keywords.find((k) => k.name === name)?.value;
}

function stringLiteral(e: A.Expr): string | undefined {
  return e.kind === "Constant" && e.value.type === "str" ? e.value.value : undefined;
}

/** The arguments of a construction `Point(1, y=2)` in field order, or CPython's TypeError message. */
export function bindFields(shape: NamedTupleShape, call: A.Call): A.Expr[] | string {
  const out: (A.Expr | undefined)[] = shape.fields.map(() => undefined);
  if (call.args.length > shape.fields.length) {
    return `${shape.typename}.__new__() takes ${shape.fields.length + 1} positional arguments but ${call.args.length + 1} were given`;
  }
  call.args.forEach((a, i) => (out[i] = a));
  for (const k of call.keywords) {
    const i = k.name === undefined ? -1 : shape.fields.indexOf(k.name);
    if (i < 0) return `${shape.typename}.__new__() got an unexpected keyword argument '${k.name}'`;
    if (out[i]) return `${shape.typename}.__new__() got multiple values for argument '${k.name}'`;
    out[i] = k.value;
  }
  const missing = shape.fields.filter((_, i) => !out[i]);
  if (missing.length) return `${shape.typename}.__new__() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${nameList(missing)}`;
  return out as A.Expr[];
}

/** `'x'`, `'x' and 'y'`, `'x', 'y', and 'z'`: how CPython lists missing arguments. */
export function nameList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(" and ");
  return `${q.slice(0, -1).join(", ")}, and ${q.at(-1)}`;
}

/** The type object's (or an instance's) type: field names in order, types filled in by `withFieldTypes`. */
export function namedTupleType(cls: typeof NAMED_TUPLE | typeof NAMED_TUPLE_TYPE, site: string, fields: readonly string[]): PyType {
  return { k: "object", cls, sites: [site], fields: Object.fromEntries(fields.map((f) => [f, T.never])) };
}

type ObjectType = Extract<PyType, { k: "object" }>;

export function isNamedTuple(t: PyType): boolean {
  return t.k === "object" && (t.cls === NAMED_TUPLE || t.cls === NAMED_TUPLE_TYPE) && t.fields !== undefined;
}

/** Fills a namedtuple type's field types from what its constructions passed (`items`, a tuple per site). */
export function withFieldTypes(t: ObjectType, items: PyType): PyType {
  const names = Object.keys(t.fields ?? {});
  const types = names.map((_, i) => (items.k === "tuple" ? (items.elts[i] ?? T.never) : T.never));
  const fields = Object.fromEntries(names.map((n, i) => [n, types[i]!]));
  return { ...t, fields, elt: types.reduce((a, b) => join(a, b), T.never) };
}

/** Field types in declaration order. */
export function fieldTypes(t: ObjectType): PyType[] {
  return Object.values(t.fields ?? {});
}
