// sys: argv (the Python script's path first, as CPython shows it), exit() raising SystemExit, and the
// standard streams (line-buffered, shared with print).

import path from "node:path";
import { SystemExit } from "../builtins/exceptions.js";
import { stdout, stderr } from "../io.js";

export { stdout, stderr };

/** sys.argv: the CLI passes the Python script's path in PY2TS_MP_ARGV0 (a kept file shows its own). */
export const argv: string[] = [process.env.PY2TS_MP_ARGV0 ?? path.basename(process.argv[1] ?? ""), ...process.argv.slice(2)];

export function exit(status: unknown = null): never {
  throw new SystemExit(...(status === null ? [] : [status]));
}

export const platform = "linux";
export const maxsize = 9223372036854775807n;
export const byteorder = "little";
export const version_info = Object.freeze([3, 11, 7, "final", 0] as const);
