// pickle: CPython's pickle format for the built-in types (None, bool, int of any size, float, str, bytes,
// tuple, list, dict, set, frozenset), written byte for byte as CPython's C pickler writes them at protocols
// 2–5 (framing, memo, batching), and read back from any protocol.
// Two limits of the value model: an integral float is a plain number, so dumps takes the converter's type
// descriptor of `obj` (as print does) to write 2.0 as a float — a value typed `int | float` is written as it
// looks; and strings and bytes have no identity here, so equal ones share one memo entry, as CPython's
// literals (one constant object per code object) do.

import { EOFError, Exception, TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { norm, typeName } from "../builtins/int.js";
import { descFor, parseDesc, type Desc } from "../builtins/repr.js";
import { asTuple, isTuple } from "../builtins/tuple.js";
import { mapSet } from "../builtins/functions.js";
import { decode, encode, latin1 } from "../builtins/bytes.js";

export class PickleError extends Exception {
  static readonly __module__ = "_pickle";
}
export class PicklingError extends PickleError {}
export class UnpicklingError extends PickleError {}
for (const cls of [PickleError, PicklingError, UnpicklingError]) registerException(cls as unknown as new (...args: unknown[]) => PickleError);

export const HIGHEST_PROTOCOL = 5;
export const DEFAULT_PROTOCOL = 4;

const FRAME_TARGET = 64 * 1024;
const BATCH = 1000;
const OTHER: Desc = { k: "other" };

/** A frozenset at run time: a Set marked frozen (as repr knows it). */
const isFrozen = (s: Set<unknown>) => (s as { frozen?: boolean }).frozen === true;

/** The encode function and bytes/set/frozenset classes that protocols 2–3 reduce through: memoized like objects. */
const CODECS_ENCODE = Symbol("_codecs.encode");

class Pickler {
  private out: number[] = [];
  private frameStart = -1;
  private readonly framing: boolean;
  private readonly memo = new Map<unknown, number>();
  /** Bytes are memoized by value, like strings: one token per distinct content. */
  private readonly bytesTokens = new Map<string, object>();

  constructor(private readonly proto: number) {
    this.framing = proto >= 4;
  }

  dump(x: unknown, d: Desc): Uint8Array {
    this.out.push(0x80, this.proto);
    this.save(x, d);
    this.write([0x2e]); // STOP
    this.commitFrame();
    return new Uint8Array(this.out);
  }

  private write(bytes: ArrayLike<number>): void {
    if (this.framing && this.frameStart < 0) {
      this.frameStart = this.out.length;
      for (let i = 0; i < 9; i++) this.out.push(0);
    }
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i]!);
  }

  /** A frame shorter than 4 bytes is not worth its header: CPython drops the header then. */
  private commitFrame(): void {
    if (this.frameStart < 0) return;
    const len = this.out.length - this.frameStart - 9;
    if (len >= 4) {
      this.out[this.frameStart] = 0x95;
      for (let i = 0; i < 8; i++) this.out[this.frameStart + 1 + i] = Math.floor(len / 256 ** i) % 256;
    } else this.out.splice(this.frameStart, 9);
    this.frameStart = -1;
  }

  private opcodeBoundary(): void {
    if (this.framing && this.frameStart >= 0 && this.out.length - this.frameStart - 9 >= FRAME_TARGET) this.commitFrame();
  }

  /** A header then a payload; a payload of 64 KiB or more goes outside any frame. */
  private writeData(header: number[], data: Uint8Array): void {
    if (this.framing && data.length >= FRAME_TARGET) {
      this.commitFrame();
      for (const b of header) this.out.push(b);
      for (const b of data) this.out.push(b);
      return;
    }
    this.write(header);
    this.write(data);
  }

  private memoize(key: unknown): void {
    const idx = this.memo.size;
    this.memo.set(key, idx);
    if (this.proto >= 4) this.write([0x94]); // MEMOIZE
    else if (idx < 256) this.write([0x71, idx]); // BINPUT
    else this.write([0x72, ...le(idx, 4)]); // LONG_BINPUT
  }

  private memoGet(key: unknown): boolean {
    const idx = this.memo.get(key);
    if (idx === undefined) return false;
    if (idx < 256) this.write([0x68, idx]); // BINGET
    else this.write([0x6a, ...le(idx, 4)]); // LONG_BINGET
    return true;
  }

  private save(x: unknown, d: Desc): void {
    this.saveOne(x, descFor(d, x));
    this.opcodeBoundary();
  }

  private saveOne(x: unknown, d: Desc): void {
    if (x === null || x === undefined) return this.write([0x4e]); // NONE
    if (typeof x === "boolean") return this.write([x ? 0x88 : 0x89]); // NEWTRUE / NEWFALSE
    if (typeof x === "number" && (d.k === "float" || !Number.isInteger(x))) {
      const b = new Uint8Array(9);
      b[0] = 0x47; // BINFLOAT
      new DataView(b.buffer).setFloat64(1, x, false);
      return this.write(b);
    }
    if (typeof x === "number" || typeof x === "bigint") return this.saveInt(BigInt(x));
    if (typeof x === "string") return this.saveStr(x, true);
    if (x instanceof Uint8Array) return this.saveBytes(x);
    if (Array.isArray(x)) return isTuple(x) ? this.saveTuple(x, d) : this.saveList(x, d);
    if (x instanceof Map) return this.saveDict(x, d);
    if (x instanceof Set) return isFrozen(x) ? this.saveFrozenset(x, d) : this.saveSet(x, d);
    throw new TypeError(`cannot pickle '${typeName(x)}' object`);
  }

  private saveInt(n: bigint): void {
    if (n >= 0n && n <= 0xffn) return this.write([0x4b, Number(n)]); // BININT1
    if (n >= 0n && n <= 0xffffn) return this.write([0x4d, ...le(Number(n), 2)]); // BININT2
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return this.write([0x4a, ...le(Number(BigInt.asUintN(32, n)), 4)]); // BININT
    // LONG1/LONG4: little-endian two's complement in the fewest bytes that keep the sign.
    const abs = n < 0n ? -n : n;
    let nbytes = Math.floor(abs.toString(2).length / 8) + 1;
    const bytes = (k: number) => Array.from({ length: k }, (_, i) => Number((BigInt.asUintN(8 * k, n) >> BigInt(8 * i)) & 0xffn));
    let data = bytes(nbytes);
    if (n < 0n && nbytes > 1 && data[nbytes - 1] === 0xff && (data[nbytes - 2]! & 0x80) !== 0) data = bytes(--nbytes);
    if (nbytes < 256) this.write([0x8a, nbytes, ...data]);
    else this.write([0x8b, ...le(nbytes, 4), ...data]);
  }

  /** `lookup`: whether an equal string already pickled is this one (a fresh string, as bytes' latin-1 text
   *  at protocol 2 is in CPython, never is). */
  private saveStr(s: string, lookup: boolean): void {
    if (lookup && this.memoGet(s)) return;
    const data = encode(s);
    if (this.proto >= 4 && data.length < 256) this.writeData([0x8c, data.length], data); // SHORT_BINUNICODE
    else if (data.length < 2 ** 32) this.writeData([0x58, ...le(data.length, 4)], data); // BINUNICODE
    else this.writeData([0x8d, ...le(data.length, 8)], data); // BINUNICODE8
    this.memoize(lookup ? s : Symbol());
  }

  private saveBytes(value: Uint8Array): void {
    const text = latin1(value);
    let b = this.bytesTokens.get(text);
    if (!b) this.bytesTokens.set(text, (b = {}));
    if (this.memoGet(b)) return;
    if (this.proto < 3) {
      // Protocol 2 has no bytes opcodes: _codecs.encode(latin-1 text, "latin1"), or bytes() when empty.
      if (value.length === 0) {
        this.saveGlobal("__builtin__", "bytes");
        this.write([0x29, 0x52]); // EMPTY_TUPLE REDUCE
      } else {
        this.saveGlobal("_codecs", "encode", CODECS_ENCODE);
        this.saveStr(text, false);
        this.saveStr("latin1", true);
        this.write([0x86]); // TUPLE2
        this.memoize(Symbol());
        this.write([0x52]); // REDUCE
      }
    } else if (value.length < 256) this.writeData([0x43, value.length], value); // SHORT_BINBYTES
    else if (value.length < 2 ** 32) this.writeData([0x42, ...le(value.length, 4)], value); // BINBYTES
    else this.writeData([0x8e, ...le(value.length, 8)], value); // BINBYTES8
    this.memoize(b);
  }

  private saveGlobal(module: string, name: string, key: unknown = `${module}.${name}`): void {
    if (this.memoGet(key)) return;
    const mod = this.proto >= 3 && module === "__builtin__" ? "builtins" : module;
    this.write([0x63, ...encode(`${mod}\n${name}\n`)]); // GLOBAL
    this.memoize(key);
  }

  private saveTuple(t: readonly unknown[], d: Desc): void {
    if (t.length === 0) return this.write([0x29]); // EMPTY_TUPLE
    if (this.memoGet(t)) return;
    const elt = (i: number) => (d.k === "tuple" ? (d.elts[i] ?? (d.elts.length === 1 ? d.elts[0]! : OTHER)) : OTHER);
    if (t.length <= 3) {
      t.forEach((v, i) => this.save(v, elt(i)));
      this.write([0x85 + t.length - 1]); // TUPLE1..3
    } else {
      this.write([0x28]); // MARK
      t.forEach((v, i) => this.save(v, elt(i)));
      this.write([0x74]); // TUPLE
    }
    this.memoize(t);
  }

  /** Items in batches of 1000 between MARK and `op`; a single item is saved with `one`. */
  private batch(items: readonly unknown[], save: (v: unknown) => void, op: number, one?: number): void {
    if (items.length === 1 && one !== undefined) {
      save(items[0]);
      this.write([one]);
      return;
    }
    for (let i = 0; i < items.length; i += BATCH) {
      this.write([0x28]); // MARK
      for (const v of items.slice(i, i + BATCH)) save(v);
      this.write([op]);
    }
  }

  private saveList(xs: readonly unknown[], d: Desc): void {
    if (this.memoGet(xs)) return;
    this.write([0x5d]); // EMPTY_LIST
    this.memoize(xs);
    const elt = d.k === "list" ? d.elt : OTHER;
    this.batch(xs, (v) => this.save(v, elt), 0x65, 0x61); // APPENDS, APPEND
  }

  private saveDict(m: Map<unknown, unknown>, d: Desc): void {
    if (this.memoGet(m)) return;
    this.write([0x7d]); // EMPTY_DICT
    this.memoize(m);
    const [kd, vd] = d.k === "dict" ? [d.key, d.value] : [OTHER, OTHER];
    const save = (e: unknown) => {
      const [k, v] = e as [unknown, unknown];
      this.save(k, kd);
      this.save(v, vd);
    };
    this.batch([...m], save, 0x75, 0x73); // SETITEMS, SETITEM
  }

  private saveSet(s: Set<unknown>, d: Desc): void {
    if (this.memoGet(s)) return;
    const elt = d.k === "set" || d.k === "frozenset" ? d.elt : OTHER;
    if (this.proto < 4) return this.reduceSet(s, "set", elt);
    this.write([0x8f]); // EMPTY_SET
    this.memoize(s);
    this.batch([...s], (v) => this.save(v, elt), 0x90); // ADDITEMS
  }

  private saveFrozenset(s: Set<unknown>, d: Desc): void {
    if (this.memoGet(s)) return;
    const elt = d.k === "set" || d.k === "frozenset" ? d.elt : OTHER;
    if (this.proto < 4) return this.reduceSet(s, "frozenset", elt);
    this.write([0x28]); // MARK
    for (const v of s) this.save(v, elt);
    this.write([0x91]); // FROZENSET
    this.memoize(s);
  }

  /** Protocols 2–3: set(list) / frozenset(list) through REDUCE. */
  private reduceSet(s: Set<unknown>, cls: string, elt: Desc): void {
    this.saveGlobal("__builtin__", cls);
    const items = [...s];
    this.write([0x5d]); // EMPTY_LIST
    this.memoize(Symbol());
    this.batch(items, (v) => this.save(v, elt), 0x65, 0x61);
    this.write([0x85]); // TUPLE1
    this.memoize(Symbol());
    this.write([0x52]); // REDUCE
    this.memoize(s);
  }
}

