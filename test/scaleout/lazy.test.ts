// A run without a pool backend never loads the Redis client (bullmq, ioredis): a module-resolution hook
// fails the run if either is asked for.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { root } from "../helpers/fixtures.js";

const run = promisify(execFile);

it("a local Pool run loads neither bullmq nor ioredis", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-lazy-"));
  const hooks = path.join(dir, "hooks.mjs");
  fs.writeFileSync(hooks, `export async function resolve(spec, ctx, next) {\n  if (/^(bullmq|ioredis)$/.test(spec)) throw new Error("loaded " + spec);\n  return next(spec, ctx);\n}\n`);
  const register = path.join(dir, "register.mjs");
  fs.writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, PY2TS_MP_CACHE: path.join(dir, "cache"), NODE_OPTIONS: `--import=${register}` };
  delete env.PY2TS_MP_POOL_BACKEND;
  const r = await run(process.execPath, [path.join(root, "bin/py2ts-mp.js"), "run", "s004_pool_map.py"], { cwd: path.join(root, "fixtures/articles"), env });
  expect(r.stdout).toContain("[2, 4, 6, 8]");
  // The hook itself works: asking for bullmq under it fails.
  await expect(run(process.execPath, ["--input-type=module", "-e", 'await import("bullmq")'], { cwd: root, env })).rejects.toThrow(/loaded bullmq/);
});
