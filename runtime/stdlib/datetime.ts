// datetime: naive date, datetime and timedelta with CPython's normalization, arithmetic (dunder methods the
// converter emits for + - * / // %), comparisons, str/repr, isoformat/fromisoformat, strftime/strptime.
// Values are interned (builtins/intern.ts), so as dict keys and set members they behave as CPython's
// hashable values do. Time zones (tzinfo) are not supported: the converter rejects the argument.

import { NotImplementedError, OverflowError, TypeError, ValueError, ZeroDivisionError } from "../builtins/exceptions.js";
import { typeName } from "../builtins/int.js";
import { intern, internedValue } from "../builtins/intern.js";
import { repr } from "../builtins/repr.js";
import { intFieldTuple } from "../builtins/tuple.js";

export const MINYEAR = 1;
export const MAXYEAR = 9999;

const US_PER_DAY = 86_400_000_000;

/** Round half to even, as CPython rounds float microseconds. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const mod = (a: number, b: number) => a - Math.floor(a / b) * b;

function checkInt(x: unknown): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x !== "number" || !Number.isInteger(x)) {
    throw new TypeError(typeof x === "number" ? "integer argument expected, got float" : `'${typeName(x)}' object cannot be interpreted as an integer`);
  }
  return x;
}

// --- timedelta ---------------------------------------------------------------------------------------

export interface TimedeltaArgs {
  days?: number;
  seconds?: number;
  microseconds?: number;
  milliseconds?: number;
  minutes?: number;
  hours?: number;
  weeks?: number;
}

export class timedelta {
  readonly days!: number;
  readonly seconds!: number;
  readonly microseconds!: number;

  constructor(days: number | TimedeltaArgs = 0, seconds = 0, microseconds = 0, milliseconds = 0, minutes = 0, hours = 0, weeks = 0) {
    if (typeof days === "object") ({ days = 0, seconds = 0, microseconds = 0, milliseconds = 0, minutes = 0, hours = 0, weeks = 0 } = days);
    // Whole parts add exactly; fractions of any unit gather into microseconds, rounded once at the end.
    let d = 0;
    let s = 0;
    let us = 0;
    let frac = 0;
    const add = (x: number, perDay: number, perSecond: number, perUs: number) => {
      if (typeof x !== "number") throw new TypeError(`unsupported type for timedelta component: ${typeName(x)}`);
      const whole = Math.trunc(x);
      d += perDay ? whole * perDay : 0;
      s += perSecond ? whole * perSecond : 0;
      us += perUs ? whole * perUs : 0;
      frac += (x - whole) * (perDay ? perDay * US_PER_DAY : perSecond ? perSecond * 1e6 : perUs);
    };
    add(weeks, 7, 0, 0);
    add(days, 1, 0, 0);
    add(hours, 0, 3600, 0);
    add(minutes, 0, 60, 0);
    add(seconds, 0, 1, 0);
    add(milliseconds, 0, 0, 1000);
    add(microseconds, 0, 0, 1);
    us += roundHalfEven(frac);
    s += floorDiv(us, 1e6);
    us = mod(us, 1e6);
    d += floorDiv(s, 86400);
    s = mod(s, 86400);
    if (Math.abs(d) > 999_999_999) throw new OverflowError(`days=${d}; must have magnitude <= 999999999`);
    const key = `td:${d}:${s}:${us}`;
    const existing = internedValue<timedelta>(key);
    if (existing) return existing;
    Object.assign(this, { days: d, seconds: s, microseconds: us });
    return intern(key, this);
  }

  static fromMicroseconds(us: number): timedelta {
    return new timedelta(floorDiv(us, US_PER_DAY), 0, mod(us, US_PER_DAY));
  }

  static readonly min = new timedelta(-999_999_999);
  static readonly max = new timedelta(999_999_999, 86399, 999_999);
  static readonly resolution = new timedelta(0, 0, 1);

  /** Total microseconds (exact while under 2**53, about 285 years). */
  get totalMicroseconds(): number {
    return (this.days * 86400 + this.seconds) * 1e6 + this.microseconds;
  }

  total_seconds(): number {
    return ((this.days * 86400 + this.seconds) * 1e6 + this.microseconds) / 1e6;
  }

  __add__(other: timedelta): timedelta;
  __add__(other: datetime): datetime;
  __add__(other: date): date;
  __add__(other: unknown): unknown {
    if (other instanceof timedelta) return timedelta.fromMicroseconds(this.totalMicroseconds + other.totalMicroseconds);
    if (other instanceof date) return other.__add__(this);
    throw unsupported("+", this, other);
  }

  __sub__(other: unknown): timedelta {
    if (other instanceof timedelta) return timedelta.fromMicroseconds(this.totalMicroseconds - other.totalMicroseconds);
    throw unsupported("-", this, other);
  }

  __neg__(): timedelta {
    return timedelta.fromMicroseconds(-this.totalMicroseconds);
  }

  __abs__(): timedelta {
    return this.days < 0 ? this.__neg__() : this;
  }

  __mul__(other: unknown): timedelta {
    if (typeof other === "number") return timedelta.fromMicroseconds(Number.isInteger(other) ? this.totalMicroseconds * other : roundHalfEven(this.totalMicroseconds * other));
    throw unsupported("*", this, other);
  }

  __truediv__(other: timedelta): number;
  __truediv__(other: number): timedelta;
  __truediv__(other: unknown): unknown {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0) throw new ZeroDivisionError("division by zero");
      return this.totalMicroseconds / other.totalMicroseconds;
    }
    if (typeof other === "number") {
      if (other === 0) throw new ZeroDivisionError("division by zero");
      return timedelta.fromMicroseconds(roundHalfEven(this.totalMicroseconds / other));
    }
    throw unsupported("/", this, other);
  }

  __floordiv__(other: timedelta): number;
  __floordiv__(other: number): timedelta;
  __floordiv__(other: unknown): unknown {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0) throw new ZeroDivisionError("integer division or modulo by zero");
      return floorDiv(this.totalMicroseconds, other.totalMicroseconds);
    }
    if (typeof other === "number" && Number.isInteger(other)) {
      if (other === 0) throw new ZeroDivisionError("integer division or modulo by zero");
      return timedelta.fromMicroseconds(floorDiv(this.totalMicroseconds, other));
    }
    throw unsupported("//", this, other);
  }

  __mod__(other: unknown): timedelta {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0) throw new ZeroDivisionError("integer division or modulo by zero");
      return timedelta.fromMicroseconds(mod(this.totalMicroseconds, other.totalMicroseconds));
    }
    throw unsupported("%", this, other);
  }

  __eq__(other: unknown): boolean {
    return other === this;
  }

  __lt__(other: unknown): boolean {
    if (!(other instanceof timedelta)) throw unorderable("<", this, other);
    return this.totalMicroseconds < other.totalMicroseconds;
  }

  __bool__(): boolean {
    return this.totalMicroseconds !== 0;
  }

  __str__(): string {
    const mm = Math.floor(this.seconds / 60) % 60;
    const hh = Math.floor(this.seconds / 3600);
    let s = `${hh}:${pad(mm, 2)}:${pad(this.seconds % 60, 2)}`;
    if (this.days) s = `${this.days} day${Math.abs(this.days) !== 1 ? "s" : ""}, ${s}`;
    return this.microseconds ? `${s}.${pad(this.microseconds, 6)}` : s;
  }

  __repr__(): string {
    const args = [["days", this.days], ["seconds", this.seconds], ["microseconds", this.microseconds]].filter(([, v]) => v !== 0);
    return `datetime.timedelta(${args.length ? args.map(([k, v]) => `${k}=${v}`).join(", ") : "0"})`;
  }
}

