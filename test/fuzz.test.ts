// Mutated fixtures never crash or hang the converter: each converts or reports located diagnostics.
// A fixed seed and count keep CI reproducible; `node scripts/fuzz.mjs --seed N --count M` runs longer campaigns.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertSource } from "../dist/src/convert.js";
import { mutate, rng } from "./helpers/mutate.js";

const root = path.resolve(__dirname, "..");
const corpus = ["fixtures", "bench/scripts"].flatMap((dir) => listPy(path.join(root, dir)));
const COUNT = Number(process.env.FUZZ_COUNT ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

function listPy(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listPy(p) : e.name.endsWith(".py") ? [p] : [];
  });
}

describe("converter fuzzing", () => {
  it(`converts or reports located diagnostics for ${COUNT} mutated fixtures (seed ${SEED})`, async () => {
    const random = rng(SEED);
    const sources = corpus.map((f) => fs.readFileSync(f, "utf8"));
    expect(sources.length).toBeGreaterThan(5);
    for (let n = 0; n < COUNT; n++) {
      let src = sources[Math.floor(random() * sources.length)]!;
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) src = mutate(src, random);
      let result;
      try {
        result = await convertSource(src, "fuzz.py");
      } catch (e) {
        throw new Error(`case ${n} (seed ${SEED}) crashed the converter: ${(e as Error).stack}\n--- input ---\n${src}`);
      }
      const lines = src.split("\n").length;
      if (!result.code) {
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        expect(errors.length, `case ${n}: no code and no error`).toBeGreaterThan(0);
        for (const d of errors) {
          expect(d.loc.line, `case ${n}: ${d.message}`).toBeGreaterThanOrEqual(1);
          expect(d.loc.line, `case ${n}: ${d.message}`).toBeLessThanOrEqual(lines + 1);
          expect(d.loc.col).toBeGreaterThanOrEqual(1);
        }
      }
    }
  }, 600_000);
});
