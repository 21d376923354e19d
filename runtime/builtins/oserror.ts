// Node's file-system errors as the OSError subclasses CPython raises, with its errno numbers and strerror
// texts (Linux), so `except FileNotFoundError` catches them and they print `[Errno 2] No such file or directory: 'x'`.

import {
  FileExistsError, FileNotFoundError, IsADirectoryError, NotADirectoryError, OSError, PermissionError,
} from "./exceptions.js";

type OSErrorClass = new (...args: unknown[]) => OSError;

const ERRORS: Record<string, readonly [number, string, OSErrorClass]> = {
  EPERM: [1, "Operation not permitted", PermissionError],
  ENOENT: [2, "No such file or directory", FileNotFoundError],
  EBADF: [9, "Bad file descriptor", OSError],
  EACCES: [13, "Permission denied", PermissionError],
  EBUSY: [16, "Device or resource busy", OSError],
  EEXIST: [17, "File exists", FileExistsError],
  EXDEV: [18, "Invalid cross-device link", OSError],
  ENOTDIR: [20, "Not a directory", NotADirectoryError],
  EISDIR: [21, "Is a directory", IsADirectoryError],
  EINVAL: [22, "Invalid argument", OSError],
  EMFILE: [24, "Too many open files", OSError],
  ENOSPC: [28, "No space left on device", OSError],
  EROFS: [30, "Read-only file system", OSError],
  ENAMETOOLONG: [36, "File name too long", OSError],
  ENOTEMPTY: [39, "Directory not empty", OSError],
  ELOOP: [40, "Too many levels of symbolic links", OSError],
};

/** The Python exception for `e` (a Node fs error) about `filename` (and `filename2`, for rename/link). */
export function osError(e: unknown, filename?: string, filename2?: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const known = code ? ERRORS[code] : undefined;
  if (!known) return e;
  const [errno, strerror, cls] = known;
  if (filename2 !== undefined) return new cls(errno, strerror, filename ?? null, null, filename2);
  return filename === undefined ? new cls(errno, strerror) : new cls(errno, strerror, filename);
}

/** Run a file-system call, raising CPython's exception when it fails. */
export function fsCall<T>(step: () => T, filename?: string, filename2?: string): T {
  try {
    return step();
  } catch (e) {
    throw osError(e, filename, filename2);
  }
}

/** The OSError CPython raises for an errno name, without a Node error behind it (rmdir of a file, …). */
export function raiseErrno(code: keyof typeof ERRORS, filename?: string): never {
  throw osError({ code }, filename);
}
