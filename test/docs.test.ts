// The README's list of covered APIs is generated from the mapper tables: it must match them.

import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { root } from "./helpers/fixtures.js";

it("README lists exactly the APIs the mapper tables cover", () => {
  const r = spawnSync(process.execPath, [path.join(root, "scripts/api-coverage.mjs"), "--check"], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