function unsupported(op: string, a: unknown, b: unknown): TypeError {
  return new TypeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function unorderable(op: string, a: unknown, b: unknown): TypeError {
  return new TypeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function pyTypeName(x: unknown): string {
  return x instanceof datetime ? "datetime.datetime" : x instanceof date ? "datetime.date" : x instanceof timedelta ? "datetime.timedelta" : typeName(x);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

// --- calendar arithmetic (CPython's proleptic Gregorian ordinals) -------------------------------------

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = DAYS_IN_MONTH.map((_, m) => DAYS_IN_MONTH.slice(1, m).reduce((a, b) => a + b, 0));
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]!);
const daysBeforeYear = (y: number) => {
  const y1 = y - 1;
  return y1 * 365 + Math.floor(y1 / 4) - Math.floor(y1 / 100) + Math.floor(y1 / 400);
};
const daysBeforeMonth = (y: number, m: number) => DAYS_BEFORE_MONTH[m]! + (m > 2 && isLeap(y) ? 1 : 0);
const ymdToOrd = (y: number, m: number, d: number) => daysBeforeYear(y) + daysBeforeMonth(y, m) + d;

function ordToYmd(n: number): [number, number, number] {
  n -= 1;
  const n400 = Math.floor(n / 146097);
  n %= 146097;
  let year = n400 * 400 + 1;
  const n100 = Math.floor(n / 36524);
  n %= 36524;
  const n4 = Math.floor(n / 1461);
  n %= 1461;
  const n1 = Math.floor(n / 365);
  n %= 365;
  year += n100 * 100 + n4 * 4 + n1;
  if (n1 === 4 || n100 === 4) return [year - 1, 12, 31];
  const leap = n1 === 3 && (n4 !== 24 || n100 === 3);
  let month = (n + 50) >> 5;
  let preceding = DAYS_BEFORE_MONTH[month]! + (month > 2 && leap ? 1 : 0);
  if (preceding > n) {
    month -= 1;
    preceding -= DAYS_IN_MONTH[month]! + (month === 2 && leap ? 1 : 0);
  }
  return [year, month, n - preceding + 1];
}

function checkDate(year: unknown, month: unknown, day: unknown): [number, number, number] {
  const [y, m, d] = [checkInt(year), checkInt(month), checkInt(day)];
  if (y < MINYEAR || y > MAXYEAR) throw new ValueError(`year ${y} is out of range`);
  if (m < 1 || m > 12) throw new ValueError("month must be in 1..12");
  if (d < 1 || d > daysInMonth(y, m)) throw new ValueError("day is out of range for month");
  return [y, m, d];
}

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// --- date --------------------------------------------------------------------------------------------

export class date {
  readonly year!: number;
  readonly month!: number;
  readonly day!: number;

  constructor(year: number, month: number, day: number) {
    const [y, m, d] = checkDate(year, month, day);
    Object.assign(this, { year: y, month: m, day: d });
    // A datetime interns itself in its own constructor, under its full value.
    if (new.target === date) return intern(`d:${y}:${m}:${d}`, this);
  }

  static today(): date {
    const now = new Date();
    return new date(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  static fromordinal(n: number): date {
    if (n < 1 || n > ymdToOrd(MAXYEAR, 12, 31)) throw new ValueError(`ordinal must be >= 1`);
    return new date(...ordToYmd(n));
  }

  static fromisoformat(s: string): date {
    if (typeof s !== "string") throw new TypeError("fromisoformat: argument must be str");
    const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
    if (!m || (s.length !== 8 && s.length !== 10)) throw new ValueError(`Invalid isoformat string: ${repr(s)}`);
    return new date(Number(m[1]), Number(m[2]), Number(m[3]));
  }

  toordinal(): number {
    return ymdToOrd(this.year, this.month, this.day);
  }

  weekday(): number {
    return (this.toordinal() + 6) % 7;
  }

  isoweekday(): number {
    return this.weekday() + 1;
  }

  /** IsoCalendarDate(year, week, weekday): ISO year, ISO week number, ISO weekday. */
  isocalendar(): readonly [number, number, number] {
    let year = this.year;
    const week1 = (y: number) => {
      const first = ymdToOrd(y, 1, 1);
      const wd = (first + 6) % 7;
      return wd > 3 ? first - wd + 7 : first - wd;
    };
    let start = week1(year);
    const today = this.toordinal();
    if (today < start) start = week1(--year);
    else if (today >= week1(year + 1)) start = week1(++year);
    return intFieldTuple("datetime.IsoCalendarDate", ["year", "week", "weekday"], [year, Math.floor((today - start) / 7) + 1, this.isoweekday()]) as readonly [number, number, number];
  }

  replace(opts: { year?: number; month?: number; day?: number } = {}): date {
    return new date(opts.year ?? this.year, opts.month ?? this.month, opts.day ?? this.day);
  }

  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  ctime(): string {
    return this.strftime("%a %b %e %H:%M:%S %Y");
  }

  strftime(format: string): string {
    return strftime(format, fields(this));
  }

  __format__(spec: string): string {
    return spec ? this.strftime(spec) : this.__str__();
  }

  __add__(other: unknown): date {
    if (!(other instanceof timedelta)) throw unsupported("+", this, other);
    const n = this.toordinal() + other.days;
    if (n < 1 || n > ymdToOrd(MAXYEAR, 12, 31)) throw new OverflowError("date value out of range");
    return date.fromordinal(n);
  }

  __sub__(other: timedelta): date;
  __sub__(other: date): timedelta;
  __sub__(other: unknown): unknown {
    if (other instanceof timedelta) return this.__add__(new timedelta(-other.days));
    if (other instanceof date && !(other instanceof datetime)) return new timedelta(this.toordinal() - other.toordinal());
    throw unsupported("-", this, other);
  }

  __eq__(other: unknown): boolean {
    return other === this;
  }

  __lt__(other: unknown): boolean {
    if (!(other instanceof date) || other instanceof datetime) {
      throw other instanceof datetime ? new TypeError("can't compare datetime.datetime to datetime.date") : unorderable("<", this, other);
    }
    return this.toordinal() < other.toordinal();
  }

  __str__(): string {
    return this.isoformat();
  }

  __repr__(): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }
}

// --- datetime ----------------------------------------------------------------------------------------

export class datetime extends date {
  readonly hour!: number;
  readonly minute!: number;
  readonly second!: number;
  readonly microsecond!: number;

  constructor(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0) {
    super(year, month, day);
    const [h, mi, s, us] = [checkInt(hour), checkInt(minute), checkInt(second), checkInt(microsecond)];
    if (h < 0 || h > 23) throw new ValueError("hour must be in 0..23");
    if (mi < 0 || mi > 59) throw new ValueError("minute must be in 0..59");
    if (s < 0 || s > 59) throw new ValueError("second must be in 0..59");
    if (us < 0 || us > 999999) throw new ValueError("microsecond must be in 0..999999");
    const key = `dt:${this.year}:${this.month}:${this.day}:${h}:${mi}:${s}:${us}`;
    const existing = internedValue<datetime>(key);
    if (existing) return existing;
    Object.assign(this, { hour: h, minute: mi, second: s, microsecond: us });
    return intern(key, this);
  }

  /** The local wall-clock time of a JS time value (milliseconds) plus extra microseconds. */
  private static fromLocal(ms: number, us = 0): datetime {
    const t = new Date(ms);
    return new datetime(t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds(), t.getMilliseconds() * 1000 + us);
  }

  static now(tz: unknown = null): datetime {
    if (tz !== null) throw new NotImplementedError("time zones (tzinfo) are not supported by py2ts-mp");
    const t = performance.timeOrigin + performance.now();
    return datetime.fromLocal(Math.floor(t), Math.floor((t % 1) * 1000));
  }

  static override today(): datetime {
    return datetime.now();
  }

  static utcnow(): datetime {
    const t = new Date();
    return new datetime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds() * 1000);
  }

  static fromtimestamp(ts: number): datetime {
    const us = roundHalfEven(ts * 1e6);
    return datetime.fromLocal(Math.floor(us / 1000), mod(us, 1000));
  }

  static combine(d: date, t: { hour: number; minute: number; second: number; microsecond: number }): datetime {
    return new datetime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond);
  }

  static override fromisoformat(s: string): datetime {
    if (typeof s !== "string") throw new TypeError("fromisoformat: argument must be str");
    const m = /^(\d{4}-\d{2}-\d{2}|\d{8})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6})\d*)?)?)?)?(Z|[+-]\d{2}:?\d{2}.*)?$/.exec(s);
    if (!m) throw new ValueError(`Invalid isoformat string: ${repr(s)}`);
    if (m[6]) throw new NotImplementedError("time zones (tzinfo) are not supported by py2ts-mp");
    const d = date.fromisoformat(m[1]!);
    const us = m[5] ? Number(m[5].padEnd(6, "0")) : 0;
    return new datetime(d.year, d.month, d.day, Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0), us);
  }

  static strptime(s: string, format: string): datetime {
    return strptime(s, format);
  }

  date(): date {
    return new date(this.year, this.month, this.day);
  }

  timestamp(): number {
    return new Date(this.year, this.month - 1, this.day, this.hour, this.minute, this.second).getTime() / 1000 + this.microsecond / 1e6;
  }

  override replace(opts: { year?: number; month?: number; day?: number; hour?: number; minute?: number; second?: number; microsecond?: number } = {}): datetime {
    return new datetime(opts.year ?? this.year, opts.month ?? this.month, opts.day ?? this.day, opts.hour ?? this.hour, opts.minute ?? this.minute, opts.second ?? this.second, opts.microsecond ?? this.microsecond);
  }

  override isoformat(sep = "T", timespec = "auto"): string {
    const parts: Record<string, string> = {
      hours: pad(this.hour, 2),
      minutes: `${pad(this.hour, 2)}:${pad(this.minute, 2)}`,
      seconds: `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}`,
    };
    parts.milliseconds = `${parts.seconds}.${pad(Math.floor(this.microsecond / 1000), 3)}`;
    parts.microseconds = `${parts.seconds}.${pad(this.microsecond, 6)}`;
    const spec = timespec === "auto" ? (this.microsecond ? "microseconds" : "seconds") : timespec;
    if (!(spec in parts)) throw new ValueError("Unknown timespec value");
    return super.isoformat() + sep + parts[spec];
  }

  override strftime(format: string): string {
    return strftime(format, fields(this));
  }

  private get totalMicroseconds(): number {
    return (this.toordinal() * 86400 + this.hour * 3600 + this.minute * 60 + this.second) * 1e6 + this.microsecond;
  }

  override __add__(other: unknown): datetime {
    if (!(other instanceof timedelta)) throw unsupported("+", this, other);
    const total = this.totalMicroseconds + other.totalMicroseconds;
    const days = floorDiv(total, US_PER_DAY);
    if (days < 1 || days > ymdToOrd(MAXYEAR, 12, 31)) throw new OverflowError("date value out of range");
    const [y, m, d] = ordToYmd(days);
    let rest = mod(total, US_PER_DAY);
    const us = rest % 1e6;
    rest = (rest - us) / 1e6;
    return new datetime(y, m, d, Math.floor(rest / 3600), Math.floor(rest / 60) % 60, rest % 60, us);
  }

  override __sub__(other: timedelta): datetime;
  override __sub__(other: datetime): timedelta;
  override __sub__(other: unknown): unknown {
    if (other instanceof timedelta) return this.__add__(other.__neg__());
    if (other instanceof datetime) return timedelta.fromMicroseconds(this.totalMicroseconds - other.totalMicroseconds);
    throw unsupported("-", this, other);
  }

  override __lt__(other: unknown): boolean {
    if (!(other instanceof datetime)) throw other instanceof date ? new TypeError("can't compare datetime.datetime to datetime.date") : unorderable("<", this, other);
    return this.totalMicroseconds < other.totalMicroseconds;
  }

  override __str__(): string {
    return this.isoformat(" ");
  }

  override __repr__(): string {
    const l = [this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond];
    if (l.at(-1) === 0) l.pop();
    if (l.at(-1) === 0) l.pop();
    return `datetime.datetime(${l.join(", ")})`;
  }
}

