// The shape of one mapper table row: how a Python library name (function, class, method, attribute)
// becomes a runtime call, with the Python signature used to resolve keyword arguments and infer types.

import type { PyType } from "../analysis/types.js";

/** Argument types of one call, by Python parameter name (after keyword resolution). */
export interface ArgTypes {
  get(param: string): PyType | undefined;
  /** Parameter types of the user function passed as `param` and its return type, when it is one. */
  returnOf(param: string): PyType | undefined;
  /** The argument's value when it is a literal (a typecode string, a number). */
  literal(param: string): string | number | boolean | undefined;
  /** The values of the `*args` arguments that are literals (add_argument's option strings), undefined where not. */
  varargLiterals(): readonly (string | number | boolean | undefined)[];
  /** The argument's name when it is a builtin passed as a value (`defaultdict(int)` → "int"). */
  builtinName(param: string): string | undefined;
}

/** The types of the arguments passed as `*name`, one each (ArgTypes gives one argument's type alone). */
export function varargTypes(a: ArgTypes, param: string): PyType[] {
  const t = a.get(param);
  if (!t) return [];
  return a.varargLiterals().length === 1 || t.k !== "tuple" ? [t] : [...t.elts];
}

export interface ApiRow {
  /** Python parameters in order. `*name` is a vararg, `**name` keyword arguments; names after a bare `*` are keyword-only. */
  readonly params: readonly string[];
  /** `new` a runtime class, `call` a runtime function, `method` on a runtime object, `attr` a property,
   *  `helper` a runtime function taking the receiver first (methods of built-in types that JS lacks). */
  readonly kind: "new" | "call" | "method" | "attr" | "helper";
  /** Exported name in the runtime module (functions, classes) or member name (methods, attributes). */
  readonly ts: string;
  /** How many leading parameters stay positional in TypeScript; the rest go into one trailing options object.
   *  Absent: all positional. */
  readonly positional?: number;
  /** Parameters that take an argument list: a tuple literal passed there is emitted as a plain array. */
  readonly argLists?: readonly string[];
  /** Result type from the argument types. */
  readonly result?: (a: ArgTypes) => PyType;
  /** Types that flow into a callable argument's parameters: `[param holding the callable, its argument types]`. */
  readonly flows?: (a: ArgTypes) => readonly (readonly [string, readonly PyType[]])[];
  /** A call the converter can tell will not run as in Python (an untranslatable regex literal): the parameter
   *  whose argument is at fault and why. Reported as a located error: about the regex, or with `regex: false`
   *  as an unsupported use of the function; absent: about the argument (PM2009). With `warning`, the call runs
   *  as in Python except in a case the converter cannot see (a signal from another process): a warning. */
  readonly check?: (a: ArgTypes) => { readonly param: string; readonly message: string; readonly regex?: boolean; readonly warning?: boolean } | undefined;
  /** A parameter whose argument's static type is passed when it holds floats, so the runtime can format an
   *  integral float as a float: as the `type` option (json.dumps), or as a last argument where the row takes
   *  no options object (str, repr). */
  readonly describes?: string;
  /** Parameters that take classes (isinstance's classinfo): a builtin type there (`int`, `(int, float)`) is
   *  passed as its name, which the runtime tests values against. */
  readonly classes?: readonly string[];
  /** Parameters whose float arguments are boxed when integral (builtins/float.ts): the function prints them
   *  without knowing their static type (str.format). */
  readonly boxesFloats?: readonly string[];
  /** For objects whose element type is learned from use (Queue.put): the element type this call adds. */
  readonly addsElement?: (a: ArgTypes) => PyType | undefined;
  /** Parameters whose callable is pickled to reach a worker process (Pool tasks): CPython fails at run time when
   *  it is a lambda or a nested function, so the converter warns where it sees one. */
  readonly pickled?: readonly string[];
  /** The option the exception being handled is passed in, when the call is inside an `except` clause: what
   *  sys.exc_info() gives the function in Python (logging's exception()). */
  readonly handledException?: string;
  /** The parameter holding the container `addsElement` adds to, for functions (heapq.heappush's heap);
   *  absent: the method's receiver. */
  readonly addsTo?: string;
  /** For a method of a set: the runtime helper called instead where the elements may be equal in Python but
   *  distinct to a JS Set (tuples), e.g. `setAdd(s, x)` for `s.add(x)`. */
  readonly byValue?: string;
}

/** A runtime class: its TS name and whether its TS type takes the element type as a type argument. */
export interface ClassRow {
  readonly ts: string;
  readonly generic?: boolean;
  /** `with obj as x:` binds `x` to the object itself (Pool, Manager); otherwise to what `__enter__` returns. */
  readonly enterReturnsSelf?: boolean;
  /** Binary operators the class defines (`/` on a Path, `-` on datetimes): the result type for a right operand
   *  type, or undefined where Python raises TypeError. Emitted as the dunder method call (`a.__truediv__(b)`);
   *  `neg` is unary minus (`__neg__`). */
  readonly operators?: Readonly<Record<string, (right: PyType) => PyType | undefined>>;
  /** What `with obj as x:` binds `x` to, when it is not the object (TemporaryDirectory gives its name). */
  readonly enters?: PyType;
  /** `with lock:` is acquire() … finally release(): emitted as exactly that. */
  readonly acquireRelease?: boolean;
  /** Every instance is true (re.Match): a truth test of `X | None` is a None test, which TS narrows on. */
  readonly alwaysTrue?: boolean;
  /** Any attribute may be read or set (manager.Namespace()). */
  readonly dynamicAttributes?: boolean;
  /** A generic class whose type argument TS cannot infer from the constructor's arguments (Popen's str or
   *  bytes output, from its text mode): `new` names it. */
  readonly namesElement?: boolean;
  /** Created empty, its element type is learned from later use (`q.put(x)`, `d.append(x)`) per creation site. */
  readonly learnsElement?: boolean;
  /** A Python base class whose members the class also has (Counter's dict methods). */
  readonly base?: string;
  /** A script's class may derive from it (`class Worker(Process)`), inheriting its members. */
  readonly subclassable?: boolean;
}

export interface ModuleTable {
  /** The Python module name (`multiprocessing`) and the runtime module that implements it. */
  readonly python: string;
  readonly runtime: string;
  /** Module-level names: functions, classes, constants. */
  readonly names: Readonly<Record<string, ApiRow>>;
  /** Classes this module's objects belong to, and their members keyed `Class.member`. */
  readonly classes: Readonly<Record<string, ClassRow>>;
  readonly members: Readonly<Record<string, ApiRow>>;
  /** Python submodules reachable as attributes (`os.path`). */
  readonly submodules?: readonly string[];
}
