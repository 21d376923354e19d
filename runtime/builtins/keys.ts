// Dict keys and set elements that are equal in Python but distinct to a JS Map or Set: tuples (arrays), integral
// floats (boxed Numbers), bytes. Each gets a code, a string equal for Python-equal values, and a container
// holding such members gets an index from code to member, so a lookup costs a hash, not a scan of the keys.
//
// The index stays right through the runtime's own mutations (noteInsert, noteDelete). A container changed
// by other means (a Map or Set built natively, a primitive key set directly) no longer has the size its
// index recorded, and the index is rebuilt at its next lookup of such a value.

import { eq } from "./functions.js";
import { isTuple } from "./tuple.js";

/** What a lookup finds when no member is equal to the value. */
export const ABSENT: unique symbol = Symbol("absent");

type Container = Map<unknown, unknown> | Set<unknown>;

interface KeyIndex {
  readonly codes: Map<string, unknown>;
  /** The container's size when the index last covered every member. */
  size: number;
}

const INDEX = Symbol("py2ts-mp.keyIndex");
type Indexed = Container & { [INDEX]?: KeyIndex };

/**
 * A string equal for Python-equal hashable values that a Map or Set tells apart, or undefined: for
 * primitives (which Map and Set already compare as Python does) and values without such a code
 * (frozensets, instances with __eq__), which are compared by scanning.
 */
export function keyCode(x: unknown): string | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  return objectCode(x);
}

function objectCode(x: object): string | undefined {
  if (x instanceof Number) return primitiveCode(x.valueOf());
  if (Array.isArray(x)) {
    if (!isTuple(x)) return undefined;
    let code = "(";
    for (const item of x) {
      const c = typeof item === "object" && item !== null ? objectCode(item) : primitiveCode(item);
      if (c === undefined) return undefined;
      code += c + ",";
    }
    return code + ")";
  }
  if (x instanceof Uint8Array) return `b${x.join(" ")}`;
  return undefined;
}

/** 1, 1.0 and True are one key in Python (and 2**60 and 2.0**60): integral values share a code. */
function primitiveCode(v: unknown): string | undefined {
  switch (typeof v) {
    case "number":
      if (!Number.isInteger(v)) return `f${v}`;
      return `i${Math.abs(v) <= Number.MAX_SAFE_INTEGER ? v + 0 : BigInt(v)}`;
    case "bigint":
      return `i${v}`;
    case "boolean":
      return v ? "i1" : "i0";
    case "string":
      return `s${v.length}:${v}`;
    case "undefined":
      return "U";
    default:
      return v === null ? "N" : undefined;
  }
}

function index(c: Indexed): KeyIndex {
  let ix = c[INDEX];
  if (ix && ix.size === c.size) return ix;
  ix = { codes: new Map(), size: c.size };
  for (const member of c.keys()) {
    const code = keyCode(member);
    if (code !== undefined && !ix.codes.has(code)) ix.codes.set(code, member);
  }
  Object.defineProperty(c, INDEX, { value: ix, writable: true, configurable: true });
  return ix;
}

/** The member of `c` (a dict's key, a set's element) equal to `x` in Python, or ABSENT. */
export function equalMember(c: Container, x: unknown): unknown {
  if (c.has(x)) return x;
  if (typeof x !== "object" || x === null) return ABSENT;
  const code = objectCode(x);
  if (code === undefined) {
    for (const member of c.keys()) if (eq(member, x)) return member;
    return ABSENT;
  }
  const found = index(c).codes.get(code);
  if (found !== undefined && c.has(found)) return found;
  // An integral float equal to an int key stored as a primitive.
  if (x instanceof Number && c.has(x.valueOf())) return x.valueOf();
  return ABSENT;
}

/** After the runtime added `member` to `c` (or found it there): keeps c's index whole. */
export function noteInsert(c: Container, member: unknown): void {
  const ix = (c as Indexed)[INDEX];
  if (!ix || ix.size !== c.size - 1) return;
  ix.size = c.size;
  const code = keyCode(member);
  if (code !== undefined && !ix.codes.has(code)) ix.codes.set(code, member);
}

/** After the runtime deleted `member` from `c`. */
export function noteDelete(c: Container, member: unknown): void {
  const ix = (c as Indexed)[INDEX];
  if (!ix || ix.size !== c.size + 1) return;
  ix.size = c.size;
  const code = keyCode(member);
  if (code !== undefined && ix.codes.get(code) === member) ix.codes.delete(code);
}
