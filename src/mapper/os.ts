// os → py2ts-mp/runtime/os: process ids, cpu_count, environment, the file-system calls (listdir, makedirs,
// walk, …); os.path is its own table (os_path.ts).

import { T, join } from "../analysis/types.js";
import type { ModuleTable } from "./row.js";

const pid = () => T.int(0, 2 ** 31);
const none = () => T.none;
const str = () => T.str;
const path = ["path"];

export const os: ModuleTable = {
  python: "os",
  runtime: "py2ts-mp/runtime/os",
  names: {
    getpid: { kind: "call", ts: "getpid", params: [], result: pid },
    getppid: { kind: "call", ts: "getppid", params: [], result: pid },
    kill: { kind: "call", ts: "kill", params: ["pid", "sig"], result: none },
    _exit: { kind: "call", ts: "_exit", params: ["n"], result: none },
    cpu_count: { kind: "call", ts: "cpu_count", params: [], result: () => T.int(1, 4096) },
    sep: { kind: "attr", ts: "sep", params: [], result: () => T.str },
    linesep: { kind: "attr", ts: "linesep", params: [], result: () => T.str },
    curdir: { kind: "attr", ts: "curdir", params: [], result: str },
    pardir: { kind: "attr", ts: "pardir", params: [], result: str },
    devnull: { kind: "attr", ts: "devnull", params: [], result: str },
    environ: { kind: "attr", ts: "environ", params: [], result: () => T.dict(T.str, T.str) },
    getenv: { kind: "call", ts: "getenv", params: ["key", "default"], result: (a) => join(T.str, a.get("default") ?? T.none) },
    getcwd: { kind: "call", ts: "getcwd", params: [], result: str },
    chdir: { kind: "call", ts: "chdir", params: path, result: none },
    fspath: { kind: "call", ts: "fspath", params: path, result: str },
    listdir: { kind: "call", ts: "listdir", params: path, result: () => T.list(T.str) },
    mkdir: { kind: "call", ts: "mkdir", params: ["path", "mode"], result: none },
    makedirs: { kind: "call", ts: "makedirs", params: ["name", "mode", "exist_ok"], positional: 2, result: none },
    remove: { kind: "call", ts: "remove", params: path, result: none },
    unlink: { kind: "call", ts: "unlink", params: path, result: none },
    rmdir: { kind: "call", ts: "rmdir", params: path, result: none },
    removedirs: { kind: "call", ts: "removedirs", params: ["name"], result: none },
    rename: { kind: "call", ts: "rename", params: ["src", "dst"], result: none },
    replace: { kind: "call", ts: "replace", params: ["src", "dst"], result: none },
    stat: { kind: "call", ts: "stat", params: path, result: () => T.object("stat_result") },
    walk: {
      kind: "call",
      ts: "walk",
      params: ["top", "topdown", "onerror", "followlinks"],
      positional: 1,
      result: () => T.object("Iterator", undefined, T.tuple([T.str, T.list(T.str), T.list(T.str)])),
      check: (a) => (a.get("onerror") && a.get("onerror")!.k !== "None" ? { param: "onerror", message: "an onerror callback is not supported" } : undefined),
    },
  },
  classes: { stat_result: { ts: "stat_result" } },
  members: {
    "stat_result.st_size": { kind: "attr", ts: "st_size", params: [], result: () => T.int(0, Number.MAX_SAFE_INTEGER) },
    "stat_result.st_mode": { kind: "attr", ts: "st_mode", params: [], result: () => T.int(0, 0xffffffff) },
    "stat_result.st_mtime": { kind: "attr", ts: "st_mtime", params: [], result: () => T.float },
    "stat_result.st_atime": { kind: "attr", ts: "st_atime", params: [], result: () => T.float },
    "stat_result.st_ctime": { kind: "attr", ts: "st_ctime", params: [], result: () => T.float },
  },
  submodules: ["os.path"],
};
