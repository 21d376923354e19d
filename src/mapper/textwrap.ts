// textwrap → py2ts-mp/runtime/textwrap: wrap/fill/shorten take the TextWrapper keywords as one options object.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });
const str = () => T.str;

const WRAP_OPTIONS = [
  "*", "initial_indent", "subsequent_indent", "expand_tabs", "replace_whitespace", "fix_sentence_endings", "break_long_words",
  "drop_whitespace", "break_on_hyphens", "tabsize", "max_lines", "placeholder",
];

export const textwrap: ModuleTable = {
  python: "textwrap",
  runtime: "py2ts-mp/runtime/textwrap",
  names: {
    wrap: fn("wrap", ["text", "width", ...WRAP_OPTIONS], () => T.list(T.str), { positional: 2 }),
    fill: fn("fill", ["text", "width", ...WRAP_OPTIONS], str, { positional: 2 }),
    shorten: fn("shorten", ["text", "width", ...WRAP_OPTIONS], str, { positional: 2 }),
    dedent: fn("dedent", ["text"], str),
    indent: fn("indent", ["text", "prefix", "predicate"], str, { flows: () => [["predicate", [T.str]]] }),
  },
  classes: {},
  members: {},
};
