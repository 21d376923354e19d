// heapq → py2ts-mp/runtime/heapq: functions over a plain list used as a min-heap; pushing an item makes the
// list's element type include it.

import { T, iterElement, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const elt = (a: ArgTypes, p: string) => iterElement(a.get(p) ?? T.unknown);
const none = () => T.none;
const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });
const adds = (list: string, item: string): Partial<ApiRow> => ({ addsTo: list, addsElement: (a) => a.get(item) });

export const heapq: ModuleTable = {
  python: "heapq",
  runtime: "py2ts-mp/runtime/heapq",
  names: {
    heappush: fn("heappush", ["heap", "item"], none, adds("heap", "item")),
    heappop: fn("heappop", ["heap"], (a) => elt(a, "heap")),
    heapify: fn("heapify", ["x"], none),
    heapreplace: fn("heapreplace", ["heap", "item"], (a) => elt(a, "heap"), adds("heap", "item")),
    heappushpop: fn("heappushpop", ["heap", "item"], (a) => elt(a, "heap"), adds("heap", "item")),
    nlargest: fn("nlargest", ["n", "iterable", "key"], (a) => T.list(elt(a, "iterable")), { flows: (a) => [["key", [elt(a, "iterable")]]] }),
    nsmallest: fn("nsmallest", ["n", "iterable", "key"], (a) => T.list(elt(a, "iterable")), { flows: (a) => [["key", [elt(a, "iterable")]]] }),
  },
  classes: {},
  members: {},
};
