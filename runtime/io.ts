// Per-thread line-buffered stdout/stderr, written with fs.writeSync: a complete line appears at once (as
// on a terminal), a partial line waits for its newline, a flush, or the thread's exit. Never through
// console.log, whose output waits for the main thread's event loop.

import fs from "node:fs";
import { isMainThread, threadId, workerData } from "node:worker_threads";

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * One write lock for every thread of the program (the main thread creates it, workers receive it in
 * their workerData under this key): a pipe writes at most PIPE_BUF bytes atomically, so a long line
 * written in pieces (partial writes, EAGAIN) could otherwise be torn by another worker's line.
 */
export const IO_LOCK = "py2ts-mp-io-lock";
export const ioLockBuffer: SharedArrayBuffer =
  !isMainThread && workerData && (workerData as Record<string, unknown>)[IO_LOCK] instanceof SharedArrayBuffer
    ? ((workerData as Record<string, unknown>)[IO_LOCK] as SharedArrayBuffer)
    : new SharedArrayBuffer(4);
const ioLock = new Int32Array(ioLockBuffer);
/** The lock holds the holder's thread id + 1, so a thread terminated while writing can be released by its parent. */
const self = threadId + 1;
/** A holder that died without anyone releasing its lock (out of memory): after this long, write anyway. */
const IO_LOCK_PATIENCE_MS = 10_000;

function lockIo(): boolean {
  if (Atomics.compareExchange(ioLock, 0, 0, self) === 0) return true;
  const deadline = performance.now() + IO_LOCK_PATIENCE_MS;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    const holder = Atomics.load(ioLock, 0);
    if (holder !== 0) Atomics.wait(ioLock, 0, holder, left);
    if (Atomics.compareExchange(ioLock, 0, 0, self) === 0) return true;
  }
}

function unlockIo(): void {
  Atomics.store(ioLock, 0, 0);
  Atomics.notify(ioLock, 0, 1);
}

/** Called once a worker thread is gone (terminated, killed): releases the write lock if it died holding it. */
export function releaseIoLockOf(workerThreadId: number): void {
  if (Atomics.compareExchange(ioLock, 0, workerThreadId + 1, 0) === workerThreadId + 1) Atomics.notify(ioLock, 0, 1);
}

/** Write all of `data` to `fd` with no other thread's output in between. */
function writeAll(fd: number, data: Uint8Array): void {
  const locked = lockIo();
  try {
    writeRaw(fd, data);
  } finally {
    if (locked) unlockIo();
  }
}

/** Write all of `data` to `fd`, retrying partial writes and EAGAIN on non-blocking pipes. */
function writeRaw(fd: number, data: Uint8Array): void {
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

/**
 * While set, this thread's output goes here instead of to its file descriptor: a task run on a worker
 * node sends what it printed back with its result, and the parent prints it (as a pool worker's output
 * shares the parent's terminal).
 */
let captured: ((fd: number, text: string) => void) | null = null;

export function captureOutput(sink: ((fd: number, text: string) => void) | null): void {
  captured = sink;
}

function emit(fd: number, text: string): void {
  if (captured) captured(fd, text);
  else writeAll(fd, encoder.encode(text));
}

export class TextStream {
  private pending = "";
  /** Python 2's softspace: a `print x,` owes a space before the next printed item (any write cancels it). */
  softspace = false;

  constructor(
    readonly fd: number,
    readonly name: string,
  ) {}

  /** Python's write(): returns the number of characters written. */
  write(s: string): number {
    this.softspace = false;
    const text = this.pending + s;
    const nl = text.lastIndexOf("\n");
    if (nl < 0) {
      this.pending = text;
    } else {
      this.pending = text.slice(nl + 1);
      emit(this.fd, text.slice(0, nl + 1));
    }
    return s.length;
  }

  flush(): void {
    if (this.pending) {
      const text = this.pending;
      this.pending = "";
      emit(this.fd, text);
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

/** Files open for writing: CPython flushes a file the script never closed when the program ends. */
const openFiles = new Set<{ flush(): void }>();

export function registerOpenFile(f: { flush(): void }): void {
  openFiles.add(f);
}

export function unregisterOpenFile(f: { flush(): void }): void {
  openFiles.delete(f);
}

export function flushAll(): void {
  for (const f of openFiles) f.flush();
  stdout.flush();
  stderr.flush();
}

/** Terminates a worker thread; a write lock it dies holding is released (now, and once it is gone). */
export function terminateThread(worker: { threadId: number; terminate(): Promise<number> }): void {
  const id = worker.threadId;
  void worker.terminate().then(() => releaseIoLockOf(id));
  releaseIoLockOf(id);
}