// --- strftime / strptime -----------------------------------------------------------------------------

export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Monday = 0 */
  weekday: number;
  yday: number;
}

function fields(d: date): Fields {
  const t = d instanceof datetime ? d : undefined;
  return {
    year: d.year,
    month: d.month,
    day: d.day,
    hour: t?.hour ?? 0,
    minute: t?.minute ?? 0,
    second: t?.second ?? 0,
    microsecond: t?.microsecond ?? 0,
    weekday: d.weekday(),
    yday: d.toordinal() - ymdToOrd(d.year, 1, 1) + 1,
  };
}

/** C strftime in the C/POSIX locale (glibc), plus Python's %f; %z and %Z are empty for naive values. */
export function strftime(format: string, f: Fields): string {
  const sundayWeek = Math.floor((f.yday + 6 - ((f.weekday + 1) % 7)) / 7);
  const mondayWeek = Math.floor((f.yday + 6 - f.weekday) / 7);
  const iso = () => new date(f.year, f.month, f.day).isocalendar();
  const hour12 = f.hour % 12 || 12;
  const directive = (c: string, noPad: boolean): string | undefined => {
    const p = (n: number, w: number) => (noPad ? String(n) : pad(n, w));
    switch (c) {
      case "a": return DAY_NAMES[f.weekday]!.slice(0, 3);
      case "A": return DAY_NAMES[f.weekday]!;
      case "w": return String((f.weekday + 1) % 7);
      case "u": return String(f.weekday + 1);
      case "d": return p(f.day, 2);
      case "e": return noPad ? String(f.day) : String(f.day).padStart(2, " ");
      case "b": case "h": return MONTH_NAMES[f.month]!.slice(0, 3);
      case "B": return MONTH_NAMES[f.month]!;
      case "m": return p(f.month, 2);
      case "y": return p(f.year % 100, 2);
      case "Y": return String(f.year);
      case "C": return p(Math.floor(f.year / 100), 2);
      case "H": return p(f.hour, 2);
      case "I": return p(hour12, 2);
      case "p": return f.hour < 12 ? "AM" : "PM";
      case "M": return p(f.minute, 2);
      case "S": return p(f.second, 2);
      case "f": return pad(f.microsecond, 6);
      case "j": return p(f.yday, 3);
      case "U": return p(sundayWeek, 2);
      case "W": return p(mondayWeek, 2);
      case "G": return String(iso()[0]);
      case "V": return p(iso()[1], 2);
      case "z": case "Z": return "";
      case "c": return `${directive("a", false)} ${directive("b", false)} ${directive("e", false)} ${directive("T", false)} ${f.year}`;
      case "x": case "D": return `${pad(f.month, 2)}/${pad(f.day, 2)}/${pad(f.year % 100, 2)}`;
      case "X": case "T": return `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
      case "F": return `${f.year}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
      case "R": return `${pad(f.hour, 2)}:${pad(f.minute, 2)}`;
      case "r": return `${pad(hour12, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)} ${directive("p", false)}`;
      case "n": return "\n";
      case "t": return "\t";
      case "%": return "%";
      default: return undefined;
    }
  };
  return format.replace(/%(-?)(.?)/gs, (whole, flag: string, c: string) => directive(c, flag === "-") ?? whole);
}

