// The one diagnostic type every stage reports with, and the table of every user-facing message.
// Codes are stable (PM1xxx syntax/input, PM2xxx unsupported Python, PM3xxx warnings about run-time behaviour).

import type { Loc } from "./frontend/ast.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly file: string;
  readonly loc: Loc;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Every message the converter prints, keyed by name; `{0}`-style holes are filled by `diag`. */
export const messages = {
  syntaxError: { code: "PM1001", severity: "error", text: "invalid syntax" },
  missingToken: { code: "PM1002", severity: "error", text: "invalid syntax: expected {0}" },
  unreadableFile: { code: "PM1003", severity: "error", text: "cannot read file: {0}" },
  notUtf8: { code: "PM1004", severity: "error", text: "file is not valid UTF-8 and has no coding declaration" },
  binaryFile: { code: "PM1005", severity: "error", text: "file looks binary (it contains NUL bytes)" },
  inconsistentTabs: { code: "PM1006", severity: "error", text: "inconsistent use of tabs and spaces in indentation" },
  unterminatedString: { code: "PM1007", severity: "error", text: "unterminated string literal" },
  unclosedBracket: { code: "PM1008", severity: "error", text: "'{0}' was never closed" },
  unexpectedToken: { code: "PM1009", severity: "error", text: "invalid syntax: unexpected '{0}'" },
  badLiteral: { code: "PM1010", severity: "error", text: "invalid literal: {0}" },
  wrongDialect: { code: "PM1011", severity: "error", text: "{0} is Python {1} syntax, but this file is converted as Python {2}" },
  internalError: { code: "PM1099", severity: "error", text: "internal error in the Python front end: {0}" },
  unsupportedSyntax: { code: "PM2001", severity: "error", text: "unsupported Python syntax: {0}" },
  unsupportedModule: { code: "PM2002", severity: "error", text: "module '{0}' is not supported by py2ts-mp" },
  unsupportedName: { code: "PM2003", severity: "error", text: "'{0}' is not supported by py2ts-mp" },
  unsupportedCall: { code: "PM2004", severity: "error", text: "unsupported use of {0}: {1}" },
  unsupportedConstruct: { code: "PM2005", severity: "error", text: "{0} cannot be translated faithfully: {1}" },
  undefinedName: { code: "PM2006", severity: "error", text: "name '{0}' is not defined" },
  badArguments: { code: "PM2007", severity: "error", text: "{0}" },
  untranslatableRegex: { code: "PM2008", severity: "error", text: "this regular expression cannot be translated faithfully: {0}" },
  untranslatableArgument: { code: "PM2009", severity: "error", text: "this argument cannot be translated faithfully: {0}" },
  unpicklableTask: { code: "PM3001", severity: "warning", text: "{0}" },
  runtimeDifference: { code: "PM3003", severity: "warning", text: "{0}" },
  uncrossableGlobal: {
    code: "PM3002",
    severity: "warning",
    text: "global '{0}' holds {1}, which cannot be sent to a worker process; a worker that uses it raises an error",
  },
} as const satisfies Record<string, { code: string; severity: Severity; text: string }>;

export type MessageId = keyof typeof messages;

export function diag(file: string, loc: Loc, id: MessageId, ...args: string[]): Diagnostic {
  const m = messages[id];
  const message = m.text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
  return { file, loc, code: m.code, severity: m.severity, message };
}

/** Thrown by a stage to stop at the first diagnostic it cannot recover from; the CLI prints it. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.loc.line}:${d.loc.col}: ${d.message}`).join("\n"));
  }
}

/** A bug of the converter, located at the innermost statement it was converting. */
export class InternalError extends Error {
  constructor(
    readonly loc: Loc,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Runs one statement's conversion step; an unexpected exception comes out located at `loc`. */
export function atStatement<T>(loc: Loc, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof InternalError || e instanceof DiagnosticError) throw e;
    throw new InternalError(loc, e);
  }
}
