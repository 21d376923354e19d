// Python floats where the static type does not say float: an int-or-float variable (`total = 0` then
// `total += 1.5`), a function returning either, json.loads's values. There an integral float is a Number
// object (a "boxed" float) so it still prints as 2.0; a plain number is an int when integral, a float otherwise.
// Values statically known to be floats stay plain numbers (the converter passes "float" to str/repr).
// Also float arithmetic with CPython's ZeroDivisionError messages, which differ from the int ones.

import { ZeroDivisionError } from "./exceptions.js";
import { type Int, add, floordiv, mod, mul, neg, pow, sub, truediv } from "./int.js";

/** A float stored where an int may also be: boxed when integral. Typed `number` as it computes like one. */
export function asFloat(x: number): number {
  // The Number object is the marker that this integral value is a float.
  return Number.isInteger(x) ? (new Number(x) as unknown as number) : x;
}

/** Whether a run-time value is a Python float: a box, or a plain number that is not integral (nan, inf too). */
export function isFloat(x: unknown): boolean {
  return x instanceof Number || (typeof x === "number" && !Number.isInteger(x));
}

/** float.is_integer() */
export function isInteger(x: number): boolean {
  return Number.isInteger(+x);
}

/** Python's / on floats. */
export function floatDiv(a: number, b: number): number {
  if (+b === 0) throw new ZeroDivisionError("float division by zero");
  return a / b;
}

/** Python's // on floats. */
export function floatFloordiv(a: number, b: number): number {
  if (+b === 0) throw new ZeroDivisionError("float floor division by zero");
  return floatDivmod(+a, +b)[0];
}

/** Python's % on floats: the result has the sign of the divisor. */
export function floatMod(a: number, b: number): number {
  if (+b === 0) throw new ZeroDivisionError("float modulo");
  return floatDivmod(+a, +b)[1];
}

/** CPython's float_divmod, step by step (signs of zero included). */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  if (!div) return [vx / wx < 0 ? -0 : 0, mod];
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return [floordiv, mod];
}

// Arithmetic on int-or-float operands: a float operand makes a float result (boxed when integral), two ints
// compute exactly as ints do.

type Num = Int;
const mixed =
  (intOp: (a: Int, b: Int) => Int, floatOp: (a: number, b: number) => number) =>
  (a: Num, b: Num): Num =>
    isFloat(a) || isFloat(b) ? asFloat(floatOp(Number(a), Number(b))) : intOp(a, b);

export const numAdd = mixed(add, (a, b) => a + b);
export const numSub = mixed(sub, (a, b) => a - b);
export const numMul = mixed(mul, (a, b) => a * b);
export const numFloordiv = mixed(floordiv, floatFloordiv);
export const numMod = mixed(mod, floatMod);

/** `a / b`: always a float; the message says whether a float was divided by zero. */
export function numDiv(a: Num, b: Num): number {
  return isFloat(a) || isFloat(b) ? floatDiv(Number(a), Number(b)) : truediv(a, b);
}

/** `a ** b`: an int to a negative int power is a float too. */
export function numPow(a: Num, b: Num): Num {
  if (isFloat(a) || isFloat(b)) return asFloat(Number(a) ** Number(b));
  const r = pow(a, b);
  return b < 0 ? asFloat(r as number) : r;
}

/** `-a`, keeping a float a float. */
export function numNeg(a: Num): Num {
  return isFloat(a) ? asFloat(-Number(a)) : neg(a);
}
