// time: sleep blocks the calling thread (Atomics.wait; worker.terminate() interrupts it); clocks are floats;
// struct_time from localtime/gmtime, and strftime with datetime's directives.

import { TypeError, ValueError } from "../builtins/exceptions.js";
import { intFieldTuple } from "../builtins/tuple.js";
import { strftime as formatTime } from "./datetime.js";

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

const STRUCT_FIELDS = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"] as const;

/** time.struct_time: a 9-tuple whose fields also have names, printed as CPython prints it. */
export type struct_time = readonly number[] & { readonly [K in (typeof STRUCT_FIELDS)[number]]: number };

function structTime(values: number[]): struct_time {
  return intFieldTuple("time.struct_time", STRUCT_FIELDS, values) as struct_time;
}

function fromDate(d: Date, utc: boolean): struct_time {
  const [y, m, day, h, mi, s, wd] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCDay()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getDay()];
  const yday = Math.round((Date.UTC(y, m - 1, day) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  // Daylight saving time is in effect when the offset is smaller than the year's largest (winter) offset.
  const jan = new Date(y, 0, 1).getTimezoneOffset();
  const jul = new Date(y, 6, 1).getTimezoneOffset();
  const isdst = utc ? 0 : jan !== jul && d.getTimezoneOffset() === Math.min(jan, jul) ? 1 : 0;
  return structTime([y, m, day, h, mi, s, (wd + 6) % 7, yday, isdst]);
}

export function localtime(secs: number | null = null): struct_time {
  return fromDate(new Date(secs === null ? Date.now() : Math.floor(secs) * 1000), false);
}

export function gmtime(secs: number | null = null): struct_time {
  return fromDate(new Date(secs === null ? Date.now() : Math.floor(secs) * 1000), true);
}

export function mktime(t: readonly number[]): number {
  return new Date(t[0]!, t[1]! - 1, t[2]!, t[3]!, t[4]!, t[5]!).getTime() / 1000;
}

export function strftime(format: string, t: readonly number[] | null = null): string {
  const s = t ?? localtime();
  if (s.length !== 9) throw new TypeError("time.struct_time() takes a sequence of length 9");
  return formatTime(format, { year: s[0]!, month: s[1]!, day: s[2]!, hour: s[3]!, minute: s[4]!, second: s[5]!, microsecond: 0, weekday: s[6]!, yday: s[7]! });
}
