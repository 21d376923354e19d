// Shared helpers for the frontend tests: parse a snippet and pick out statements and expressions.

import { expect } from "vitest";
import type * as A from "../../src/frontend/ast.js";
import { parseModule } from "../../src/frontend/parse.js";

/** Parse and require no diagnostics. */
export function parse(src: string, dialect?: 2 | 3): A.Module {
  const r = parseModule(src, "t.py", { dialect });
  expect(r.diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`)).toEqual([]);
  return r.module;
}

export function stmt<K extends A.StmtKind>(src: string, kind: K, dialect?: 2 | 3): Extract<A.Stmt, { kind: K }> {
  const s = parse(src, dialect).body[0]!;
  expect(s.kind).toBe(kind);
  return s as Extract<A.Stmt, { kind: K }>;
}

/** The value of `x = <expr>`-free snippet `<expr>` as an expression statement. */
export function expr(src: string, dialect?: 2 | 3): A.Expr {
  return stmt(src, "ExprStmt", dialect).value;
}

/** Positions as "line:col-endLine:endCol" strings, to keep location assertions short. */
export function at(loc: A.Loc): string {
  return `${loc.line}:${loc.col}-${loc.endLine}:${loc.endCol}`;
}

export function errors(src: string, dialect?: 2 | 3): string[] {
  return parseModule(src, "t.py", { dialect }).diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.code} ${d.message}`);
}

/** A compact structural rendering of an expression: names, constants and operators, no positions. */
export function show(e: A.Expr | undefined): string {
  if (!e) return "_";
  switch (e.kind) {
    case "Name":
      return e.id;
    case "Constant":
      switch (e.value.type) {
        case "int":
          return `${e.value.value}n`;
        case "str":
          return JSON.stringify(e.value.value);
        case "None":
        case "Ellipsis":
          return e.value.type;
        case "bytes":
          return `b[${[...e.value.value].join(",")}]`;
        default:
          return `${e.value.type}:${String(e.value.value)}`;
      }
    case "BinOp":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "UnaryOp":
      return `(${e.op} ${show(e.operand)})`;
    case "BoolOp":
      return `(${e.values.map(show).join(` ${e.op} `)})`;
    case "Compare":
      return `(${show(e.left)}${e.ops.map((o, i) => ` ${o} ${show(e.comparators[i])}`).join("")})`;
    case "Call":
      return `${show(e.func)}(${[...e.args.map(show), ...e.keywords.map((k) => (k.name ? `${k.name}=${show(k.value)}` : `**${show(k.value)}`))].join(", ")})`;
    case "Attribute":
      return `${show(e.value)}.${e.attr}`;
    case "Subscript":
      return `${show(e.value)}[${show(e.index)}]`;
    case "Slice":
      return `${show(e.lower)}:${show(e.upper)}:${show(e.step)}`;
    case "Starred":
      return `*${show(e.value)}`;
    case "Tuple":
      return `(${e.elts.map(show).join(", ")},)`;
    case "List":
      return `[${e.elts.map(show).join(", ")}]`;
    case "Set":
      return `{${e.elts.map(show).join(", ")}}`;
    case "Dict":
      return `{${e.items.map((i) => (i.key ? `${show(i.key)}: ${show(i.value)}` : `**${show(i.value)}`)).join(", ")}}`;
    case "IfExp":
      return `(${show(e.body)} if ${show(e.test)} else ${show(e.orelse)})`;
    case "Lambda":
      return `lambda ${e.params.map((p) => p.name).join(", ")}: ${show(e.body)}`;
    case "NamedExpr":
      return `(${e.target.id} := ${show(e.value)})`;
    case "Yield":
      return `yield${e.from ? " from" : ""} ${show(e.value)}`;
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
    case "DictComp": {
      const elt = e.kind === "DictComp" ? `${show(e.key)}: ${show(e.value)}` : show(e.elt);
      const gens = e.generators.map((g) => ` for ${show(g.target)} in ${show(g.iter)}${g.ifs.map((i) => ` if ${show(i)}`).join("")}`).join("");
      return `${e.kind}<${elt}${gens}>`;
    }
    case "JoinedStr":
      return `f<${e.values.map((v) => show(v)).join(" ")}>`;
    case "FormattedValue":
      return `{${e.selfDoc !== undefined ? JSON.stringify(e.selfDoc) : ""}${show(e.value)}${e.conversion ? `!${e.conversion}` : ""}${e.spec ? `:${show(e.spec)}` : ""}}`;
  }
}
