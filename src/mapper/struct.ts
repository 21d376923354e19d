// struct → py2ts-mp/runtime/struct. A literal format is parsed at conversion time with the runtime's own
// parser, so unpack's tuple gets a type per field (a `d` field prints as a float). A malformed format raises
// struct.error at run time, as in CPython.

import { T, type PyType } from "../analysis/types.js";
import { valueCodes } from "../../runtime/stdlib/struct.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const BITS: Readonly<Record<string, number>> = { b: 8, h: 16, i: 32, l: 64, q: 64, n: 64, p: 64 };

function fieldType(code: string, standard: boolean): PyType {
  if (code === "?") return T.bool;
  if (code === "e" || code === "f" || code === "d") return T.float;
  if (code === "c" || code === "s" || code === "p") return T.bytes;
  const bits = code.toLowerCase() === "l" && standard ? 32 : (BITS[code.toLowerCase()] ?? 64);
  // Ranges past 2^53 are left open: such values are exact bigints at run time.
  if (bits > 32) return T.int();
  return code === code.toLowerCase() ? T.int(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) : T.int(0, 2 ** bits - 1);
}

/** The literal format's field codes, or undefined when it is not a literal or is malformed. */
function codes(a: ArgTypes, param: string): { codes: string[]; standard: boolean } | undefined {
  const f = a.literal(param);
  if (typeof f !== "string") return undefined;
  try {
    return { codes: valueCodes(f), standard: /^[=<>!]/.test(f) };
  } catch {
    return undefined;
  }
}

function unpacked(a: ArgTypes, param = "format"): PyType {
  const c = codes(a, param);
  if (!c) return T.unknown;
  return T.tuple(c.codes.map((code) => fieldType(code, c.standard)));
}

const call = (ts: string, params: string[], result: (a: ArgTypes) => PyType): ApiRow => ({ kind: "call", ts, params, result });

export const struct: ModuleTable = {
  python: "struct",
  runtime: "py2ts-mp/runtime/struct",
  names: {
    pack: call("pack", ["format", "*v"], () => T.bytes),
    unpack: call("unpack", ["format", "buffer"], unpacked),
    unpack_from: call("unpack_from", ["format", "buffer", "offset"], unpacked),
    iter_unpack: call("iter_unpack", ["format", "buffer"], (a) => T.object("Iterator", undefined, unpacked(a))),
    calcsize: call("calcsize", ["format"], () => T.int(0, Number.MAX_SAFE_INTEGER)),
    Struct: { kind: "new", ts: "Struct", params: ["format"], result: (a) => T.object("Struct", undefined, unpacked(a)) },
    error: { kind: "new", ts: "error", params: ["*args"], result: () => T.object("Exception") },
  },
  classes: { Struct: { ts: "Struct" } },
  members: {
    "Struct.pack": { kind: "method", ts: "pack", params: ["*v"], result: () => T.bytes },
    "Struct.unpack": { kind: "method", ts: "unpack", params: ["buffer"], result: (a) => structElt(a) },
    "Struct.unpack_from": { kind: "method", ts: "unpack_from", params: ["buffer", "offset"], result: (a) => structElt(a) },
    "Struct.iter_unpack": { kind: "method", ts: "iter_unpack", params: ["buffer"], result: (a) => T.object("Iterator", undefined, structElt(a)) },
    "Struct.size": { kind: "attr", ts: "size", params: [], result: () => T.int(0, Number.MAX_SAFE_INTEGER) },
    "Struct.format": { kind: "attr", ts: "format", params: [], result: () => T.str },
  },
};

/** A Struct carries its unpacked tuple type as its element type. */
function structElt(a: ArgTypes): PyType {
  const t = a.get("self");
  return t?.k === "object" && t.elt ? t.elt : T.unknown;
}
