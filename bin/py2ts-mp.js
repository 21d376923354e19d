#!/usr/bin/env node
// Entry point of the py2ts-mp command (the compiled CLI lives in dist/, built by `npm run build`).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
