// Interning of immutable runtime values (dates, paths): one object per value, so `a === b` exactly when they
// are equal, which is what JS Maps and Sets compare keys by — they then behave as CPython's hashable values.

const interned = new Map<string, WeakRef<object>>();
const collected = new FinalizationRegistry<string>((key) => {
  if (interned.get(key)?.deref() === undefined) interned.delete(key);
});

/** The object already standing for `key`, if one is alive. */
export function internedValue<T extends object>(key: string): T | undefined {
  return interned.get(key)?.deref() as T | undefined;
}

/** The object standing for `key`: the live one, or `made` from now on. */
export function intern<T extends object>(key: string, made: T): T {
  const found = internedValue<T>(key);
  if (found) return found;
  interned.set(key, new WeakRef(made));
  collected.register(made, key);
  return made;
}
