// The static types the analysis infers for Python values, with the lattice operations (join, widening)
// and integer ranges. A PyType says both how a value prints (int vs float) and which TS type holds it.

export const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** A closed integer interval; ±Infinity for unbounded ends. */
export interface IntRange {
  readonly lo: number;
  readonly hi: number;
}

/** The groups of a regular expression known at conversion time (re.Pattern, re.Match): group numbers by name,
 *  and for each group number whether a successful match may leave it unset (None). */
export interface RegexShape {
  readonly names: Readonly<Record<string, number>>;
  readonly optional: readonly boolean[];
}

export type PyType =
  | { readonly k: "int"; readonly range: IntRange }
  | { readonly k: "float" }
  | { readonly k: "bool" }
  | { readonly k: "str" }
  | { readonly k: "bytes" }
  | { readonly k: "None" }
  | { readonly k: "list"; readonly elt: PyType }
  | { readonly k: "tuple"; readonly elts: readonly PyType[] }
  /** A tuple of any length whose items share one type (`tuple[int, ...]`): what `*args` receives. */
  | { readonly k: "vartuple"; readonly elt: PyType }
  /** `cls`: a dict subclass of the runtime (Counter, defaultdict, OrderedDict): a dict with more methods. */
  | { readonly k: "dict"; readonly key: PyType; readonly value: PyType; readonly cls?: string }
  | { readonly k: "set"; readonly elt: PyType }
  /** `range(...)`: the interval its elements lie in. */
  | { readonly k: "range"; readonly elt: IntRange }
  /** A class of the script (the class object itself) and instances of it, by class id. */
  | { readonly k: "class"; readonly id: string }
  | { readonly k: "instance"; readonly id: string }
  /** A user function (by its definition id) or a lambda. */
  | { readonly k: "func"; readonly id: string }
  /** An object of the runtime (Pool, Process, Queue, AsyncResult, ...): `cls` is the mapper's class name,
   *  `site` identifies the creation site whose element type lives in a side table (Queue<T>); `fields` are the
   *  attributes of an object whose attributes are known by name (an argparse Namespace). */
  | { readonly k: "object"; readonly cls: string; readonly sites?: readonly string[]; readonly elt?: PyType; readonly regex?: RegexShape; readonly fields?: Fields }
  /** An imported module (`import multiprocessing as mp`): its qualified name. */
  | { readonly k: "module"; readonly name: string }
  | { readonly k: "union"; readonly types: readonly PyType[] }
  /** No information yet (the bottom of the lattice): becomes `unknown` when nothing ever flows in. */
  | { readonly k: "never" }
  | { readonly k: "unknown" };

/** Attribute types by name. */
export type Fields = Readonly<Record<string, PyType>>;

export const T = {
  int: (lo = -Infinity, hi = Infinity): PyType => ({ k: "int", range: { lo, hi } }),
  float: { k: "float" } as PyType,
  bool: { k: "bool" } as PyType,
  str: { k: "str" } as PyType,
  bytes: { k: "bytes" } as PyType,
  none: { k: "None" } as PyType,
  never: { k: "never" } as PyType,
  unknown: { k: "unknown" } as PyType,
  range: (lo = -SAFE_MAX, hi = SAFE_MAX): PyType => ({ k: "range", elt: { lo, hi } }),
  list: (elt: PyType): PyType => ({ k: "list", elt }),
  tuple: (elts: readonly PyType[]): PyType => ({ k: "tuple", elts }),
  vartuple: (elt: PyType): PyType => ({ k: "vartuple", elt }),
  dict: (key: PyType, value: PyType, cls?: string): PyType => (cls ? { k: "dict", key, value, cls } : { k: "dict", key, value }),
  set: (elt: PyType): PyType => ({ k: "set", elt }),
  object: (cls: string, sites?: readonly string[], elt?: PyType): PyType => ({ k: "object", cls, sites, elt }),
};

export function isSafeRange(r: IntRange): boolean {
  return r.lo >= -SAFE_MAX && r.hi <= SAFE_MAX;
}

export function intRange(t: PyType): IntRange | undefined {
  return t.k === "int" ? t.range : t.k === "bool" ? { lo: 0, hi: 1 } : undefined;
}

export function isIntLike(t: PyType): boolean {
  return t.k === "int" || t.k === "bool";
}

/** collections.Counter, whose + and - combine counts. */
export function isCounter(t: PyType): boolean {
  return t.k === "dict" && t.cls === "Counter";
}

export function isNumeric(t: PyType): boolean {
  return t.k === "int" || t.k === "float" || t.k === "bool";
}

