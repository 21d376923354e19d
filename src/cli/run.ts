// `py2ts-mp run`: convert (or reuse the cached conversion keyed by content hash), compile to plain
// JavaScript once (workers never load TypeScript through a loader), then import it in this process.

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cacheDir } from "../cache.js";
import { writeAtomic } from "./files.js";

const here = path.dirname(fileURLToPath(import.meta.url));

let fingerprint: string | undefined;

/**
 * Identifies this build of the converter, so a rebuilt converter never reuses stale conversions. Read once
 * per process: `convert DIR` asks for it twice per group, and each walk stats every file of the build.
 */
export function converterFingerprint(): string {
  fingerprint ??= newestBuildFile();
  return fingerprint;
}

function newestBuildFile(): string {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      // Concatenated, not path.join: this runs before every cached run, and ~150 joins, still
      // interpreted this early in the process, cost more than the stats (~10 ms against ~5).
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.resolve(here, ".."));
  walk(path.resolve(here, "../../runtime"));
  return String(newest);
}

/** The part of a cached program's key that the options make: the Python dialect asked for, if any. */
export function cacheKey(python: string | number | undefined): string {
  return `python=${python ?? ""}`;
}

/**
 * Where the compiled program of `entry` lives in the cache, keyed by the converter build, the options and
 * the entry's content. The program's other modules are checked by the manifest written beside it.
 */
export function cachedProgramDir(entrySource: string, entry: string, key: string): string {
  const hash = crypto
    .createHash("sha256")
    .update(converterFingerprint())
    .update("\0")
    .update(key)
    .update("\0")
    .update(path.resolve(entry))
    .update("\0")
    .update(entrySource)
    .digest("hex")
    .slice(0, 24);
  return path.join(cacheDir(), hash);
}

interface Manifest {
  /** The compiled entry, relative to the cache directory. */
  readonly entry: string;
  /** Every Python file the program was converted from, with the hash of its bytes. */
  readonly sources: readonly { readonly file: string; readonly sha256: string }[];
}

const sha256 = (bytes: Buffer | string) => crypto.createHash("sha256").update(bytes).digest("hex");

/** The compiled entry when the cached program is still current (no source it came from has changed). */
export function cachedEntry(dir: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
  for (const s of manifest.sources) {
    try {
      if (sha256(fs.readFileSync(s.file)) !== s.sha256) return undefined;
    } catch {
      return undefined;
    }
  }
  return path.join(dir, manifest.entry);
}

/** Writes the compiled modules (paths relative to `dir`) and, last, the manifest that makes them current. */
export function writeProgram(dir: string, modules: readonly { rel: string; js: string }[], entryRel: string, sourceFiles: readonly string[]): string {
  writeAtomic(path.join(dir, "package.json"), '{ "type": "module" }\n');
  for (const m of modules) writeAtomic(path.join(dir, m.rel), m.js);
  const manifest: Manifest = { entry: entryRel, sources: sourceFiles.map((file) => ({ file: path.resolve(file), sha256: sha256(fs.readFileSync(file)) })) };
  writeAtomic(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return path.join(dir, entryRel);
}

/** TypeScript → JavaScript for Node 20 (`using` is lowered), with runtime imports made absolute. */
export async function compileForNode(tsCode: string, fileName: string): Promise<string> {
  // Loaded only on a cache miss: the TypeScript compiler is large, and a cached run must start fast. The
  // emitter's copy (loaded through the code cache, and already loaded by the conversion) is the one used.
  const { ts } = await import("../emit/ts.js");
  const out = ts.transpileModule(tsCode, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
  }).outputText;
  return out.replace(/(from\s+|import\s*\(\s*)"(py2ts-mp\/runtime(?:\/[\w]+)?)"/g, (_m, pre: string, spec: string) => `${pre}"${import.meta.resolve(spec)}"`);
}

export async function runCompiled(jsFile: string, pyFile: string, args: readonly string[]): Promise<void> {
  process.env.PY2TS_MP_ARGV0 = pyFile;
  process.argv = [process.argv[0]!, jsFile, ...args];
  await import(pathToFileURL(jsFile).href);
}
