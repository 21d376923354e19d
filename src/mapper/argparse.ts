// argparse → py2ts-mp/runtime/argparse. A parser is identified by its creation site, and each add_argument
// call adds the attribute it stores to that site's Namespace type (its dest, typed from type=, action=, nargs=
// and default=), so `args = parser.parse_args()` has typed attributes. Argument groups and subcommand parsers
// share their parser's site: what they add lands in the same Namespace, as in Python.

import { T, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

/** Keyed apart from multiprocessing's manager Namespace. */
const NAMESPACE = "argparse.Namespace";
const COUNT = T.int(0, Number.MAX_SAFE_INTEGER);
const none = () => T.none;
const self = (a: ArgTypes) => a.get("self") ?? T.unknown;
const sitesOf = (a: ArgTypes) => { const t = self(a); return t.k === "object" ? t.sites : undefined; };
/** An object that adds its arguments to the same Namespace as the receiver (a group, a subcommand's parser). */
const sameSite = (cls: string) => (a: ArgTypes): PyType => T.object(cls, sitesOf(a));
const namespaceWith = (dest: string, t: PyType): PyType => ({ k: "object", cls: NAMESPACE, fields: { [dest]: t } });

/** The dest add_argument derives: `dest=`, else the first long option (or the first option, or the positional's
 *  name) without its prefix, dashes made underscores. Undefined when an option string is not a literal. */
function destOf(a: ArgTypes): string | undefined {
  const dest = a.literal("dest");
  if (typeof dest === "string") return dest;
  const names = a.varargLiterals();
  if (!names.every((n): n is string => typeof n === "string") || names.length === 0) return undefined;
  if (names.length === 1 && !names[0]!.startsWith("-")) return names[0];
  const long = names.find((n) => n.startsWith("--"));
  return (long ?? names[0]!).replace(/^-+/, "").replace(/-/g, "_");
}

/** What one command-line string converts to: type='s return type (str without one). */
function valueType(a: ArgTypes): PyType {
  switch (a.builtinName("type")) {
    case undefined:
      return a.get("type") ? (a.returnOf("type") ?? T.unknown) : T.str;
    case "int":
      return T.int();
    case "float":
      return T.float;
    case "str":
      return T.str;
    default:
      return T.unknown;
  }
}

/** The type of the attribute an add_argument call stores, or undefined for help/version (they store none). */
function storedType(a: ArgTypes): PyType | undefined {
  const action = a.literal("action") ?? "store";
  const positional = !a.varargLiterals().some((n) => typeof n === "string" && n.startsWith("-"));
  const given = a.get("default");
  const value = valueType(a);
  // A string default goes through type= like a command-line value.
  const fallback = given ? (given.k === "str" && a.get("type") ? value : given) : T.none;
  const optional = (t: PyType) => (a.literal("required") === true ? t : join(t, fallback));
  switch (action) {
    case "help":
    case "version":
      return undefined;
    case "store_true":
    case "store_false":
      return given ? join(T.bool, given) : T.bool;
    case "count":
      return optional(COUNT);
    case "store_const":
      return optional(a.get("const") ?? T.none);
    case "append_const":
      return optional(T.list(a.get("const") ?? T.none));
    case "append":
    case "extend": {
      const nargs = a.literal("nargs");
      const elt = action === "append" && nargs !== undefined && nargs !== "?" ? T.list(value) : value;
      return optional(T.list(elt));
    }
    default: {
      const nargs = a.literal("nargs");
      const stored = nargs === undefined || nargs === "?" ? value : T.list(value);
      if (nargs === "?" && !positional) return join(join(stored, a.get("const") ?? T.none), fallback);
      if (positional) return nargs === "?" || nargs === "*" ? join(stored, given ?? (nargs === "?" ? T.none : stored)) : stored;
      return optional(stored);
    }
  }
}

const addArgument: ApiRow = {
  kind: "method",
  ts: "add_argument",
  params: ["*name_or_flags", "*", "action", "nargs", "const", "default", "type", "choices", "required", "help", "metavar", "dest", "version"],
  result: () => T.object("Action"),
  // A type= function receives the command-line string.
  flows: () => [["type", [T.str]]],
  addsElement: (a) => {
    const dest = destOf(a);
    const t = storedType(a);
    return dest !== undefined && t ? namespaceWith(dest, t) : undefined;
  },
};

const groups: Record<string, ApiRow> = {
  add_argument: addArgument,
  add_argument_group: { kind: "method", ts: "add_argument_group", params: ["title", "description"], positional: 0, result: sameSite("ArgumentGroup") },
  add_mutually_exclusive_group: { kind: "method", ts: "add_mutually_exclusive_group", params: ["*", "required"], result: sameSite("MutuallyExclusiveGroup") },
};

const parserOptions = ["prog", "usage", "description", "epilog", "formatter_class", "prefix_chars", "argument_default", "add_help", "allow_abbrev", "exit_on_error"];
const formatter = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: () => T.object("HelpFormatterClass") });
const members = (cls: string, rows: Record<string, ApiRow>) => Object.fromEntries(Object.entries(rows).map(([k, v]) => [`${cls}.${k}`, v]));

