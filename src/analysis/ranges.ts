// Integer range arithmetic: the interval of `a op b` from the intervals of a and b. A result inside
// ±(2^53-1) lets the emitter use plain JS number operators; anything else goes through exact Int helpers.

import type { BinaryOperator } from "../frontend/ast.js";
import type { IntRange } from "./types.js";

const ALL: IntRange = { lo: -Infinity, hi: Infinity };

/** Multiplication where 0 * Infinity is 0 (an interval end that is 0 stays 0). */
function mul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

function span(...xs: number[]): IntRange {
  return { lo: Math.min(...xs), hi: Math.max(...xs) };
}

export function intBinop(op: BinaryOperator, a: IntRange, b: IntRange): IntRange {
  switch (op) {
    case "+":
      return { lo: a.lo + b.lo, hi: a.hi + b.hi };
    case "-":
      return { lo: a.lo - b.hi, hi: a.hi - b.lo };
    case "*":
      return span(mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi));
    case "**": {
      if (b.lo < 0 || !Number.isFinite(b.hi)) return ALL;
      const m = Math.max(Math.abs(a.lo), Math.abs(a.hi));
      const top = m ** b.hi;
      return a.lo >= 0 ? { lo: b.lo === 0 ? Math.min(1, a.lo ** b.lo) : a.lo ** b.lo, hi: Math.max(top, 1) } : { lo: -top, hi: top };
    }
    case "//": {
      const m = Math.max(Math.abs(a.lo), Math.abs(a.hi));
      return a.lo >= 0 && b.lo > 0 ? { lo: 0, hi: a.hi } : { lo: -m - 1, hi: m + 1 };
    }
    case "%": {
      if (b.lo > 0) return { lo: 0, hi: b.hi - 1 };
      const m = Math.max(Math.abs(b.lo), Math.abs(b.hi));
      return { lo: -m, hi: m };
    }
    case "&":
      if (a.lo >= 0 && b.lo >= 0) return { lo: 0, hi: Math.min(a.hi, b.hi) };
      return ALL;
    case "|":
    case "^":
      if (a.lo >= 0 && b.lo >= 0) {
        const bits = Math.ceil(Math.log2(Math.max(a.hi, b.hi) + 1));
        return { lo: 0, hi: 2 ** bits - 1 };
      }
      return ALL;
    case ">>":
      if (b.lo >= 0) return { lo: Math.min(a.lo, 0), hi: Math.max(a.hi, 0) };
      return ALL;
    case "<<":
      if (b.lo >= 0 && Number.isFinite(b.hi)) return span(a.lo * 2 ** b.hi, a.hi * 2 ** b.hi, a.lo, a.hi);
      return ALL;
    default:
      return ALL;
  }
}

export function negate(a: IntRange): IntRange {
  return { lo: -a.hi, hi: -a.lo };
}
