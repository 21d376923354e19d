// os.path → py2ts-mp/runtime/os_path: CPython's posixpath string rules and file tests.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const str = () => T.str;
const bool = () => T.bool;
const pair = () => T.tuple([T.str, T.str]);
const fn = (ts: string, params: string[], result: ApiRow["result"]): ApiRow => ({ kind: "call", ts, params, result });

export const osPath: ModuleTable = {
  python: "os.path",
  runtime: "py2ts-mp/runtime/os_path",
  names: {
    sep: { kind: "attr", ts: "sep", params: [], result: str },
    join: fn("join", ["a", "*p"], str),
    split: fn("split", ["p"], pair),
    splitext: fn("splitext", ["p"], pair),
    basename: fn("basename", ["p"], str),
    dirname: fn("dirname", ["p"], str),
    isabs: fn("isabs", ["s"], bool),
    normpath: fn("normpath", ["path"], str),
    abspath: fn("abspath", ["path"], str),
    realpath: fn("realpath", ["filename"], str),
    relpath: fn("relpath", ["path", "start"], str),
    commonprefix: fn("commonprefix", ["m"], str),
    expanduser: fn("expanduser", ["path"], str),
    exists: fn("exists", ["path"], bool),
    lexists: fn("lexists", ["path"], bool),
    isfile: fn("isfile", ["path"], bool),
    isdir: fn("isdir", ["s"], bool),
    islink: fn("islink", ["path"], bool),
    getsize: fn("getsize", ["filename"], () => T.int(0, Number.MAX_SAFE_INTEGER)),
    getmtime: fn("getmtime", ["filename"], () => T.float),
  },
  classes: {},
  members: {},
};