function le(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / 256 ** i) % 256);
}

export interface DumpsOptions {
  protocol?: number | null;
  fix_imports?: boolean;
  /** The converter's type descriptor of `obj` when it holds floats. */
  type?: string;
}

export function dumps(obj: unknown, opts: DumpsOptions = {}): Uint8Array {
  let proto = opts.protocol ?? DEFAULT_PROTOCOL;
  if (proto < 0) proto = HIGHEST_PROTOCOL;
  if (proto > HIGHEST_PROTOCOL) throw new ValueError(`pickle protocol must be <= ${HIGHEST_PROTOCOL}`);
  if (proto < 2) throw new ValueError(`pickle protocol ${proto} is not supported by py2ts-mp (protocols 2 to 5 are)`);
  return new Pickler(proto).dump(obj, opts.type ? parseDesc(opts.type) : OTHER);
}

interface Writable {
  write(b: Uint8Array): unknown;
}
interface Readable {
  read(n?: number): Uint8Array;
  readline?(): Uint8Array;
}

export function dump(obj: unknown, file: Writable, opts: DumpsOptions = {}): null {
  file.write(dumps(obj, opts));
  return null;
}

/** Where the unpickler reads from: a buffer (loads) or a file read a piece at a time (load), so that several
 *  pickles written one after another to a file load one by one. */
