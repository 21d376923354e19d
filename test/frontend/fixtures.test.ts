// Every Python fixture in the repository parses without a diagnostic (the articles' examples above all).

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/frontend/parse.js";

const root = path.resolve(__dirname, "../../fixtures");
const files = fs.existsSync(root)
  ? fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".py")).sort()
  : [];

describe("fixtures parse cleanly", () => {
  it.each(files)("%s", (file) => {
    const r = parseModule(fs.readFileSync(path.join(root, file), "utf8"), file);
    expect(r.diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`)).toEqual([]);
    expect(r.module.body.length).toBeGreaterThan(0);
  });
});
