// multiprocessing.sharedctypes: Value and Array as typed arrays over shared memory, each with an RLock
// (get_lock()) unless lock=False. Typecodes are the array module's, with C sizes ('l' and 'q' are 64-bit).

import { AttributeError, IndexError, TypeError, ValueError } from "../builtins/exceptions.js";
import { sliceBounds } from "../builtins/functions.js";
import { norm, type Int } from "../builtins/int.js";
import { registerShared, type SharedHandle } from "./handles.js";
import { RLock, Lock } from "./synchronize.js";

type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

const CTYPES: Record<string, string> = {
  c_char: "c", c_byte: "b", c_ubyte: "B", c_short: "h", c_ushort: "H", c_int: "i", c_uint: "I", c_long: "l",
  c_ulong: "L", c_longlong: "q", c_ulonglong: "Q", c_float: "f", c_double: "d", c_bool: "?", c_wchar: "u",
};

const ARRAYS: Record<string, new (b: SharedArrayBuffer, off?: number, len?: number) => Typed> = {
  c: Uint8Array, b: Int8Array, B: Uint8Array, "?": Uint8Array, h: Int16Array, H: Uint16Array, i: Int32Array,
  I: Uint32Array, l: BigInt64Array, L: BigUint64Array, q: BigInt64Array, Q: BigUint64Array, f: Float32Array,
  d: Float64Array, u: Uint32Array,
};

/** The ctypes name CPython shows for a typecode (on 64-bit Linux 'l' and 'q' are both c_long). */
const CTYPE_NAMES: Record<string, string> = {
  c: "c_char", b: "c_byte", B: "c_ubyte", "?": "c_bool", h: "c_short", H: "c_ushort", i: "c_int", I: "c_uint",
  l: "c_long", L: "c_ulong", q: "c_long", Q: "c_ulong", f: "c_float", d: "c_double", u: "c_wchar",
};

function ctypeName(code: string): string {
  return CTYPE_NAMES[code] ?? `c_${code}`;
}

function typecode(t: string): string {
  const code = CTYPES[t] ?? t;
  // CPython looks a string that is no typecode up as a ctypes type, and asks for its size.
  if (!ARRAYS[code]) throw new TypeError("this type has no size");
  return code;
}

function toJs(code: string, v: number | bigint): unknown {
  if (typeof v === "bigint") return norm(v);
  if (code === "c") return new Uint8Array([v]);
  if (code === "?") return v !== 0;
  if (code === "u") return String.fromCodePoint(v);
  return v;
}

function toStore(code: string, v: unknown): number | bigint {
  if (code === "l" || code === "L" || code === "q" || code === "Q") return BigInt.asIntN(64, BigInt(v as Int));
  // c_char takes a one-byte bytes or its int (what iterating an initializer of bytes gives).
  if (code === "c") return typeof v === "number" ? v : ((v as Uint8Array)[0] ?? 0);
  if (code === "?") return v ? 1 : 0;
  if (code === "u") return (v as string).codePointAt(0) ?? 0;
  // A big int is a float for 'f'/'d'; for the narrower int codes its low 32 bits, which the typed array
  // wraps further, exactly (through a 64-bit Number the low bits would be rounded away).
  if (typeof v === "bigint") return code === "f" || code === "d" ? Number(v) : Number(BigInt.asIntN(32, v));
  if (typeof v === "boolean") return v ? 1 : 0;
  return v as number;
}

/** Value(typecode_or_type, value, lock=True): `.value` reads and writes shared memory. */
export class Value<T = unknown> {
  readonly typecode: string;
  protected readonly cells: Typed;
  private readonly lock: RLock | Lock | null;

  constructor(typecodeOrType: string, value?: unknown, opts: { lock?: boolean | RLock | Lock } | SharedArrayBuffer = {}, lockHandle?: RLock | Lock | null) {
    this.typecode = typecode(typecodeOrType);
    const Ctor = ARRAYS[this.typecode]!;
    if (opts instanceof SharedArrayBuffer) {
      this.cells = new Ctor(opts, 0, 1);
      this.lock = lockHandle ?? null;
      return;
    }
    this.cells = new Ctor(new SharedArrayBuffer(8), 0, 1);
    if (value !== undefined) this.cells[0] = toStore(this.typecode, value) as never;
    const lock = opts.lock ?? true;
    this.lock = lock === false ? null : lock === true ? new RLock() : lock;
  }

  get value(): T {
    return toJs(this.typecode, this.cells[0]!) as T;
  }

  set value(v: T) {
    this.cells[0] = toStore(this.typecode, v) as never;
  }

  get_lock(): RLock | Lock {
    if (!this.lock) throw new AttributeError(`'${ctypeName(this.typecode)}' object has no attribute 'get_lock'`);
    return this.lock;
  }

  get_obj(): this {
    return this;
  }

  __shared__(): SharedHandle {
    const lock = this.lock?.__shared__();
    return { kind: "Value", buffers: [this.cells.buffer as SharedArrayBuffer, ...(lock?.buffers ?? [])], meta: [this.typecode, lock?.kind ?? null] };
  }

  __repr__(): string {
    return `<Synchronized wrapper for ${ctypeName(this.typecode)}(${String(this.value)})>`;
  }
}

