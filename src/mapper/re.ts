// re → py2ts-mp/runtime/re. A literal pattern is translated at conversion time as the runtime will: one JS
// cannot express is a located error, and its group shape (names, groups that may be unset) types what
// group()/groups()/findall() return, so a group that always takes part is a plain str.

import { T, join, type PyType, type RegexShape } from "../analysis/types.js";
import { FLAGS, PatternError, translate } from "../../runtime/re/translate.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const str = () => T.str;
const int = () => T.int();
const strOrNone: PyType = { k: "union", types: [T.str, T.none] };
const position = () => T.int(-1, Number.MAX_SAFE_INTEGER);

/** The flags argument when the converter can tell it (absent or a literal); undefined otherwise. */
function knownFlags(a: ArgTypes, param: string): number | undefined {
  if (a.get(param) === undefined) return 0;
  const v = a.literal(param);
  return typeof v === "number" ? v : undefined;
}

/** The pattern argument's translation outcomes: with unknown flags, both with and without VERBOSE. */
function attempts(a: ArgTypes): { shape?: RegexShape; error?: PatternError }[] {
  const pattern = a.literal("pattern");
  if (typeof pattern !== "string") return [];
  const flags = knownFlags(a, "flags");
  return (flags === undefined ? [0, FLAGS.VERBOSE] : [flags]).map((f) => {
    try {
      const t = translate(pattern, f);
      return { shape: { names: Object.fromEntries(t.names), optional: t.optional } };
    } catch (e) {
      if (e instanceof PatternError) return { error: e };
      throw e;
    }
  });
}

/** The group shape of the pattern argument: from a literal, or carried by a compiled Pattern. */
function shapeOf(a: ArgTypes): RegexShape | undefined {
  const t = a.get("pattern") ?? a.get("self");
  if (t?.k === "object" && t.cls === "Pattern") return t.regex;
  const shapes = attempts(a).map((x) => x.shape);
  const first = shapes[0];
  return first && shapes.every((s) => JSON.stringify(s) === JSON.stringify(first)) ? first : undefined;
}

/** A literal pattern that CPython accepts but JS cannot express (whichever flags it is compiled with). */
function check(a: ArgTypes): { param: string; message: string; regex: true } | undefined {
  const outcomes = attempts(a);
  if (outcomes.length === 0 || !outcomes.every((o) => o.error?.unsupported)) return undefined;
  const e = outcomes[0]!.error!;
  return { param: "pattern", message: `${e.msg} at position ${e.pos} has no JavaScript equivalent`, regex: true };
}

const object = (cls: string, regex: RegexShape | undefined): PyType => ({ k: "object", cls, ...(regex ? { regex } : {}) });

/** Indexing a Match (`m[1]`, `m["name"]`) gives a str, or None where some group may be unset. */
function match(regex: RegexShape | undefined): PyType {
  const elt = regex && !regex.optional.some((o) => o) ? T.str : strOrNone;
  return { k: "object", cls: "Match", elt, ...(regex ? { regex } : {}) };
}

const matchOrNone = (a: ArgTypes): PyType => ({ k: "union", types: [match(shapeOf(a)), T.none] });

function findallElement(regex: RegexShape | undefined): PyType {
  if (!regex) return T.unknown;
  const groups = regex.optional.length - 1;
  return groups <= 1 ? T.str : T.tuple(Array.from({ length: groups }, () => T.str));
}

function splitElement(regex: RegexShape | undefined): PyType {
  return regex && !regex.optional.some((o) => o) ? T.str : strOrNone;
}

/** The type of one group of a Match, by its literal number or name. */
function groupType(self: PyType | undefined, g: string | number | boolean | undefined): PyType {
  if (g === undefined) return T.str;
  const regex = self?.k === "object" ? self.regex : undefined;
  const n = typeof g === "string" ? regex?.names[g] : typeof g === "number" ? g : undefined;
  if (n === 0) return T.str;
  return regex && n !== undefined && regex.optional[n] === false ? T.str : strOrNone;
}

const selfShape = (a: ArgTypes) => {
  const t = a.get("self");
  return t?.k === "object" ? t.regex : undefined;
};

/** groups(default)/groupdict(default): an unset group gives the default (None unless given). */
function groupValues(a: ArgTypes): PyType[] | undefined {
  const regex = selfShape(a);
  if (!regex) return undefined;
  const dflt = a.get("default") ?? T.none;
  return regex.optional.slice(1).map((o) => (o ? join(T.str, dflt) : T.str));
}

const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, check, ...extra });
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "method", ts, params, result, ...extra });
const attr = (ts: string, result: (a: ArgTypes) => PyType): ApiRow => ({ kind: "attr", ts, params: [], result });
const replFlows = (a: ArgTypes): readonly (readonly [string, readonly PyType[]])[] => [["repl", [match(shapeOf(a))]]];
const flag = (name: keyof typeof FLAGS): ApiRow => attr(name, () => T.int(FLAGS[name], FLAGS[name]));

