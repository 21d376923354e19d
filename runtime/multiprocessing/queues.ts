// multiprocessing.queues: Queue, JoinableQueue, SimpleQueue — a ring buffer of serialized messages in a
// growable SharedArrayBuffer. An unbounded put never blocks (the buffer grows under the lock, where
// CPython's feeder thread would buffer); get blocks with Atomics.wait until a message arrives.

import { ValueError } from "../builtins/exceptions.js";
import { Empty, Full } from "./queue-errors.js";
import { dumps, loads } from "./serialize.js";
import { deadlineFor, mutexLock, mutexUnlock, remaining } from "./shm.js";
import { registerShared, type SharedHandle } from "./handles.js";

// Header cells (Int32): the lock, item count, read/write offsets, bytes used, capacity, wake-up sequences.
const LOCK = 0;
const COUNT = 1;
const HEAD = 2;
const TAIL = 3;
const USED = 4;
const CAP = 5;
const PUT_SEQ = 6;
const GET_SEQ = 7;
const MAXSIZE = 8;
const UNFINISHED = 9;
const DONE_SEQ = 10;
const CLOSED = 11;
const HEADER_BYTES = 64;
const INITIAL = 64 * 1024;
const MAX_BYTES = 1 << 30;

export class Queue<T = unknown> {
  protected readonly sab: SharedArrayBuffer;
  protected readonly h: Int32Array;
  /** Length-tracking view: follows the buffer as it grows. */
  protected readonly data: Uint8Array;

  constructor(maxsize = 0, shared?: SharedArrayBuffer) {
    if (shared) this.sab = shared;
    else {
      this.sab = new (SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer)(HEADER_BYTES + INITIAL, { maxByteLength: MAX_BYTES });
    }
    this.h = new Int32Array(this.sab, 0, HEADER_BYTES / 4);
    this.data = new Uint8Array(this.sab, HEADER_BYTES);
    if (!shared) {
      this.h[CAP] = INITIAL;
      this.h[MAXSIZE] = maxsize > 0 ? maxsize : 0;
    }
  }

  put(obj: T, block = true, timeout: number | null = null): void {
    if (Atomics.load(this.h, CLOSED)) throw new ValueError(`Queue ${this.constructor.name} is closed`);
    const bytes = dumps(obj);
    const h = this.h;
    const deadline = deadlineFor(timeout);
    mutexLock(h, LOCK);
    const max = h[MAXSIZE]!;
    while (max > 0 && h[COUNT]! >= max) {
      const seq = Atomics.load(h, GET_SEQ);
      mutexUnlock(h, LOCK);
      const ms = remaining(deadline);
      if (!block || (ms !== undefined && ms <= 0)) throw new Full();
      Atomics.wait(h, GET_SEQ, seq, ms ?? Infinity);
      mutexLock(h, LOCK);
    }
    this.write(bytes);
    h[COUNT]!++;
    if (this instanceof JoinableQueue) h[UNFINISHED]!++;
    Atomics.add(h, PUT_SEQ, 1);
    mutexUnlock(h, LOCK);
    Atomics.notify(h, PUT_SEQ);
  }

  get(block = true, timeout: number | null = null): T {
    const h = this.h;
    const deadline = deadlineFor(timeout);
    mutexLock(h, LOCK);
    while (h[COUNT] === 0) {
      const seq = Atomics.load(h, PUT_SEQ);
      mutexUnlock(h, LOCK);
      const ms = remaining(deadline);
      if (!block || (ms !== undefined && ms <= 0)) throw new Empty();
      Atomics.wait(h, PUT_SEQ, seq, ms ?? Infinity);
      mutexLock(h, LOCK);
    }
    const bytes = this.read();
    h[COUNT]!--;
    Atomics.add(h, GET_SEQ, 1);
    mutexUnlock(h, LOCK);
    if (h[MAXSIZE]) Atomics.notify(h, GET_SEQ);
    return loads(bytes) as T;
  }

  put_nowait(obj: T): void {
    this.put(obj, false);
  }

  get_nowait(): T {
    return this.get(false);
  }