export function typeEquals(a: PyType, b: PyType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function joinRange(a: IntRange, b: IntRange): IntRange {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** Least upper bound. Containers join element-wise; different kinds make a union. */
export function join(a: PyType, b: PyType): PyType {
  if (a.k === "never") return b;
  if (b.k === "never") return a;
  if (a.k === "unknown" || b.k === "unknown") return T.unknown;
  if (a.k === "union" || b.k === "union") {
    let out: PyType = T.never;
    for (const t of [...(a.k === "union" ? a.types : [a]), ...(b.k === "union" ? b.types : [b])]) {
      out = addToUnion(out, t);
    }
    return out;
  }
  // A fixed tuple joined with a tuple of any length is one of any length.
  if (a.k === "vartuple" && b.k === "tuple") return T.vartuple(b.elts.reduce(join, a.elt));
  if (a.k === "tuple" && b.k === "vartuple") return T.vartuple(a.elts.reduce(join, b.elt));
  if (a.k !== b.k) return addToUnion(addToUnion(T.never, a), b);
  switch (a.k) {
    case "int":
      return { k: "int", range: joinRange(a.range, (b as typeof a).range) };
    case "list":
      return T.list(join(a.elt, (b as typeof a).elt));
    case "set":
      return T.set(join(a.elt, (b as typeof a).elt));
    case "vartuple":
      return T.vartuple(join(a.elt, (b as typeof a).elt));
    case "dict": {
      const bb = b as typeof a;
      // A Counter joined with a plain dict is only a dict.
      return T.dict(join(a.key, bb.key), join(a.value, bb.value), a.cls === bb.cls ? a.cls : undefined);
    }
    case "tuple": {
      const bb = b as typeof a;
      // Tuples of different lengths (one that grows in a loop): no fixed shape to keep.
      if (a.elts.length !== bb.elts.length) return T.unknown;
      return T.tuple(a.elts.map((t, i) => join(t, bb.elts[i]!)));
    }
    case "object": {
      const bb = b as typeof a;
      if (a.cls !== bb.cls) return addToUnion(addToUnion(T.never, a), b);
      const elt = a.elt && bb.elt ? join(a.elt, bb.elt) : (a.elt ?? bb.elt);
      // An object that may come from several creation sites (two Queues passed to one function) has them all.
      const sites = a.sites || bb.sites ? [...new Set([...(a.sites ?? []), ...(bb.sites ?? [])])].sort() : undefined;
      // Patterns from different literals have no one group shape.
      const regex = a.regex && bb.regex && JSON.stringify(a.regex) === JSON.stringify(bb.regex) ? a.regex : undefined;
      const fields = a.fields || bb.fields ? joinFields(a.fields ?? {}, bb.fields ?? {}) : undefined;
      return { k: "object", cls: a.cls, sites, elt, ...(regex ? { regex } : {}), ...(fields ? { fields } : {}) };
    }
    case "range": {
      const bb = b as typeof a;
      return T.range(Math.min(a.elt.lo, bb.elt.lo), Math.max(a.elt.hi, bb.elt.hi));
    }
    case "func":
    case "class":
    case "instance":
      return a.id === (b as typeof a).id ? a : addToUnion(addToUnion(T.never, a), b);
    case "module":
      return a.name === (b as typeof a).name ? a : T.unknown;
    default:
      return a;
  }
}

/** Attributes of either side; one both have joins its types. */
function joinFields(a: Fields, b: Fields): Fields {
  const out: Record<string, PyType> = { ...a };
  for (const [k, t] of Object.entries(b)) out[k] = out[k] ? join(out[k]!, t) : t;
  return out;
}

function addToUnion(u: PyType, t: PyType): PyType {
  if (u.k === "never") return t;
  const members = u.k === "union" ? [...u.types] : [u];
  const i = members.findIndex((m) => mergeable(m, t));
  if (i >= 0) members[i] = join(members[i]!, t);
  else members.push(t);
  return members.length === 1 ? members[0]! : { k: "union", types: members };
}

/** Whether two types join into one (same kind and, for objects/tuples/functions, the same identity). */
function mergeable(a: PyType, b: PyType): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "object":
      return a.cls === (b as typeof a).cls;
    case "tuple":
      return a.elts.length === (b as typeof a).elts.length;
    case "func":
    case "class":
    case "instance":
      return a.id === (b as typeof a).id;
    case "module":
      return a.name === (b as typeof a).name;
    default:
      return true;
  }
}

