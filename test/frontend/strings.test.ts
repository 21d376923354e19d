// String literals decode as CPython decodes them (values recorded with python3 -c 'print(repr(...))'),
// and f-strings become JoinedStr/FormattedValue with conversions, specs and nested fields.

import { describe, expect, it } from "vitest";
import { errors, expr, show } from "./helpers.js";

const str = (src: string, dialect?: 2 | 3) => {
  const e = expr(`${src}\n`, dialect);
  if (e.kind !== "Constant" || e.value.type !== "str") throw new Error(`not a str constant: ${e.kind}`);
  return e.value.value;
};

describe("string literals", () => {
  // Each expected value is CPython 3.11's repr of the literal, as a JS string.
  it.each([
    [String.raw`"a\nb\tc"`, "a\nb\tc"],
    [String.raw`"\x41\u4e2d\U0001F600"`, "A中😀"],
    [String.raw`"\101\7\0"`, "A\x07\x00"],
    [String.raw`"\1234"`, "S4"],
    [String.raw`"\777"`, "\u01ff"],
    ['"a\\\nb"', "ab"],
    [String.raw`r"\n\x41"`, "\\n\\x41"],
    [String.raw`"\q\d"`, "\\q\\d"],
    [String.raw`'\'\"\\'`, "'\"\\"],
    [String.raw`"\a\b\f\v\r"`, "\x07\x08\x0c\x0b\r"],
    [String.raw`u"\u00e9"`, "é"],
    ['"中文"', "中文"],
    ['"""two\nlines"""', "two\nlines"],
  ])("%s decodes as CPython", (src, value) => {
    expect(str(src)).toBe(value);
  });

  it("bytes: escapes decode to byte values, \\u stays literal, octal wraps to a byte", () => {
    // CPython: b'\x41\xff' -> b'A\xff'; b'\u0041' -> b'\\u0041'; b'\777' -> b'\xff'; rb'\n' -> b'\\n'
    expect(show(expr(String.raw`b"\x41\xff"` + "\n"))).toBe("b[65,255]");
    expect(show(expr(String.raw`b"\u0041"` + "\n"))).toBe("b[92,117,48,48,52,49]");
    expect(show(expr(String.raw`b"\777"` + "\n"))).toBe("b[255]");
    expect(show(expr(String.raw`rb"\n"` + "\n"))).toBe("b[92,110]");
  });

  it("adjacent literals concatenate, f-strings included", () => {
    expect(str(`"a" 'b' """c"""`)).toBe("abc");
    expect(show(expr(`"x=" f"{x}" "!"\n`))).toBe('f<"x=" {x} "!">');
    expect(show(expr(`b"a" b"b"\n`))).toBe("b[97,98]");
  });

  it("bad literals are located errors", () => {
    expect(errors('x = "a" b"b"\n')).toEqual(["1:5 PM1010 invalid literal: cannot mix bytes and nonbytes literals"]);
    expect(errors('x = b"中"\n')).toEqual(["1:5 PM1010 invalid literal: bytes can only contain ASCII literal characters"]);
    expect(errors('y = 1\nx = "\\N{DASH}"\n')).toEqual([
      "2:5 PM1010 invalid literal: \\N{...} escapes are not supported; write the character or \\u",
    ]);
  });
});

describe("f-strings", () => {
  it("literal parts, conversions and format specs with nested fields", () => {
    // CPython: f"{x!r:>{w}} {{}} \n" has parts {x!r:>{w}}, ' {} \n'
    expect(show(expr(String.raw`f"{x!r:>{w}} {{}} \n"` + "\n"))).toBe('f<{x!r:f<">" {w}>} " {} \\n">');
    expect(show(expr(`f"{a:{b}x{c!r}}"\n`))).toBe('f<{a:f<{b} "x" {c!r}>}>');
    expect(show(expr(`f"{n:,.2f}%"\n`))).toBe('f<{n:f<",.2f">} "%">');
    expect(show(expr(`rf"\\d{x}"\n`))).toBe('f<"\\\\d" {x}>');
  });

  it("self-documenting fields keep their source text and default to repr", () => {
    // CPython: x=1; f"{x = }|{x=}|{ x = !s}|{x=:>4}" == 'x = 1|x=1| x = 1|x=   1'
    expect(show(expr(`f"{x = }|{x=}|{ x = !s}|{x=:>4}"\n`))).toBe('f<{"x = "x!r} "|" {"x="x!r} "|" {" x = "x!s} "|" {"x="x:f<">4">}>');
  });

  it("an expression list in a field is a tuple", () => {
    expect(show(expr(`f"{a, b}"\n`))).toBe("f<{(a, b,)}>");
  });
});
