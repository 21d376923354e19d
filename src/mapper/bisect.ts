// bisect → py2ts-mp/runtime/bisect: binary search in a sorted list; lo, hi and key go in one options object;
// inserting an item makes the list's element type include it.

import { T, iterElement, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const elt = (a: ArgTypes, p: string) => iterElement(a.get(p) ?? T.unknown);
const none = () => T.none;
const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });
const adds = (list: string, item: string): Partial<ApiRow> => ({ addsTo: list, addsElement: (a) => a.get(item) });

const index = () => T.int(0, Number.MAX_SAFE_INTEGER);
const search = (ts: string): ApiRow => fn(ts, ["a", "x", "lo", "hi", "*", "key"], index, { positional: 2, flows: (a) => [["key", [elt(a, "a")]]] });
const insort = (ts: string): ApiRow => fn(ts, ["a", "x", "lo", "hi", "*", "key"], none, { positional: 2, ...adds("a", "x"), flows: (a) => [["key", [elt(a, "a")]]] });

export const bisect: ModuleTable = {
  python: "bisect",
  runtime: "py2ts-mp/runtime/bisect",
  names: {
    bisect_left: search("bisect_left"),
    bisect_right: search("bisect_right"),
    bisect: search("bisect"),
    insort_left: insort("insort_left"),
    insort_right: insort("insort_right"),
    insort: insort("insort"),
  },
  classes: {},
  members: {},
};
