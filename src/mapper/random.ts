// random → py2ts-mp/runtime/random: CPython's Mersenne Twister, so a seeded script draws the same numbers.

import { T, iterElement } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

export const random: ModuleTable = {
  python: "random",
  runtime: "py2ts-mp/runtime/random",
  names: {
    seed: { kind: "call", ts: "seed", params: ["a"], result: () => T.none },
    random: { kind: "call", ts: "random", params: [], result: () => T.float },
    gauss: { kind: "call", ts: "gauss", params: ["mu", "sigma"], result: () => T.float },
    uniform: { kind: "call", ts: "uniform", params: ["a", "b"], result: () => T.float },
    randint: {
      kind: "call",
      ts: "randint",
      params: ["a", "b"],
      result: (a) => {
        const lo = a.get("a");
        const hi = a.get("b");
        return lo?.k === "int" && hi?.k === "int" ? T.int(lo.range.lo, hi.range.hi) : T.int();
      },
    },
    randrange: { kind: "call", ts: "randrange", params: ["start", "stop", "step"], result: () => T.int() },
    choice: { kind: "call", ts: "choice", params: ["seq"], result: (a) => iterElement(a.get("seq") ?? T.unknown) },
    shuffle: { kind: "call", ts: "shuffle", params: ["x"], result: () => T.none },
    sample: { kind: "call", ts: "sample", params: ["population", "k"], result: (a) => T.list(iterElement(a.get("population") ?? T.unknown)) },
  },
  classes: {},
  members: {},
};