export const re: ModuleTable = {
  python: "re",
  runtime: "py2ts-mp/runtime/re",
  names: {
    compile: fn("compile", ["pattern", "flags"], (a) => object("Pattern", shapeOf(a))),
    search: fn("search", ["pattern", "string", "flags"], matchOrNone),
    match: fn("match", ["pattern", "string", "flags"], matchOrNone),
    fullmatch: fn("fullmatch", ["pattern", "string", "flags"], matchOrNone),
    findall: fn("findall", ["pattern", "string", "flags"], (a) => T.list(findallElement(shapeOf(a)))),
    finditer: fn("finditer", ["pattern", "string", "flags"], (a) => T.object("Iterator", undefined, match(shapeOf(a)))),
    split: fn("split", ["pattern", "string", "maxsplit", "flags"], (a) => T.list(splitElement(shapeOf(a)))),
    sub: fn("sub", ["pattern", "repl", "string", "count", "flags"], str, { flows: replFlows }),
    subn: fn("subn", ["pattern", "repl", "string", "count", "flags"], () => T.tuple([T.str, T.int(0, Number.MAX_SAFE_INTEGER)]), { flows: replFlows }),
    escape: { kind: "call", ts: "escape", params: ["pattern"], result: str },
    purge: { kind: "call", ts: "purge", params: [], result: () => T.none },
    error: { kind: "new", ts: "error", params: ["msg", "pattern", "pos"], result: () => T.object("Exception") },
    NOFLAG: attr("NOFLAG", () => T.int(0, 0)),
    IGNORECASE: flag("IGNORECASE"), I: flag("IGNORECASE"),
    MULTILINE: flag("MULTILINE"), M: flag("MULTILINE"),
    DOTALL: flag("DOTALL"), S: flag("DOTALL"),
    VERBOSE: flag("VERBOSE"), X: flag("VERBOSE"),
    ASCII: flag("ASCII"), A: flag("ASCII"),
    UNICODE: flag("UNICODE"), U: flag("UNICODE"),
  },
  classes: {
    Pattern: { ts: "Pattern" },
    Match: { ts: "Match", alwaysTrue: true },
  },
  members: {
    "Pattern.search": method("search", ["string", "pos", "endpos"], matchOrNone),
    "Pattern.match": method("match", ["string", "pos", "endpos"], matchOrNone),
    "Pattern.fullmatch": method("fullmatch", ["string", "pos", "endpos"], matchOrNone),
    "Pattern.findall": method("findall", ["string", "pos", "endpos"], (a) => T.list(findallElement(shapeOf(a)))),
    "Pattern.finditer": method("finditer", ["string", "pos", "endpos"], (a) => T.object("Iterator", undefined, match(shapeOf(a)))),
    "Pattern.split": method("split", ["string", "maxsplit"], (a) => T.list(splitElement(shapeOf(a)))),
    "Pattern.sub": method("sub", ["repl", "string", "count"], str, { flows: replFlows }),
    "Pattern.subn": method("subn", ["repl", "string", "count"], () => T.tuple([T.str, T.int(0, Number.MAX_SAFE_INTEGER)]), { flows: replFlows }),
    "Pattern.pattern": attr("pattern", str),
    "Pattern.flags": attr("flags", int),
    "Pattern.groups": attr("groups", () => T.int(0, Number.MAX_SAFE_INTEGER)),
    "Pattern.groupindex": attr("groupindex", () => T.dict(T.str, T.int(1, Number.MAX_SAFE_INTEGER))),

    "Match.group": method("group", ["group1", "*groups"], (a) => {
      // `*groups` is the one extra argument's type, or a tuple of several (empty for none).
      const more = a.get("*groups");
      const rest = !more ? [] : more.k === "tuple" ? more.elts : [more];
      const first = groupType(a.get("self"), a.literal("group1"));
      return rest.length === 0 ? first : T.tuple([first, ...rest.map(() => strOrNone)]);
    }),
    "Match.groups": method("groups", ["default"], (a) => {
      const values = groupValues(a);
      return values ? T.tuple(values) : T.unknown;
    }),
    "Match.groupdict": method("groupdict", ["default"], (a) => {
      const values = groupValues(a);
      return T.dict(T.str, values?.length ? values.reduce((x, y) => join(x, y)) : strOrNone);
    }),
    "Match.start": method("start", ["group"], position),
    "Match.end": method("end", ["group"], position),
    "Match.span": method("span", ["group"], () => T.tuple([position(), position()])),
    "Match.expand": method("expand", ["template"], str),
    "Match.string": attr("string", str),
    "Match.re": attr("re", (a) => object("Pattern", selfShape(a))),
    "Match.pos": attr("pos", position),
    "Match.endpos": attr("endpos", position),
    "Match.lastindex": attr("lastindex", () => ({ k: "union", types: [position(), T.none] })),
    "Match.lastgroup": attr("lastgroup", () => ({ k: "union", types: [T.str, T.none] })),
  },
};
