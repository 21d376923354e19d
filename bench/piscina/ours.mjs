// One measurement of the py2ts-mp runtime, in a process of its own (bench/piscina.js runs it): prints a
// JSON object. Modes: start (pool creation to first result), apply / map1 (N trivial tasks through
// apply_async, or map with chunksize 1), stream / pingpong (N messages through Queues between two workers).
import { runModule } from "../../dist/runtime/index.js";
import * as mp from "../../dist/runtime/multiprocessing/index.js";

const [mode, nArg] = process.argv.slice(2);
const N = Number(nArg);

export function double(x) {
  return x * 2;
}

/** Puts 0..n-1 then null; with a reply queue, waits for each message's echo first (a round trip). */
export function sender(out, back, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    out.put(i);
    if (back) back.get();
  }
  out.put(null);
  out.put(performance.now() - t0);
}

export function receiver(inbox, back, report) {
  for (;;) {
    const x = inbox.get();
    if (x === null) break;
    if (back) back.put(x);
  }
  report.put(inbox.get());
}

function messages(roundTrip) {
  const out = new mp.Queue();
  const back = roundTrip ? new mp.Queue() : null;
  const report = new mp.Queue();
  const a = new mp.Process({ target: sender, args: [out, back, N] });
  const b = new mp.Process({ target: receiver, args: [out, back, report] });
  a.start();
  b.start();
  const ms = report.get();
  a.join();
  b.join();
  return { perSecond: ((roundTrip ? 2 : 1) * N) / (ms / 1000) };
}

runModule(import.meta, (__name__) => {
  if (__name__ !== "__main__") return;
  let result;
  if (mode === "start") {
    const t0 = performance.now();
    const pool = new mp.Pool({ processes: 2 });
    pool.apply(double, [1]);
    result = { ms: performance.now() - t0, sinceProcessStart: performance.now() };
    pool.terminate();
  } else if (mode === "apply" || mode === "map1") {
    const pool = new mp.Pool({ processes: 2 });
    pool.apply(double, [1]); // started and warm: measure the tasks alone
    const t0 = performance.now();
    if (mode === "apply") {
      const pending = Array.from({ length: N }, (_, i) => pool.apply_async(double, [i]));
      for (const r of pending) r.get();
    } else {
      pool.map(double, Array.from({ length: N }, (_, i) => i), 1);
    }
    result = { perSecond: N / ((performance.now() - t0) / 1000) };
    pool.terminate();
  } else {
    result = messages(mode === "pingpong");
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
