// multiprocessing.queues: Queue, JoinableQueue, SimpleQueue — a ring buffer of serialized messages in a
// growable SharedArrayBuffer. An unbounded put never blocks (the buffer grows under the lock, where
// CPython's feeder thread would buffer); get blocks with Atomics.wait until a message arrives.
//
// Speed: a message costs one uncontended lock round trip and two copies; a getter spins briefly before
// sleeping, and a putter calls Atomics.notify only when someone sleeps (futex syscalls dominate otherwise).

import { ValueError } from "../builtins/exceptions.js";
import { Empty, Full } from "./queue-errors.js";
import { dumpsScratch, loads } from "./serialize.js";
import { QUEUE, deadlineFor, mutexLock, mutexUnlock, remaining, spinUntil } from "./shm.js";
import { registerShared, type SharedHandle } from "./handles.js";

const { LOCK, COUNT, HEAD, TAIL, USED, CAP, PUT_SEQ, GET_SEQ, MAXSIZE, UNFINISHED, DONE_SEQ, CLOSED, GETTERS, PUTTERS } = QUEUE;
const HEADER_BYTES = QUEUE.HEADER_BYTES;
const INITIAL = 64 * 1024;
const MAX_BYTES = 1 << 30;

type GrowableSAB = SharedArrayBuffer & { grow(n: number): void };
const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => GrowableSAB;

export class Queue<T = unknown> {
  protected readonly sab: GrowableSAB;
  protected readonly h: Int32Array;
  /** Length-tracking view: follows the buffer as it grows (in every thread). */
  protected readonly data: Uint8Array;
  private readonly joinable: boolean;

  constructor(maxsize = 0, shared?: SharedArrayBuffer) {
    this.sab = (shared as GrowableSAB | undefined) ?? new GrowableSharedArrayBuffer(HEADER_BYTES + INITIAL, { maxByteLength: MAX_BYTES });
    this.h = new Int32Array(this.sab, 0, HEADER_BYTES / 4);
    this.data = new Uint8Array(this.sab, HEADER_BYTES);
    this.joinable = this instanceof JoinableQueue;
    if (!shared) {
      this.h[CAP] = INITIAL;
      this.h[MAXSIZE] = maxsize > 0 ? maxsize : 0;
    }
  }

  put(obj: T, block = true, timeout: number | null = null): void {
    if (Atomics.load(this.h, CLOSED)) throw new ValueError(`Queue ${this.__repr__()} is closed`);
    // Serialized outside the lock into a reused scratch buffer (copied into the ring under the lock).
    this.putBytes(dumpsScratch(obj), block, timeout);
  }

  /** put() of a message serialized elsewhere (a result that arrives from a worker node, already encoded). */
  putBytes(bytes: Uint8Array, block = true, timeout: number | null = null): void {
    const h = this.h;
    if (Atomics.load(h, CLOSED)) throw new ValueError(`Queue ${this.__repr__()} is closed`);
    mutexLock(h, LOCK);
    const max = h[MAXSIZE]!;
    if (max > 0 && h[COUNT]! >= max) this.waitForRoom(max, block, deadlineFor(timeout));
    try {
      this.write(bytes);
    } catch (e) {
      // A full 1 GiB buffer, or a PriorityQueue item that cannot be compared: the queue is unchanged.
      mutexUnlock(h, LOCK);
      throw e;
    }
    h[COUNT]!++;
    if (this.joinable) h[UNFINISHED]!++;
    Atomics.add(h, PUT_SEQ, 1);
    mutexUnlock(h, LOCK);
    // One message needs one getter: waking them all would stampede the lock.
    if (Atomics.load(h, GETTERS) > 0) Atomics.notify(h, PUT_SEQ, 1);
  }

  /** Called with the lock held and the queue full; returns with the lock held and room for one message. */
  private waitForRoom(max: number, block: boolean, deadline: number | undefined): void {
    const h = this.h;
    while (h[COUNT]! >= max) {
      const seq = Atomics.load(h, GET_SEQ);
      mutexUnlock(h, LOCK);
      const ms = remaining(deadline);
      if (!block || (ms !== undefined && ms <= 0)) throw new Full();
      Atomics.add(h, PUTTERS, 1);
      Atomics.wait(h, GET_SEQ, seq, ms ?? Infinity);
      Atomics.sub(h, PUTTERS, 1);
      mutexLock(h, LOCK);
    }
  }

