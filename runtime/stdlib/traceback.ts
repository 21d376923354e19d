// traceback: the exception being handled (print_exc, format_exc) or a given one (print_exception,
// format_exception, format_exception_only), in CPython's layout: the "Traceback (most recent call last):"
// header, the frames, the `ExcType: message` line, and the causes of `raise … from …` before it. The frame
// lines name the functions but not Python's line numbers and source lines, which the runtime does not track.

import { BaseException, toPyException, wasRaised } from "../builtins/exceptions.js";
import { exceptionLine, formatTraceback } from "../builtins/traceback.js";
import { stderr } from "../io.js";

type Writable = { write(s: string): unknown };

/** The options a call passes after its arguments. `handled` is the exception the enclosing `except` clause
 *  handles (what sys.exc_info() gives in Python); absent outside one. `limit` only trims frames in Python,
 *  whose lines the runtime prints approximately anyway. */
export interface Options {
  limit?: number | null;
  file?: Writable | null;
  chain?: boolean;
  handled?: unknown;
}

/** An exception never raised has no traceback: only its last line is printed, as in CPython. */
function lines(exc: unknown, chain: boolean): string[] {
  if (exc === null || exc === undefined) return ["NoneType: None\n"];
  const e = exc instanceof BaseException ? exc : toPyException(exc);
  const text = wasRaised(e) ? formatTraceback(e, chain) : `${exceptionLine(e)}\n`;
  return text.split(/(?<=\n)/);
}

export function format_exc(o: Options = {}): string {
  return lines(o.handled, o.chain ?? true).join("");
}

export function print_exc(o: Options = {}): void {
  (o.file ?? stderr).write(format_exc(o));
}

/** `format_exception(exc)`, or the old `(etype, value, tb)` form, where the value is the exception. */
export function format_exception(exc: unknown, value?: unknown, _tb?: unknown, o: Options = {}): string[] {
  return lines(value === undefined ? exc : value, o.chain ?? true);
}

export function print_exception(exc: unknown, value?: unknown, tb?: unknown, o: Options = {}): void {
  (o.file ?? stderr).write(format_exception(exc, value, tb, o).join(""));
}

export function format_exception_only(exc: unknown, value?: unknown): string[] {
  const e = value === undefined ? exc : value;
  if (e === null || e === undefined) return ["NoneType: None\n"];
  return [`${exceptionLine(e instanceof BaseException ? e : toPyException(e))}\n`];
}