/** Array(typecode_or_type, size_or_initializer, lock=True): indexable shared memory. */
export class Array<T = unknown> implements Iterable<T> {
  readonly typecode: string;
  protected readonly cells: Typed;
  private readonly lock: RLock | Lock | null;

  constructor(typecodeOrType: string, sizeOrInit: number | Iterable<unknown>, opts: { lock?: boolean | RLock | Lock } | SharedArrayBuffer = {}, lockHandle?: RLock | Lock | null) {
    this.typecode = typecode(typecodeOrType);
    const Ctor = ARRAYS[this.typecode]! as unknown as { new (b: SharedArrayBuffer, off?: number, len?: number): Typed; BYTES_PER_ELEMENT: number };
    if (opts instanceof SharedArrayBuffer) {
      this.cells = new Ctor(opts, 0, sizeOrInit as number);
      this.lock = lockHandle ?? null;
      return;
    }
    const init = typeof sizeOrInit === "number" ? null : [...sizeOrInit];
    const n = init ? init.length : (sizeOrInit as number);
    this.cells = new Ctor(new SharedArrayBuffer(Math.max(8, n * Ctor.BYTES_PER_ELEMENT)), 0, n);
    if (init) init.forEach((v, i) => (this.cells[i] = toStore(this.typecode, v) as never));
    const lock = opts.lock ?? true;
    this.lock = lock === false ? null : lock === true ? new RLock() : lock;
  }

  get length(): number {
    return this.cells.length;
  }

  get(i: number): T {
    const j = i < 0 ? this.cells.length + i : i;
    if (j < 0 || j >= this.cells.length) throw new IndexError("invalid index");
    return toJs(this.typecode, this.cells[j]!) as T;
  }

  /** An int array takes any int (stored wrapped to its C size, as ctypes does). */
  set(i: number, v: T | (T extends number ? Int : never)): void {
    const j = i < 0 ? this.cells.length + i : i;
    if (j < 0 || j >= this.cells.length) throw new IndexError("invalid index");
    this.cells[j] = toStore(this.typecode, v) as never;
  }

  /** `arr[start:stop:step]`: a list, or bytes / str for 'c' / 'u' arrays as ctypes gives them. */
  getSlice(start: number | null, stop: number | null, step: number | null = 1): T[] | Uint8Array | string {
    const [lo, hi, st] = sliceBounds(this.cells.length, start, stop, step);
    const out: T[] = [];
    if (st > 0) for (let i = lo; i < hi; i += st) out.push(this.get(i));
    else for (let i = lo; i > hi; i += st) out.push(this.get(i));
    if (this.typecode === "c") return Uint8Array.from(out as Uint8Array[], (b) => b[0]!);
    if (this.typecode === "u") return (out as string[]).join("");
    return out;
  }

  /** `arr[start:stop:step] = values`: ctypes arrays never change size. */
  setSlice(start: number | null, stop: number | null, step: number | null, values: Iterable<unknown>): void {
    const [lo, hi, st] = sliceBounds(this.cells.length, start, stop, step);
    const items = [...(values instanceof Uint8Array ? globalThis.Array.from(values, (b) => Uint8Array.of(b)) : values)];
    const count = st > 0 ? Math.max(0, Math.ceil((hi - lo) / st)) : Math.max(0, Math.ceil((lo - hi) / -st));
    if (items.length !== count) throw new ValueError("Can only assign sequence of same size");
    items.forEach((v, k) => this.set(lo + k * st, v as T));
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.cells.length; i++) yield this.get(i);
  }

  get_lock(): RLock | Lock {
    if (!this.lock) throw new AttributeError(`'${ctypeName(this.typecode)}_Array_${this.length}' object has no attribute 'get_lock'`);
    return this.lock;
  }

  __shared__(): SharedHandle {
    const lock = this.lock?.__shared__();
    return { kind: "Array", buffers: [this.cells.buffer as SharedArrayBuffer, ...(lock?.buffers ?? [])], meta: [this.typecode, lock?.kind ?? null, this.cells.length] };
  }

  __repr__(): string {
    return `<SynchronizedArray wrapper for ${ctypeName(this.typecode)}_Array_${this.length}>`;
  }
}

export function RawValue<T = unknown>(typecodeOrType: string, value?: unknown): Value<T> {
  return new Value<T>(typecodeOrType, value, { lock: false });
}

export function RawArray<T = unknown>(typecodeOrType: string, sizeOrInit: number | Iterable<unknown>): Array<T> {
  return new Array<T>(typecodeOrType, sizeOrInit, { lock: false });
}

function lockFrom(h: SharedHandle, kind: unknown): RLock | Lock | null {
  if (!kind) return null;
  const cells = new Int32Array(h.buffers[1]!);
  return kind === "Lock" ? new Lock(cells) : new RLock(cells);
}

registerShared("Value", (h) => new Value(h.meta[0] as string, undefined, h.buffers[0]!, lockFrom(h, h.meta[1])));
registerShared("Array", (h) => {
  return new Array(h.meta[0] as string, h.meta[2] as number, h.buffers[0]!, lockFrom(h, h.meta[1]));
});
