// Syntax errors and unsupported constructs are located diagnostics, all of them in one run; parseModule
// never throws and returns the statements it could read.

import { describe, expect, it } from "vitest";
import { parseModule } from "../../src/frontend/parse.js";
import { errors } from "./helpers.js";

describe("syntax errors", () => {
  it("reports several errors in one run, in order, and keeps the good statements", () => {
    const src = 'x = "abc\ny = 3\nz = ]\nif x:\npass\nw = 4\n';
    expect(errors(src)).toEqual([
      "1:5 PM1007 unterminated string literal",
      "3:1 PM1001 invalid syntax",
      "5:1 PM1002 invalid syntax: expected an indented block",
    ]);
    const m = parseModule(src, "t.py").module;
    expect(m.body.map((s) => s.kind)).toEqual(["Assign", "Pass", "Assign"]);
  });

  it("an unclosed bracket is reported where it opens", () => {
    expect(errors("x = (1, 2\ny = 3\n")).toEqual(["1:5 PM1008 '(' was never closed"]);
    expect(errors("a = 1\nf(x, [1, 2\n")).toEqual(["2:6 PM1008 '[' was never closed"]);
  });

  it("an error inside a statement is reported once, at the statement", () => {
    expect(errors("def f(x):\n    return x +\n")).toEqual(["2:5 PM1001 invalid syntax"]);
    expect(errors("while True\n    pass\n")).toEqual(["1:1 PM1001 invalid syntax"]);
    expect(errors("x = foo(\n")).toEqual(["1:8 PM1008 '(' was never closed"]);
  });

  it("error columns count characters after Chinese text", () => {
    expect(errors('s = "中文" + (1,\n')).toEqual(["1:12 PM1008 '(' was never closed"]);
  });

  it("unsupported constructs are located and the rest still converts", () => {
    const src = "async def f():\n    pass\ndef g():\n    return await x\nclass A(metaclass=M):\n    pass\nz = 1j\n";
    expect(errors(src)).toEqual([
      "1:1 PM2001 unsupported Python syntax: async functions",
      "4:12 PM2001 unsupported Python syntax: await",
      "5:9 PM2001 unsupported Python syntax: class keyword argument 'metaclass='",
    ]);
    const r = parseModule(src, "t.py");
    // g survives without its unsupported statement; f and A are left out.
    expect(r.module.body.map((s) => s.kind)).toEqual(["FunctionDef", "Assign"]);
  });

  it("never throws, whatever the input", () => {
    const inputs = ["", "\n\n", "(((((", ")", "def", "class :", "if\n", "'''", 'f"{', "x = [1, 2,\n3", "\t\tx\n  y\n", "\0\0", "é = 1\n", "lambda: (yield)\n", "print >>\n", "`"];
    for (const src of inputs) {
      const r = parseModule(src, "t.py");
      expect(r.module.kind).toBe("Module");
      for (const d of r.diagnostics) expect(d.loc.line).toBeGreaterThanOrEqual(1);
    }
  });
});
