// datetime → py2ts-mp/runtime/datetime: naive date, datetime and timedelta. Arithmetic between them is
// declared as class operators (emitted as their dunder methods); tzinfo arguments are not accepted.

import { T, isIntLike, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const DATE = T.object("date");
const DATETIME = T.object("datetime");
const TIMEDELTA = T.object("timedelta");
const int = () => T.int();
const str = () => T.str;
const is = (t: PyType, cls: string) => t.k === "object" && t.cls === cls;
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "method", ts, params, result, ...extra });
const attr = (ts: string, result: () => PyType): ApiRow => ({ kind: "attr", ts, params: [], result });
const numeric = (t: PyType) => isIntLike(t) || t.k === "float";

/** Time zones are not supported: a tzinfo argument (even None) is a located error. */
const naive = (param: string) => (a: ArgTypes) =>
  a.get(param) ? { param, message: "time zones (tzinfo) are not supported", regex: false as const } : undefined;

const TIMEDELTA_PARAMS = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];

/** Members date and datetime share. */
function dateMembers(cls: string): Record<string, ApiRow> {
  const rows: Record<string, ApiRow> = {
    year: attr("year", int),
    month: attr("month", int),
    day: attr("day", int),
    weekday: method("weekday", [], int),
    isoweekday: method("isoweekday", [], int),
    isocalendar: method("isocalendar", [], () => T.tuple([T.int(), T.int(), T.int()])),
    toordinal: method("toordinal", [], int),
    ctime: method("ctime", [], str),
    strftime: method("strftime", ["format"], str),
  };
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [`${cls}.${k}`, v]));
}

export const datetime: ModuleTable = {
  python: "datetime",
  runtime: "py2ts-mp/runtime/datetime",
  names: {
    date: { kind: "new", ts: "date", params: ["year", "month", "day"], result: () => DATE },
    datetime: {
      kind: "new",
      ts: "datetime",
      params: ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
      result: () => DATETIME,
      check: naive("tzinfo"),
    },
    timedelta: { kind: "new", ts: "timedelta", params: TIMEDELTA_PARAMS, positional: 0, result: () => TIMEDELTA },
    MINYEAR: attr("MINYEAR", () => T.int(1, 1)),
    MAXYEAR: attr("MAXYEAR", () => T.int(9999, 9999)),
  },
  classes: {
    date: { ts: "date", operators: { "+": (r) => (is(r, "timedelta") ? DATE : undefined), "-": (r) => (is(r, "timedelta") ? DATE : is(r, "date") ? TIMEDELTA : undefined) } },
    datetime: { ts: "datetime", operators: { "+": (r) => (is(r, "timedelta") ? DATETIME : undefined), "-": (r) => (is(r, "timedelta") ? DATETIME : is(r, "datetime") ? TIMEDELTA : undefined) } },
    timedelta: {
      ts: "timedelta",
      operators: {
        "+": (r) => (is(r, "timedelta") ? TIMEDELTA : is(r, "date") ? DATE : is(r, "datetime") ? DATETIME : undefined),
        "-": (r) => (is(r, "timedelta") ? TIMEDELTA : undefined),
        "*": (r) => (numeric(r) ? TIMEDELTA : undefined),
        "/": (r) => (is(r, "timedelta") ? T.float : numeric(r) ? TIMEDELTA : undefined),
        "//": (r) => (is(r, "timedelta") ? T.int() : isIntLike(r) ? TIMEDELTA : undefined),
        "%": (r) => (is(r, "timedelta") ? TIMEDELTA : undefined),
        neg: () => TIMEDELTA,
      },
    },
  },
  members: {
    ...dateMembers("date"),
    ...dateMembers("datetime"),
    "date.today": method("today", [], () => DATE),
    "date.fromordinal": method("fromordinal", ["n"], () => DATE),
    "date.fromisoformat": method("fromisoformat", ["date_string"], () => DATE),
    "date.isoformat": method("isoformat", [], str),
    "date.replace": method("replace", ["year", "month", "day"], () => DATE, { positional: 0 }),
    "datetime.hour": attr("hour", int),
    "datetime.minute": attr("minute", int),
    "datetime.second": attr("second", int),
    "datetime.microsecond": attr("microsecond", int),
    "datetime.now": method("now", ["tz"], () => DATETIME, { check: naive("tz") }),
    "datetime.today": method("today", [], () => DATETIME),
    "datetime.utcnow": method("utcnow", [], () => DATETIME),
    "datetime.fromtimestamp": method("fromtimestamp", ["timestamp"], () => DATETIME),
    "datetime.fromisoformat": method("fromisoformat", ["date_string"], () => DATETIME),
    "datetime.strptime": method("strptime", ["date_string", "format"], () => DATETIME),
    "datetime.combine": method("combine", ["date", "time"], () => DATETIME),
    "datetime.date": method("date", [], () => DATE),
    "datetime.timestamp": method("timestamp", [], () => T.float),
    "datetime.isoformat": method("isoformat", ["sep", "timespec"], str),
    "datetime.replace": method("replace", ["year", "month", "day", "hour", "minute", "second", "microsecond"], () => DATETIME, { positional: 0 }),
    "timedelta.days": attr("days", int),
    "timedelta.seconds": attr("seconds", () => T.int(0, 86399)),
    "timedelta.microseconds": attr("microseconds", () => T.int(0, 999999)),
    "timedelta.total_seconds": method("total_seconds", [], () => T.float),
  },
};
