// The same measurements as ours.mjs with what Node itself offers: a piscina pool (start, run) and two
// worker threads joined by a MessageChannel (stream, pingpong). Prints a JSON object.
import { MessageChannel, Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { once } from "node:events";
import { Piscina } from "piscina";

const TASK = new URL("./task.mjs", import.meta.url).href;

/** In a worker: the sender (waiting for each echo when round-tripping) or the receiver of N messages. */
async function side({ role, port, n, roundTrip }) {
  if (role === "receiver") {
    port.on("message", (x) => {
      if (x === null) port.close();
      else if (roundTrip) port.postMessage(x);
    });
    return;
  }
  const t0 = performance.now();
  if (roundTrip) {
    for (let i = 0; i < n; i++) {
      port.postMessage(i);
      await once(port, "message");
    }
  } else {
    for (let i = 0; i < n; i++) port.postMessage(i);
  }
  port.postMessage(null);
  parentPort.postMessage(performance.now() - t0);
}

async function main(mode, n) {
  if (mode === "start") {
    const t0 = performance.now();
    const pool = new Piscina({ filename: TASK, minThreads: 2, maxThreads: 2 });
    await pool.run(1);
    const result = { ms: performance.now() - t0, sinceProcessStart: performance.now() };
    await pool.destroy();
    return result;
  }
  if (mode === "run") {
    const pool = new Piscina({ filename: TASK, minThreads: 2, maxThreads: 2 });
    await pool.run(1);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => pool.run(i)));
    const result = { perSecond: n / ((performance.now() - t0) / 1000) };
    await pool.destroy();
    return result;
  }
  const roundTrip = mode === "pingpong";
  const { port1, port2 } = new MessageChannel();
  const self = new URL(import.meta.url);
  const receiver = new Worker(self, { workerData: { role: "receiver", port: port2, n, roundTrip }, transferList: [port2] });
  const sender = new Worker(self, { workerData: { role: "sender", port: port1, n, roundTrip }, transferList: [port1] });
  const [ms] = await once(sender, "message");
  await Promise.all([once(sender, "exit"), once(receiver, "exit")]);
  return { perSecond: ((roundTrip ? 2 : 1) * n) / (ms / 1000) };
}

if (isMainThread) {
  const [mode, n] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await main(mode, Number(n)))}\n`);
} else {
  await side(workerData);
}
