// Shared objects (Lock, Queue, Value, …) cross into a worker at its start as handles to the same
// SharedArrayBuffers, as a forked child inherits them; this registry rebuilds the object on the other side.

export interface SharedHandle {
  readonly kind: string;
  readonly buffers: readonly SharedArrayBuffer[];
  readonly meta: readonly unknown[];
}

export interface Shareable {
  __shared__(): SharedHandle;
}

const rebuilders = new Map<string, (h: SharedHandle) => unknown>();

export function registerShared(kind: string, rebuild: (h: SharedHandle) => unknown): void {
  rebuilders.set(kind, rebuild);
}

export function isShareable(x: unknown): x is Shareable {
  return typeof x === "object" && x !== null && typeof (x as Shareable).__shared__ === "function";
}

export function rebuildShared(h: SharedHandle): unknown {
  const r = rebuilders.get(h.kind);
  if (!r) throw new Error(`py2ts-mp: no rebuilder for shared ${h.kind}`);
  return r(h);
}