interface Source {
  read(n: number): Uint8Array;
  readline(): Uint8Array;
}

function bufferSource(b: Uint8Array): Source {
  let pos = 0;
  return {
    read(n) {
      const out = b.subarray(pos, pos + n);
      pos += out.length;
      return out;
    },
    readline() {
      const nl = b.indexOf(0x0a, pos);
      const end = nl < 0 ? b.length : nl + 1;
      const out = b.subarray(pos, end);
      pos = end;
      return out;
    },
  };
}

const MARK = Symbol("mark");

class Unpickler {
  private stack: unknown[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, unknown>();
  private frame: Source | null = null;

  constructor(private readonly src: Source) {}

  private read(n: number): Uint8Array {
    const from = this.frame ?? this.src;
    const b = from.read(n);
    if (b.length < n) {
      if (this.frame) throw new UnpicklingError("pickle exhausted before end of frame");
      throw new UnpicklingError("pickle data was truncated");
    }
    return b;
  }

  private readline(): string {
    const line = (this.frame ?? this.src).readline();
    if (line.length === 0 || line[line.length - 1] !== 0x0a) throw new UnpicklingError("pickle data was truncated");
    return latin1(line.subarray(0, -1));
  }

  private uint(n: number): number {
    const b = this.read(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i]!;
    return v;
  }

  private popMark(): unknown[] {
    const at = this.marks.pop();
    if (at === undefined) throw new UnpicklingError("could not find MARK");
    return this.stack.splice(at);
  }

  private top(): unknown {
    if (this.stack.length === 0) throw new UnpicklingError("unpickling stack underflow");
    return this.stack[this.stack.length - 1];
  }

  private pop(): unknown {
    if (this.stack.length === 0) throw new UnpicklingError("unpickling stack underflow");
    return this.stack.pop();
  }

  private get(idx: number): unknown {
    if (!this.memo.has(idx)) throw new UnpicklingError(`Memo value not found at index ${idx}`);
    return this.memo.get(idx);
  }

  load(): unknown {
    for (;;) {
      const first = (this.frame ?? this.src).read(1);
      if (first.length === 0) {
        if (this.frame) {
          this.frame = null;
          continue;
        }
        throw new EOFError("Ran out of input");
      }
      const op = first[0]!;
      switch (op) {
        case 0x80: { // PROTO
          const p = this.read(1)[0]!;
          if (p > HIGHEST_PROTOCOL) throw new ValueError(`unsupported pickle protocol: ${p}`);
          break;
        }
        case 0x95: { // FRAME
          const n = this.uint(8);
          this.frame = bufferSource(this.read(n).slice());
          break;
        }
        case 0x2e: // STOP
          return this.pop();
        case 0x28: // MARK
          this.marks.push(this.stack.length);
          break;
        case 0x30: this.pop(); break; // POP
        case 0x31: this.popMark(); break; // POP_MARK
        case 0x32: this.stack.push(this.top()); break; // DUP
        case 0x4e: this.stack.push(null); break; // NONE
        case 0x88: this.stack.push(true); break; // NEWTRUE
        case 0x89: this.stack.push(false); break; // NEWFALSE
        case 0x4b: this.stack.push(this.read(1)[0]!); break; // BININT1
        case 0x4d: this.stack.push(this.uint(2)); break; // BININT2
        case 0x4a: this.stack.push(new DataView(this.read(4).slice().buffer).getInt32(0, true)); break; // BININT
        case 0x8a: this.stack.push(this.long(this.read(1)[0]!)); break; // LONG1
        case 0x8b: this.stack.push(this.long(this.uint(4))); break; // LONG4
        case 0x49: { // INT (protocol 0): I01/I00 are the booleans
          const s = this.readline();
          this.stack.push(s === "01" ? true : s === "00" ? false : norm(BigInt(s)));
          break;
        }
        case 0x4c: this.stack.push(norm(BigInt(this.readline().replace(/L$/, "")))); break; // LONG
        case 0x46: this.stack.push(Number(this.readline())); break; // FLOAT
        case 0x47: this.stack.push(new DataView(this.read(8).slice().buffer).getFloat64(0, false)); break; // BINFLOAT
        case 0x8c: this.stack.push(decode(this.read(this.read(1)[0]!))); break; // SHORT_BINUNICODE
        case 0x58: this.stack.push(decode(this.read(this.uint(4)))); break; // BINUNICODE
        case 0x8d: this.stack.push(decode(this.read(this.uint(8)))); break; // BINUNICODE8
        case 0x56: this.stack.push(this.readline().replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))); break; // UNICODE
        case 0x43: this.stack.push(this.read(this.read(1)[0]!).slice()); break; // SHORT_BINBYTES
        case 0x42: this.stack.push(this.read(this.uint(4)).slice()); break; // BINBYTES
        case 0x8e: this.stack.push(this.read(this.uint(8)).slice()); break; // BINBYTES8
        case 0x55: this.stack.push(latin1(this.read(this.read(1)[0]!))); break; // SHORT_BINSTRING (Python 2 str)
        case 0x54: this.stack.push(latin1(this.read(this.uint(4)))); break; // BINSTRING
        case 0x29: this.stack.push(asTuple([])); break; // EMPTY_TUPLE
        case 0x85: case 0x86: case 0x87: { // TUPLE1..3
          const n = op - 0x84;
          if (this.stack.length < n) throw new UnpicklingError("unpickling stack underflow");
          this.stack.push(asTuple(this.stack.splice(this.stack.length - n)));
          break;
        }
        case 0x74: this.stack.push(asTuple(this.popMark())); break; // TUPLE
        case 0x5d: this.stack.push([]); break; // EMPTY_LIST
        case 0x6c: this.stack.push(this.popMark()); break; // LIST
        case 0x61: { // APPEND
          const v = this.pop();
          (this.top() as unknown[]).push(v);
          break;
        }
        case 0x65: { // APPENDS
          const items = this.popMark();
          (this.top() as unknown[]).push(...items);
          break;
        }
        case 0x7d: this.stack.push(new Map()); break; // EMPTY_DICT
        case 0x64: this.stack.push(this.setItems(new Map(), this.popMark())); break; // DICT
        case 0x73: { // SETITEM
          const v = this.pop();
          const k = this.pop();
          this.setItems(this.top() as Map<unknown, unknown>, [k, v]);
          break;
        }
        case 0x75: { // SETITEMS
          const items = this.popMark();
          this.setItems(this.top() as Map<unknown, unknown>, items);
          break;
        }
        case 0x8f: this.stack.push(new Set()); break; // EMPTY_SET
        case 0x90: { // ADDITEMS
          const items = this.popMark();
          const s = this.top() as Set<unknown>;
          for (const v of items) s.add(v);
          break;
        }
        case 0x91: this.stack.push(frozen(this.popMark())); break; // FROZENSET
        case 0x94: this.memo.set(this.memo.size, this.top()); break; // MEMOIZE
        case 0x70: this.memo.set(Number(this.readline()), this.top()); break; // PUT
        case 0x71: this.memo.set(this.read(1)[0]!, this.top()); break; // BINPUT
        case 0x72: this.memo.set(this.uint(4), this.top()); break; // LONG_BINPUT
        case 0x67: this.stack.push(this.get(Number(this.readline()))); break; // GET
        case 0x68: this.stack.push(this.get(this.read(1)[0]!)); break; // BINGET
        case 0x6a: this.stack.push(this.get(this.uint(4))); break; // LONG_BINGET
        case 0x63: this.stack.push(global(this.readline(), this.readline())); break; // GLOBAL
        case 0x93: { // STACK_GLOBAL
          const name = this.pop();
          const module = this.pop();
          this.stack.push(global(String(module), String(name)));
          break;
        }
        case 0x52: { // REDUCE
          const args = this.pop() as unknown[];
          const fn = this.pop() as (...a: unknown[]) => unknown;
          this.stack.push(fn(...args));
          break;
        }
        default:
          throw new UnpicklingError(`invalid load key, '${op < 0x20 || op > 0x7e ? `\\x${op.toString(16).padStart(2, "0")}` : String.fromCharCode(op)}'.`);
      }
    }
  }

  private long(n: number): unknown {
    const b = this.read(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return norm(n > 0 ? BigInt.asIntN(8 * n, v) : 0n);
  }

  private setItems(m: Map<unknown, unknown>, items: unknown[]): Map<unknown, unknown> {
    for (let i = 0; i + 1 < items.length; i += 2) mapSet(m, items[i], items[i + 1]);
    return m;
  }
}