export const argparse: ModuleTable = {
  python: "argparse",
  runtime: "py2ts-mp/runtime/argparse",
  names: {
    ArgumentParser: { kind: "new", ts: "ArgumentParser", params: parserOptions, positional: 0, result: () => T.object("ArgumentParser") },
    ArgumentTypeError: { kind: "new", ts: "ArgumentTypeError", params: ["*args"], result: () => T.object("Exception") },
    ArgumentError: { kind: "new", ts: "ArgumentError", params: ["argument", "message"], result: () => T.object("Exception") },
    HelpFormatter: formatter("HelpFormatter"),
    RawDescriptionHelpFormatter: formatter("RawDescriptionHelpFormatter"),
    RawTextHelpFormatter: formatter("RawTextHelpFormatter"),
    ArgumentDefaultsHelpFormatter: formatter("ArgumentDefaultsHelpFormatter"),
    SUPPRESS: { kind: "attr", ts: "SUPPRESS", params: [], result: () => T.str },
  },
  classes: {
    // Generic in the Namespace type its parse_args returns.
    ArgumentParser: { ts: "ArgumentParser", generic: true, learnsElement: true },
    ArgumentGroup: { ts: "ArgumentGroup" },
    MutuallyExclusiveGroup: { ts: "MutuallyExclusiveGroup" },
    SubParsersAction: { ts: "SubParsersAction" },
    Action: { ts: "Action" },
    [NAMESPACE]: { ts: "Namespace", dynamicAttributes: true },
    HelpFormatterClass: { ts: "FormatterClass" },
  },
  members: {
    ...members("ArgumentParser", groups),
    ...members("ArgumentGroup", groups),
    ...members("MutuallyExclusiveGroup", { add_argument: addArgument }),
    "ArgumentParser.add_subparsers": {
      kind: "method",
      ts: "add_subparsers",
      params: ["*", "title", "description", "prog", "dest", "required", "help", "metavar"],
      result: sameSite("SubParsersAction"),
      addsElement: (a) => {
        const dest = a.literal("dest");
        return typeof dest === "string" ? namespaceWith(dest, a.literal("required") === true ? T.str : join(T.str, T.none)) : undefined;
      },
    },
    "SubParsersAction.add_parser": {
      kind: "method",
      ts: "add_parser",
      params: ["name", "*", "help", "aliases", ...parserOptions],
      positional: 1,
      result: sameSite("ArgumentParser"),
    },
    "ArgumentParser.parse_args": {
      kind: "method",
      ts: "parse_args",
      params: ["args", "namespace"],
      result: (a) => { const t = self(a); return t.k === "object" && t.elt ? t.elt : T.object(NAMESPACE); },
    },
    "ArgumentParser.parse_known_args": {
      kind: "method",
      ts: "parse_known_args",
      params: ["args", "namespace"],
      result: (a) => { const t = self(a); return T.tuple([t.k === "object" && t.elt ? t.elt : T.object(NAMESPACE), T.list(T.str)]); },
    },
    "ArgumentParser.print_help": { kind: "method", ts: "print_help", params: ["file"], result: none },
    "ArgumentParser.print_usage": { kind: "method", ts: "print_usage", params: ["file"], result: none },
    "ArgumentParser.format_help": { kind: "method", ts: "format_help", params: [], result: () => T.str },
    "ArgumentParser.format_usage": { kind: "method", ts: "format_usage", params: [], result: () => T.str },
    "ArgumentParser.error": { kind: "method", ts: "error", params: ["message"], result: none },
    "ArgumentParser.exit": { kind: "method", ts: "exit", params: ["status", "message"], result: none },
    "ArgumentParser.get_default": { kind: "method", ts: "get_default", params: ["dest"], result: () => T.unknown },
    "ArgumentParser.prog": { kind: "attr", ts: "prog", params: [], result: () => T.str },
  },
};
