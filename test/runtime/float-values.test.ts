// Int-or-float values (runtime/builtins/float.ts): a boxed integral float prints, compares, formats and
// crosses to a worker as a float; arithmetic on int-or-float operands keeps float-ness and int exactness.

import { describe, expect, it } from "vitest";
import { asFloat, compare, eq, format, numAdd, numDiv, numFloordiv, numMod, numMul, numPow, repr, str } from "../../runtime/index.js";
import { dumps, loads } from "../../runtime/multiprocessing/serialize.js";

describe("int-or-float values", () => {
  it("print an integral float as a float and an int as an int", () => {
    expect(str(asFloat(2), "int | float")).toBe("2.0");
    expect(str(2, "int | float")).toBe("2");
    expect(repr([1, asFloat(2), 2.5], "list[int | float]")).toBe("[1, 2.0, 2.5]");
    expect(format(asFloat(3), ".2f")).toBe("3.00");
    expect(format(asFloat(3), "")).toBe("3.0");
  });

  it("compare by value with ints and plain floats", () => {
    expect(eq(asFloat(2), 2)).toBe(true);
    expect(eq(asFloat(2), asFloat(2))).toBe(true);
    expect(compare(asFloat(2), 3)).toBe(-1);
  });

  it("keep a float result a float and an int result an exact int", () => {
    expect(str(numAdd(asFloat(1), 1), "int | float")).toBe("2.0");
    expect(str(numMul(2, 3), "int | float")).toBe("6");
    expect(numMul(2 ** 40, 2 ** 40)).toBe(2n ** 80n);
    expect(str(numPow(2, -1), "int | float")).toBe("0.5");
    expect(str(numPow(1, -1), "int | float")).toBe("1.0");
    expect(str(numFloordiv(asFloat(7), 2), "int | float")).toBe("3.0");
  });

  it("raise the int or the float ZeroDivisionError message by the operands' kinds", () => {
    expect(() => numDiv(1, 0)).toThrow("division by zero");
    expect(() => numDiv(asFloat(1), 0)).toThrow("float division by zero");
    expect(() => numMod(1, 0)).toThrow("integer modulo by zero");
    expect(() => numMod(asFloat(1), 0)).toThrow("float modulo");
  });

  it("stay boxed across a worker boundary", () => {
    expect(str(loads(dumps([asFloat(2), 2])), "list[int | float]")).toBe("[2.0, 2]");
  });
});
