// Python indexes a str by code points, JS by UTF-16 units: they differ only where astral characters
// (surrogate pairs) occur, so the conversions cost nothing for other strings.

const SURROGATE = /[\uD800-\uDBFF]/;

let lastString = "";
let lastPoints: string[] | null = null;
let lastOffsets: Int32Array | null = null;

/**
 * The code points of `s` when it has astral characters, else null. The last string asked about is
 * remembered: a loop that indexes, slices, measures or searches one string asks at every step, and the test
 * alone reads the whole string.
 */
export function astralCodePoints(s: string): string[] | null {
  if (s !== lastString) {
    lastString = s;
    lastPoints = SURROGATE.test(s) ? [...s] : null;
    lastOffsets = null;
  }
  return lastPoints;
}

/** The UTF-16 offset of each code point of the last string (`points`), and its length at the end. */
function unitOffsets(points: readonly string[]): Int32Array {
  if (!lastOffsets) {
    lastOffsets = new Int32Array(points.length + 1);
    for (let i = 0, unit = 0; i < points.length; i++) lastOffsets[i + 1] = unit += points[i]!.length;
  }
  return lastOffsets;
}

/** The UTF-16 offset of code point `cp` of `s` (its length past the end). */
export function unitOffset(s: string, cp: number): number {
  const points = astralCodePoints(s);
  if (!points) return cp;
  return unitOffsets(points)[Math.min(Math.max(0, cp), points.length)]!;
}

/** The code point index of UTF-16 offset `unit` of `s` (-1 stays -1). */
export function cpOffset(s: string, unit: number): number {
  const points = unit < 0 ? null : astralCodePoints(s);
  if (!points) return unit;
  const offsets = unitOffsets(points);
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < unit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
