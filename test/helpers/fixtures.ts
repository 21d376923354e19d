// Fixture discovery and output comparison for the golden tests. Each fixture `x.py` has `x.json`
// (how its output is compared), `x.stdout` (what CPython printed) and `x.ts` (the emitted TypeScript).

import fs from "node:fs";
import path from "node:path";

export interface FixtureMeta {
  python: 2 | 3;
  compare: "exact" | "unordered" | "line-count";
  /** Regexes for parts that vary run to run (timings): replaced by a placeholder before comparing. */
  mask?: string[];
  /** Regexes for lines a race may or may not print (both sides drop them before comparing). */
  optional?: string[];
  timeoutMs?: number;
  exitCode: number;
  args?: string[];
  /** Environment variables the program runs with (COLUMNS, which argparse wraps its help at). */
  env?: Record<string, string>;
  /** Whether stderr is compared too, normalized the same way (with `x.stderr`, recorded beside `x.stdout`). */
  stderr?: boolean;
  /** The last line of CPython's stderr, recorded with the golden. */
  stderrTail?: string;
  stdin?: string;
}

export interface Fixture {
  name: string;
  py: string;
  meta: FixtureMeta;
  expectedStdout: string;
  snapshot: string;
}

export const root = path.resolve(__dirname, "../..");

export function fixtures(dir = path.join(root, "fixtures")): Fixture[] {
  const out: Fixture[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      // Project trees (several modules per program) have their own test: test/projects.test.ts.
      if (e.isDirectory()) {
        if (path.relative(dir, p) !== "projects") walk(p);
      }
      else if (e.name.endsWith(".py") && fs.existsSync(p.replace(/\.py$/, ".stdout"))) {
        out.push({
          name: path.relative(path.join(root, "fixtures"), p).replace(/\.py$/, ""),
          py: p,
          meta: JSON.parse(fs.readFileSync(p.replace(/\.py$/, ".json"), "utf8")) as FixtureMeta,
          expectedStdout: fs.readFileSync(p.replace(/\.py$/, ".stdout"), "utf8"),
          snapshot: p.replace(/\.py$/, ".ts"),
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Normalizes both outputs as the fixture declares, so they can be compared with toEqual. */
export function comparable(stdout: string, meta: FixtureMeta): string | string[] | number {
  let text = stdout;
  for (const m of meta.mask ?? []) text = text.replace(new RegExp(m, "g"), `<${m}>`);
  let lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const optional = (meta.optional ?? []).map((o) => new RegExp(o));
  lines = lines.filter((l) => !optional.some((o) => o.test(l)));
  switch (meta.compare) {
    case "exact":
      return lines.join("\n");
    case "unordered":
      return [...lines].sort();
    case "line-count":
      return lines.length;
  }
}
