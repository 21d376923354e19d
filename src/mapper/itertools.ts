// itertools → py2ts-mp/runtime/itertools: lazy generators. What they yield is typed from the arguments, and a
// literal r (combinations(xs, 2)) gives tuples of that length, as the runtime's TupleOf type does.

import { T, iterElement, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const iterator = (elt: PyType): PyType => T.object("Iterator", undefined, elt);
const elt = (a: ArgTypes, p = "iterable") => iterElement(a.get(p) ?? T.unknown);
const tupleElts = (t: PyType | undefined): readonly PyType[] => (t?.k === "tuple" ? t.elts : []);

/** A tuple of `n` elements of `t` when n is a literal, else nothing known (its length is not static). */
function tupleOf(t: PyType, n: string | number | boolean | undefined): PyType {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? T.tuple(Array<PyType>(n).fill(t)) : T.unknown;
}

const gen = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({
  kind: "call",
  ts,
  params,
  result: (a) => iterator(result(a)),
  ...extra,
});

export const itertools: ModuleTable = {
  python: "itertools",
  runtime: "py2ts-mp/runtime/itertools",
  names: {
    count: gen("count", ["start", "step"], (a) => join(a.get("start") ?? T.int(), a.get("step") ?? T.int())),
    cycle: gen("cycle", ["iterable"], (a) => elt(a)),
    repeat: gen("repeat", ["object", "times"], (a) => a.get("object") ?? T.unknown),
    chain: gen("chain", ["*iterables"], (a) => tupleElts(a.get("iterables")).map(iterElement).reduce<PyType>(join, T.never)),
    islice: gen("islice", ["iterable", "*args"], (a) => elt(a)),
    product: gen("product", ["*iterables", "*", "repeat"], (a) => {
      const elts = tupleElts(a.get("iterables")).map(iterElement);
      const times = a.literal("repeat");
      if (times === undefined) return T.tuple(elts);
      return elts.length === 1 ? tupleOf(elts[0]!, times) : T.unknown;
    }, { positional: 1 }),
    permutations: gen("permutations", ["iterable", "r"], (a) => {
      const r = a.literal("r") ?? tupleElts(a.get("iterable")).length;
      return a.get("r") || a.get("iterable")?.k === "tuple" ? tupleOf(elt(a), r) : T.unknown;
    }),
    combinations: gen("combinations", ["iterable", "r"], (a) => tupleOf(elt(a), a.literal("r"))),
    combinations_with_replacement: gen("combinations_with_replacement", ["iterable", "r"], (a) => tupleOf(elt(a), a.literal("r"))),
    groupby: gen("groupby", ["iterable", "key"], (a) => T.tuple([a.get("key") ? (a.returnOf("key") ?? T.unknown) : elt(a), iterator(elt(a))]), {
      flows: (a) => [["key", [elt(a)]]],
    }),
    accumulate: gen("accumulate", ["iterable", "func", "*", "initial"], (a) => {
      const e = elt(a);
      const acc = a.get("func") ? join(e, a.returnOf("func") ?? T.unknown) : e.k === "int" ? T.int() : e;
      return a.get("initial") ? join(acc, a.get("initial")!) : acc;
    }, { positional: 2, flows: (a) => [["func", [elt(a), elt(a)]]] }),
    zip_longest: gen("zip_longest", ["*iterables", "*", "fillvalue"], (a) => {
      const fill = a.get("fillvalue") ?? T.none;
      return T.tuple(tupleElts(a.get("iterables")).map((t) => join(iterElement(t), fill)));
    }, { positional: 1 }),
    starmap: gen("starmap", ["function", "iterable"], (a) => a.returnOf("function") ?? T.unknown, {
      flows: (a) => [["function", tupleElts(elt(a))]],
    }),
    takewhile: gen("takewhile", ["predicate", "iterable"], (a) => elt(a), { flows: (a) => [["predicate", [elt(a)]]] }),
    dropwhile: gen("dropwhile", ["predicate", "iterable"], (a) => elt(a), { flows: (a) => [["predicate", [elt(a)]]] }),
    filterfalse: gen("filterfalse", ["predicate", "iterable"], (a) => elt(a), { flows: (a) => [["predicate", [elt(a)]]] }),
    compress: gen("compress", ["data", "selectors"], (a) => elt(a, "data")),
    pairwise: gen("pairwise", ["iterable"], (a) => T.tuple([elt(a), elt(a)])),
  },
  classes: {},
  members: {},
};
