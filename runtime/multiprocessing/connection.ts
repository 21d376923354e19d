// multiprocessing.connection: Pipe(duplex) as two ends over shared queues, with send/recv/poll/close and
// EOFError once the other end is closed and nothing is left to read.

import { EOFError, OSError } from "../builtins/exceptions.js";
import { registerShared, type SharedHandle } from "./handles.js";
import { Empty } from "./queue-errors.js";
import { Queue } from "./queues.js";
import { cells } from "./shm.js";

/** How long a blocked recv() sleeps between checks that the other end is still open. */
const CLOSE_CHECK_S = 0.05;

export class Connection {
  private closedHere = false;
  /** Sent to another process (as a start argument or an inherited global): like a forked child's copy of the
   *  file descriptor, that copy keeps the end open, so closing this one does not close the end. */
  private handedOff = false;

  constructor(
    private readonly incoming: Queue | null,
    private readonly outgoing: Queue | null,
    /** [0] end 0 closed, [1] end 1 closed */
    private readonly flags: Int32Array,
    private readonly end: 0 | 1,
  ) {}

  get readable(): boolean {
    return this.incoming !== null;
  }

  get writable(): boolean {
    return this.outgoing !== null;
  }

  get closed(): boolean {
    return this.closedHere;
  }

  send(obj: unknown): void {
    if (this.closedHere) throw new OSError("handle is closed");
    if (!this.outgoing) throw new OSError("connection is read-only");
    this.outgoing.put(obj);
  }

  recv(): unknown {
    if (this.closedHere) throw new OSError("handle is closed");
    if (!this.incoming) throw new OSError("connection is write-only");
    for (;;) {
      try {
        return this.incoming.get(true, CLOSE_CHECK_S);
      } catch (e) {
        if (!(e instanceof Empty)) throw e;
        if (Atomics.load(this.flags, 1 - this.end) && this.incoming.empty()) throw new EOFError();
      }
    }
  }

  poll(timeout: number | null = 0): boolean {
    if (!this.incoming) throw new OSError("connection is write-only");
    const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
    for (;;) {
      if (!this.incoming.empty() || Atomics.load(this.flags, 1 - this.end)) return true;
      if (performance.now() >= deadline) return false;
      Atomics.wait(this.flags, 1 - this.end, 0, Math.min(5, deadline - performance.now()));
    }
  }

  close(): void {
    if (this.closedHere) return;
    this.closedHere = true;
    if (this.handedOff) return;
    Atomics.store(this.flags, this.end, 1);
    Atomics.notify(this.flags, this.end);
  }

  __enter__(): this {
    return this;
  }

  __exit__(): void {
    this.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  __shared__(): SharedHandle {
    this.handedOff = true;
    const q = (x: Queue | null) => (x ? x.__shared__().buffers[0]! : new SharedArrayBuffer(0));
    return { kind: "Connection", buffers: [q(this.incoming), q(this.outgoing), this.flags.buffer as SharedArrayBuffer], meta: [this.end, this.incoming !== null, this.outgoing !== null] };
  }
}

/** Pipe(duplex=True): two connected ends; with duplex=False the first can only recv, the second only send. */
export function Pipe(duplex = true): readonly [Connection, Connection] {
  const flags = cells(2);
  const ab = new Queue();
  if (!duplex) return Object.freeze([new Connection(ab, null, flags, 0), new Connection(null, ab, flags, 1)] as const);
  const ba = new Queue();
  return Object.freeze([new Connection(ba, ab, flags, 0), new Connection(ab, ba, flags, 1)] as const);
}

/** Ends this process received: a process that exits closes them, as its file descriptors close. */
const received: Connection[] = [];

export function closeReceivedConnections(): void {
  for (const c of received.splice(0)) c.close();
}

registerShared("Connection", (h) => {
  const [end, canRead, canWrite] = h.meta as [0 | 1, boolean, boolean];
  const c = new Connection(canRead ? new Queue(0, h.buffers[0]) : null, canWrite ? new Queue(0, h.buffers[1]) : null, new Int32Array(h.buffers[2]!), end);
  received.push(c);
  return c;
});