function frozen(items: unknown[]): Set<unknown> {
  const s = new Set(items);
  Object.defineProperty(s, "frozen", { value: true });
  return s;
}

/** The globals a pickle of built-in values refers to; any other class cannot be rebuilt here. */
function global(module: string, name: string): (...a: unknown[]) => unknown {
  const builtin = module === "builtins" || module === "__builtin__";
  if (module === "_codecs" && name === "encode") return (s, enc) => encode(s as string, enc as string);
  if (builtin && name === "set") return (xs = []) => new Set(xs as unknown[]);
  if (builtin && name === "frozenset") return (xs = []) => frozen([...(xs as unknown[])]);
  if (builtin && name === "bytes") return (xs = []) => new Uint8Array(xs as number[]);
  if (builtin && name === "list") return (xs = []) => [...(xs as unknown[])];
  if (builtin && name === "tuple") return (xs = []) => asTuple([...(xs as unknown[])]);
  if (builtin && name === "dict") return () => new Map();
  throw new UnpicklingError(`py2ts-mp cannot unpickle ${module}.${name}: only built-in types are supported`);
}

export function loads(data: unknown): any {
  if (!(data instanceof Uint8Array)) throw new TypeError(`a bytes-like object is required, not '${typeName(data)}'`);
  return new Unpickler(bufferSource(data)).load();
}

export function load(file: Readable): any {
  const src: Source = {
    read: (n) => file.read(n),
    readline: () => {
      if (file.readline) return file.readline();
      throw new UnpicklingError("the file has no readline()");
    },
  };
  return new Unpickler(src).load();
}
