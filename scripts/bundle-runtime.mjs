#!/usr/bin/env node
// Second half of `npm run build`: bundles the runtime that tsc wrote to dist/runtime, in place. A converted
// program and each of its worker threads then load a handful of files instead of ~90 ES modules, whose
// resolution and loading were most of a thread's start (see docs/benchmarks.md).
//
// Every file that something outside the bundle loads by path stays at its path, as an entry: the package's
// exports (`py2ts-mp/runtime`, `…/multiprocessing`, `…/<module>`), the thread entries that `new Worker(URL)`
// starts, and the runtime files the converter itself imports. The entries share chunks (dist/runtime/chunks/),
// so each runtime module exists once however a program reaches it: the exception classes, the serializer's
// registry and the process state keep one identity. What `py2ts-mp/runtime` loads is one chunk, and what
// `…/multiprocessing` adds is another: a Pool program's worker loads 8 files where it loaded 43. tsc's
// .d.ts files are left as they are.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtimeDir = path.join(root, "dist/runtime");
const srcDir = path.join(root, "dist/src");

/** `new URL("./x.js", import.meta.url)`: how the runtime names a file a Worker is started on. */
const THREAD_ENTRY = /new URL\("(\.\.?\/[\w./-]+\.js)", import\.meta\.url\)/g;

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const jsFiles = (dir) => walk(dir).filter((f) => f.endsWith(".js"));

/** The runtime files that the package exports. */
function exportedEntries() {
  return [
    path.join(runtimeDir, "index.js"),
    path.join(runtimeDir, "multiprocessing/index.js"),
    ...jsFiles(path.join(runtimeDir, "stdlib")),
  ];
}

/** The runtime files that a Worker is started on, found where the runtime builds their URLs. */
function threadEntries() {
  return jsFiles(runtimeDir).flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(THREAD_ENTRY)].map((m) => path.resolve(path.dirname(file), m[1])));
}

/** The runtime files the converter imports (the re translator, the redis backend's CLI side, …). */
function converterImports() {
  const specifier = /(?:from\s*|import\s*\(\s*)"(\.\.?\/[^"]+\.js)"/g;
  return jsFiles(srcDir).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(specifier)]
      .map((m) => path.resolve(path.dirname(file), m[1]))
      .filter((target) => target.startsWith(runtimeDir + path.sep)),
  );
}

/**
 * Keeps each thread entry's URL right once the code that names it sits in a chunk of another folder:
 * the entry is emitted as a chunk of its own and the URL becomes the bundler's path to that file.
 */
function threadEntryUrls() {
  return {
    name: "py2ts-mp:thread-entry-urls",
    transform(code, id) {
      if (!code.includes("import.meta.url")) return null;
      return code.replace(THREAD_ENTRY, (_m, rel) => {
        const target = path.resolve(path.dirname(id), rel);
        const ref = this.emitFile({ type: "chunk", id: target, name: entryName(target) });
        return `new URL(import.meta.ROLLUP_FILE_URL_${ref})`;
      });
    },
  };
}

/**
 * Groups everything that `py2ts-mp/runtime` loads statically into one chunk, and what
 * `py2ts-mp/runtime/multiprocessing` adds into a second: every converted program loads the first, and every
 * multiprocessing one (and each of its workers) the second too, so splitting them further only adds files
 * to resolve. Other stdlib modules keep their own files, so a program loads only those it imports (some pull
 * in node:child_process, node:crypto or pako).
 */
function coreChunks(cores) {
  const closures = new Map();
  const plugin = {
    name: "py2ts-mp:core-chunks",
    buildEnd() {
      for (const [name, entry] of cores) {
        const seen = new Set();
        const visit = (id) => {
          if (seen.has(id)) return;
          seen.add(id);
          for (const dep of this.getModuleInfo(id)?.importedIds ?? []) visit(dep);
        };
        visit(entry);
        closures.set(name, seen);
      }
    },
  };
  // Earlier groups take precedence: multiprocessing's chunk holds only what the builtins' lacks.
  const groups = cores.map(([name], i) => ({ name, test: (id) => closures.get(name).has(id), priority: cores.length - i }));
  return { plugin, groups };
}

/** An entry's output name: its path under dist/runtime, so the file stays where it was. */
const entryName = (file) => path.relative(runtimeDir, file).replace(/\.js$/, "").split(path.sep).join("/");

// tsc rewrites the runtime's modules but leaves the last bundle's chunks, which belong to nothing now.
if (!fs.existsSync(path.join(runtimeDir, "builtins/exceptions.js"))) throw new Error("dist/runtime holds no tsc output to bundle: run `npm run build`");
fs.rmSync(path.join(runtimeDir, "chunks"), { recursive: true, force: true });

const entries = [...new Set([...exportedEntries(), ...threadEntries(), ...converterImports()])].sort();
const core = coreChunks([
  ["builtins", path.join(runtimeDir, "index.js")],
  ["multiprocessing", path.join(runtimeDir, "multiprocessing/index.js")],
]);
const bundle = await rolldown({
  input: Object.fromEntries(entries.map((f) => [entryName(f), f])),
  // npm dependencies and node: modules stay imports; only the runtime's own files are bundled.
  external: (id) => !id.startsWith(".") && !path.isAbsolute(id),
  // An entry exports what it exported before, nothing more and nothing less.
  preserveEntrySignatures: "strict",
  plugins: [threadEntryUrls(), core.plugin],
});
const { output } = await bundle.generate({
  format: "esm",
  entryFileNames: "[name].js",
  chunkFileNames: "chunks/[name]-[hash].js",
  // The runtime reads class names (an exception's type in a traceback, a class's repr).
  keepNames: true,
  // No comments: a worker parses what it loads, and tsc's doc comments are in the .d.ts files.
  comments: false,
  codeSplitting: { groups: core.groups },
});
await bundle.close();

// Replace tsc's modules with the bundle: only the .js files; the .d.ts files describe the same exports.
for (const file of jsFiles(runtimeDir)) fs.rmSync(file);
for (const item of output) {
  const dest = path.join(runtimeDir, item.fileName);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, item.type === "chunk" ? item.code : item.source);
}
const chunks = output.filter((o) => o.type === "chunk" && !o.isEntry).length;
console.log(`runtime bundled: ${entries.length} entries, ${chunks} shared chunks`);
