// Each Python statement kind becomes the matching AST node with positions (1-based lines and columns).

import { describe, expect, it } from "vitest";
import { at, parse, show, stmt } from "./helpers.js";

describe("statements", () => {
  it("function: defaults, *args, keyword-only, **kwargs, annotations, decorators", () => {
    const f = stmt("@dec\n@mod.wrap(1)\ndef f(a, b: int = 2, *args, c, d=3, **kw) -> str:\n    return a\n", "FunctionDef");
    expect(f.name).toBe("f");
    expect(f.params.map((p) => `${p.name}:${p.variety}`)).toEqual(["a:positional", "b:positional", "args:vararg", "c:kwonly", "d:kwonly", "kw:kwarg"]);
    expect(show(f.params[1]!.annotation)).toBe("int");
    expect(show(f.params[1]!.default)).toBe("2n");
    expect(show(f.returns)).toBe("str");
    expect(f.decorators.map(show)).toEqual(["dec", "mod.wrap(1n)"]);
    expect(at(f.loc)).toBe("1:1-4:13");
  });

  it("bare * separates keyword-only parameters", () => {
    const f = stmt("def f(a, *, b=1):\n    pass\n", "FunctionDef");
    expect(f.params.map((p) => p.variety)).toEqual(["positional", "kwonly"]);
  });

  it("docstrings are cleaned as inspect.cleandoc and dropped from the body", () => {
    const f = stmt('def f():\n    """Sum.\n\n        Indented more.\n    Back.\n    """\n    return 1\n', "FunctionDef");
    expect(f.docstring).toBe("Sum.\n\n    Indented more.\nBack.");
    expect(f.body.map((s) => s.kind)).toEqual(["Return"]);
    const c = stmt("class A(B, m.C):\n    'doc'\n    x = 1\n", "ClassDef");
    expect(c.docstring).toBe("doc");
    expect(c.bases.map(show)).toEqual(["B", "m.C"]);
    expect(c.body.map((s) => s.kind)).toEqual(["Assign"]);
  });

  it("a string that is not first is not a docstring", () => {
    const f = stmt("def f():\n    x = 1\n    'not doc'\n", "FunctionDef");
    expect(f.docstring).toBeUndefined();
    expect(f.body).toHaveLength(2);
  });

  it("if / elif / else nest elif chains in orelse", () => {
    const s = stmt("if a:\n    pass\nelif b:\n    x = 1\nelse:\n    y = 2\n", "If");
    expect(show(s.test)).toBe("a");
    const elif = s.orelse[0]!;
    expect(elif.kind).toBe("If");
    expect(at(elif.loc).startsWith("3:1")).toBe(true);
    if (elif.kind === "If") expect(elif.orelse.map((x) => x.kind)).toEqual(["Assign"]);
  });

  it("for and while with else", () => {
    const f = stmt("for i, (j, k) in enumerate(xs):\n    break\nelse:\n    continue\n", "For");
    expect(show(f.target)).toBe("(i, (j, k,),)");
    expect(show(f.iter)).toBe("enumerate(xs)");
    expect(f.orelse.map((s) => s.kind)).toEqual(["Continue"]);
    const w = stmt("while n > 0:\n    n -= 1\nelse:\n    pass\n", "While");
    expect(show(w.test)).toBe("(n > 0n)");
    expect(w.orelse.map((s) => s.kind)).toEqual(["Pass"]);
  });

  it("with: several items, targets, parenthesized form", () => {
    const w = stmt("with open(a) as f, lock:\n    pass\n", "With");
    expect(w.items.map((i) => `${show(i.context)} as ${show(i.target)}`)).toEqual(["open(a) as f", "lock as _"]);
    const p = stmt("with (Pool(4) as p, open(b) as (x, y)):\n    pass\n", "With");
    expect(p.items.map((i) => `${show(i.context)} as ${show(i.target)}`)).toEqual(["Pool(4n) as p", "open(b) as (x, y,)"]);
  });

  it("try / except (tuple, as, bare) / else / finally", () => {
    const t = stmt(
      "try:\n    x()\nexcept (ValueError, KeyError) as e:\n    pass\nexcept OSError:\n    pass\nexcept:\n    raise\nelse:\n    y = 1\nfinally:\n    z = 2\n",
      "Try",
    );
    expect(t.handlers.map((h) => `${show(h.type)} ${h.name ?? "-"}`)).toEqual(["(ValueError, KeyError,) e", "OSError -", "_ -"]);
    expect(t.handlers[2]!.body[0]!.kind).toBe("Raise");
    expect(t.orelse.map((s) => s.kind)).toEqual(["Assign"]);
    expect(t.finalbody.map((s) => s.kind)).toEqual(["Assign"]);
    expect(at(t.handlers[1]!.loc).startsWith("5:1")).toBe(true);
  });

  it("raise with cause", () => {
    const r = stmt("raise ValueError('x') from err\n", "Raise");
    expect(show(r.exc)).toBe('ValueError("x")');
    expect(show(r.cause)).toBe("err");
  });

  it("import forms: dotted, as, relative, star", () => {
    const i = stmt("import os.path, multiprocessing as mp\n", "Import");
    expect(i.names.map((a) => `${a.name}/${a.asname ?? ""}`)).toEqual(["os.path/", "multiprocessing/mp"]);
    const f = stmt("from ..pkg.mod import a, b as c\n", "ImportFrom");
    expect([f.module, f.level, f.star]).toEqual(["pkg.mod", 2, false]);
    expect(f.names.map((a) => `${a.name}/${a.asname ?? ""}`)).toEqual(["a/", "b/c"]);
    const s = stmt("from multiprocessing import *\n", "ImportFrom");
    expect(s.star).toBe(true);
    const r = stmt("from . import x\n", "ImportFrom");
    expect([r.module, r.level]).toEqual(["", 1]);
  });

  it("__future__ imports are recorded on the module, not kept as statements", () => {
    const m = parse("from __future__ import division, print_function\nx = 1\n");
    expect(m.futures).toEqual(["division", "print_function"]);
    expect(m.body.map((s) => s.kind)).toEqual(["Assign"]);
  });

  it("global, nonlocal, assert, del, pass", () => {
    expect(stmt("global a, b\n", "Global").names).toEqual(["a", "b"]);
    expect(stmt("def f():\n    nonlocal x\n", "FunctionDef").body[0]).toMatchObject({ kind: "Nonlocal", names: ["x"] });
    const a = stmt("assert x > 0, 'msg'\n", "Assert");
    expect([show(a.test), show(a.msg)]).toEqual(["(x > 0n)", '"msg"']);
    expect(stmt("del a[0], b.c\n", "Delete").targets.map(show)).toEqual(["a[0n]", "b.c"]);
  });

  it("assignments: chained, unpacking, starred, augmented, annotated", () => {
    const c = stmt("a = b = 1\n", "Assign");
    expect(c.targets.map(show)).toEqual(["a", "b"]);
    const u = stmt("a, *rest = [x] = t\n", "Assign");
    expect(u.targets.map(show)).toEqual(["(a, *rest,)", "[x]"]);
    expect(show(stmt("x, y = y, x\n", "Assign").value)).toBe("(y, x,)");
    const g = stmt("total //= 2\n", "AugAssign");
    expect([show(g.target), g.op, show(g.value)]).toEqual(["total", "//", "2n"]);
    const n = stmt("n: int = 0\n", "AnnAssign");
    expect([show(n.target), show(n.annotation), show(n.value)]).toEqual(["n", "int", "0n"]);
    const m = stmt("m: dict[str, list[int]]\n", "AnnAssign");
    expect([show(m.annotation), show(m.value)]).toEqual(["dict[(str, list[int],)]", "_"]);
    expect(show(stmt("def f(a: int | None) -> tuple[int, ...]:\n    pass\n", "FunctionDef").returns)).toBe("tuple[(int, Ellipsis,)]");
  });

  it("positions count characters, not UTF-16 units or bytes, after Chinese text and emoji", () => {
    const s = stmt('x = ("中文😀", yy)\n', "Assign");
    expect(s.value.kind).toBe("Tuple");
    if (s.value.kind === "Tuple") expect(at(s.value.elts[1]!.loc)).toBe("1:13-1:15");
  });
});
