// Expressions keep Python's precedence (as the CST gives it) and CPython's AST shapes: flattened BoolOps,
// one Compare per chain, Tuple indexes, comprehensions with several clauses.

import { describe, expect, it } from "vitest";
import { at, expr, show } from "./helpers.js";

describe("expressions", () => {
  it("binary and unary operators follow Python precedence", () => {
    expect(show(expr("-a ** 2 + b * c % d // e\n"))).toBe("((- (a ** 2n)) + (((b * c) % d) // e))");
    expect(show(expr("not a == b\n"))).toBe("(not (a == b))");
  });

  // Recorded from CPython 3.11's ast.parse (tree-sitter-python alone gets `&` vs `^` wrong).
  it.each([
    ["b & c ^ d", "((b & c) ^ d)"],
    ["b & ~c ^ d", "((b & (~ c)) ^ d)"],
    ["a ^ b & c | d", "((a ^ (b & c)) | d)"],
    ["-a % b", "((- a) % b)"],
    ["-a ** 2", "(- (a ** 2n))"],
    ["2 ** -1", "(2n ** (- 1n))"],
    ["a ** b ** c", "(a ** (b ** c))"],
    ["~a ** b", "(~ (a ** b))"],
    ["a - b - c", "((a - b) - c)"],
    ["a << b + c & d", "((a << (b + c)) & d)"],
    ["a | b & c << d ^ e", "(a | ((b & (c << d)) ^ e))"],
    ["-a * b + c @ d // e % f", "(((- a) * b) + (((c @ d) // e) % f))"],
    ["a & b & c ^ d ^ e", "((((a & b) & c) ^ d) ^ e)"],
    ["x >> 1 & 255 | y << 8", "(((x >> 1n) & 255n) | (y << 8n))"],
  ])("%s groups as CPython groups it", (src, expected) => {
    expect(show(expr(`${src}\n`))).toBe(expected);
  });

  it("a and b and c is one BoolOp with three values; mixed and/or nest", () => {
    expect(show(expr("a and b and c\n"))).toBe("(a and b and c)");
    expect(show(expr("a or b and c or d\n"))).toBe("(a or (b and c) or d)");
  });

  it("chained comparisons are one Compare, with 'not in' and 'is not'", () => {
    const c = expr("a < b <= c not in d is not None\n");
    expect(c.kind).toBe("Compare");
    if (c.kind === "Compare") expect(c.ops).toEqual(["<", "<=", "not in", "is not"]);
  });

  it("calls: positional, *args, keywords, **kwargs", () => {
    expect(show(expr("f(1, *xs, key=2, **kw)\n"))).toBe("f(1n, *xs, key=2n, **kw)");
  });

  it("a generator expression as the sole argument", () => {
    expect(show(expr("sum(x * x for x in range(10) if x % 2)\n"))).toBe("sum(GeneratorExp<(x * x) for x in range(10n) if (x % 2n)>)");
  });

  it("comprehensions with several for and if clauses", () => {
    expect(show(expr("[(i, j) for i in a if i for j in b if j if i != j]\n"))).toBe(
      "ListComp<(i, j,) for i in a if i for j in b if j if (i != j)>",
    );
    expect(show(expr("{k: v for k, v in d.items()}\n"))).toBe("DictComp<k: v for (k, v,) in d.items()>");
    expect(show(expr("{x for x in s}\n"))).toBe("SetComp<x for x in s>");
  });

  it("dict and set literals, ** in dicts, starred in lists", () => {
    expect(show(expr("{'a': 1, **rest}\n"))).toBe('{"a": 1n, **rest}');
    expect(show(expr("{1, 2}\n"))).toBe("{1n, 2n}");
    expect(show(expr("[*a, b]\n"))).toBe("[*a, b]");
    expect(show(expr("()\n"))).toBe("(,)");
    expect(show(expr("(1,)\n"))).toBe("(1n,)");
  });

  it("subscripts: slices with steps, a[i, j] as a Tuple index", () => {
    expect(show(expr("a[1:n:2]\n"))).toBe("a[1n:n:2n]");
    expect(show(expr("a[::-1]\n"))).toBe("a[_:_:(- 1n)]");
    expect(show(expr("a[:3]\n"))).toBe("a[_:3n:_]");
    expect(show(expr("a[i, j]\n"))).toBe("a[(i, j,)]");
    expect(show(expr("a[1:2, ::3]\n"))).toBe("a[(1n:2n:_, _:_:3n,)]");
  });

  it("lambda, conditional expression, walrus, attribute chains", () => {
    expect(show(expr("lambda x, y=1: x + y\n"))).toBe("lambda x, y: (x + y)");
    expect(show(expr("a if c else b\n"))).toBe("(a if c else b)");
    expect(show(expr("(n := len(a))\n"))).toBe("(n := len(a))");
    expect(show(expr("mp.current_process().name\n"))).toBe("mp.current_process().name");
  });

  it("yield and yield from", () => {
    const f = expr("(yield x)\n");
    expect(show(f)).toBe("yield x");
    expect(show(expr("(yield from g())\n"))).toBe("yield from g()");
  });

  it("integer literals in every base are bigints", () => {
    const ints = ["42", "0x1F", "0o17", "0b101", "1_000_000", "0", "123456789012345678901234567890"].map((t) => show(expr(`${t}\n`)));
    // CPython: 42 31 15 5 1000000 0 123456789012345678901234567890
    expect(ints).toEqual(["42n", "31n", "15n", "5n", "1000000n", "0n", "123456789012345678901234567890n"]);
  });

  it("float, complex, None, True, False, Ellipsis", () => {
    // CPython: repr(1e16) == '1e+16', 1. == 1.0, .5 == 0.5, 1e-3 == 0.001
    expect(["1e16", "1.", ".5", "1e-3", "1_0.5"].map((t) => show(expr(`${t}\n`)))).toEqual([
      "float:10000000000000000",
      "float:1",
      "float:0.5",
      "float:0.001",
      "float:10.5",
    ]);
    expect(show(expr("2j\n"))).toBe("complex:2");
    expect(["None", "True", "False", "..."].map((t) => show(expr(`${t}\n`)))).toEqual(["None", "bool:true", "bool:false", "Ellipsis"]);
  });

  it("expression positions are 1-based and span the expression", () => {
    const e = expr("foo(bar, baz)\n");
    expect(at(e.loc)).toBe("1:1-1:14");
    if (e.kind === "Call") expect(at(e.args[1]!.loc)).toBe("1:10-1:13");
  });
});
