// The user's py2ts-mp cache folder: the compiled programs of `py2ts-mp run`, and V8's compiled code for the
// TypeScript compiler that the emitter loads.

import fs from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { writeAtomic } from "./cli/files.js";

export function cacheDir(): string {
  return process.env.PY2TS_MP_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "py2ts-mp");
}

/**
 * Requires a large CommonJS package through V8's code cache, kept in the cache folder. typescript.js is 9 MB:
 * compiling it took each conversion (and each `convert DIR` worker) ~0.35–0.5 s, and ~0.17 s with the cache.
 * The cache file is named by the package's version and V8's tag for this build and its flags
 * (`v8.cachedDataVersionTag`), so a cache V8 would reject is never read; one it rejects anyway is rewritten.
 * A cache folder that cannot be written only costs the speed-up.
 */
export function requireWithCodeCache(packageName: string, from: string | URL): unknown {
  const require = createRequire(from);
  const file = require.resolve(packageName);
  const { version } = require(`${packageName}/package.json`) as { version: string };
  const cacheFile = path.join(cacheDir(), "v8", `${packageName}-${version}-${v8.cachedDataVersionTag()}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData: cached });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (!cached || script.cachedDataRejected) {
    try {
      writeAtomic(cacheFile, script.createCachedData());
    } catch {
      // Read-only or missing home: loading still works, only slower.
    }
  }
  return module.exports;
}
