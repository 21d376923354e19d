// string → py2ts-mp/runtime/string: the character-class constants, capwords and Template.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });
const str = () => T.str;

const constant = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: str });

export const string: ModuleTable = {
  python: "string",
  runtime: "py2ts-mp/runtime/string",
  names: {
    ...Object.fromEntries(
      ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits", "octdigits", "punctuation", "whitespace", "printable"].map(
        (name) => [name, constant(name)],
      ),
    ),
    capwords: fn("capwords", ["s", "sep"], str),
    Template: { kind: "new", ts: "Template", params: ["template"], result: () => T.object("Template") },
  },
  classes: { Template: { ts: "Template" } },
  members: {
    "Template.substitute": { kind: "method", ts: "substitute", params: ["mapping"], result: str },
    "Template.safe_substitute": { kind: "method", ts: "safe_substitute", params: ["mapping"], result: str },
    "Template.template": { kind: "attr", ts: "template", params: [], result: str },
  },
};
