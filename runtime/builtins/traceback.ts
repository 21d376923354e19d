// Python-style tracebacks for uncaught exceptions. Frames come from the JS stack of the converted module
// (function names; Python line numbers are not tracked yet), so the last line reads as CPython's:
// `ValueError: message`.

import { BaseException, toPyException } from "./exceptions.js";
import { str } from "./repr.js";

function frames(e: Error): string[] {
  const out: string[] = [];
  for (const line of (e.stack ?? "").split("\n").slice(1).reverse()) {
    const m = /^\s*at (?:(\S+) \()?(.*?):\d+:\d+\)?$/.exec(line);
    if (!m || !m[2] || /node:|\/runtime\/|node_modules/.test(m[2])) continue;
    const fn = m[1] && !m[1].startsWith("file:") ? m[1].replace(/^(Object|Module)\./, "") : "<module>";
    const file = m[2].replace(/^file:\/\//, "").replace(/\.m?js$/, ".py");
    out.push(`  File "${file.split("/").pop()}", in ${fn.includes("runModule") || fn === "<anonymous>" ? "<module>" : fn}`);
  }
  return out;
}

/** The last line: `ValueError: message` (just `ValueError` without a message). An exception class of a
 *  library module names its module, as CPython prints it (`zlib.error`), through a static `__module__`. */
export function exceptionLine(e: BaseException): string {
  const module = (e.constructor as { __module__?: string }).__module__;
  const name = module ? `${module}.${e.constructor.name}` : e.constructor.name;
  const msg = str(e);
  return msg ? `${name}: ${msg}` : name;
}

/** The traceback block of an exception, preceded by its cause's (`raise … from …`) unless `chain` is false. */
export function formatTraceback(err: unknown, chain = true): string {
  const e = toPyException(err);
  let out = "";
  if (chain && e.__cause__) out += formatTraceback(e.__cause__) + "\nThe above exception was the direct cause of the following exception:\n\n";
  else if (chain && e.__context__ && !e.__suppress_context__) {
    out += formatTraceback(e.__context__) + "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  if (e.__remote_traceback__ && e.__remote_traceback__.startsWith("Traceback")) {
    out += `multiprocessing.pool.RemoteTraceback: \n"""\n${e.__remote_traceback__}"""\n\nThe above exception was the direct cause of the following exception:\n\n`;
  }
  out += "Traceback (most recent call last):\n";
  out += frames(e).join("\n") + (frames(e).length ? "\n" : "");
  return out + exceptionLine(e) + "\n";
}