const STRPTIME: Record<string, string> = {
  d: "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  f: "(?<f>[0-9]{1,6})",
  H: "(?<H>2[0-3]|[0-1]\\d|\\d)",
  I: "(?<I>1[0-2]|0[1-9]|[1-9])",
  j: "(?<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  m: "(?<m>1[0-2]|0[1-9]|[1-9])",
  M: "(?<M>[0-5]\\d|\\d)",
  S: "(?<S>6[01]|[0-5]\\d|\\d)",
  w: "(?<w>[0-6])",
  u: "(?<u>[1-7])",
  y: "(?<y>\\d\\d)",
  Y: "(?<Y>\\d\\d\\d\\d)",
  a: `(?<a>${DAY_NAMES.map((d) => d.slice(0, 3).toLowerCase()).join("|")})`,
  A: `(?<A>${[...DAY_NAMES].sort((x, y) => y.length - x.length).map((d) => d.toLowerCase()).join("|")})`,
  b: `(?<b>${MONTH_NAMES.slice(1).map((m) => m.slice(0, 3).toLowerCase()).join("|")})`,
  B: `(?<B>${MONTH_NAMES.slice(1).sort((x, y) => y.length - x.length).map((m) => m.toLowerCase()).join("|")})`,
  p: "(?<p>am|pm)",
  "%": "%",
};

