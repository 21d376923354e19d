// The builtin functions travel to a worker by name, as pickle sends them: `pool.map(str, xs)`,
// `pool.starmap(max, pairs)`. Only functions: an instance of a builtin class keeps its own way across (or
// is refused), never rebuilt from its fields.

import * as builtins from "../index.js";
import { programModules } from "../multiprocessing/state.js";

const isClass = (f: Function) => /^class[\s{]/.test(Function.prototype.toString.call(f));
let functions: Record<string, unknown> | undefined;

programModules.set("builtins", {
  // Read when something is pickled, once this module's importer (the builtins) has been evaluated.
  get exports() {
    return (functions ??= Object.fromEntries(Object.entries(builtins).filter(([, v]) => typeof v === "function" && !isClass(v))));
  },
});
