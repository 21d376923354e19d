// The TypeScript compiler API the emitter builds and prints with. Loaded as CommonJS: importing
// typescript.js (9 MB) from an ES module makes Node scan all of it for export names first, which doubled
// what each conversion worker spent loading it; and through V8's code cache, which halves compiling it.

import type * as TS from "typescript";
import { requireWithCodeCache } from "../cache.js";

export const ts = requireWithCodeCache("typescript", import.meta.url) as typeof TS;

/** The compiler's types under the same name (a value and a types-only namespace merge). */
export declare namespace ts {
  export type ArrayLiteralExpression = TS.ArrayLiteralExpression;
  export type BinaryExpression = TS.BinaryExpression;
  export type BinaryOperator = TS.BinaryOperator;
  export type BindingName = TS.BindingName;
  export type Block = TS.Block;
  export type CallExpression = TS.CallExpression;
  export type CatchClause = TS.CatchClause;
  export type ClassElement = TS.ClassElement;
  export type ConciseBody = TS.ConciseBody;
  export type EmitHint = TS.EmitHint;
  export type EntityName = TS.EntityName;
  export type Expression = TS.Expression;
  export type ForInitializer = TS.ForInitializer;
  export type Identifier = TS.Identifier;
  export type IfStatement = TS.IfStatement;
  export type ImportDeclaration = TS.ImportDeclaration;
  export type KeywordTypeSyntaxKind = TS.KeywordTypeSyntaxKind;
  export type ModifierLike = TS.ModifierLike;
  export type NewLineKind = TS.NewLineKind;
  export type Node = TS.Node;
  export type NodeFlags = TS.NodeFlags;
  export type ObjectLiteralElementLike = TS.ObjectLiteralElementLike;
  export type ParameterDeclaration = TS.ParameterDeclaration;
  export type PrinterOptions = TS.PrinterOptions;
  export type PropertyAccessExpression = TS.PropertyAccessExpression;
  export type ScriptKind = TS.ScriptKind;
  export type ScriptTarget = TS.ScriptTarget;
  export type Statement = TS.Statement;
  export type StringLiteral = TS.StringLiteral;
  export type SyntaxKind = TS.SyntaxKind;
  export type SynthesizedComment = TS.SynthesizedComment;
  export type TransformationContext = TS.TransformationContext;
  export type TypeNode = TS.TypeNode;
}
