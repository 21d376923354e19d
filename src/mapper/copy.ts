// copy → py2ts-mp/runtime/copy: shallow and deep copies keep the type of what they copy.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });

export const copy: ModuleTable = {
  python: "copy",
  runtime: "py2ts-mp/runtime/copy",
  names: {
    copy: fn("copy", ["x"], (a) => a.get("x") ?? T.unknown),
    deepcopy: fn("deepcopy", ["x"], (a) => a.get("x") ?? T.unknown),
  },
  classes: {},
  members: {},
};