  qsize(): number {
    return Atomics.load(this.h, COUNT);
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  full(): boolean {
    const max = this.h[MAXSIZE]!;
    return max > 0 && this.qsize() >= max;
  }

  close(): void {
    Atomics.store(this.h, CLOSED, 1);
  }

  join_thread(): void {}

  cancel_join_thread(): void {}

  /** Write a length-prefixed message at the tail, growing (and unwrapping) the ring when it is full. */
  private write(bytes: Uint8Array): void {
    const h = this.h;
    const need = 4 + bytes.length;
    if (h[USED]! + need > h[CAP]!) this.grow(h[USED]! + need);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length, true);
    this.copyIn(len);
    this.copyIn(bytes);
    h[USED]! += need;
  }

  private copyIn(src: Uint8Array): void {
    const h = this.h;
    const cap = h[CAP]!;
    const tail = h[TAIL]!;
    const first = Math.min(src.length, cap - tail);
    this.data.set(src.subarray(0, first), tail);
    if (first < src.length) this.data.set(src.subarray(first), 0);
    h[TAIL] = (tail + src.length) % cap;
  }

  private copyOut(n: number): Uint8Array {
    const h = this.h;
    const cap = h[CAP]!;
    const head = h[HEAD]!;
    const out = new Uint8Array(n);
    const first = Math.min(n, cap - head);
    out.set(this.data.subarray(head, head + first));
    if (first < n) out.set(this.data.subarray(0, n - first), first);
    h[HEAD] = (head + n) % cap;
    return out;
  }

  private read(): Uint8Array {
    const lenBytes = this.copyOut(4);
    const n = new DataView(lenBytes.buffer).getUint32(0, true);
    const out = this.copyOut(n);
    this.h[USED]! -= 4 + n;
    return out;
  }

  private grow(needed: number): void {
    const h = this.h;
    const cap = h[CAP]!;
    let next = cap * 2;
    while (next < needed) next *= 2;
    if (HEADER_BYTES + next > MAX_BYTES) throw new ValueError("py2ts-mp: queue buffer exceeds 1 GiB");
    (this.sab as unknown as { grow(n: number): void }).grow(HEADER_BYTES + next);
    // A wrapped ring ([head, cap) then [0, tail)) is made contiguous by moving [0, tail) after cap.
    const head = h[HEAD]!;
    const tail = h[TAIL]!;
    if (h[USED]! > 0 && tail <= head) {
      this.data.copyWithin(cap, 0, tail);
      h[TAIL] = cap + tail;
    } else if (h[USED] === 0) {
      h[HEAD] = 0;
      h[TAIL] = 0;
    }
    h[CAP] = next;
  }

  __shared__(): SharedHandle {
    return { kind: this.constructor.name, buffers: [this.sab], meta: [] };
  }

  __repr__(): string {
    return `<multiprocessing.queues.${this.constructor.name} object>`;
  }
}

export class JoinableQueue<T = unknown> extends Queue<T> {
  task_done(): void {
    const h = this.h;
    mutexLock(h, LOCK);
    if (h[UNFINISHED]! <= 0) {
      mutexUnlock(h, LOCK);
      throw new ValueError("task_done() called too many times");
    }
    if (--h[UNFINISHED]! === 0) {
      Atomics.add(h, DONE_SEQ, 1);
      Atomics.notify(h, DONE_SEQ);
    }
    mutexUnlock(h, LOCK);
  }

  join(): void {
    const h = this.h;
    for (;;) {
      const seq = Atomics.load(h, DONE_SEQ);
      if (Atomics.load(h, UNFINISHED) === 0) return;
      Atomics.wait(h, DONE_SEQ, seq);
    }
  }
}

export class SimpleQueue<T = unknown> extends Queue<T> {
  constructor(shared?: SharedArrayBuffer) {
    super(0, shared);
  }
}

registerShared("Queue", (h) => new Queue(0, h.buffers[0]));
registerShared("JoinableQueue", (h) => new JoinableQueue(0, h.buffers[0]));
registerShared("SimpleQueue", (h) => new SimpleQueue(h.buffers[0]));
