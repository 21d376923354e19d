// `py2ts-mp run FILE [ARGS…]` whose conversion is cached: runs the compiled program without loading the
// command-line parser, the converter or the diagnostics printer (commander and @babel/code-frame alone
// cost a cached run ~25 ms of CommonJS loading). Anything else (another command, an option before FILE, a
// pool backend, a cache miss) is left to main().

import { cacheKey, cachedEntry, cachedProgramDir, runCompiled } from "./run.js";
import { readPythonSource } from "./files.js";

/** Runs `argv` if it is a plain `run` of a cached program, and says whether it did. */
export async function runIfCached(argv: readonly string[]): Promise<boolean> {
  const [command, file, ...rest] = argv;
  if (command !== "run" || file === undefined || file.startsWith("-")) return false;
  // A backend, from the environment or as the first argument after FILE, is checked by main() first.
  if (process.env.PY2TS_MP_POOL_BACKEND || rest[0]?.startsWith("--pool-backend")) return false;
  const read = readPythonSource(file);
  if (!read.ok) return false;
  const jsFile = cachedEntry(cachedProgramDir(read.text, file, cacheKey(undefined)));
  if (!jsFile) return false;
  // As main()'s run: a `--` first ends the options of the run, the rest belongs to the script.
  await runCompiled(jsFile, file, rest[0] === "--" ? rest.slice(1) : rest);
  return true;
}
