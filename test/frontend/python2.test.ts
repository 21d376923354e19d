// Python 2 input: print forms become PrintStmt, legacy forms are normalized, and the dialect is detected
// from Python-2-only syntax unless forced.

import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/frontend/parse.js";
import { errors, parse, show, stmt } from "./helpers.js";

const dialectOf = (src: string) => parseModule(src, "t.py").module.dialect;

describe("Python 2", () => {
  it("print statement forms: values, >>dest, trailing comma, bare print", () => {
    const m = parse('print "a", b,\nprint >>sys.stderr, "x"\nprint\n');
    expect(m.dialect).toBe(2);
    const [a, b, c] = m.body;
    expect(a).toMatchObject({ kind: "PrintStmt", trailingComma: true });
    if (a?.kind === "PrintStmt") expect(a.values.map(show)).toEqual(['"a"', "b"]);
    if (b?.kind === "PrintStmt") expect([show(b.dest), b.values.map(show)]).toEqual(["sys.stderr", ['"x"']]);
    expect(c).toMatchObject({ kind: "PrintStmt", values: [], trailingComma: false });
  });

  it("print(a, b) prints a tuple in Python 2, print(a) prints a", () => {
    // CPython 2.7: print("a", "b") -> ('a', 'b'); print("a") -> a; print() -> ()
    const m = parse('print "x"\nprint("a", "b")\nprint("a")\nprint()\n');
    expect(m.body.slice(1).map((s) => (s.kind === "PrintStmt" ? s.values.map(show) : s.kind))).toEqual([['("a", "b",)'], ['"a"'], ["(,)"]]);
  });

  it("with print_function, print(...) stays a call", () => {
    const m = parse('from __future__ import print_function\nprint("a", "b", end="")\nx = 017\n');
    expect(m.dialect).toBe(2);
    expect(m.body[0]!.kind).toBe("ExprStmt");
  });

  it("except E, e and raise E, msg", () => {
    const t = stmt("try:\n    pass\nexcept (A, B), e:\n    raise ValueError, 'bad'\n", "Try");
    expect([show(t.handlers[0]!.type), t.handlers[0]!.name]).toEqual(["(A, B,)", "e"]);
    expect(show((t.handlers[0]!.body[0] as { exc?: never }).exc)).toBe('ValueError("bad")');
  });

  it("long and old octal literals, <>", () => {
    const m = parse("a = 10L\nb = 017\nc = a <> b\n");
    expect(m.body.map((s) => (s.kind === "Assign" ? show(s.value) : ""))).toEqual(["10n", "15n", "(a != b)"]);
  });

  it("plain strings are byte strings: \\u is not an escape; u'' and unicode_literals decode it", () => {
    // CPython 2.7: repr("\u4e2d") == '\\u4e2d'; repr(u"\u4e2d") == u'\u4e2d'; repr(ur"\u4e2d\n") == u'\u4e2d\\n'
    const m = parse('print 1\na = "\\u4e2d"\nb = u"\\u4e2d"\nc = ur"\\u4e2d\\n"\n');
    expect(m.body.slice(1).map((s) => (s.kind === "Assign" ? show(s.value) : ""))).toEqual(['"\\\\u4e2d"', '"中"', '"中\\\\n"']);
    const f = parse('from __future__ import unicode_literals\nprint "x"\na = "\\u4e2d"\n');
    expect(f.body[1]!.kind === "Assign" && show(f.body[1].value)).toBe('"中"');
  });

  it.each([
    ['print "x"\n', 2],
    ['exec "x = 1"\n', 2],
    ["x = `y`\n", 2],
    ["if a <> b: pass\n", 2],
    ['s = ur"x"\n', 2],
    ["try:\n    pass\nexcept E, e:\n    pass\n", 2],
    ["raise E, 'm'\n", 2],
    ["x = 10L\n", 2],
    ["x = 017\n", 2],
    ["for i in xrange(3): pass\n", 2],
    ["d.has_key(k)\n", 2],
    ['print("x")\nx = 0o17\n', 3],
    ["# print 'x' in a comment\ns = 'xrange(3)'\n", 3],
  ])("dialect of %j is %i", (src, dialect) => {
    expect(dialectOf(src)).toBe(dialect);
  });

  it("a forced dialect wins, and Python 2 forms are errors under Python 3", () => {
    expect(parseModule('print("a", "b")\n', "t.py", { dialect: 2 }).module.dialect).toBe(2);
    expect(errors('x = 1\nprint "a"\n', 3)).toEqual(["2:1 PM1011 the print statement is Python 2 syntax, but this file is converted as Python 3"]);
    expect(errors("x = 017\n", 3)).toEqual(["1:5 PM1011 the literal 017 is Python 2 syntax, but this file is converted as Python 3"]);
  });

  it("exec statements and backquotes are unsupported, located", () => {
    expect(errors('exec "x = 1"\ny = `x`\n')).toEqual([
      "1:1 PM2001 unsupported Python syntax: the exec statement (Python 2)",
      "2:5 PM2001 unsupported Python syntax: backquote repr (Python 2); write repr(x)",
    ]);
  });

  it("print used as a value is an error in Python 2 without print_function", () => {
    expect(errors('print "a"\nmap(print, xs)\n')).toEqual([
      "2:5 PM2001 unsupported Python syntax: print used as a value in Python 2 (add `from __future__ import print_function`)",
    ]);
  });

  it("print() with keywords needs print_function in Python 2", () => {
    expect(errors('print "a"\nprint("b", end="")\n')).toEqual([
      "2:12 PM1011 print() with keyword or unpacked arguments is Python 3 syntax, but this file is converted as Python 2 (add `from __future__ import print_function`)",
    ]);
  });
});
