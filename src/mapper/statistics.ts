// statistics → py2ts-mp/runtime/statistics: CPython's exact averages and spreads, and StatisticsError.

import { T, iterElement, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const elt = (a: ArgTypes, p = "data") => iterElement(a.get(p) ?? T.unknown);
const fn = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "call", ts, params, result, ...extra });
const exception = (ts: string): ApiRow => ({ kind: "new", ts, params: ["*args"], result: () => T.object("Exception") });

/** An average of ints is an int when exact (mean, variance) and a float otherwise, as in CPython. */
const average = (a: ArgTypes): PyType => {
  const t = elt(a);
  return t.k === "float" ? T.float : join(T.int(), T.float);
};

export const statistics: ModuleTable = {
  python: "statistics",
  runtime: "py2ts-mp/runtime/statistics",
  names: {
    StatisticsError: exception("StatisticsError"),
    mean: fn("mean", ["data"], average),
    fmean: fn("fmean", ["data"], () => T.float),
    median: fn("median", ["data"], average),
    median_low: fn("median_low", ["data"], (a) => elt(a)),
    median_high: fn("median_high", ["data"], (a) => elt(a)),
    mode: fn("mode", ["data"], (a) => elt(a)),
    multimode: fn("multimode", ["data"], (a) => T.list(elt(a))),
    variance: fn("variance", ["data", "xbar"], average),
    pvariance: fn("pvariance", ["data", "mu"], average),
    stdev: fn("stdev", ["data", "xbar"], () => T.float),
    pstdev: fn("pstdev", ["data", "mu"], () => T.float),
  },
  classes: {},
  members: {},
};
