#!/usr/bin/env node
// Entry point of the py2ts-mp command (the compiled CLI lives in dist/, built by `npm run build`). A run of
// a cached conversion starts the program at once; everything else goes through the full command line.
import { runIfCached } from "../dist/src/cli/cached-run.js";

const argv = process.argv.slice(2);
if (!(await runIfCached(argv))) {
  const { main } = await import("../dist/src/cli/main.js");
  process.exitCode = await main(argv);
}
