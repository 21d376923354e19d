// PyType → TypeScript type nodes: `int` in a safe range is `number`, otherwise `Int`; containers map to
// arrays, readonly tuples, Map and Set; runtime objects to the runtime's classes (`mp.Queue<Int>`).

import { ts } from "./ts.js";
import { isSafeRange, type Fields, type PyType } from "../analysis/types.js";
import { isNamedTuple } from "../analysis/namedtuple.js";
import { runtimeClass } from "../mapper/index.js";
import { f, type EmitContext } from "./context.js";

const kw = (k: ts.KeywordTypeSyntaxKind) => f.createKeywordTypeNode(k);

export function typeNode(ctx: EmitContext, t: PyType, opts: { isReturn?: boolean } = {}): ts.TypeNode {
  switch (t.k) {
    case "int":
      return isSafeRange(t.range) ? kw(ts.SyntaxKind.NumberKeyword) : f.createTypeReferenceNode(ctx.helperType("Int"));
    case "float":
      return kw(ts.SyntaxKind.NumberKeyword);
    case "bool":
      return kw(ts.SyntaxKind.BooleanKeyword);
    case "str":
      return kw(ts.SyntaxKind.StringKeyword);
    case "bytes":
      return f.createTypeReferenceNode("Uint8Array");
    case "None":
      return opts.isReturn ? kw(ts.SyntaxKind.VoidKeyword) : f.createLiteralTypeNode(f.createNull());
    case "list":
      return f.createArrayTypeNode(wrapForArray(typeNode(ctx, t.elt)));
    case "tuple":
      return f.createTypeOperatorNode(
        ts.SyntaxKind.ReadonlyKeyword,
        f.createTupleTypeNode(t.elts.map((e) => typeNode(ctx, e))),
      );
    case "vartuple":
      return f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createArrayTypeNode(wrapForArray(typeNode(ctx, t.elt))));
    case "dict":
      if (t.cls) return runtimeClassType(ctx, t.cls, [typeNode(ctx, t.key), typeNode(ctx, t.value)]) ?? anyType();
      return f.createTypeReferenceNode("Map", [typeNode(ctx, t.key), typeNode(ctx, t.value)]);
    case "set":
      return f.createTypeReferenceNode("Set", [typeNode(ctx, t.elt)]);
    case "range":
      return f.createTypeReferenceNode(ctx.helperType("Range"));
    case "object": {
      if (t.cls === "Iterator") return f.createTypeReferenceNode("Iterable", [typeNode(ctx, t.elt ?? { k: "unknown" })]);
      if (isNamedTuple(t)) {
        const named = t.cls === "NamedTuple" && t.sites?.length === 1 ? ctx.namedTupleNames.get(t.sites[0]!) : undefined;
        if (named) return f.createTypeReferenceNode(named);
        return runtimeClassType(ctx, t.cls, namedTupleTypeArgs(ctx, t)) ?? anyType();
      }
      const generic = runtimeClass(t.cls)?.row.generic;
      const cls = runtimeClassType(ctx, t.cls, generic ? [t.elt ? typeNode(ctx, t.elt) : anyType()] : undefined) ?? anyType();
      return t.fields ? f.createIntersectionTypeNode([cls, fieldsType(ctx, t.fields)]) : cls;
    }
    case "union": {
      const members = t.types.map((m) => typeNode(ctx, m));
      // number | number (int | float) collapses to one member.
      const seen = new Set<ts.SyntaxKind>();
      const unique = members.filter((m) => {
        if (!ts.isToken(m)) return true;
        if (seen.has(m.kind)) return false;
        seen.add(m.kind);
        return true;
      });
      return unique.length === 1 ? unique[0]! : f.createUnionTypeNode(unique);
    }
    case "instance":
      return f.createTypeReferenceNode(ctx.names.py(ctx.analysis.classById(t.id)!.node.name));
    case "class":
      return f.createTypeQueryNode(id_(ctx.names.py(ctx.analysis.classById(t.id)!.node.name)));
    case "func":
      return f.createFunctionTypeNode(
        undefined,
        [f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), "args", undefined, f.createArrayTypeNode(anyType()))],
        anyType(),
      );
    case "never":
    case "unknown":
    case "module":
      return anyType();
  }
}

/** A namedtuple's type arguments: its items as a tuple type, and its fields by name (`[number, number], { x: number; y: number }`). */
export function namedTupleTypeArgs(ctx: EmitContext, t: PyType): ts.TypeNode[] {
  const fields = t.k === "object" ? (t.fields ?? {}) : {};
  return [f.createTupleTypeNode(Object.values(fields).map((x) => typeNode(ctx, x))), ts.setEmitFlags(fieldsType(ctx, fields), ts.EmitFlags.SingleLine)];
}

/** `{ jobs: number; files: string[] }`: the attributes an object is known to have. */
function fieldsType(ctx: EmitContext, fields: Fields): ts.TypeNode {
  return f.createTypeLiteralNode(
    Object.entries(fields).map(([name, t]) =>
      f.createPropertySignature(undefined, /^[A-Za-z_$][\w$]*$/.test(name) ? name : f.createStringLiteral(name), undefined, typeNode(ctx, t)),
    ),
  );
}

/** A runtime class as a type (`mp.Queue<Int>`, `Counter<string, number>`), imported as the module is. */
function runtimeClassType(ctx: EmitContext, cls: string, args: ts.TypeNode[] | undefined): ts.TypeNode | undefined {
  const rc = runtimeClass(cls);
  if (!rc) return undefined;
  const ns = ctx.imports.namespaceOf(rc.table.runtime);
  const name: ts.EntityName = ns
    ? f.createQualifiedName(f.createIdentifier(ns), rc.row.ts)
    : f.createIdentifier(ctx.imports.named_(rc.table.runtime, rc.row.ts, { typeOnly: true }));
  return f.createTypeReferenceNode(name, args);
}

function id_(name: string): ts.Identifier {
  return f.createIdentifier(name);
}

export function anyType(): ts.TypeNode {
  return kw(ts.SyntaxKind.AnyKeyword);
}

function wrapForArray(t: ts.TypeNode): ts.TypeNode {
  return ts.isUnionTypeNode(t) || ts.isFunctionTypeNode(t) || ts.isTypeOperatorNode(t) ? f.createParenthesizedType(t) : t;
}
