// pickle → py2ts-mp/runtime/pickle: dumps/dump in CPython's format (protocols 2–5) and loads/load. What loads
// returns is only known at run time; dumps is told the static type of `obj` so integral floats stay floats.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const exception = { kind: "new", params: ["*args"], result: () => T.object("Exception") } as const;

export const pickle: ModuleTable = {
  python: "pickle",
  runtime: "py2ts-mp/runtime/pickle",
  names: {
    dumps: { kind: "call", ts: "dumps", params: ["obj", "protocol", "*", "fix_imports"], positional: 1, describes: "obj", result: () => T.bytes },
    dump: { kind: "call", ts: "dump", params: ["obj", "file", "protocol", "*", "fix_imports"], positional: 2, describes: "obj", result: () => T.none },
    loads: { kind: "call", ts: "loads", params: ["data"], result: () => T.unknown },
    load: { kind: "call", ts: "load", params: ["file"], result: () => T.unknown },
    HIGHEST_PROTOCOL: { kind: "attr", ts: "HIGHEST_PROTOCOL", params: [], result: () => T.int(5, 5) },
    DEFAULT_PROTOCOL: { kind: "attr", ts: "DEFAULT_PROTOCOL", params: [], result: () => T.int(4, 4) },
    PickleError: { ...exception, ts: "PickleError" },
    PicklingError: { ...exception, ts: "PicklingError" },
    UnpicklingError: { ...exception, ts: "UnpicklingError" },
  },
  classes: {},
  members: {},
};