/** CPython's _strptime: the format becomes a regex (whitespace matching any run of it), matched case-blind at
 *  the start; what is left over is an error, as is a field value out of range. */
export function strptime(s: string, format: string): datetime {
  if (typeof s !== "string") throw new TypeError(`strptime() argument 1 must be str, not ${typeName(s)}`);
  let source = "";
  const seen = new Set<string>();
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%") {
      source += /\s/.test(c) ? "\\s+" : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      continue;
    }
    const d = format[++i];
    if (d === undefined) throw new ValueError(`stray % in format '${format}'`);
    const re = STRPTIME[d];
    if (!re) throw new ValueError(`'${d}' is a bad directive in format '${format}'`);
    // A directive used twice is a backreference in CPython ("redefinition of group name" otherwise).
    source += seen.has(d) ? `\\k<${d}>` : re;
    seen.add(d);
  }
  const m = new RegExp(`^(?:${source})`, "i").exec(s);
  if (!m) throw new ValueError(`time data ${repr(s)} does not match format ${repr(format)}`);
  if (m[0].length !== s.length) throw new ValueError(`unconverted data remains: ${s.slice(m[0].length)}`);
  const g = m.groups ?? {};
  const num = (k: string) => (g[k] !== undefined ? Number(g[k]) : undefined);
  let year = num("Y") ?? (g.y !== undefined ? (Number(g.y) < 69 ? 2000 : 1900) + Number(g.y) : 1900);
  let month = num("m") ?? (g.B ? MONTH_NAMES.findIndex((n) => n.toLowerCase() === g.B!.toLowerCase()) : g.b ? MONTH_NAMES.findIndex((n) => n.slice(0, 3).toLowerCase() === g.b!.toLowerCase()) : 1);
  let day = num("d") ?? 1;
  let hour = num("H") ?? 0;
  if (g.I !== undefined) {
    const h = Number(g.I);
    const pm = g.p?.toLowerCase() === "pm";
    hour = pm ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h;
  }
  const us = g.f !== undefined ? Number(g.f.padEnd(6, "0")) : 0;
  if (g.j !== undefined && num("m") === undefined && num("d") === undefined) {
    [year, month, day] = ordToYmd(ymdToOrd(year, 1, 1) + Number(g.j) - 1);
  }
  return new datetime(year, month, day, hour, num("M") ?? 0, num("S") ?? 0, us);
}
