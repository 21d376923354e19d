// Per-thread line-buffered stdout/stderr, written with fs.writeSync: a complete line appears at once (as
// on a terminal), a partial line waits for its newline, a flush, or the thread's exit. Never through
// console.log, whose output waits for the main thread's event loop.

import fs from "node:fs";

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Write all of `data` to `fd`, retrying partial writes and EAGAIN on non-blocking pipes. */
function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(sleepCell, 0, 0, 1);
        continue;
      }
      if (code === "EPIPE") return;
      throw e;
    }
  }
}

const encoder = new TextEncoder();

export class TextStream {
  private pending = "";

  constructor(
    readonly fd: number,
    readonly name: string,
  ) {}

  /** Python's write(): returns the number of characters written. */
  write(s: string): number {
    const text = this.pending + s;
    const nl = text.lastIndexOf("\n");
    if (nl < 0) {
      this.pending = text;
    } else {
      this.pending = text.slice(nl + 1);
      writeAll(this.fd, encoder.encode(text.slice(0, nl + 1)));
    }
    return s.length;
  }

  flush(): void {
    if (this.pending) {
      const text = this.pending;
      this.pending = "";
      writeAll(this.fd, encoder.encode(text));
    }
  }

  isatty(): boolean {
    try {
      return fs.fstatSync(this.fd).isCharacterDevice();
    } catch {
      return false;
    }
  }
}

export const stdout = new TextStream(1, "<stdout>");
export const stderr = new TextStream(2, "<stderr>");

export function flushAll(): void {
  stdout.flush();
  stderr.flush();
}
