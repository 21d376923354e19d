// atexit → py2ts-mp/runtime/atexit: functions run at normal exit and after sys.exit, last registered first.

import { T } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

export const atexit: ModuleTable = {
  python: "atexit",
  runtime: "py2ts-mp/runtime/atexit",
  names: {
    // register returns the function, so it also works as a decorator.
    register: {
      kind: "call",
      ts: "register",
      params: ["func", "*args"],
      result: (a) => a.get("func") ?? T.unknown,
      flows: (a) => {
        const args = a.get("args");
        return [["func", args?.k === "tuple" ? [...args.elts] : []]];
      },
    },
    unregister: { kind: "call", ts: "unregister", params: ["func"], result: () => T.none },
  },
  classes: {},
  members: {},
};
