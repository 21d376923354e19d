// signal → py2ts-mp/runtime/signal: handlers for the signals a program sends itself, SIG_DFL/SIG_IGN, the
// signal numbers (plain ints, as Python 3.11 prints its IntEnum members) and signal.Signals(n).name.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const signum = () => T.int(1, 64);
const handler = () => T.object("Handler");
const constant = (ts: string, n: number): ApiRow => ({ kind: "attr", ts, params: [], result: () => T.int(n, n) });
const NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGWINCH: 28 };

export const signal: ModuleTable = {
  python: "signal",
  runtime: "py2ts-mp/runtime/signal",
  names: {
    ...Object.fromEntries(Object.entries(NUMBERS).map(([name, n]) => [name, constant(name, n)])),
    SIG_DFL: constant("SIG_DFL", 0),
    SIG_IGN: constant("SIG_IGN", 1),
    signal: {
      kind: "call",
      ts: "signal",
      params: ["signalnum", "handler"],
      result: handler,
      flows: () => [["handler", [signum(), T.none]]],
      // Only a signal the program sends itself reaches the handler: see runtime/stdlib/signal.ts.
      check: (a) =>
        a.get("handler")?.k === "func"
          ? {
              param: "handler",
              warning: true,
              message: "this handler runs for signals the program sends itself (os.kill(os.getpid(), …), signal.raise_signal); a signal from another process (Ctrl-C, kill) takes its default action instead",
            }
          : undefined,
    },
    getsignal: { kind: "call", ts: "getsignal", params: ["signalnum"], result: handler },
    raise_signal: { kind: "call", ts: "raise_signal", params: ["signalnum"], result: () => T.none },
    strsignal: { kind: "call", ts: "strsignal", params: ["signalnum"], result: () => ({ k: "union", types: [T.str, T.none] }) },
    default_int_handler: { kind: "attr", ts: "default_int_handler", params: [], result: handler },
    Signals: { kind: "call", ts: "signalsOf", params: ["value"], result: () => T.object("Signals") },
  },
  classes: { Signals: { ts: "Signals" }, Handler: { ts: "Handler" } },
  members: {
    "Signals.name": { kind: "attr", ts: "name", params: [], result: () => T.str },
    "Signals.value": { kind: "attr", ts: "value", params: [], result: signum },
  },
};
