// tree-sitter-python's concrete syntax tree → our typed Python AST (ast.ts), with comments attached to
// statements, Python 2 forms normalized, and every ERROR/MISSING node reported as a located diagnostic.
// Nothing outside frontend/ sees a tree-sitter node.

import { createRequire } from "node:module";
import type * as A from "./ast.js";
import { diag, type Diagnostic } from "../diagnostics.js";
import { copyTree, type SyntaxNode } from "./syntax.js";
import { EscapeError, cleandoc, decodeEscapes, decodeRawUnicode, parseFloatLiteral, parseIntLiteral, parsePrefix } from "./strings.js";

const require = createRequire(import.meta.url);
// tree-sitter ships CommonJS with prebuilt binaries; load it through require.
const Parser = require("tree-sitter") as typeof import("tree-sitter");
const Python = require("tree-sitter-python") as unknown;

/** What the checks before conversion need from the whole tree. */
interface TreeScan {
  readonly root: SyntaxNode;
  readonly comments: SyntaxNode[];
  /** Blocks without a statement, missing ones included. */
  readonly emptyBlocks: SyntaxNode[];
  /** Whether a Python 2 only form occurs (looked for only when `python2` was asked). */
  readonly python2: boolean;
}

/** Copies the tree out of tree-sitter (syntax.ts), noting the comments, empty blocks and Python 2 forms on the way. */
function scanTree(tree: import("tree-sitter").Tree, source: string, findPython2: boolean): TreeScan {
  const comments: SyntaxNode[] = [];
  const emptyBlocks: SyntaxNode[] = [];
  let python2 = false;
  const root = copyTree(tree.walk(), source, (n) => {
    if (n.type === "comment") comments.push(n);
    else if (n.type === "block" && n.startIndex === n.endIndex) emptyBlocks.push(n);
    else if (findPython2 && !python2) python2 = isPython2Form(n);
  });
  return { root, comments, emptyBlocks, python2 };
}

let parser: import("tree-sitter") | undefined;
function getParser() {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python as Parameters<import("tree-sitter")["setLanguage"]>[0]);
  }
  return parser;
}

export interface ParseResult {
  readonly module: A.Module;
  readonly diagnostics: Diagnostic[];
}

interface Comment {
  readonly line: number;
  readonly text: string;
  readonly ownLine: boolean;
  used: boolean;
}

/** Thrown inside the converter for a construct it cannot represent; caught per statement. */
class Unsupported extends Error {
  constructor(
    readonly node: SyntaxNode,
    readonly what: string,
  ) {
    super(what);
  }
}

/** Located errors in literals and dialect checks, caught per statement like Unsupported. */
class LiteralError extends Error {
  readonly args: string[];
  constructor(
    readonly node: SyntaxNode,
    readonly id: "badLiteral" | "wrongDialect" | "syntaxError",
    ...args: string[]
  ) {
    super(id);
    this.args = args;
  }
}

const COMPOUND = new Set(["function_definition", "class_definition", "decorated_definition", "if_statement", "for_statement", "while_statement", "with_statement", "try_statement"]);
const COMPOUND_KINDS = new Set<A.StmtKind>(["FunctionDef", "ClassDef", "If", "For", "While", "With", "Try"]);

