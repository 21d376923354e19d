#!/usr/bin/env node
// A longer fuzz campaign than CI's: `node scripts/fuzz.mjs --seed 7 --count 100000` (build first).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { seed: { type: "string", default: String(Date.now() % 1e9) }, count: { type: "string", default: "20000" } } });
console.log(`fuzzing with seed ${values.seed}, ${values.count} cases`);
const r = spawnSync("npx", ["vitest", "run", "test/fuzz.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: values.seed, FUZZ_COUNT: values.count },
});
process.exit(r.status ?? 1);
