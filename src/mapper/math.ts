// math → py2ts-mp/runtime/math: floats from C's libm, exact integer functions (factorial, gcd, isqrt).

import { T } from "../analysis/types.js";
import type { ModuleTable, ApiRow } from "./row.js";

const float = (params: string[]): ApiRow => ({ kind: "call", ts: "", params, result: () => T.float });
const floats: Record<string, string[]> = {
  sqrt: ["x"], exp: ["x"], log: ["x", "base"], log2: ["x"], log10: ["x"], sin: ["x"], cos: ["x"], tan: ["x"],
  atan: ["x"], atan2: ["y", "x"], hypot: ["*coordinates"], fsum: ["seq"], fabs: ["x"], pow: ["x", "y"],
};

export const math: ModuleTable = {
  python: "math",
  runtime: "py2ts-mp/runtime/math",
  names: {
    ...Object.fromEntries(Object.entries(floats).map(([name, params]) => [name, { ...float(params), ts: name }])),
    pi: { kind: "attr", ts: "pi", params: [], result: () => T.float },
    e: { kind: "attr", ts: "e", params: [], result: () => T.float },
    inf: { kind: "attr", ts: "inf", params: [], result: () => T.float },
    nan: { kind: "attr", ts: "nan", params: [], result: () => T.float },
    floor: { kind: "call", ts: "floor", params: ["x"], result: () => T.int() },
    ceil: { kind: "call", ts: "ceil", params: ["x"], result: () => T.int() },
    factorial: { kind: "call", ts: "factorial", params: ["n"], result: () => T.int(1, Infinity) },
    gcd: { kind: "call", ts: "gcd", params: ["*integers"], result: () => T.int(0, Infinity) },
    isqrt: { kind: "call", ts: "isqrt", params: ["n"], result: () => T.int(0, Infinity) },
    comb: { kind: "call", ts: "comb", params: ["n", "k"], result: () => T.int(0, Infinity) },
    perm: { kind: "call", ts: "perm", params: ["n", "k"], result: () => T.int(0, Infinity) },
    isnan: { kind: "call", ts: "isnan", params: ["x"], result: () => T.bool },
    isinf: { kind: "call", ts: "isinf", params: ["x"], result: () => T.bool },
    isclose: { kind: "call", ts: "isclose", params: ["a", "b", "*", "rel_tol", "abs_tol"], positional: 2, result: () => T.bool },
  },
  classes: {},
  members: {},
};
