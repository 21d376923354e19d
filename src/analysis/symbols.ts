// What a name or attribute refers to: an imported module or library member (resolved to a mapper row),
// a user function or class, or a plain value. Shared by type inference and the emitter.

import type * as A from "../frontend/ast.js";
import type { ApiRow } from "../mapper/index.js";

/** What an `import` statement bound a name to. */
export type ImportBinding =
  | { readonly kind: "module"; readonly module: string }
  | { readonly kind: "member"; readonly module: string; readonly name: string }
  /** A name from a module of the program itself (`from helpers import square`). */
  | { readonly kind: "local"; readonly module: string; readonly name: string };

export type Callee =
  /** A function of the script; for a method call, `self` is the receiver (or the class, for classmethods). */
  | { readonly kind: "user"; readonly fn: A.FunctionDef; readonly self?: A.Expr; readonly method?: boolean }
  /** `super().__init__(…)` / `super().m(…)` inside a method. */
  | { readonly kind: "super"; readonly fn: A.FunctionDef; readonly cls: A.ClassDef }
  | { readonly kind: "userClass"; readonly cls: A.ClassDef }
  /** A library function or class: `self` is the receiver expression for methods; superInit for
   *  `super().__init__(…)` in a subclass of the library class. */
  | { readonly kind: "api"; readonly row: ApiRow; readonly qualified: string; readonly self?: A.Expr; readonly superInit?: boolean }
  | { readonly kind: "print" }
  /** `fn(*args, **kwargs)` inside a pass-through decorator's wrapper (decorators.ts). */
  | { readonly kind: "forward" }
  | { readonly kind: "unknown" };

/** Python 2 names that mean something else (or nothing) in Python 3. */
export const PY2_RENAMES: Readonly<Record<string, string>> = {
  xrange: "range",
  raw_input: "input",
  unicode: "str",
  // Lists in Python 2, where Python 3's are lazy: rows of the builtins table that no Python name reaches.
  range: "py2:range",
  map: "py2:map",
  filter: "py2:filter",
  zip: "py2:zip",
};
