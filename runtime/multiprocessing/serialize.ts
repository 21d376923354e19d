// Python values ↔ bytes, our pickle: the value model's types keep their identity across workers (a tuple
// stays a tuple, dict keys keep insertion order, big ints stay exact), exceptions keep their class and
// traceback text, instances of the script's classes and its functions travel by name. Shared objects may
// only cross at a worker's start (inheritance), where they travel as handles in `buffers`.

import { BaseException, RuntimeError, exceptionClasses } from "../builtins/exceptions.js";
import { asFloat } from "../builtins/float.js";
import { Range } from "../builtins/range.js";
import { asTuple, isTuple, namedTupleTypeOf } from "../builtins/tuple.js";
import { makePartial, partialParts } from "./call.js";
import { isShareable, rebuildShared, type SharedHandle } from "./handles.js";
import { exportedAs, exportedValue } from "./state.js";

const enum Tag {
  None,
  False,
  True,
  Int32,
  Float64,
  BigInt,
  Str,
  List,
  Tuple,
  Dict,
  Set,
  FrozenSet,
  Bytes,
  Exception,
  Instance,
  Function,
  Shared,
  Range,
  Undefined,
  Uncrossable,
  Encoded,
  NamedTuple,
  /** A list or tuple of small ints only (a Pool chunk of ints, its results): the ints in a row, untagged. */
  ListInt32,
  TupleInt32,
  /** An integral float where an int may also be (builtins/float.ts): it crosses still boxed. */
  BoxedFloat,
  /** functools.partial: its function, fixed arguments and keywords. */
  Partial,
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes from `pos` to the next multiple of 4: where a run of int32 starts (ListInt32, TupleInt32). */
const int32Padding = (pos: number) => (4 - (pos % 4)) % 4;

/** Below this length a list of ints is written item by item: the check would cost more than it saves. */
const INT32_RUN = 8;

function isInt32(x: unknown): boolean {
  return typeof x === "number" && (x | 0) === x && !Object.is(x, -0);
}

export class PicklingError extends RuntimeError {}

/** A module global that could not be sent to a worker: using it there raises an error naming it. */
export class Uncrossable {
  constructor(
    readonly name: string,
    readonly reason: string,
  ) {}
}

function uncrossableProxy(name: string, reason: string): unknown {
  const fail = (): never => {
    throw new RuntimeError(`global '${name}' cannot be used in a worker process: it could not be sent there (${reason})`);
  };
  return new Proxy(function () {}, { get: fail, apply: fail, construct: fail, has: fail, set: fail, ownKeys: fail });
}

/**
 * A value already serialized into shared memory of its own (encodeShared): it travels as a reference to
 * that memory, so a large global that is sent at every worker start is encoded and copied only once.
 */
export class Encoded {
  private static count = 0;
  /** Names this encoding for a reused worker that has decoded it before (loadsSnapshot). */
  readonly id = ++Encoded.count;
  constructor(readonly buffer: SharedArrayBuffer) {}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Writer {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  pos = 0;
  constructor(readonly buffers: SharedArrayBuffer[] | null) {}

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }
  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  str(s: string): void {
    if (s.length > 4096) {
      // Long strings: measure exactly, then let Buffer encode natively (no 3x worst-case buffer).
      const n = Buffer.byteLength(s, "utf8");
      this.ensure(4 + n);
      this.view.setUint32(this.pos, n, true);
      Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength).write(s, this.pos + 4, n, "utf8");
      this.pos += 4 + n;
      return;
    }
    // Worst case 3 bytes per UTF-16 unit.
    this.ensure(4 + s.length * 3);
    const { written } = encoder.encodeInto(s, this.buf.subarray(this.pos + 4));
    this.view.setUint32(this.pos, written, true);
    this.pos += 4 + written;
  }
  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  value(x: unknown): void {
    switch (typeof x) {
      case "number":
        if ((x | 0) === x && !Object.is(x, -0)) {
          this.u8(Tag.Int32);
          this.i32(x);
        } else {
          this.u8(Tag.Float64);
          this.f64(x);
        }
        return;
      case "string":
        this.u8(Tag.Str);
        this.str(x);
        return;
      case "boolean":
        this.u8(x ? Tag.True : Tag.False);
        return;
      case "bigint":
        this.u8(Tag.BigInt);
        this.str(x.toString(16));
        return;
      case "undefined":
        this.u8(Tag.Undefined);
        return;
      case "function":
        return this.func(x as (...a: unknown[]) => unknown);
      default:
        break;
    }
    if (x === null) return this.u8(Tag.None);
    if (x instanceof Number) {
      this.u8(Tag.BoxedFloat);
      this.f64(x.valueOf());
      return;
    }
    const namedTuple = namedTupleTypeOf(x);
    if (namedTuple) {
      // Sent by the name its module exports it under, as pickle sends a namedtuple by its class.
      const where = exportedAs(namedTuple);
      if (!where) throw new PicklingError(`Can't pickle <class '__main__.${namedTuple.name}'>: attribute lookup ${namedTuple.name} on __main__ failed`);
      this.u8(Tag.NamedTuple);
      this.str(where.module);
      this.str(where.name);
      this.value(asTuple([...(x as unknown[])]));
      return;
    }
    if (Array.isArray(x)) {
      if (x.length >= INT32_RUN && x.every(isInt32)) return this.int32s(x as number[], isTuple(x));
      this.u8(isTuple(x) ? Tag.Tuple : Tag.List);
      this.u32(x.length);
      for (const v of x) this.value(v);
      return;
    }
    if (x instanceof Map) {
      this.u8(Tag.Dict);
      this.u32(x.size);
      for (const [k, v] of x) {
        this.value(k);
        this.value(v);
      }
      return;
    }
    if (x instanceof Set) {
      this.u8((x as { frozen?: boolean }).frozen ? Tag.FrozenSet : Tag.Set);
      this.u32(x.size);
      for (const v of x) this.value(v);
      return;
    }
    if (x instanceof Uint8Array) {
      this.u8(Tag.Bytes);
      this.bytes(x);
      return;
    }
    if (x instanceof Range) {
      this.u8(Tag.Range);
      this.f64(x.start);
      this.f64(x.stop);
      this.f64(x.step);
      return;
    }
    if (x instanceof BaseException) {
      this.u8(Tag.Exception);
      this.str(exportedAs(x.constructor)?.module ?? "");
      this.str(x.constructor.name);
      this.value(asTuple([...x.args]));
      this.str(x.__remote_traceback__ ?? x.stack ?? "");
      this.value(ownFields(x, ["args", "__cause__", "__context__", "__suppress_context__", "__remote_traceback__", "stack", "message", "name"]));
      return;
    }
    if (x instanceof Encoded) {
      if (!this.buffers) throw new RuntimeError("py2ts-mp: a pre-encoded value can only be inherited");
      this.u8(Tag.Encoded);
      this.u32(this.buffers.length);
      this.buffers.push(x.buffer);
      this.u32(x.id);
      return;
    }
    if (x instanceof Uncrossable) {
      this.u8(Tag.Uncrossable);
      this.str(x.name);
      this.str(x.reason);
      return;
    }
    if (isShareable(x)) {
      if (!this.buffers) {
        const kind = x.__shared__().kind;
        const what = kind.includes("Queue") ? "Queue objects" : kind === "Value" || kind === "Array" ? "Synchronized objects" : `${kind} objects`;
        throw new RuntimeError(`${what} should only be shared between processes through inheritance`);
      }
      const h = x.__shared__();
      this.u8(Tag.Shared);
      this.str(h.kind);
      this.u32(h.buffers.length);
      for (const b of h.buffers) {
        this.u32(this.buffers.length);
        this.buffers.push(b);
      }
      this.value(asTuple([...h.meta]));
      return;
    }
    if (typeof (x as Iterator<unknown>).next === "function" && typeof (x as Iterable<unknown>)[Symbol.iterator] === "function") {
      throw new PicklingError("cannot pickle 'generator' object");
    }
    const ctor = (x as object).constructor as { name: string } | undefined;
    const where = ctor && exportedAs(ctor);
    if (!where) {
      const name = ctor?.name ?? "object";
      throw new PicklingError(`Can't pickle <class '__main__.${name}'>: attribute lookup ${name} on __main__ failed`);
    }
    this.u8(Tag.Instance);
    this.str(where.module);
    this.str(where.name);
    this.value(ownFields(x as object, []));
  }

  int32s(xs: readonly number[], tuple: boolean): void {
    this.u8(tuple ? Tag.TupleInt32 : Tag.ListInt32);
    this.u32(xs.length);
    // The ints start at a multiple of 4 from the message's start (the reader skips the same padding), so
    // that an Int32Array can copy them in one native call (the buffer itself starts at offset 0).
    const pad = int32Padding(this.pos);
    this.ensure(pad + xs.length * 4);
    this.pos += pad;
    if (LITTLE_ENDIAN) new Int32Array(this.buf.buffer, this.buf.byteOffset + this.pos, xs.length).set(xs);
    else for (let i = 0; i < xs.length; i++) this.view.setInt32(this.pos + i * 4, xs[i]!, true);
    this.pos += xs.length * 4;
  }

  func(fn: (...a: unknown[]) => unknown): void {
    const parts = partialParts(fn);
    if (parts) {
      this.u8(Tag.Partial);
      this.value(parts.func);
      this.value(asTuple([...parts.args]));
      this.value(parts.keywords);
      return;
    }
    const where = exportedAs(fn);
    if (!where) {
      const name = fn.name;
      const shown = name && !/^[A-Za-z_]\w*$/.test(name) ? "<lambda>" : name || "<lambda>";
      throw new PicklingError(`Can't pickle <function ${shown} at 0x7f0000000000>: attribute lookup ${shown} on __main__ failed`);
    }
    this.u8(Tag.Function);
    this.str(where.module);
    this.str(where.name);
  }
}

