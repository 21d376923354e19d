// os: process ids (each worker "process" has its own), cpu_count, environ, os.path basics.


import fs from "node:fs";
import nodeOs from "node:os";
import nodePath from "node:path";
import { identity } from "../multiprocessing/state.js";

export function getpid(): number {
  return identity.current.pid;
}

export function getppid(): number {
  return identity.current.parentPid ?? process.ppid;
}

export function cpu_count(): number {
  return nodeOs.availableParallelism?.() ?? nodeOs.cpus().length;
}

export const sep = "/";
export const linesep = "\n";
export const environ = new Map(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));

export const path = {
  join: (...parts: string[]) => nodePath.join(...parts),
  basename: (p: string) => nodePath.basename(p),
  dirname: (p: string) => nodePath.dirname(p),
  exists: (p: string) => {
    try {
      fs.statSync(p);
      return true;
    } catch {
      return false;
    }
  },
  splitext: (p: string) => {
    const ext = nodePath.extname(p);
    return [p.slice(0, p.length - ext.length), ext] as const;
  },
  abspath: (p: string) => nodePath.resolve(p),
};

