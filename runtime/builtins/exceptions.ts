// Python's built-in exception hierarchy. The Python class name is the JS class name, `args` holds the
// constructor arguments as in BaseException, and str()/repr() follow CPython.

import { repr, str } from "./repr.js";
import { asTuple } from "./tuple.js";

export class BaseException extends Error {
  args: unknown[];
  /** `raise X from Y` */
  __cause__: BaseException | null = null;
  /** The exception being handled when this one was raised (see withContext). */
  __context__: BaseException | null = null;
  /** `raise X from …` hides the context in tracebacks. */
  __suppress_context__ = false;
  /** Traceback text from another process (an exception re-raised by AsyncResult.get()). */
  __remote_traceback__?: string;

  constructor(...args: unknown[]) {
    super(args.length === 1 ? String(args[0]) : args.length === 0 ? "" : String(args));
    // A tuple, as BaseException.args is.
    this.args = asTuple(args) as unknown[];
    Object.defineProperty(this, "name", { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

export class Exception extends BaseException {}
export class ArithmeticError extends Exception {}
export class ZeroDivisionError extends ArithmeticError {}
export class OverflowError extends ArithmeticError {}
export class FloatingPointError extends ArithmeticError {}
export class ValueError extends Exception {}
export class UnicodeError extends ValueError {}
export class UnicodeDecodeError extends UnicodeError {}
export class UnicodeEncodeError extends UnicodeError {}
export class TypeError extends Exception {}
export class LookupError extends Exception {}
export class KeyError extends LookupError {}
export class IndexError extends LookupError {}
export class AttributeError extends Exception {}
export class NameError extends Exception {}
export class UnboundLocalError extends NameError {}
export class RuntimeError extends Exception {}
export class NotImplementedError extends RuntimeError {}
export class RecursionError extends RuntimeError {}
export class AssertionError extends Exception {}
export class StopIteration extends Exception {}
/** OSError(errno, strerror[, filename[, winerror[, filename2]]]): args keep only (errno, strerror), and str()
 *  is `[Errno 2] No such file or directory: 'x'` (with `-> 'y'` for a second filename), as in CPython. */
export class OSError extends Exception {
  readonly errno: unknown = null;
  readonly strerror: unknown = null;
  readonly filename: unknown = null;
  readonly filename2: unknown = null;
  constructor(...args: unknown[]) {
    const structured = args.length >= 2 && args.length <= 5;
    super(...(structured ? args.slice(0, 2) : args));
    if (structured) {
      [this.errno, this.strerror] = args;
      this.filename = args[2] ?? null;
      this.filename2 = args[4] ?? null;
    }
  }
  __str__(): string {
    if (this.errno === null && this.strerror === null) return this.args.length === 1 ? str(this.args[0]) : this.args.length === 0 ? "" : repr(asTuple([...this.args]));
    const head = `[Errno ${String(this.errno)}] ${String(this.strerror)}`;
    if (this.filename === null) return head;
    return this.filename2 === null ? `${head}: ${repr(this.filename)}` : `${head}: ${repr(this.filename)} -> ${repr(this.filename2)}`;
  }
}
export { OSError as IOError, OSError as EnvironmentError };

export class FileNotFoundError extends OSError {}
export class FileExistsError extends OSError {}
export class PermissionError extends OSError {}
export class IsADirectoryError extends OSError {}
export class NotADirectoryError extends OSError {}
export class BrokenPipeError extends OSError {}
export class TimeoutError extends OSError {}
export class EOFError extends Exception {}
export class ImportError extends Exception {}
export class KeyboardInterrupt extends BaseException {}
export class SystemExit extends BaseException {
  get code(): unknown {
    return this.args.length === 0 ? null : this.args.length === 1 ? this.args[0] : this.args;
  }
}
/** multiprocessing.ProcessError and friends. */
export class ProcessError extends Exception {}
export class BufferTooShort extends ProcessError {}
export class AuthenticationError extends ProcessError {}

/** Every built-in exception class by its Python name (for exceptions that cross between workers). */
export const exceptionClasses = new Map<string, new (...args: unknown[]) => BaseException>(
  Object.entries({
    BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError, ValueError,
    UnicodeError, UnicodeDecodeError, UnicodeEncodeError, TypeError, LookupError, KeyError, IndexError,
    AttributeError, NameError, UnboundLocalError, RuntimeError, NotImplementedError, RecursionError, AssertionError,
    StopIteration, OSError, IOError: OSError, FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError,
    BrokenPipeError, TimeoutError, EOFError, ImportError, KeyboardInterrupt, SystemExit, ProcessError,
    BufferTooShort, AuthenticationError,
  }),
);

/** Register an exception class defined elsewhere in the runtime (queue.Empty, …) for crossing workers. */
export function registerException(cls: new (...args: unknown[]) => BaseException): void {
  exceptionClasses.set(cls.name, cls);
}

/** Exceptions an except clause has caught (every caught value goes through toPyException): only a raised
 *  exception has a traceback to print (traceback.print_exception of one never raised prints its last line). */
const raised = new WeakSet<BaseException>();

export function wasRaised(e: BaseException): boolean {
  return raised.has(e);
}

/** Any thrown JS value as the Python exception a script would catch. */
export function toPyException(e: unknown): BaseException {
  const py = asPyException(e);
  raised.add(py);
  return py;
}

function asPyException(e: unknown): BaseException {
  if (e instanceof BaseException) return e;
  if (e instanceof RangeError && /call stack/.test(e.message)) return withStack(new RecursionError("maximum recursion depth exceeded"), e);
  if (e instanceof globalThis.TypeError) return withStack(new TypeError(e.message), e);
  if (e instanceof Error) return withStack(new Exception(e.message), e);
  return new Exception(String(e));
}

function withStack<T extends BaseException>(py: T, js: Error): T {
  py.stack = js.stack;
  return py;
}

/** `raise exc from cause` */
export function withCause<T extends BaseException>(exc: T, cause: unknown): T {
  exc.__cause__ = cause === null ? null : toPyException(cause);
  exc.__suppress_context__ = true;
  return exc;
}

/**
 * An exception raised while `handling` is handled (leaving an except clause, or caught by a try inside one)
 * gets it as its __context__, which CPython sets at raise time: the traceback then shows "During handling of
 * the above exception, another exception occurred". A context already set is the innermost one, and an
 * exception already in the chain is left alone (no cycles), as in CPython.
 */
export function withContext(raised: unknown, handling: BaseException): BaseException {
  const e = toPyException(raised);
  if (e === handling || e.__context__ !== null) return e;
  for (let c: BaseException | null = handling; c; c = c.__context__) if (c === e) return e;
  e.__context__ = handling;
  return e;
}