function ownFields(o: object, skip: string[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) if (!skip.includes(k)) m.set(k, v);
  return m;
}

class Reader {
  pos = 0;
  readonly view: DataView;
  constructor(
    readonly buf: Uint8Array,
    readonly buffers: readonly SharedArrayBuffer[] | null,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  str(): string {
    const n = this.u32();
    const start = this.pos;
    this.pos += n;
    // Short ASCII strings decode faster by hand than through TextDecoder.
    if (n <= 32) {
      let s = "";
      for (let i = start; i < start + n; i++) {
        const c = this.buf[i]!;
        if (c >= 0x80) return decoder.decode(this.buf.subarray(start, start + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    // Through Buffer: it also decodes views of shared memory (a worker's start payload), unlike TextDecoder.
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength).toString("utf8", start, start + n);
  }
  value(): unknown {
    const tag = this.buf[this.pos++] as Tag;
    switch (tag) {
      case Tag.None:
        return null;
      case Tag.Undefined:
        return undefined;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int32: {
        const v = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case Tag.Float64: {
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case Tag.BoxedFloat: {
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return asFloat(v);
      }
      case Tag.BigInt: {
        const s = this.str();
        return s.startsWith("-") ? -BigInt(`0x${s.slice(1)}`) : BigInt(`0x${s}`);
      }
      case Tag.Str:
        return this.str();
      case Tag.List:
      case Tag.Tuple: {
        const n = this.u32();
        const a = new Array<unknown>(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return tag === Tag.Tuple ? asTuple(a) : a;
      }
      case Tag.ListInt32:
      case Tag.TupleInt32: {
        const n = this.u32();
        this.pos += int32Padding(this.pos);
        const a = new Array<number>(n);
        const at = this.buf.byteOffset + this.pos;
        if (LITTLE_ENDIAN && at % 4 === 0) {
          const ints = new Int32Array(this.buf.buffer, at, n);
          for (let i = 0; i < n; i++) a[i] = ints[i]!;
        } else {
          for (let i = 0; i < n; i++) a[i] = this.view.getInt32(this.pos + i * 4, true);
        }
        this.pos += n * 4;
        return tag === Tag.TupleInt32 ? asTuple(a) : a;
      }
      case Tag.Dict: {
        const n = this.u32();
        const m = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) {
          const k = this.value();
          m.set(k, this.value());
        }
        return m;
      }
      case Tag.Set:
      case Tag.FrozenSet: {
        const n = this.u32();
        const s = new Set<unknown>();
        for (let i = 0; i < n; i++) s.add(this.value());
        if (tag === Tag.FrozenSet) (s as unknown as { frozen: boolean }).frozen = true;
        return s;
      }
      case Tag.Bytes: {
        const n = this.u32();
        const b = this.buf.slice(this.pos, this.pos + n);
        this.pos += n;
        return b;
      }
      case Tag.Range: {
        const start = this.view.getFloat64(this.pos, true);
        const stop = this.view.getFloat64(this.pos + 8, true);
        const step = this.view.getFloat64(this.pos + 16, true);
        this.pos += 24;
        return new Range(start, stop, step);
      }
      case Tag.Exception: {
        const module = this.str();
        const name = this.str();
        const args = this.value() as unknown[];
        const tb = this.str();
        const fields = this.value() as Map<string, unknown>;
        const cls = exceptionClasses.get(name) ?? (exportedValue(module, name) as (new (...a: unknown[]) => BaseException) | undefined) ?? remoteClass(name);
        // Rebuild without running the class's own constructor (its parameters may differ), as unpickling does.
        const e = Reflect.construct(BaseException, args, cls) as BaseException;
        e.args = args;
        for (const [k, v] of fields) (e as unknown as Record<string, unknown>)[k] = v;
        e.__remote_traceback__ = tb;
        return e;
      }
      case Tag.NamedTuple: {
        const module = this.str();
        const name = this.str();
        const items = this.value() as unknown[];
        const type = exportedValue(module, name) as { _make(items: Iterable<unknown>): unknown } | undefined;
        if (!type) throw new RuntimeError(`Can't get attribute '${name}' on <module '${module}'>`);
        return type._make(items);
      }
      case Tag.Instance: {
        const module = this.str();
        const name = this.str();
        const fields = this.value() as Map<string, unknown>;
        const cls = exportedValue(module, name) as { prototype: object } | undefined;
        if (!cls) throw new RuntimeError(`Can't get attribute '${name}' on <module '${module}'>`);
        const o = Object.create(cls.prototype) as Record<string, unknown>;
        for (const [k, v] of fields) o[k] = v;
        return o;
      }
      case Tag.Partial: {
        const func = this.value() as (...a: unknown[]) => unknown;
        const args = this.value() as unknown[];
        return makePartial(func, args, this.value() as Map<string, unknown> | null);
      }
      case Tag.Function: {
        const module = this.str();
        const name = this.str();
        const fn = exportedValue(module, name);
        if (typeof fn !== "function") throw new RuntimeError(`Can't get attribute '${name}' on <module '${module}'>`);
        return fn;
      }
      case Tag.Uncrossable: {
        const name = this.str();
        return uncrossableProxy(name, this.str());
      }
      case Tag.Encoded: {
        const buffer = this.buffers![this.u32()]!;
        const id = this.u32();
        const value = decodedBefore.has(id) ? decodedBefore.get(id) : new Reader(new Uint8Array(buffer), null).value();
        decodedNow?.set(id, value);
        return value;
      }
      case Tag.Shared: {
        const kind = this.str();
        const n = this.u32();
        const bufs: SharedArrayBuffer[] = [];
        for (let i = 0; i < n; i++) bufs.push(this.buffers![this.u32()]!);
        const meta = this.value() as unknown[];
        return rebuildShared({ kind, buffers: bufs, meta } satisfies SharedHandle);
      }
      default:
        throw new RuntimeError(`py2ts-mp: corrupt message (tag ${tag as number})`);
    }
  }
}

const remoteClasses = new Map<string, new (...a: unknown[]) => BaseException>();

/** An exception of a class the receiving side does not know: a stand-in class with the same name. */
function remoteClass(name: string): new (...a: unknown[]) => BaseException {
  let c = remoteClasses.get(name);
  if (!c) remoteClasses.set(name, (c = { [name]: class extends BaseException {} }[name]!));
  return c;
}

/** Serialize a value for a Queue message or a Pool task: shared objects are refused, as pickle refuses them. */
export function dumps(x: unknown): Uint8Array {
  const w = new Writer(null);
  w.value(x);
  return w.buf.subarray(0, w.pos);
}

const scratch = new Writer(null);

/**
 * dumps() into a buffer reused by the next call: for a Queue's put, which copies the bytes into shared
 * memory at once (one allocation less per message, the hot path of a queue).
 */
export function dumpsScratch(x: unknown): Uint8Array {
  if (typeof x === "number" && (x | 0) === x && !Object.is(x, -0)) {
    const b = scratch.buf;
    b[0] = Tag.Int32;
    b[1] = x & 0xff;
    b[2] = (x >> 8) & 0xff;
    b[3] = (x >> 16) & 0xff;
    b[4] = (x >> 24) & 0xff;
    return b.subarray(0, 5);
  }
  scratch.pos = 0;
  scratch.value(x);
  return scratch.buf.subarray(0, scratch.pos);
}

export function loads(b: Uint8Array): unknown {
  // Fast path: a small int, the commonest message.
  if (b.length === 5 && b[0] === Tag.Int32) return (b[1]! | (b[2]! << 8) | (b[3]! << 16) | (b[4]! << 24)) | 0;
  return new Reader(b, null).value();
}

/** Serialize what a worker inherits at its start: shared objects travel as handles. */
export function dumpsInherited(x: unknown): { bytes: Uint8Array; buffers: SharedArrayBuffer[] } {
  const buffers: SharedArrayBuffer[] = [];
  const w = new Writer(buffers);
  w.value(x);
  // In shared memory, so handing it to the worker copies nothing more.
  const bytes = new Uint8Array(new SharedArrayBuffer(w.pos));
  bytes.set(w.buf.subarray(0, w.pos));
  return { bytes, buffers };
}

/** A value with no shared objects in it, serialized once into its own shared memory (see Encoded). */
export function encodeShared(x: unknown): Encoded {
  if (typeof x === "string") {
    // The common large global: written straight into memory of its exact size, not copied there.
    const n = Buffer.byteLength(x, "utf8");
    const buffer = new SharedArrayBuffer(5 + n);
    const bytes = Buffer.from(buffer);
    bytes[0] = Tag.Str;
    bytes.writeUInt32LE(n, 1);
    bytes.write(x, 5, n, "utf8");
    return new Encoded(buffer);
  }
  const w = new Writer(null);
  w.value(x);
  const buffer = new SharedArrayBuffer(w.pos);
  new Uint8Array(buffer).set(w.buf.subarray(0, w.pos));
  return new Encoded(buffer);
}

/**
 * In a worker, the Encoded values of the snapshot it started from, by id: a warm worker reused for the
 * next start is usually sent the same encodings again, and an immutable value decodes to the same value.
 * Only the last snapshot's are kept, so a global rebound since is not held on to.
 */
let decodedBefore = new Map<number, unknown>();
let decodedNow: Map<number, unknown> | null = null;

/** loadsInherited for a fork snapshot of the parent's globals, reusing the values decoded at the last start. */
export function loadsSnapshot(p: { bytes: Uint8Array; buffers: readonly SharedArrayBuffer[] }): unknown {
  decodedNow = new Map();
  try {
    return loadsInherited(p);
  } finally {
    decodedBefore = decodedNow;
    decodedNow = null;
  }
}

export function loadsInherited(p: { bytes: Uint8Array; buffers: readonly SharedArrayBuffer[] }): unknown {
  return new Reader(p.bytes, p.buffers).value();
}
