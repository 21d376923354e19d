// csv → py2ts-mp/runtime/csv: reader/writer objects and DictReader/DictWriter with the dialect keywords.
// QUOTE_* are exact ints, so a reader asked for QUOTE_NONNUMERIC (which yields floats where the static
// type says str) is a located error.

import { T } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const FORMAT = ["dialect", "delimiter", "quotechar", "escapechar", "doublequote", "skipinitialspace", "lineterminator", "quoting", "strict"];
const ROW = T.list(T.str);
const int = () => T.int(0, Number.MAX_SAFE_INTEGER);
const constant = (n: number): ApiRow => ({ kind: "attr", ts: ["QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE"][n]!, params: [], result: () => T.int(n, n) });
const method = (ts: string, params: string[], result: ApiRow["result"]): ApiRow => ({ kind: "method", ts, params, result });

/** Reading with QUOTE_NONNUMERIC turns unquoted fields into floats, which the str rows cannot hold. */
function numericReader(a: ArgTypes) {
  const q = a.get("quoting");
  if (q?.k !== "int" || (q.range.lo <= 2 && q.range.hi >= 2)) {
    if (q) return { param: "quoting", message: "reading with quoting=csv.QUOTE_NONNUMERIC (or a quoting not known statically) is not supported", regex: false as const };
  }
  return undefined;
}

export const csv: ModuleTable = {
  python: "csv",
  runtime: "py2ts-mp/runtime/csv",
  names: {
    reader: { kind: "new", ts: "reader", params: ["csvfile", ...FORMAT], positional: 1, result: () => T.object("csv_reader", undefined, ROW), check: numericReader },
    writer: { kind: "new", ts: "writer", params: ["csvfile", ...FORMAT], positional: 1, result: () => T.object("csv_writer") },
    DictReader: {
      kind: "new",
      ts: "DictReader",
      params: ["f", "fieldnames", "restkey", "restval", ...FORMAT],
      positional: 4,
      result: () => T.object("DictReader", undefined, T.dict(T.str, T.str)),
      check: numericReader,
    },
    DictWriter: {
      kind: "new",
      ts: "DictWriter",
      params: ["f", "fieldnames", "restval", "extrasaction", ...FORMAT],
      positional: 4,
      result: () => T.object("DictWriter"),
    },
    list_dialects: { kind: "call", ts: "list_dialects", params: [], result: () => T.list(T.str) },
    QUOTE_MINIMAL: constant(0),
    QUOTE_ALL: constant(1),
    QUOTE_NONNUMERIC: constant(2),
    QUOTE_NONE: constant(3),
    Error: { kind: "new", ts: "Error", params: ["*args"], result: () => T.object("Exception") },
  },
  classes: {
    csv_reader: { ts: "reader" },
    csv_writer: { ts: "writer" },
    DictReader: { ts: "DictReader" },
    DictWriter: { ts: "DictWriter" },
  },
  members: {
    "csv_reader.line_num": { kind: "attr", ts: "line_num", params: [], result: int },
    "csv_writer.writerow": method("writerow", ["row"], int),
    "csv_writer.writerows": method("writerows", ["rows"], () => T.none),
    "DictReader.fieldnames": { kind: "attr", ts: "fieldnames", params: [], result: () => ROW },
    "DictReader.line_num": { kind: "attr", ts: "line_num", params: [], result: int },
    "DictWriter.fieldnames": { kind: "attr", ts: "fieldnames", params: [], result: () => ROW },
    "DictWriter.writeheader": method("writeheader", [], int),
    "DictWriter.writerow": method("writerow", ["rowdict"], int),
    "DictWriter.writerows": method("writerows", ["rowdicts"], () => T.none),
  },
};
