// Our typed Python AST: one readonly interface per node kind, a discriminated union on `kind`.
// Shapes follow CPython's `ast` module (so a reader who knows Python's AST knows these), plus source
// positions and the comments the emitter carries over. Built from tree-sitter's CST by frontend/parse.ts.

/** A source position range: lines are 1-based, columns are 1-based (as diagnostics print them). */
export interface Loc {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Comments attached to a statement: whole-line comments before it and a comment at the end of its line. */
export interface Trivia {
  readonly leading: readonly string[];
  readonly trailing?: string;
  /** A blank line separated this statement from the previous one in the source. */
  readonly blankBefore: boolean;
}

interface NodeBase<K extends string> {
  readonly kind: K;
  readonly loc: Loc;
}

interface StmtBase<K extends string> extends NodeBase<K> {
  readonly trivia: Trivia;
}

// ---------------------------------------------------------------------------------------------
// Module

export interface Module extends NodeBase<"Module"> {
  readonly body: readonly Stmt[];
  /** Comments after the last statement. */
  readonly trailingComments: readonly string[];
  readonly dialect: 2 | 3;
  /**
   * Features named by `from __future__ import ...` (`division`, `print_function`, `unicode_literals`, …).
   * The frontend already applies `print_function` and `unicode_literals`; `division` is for the later stages
   * (Python 2 `/` is true division under it). The import statement itself is not kept in `body`.
   */
  readonly futures?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Statements

export interface Param {
  readonly name: string;
  readonly loc: Loc;
  readonly default?: Expr;
  readonly annotation?: Expr;
  /** `*args` / `**kwargs` / keyword-only (after `*` or `*args`). */
  readonly variety: "positional" | "vararg" | "kwonly" | "kwarg";
}

export interface FunctionDef extends StmtBase<"FunctionDef"> {
  readonly name: string;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly returns?: Expr;
  readonly docstring?: string;
}

export interface ClassDef extends StmtBase<"ClassDef"> {
  readonly name: string;
  readonly bases: readonly Expr[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly docstring?: string;
}

export interface Return extends StmtBase<"Return"> {
  readonly value?: Expr;
}

export interface Delete extends StmtBase<"Delete"> {
  readonly targets: readonly Expr[];
}

/** `a = b = value`: several targets, one value. */
export interface Assign extends StmtBase<"Assign"> {
  readonly targets: readonly Expr[];
  readonly value: Expr;
}

export interface AugAssign extends StmtBase<"AugAssign"> {
  readonly target: Expr;
  readonly op: BinaryOperator;
  readonly value: Expr;
}

export interface AnnAssign extends StmtBase<"AnnAssign"> {
  readonly target: Expr;
  readonly annotation: Expr;
  readonly value?: Expr;
}

export interface For extends StmtBase<"For"> {
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}

export interface While extends StmtBase<"While"> {
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}

export interface If extends StmtBase<"If"> {
  readonly test: Expr;
  readonly body: readonly Stmt[];
  /** `elif` chains are nested Ifs in `orelse`, as in CPython's AST. */
  readonly orelse: readonly Stmt[];
}

export interface WithItem {
  readonly context: Expr;
  readonly target?: Expr;
}

export interface With extends StmtBase<"With"> {
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
}

export interface Raise extends StmtBase<"Raise"> {
  readonly exc?: Expr;
  readonly cause?: Expr;
}

export interface ExceptHandler {
  readonly loc: Loc;
  /** The caught class(es): a Name, an Attribute or a Tuple of them; absent for a bare `except:`. */
  readonly type?: Expr;
  readonly name?: string;
  readonly body: readonly Stmt[];
  readonly trivia: Trivia;
}

export interface Try extends StmtBase<"Try"> {
  readonly body: readonly Stmt[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Stmt[];
  readonly finalbody: readonly Stmt[];
}

export interface Assert extends StmtBase<"Assert"> {
  readonly test: Expr;
  readonly msg?: Expr;
}

export interface Alias {
  /** Dotted module name (`os.path`) or imported name. */
  readonly name: string;
  readonly asname?: string;
  readonly loc: Loc;
}

export interface Import extends StmtBase<"Import"> {
  readonly names: readonly Alias[];
}

export interface ImportFrom extends StmtBase<"ImportFrom"> {
  readonly module: string;
  readonly names: readonly Alias[];
  /** Number of leading dots of a relative import. */
  readonly level: number;
  /** `from m import *` */
  readonly star: boolean;
}

export interface Global extends StmtBase<"Global"> {
  readonly names: readonly string[];
}

export interface Nonlocal extends StmtBase<"Nonlocal"> {
  readonly names: readonly string[];
}

export interface ExprStmt extends StmtBase<"ExprStmt"> {
  readonly value: Expr;
}

export interface Pass extends StmtBase<"Pass"> {}
export interface Break extends StmtBase<"Break"> {}
export interface Continue extends StmtBase<"Continue"> {}

/** Python 2's print statement: `print a, b`, `print >>f, x`, `print x,` (no newline). */
export interface PrintStmt extends StmtBase<"PrintStmt"> {
  readonly values: readonly Expr[];
  readonly dest?: Expr;
  readonly trailingComma: boolean;
}

export type Stmt =
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Assign
  | AugAssign
  | AnnAssign
  | For
  | While
  | If
  | With
  | Raise
  | Try
  | Assert
  | Import
  | ImportFrom
  | Global
  | Nonlocal
  | ExprStmt
  | Pass
  | Break
  | Continue
  | PrintStmt;

export type StmtKind = Stmt["kind"];

// ---------------------------------------------------------------------------------------------
// Expressions

export type BinaryOperator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "//"
  | "%"
  | "**"
  | "@"
  | "<<"
  | ">>"
  | "&"
  | "|"
  | "^";

export type UnaryOperator = "-" | "+" | "~" | "not";

export type CompareOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "is" | "is not" | "in" | "not in";

export interface BoolOp extends NodeBase<"BoolOp"> {
  readonly op: "and" | "or";
  readonly values: readonly Expr[];
}

export interface NamedExpr extends NodeBase<"NamedExpr"> {
  readonly target: Name;
  readonly value: Expr;
}

export interface BinOp extends NodeBase<"BinOp"> {
  readonly left: Expr;
  readonly op: BinaryOperator;
  readonly right: Expr;
}

export interface UnaryOp extends NodeBase<"UnaryOp"> {
  readonly op: UnaryOperator;
  readonly operand: Expr;
}

export interface Lambda extends NodeBase<"Lambda"> {
  readonly params: readonly Param[];
  readonly body: Expr;
}

export interface IfExp extends NodeBase<"IfExp"> {
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}

export interface DictItem {
  /** Absent for `**other`. */
  readonly key?: Expr;
  readonly value: Expr;
}

export interface Dict extends NodeBase<"Dict"> {
  readonly items: readonly DictItem[];
}

export interface SetExpr extends NodeBase<"Set"> {
  readonly elts: readonly Expr[];
}

export interface Comprehension {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface ListComp extends NodeBase<"ListComp"> {
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface SetComp extends NodeBase<"SetComp"> {
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface DictComp extends NodeBase<"DictComp"> {
  readonly key: Expr;
  readonly value: Expr;
  readonly generators: readonly Comprehension[];
}

export interface GeneratorExp extends NodeBase<"GeneratorExp"> {
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface Yield extends NodeBase<"Yield"> {
  readonly value?: Expr;
  /** `yield from` */
  readonly from: boolean;
}

export interface Compare extends NodeBase<"Compare"> {
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
}

export interface Keyword {
  /** Absent for `**kwargs`. */
  readonly name?: string;
  readonly value: Expr;
  readonly loc: Loc;
}

export interface Call extends NodeBase<"Call"> {
  readonly func: Expr;
  /** Positional arguments; `*xs` appears as a Starred. */
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
}

/** One `{value!conv:spec}` field of an f-string. */
export interface FormattedValue extends NodeBase<"FormattedValue"> {
  readonly value: Expr;
  readonly conversion?: "r" | "s" | "a";
  /** The format spec, itself possibly holding nested fields. */
  readonly spec?: JoinedStr;
  /** `f"{x=}"`: the source text to print before the value. */
  readonly selfDoc?: string;
}

export interface JoinedStr extends NodeBase<"JoinedStr"> {
  /** Literal pieces are Constant strings. */
  readonly values: readonly (Constant | FormattedValue)[];
}

export type ConstantValue =
  | { readonly type: "int"; readonly value: bigint }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "complex"; readonly value: number }
  | { readonly type: "str"; readonly value: string }
  | { readonly type: "bytes"; readonly value: Uint8Array }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "None" }
  | { readonly type: "Ellipsis" };

export interface Constant extends NodeBase<"Constant"> {
  readonly value: ConstantValue;
}

export interface Attribute extends NodeBase<"Attribute"> {
  readonly value: Expr;
  readonly attr: string;
}

export interface Subscript extends NodeBase<"Subscript"> {
  readonly value: Expr;
  /** A Slice, a Tuple (for `a[i, j]`) or any expression. */
  readonly index: Expr;
}

export interface Starred extends NodeBase<"Starred"> {
  readonly value: Expr;
}

export interface Name extends NodeBase<"Name"> {
  readonly id: string;
}

export interface List extends NodeBase<"List"> {
  readonly elts: readonly Expr[];
}

export interface Tuple extends NodeBase<"Tuple"> {
  readonly elts: readonly Expr[];
}

export interface Slice extends NodeBase<"Slice"> {
  readonly lower?: Expr;
  readonly upper?: Expr;
  readonly step?: Expr;
}

/** Python 2's backquote repr `` `x` `` and other dialect leftovers are rejected by the frontend. */
export type Expr =
  | BoolOp
  | NamedExpr
  | BinOp
  | UnaryOp
  | Lambda
  | IfExp
  | Dict
  | SetExpr
  | ListComp
  | SetComp
  | DictComp
  | GeneratorExp
  | Yield
  | Compare
  | Call
  | FormattedValue
  | JoinedStr
  | Constant
  | Attribute
  | Subscript
  | Starred
  | Name
  | List
  | Tuple
  | Slice;

export type ExprKind = Expr["kind"];
export type Node = Stmt | Expr | Module;

export function assertNever(x: never, what = "node"): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify((x as { kind?: string }).kind ?? x)}`);
}
