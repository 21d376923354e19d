// time: sleep blocks the calling thread (Atomics.wait; worker.terminate() interrupts it); clocks are floats.

import { ValueError } from "../builtins/exceptions.js";

const cell = new Int32Array(new SharedArrayBuffer(4));
const origin = performance.timeOrigin;

export function sleep(secs: number): void {
  if (secs < 0) throw new ValueError("sleep length must be non-negative");
  Atomics.wait(cell, 0, 0, secs * 1000);
}

export function time(): number {
  return (origin + performance.now()) / 1000;
}

export function perf_counter(): number {
  return performance.now() / 1000;
}

export function monotonic(): number {
  return performance.now() / 1000;
}

export function process_time(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
