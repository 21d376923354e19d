// The plain copy of tree-sitter's tree (frontend/syntax.ts) must read exactly as the binding's own nodes:
// every node's type, offsets, positions, field, named/missing/error flags and children, on every fixture and
// on mutated fixtures full of ERROR and MISSING nodes.

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyTree, type SyntaxNode } from "../../src/frontend/syntax.js";
import { mutate, rng } from "../helpers/mutate.js";

const require = createRequire(import.meta.url);
const Parser = require("tree-sitter") as typeof import("tree-sitter");
type TSNode = import("tree-sitter").SyntaxNode;

const parser = new Parser();
parser.setLanguage(require("tree-sitter-python") as Parameters<import("tree-sitter")["setLanguage"]>[0]);

function sources(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".py")) out.push(fs.readFileSync(p, "utf8"));
    }
  };
  walk(path.resolve(import.meta.dirname, "../../fixtures"));
  return out;
}

/** The first difference between the two trees, as a path and a message, or null. */
function difference(real: TSNode, copy: SyntaxNode, where = "root"): string | null {
  const fields = (n: TSNode) => n.children.map((_, i) => n.fieldNameForChild(i) ?? null);
  const own = {
    type: real.type,
    isNamed: real.isNamed,
    isMissing: real.isMissing,
    hasError: real.hasError,
    startIndex: real.startIndex,
    endIndex: real.endIndex,
    startPosition: real.startPosition,
    endPosition: real.endPosition,
    text: real.text,
    childCount: real.childCount,
    namedChildCount: real.namedChildren.length,
    fields: fields(real),
  };
  const copied = {
    type: copy.type,
    isNamed: copy.isNamed,
    isMissing: copy.isMissing,
    hasError: copy.hasError,
    startIndex: copy.startIndex,
    endIndex: copy.endIndex,
    startPosition: copy.startPosition,
    endPosition: copy.endPosition,
    text: copy.text,
    childCount: copy.childCount,
    namedChildCount: copy.namedChildren.length,
    fields: copy.children.map((c) => c.fieldName),
  };
  if (JSON.stringify(own) !== JSON.stringify(copied)) return `${where}: ${JSON.stringify(own)} != ${JSON.stringify(copied)}`;
  for (let i = 0; i < real.childCount; i++) {
    const d = difference(real.children[i]!, copy.children[i]!, `${where}/${i}:${real.children[i]!.type}`);
    if (d) return d;
  }
  return null;
}

function check(source: string): string | null {
  const tree = parser.parse(source);
  const visited: SyntaxNode[] = [];
  const copy = copyTree(tree.walk(), source, (n) => visited.push(n));
  const count = (n: SyntaxNode): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
  if (visited.length !== count(copy)) return `visited ${visited.length} of ${count(copy)} nodes`;
  return difference(tree.rootNode, copy);
}

describe("copyTree", () => {
  it("reads every fixture exactly as tree-sitter's nodes", () => {
    for (const s of sources()) expect(check(s)).toBeNull();
  });

  it("reads mutated fixtures (ERROR and MISSING nodes) exactly as tree-sitter's nodes", () => {
    const all = sources();
    const random = rng(20261125);
    for (let i = 0; i < 400; i++) {
      const source = mutate(all[i % all.length]!, random);
      expect(check(source), source).toBeNull();
    }
  });

  it("counts columns in UTF-16 code units past wide characters, emoji and CRLF line ends", () => {
    expect(check('s = "中文 😀"; t = f(s)  # 注释 😀\r\nif s:\r\n    print("é", t)\r\n')).toBeNull();
  });

  it("links parents and next siblings", () => {
    const copy = copyTree(parser.parse("f(a, b)\n").walk(), "f(a, b)\n", () => {});
    const args = copy.namedChildren[0]!.namedChildren[0]!.childForFieldName("arguments")!;
    expect(args.namedChildren.map((c) => c.text)).toEqual(["a", "b"]);
    expect(args.namedChildren[0]!.parent).toBe(args);
    expect(args.children.map((c) => c.nextSibling?.text ?? null)).toEqual(["a", ",", "b", ")", null]);
  });
});