/** Python's binary operator precedence, loosest first (`**` is handled apart: it binds tighter than unary). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  "|": 1,
  "^": 2,
  "&": 3,
  "<<": 4,
  ">>": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "@": 6,
  "/": 6,
  "//": 6,
  "%": 6,
};

const BIN_OPS = new Set(["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"]);

export function parseModule(source: string, file: string, opts: { dialect?: 2 | 3 } = {}): ParseResult {
  return new Converter(source, file, opts.dialect).run();
}

class Converter {
  private readonly diagnostics: Diagnostic[] = [];
  private comments: Comment[] = [];
  private dialect: 2 | 3 = 3;
  /** `from __future__ import ...` features (they change print, `/` and plain string literals in Python 2). */
  private futures = new Set<string>();
  private readonly lines: string[];
  /** The ids of the nodes that hold an empty block (the block itself included). */
  private readonly emptyBlockHolders = new Set<number>();

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly forced?: 2 | 3,
  ) {
    this.lines = source.split("\n");
  }

  run(): ParseResult {
    let tree: import("tree-sitter").Tree;
    try {
      // tree-sitter's node binding reads strings larger than 32 KiB through a callback.
      tree = getParser().parse((index: number) => this.source.slice(index, index + 16384));
    } catch (e) {
      const at = { line: 1, col: 1, endLine: 1, endCol: 1 };
      this.diagnostics.push(diag(this.file, at, "internalError", (e as Error).message));
      return { module: { kind: "Module", loc: at, body: [], trailingComments: [], dialect: this.forced ?? 3 }, diagnostics: this.diagnostics };
    }
    const scan = scanTree(tree, this.source, this.forced === undefined);
    const root = scan.root;
    this.collectErrors(root);
    this.checkEmptyBlocks(scan.emptyBlocks);
    this.checkIndentation();
    this.futures = futureFeatures(root);
    this.dialect = this.forced ?? (scan.python2 ? 2 : 3);
    this.collectComments(scan.comments);
    // Statements that hold a syntax error are left out (their errors are reported above); the rest are
    // converted so that one run reports every problem in the file.
    const body = this.block(root.namedChildren);
    const trailing = this.comments.filter((c) => !c.used).map((c) => c.text);
    const module: A.Module = { kind: "Module", loc: this.loc(root), body, trailingComments: trailing, dialect: this.dialect, futures: [...this.futures] };
    return { module, diagnostics: this.diagnostics.sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col) };
  }

  // --- positions and errors --------------------------------------------------------------------

  /**
   * tree-sitter's node binding counts columns in UTF-16 code units; Python (and our diagnostics) count
   * characters, so a line with Chinese text or an emoji before the node is re-measured.
   */
  private column(row: number, column: number): number {
    const line = this.lines[row];
    if (line === undefined || !/[^\x00-\x7f]/.test(line)) return column + 1;
    return [...line.slice(0, column)].length + 1;
  }

  private loc(n: SyntaxNode): A.Loc {
    const s = n.startPosition;
    const e = n.endPosition;
    return { line: s.row + 1, col: this.column(s.row, s.column), endLine: e.row + 1, endCol: this.column(e.row, e.column) };
  }

  private collectErrors(n: SyntaxNode): void {
    if (!n.hasError && !n.isMissing) return;
    if (n.isMissing) {
      const what = n.type === "identifier" ? "a name" : n.type === "block" ? "an indented block" : `'${n.type}'`;
      this.diagnostics.push(diag(this.file, this.loc(n), "missingToken", what));
      return;
    }
    if (n.type === "ERROR") {
      this.reportError(n);
      // Nested ERROR and MISSING nodes inside a reported one repeat it; each separate one is its own error.
      for (const c of n.namedChildren) if (c.type !== "ERROR") this.collectErrors(c);
      return;
    }
    for (const c of n.children) this.collectErrors(c);
  }

  /**
   * tree-sitter accepts `if x:` followed by an unindented line as an empty block; CPython reports
   * "expected an indented block" at the line that should have been indented. Every node that holds an
   * empty block (missing or not) is remembered: `block` leaves those statements out.
   */
  private checkEmptyBlocks(emptyBlocks: readonly SyntaxNode[]): void {
    for (const n of emptyBlocks) {
      for (let p: SyntaxNode | null = n; p; p = p.parent) this.emptyBlockHolders.add(p.id);
      // A missing block is reported by collectErrors; an empty block next to an ERROR node is a
      // consequence of that error, already reported.
      if (n.isMissing || n.parent?.hasError) continue;
      let next: SyntaxNode | null = n.parent;
      while (next && !next.nextSibling) next = next.parent;
      next = next?.nextSibling ?? null;
      while (next?.type === "comment") next = next.nextSibling;
      this.diagnostics.push(diag(this.file, this.loc(next ?? n), "missingToken", "an indented block"));
    }
  }

  /** One ERROR node: name the likeliest cause as CPython would (unclosed bracket, unterminated string). */
  private reportError(n: SyntaxNode): void {
    const tokens: SyntaxNode[] = [];
    const leaves = (x: SyntaxNode) => {
      if (x.childCount === 0 || x.type === "string_start") tokens.push(x);
      else for (const c of x.children) leaves(c);
    };
    leaves(n);
    const str = tokens.find((t) => t.type === "string_start" && t.parent?.type === "ERROR");
    if (str) {
      this.diagnostics.push(diag(this.file, this.loc(str), "unterminatedString"));
      return;
    }
    const open: SyntaxNode[] = [];
    const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
    for (const t of tokens) {
      if (t.type === "(" || t.type === "[" || t.type === "{") open.push(t);
      else if (t.type in pairs && open.at(-1)?.type === pairs[t.type]) open.pop();
    }
    // CPython names the innermost bracket still open when the statement ends.
    const unclosed = open.at(-1);
    if (unclosed) {
      this.diagnostics.push(diag(this.file, this.loc(unclosed), "unclosedBracket", unclosed.type));
      return;
    }
    const real = tokens.filter((t) => t.type !== "comment");
    if (real.length === 1 && real[0]!.text.trim()) {
      this.diagnostics.push(diag(this.file, this.loc(real[0]!), "unexpectedToken", real[0]!.text.split("\n")[0]!.trim().slice(0, 20)));
    } else this.diagnostics.push(diag(this.file, this.loc(n), "syntaxError"));
  }

  /**
   * CPython's TabError: indentation must compare the same way whether a tab counts as 8 columns or as 1
   * (its tokenizer's rule); consecutive indented lines are checked pairwise.
   */
  private checkIndentation(): void {
    const width = (ws: string, tab: number) => [...ws].reduce((w, c) => (c === "\t" ? w + tab - (w % tab) : w + 1), 0);
    let prev: string | undefined;
    this.lines.forEach((line, i) => {
      if (!line.trim() || line.trim().startsWith("#")) return;
      const ws = /^[ \t]*/.exec(line)![0];
      if (prev !== undefined) {
        const by8 = Math.sign(width(ws, 8) - width(prev, 8));
        const by1 = Math.sign(width(ws, 1) - width(prev, 1));
        if (by8 !== by1) this.diagnostics.push(diag(this.file, { line: i + 1, col: 1, endLine: i + 1, endCol: ws.length + 1 }, "inconsistentTabs"));
      }
      prev = ws;
    });
  }

  private unsupported(n: SyntaxNode, what: string): never {
    throw new Unsupported(n, what);
  }

  // --- comments ----------------------------------------------------------------------------------
  //
  // Comments are attached in source order:
  // - a whole-line comment goes to the `leading` list of the next statement, whatever its indentation:
  //   comments between the last statement of a block and a dedent lead the next outer statement, and
  //   comments after the last statement of the file are the module's `trailingComments`;
  // - a comment after code on a simple statement's last line is its `trailing` comment; one on a compound
  //   statement's header line (`if x:  # why`) leads the first statement of that body (or clause);
  // - comments inside a multi-line simple statement (between call arguments, list items) lead that statement.
  // A shebang and a coding declaration on the first two lines are dropped (they concern Python, not TS).

  private collectComments(nodes: readonly SyntaxNode[]): void {
    const out: Comment[] = [];
    for (const n of nodes) {
      const line = n.startPosition.row;
      const before = this.lines[line]!.slice(0, n.startPosition.column);
      // The text keeps every character after `#` and one space: a Chinese comment survives as written.
      out.push({ line: line + 1, text: n.text.replace(/^# ?/, "").replace(/[ \t\r]+$/, ""), ownLine: before.trim() === "", used: false });
    }
    this.comments = out.filter((c) => !(c.line <= 2 && (/^!/.test(c.text) || /coding[:=]/.test(c.text))));
  }

  /** Unused whole-line comments before `line`, plus (for a multi-line statement) every comment inside it but the last line's. */
  private leadingComments(line: number, endLine = line): Comment[] {
    const out: Comment[] = [];
    for (const c of this.comments) {
      if (c.used) continue;
      if ((c.ownLine && c.line < line) || (c.line >= line && c.line <= endLine && (c.ownLine || c.line < endLine))) {
        c.used = true;
        out.push(c);
      }
    }
    return out;
  }

  private trailingComment(line: number): string | undefined {
    const c = this.comments.find((x) => !x.used && !x.ownLine && x.line === line);
    if (!c) return undefined;
    c.used = true;
    return c.text;
  }

  /** A blank line directly above the statement or above the first of its leading comments. */
  private blankBefore(line: number, leading: readonly Comment[]): boolean {
    const first = Math.min(line, ...leading.filter((c) => c.line < line).map((c) => c.line));
    const above = this.lines[first - 2];
    return above !== undefined && above.trim() === "";
  }

  // --- statements --------------------------------------------------------------------------------

  private block(nodes: readonly SyntaxNode[], headerComments: string[] = []): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const n of nodes) {
      if (n.type === "comment") continue;
      // A statement with a syntax error was reported by collectErrors; the module stays partial.
      if (n.type === "ERROR" || n.hasError || (this.emptyBlockHolders.size > 0 && this.emptyBlockHolders.has(n.id))) continue;
      const line = n.startPosition.row + 1;
      const endLine = n.endPosition.row + 1;
      const compound = COMPOUND.has(n.type);
      const comments = this.leadingComments(line, compound ? line : endLine);
      const leading = [...headerComments.splice(0), ...comments.map((c) => c.text)];
      try {
        const stmts = this.stmt(n);
        stmts.forEach((s, i) => {
          const isCompound = COMPOUND_KINDS.has(s.kind);
          const trailing = i === stmts.length - 1 && !isCompound ? this.trailingComment(endLine) : undefined;
          const trivia: A.Trivia = { leading: i === 0 ? leading : [], trailing, blankBefore: i === 0 && this.blankBefore(line, comments) };
          out.push({ ...s, trivia } as A.Stmt);
        });
      } catch (e) {
        if (e instanceof Unsupported) this.diagnostics.push(diag(this.file, this.loc(e.node), "unsupportedSyntax", e.what));
        else if (e instanceof LiteralError) this.diagnostics.push(diag(this.file, this.loc(e.node), e.id, ...e.args));
        // Any other failure is a bug in this file; it is reported at the statement rather than crashing the CLI.
        else this.diagnostics.push(diag(this.file, this.loc(n), "internalError", e instanceof Error ? e.message : String(e)));
      }
    }
    return out;
  }

  private suite(n: SyntaxNode | null, header: SyntaxNode): A.Stmt[] {
    if (!n) return [];
    // A comment on the header line (`if x:  # why`) opens the body.
    const headerLine = header.startPosition.row + 1;
    const headerComments: string[] = [];
    for (let line = headerLine; line < n.startPosition.row + 1 || line === headerLine; line++) {
      const c = this.trailingComment(line);
      if (c) headerComments.push(c);
      if (line > headerLine + 20) break;
    }
    return this.block(n.namedChildren, headerComments);
  }

  private base(n: SyntaxNode): { loc: A.Loc; trivia: A.Trivia } {
    return { loc: this.loc(n), trivia: { leading: [], blankBefore: false } };
  }

  private stmt(n: SyntaxNode): A.Stmt[] {
    const b = this.base(n);
    switch (n.type) {
      case "expression_statement":
        return [this.py2Print(n) ?? this.exprStatement(n)];
      case "print_statement":
        if (this.dialect === 3) throw new LiteralError(n, "wrongDialect", "the print statement", "2", "3");
        return [this.printStatement(n)];
      case "pass_statement":
        return [{ kind: "Pass", ...b }];
      case "break_statement":
        return [{ kind: "Break", ...b }];
      case "continue_statement":
        return [{ kind: "Continue", ...b }];
      case "return_statement": {
        const v = n.namedChildren[0];
        return [{ kind: "Return", ...b, value: v ? this.expr(v) : undefined }];
      }
      case "delete_statement":
        return [{ kind: "Delete", ...b, targets: this.exprList(n.namedChildren[0]!) }];
      case "raise_statement":
        return [this.raise(n)];
      case "global_statement":
        return [{ kind: "Global", ...b, names: n.namedChildren.map((c) => c.text) }];
      case "nonlocal_statement":
        return [{ kind: "Nonlocal", ...b, names: n.namedChildren.map((c) => c.text) }];
      case "assert_statement": {
        const [test, msg] = n.namedChildren;
        return [{ kind: "Assert", ...b, test: this.expr(test!), msg: msg ? this.expr(msg) : undefined }];
      }
      case "import_statement":
        return [{ kind: "Import", ...b, names: n.childrenForFieldName("name").map((c) => this.alias(c)) }];
      case "import_from_statement":
        return [this.importFrom(n)];
      case "future_import_statement":
        return [];
      case "if_statement":
        return [this.ifStatement(n)];
      case "for_statement":
        if (n.children.some((c) => c.type === "async")) this.unsupported(n, "async for");
        return [
          {
            kind: "For",
            ...b,
            target: this.target(n.childForFieldName("left")!),
            iter: this.exprOrTuple(n.childForFieldName("right")!),
            body: this.suite(n.childForFieldName("body"), n),
            orelse: this.elseBody(n.childForFieldName("alternative")),
          },
        ];
      case "while_statement":
        return [
          {
            kind: "While",
            ...b,
            test: this.expr(n.childForFieldName("condition")!),
            body: this.suite(n.childForFieldName("body"), n),
            orelse: this.elseBody(n.childForFieldName("alternative")),
          },
        ];
      case "try_statement":
        return [this.tryStatement(n)];
      case "with_statement":
        return [this.withStatement(n)];
      case "function_definition":
        return [this.functionDef(n, [])];
      case "class_definition":
        return [this.classDef(n, [])];
      case "decorated_definition": {
        const decorators = n.namedChildren.filter((c) => c.type === "decorator").map((d) => this.expr(d.namedChildren[0]!));
        const def = n.childForFieldName("definition")!;
        return [def.type === "class_definition" ? this.classDef(def, decorators, n) : this.functionDef(def, decorators, n)];
      }
      case "exec_statement":
        return this.unsupported(n, "the exec statement (Python 2)");
      case "match_statement":
        return this.unsupported(n, "match statements");
      case "type_alias_statement":
        return this.unsupported(n, "type alias statements");
      default:
        return this.unsupported(n, `statement '${n.type}'`);
    }
  }

  private exprStatement(n: SyntaxNode): A.Stmt {
    const b = this.base(n);
    const inner = n.namedChildren;
    if (inner.length > 1) return { kind: "ExprStmt", ...b, value: { kind: "Tuple", loc: this.loc(n), elts: inner.map((c) => this.expr(c)) } };
    const e = inner[0]!;
    if (e.type === "assignment") {
      const targets: A.Expr[] = [];
      let cur: SyntaxNode = e;
      let annotation: SyntaxNode | null = null;
      while (cur.type === "assignment") {
        targets.push(this.target(cur.childForFieldName("left")!));
        annotation = annotation ?? cur.childForFieldName("type");
        const right = cur.childForFieldName("right");
        if (!right) {
          if (annotation) return { kind: "AnnAssign", ...b, target: targets[0]!, annotation: this.expr(annotation.namedChildren[0] ?? annotation) };
          return this.unsupported(cur, "assignment without a value");
        }
        cur = right;
      }
      const value = this.exprOrTuple(cur);
      if (annotation && targets.length === 1) {
        return { kind: "AnnAssign", ...b, target: targets[0]!, annotation: this.expr(annotation.namedChildren[0] ?? annotation), value };
      }
      return { kind: "Assign", ...b, targets, value };
    }
    if (e.type === "augmented_assignment") {
      const op = e.childForFieldName("operator")!.text.slice(0, -1) as A.BinaryOperator;
      return { kind: "AugAssign", ...b, target: this.target(e.childForFieldName("left")!), op, value: this.exprOrTuple(e.childForFieldName("right")!) };
    }
    return { kind: "ExprStmt", ...b, value: this.expr(e) };
  }

  /**
   * Python 2 without `from __future__ import print_function`: `print` alone prints a newline and
   * `print(a, b)` is the print statement applied to a parenthesized tuple (CPython 2 prints `('a', 'b')`).
   */
  private py2Print(n: SyntaxNode): A.PrintStmt | undefined {
    if (this.dialect !== 2 || this.futures.has("print_function")) return undefined;
    const inner = n.namedChildren.filter((c) => c.type !== "comment");
    const e = inner.length === 1 ? inner[0]! : undefined;
    if (e?.type === "identifier" && e.text === "print") return { kind: "PrintStmt", ...this.base(n), values: [], trailingComma: false };
    if (e?.type !== "call" || e.childForFieldName("function")?.text !== "print") return undefined;
    const argsNode = e.childForFieldName("arguments")!;
    if (argsNode.type === "generator_expression") return { kind: "PrintStmt", ...this.base(n), values: [this.comprehension(argsNode)], trailingComma: false };
    const args = argsNode.namedChildren.filter((c) => c.type !== "comment");
    const odd = args.find((c) => c.type === "keyword_argument" || c.type === "list_splat" || c.type === "dictionary_splat");
    if (odd) throw new LiteralError(odd, "wrongDialect", "print() with keyword or unpacked arguments", "3", "2 (add `from __future__ import print_function`)");
    const commas = argsNode.children.filter((c) => c.type === ",").length;
    const value: A.Expr =
      args.length === 1 && commas === 0 ? this.expr(args[0]!) : { kind: "Tuple", loc: this.loc(argsNode), elts: args.map((c) => this.expr(c)) };
    return { kind: "PrintStmt", ...this.base(n), values: [value], trailingComma: false };
  }

  private printStatement(n: SyntaxNode): A.PrintStmt {
    const chevron = n.namedChildren.find((c) => c.type === "chevron");
    const values = n.childrenForFieldName("argument").map((c) => this.expr(c));
    const last = n.children.at(-1);
    return {
      kind: "PrintStmt",
      ...this.base(n),
      values,
      dest: chevron ? this.expr(chevron.namedChildren[0]!) : undefined,
      trailingComma: last?.type === ",",
    };
  }

  private raise(n: SyntaxNode): A.Raise {
    const b = this.base(n);
    const cause = n.childForFieldName("cause");
    const value = n.namedChildren.find((c) => c !== cause);
    if (!value) return { kind: "Raise", ...b };
    // Python 2: `raise E, "message"` raises E("message").
    if (value.type === "expression_list") {
      if (this.dialect === 3) throw new LiteralError(value, "wrongDialect", "`raise E, value`", "2", "3");
      const [cls, arg] = value.namedChildren.map((c) => this.expr(c));
      if (value.namedChildren.length > 2) this.unsupported(value, "raise with a traceback argument");
      return { kind: "Raise", ...b, exc: { kind: "Call", loc: this.loc(value), func: cls!, args: arg ? [arg] : [], keywords: [] } };
    }
    return { kind: "Raise", ...b, exc: this.expr(value), cause: cause ? this.expr(cause) : undefined };
  }

  private alias(n: SyntaxNode): A.Alias {
    if (n.type === "aliased_import") {
      return { name: n.childForFieldName("name")!.text, asname: n.childForFieldName("alias")!.text, loc: this.loc(n) };
    }
    return { name: n.text, loc: this.loc(n) };
  }

  private importFrom(n: SyntaxNode): A.ImportFrom {
    const moduleNode = n.childForFieldName("module_name")!;
    let level = 0;
    let module = moduleNode.text;
    if (moduleNode.type === "relative_import") {
      const prefix = moduleNode.namedChildren.find((c) => c.type === "import_prefix");
      level = prefix ? prefix.text.length : 0;
      module = moduleNode.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "";
    }
    const star = n.namedChildren.some((c) => c.type === "wildcard_import");
    return { kind: "ImportFrom", ...this.base(n), module, level, star, names: n.childrenForFieldName("name").map((c) => this.alias(c)) };
  }

  private ifStatement(n: SyntaxNode): A.If {
    const clauses = n.childrenForFieldName("alternative");
    const build = (i: number): A.Stmt[] => {
      const c = clauses[i];
      if (!c) return [];
      if (c.type === "else_clause") return this.suite(c.childForFieldName("body"), c);
      const leading = this.leadingComments(c.startPosition.row + 1);
      return [
        {
          kind: "If",
          loc: this.loc(c),
          trivia: { leading: leading.map((x) => x.text), blankBefore: this.blankBefore(c.startPosition.row + 1, leading) },
          test: this.expr(c.childForFieldName("condition")!),
          body: this.suite(c.childForFieldName("consequence"), c),
          orelse: build(i + 1),
        },
      ];
    };
    const test = this.expr(n.childForFieldName("condition")!);
    const body = this.suite(n.childForFieldName("consequence"), n);
    return { kind: "If", ...this.base(n), test, body, orelse: build(0) };
  }

  private elseBody(n: SyntaxNode | null): A.Stmt[] {
    return n ? this.suite(n.childForFieldName("body"), n) : [];
  }

  private tryStatement(n: SyntaxNode): A.Try {
    const body = this.suite(n.childForFieldName("body"), n);
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    for (const c of n.namedChildren) {
      if (c.type === "except_clause" || c.type === "except_group_clause") {
        if (c.type === "except_group_clause") this.unsupported(c, "except*");
        const values = c.childrenForFieldName("value");
        const blockNode = c.namedChildren.find((x) => x.type === "block") ?? null;
        let type: A.Expr | undefined;
        let name: string | undefined;
        if (values[0]?.type === "as_pattern") {
          type = this.expr(values[0].namedChildren[0]!);
          const alias = values[0].childForFieldName("alias");
          // tree-sitter accepts any expression after `as`; CPython only a name.
          if (alias && !(alias.type === "identifier" || (alias.type === "as_pattern_target" && alias.namedChildren[0]?.type === "identifier" && alias.namedChildren.length === 1))) {
            throw new LiteralError(alias, "syntaxError");
          }
          name = alias?.text;
        } else if (values.length === 2) {
          // Python 2: `except E, e:`
          if (this.dialect === 3) throw new LiteralError(c, "wrongDialect", "`except E, name`", "2", "3");
          type = this.expr(values[0]!);
          name = values[1]!.text;
        } else if (values[0]) type = this.expr(values[0]);
        const leading = this.leadingComments(c.startPosition.row + 1);
        const trivia = { leading: leading.map((x) => x.text), blankBefore: this.blankBefore(c.startPosition.row + 1, leading) };
        handlers.push({ loc: this.loc(c), type, name, body: this.suite(blockNode, c), trivia });
      } else if (c.type === "else_clause") orelse = this.suite(c.childForFieldName("body"), c);
      else if (c.type === "finally_clause") finalbody = this.suite(c.namedChildren.find((x) => x.type === "block") ?? null, c);
    }
    if (handlers.length === 0 && finalbody.length === 0) this.unsupported(n, "expected 'except' or 'finally' block");
    return { kind: "Try", ...this.base(n), body, handlers, orelse, finalbody };
  }

  private withStatement(n: SyntaxNode): A.With {
    if (n.children.some((c) => c.type === "async")) this.unsupported(n, "async with");
    const clause = n.namedChildren.find((c) => c.type === "with_clause")!;
    const items: A.WithItem[] = clause.namedChildren
      .filter((c) => c.type === "with_item")
      .map((item) => {
        const v = item.childForFieldName("value")!;
        if (v.type === "as_pattern") {
          const t = v.childForFieldName("alias")!;
          return { context: this.expr(v.namedChildren[0]!), target: this.target(t.namedChildren[0] ?? t) };
        }
        return { context: this.expr(v) };
      });
    return { kind: "With", ...this.base(n), items, body: this.suite(n.childForFieldName("body"), n) };
  }

  private functionDef(n: SyntaxNode, decorators: A.Expr[], outer: SyntaxNode = n): A.FunctionDef {
    if (n.children.some((c) => c.type === "async")) this.unsupported(n, "async functions");
    const returns = n.childForFieldName("return_type");
    const { body, docstring } = splitDocstring(this.suite(n.childForFieldName("body"), n));
    return {
      kind: "FunctionDef",
      ...this.base(outer),
      name: n.childForFieldName("name")!.text,
      params: this.params(n.childForFieldName("parameters")),
      body,
      decorators,
      returns: returns ? this.expr(returns.namedChildren[0] ?? returns) : undefined,
      docstring,
    };
  }

  private classDef(n: SyntaxNode, decorators: A.Expr[], outer: SyntaxNode = n): A.ClassDef {
    const supers = n.childForFieldName("superclasses");
    const keyword = supers?.namedChildren.find((c) => c.type === "keyword_argument" || c.type === "dictionary_splat" || c.type === "list_splat");
    if (keyword) this.unsupported(keyword, keyword.type === "keyword_argument" ? `class keyword argument '${keyword.childForFieldName("name")?.text}='` : "unpacking in a class's bases");
    const { body, docstring } = splitDocstring(this.suite(n.childForFieldName("body"), n));
    return {
      kind: "ClassDef",
      ...this.base(outer),
      name: n.childForFieldName("name")!.text,
      bases: supers ? supers.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c)) : [],
      body,
      decorators,
      docstring,
    };
  }

  private params(n: SyntaxNode | null): A.Param[] {
    if (!n) return [];
    const out: A.Param[] = [];
    let kwonly = false;
    for (const c of n.namedChildren) {
      const loc = this.loc(c);
      const variety = kwonly ? "kwonly" : "positional";
      switch (c.type) {
        case "identifier":
          out.push({ name: c.text, loc, variety });
          break;
        case "typed_parameter": {
          const inner = c.namedChildren[0]!;
          const annotation = c.childForFieldName("type");
          if (inner.type === "list_splat_pattern") {
            out.push({ name: inner.namedChildren[0]!.text, loc, variety: "vararg" });
            kwonly = true;
          } else if (inner.type === "dictionary_splat_pattern") out.push({ name: inner.namedChildren[0]!.text, loc, variety: "kwarg" });
          else out.push({ name: inner.text, loc, variety, annotation: annotation ? this.expr(annotation.namedChildren[0] ?? annotation) : undefined });
          break;
        }
        case "default_parameter":
        case "typed_default_parameter": {
          const annotation = c.childForFieldName("type");
          out.push({
            name: c.childForFieldName("name")!.text,
            loc,
            variety,
            default: this.expr(c.childForFieldName("value")!),
            annotation: annotation ? this.expr(annotation.namedChildren[0] ?? annotation) : undefined,
          });
          break;
        }
        case "list_splat_pattern":
          out.push({ name: c.namedChildren[0]!.text, loc, variety: "vararg" });
          kwonly = true;
          break;
        case "dictionary_splat_pattern":
          out.push({ name: c.namedChildren[0]!.text, loc, variety: "kwarg" });
          break;
        case "keyword_separator":
          kwonly = true;
          break;
        case "positional_separator":
          break;
        case "tuple_pattern":
          this.unsupported(c, "tuple parameters (Python 2)");
          break;
        default:
          this.unsupported(c, `parameter '${c.type}'`);
      }
    }
    return out;
  }

  // --- expressions -------------------------------------------------------------------------------

  /** A right-hand side that may be a bare tuple (`a, b`). */
  private exprOrTuple(n: SyntaxNode): A.Expr {
    if (n.type === "expression_list" || n.type === "pattern_list") {
      return { kind: "Tuple", loc: this.loc(n), elts: n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c)) };
    }
    return this.expr(n);
  }

  private exprList(n: SyntaxNode): A.Expr[] {
    return n.type === "expression_list" ? n.namedChildren.map((c) => this.expr(c)) : [this.expr(n)];
  }

  private target(n: SyntaxNode): A.Expr {
    switch (n.type) {
      case "pattern_list":
      case "tuple_pattern":
      case "expression_list":
        return { kind: "Tuple", loc: this.loc(n), elts: n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.target(c)) };
      case "list_pattern":
        return { kind: "List", loc: this.loc(n), elts: n.namedChildren.map((c) => this.target(c)) };
      case "list_splat_pattern":
        return { kind: "Starred", loc: this.loc(n), value: this.target(n.namedChildren[0]!) };
      default:
        return this.expr(n);
    }
  }

  private expr(n: SyntaxNode): A.Expr {
    const loc = this.loc(n);
    switch (n.type) {
      case "identifier":
        // Python 2 without print_function has no `print` value: `map(print, xs)` is a SyntaxError there.
        if (n.text === "print" && this.dialect === 2 && !this.futures.has("print_function")) {
          this.unsupported(n, "print used as a value in Python 2 (add `from __future__ import print_function`)");
        }
        return { kind: "Name", loc, id: n.text };
      case "keyword_identifier":
        return { kind: "Name", loc, id: n.text };
      case "integer": {
        if (/[jJ]$/.test(n.text)) return { kind: "Constant", loc, value: { type: "complex", value: parseFloatLiteral(n.text.slice(0, -1)) } };
        if (this.dialect === 3 && /^(0[0-9_]*[1-9][0-9_]*|\d+[lL])$/.test(n.text)) throw new LiteralError(n, "wrongDialect", `the literal ${n.text}`, "2", "3");
        return { kind: "Constant", loc, value: { type: "int", value: parseIntLiteral(n.text) } };
      }
      case "float":
        if (/[jJ]$/.test(n.text)) return { kind: "Constant", loc, value: { type: "complex", value: parseFloatLiteral(n.text.slice(0, -1)) } };
        return { kind: "Constant", loc, value: { type: "float", value: parseFloatLiteral(n.text) } };
      case "true":
        return { kind: "Constant", loc, value: { type: "bool", value: true } };
      case "false":
        return { kind: "Constant", loc, value: { type: "bool", value: false } };
      case "none":
        return { kind: "Constant", loc, value: { type: "None" } };
      case "ellipsis":
        return { kind: "Constant", loc, value: { type: "Ellipsis" } };
      case "string":
        return this.string(n);
      case "concatenated_string":
        return this.concatenated(n);
      case "parenthesized_expression": {
        const inner = n.namedChildren.filter((c) => c.type !== "comment");
        return this.expr(inner[0]!);
      }
      case "binary_operator":
      case "unary_operator":
        return this.arithmetic(n);
      case "not_operator":
        return { kind: "UnaryOp", loc, op: "not", operand: this.expr(n.childForFieldName("argument")!) };
      case "boolean_operator": {
        const op = n.childForFieldName("operator")!.type as "and" | "or";
        const values: A.Expr[] = [];
        const flatten = (x: SyntaxNode) => {
          if (x.type === "boolean_operator" && x.childForFieldName("operator")!.type === op) {
            flatten(x.childForFieldName("left")!);
            flatten(x.childForFieldName("right")!);
          } else values.push(this.expr(x));
        };
        flatten(n);
        return { kind: "BoolOp", loc, op, values };
      }
      case "comparison_operator":
        return this.comparison(n);
      case "call":
        return this.call(n);
      case "attribute":
        return { kind: "Attribute", loc, value: this.expr(n.childForFieldName("object")!), attr: n.childForFieldName("attribute")!.text };
      case "subscript": {
        const subs = n.childrenForFieldName("subscript");
        const index: A.Expr = subs.length === 1 ? this.expr(subs[0]!) : { kind: "Tuple", loc, elts: subs.map((s) => this.expr(s)) };
        return { kind: "Subscript", loc, value: this.expr(n.childForFieldName("value")!), index };
      }
      case "slice": {
        // Children are up to three expressions separated by ':' tokens.
        const parts: (A.Expr | undefined)[] = [undefined];
        for (const c of n.children) {
          if (c.type === ":") parts.push(undefined);
          else if (c.isNamed && c.type !== "comment") parts[parts.length - 1] = this.expr(c);
        }
        return { kind: "Slice", loc, lower: parts[0], upper: parts[1], step: parts[2] };
      }
      case "list":
        return { kind: "List", loc, elts: this.elements(n) };
      case "tuple":
      case "expression_list":
      case "pattern_list":
        return { kind: "Tuple", loc, elts: this.elements(n) };
      case "set":
        return { kind: "Set", loc, elts: this.elements(n) };
      case "dictionary":
        return {
          kind: "Dict",
          loc,
          items: n.namedChildren
            .filter((c) => c.type !== "comment")
            .map((c) =>
              c.type === "pair"
                ? { key: this.expr(c.childForFieldName("key")!), value: this.expr(c.childForFieldName("value")!) }
                : { value: this.expr(c.namedChildren[0]!) },
            ),
        };
      case "list_splat":
        return { kind: "Starred", loc, value: this.expr(n.namedChildren[0]!) };
      case "dictionary_splat":
        return this.unsupported(n, "** outside a call or dict");
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
      case "dictionary_comprehension":
        return this.comprehension(n);
      case "conditional_expression": {
        const [body, test, orelse] = n.namedChildren.filter((c) => c.type !== "comment");
        return { kind: "IfExp", loc, test: this.expr(test!), body: this.expr(body!), orelse: this.expr(orelse!) };
      }
      case "lambda": {
        const params = n.childForFieldName("parameters");
        return { kind: "Lambda", loc, params: this.params(params), body: this.expr(n.childForFieldName("body")!) };
      }
      case "named_expression":
        return { kind: "NamedExpr", loc, target: { kind: "Name", loc: this.loc(n.childForFieldName("name")!), id: n.childForFieldName("name")!.text }, value: this.expr(n.childForFieldName("value")!) };
      case "yield": {
        const from = n.children.some((c) => c.type === "from");
        const v = n.namedChildren.filter((c) => c.type !== "comment")[0];
        return { kind: "Yield", loc, from, value: v ? this.exprOrTuple(v) : undefined };
      }
      case "await":
        return this.unsupported(n, "await");
      // Annotations: tree-sitter parses `dict[str, int]` in a type position as generic_type, not subscript.
      case "type":
        return this.expr(n.namedChildren[0]!);
      case "generic_type": {
        const [value, params] = n.namedChildren;
        const elts = params ? params.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c)) : [];
        const index: A.Expr = elts.length === 1 ? elts[0]! : { kind: "Tuple", loc: this.loc(params ?? n), elts };
        return { kind: "Subscript", loc, value: this.expr(value!), index };
      }
      case "union_type":
        return { kind: "BinOp", loc, left: this.expr(n.namedChildren[0]!), op: "|", right: this.expr(n.namedChildren[1]!) };
      case "print_statement":
        return this.unsupported(n, "print statement in an expression");
      default:
        return this.unsupported(n, `expression '${n.type}'`);
    }
  }

  /**
   * Arithmetic and bitwise operators. tree-sitter-python 0.25 gives `&` a lower precedence than `^`
   * (`b & c ^ d` parses as `b & (c ^ d)`; Python means `(b & c) ^ d`), so the operator chain is flattened
   * back to its tokens in source order and re-parsed with Python's own precedence table.
   */
  private arithmetic(n: SyntaxNode): A.Expr {
    type Tok = { t: "operand"; node: SyntaxNode } | { t: "bin"; op: string } | { t: "pre"; op: "-" | "+" | "~"; node: SyntaxNode };
    const toks: Tok[] = [];
    const flatten = (x: SyntaxNode) => {
      if (x.type === "binary_operator") {
        const op = x.childForFieldName("operator")!.type;
        if (!BIN_OPS.has(op)) this.unsupported(x, `operator ${op}`);
        flatten(x.childForFieldName("left")!);
        toks.push({ t: "bin", op });
        flatten(x.childForFieldName("right")!);
      } else if (x.type === "unary_operator") {
        toks.push({ t: "pre", op: x.childForFieldName("operator")!.type as "-" | "+" | "~", node: x });
        flatten(x.childForFieldName("argument")!);
      } else toks.push({ t: "operand", node: x });
    };
    flatten(n);
    let i = 0;
    const span = (a: A.Loc, b: A.Loc): A.Loc => ({ line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol });
    // Python's grammar: unary binds looser than ** on its right (-a ** b == -(a ** b)), ** is right-associative
    // and its right operand may itself be unary (2 ** -1).
    const unary = (): A.Expr => {
      const tok = toks[i++]!;
      if (tok.t === "pre") {
        const operand = unary();
        return { kind: "UnaryOp", loc: span(this.loc(tok.node), operand.loc), op: tok.op, operand };
      }
      if (tok.t !== "operand") throw new Error("operator where an operand was expected");
      const base = this.expr(tok.node);
      const next = toks[i];
      if (next?.t === "bin" && next.op === "**") {
        i++;
        const exp = unary();
        return { kind: "BinOp", loc: span(base.loc, exp.loc), left: base, op: "**", right: exp };
      }
      return base;
    };
    const binary = (minPrec: number): A.Expr => {
      let left = unary();
      for (;;) {
        const tok = toks[i];
        if (tok?.t !== "bin") return left;
        const prec = PRECEDENCE[tok.op]!;
        if (prec < minPrec) return left;
        i++;
        const right = binary(prec + 1);
        left = { kind: "BinOp", loc: span(left.loc, right.loc), left, op: tok.op as A.BinaryOperator, right };
      }
    };
    return binary(0);
  }

  private elements(n: SyntaxNode): A.Expr[] {
    return n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c));
  }

  private comparison(n: SyntaxNode): A.Compare {
    const operands: A.Expr[] = [];
    const ops: A.CompareOperator[] = [];
    let pending = "";
    for (const c of n.children) {
      if (c.isNamed && c.type !== "comment") {
        if (pending) {
          ops.push(pending.replace(/\s+/g, " ") as A.CompareOperator);
          pending = "";
        }
        operands.push(this.expr(c));
      } else if (!c.isNamed) {
        if (c.type === "<>" && this.dialect === 3) throw new LiteralError(c, "wrongDialect", "the `<>` operator", "2", "3");
        const t = c.type === "<>" ? "!=" : c.type;
        pending = pending ? `${pending} ${t}` : t;
      }
    }
    return { kind: "Compare", loc: this.loc(n), left: operands[0]!, ops, comparators: operands.slice(1) };
  }

  private call(n: SyntaxNode): A.Call {
    const func = this.expr(n.childForFieldName("function")!);
    const argsNode = n.childForFieldName("arguments")!;
    if (argsNode.type === "generator_expression") return { kind: "Call", loc: this.loc(n), func, args: [this.comprehension(argsNode)], keywords: [] };
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    for (const c of argsNode.namedChildren) {
      if (c.type === "comment") continue;
      if (c.type === "keyword_argument") {
        keywords.push({ name: c.childForFieldName("name")!.text, value: this.expr(c.childForFieldName("value")!), loc: this.loc(c) });
      } else if (c.type === "dictionary_splat") keywords.push({ value: this.expr(c.namedChildren[0]!), loc: this.loc(c) });
      else if (c.type === "list_splat") args.push({ kind: "Starred", loc: this.loc(c), value: this.expr(c.namedChildren[0]!) });
      else args.push(this.expr(c));
    }
    return { kind: "Call", loc: this.loc(n), func, args, keywords };
  }

  private comprehension(n: SyntaxNode): A.ListComp | A.SetComp | A.GeneratorExp | A.DictComp {
    const loc = this.loc(n);
    const body = n.childForFieldName("body")!;
    const generators: A.Comprehension[] = [];
    for (const c of n.namedChildren) {
      if (c.type === "for_in_clause") {
        if (c.children.some((x) => x.type === "async")) this.unsupported(c, "async comprehensions");
        const rights = c.childrenForFieldName("right");
        generators.push({
          target: this.target(c.childForFieldName("left")!),
          iter: rights.length > 1 ? { kind: "Tuple", loc: this.loc(c), elts: rights.map((r) => this.expr(r)) } : this.expr(rights[0]!),
          ifs: [],
        });
      } else if (c.type === "if_clause") {
        (generators.at(-1)!.ifs as A.Expr[]).push(this.expr(c.namedChildren[0]!));
      }
    }
    switch (n.type) {
      case "list_comprehension":
        return { kind: "ListComp", loc, elt: this.expr(body), generators };
      case "set_comprehension":
        return { kind: "SetComp", loc, elt: this.expr(body), generators };
      case "dictionary_comprehension":
        return { kind: "DictComp", loc, key: this.expr(body.childForFieldName("key")!), value: this.expr(body.childForFieldName("value")!), generators };
      default:
        return { kind: "GeneratorExp", loc, elt: this.expr(body), generators };
    }
  }

  // --- strings -----------------------------------------------------------------------------------

  /** `"a" "b"`: adjacent literals are one constant (a JoinedStr when any part is an f-string). */
  private concatenated(n: SyntaxNode): A.Expr {
    const parts = n.namedChildren.filter((c) => c.type === "string").map((c) => this.string(c));
    const isBytes = parts.map((p) => p.kind === "Constant" && p.value.type === "bytes");
    if (isBytes.some((b) => b) && !isBytes.every((b) => b)) throw new LiteralError(n, "badLiteral", "cannot mix bytes and nonbytes literals");
    if (isBytes[0]) {
      const bytes = parts.flatMap((p) => [...((p as A.Constant).value as { value: Uint8Array }).value]);
      return { kind: "Constant", loc: this.loc(n), value: { type: "bytes", value: new Uint8Array(bytes) } };
    }
    const values: (A.Constant | A.FormattedValue)[] = [];
    for (const p of parts) {
      for (const v of p.kind === "JoinedStr" ? p.values : [p]) {
        const last = values.at(-1);
        if (v.kind === "Constant" && last?.kind === "Constant" && last.value.type === "str" && v.value.type === "str") {
          values[values.length - 1] = { ...last, value: { type: "str", value: last.value.value + v.value.value } };
        } else values.push(v);
      }
    }
    if (parts.every((p) => p.kind === "Constant")) {
      const text = values.map((v) => ((v as A.Constant).value as { value: string }).value).join("");
      return { kind: "Constant", loc: this.loc(n), value: { type: "str", value: text } };
    }
    return { kind: "JoinedStr", loc: this.loc(n), values };
  }

  /**
   * One literal. Escapes are decoded as CPython's tokenizer does for the literal's prefix and dialect:
   * raw keeps backslashes; bytes know no \u; a Python 2 plain string is a byte string (no \u escapes,
   * unless `unicode_literals`), kept as a str; a Python 2 `ur""` decodes only \u and \U.
   */
  private string(n: SyntaxNode): A.Constant | A.JoinedStr {
    const loc = this.loc(n);
    const start = n.children.find((c) => c.type === "string_start")!;
    const end = n.children.find((c) => c.type === "string_end");
    if (start.text.startsWith("`")) this.unsupported(n, "backquote repr (Python 2); write repr(x)");
    const { prefix } = parsePrefix(start.text);
    if (prefix.raw && prefix.unicode && this.dialect === 3) throw new LiteralError(n, "wrongDialect", `the ${start.text.slice(0, 2)} string prefix`, "2", "3");
    const py2Bytes = this.dialect === 2 && !prefix.unicode && !this.futures.has("unicode_literals");
    const decode = (raw: string, at: SyntaxNode): string => {
      try {
        if (prefix.raw) return prefix.unicode && this.dialect === 2 ? decodeRawUnicode(raw) : raw;
        return decodeEscapes(raw, prefix.bytes || py2Bytes);
      } catch (e) {
        if (e instanceof EscapeError) throw new LiteralError(at, "badLiteral", e.message);
        throw e;
      }
    };
    if (!prefix.fstring) {
      const raw = this.source.slice(start.endIndex, end ? end.startIndex : n.endIndex);
      if (prefix.bytes) {
        if (/[^\x00-\x7f]/.test(raw)) throw new LiteralError(n, "badLiteral", "bytes can only contain ASCII literal characters");
        const text = decode(raw, n);
        return { kind: "Constant", loc, value: { type: "bytes", value: new Uint8Array([...text].map((ch) => ch.codePointAt(0)! & 0xff)) } };
      }
      return { kind: "Constant", loc, value: { type: "str", value: decode(raw, n) } };
    }
    const values: (A.Constant | A.FormattedValue)[] = [];
    let cursor = start.endIndex;
    const pushText = (raw: string, at: SyntaxNode) => {
      if (!raw) return;
      const text = decode(raw.replace(/\{\{/g, "{").replace(/\}\}/g, "}"), at);
      const last = values.at(-1);
      if (last?.kind === "Constant" && last.value.type === "str") values[values.length - 1] = { ...last, value: { type: "str", value: last.value.value + text } };
      else values.push({ kind: "Constant", loc, value: { type: "str", value: text } });
    };
    for (const c of n.children) {
      if (c.type !== "interpolation") continue;
      pushText(this.source.slice(cursor, c.startIndex), c);
      values.push(this.interpolation(c));
      cursor = c.endIndex;
    }
    pushText(this.source.slice(cursor, end ? end.startIndex : n.endIndex), n);
    return { kind: "JoinedStr", loc, values };
  }

  /** `{value=!conv:spec}` (an `interpolation`, or a `format_expression` nested in a spec). */
  private interpolation(c: SyntaxNode): A.FormattedValue {
    const e = c.childForFieldName("expression")!;
    const conv = c.childForFieldName("type_conversion");
    const spec = c.childForFieldName("format_specifier");
    // `f"{ x = }"` prints its source text as written, spaces included, up to the `!`, `:` or `}`.
    const eq = c.children.find((x) => x.type === "=" && x.startIndex >= e.endIndex);
    const selfDoc = eq ? this.source.slice(c.startIndex + 1, eq.nextSibling?.startIndex ?? eq.endIndex) : undefined;
    let specExpr: A.JoinedStr | undefined;
    if (spec) {
      const values: (A.Constant | A.FormattedValue)[] = [];
      let cursor = spec.startIndex + (spec.text.startsWith(":") ? 1 : 0);
      for (const x of spec.children) {
        if (x.type !== "format_expression" && x.type !== "interpolation") continue;
        const text = this.source.slice(cursor, x.startIndex);
        if (text) values.push({ kind: "Constant", loc: this.loc(spec), value: { type: "str", value: text } });
        values.push(this.interpolation(x));
        cursor = x.endIndex;
      }
      const rest = this.source.slice(cursor, spec.endIndex);
      if (rest) values.push({ kind: "Constant", loc: this.loc(spec), value: { type: "str", value: rest } });
      specExpr = { kind: "JoinedStr", loc: this.loc(spec), values };
    }
    return {
      kind: "FormattedValue",
      loc: this.loc(c),
      value: this.exprOrTuple(e),
      // CPython: a self-documenting field uses repr() unless a conversion or a format spec is given.
      conversion: conv ? (conv.text.slice(1) as "r" | "s" | "a") : selfDoc !== undefined && !spec ? "r" : undefined,
      spec: specExpr,
      selfDoc,
    };
  }
}

