// signal: handlers for the signals a program sends itself (os.kill(os.getpid(), …), signal.raise_signal),
// run at once as CPython runs them (between two bytecodes, right after the sending call), with the default
// actions CPython gives a signal without a handler: KeyboardInterrupt for SIGINT, the end of the process for
// SIGTERM and the other terminating signals.
//
// A signal from another process cannot reach a Python handler: the converted program runs synchronously on
// Node's main thread, whose signal listeners would only run once the program is over. Such a signal takes
// its default action, except that SIG_IGN ignores it as in CPython (the converter warns at signal.signal).

import { isMainThread } from "node:worker_threads";
import { KeyboardInterrupt, OSError, TypeError, ValueError } from "../builtins/exceptions.js";

/** Linux's numbers, as CPython's signal module has them. */
const NUMBERS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10,
  SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20,
  SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;
type SignalName = keyof typeof NUMBERS;

/** Signals whose default action is to do nothing. */
const IGNORED_BY_DEFAULT = new Set<number>([NUMBERS.SIGCHLD, NUMBERS.SIGCONT, NUMBERS.SIGURG, NUMBERS.SIGWINCH]);
/** Linux's highest real-time signal: CPython accepts numbers up to it. */
const NSIG = 65;

/** `signal.Signals(n)`: the IntEnum of signal numbers. The constants (`signal.SIGTERM`) are plain numbers here,
 *  which is how Python 3.11 prints and compares its IntEnum members; only their repr differs. */
export class Signals {
  private constructor(readonly name: SignalName, readonly value: number) {}

  private static readonly byNumber = new Map<number, Signals>(Object.entries(NUMBERS).map(([n, v]) => [v, new Signals(n as SignalName, v)]));

  /** `signal.Signals(n)`. */
  static of(value: number): Signals {
    const s = Signals.byNumber.get(value);
    if (!s) throw new ValueError(`${value} is not a valid Signals`);
    return s;
  }

  static nameOf(n: number): SignalName | undefined {
    return Signals.byNumber.get(n)?.name;
  }

  __str__(): string {
    return String(this.value);
  }

  __repr__(): string {
    return `<Signals.${this.name}: ${this.value}>`;
  }

  __eq__(other: unknown): boolean {
    return other instanceof Signals ? other.value === this.value : other === this.value;
  }

  __hash__(): number {
    return this.value;
  }
}

export const signalsOf = (value: number): Signals => Signals.of(value);

export const { SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGKILL, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGWINCH } = NUMBERS;
/** `signal.Handlers` members, numbers as the signal constants are. */
export const SIG_DFL = 0;
export const SIG_IGN = 1;

/** A script's handler: called with the signal's number and the interrupted frame (None here). */
export type HandlerFunction = (signum: number, frame: null) => unknown;
/** What signal.signal takes and returns: a function, SIG_DFL or SIG_IGN. */
export type Handler = HandlerFunction | number;

/** `signal.default_int_handler`, SIGINT's handler until the script sets one: raises KeyboardInterrupt. */
export function default_int_handler(_signum: number, _frame: null): never {
  throw new KeyboardInterrupt();
}

const handlers = new Map<number, Handler>([[NUMBERS.SIGINT, default_int_handler]]);
/** The no-op Node listeners that make SIG_IGN ignore signals from other processes too. */
const ignoring = new Map<number, () => void>();

function checkNumber(n: number): number {
  if (n < 1 || n >= NSIG) throw new ValueError("signal number out of range");
  return n;
}

function nodeName(n: number): NodeJS.Signals | undefined {
  return Signals.nameOf(n) as NodeJS.Signals | undefined;
}

export function getsignal(signalnum: number): Handler {
  return handlers.get(checkNumber(signalnum)) ?? SIG_DFL;
}

/** Sets the handler and returns the previous one, as CPython does; only the main thread of the main process may. */
function set(signalnum: number, handler: Handler): Handler {
  const n = checkNumber(signalnum);
  if (!isMainThread) throw new ValueError("signal only works in main thread of the main interpreter");
  if (typeof handler !== "function" && handler !== SIG_DFL && handler !== SIG_IGN) {
    throw new TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  if (n === NUMBERS.SIGKILL || n === NUMBERS.SIGSTOP) throw new OSError(22, "Invalid argument");
  const previous = getsignal(n);
  handlers.set(n, handler);
  const name = nodeName(n);
  const listener = ignoring.get(n);
  if (listener && name) process.off(name, listener);
  ignoring.delete(n);
  if (handler === SIG_IGN && name) {
    const noop = () => {};
    process.on(name, noop);
    ignoring.set(n, noop);
  }
  return previous;
}
export { set as signal };

/** Delivers a signal the program sent itself: its handler runs now, or its default action is taken. */
export function deliver(signalnum: number): void {
  const n = checkNumber(signalnum);
  const handler = getsignal(n);
  if (typeof handler === "function") {
    handler(n, null);
    return;
  }
  if (handler === SIG_IGN || IGNORED_BY_DEFAULT.has(n)) return;
  terminate(n);
}

/** The default action of a terminating signal: the process ends at once (no atexit, no finally, a partial
 *  output line is lost), its exit status the signal's. A child process ends with exitcode -signum. */
function terminate(n: number): never {
  if (!isMainThread) process.exit(-n);
  const name = nodeName(n);
  if (name) {
    const listener = ignoring.get(n);
    if (listener) process.off(name, listener);
    process.kill(process.pid, name);
  }
  process.exit(128 + n);
}

export function raise_signal(signalnum: number): void {
  deliver(signalnum);
}

export function strsignal(signalnum: number): string | null {
  const n = checkNumber(signalnum);
  return STRINGS[n] ?? null;
}

/** strsignal's descriptions (glibc's). */
const STRINGS: Record<number, string> = {
  1: "Hangup", 2: "Interrupt", 3: "Quit", 4: "Illegal instruction", 5: "Trace/breakpoint trap", 6: "Aborted",
  7: "Bus error", 8: "Floating point exception", 9: "Killed", 10: "User defined signal 1", 11: "Segmentation fault",
  12: "User defined signal 2", 13: "Broken pipe", 14: "Alarm clock", 15: "Terminated", 17: "Child exited",
  18: "Continued", 19: "Stopped (signal)", 20: "Stopped", 21: "Stopped (tty input)", 22: "Stopped (tty output)",
  23: "Urgent I/O condition", 24: "CPU time limit exceeded", 25: "File size limit exceeded",
  26: "Virtual timer expired", 27: "Profiling timer expired", 28: "Window changed", 29: "I/O possible",
  30: "Power failure", 31: "Bad system call",
};
