// `py2ts-mp run`: convert (or reuse the cached conversion keyed by content hash), compile to plain
// JavaScript once (workers never load TypeScript through a loader), then import it in this process.

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeAtomic } from "./files.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export function cacheDir(): string {
  const base = process.env.PY2TS_MP_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "py2ts-mp");
  return base;
}

/** Identifies this build of the converter, so a rebuilt converter never reuses stale conversions. */
function converterFingerprint(): string {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.resolve(here, ".."));
  walk(path.resolve(here, "../../runtime"));
  return String(newest);
}

export function cachedModulePath(source: string, pyFile: string, key: string): string {
  const hash = crypto.createHash("sha256").update(converterFingerprint()).update("\0").update(key).update("\0").update(source).digest("hex").slice(0, 24);
  return path.join(cacheDir(), hash, `${path.basename(pyFile, ".py")}.mjs`);
}

/** TypeScript → JavaScript for Node 20 (`using` is lowered), with runtime imports made absolute. */
export async function compileForNode(tsCode: string, fileName: string): Promise<string> {
  // Loaded only on a cache miss: the TypeScript compiler is large, and a cached run must start fast.
  const { default: ts } = await import("typescript");
  const out = ts.transpileModule(tsCode, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
  }).outputText;
  return out.replace(/(from\s+|import\s*\(\s*)"(py2ts-mp\/runtime(?:\/[\w]+)?)"/g, (_m, pre: string, spec: string) => `${pre}"${import.meta.resolve(spec)}"`);
}

export function writeCompiled(file: string, js: string): void {
  writeAtomic(file, js);
}

export async function runCompiled(jsFile: string, pyFile: string, args: readonly string[]): Promise<void> {
  process.env.PY2TS_MP_ARGV0 = pyFile;
  process.argv = [process.argv[0]!, jsFile, ...args];
  await import(pathToFileURL(jsFile).href);
}