/** Widening for loops: an int range still growing after a few rounds becomes unbounded in that direction. */
export function widen(prev: PyType, next: PyType): PyType {
  if (prev.k === "int" && next.k === "int") {
    return {
      k: "int",
      range: {
        lo: next.range.lo < prev.range.lo ? -Infinity : next.range.lo,
        hi: next.range.hi > prev.range.hi ? Infinity : next.range.hi,
      },
    };
  }
  if (prev.k === "union" && next.k === "union") {
    return { k: "union", types: next.types.map((t, i) => (prev.types[i] ? widen(prev.types[i]!, t) : t)) };
  }
  if (prev.k === "list" && next.k === "list") return T.list(widen(prev.elt, next.elt));
  if (prev.k === "set" && next.k === "set") return T.set(widen(prev.elt, next.elt));
  if (prev.k === "vartuple" && next.k === "vartuple") return T.vartuple(widen(prev.elt, next.elt));
  if (prev.k === "dict" && next.k === "dict") return T.dict(widen(prev.key, next.key), widen(prev.value, next.value), next.cls);
  if (prev.k === "object" && next.k === "object" && prev.elt && next.elt) return { ...next, elt: widen(prev.elt, next.elt) };
  if (prev.k === "range" && next.k === "range") {
    const w = widen(T.int(prev.elt.lo, prev.elt.hi), T.int(next.elt.lo, next.elt.hi)) as { range: IntRange };
    return T.range(Math.max(w.range.lo, -SAFE_MAX), Math.min(w.range.hi, SAFE_MAX));
  }
  if (prev.k === "tuple" && next.k === "tuple" && prev.elts.length === next.elts.length) {
    return T.tuple(next.elts.map((t, i) => widen(prev.elts[i]!, t)));
  }
  return next;
}

/** Types nested deeper than `depth` become unknown: recursive data (a result holding results) converges. */
export function truncate(t: PyType, depth = 5): PyType {
  if (depth <= 0) return T.unknown;
  const d = depth - 1;
  switch (t.k) {
    case "list":
      return T.list(truncate(t.elt, d));
    case "set":
      return T.set(truncate(t.elt, d));
    case "vartuple":
      return T.vartuple(truncate(t.elt, d));
    case "dict":
      return T.dict(truncate(t.key, d), truncate(t.value, d), t.cls);
    case "tuple":
      return T.tuple(t.elts.map((e) => truncate(e, d)));
    case "object":
      return t.elt ? { ...t, elt: truncate(t.elt, d) } : t;
    case "union":
      return { k: "union", types: t.types.map((e) => truncate(e, d)) };
    default:
      return t;
  }
}

/** X for `X | None` (a re.match result, dict.get without a default); undefined for any other type. */
export function optionalOf(t: PyType): PyType | undefined {
  if (t.k !== "union" || !t.types.some((m) => m.k === "None")) return undefined;
  const rest = t.types.filter((m) => m.k !== "None");
  return rest.length === 1 ? rest[0] : undefined;
}

/** The element type produced by iterating over a value of type t. */
export function iterElement(t: PyType): PyType {
  switch (t.k) {
    case "list":
    case "set":
    case "vartuple":
      return t.elt;
    case "dict":
      return t.key;
    case "tuple":
      return t.elts.reduce<PyType>((acc, e) => join(acc, e), T.never);
    case "str":
      return T.str;
    case "bytes":
      return T.int(0, 255);
    case "range":
      return T.int(t.elt.lo, t.elt.hi);
    case "object":
      return t.elt ?? T.unknown;
    case "never":
      return T.never;
    default:
      return T.unknown;
  }
}

/** True when the type (or something inside it) is a float, so printing needs a type descriptor. */
export function containsFloat(t: PyType): boolean {
  switch (t.k) {
    case "float":
      return true;
    case "list":
    case "set":
    case "vartuple":
      return containsFloat(t.elt);
    case "dict":
      return containsFloat(t.key) || containsFloat(t.value);
    case "tuple":
      return t.elts.some(containsFloat);
    case "union":
      return t.types.some(containsFloat);
    default:
      return false;
  }
}

/** The runtime's type descriptor string (`"list[float]"`) used by str/repr for float-holding values. */
export function descriptor(t: PyType): string {
  switch (t.k) {
    case "int":
      return "int";
    case "float":
      return "float";
    case "bool":
      return "bool";
    case "str":
      return "str";
    case "None":
      return "None";
    case "list":
      return `list[${descriptor(t.elt)}]`;
    case "set":
      return `set[${descriptor(t.elt)}]`;
    case "dict":
      return `dict[${descriptor(t.key)}, ${descriptor(t.value)}]`;
    case "tuple":
      return `tuple[${t.elts.map(descriptor).join(", ")}]`;
    case "vartuple":
      // The runtime reads a one-item tuple descriptor as the type of every item.
      return `tuple[${descriptor(t.elt)}]`;
    case "union":
      return t.types.map(descriptor).join(" | ");
    default:
      return "object";
  }
}

/** An int, a float, or a value that is one or the other. */
export function isNumberLike(t: PyType): boolean {
  return isIntLike(t) || t.k === "float" || (t.k === "union" && t.types.every((x) => isIntLike(x) || x.k === "float"));
}
