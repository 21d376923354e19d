// Lookup over every mapper table: Python module names, module members, and members of runtime classes.

import { optionalOf, type PyType } from "../analysis/types.js";
import type { ApiRow, ClassRow, ModuleTable } from "./row.js";
import { builtins } from "./builtins.js";
import { concurrentFutures } from "./concurrent_futures.js";
import { containers } from "./containers.js";
import { multiprocessing } from "./multiprocessing.js";
import { threading } from "./threading.js";
import { math } from "./math.js";
import { os } from "./os.js";
import { queue } from "./queue.js";
import { random } from "./random.js";
import { json } from "./json.js";
import { re } from "./re.js";
import { sys } from "./sys.js";
import { time } from "./time.js";
import { itertools } from "./itertools.js";
import { heapq } from "./heapq.js";
import { bisect } from "./bisect.js";
import { copy } from "./copy.js";
import { string } from "./string.js";
import { statistics } from "./statistics.js";
import { textwrap } from "./textwrap.js";
import { functools } from "./functools.js";
import { collections } from "./collections.js";
import { io } from "./io.js";
import { osPath } from "./os_path.js";
import { shutil } from "./shutil.js";
import { glob, fnmatch } from "./glob.js";
import { tempfile } from "./tempfile.js";
import { pathlib } from "./pathlib.js";
import { csv } from "./csv.js";
import { datetime } from "./datetime.js";
import { argparse } from "./argparse.js";
import { logging } from "./logging.js";
import { hashlib } from "./hashlib.js";
import { zlib } from "./zlib.js";
import { gzip } from "./gzip.js";
import { base64, binascii } from "./base64.js";
import { struct } from "./struct.js";
import { pickle } from "./pickle.js";
import { subprocess } from "./subprocess.js";
import { uuidTable } from "./uuid.js";
import { signal } from "./signal.js";
import { atexit } from "./atexit.js";
import { traceback } from "./traceback.js";

export type { ApiRow, ArgTypes, ClassRow, ModuleTable } from "./row.js";

/** Every mapped Python module, builtins first. */
export const tables: readonly ModuleTable[] = [builtins, containers, multiprocessing, threading, time, queue, sys, os, math, random, re, json, concurrentFutures,
  itertools, heapq, bisect, copy, string, statistics, textwrap, functools, collections, argparse, logging,
  io, osPath, shutil, glob, fnmatch, tempfile, pathlib, csv, datetime,
  hashlib, zlib, gzip, base64, binascii, struct, pickle, subprocess, uuidTable, signal, atexit, traceback,
];

const byModule = new Map(tables.filter((t) => t !== containers).map((t) => [t.python, t]));

export function moduleTable(python: string): ModuleTable | undefined {
  return byModule.get(python);
}

/** `multiprocessing.Pool` → the row for Pool. */
export function moduleMember(python: string, name: string): ApiRow | undefined {
  return byModule.get(python)?.names[name];
}

/** The runtime class named `cls` (Pool, Queue, …) with the module that exports it. */
export function runtimeClass(cls: string): { row: ClassRow; table: ModuleTable } | undefined {
  for (const table of tables) {
    const row = table.classes[cls];
    if (row) return { row, table };
  }
  return undefined;
}

/** The class name a PyType's methods are found under (`list`, `str`, a runtime class). */
export function typeClass(t: PyType): string | undefined {
  // A method of `X | None` is X's: the emitted call raises Python's AttributeError on None.
  const x = optionalOf(t);
  if (x) return typeClass(x);
  if (t.k === "object") return t.cls;
  if (t.k === "dict" && t.cls) return t.cls;
  if (t.k === "list" || t.k === "str" || t.k === "dict" || t.k === "set" || t.k === "bytes" || t.k === "int" || t.k === "float" || t.k === "tuple") return t.k;
  return undefined;
}

/** `Pool.map` → the row for the method. */
export function classMember(cls: string, member: string): ApiRow | undefined {
  for (const table of tables) {
    const row = table.members[`${cls}.${member}`];
    if (row) return row;
  }
  const base = runtimeClass(cls)?.row.base;
  return base ? classMember(base, member) : undefined;
}