/** A body whose first statement is a string literal: that string is the docstring (cleaned as inspect does). */
function splitDocstring(body: A.Stmt[]): { body: A.Stmt[]; docstring?: string } {
  const first = body[0];
  if (first?.kind === "ExprStmt" && first.value.kind === "Constant" && first.value.value.type === "str") {
    return { body: body.slice(1), docstring: cleandoc(first.value.value.value) };
  }
  return { body };
}

/** The features named by `from __future__ import a, b` statements at the top of the module. */
function futureFeatures(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of root.namedChildren) {
    if (n.type !== "future_import_statement") continue;
    for (const c of n.childrenForFieldName("name")) out.add((c.type === "aliased_import" ? c.childForFieldName("name")! : c).text);
  }
  return out;
}

/**
 * Python 2 only forms: the print and exec statements, backquotes, `<>`, `ur""`, `except E, e`, `raise E, x`,
 * long (`10L`) and old octal (`017`) literals; calls of `xrange`/`raw_input` and `.has_key`/`.iteritems`
 * mark a Python 2 script too (they fail at once under Python 3).
 */
function isPython2Form(n: SyntaxNode): boolean {
  switch (n.type) {
    case "print_statement":
    case "exec_statement":
      return true;
    case "except_clause":
      return n.childrenForFieldName("value").length === 2;
    case "raise_statement":
      return n.namedChildren.some((x) => x.type === "expression_list");
    case "integer":
      return /^(0[0-7]+|\d+[lL])$/.test(n.text);
    case "<>":
      return !n.isNamed;
    case "string_start":
      return /^(`|[uU][rR])/.test(n.text);
    case "call": {
      const f = n.childForFieldName("function");
      return (
        (f?.type === "identifier" && (f.text === "xrange" || f.text === "raw_input")) ||
        (f?.type === "attribute" && ["has_key", "iteritems", "itervalues", "iterkeys"].includes(f.childForFieldName("attribute")?.text ?? ""))
      );
    }
    default:
      return false;
  }
}
