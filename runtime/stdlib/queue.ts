// queue: the thread-level queues (threads run on workers, so they are shared-memory queues, with
// task_done/join as Python's queue.Queue has them) and the Empty/Full exceptions. LifoQueue and
// PriorityQueue keep the base queue's locking and blocking and store their messages their own way:
// a stack, and a binary heap ordered as CPython's heapq orders it (Python's `<`, tuples element-wise).

import { ValueError } from "../builtins/exceptions.js";
import { compare } from "../builtins/functions.js";
import { registerShared, type SharedHandle } from "../multiprocessing/handles.js";
import { JoinableQueue } from "../multiprocessing/queues.js";
import { loads } from "../multiprocessing/serialize.js";
import { QUEUE } from "../multiprocessing/shm.js";

export { SimpleQueue } from "../multiprocessing/queues.js";
export { Empty, Full } from "../multiprocessing/queue-errors.js";

const { TAIL, USED, CAP } = QUEUE;

export class Queue<T = unknown> extends JoinableQueue<T> {
  override __shared__(): SharedHandle {
    return { ...super.__shared__(), kind: "queue.Queue" };
  }
  override __repr__(): string {
    return "<queue.Queue object>";
  }
}

/** Last in, first out: messages are stacked in the buffer, each followed by its length. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override write(bytes: Uint8Array): void {
    const h = this.h;
    const need = bytes.length + 4;
    if (h[USED]! + need > h[CAP]!) this.grow(h[USED]! + need);
    const top = h[TAIL]!;
    this.data.set(bytes, top);
    new DataView(this.sab).setUint32(this.data.byteOffset + top + bytes.length, bytes.length, true);
    h[TAIL] = top + need;
    h[USED]! += need;
  }

  protected override read(): Uint8Array {
    const h = this.h;
    const end = h[TAIL]! - 4;
    const n = new DataView(this.sab).getUint32(this.data.byteOffset + end, true);
    const out = this.data.slice(end - n, end);
    h[TAIL] = end - n;
    h[USED]! -= n + 4;
    return out;
  }

  override __shared__(): SharedHandle {
    return { ...super.__shared__(), kind: "queue.LifoQueue" };
  }
  override __repr__(): string {
    return "<queue.LifoQueue object>";
  }
}

type GrowableSAB = SharedArrayBuffer & { grow(n: number): void };
const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => GrowableSAB;
const MAX_INDEX_BYTES = 1 << 28;

/**
 * Lowest first, as heapq pops: the messages lie in the buffer in arrival order (the space of those taken
 * is reclaimed when the buffer fills), and a heap of (offset, length) entries in a second shared buffer
 * orders them. Entries compare by their deserialized values, with heapq's algorithm step for step, so
 * that items that compare equal come out in the order CPython gives them. An item that cannot be compared
 * raises TypeError from put() and is not queued (CPython's heap keeps it).
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  private readonly indexSab: GrowableSAB;
  /** [0] entries, then (offset, length) pairs in heap order; a length-tracking view. */
  private readonly index: Int32Array;

  constructor(maxsize = 0, shared?: SharedArrayBuffer, sharedIndex?: SharedArrayBuffer) {
    super(maxsize, shared);
    this.indexSab = (sharedIndex as GrowableSAB | undefined) ?? new GrowableSharedArrayBuffer(4 + 8 * 64, { maxByteLength: MAX_INDEX_BYTES });
    this.index = new Int32Array(this.indexSab);
  }

  private offset(i: number): number {
    return this.index[1 + 2 * i]!;
  }

  private length(i: number): number {
    return this.index[2 + 2 * i]!;
  }

  private item(i: number): unknown {
    return loads(this.data.subarray(this.offset(i), this.offset(i) + this.length(i)));
  }

  private setEntry(i: number, offset: number, length: number): void {
    this.index[1 + 2 * i] = offset;
    this.index[2 + 2 * i] = length;
  }

  /**
   * heapq._siftdown for a value entering at pos: the position it rises to. Only compares, so that a
   * TypeError from `<` leaves the heap as it was.
   */
  private riseFrom(value: unknown, pos: number): number {
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!(compare(value, this.item(parent)) < 0)) break;
      pos = parent;
    }
    return pos;
  }

  protected override write(bytes: Uint8Array): void {
    const h = this.h;
    const n = this.index[0]!;
    const target = this.riseFrom(loads(bytes), n);
    if (h[TAIL]! + bytes.length > h[CAP]!) {
      this.compact();
      if (h[TAIL]! + bytes.length > h[CAP]!) this.grow(h[TAIL]! + bytes.length);
    }
    if (8 + 8 * n >= this.indexSab.byteLength) {
      if (this.indexSab.byteLength * 2 > MAX_INDEX_BYTES) throw new ValueError("py2ts-mp: priority queue index exceeds 256 MiB");
      this.indexSab.grow(this.indexSab.byteLength * 2);
    }
    this.data.set(bytes, h[TAIL]!);
    // The parents on the way up move down one level each.
    let pos = n;
    while (pos > target) {
      const parent = (pos - 1) >> 1;
      this.setEntry(pos, this.offset(parent), this.length(parent));
      pos = parent;
    }
    this.setEntry(target, h[TAIL]!, bytes.length);
    this.index[0] = n + 1;
    h[TAIL]! += bytes.length;
    h[USED]! += bytes.length;
  }

  /**
   * heappop: the root leaves, the last entry takes its place and heapq._siftup moves it: the smaller
   * child rises along a path to a leaf, then the entry sifts back up that path. Positions are worked
   * out first and applied after, so that a TypeError from `<` leaves the heap as it was.
   */
  protected override read(): Uint8Array {
    const n = this.index[0]! - 1;
    const out = this.data.slice(this.offset(0), this.offset(0) + this.length(0));
    if (n > 0) {
      const path = [0];
      for (let child = 1; child < n; child = 2 * path.at(-1)! + 1) {
        if (child + 1 < n && !(compare(this.item(child), this.item(child + 1)) < 0)) child++;
        path.push(child);
      }
      const last = this.item(n);
      let k = path.length - 1;
      while (k > 0 && compare(last, this.item(path[k]!)) < 0) k--;
      const [lastOffset, lastLength] = [this.offset(n), this.length(n)];
      for (let i = 0; i < k; i++) this.setEntry(path[i]!, this.offset(path[i + 1]!), this.length(path[i + 1]!));
      this.setEntry(path[k]!, lastOffset, lastLength);
    }
    this.index[0] = n;
    this.h[USED]! -= out.length;
    if (n === 0) this.h[TAIL] = 0;
    return out;
  }

  /** Move the messages still queued to the front of the buffer, reclaiming the space of those taken. */
  private compact(): void {
    const n = this.index[0]!;
    const live = new Uint8Array(this.h[USED]!);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const off = this.index[1 + 2 * i]!;
      const len = this.index[2 + 2 * i]!;
      live.set(this.data.subarray(off, off + len), at);
      this.index[1 + 2 * i] = at;
      at += len;
    }
    this.data.set(live, 0);
    this.h[TAIL] = at;
  }

  override __shared__(): SharedHandle {
    const base = super.__shared__();
    return { ...base, kind: "queue.PriorityQueue", buffers: [...base.buffers, this.indexSab] };
  }
  override __repr__(): string {
    return "<queue.PriorityQueue object>";
  }
}

registerShared("queue.Queue", (h) => new Queue(0, h.buffers[0]));
registerShared("queue.LifoQueue", (h) => new LifoQueue(0, h.buffers[0]));
registerShared("queue.PriorityQueue", (h) => new PriorityQueue(0, h.buffers[0], h.buffers[1]));
