// subprocess → py2ts-mp/runtime/subprocess. Whether captured output is str or bytes follows from the
// text/universal_newlines/encoding arguments: a literal decides it statically.

import { T, join, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";

const popenOptions = ["stdin", "stdout", "stderr", "shell", "cwd", "env", "text", "universal_newlines", "encoding", "errors"];
const runOptions = ["input", "capture_output", "check", "timeout", ...popenOptions];

/** str when text mode is on, bytes otherwise. */
function output(a: ArgTypes): PyType {
  const on = (p: string) => a.get(p) !== undefined && a.literal(p) !== false && a.get(p)?.k !== "None";
  return on("text") || on("universal_newlines") || on("encoding") || on("errors") ? T.str : T.bytes;
}

/** Whether output is str or bytes must be known statically (it is the emitted TS type): text= and
 *  universal_newlines= take a literal. encoding= and errors= turn text mode on whatever their value. */
function textModeLiteral(a: ArgTypes): ReturnType<NonNullable<ApiRow["check"]>> {
  for (const param of ["text", "universal_newlines"]) {
    const t = a.get(param);
    if (t && t.k !== "None" && typeof a.literal(param) !== "boolean") {
      return { param, message: `${param}= must be True, False or None written out: whether output is str or bytes is decided when converting` };
    }
  }
  return undefined;
}

const call = (ts: string, result: (a: ArgTypes) => PyType): ApiRow => ({ kind: "call", ts, params: ["args", "*", ...runOptions], positional: 1, result, check: textModeLiteral });
const int = () => T.int(-255, 255);
const constant = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: () => T.int(-3, -1) });
const exception = (ts: string, params: string[]): ApiRow => ({ kind: "new", ts, params, result: () => T.object(ts) });
const attr = (ts: string, result: () => PyType): ApiRow => ({ kind: "attr", ts, params: [], result });
/** A captured stream: str or bytes as the call's text mode, None where it was not captured (which the
 *  converter does not track: a method called on it raises AttributeError on None, as in Python). */
const stream = (a: ArgTypes): PyType => {
  const t = a.get("self");
  return t?.k === "object" && t.elt ? join(t.elt, T.none) : T.unknown;
};

export const subprocess: ModuleTable = {
  python: "subprocess",
  runtime: "py2ts-mp/runtime/subprocess",
  names: {
    run: call("run", (a) => T.object("CompletedProcess", undefined, output(a))),
    call: call("call", int),
    check_call: call("check_call", int),
    check_output: call("check_output", output),
    Popen: { kind: "new", ts: "Popen", params: ["args", "*", ...popenOptions], positional: 1, result: (a) => T.object("Popen", undefined, output(a)), check: textModeLiteral },
    PIPE: constant("PIPE"),
    STDOUT: constant("STDOUT"),
    DEVNULL: constant("DEVNULL"),
    SubprocessError: exception("SubprocessError", ["*args"]),
    CalledProcessError: exception("CalledProcessError", ["returncode", "cmd", "output", "stderr"]),
    TimeoutExpired: exception("TimeoutExpired", ["cmd", "timeout", "output", "stderr"]),
  },
  classes: {
    CompletedProcess: { ts: "CompletedProcess", generic: true },
    Popen: { ts: "Popen", generic: true, enterReturnsSelf: true, namesElement: true },
    SubprocessError: { ts: "SubprocessError" },
    CalledProcessError: { ts: "CalledProcessError" },
    TimeoutExpired: { ts: "TimeoutExpired" },
  },
  members: {
    // Output is str or bytes depending on the call that failed, which the handler cannot see.
    "CalledProcessError.returncode": attr("returncode", int),
    "CalledProcessError.cmd": attr("cmd", () => T.unknown),
    "CalledProcessError.output": attr("output", () => T.unknown),
    "CalledProcessError.stdout": attr("stdout", () => T.unknown),
    "CalledProcessError.stderr": attr("stderr", () => T.unknown),
    "TimeoutExpired.cmd": attr("cmd", () => T.unknown),
    "TimeoutExpired.timeout": attr("timeout", () => T.float),
    "TimeoutExpired.output": attr("output", () => T.unknown),
    "TimeoutExpired.stdout": attr("stdout", () => T.unknown),
    "TimeoutExpired.stderr": attr("stderr", () => T.unknown),
    "CompletedProcess.args": { kind: "attr", ts: "args", params: [], result: () => T.unknown },
    "CompletedProcess.returncode": { kind: "attr", ts: "returncode", params: [], result: int },
    "CompletedProcess.stdout": { kind: "attr", ts: "stdout", params: [], result: stream },
    "CompletedProcess.stderr": { kind: "attr", ts: "stderr", params: [], result: stream },
    "CompletedProcess.check_returncode": { kind: "method", ts: "check_returncode", params: [], result: () => T.none },
    "Popen.args": { kind: "attr", ts: "args", params: [], result: () => T.unknown },
    "Popen.returncode": { kind: "attr", ts: "returncode", params: [], result: () => ({ k: "union", types: [T.int(-255, 255), T.none] }) },
    "Popen.wait": { kind: "method", ts: "wait", params: ["timeout"], result: int },
    "Popen.poll": { kind: "method", ts: "poll", params: [], result: () => ({ k: "union", types: [T.int(-255, 255), T.none] }) },
    "Popen.communicate": { kind: "method", ts: "communicate", params: ["input", "timeout"], result: (a) => T.tuple([stream(a), stream(a)]) },
  },
};
