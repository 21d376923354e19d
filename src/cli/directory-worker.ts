// A worker thread of `convert DIR`: converts the groups of files it is sent, one at a time.

import { parentPort, workerData } from "node:worker_threads";
import { convertProgram } from "../convert.js";
import { loadProgram } from "../program.js";
import type { Group, GroupResult } from "./directory.js";

const { dialect } = workerData as { dialect?: 2 | 3 };

parentPort!.on("message", async (group: Group) => {
  const program = loadProgram(group.root, group.files, dialect);
  const known = new Set(program.modules.map((m) => m.file));
  let result: GroupResult;
  try {
    const modules = await convertProgram(program);
    result = { modules, unread: program.diagnostics.filter((d) => !known.has(d.file)), sources: Object.fromEntries(program.modules.map((m) => [m.file, m.source])) };
  } catch (e) {
    // A converter bug fails this group's files, located where possible; the other groups go on.
    const loc = (e as { loc?: { line: number; col: number; endLine: number; endCol: number } }).loc ?? { line: 1, col: 1, endLine: 1, endCol: 1 };
    const message = `internal error: ${(e as Error).message} (a bug in py2ts-mp: please report it with this file)`;
    result = {
      modules: program.modules.map((m) => ({ name: m.name, file: m.file, dialect: m.module.dialect, diagnostics: [{ file: m.file, loc, code: "PM1099", severity: "error", message }] })),
      unread: [],
      sources: Object.fromEntries(program.modules.map((m) => [m.file, m.source])),
    };
  }
  parentPort!.postMessage(result);
});