  get(block = true, timeout: number | null = null): T {
    const h = this.h;
    let deadline: number | undefined;
    for (;;) {
      const seq = Atomics.load(h, PUT_SEQ);
      if (Atomics.load(h, COUNT) > 0) {
        mutexLock(h, LOCK);
        if (h[COUNT]! > 0) break;
        mutexUnlock(h, LOCK);
        continue;
      }
      if (!block) throw new Empty();
      // A message usually follows soon when a producer is running: spin before paying for a futex sleep.
      if (spinUntil(h, PUT_SEQ, seq)) continue;
      if (timeout !== null && deadline === undefined) deadline = deadlineFor(timeout);
      const ms = remaining(deadline);
      if (ms !== undefined && ms <= 0) throw new Empty();
      Atomics.add(h, GETTERS, 1);
      Atomics.wait(h, PUT_SEQ, seq, ms ?? Infinity);
      Atomics.sub(h, GETTERS, 1);
    }
    let bytes: Uint8Array;
    try {
      bytes = this.read();
    } catch (e) {
      // A PriorityQueue whose items cannot be compared: the queue is unchanged.
      mutexUnlock(h, LOCK);
      throw e;
    }
    h[COUNT]!--;
    Atomics.add(h, GET_SEQ, 1);
    mutexUnlock(h, LOCK);
    if (Atomics.load(h, PUTTERS) > 0) Atomics.notify(h, GET_SEQ);
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

  /** This process will put no more data (CPython: closes the writing end). Messages already put stay readable. */
  close(): void {
    Atomics.store(this.h, CLOSED, 1);
  }

  /** Nothing to wait for: a put is in shared memory when it returns (CPython waits for its feeder thread). */
  join_thread(): void {}

  cancel_join_thread(): void {}

  /**
   * Write a length-prefixed message at the tail, growing (and unwrapping) the ring when it is full.
   * write and read are called with the lock held; queue.LifoQueue and PriorityQueue store messages their own way.
   */
  protected write(bytes: Uint8Array): void {
    const h = this.h;
    const need = 4 + bytes.length;
    if (h[USED]! + need > h[CAP]!) this.grow(h[USED]! + need);
    const cap = h[CAP]!;
    const data = this.data;
    let t = h[TAIL]!;
    const n = bytes.length;
    data[t] = n & 0xff;
    t = t + 1 === cap ? 0 : t + 1;
    data[t] = (n >>> 8) & 0xff;
    t = t + 1 === cap ? 0 : t + 1;
    data[t] = (n >>> 16) & 0xff;
    t = t + 1 === cap ? 0 : t + 1;
    data[t] = n >>> 24;
    t = t + 1 === cap ? 0 : t + 1;
    const first = Math.min(n, cap - t);
    if (n <= 16) {
      for (let i = 0; i < first; i++) data[t + i] = bytes[i]!;
      for (let i = first; i < n; i++) data[i - first] = bytes[i]!;
    } else {
      data.set(first === n ? bytes : bytes.subarray(0, first), t);
      if (first < n) data.set(bytes.subarray(first), 0);
    }
    t += n;
    h[TAIL] = t >= cap ? t - cap : t;
    h[USED]! += need;
  }

  protected read(): Uint8Array {
    const h = this.h;
    const cap = h[CAP]!;
    const data = this.data;
    let p = h[HEAD]!;
    let n = data[p]!;
    p = p + 1 === cap ? 0 : p + 1;
    n |= data[p]! << 8;
    p = p + 1 === cap ? 0 : p + 1;
    n |= data[p]! << 16;
    p = p + 1 === cap ? 0 : p + 1;
    n = (n | (data[p]! << 24)) >>> 0;
    p = p + 1 === cap ? 0 : p + 1;
    const out = new Uint8Array(n);
    const first = Math.min(n, cap - p);
    if (n <= 16) {
      for (let i = 0; i < first; i++) out[i] = data[p + i]!;
      for (let i = first; i < n; i++) out[i] = data[i - first]!;
    } else {
      out.set(data.subarray(p, p + first));
      if (first < n) out.set(data.subarray(0, n - first), first);
    }
    p += n;
    h[HEAD] = p >= cap ? p - cap : p;
    h[USED]! -= 4 + n;
    return out;
  }

  protected grow(needed: number): void {
    const h = this.h;
    const cap = h[CAP]!;
    let next = cap * 2;
    while (next < needed) next *= 2;
    if (HEADER_BYTES + next > MAX_BYTES) throw new ValueError("py2ts-mp: queue buffer exceeds 1 GiB");
    this.sab.grow(HEADER_BYTES + next);
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
  override get(): T {
    return super.get(true, null);
  }
  override put(obj: T): void {
    super.put(obj, true, null);
  }
}

registerShared("Queue", (h) => new Queue(0, h.buffers[0]));
registerShared("JoinableQueue", (h) => new JoinableQueue(0, h.buffers[0]));
registerShared("SimpleQueue", (h) => new SimpleQueue(h.buffers[0]));
