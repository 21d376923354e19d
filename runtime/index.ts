// py2ts-mp/runtime: the builtins a converted module imports (print, str, range, the exact int helpers,
// exceptions, …) and runModule, which runs its main-process code.

export { defineModule, runModule } from "./module.js";
export * from "./builtins/exceptions.js";
export { asTuple, tuple, isTuple } from "./builtins/tuple.js";
export { Range, range } from "./builtins/range.js";
export { str, repr, python2FloatStr } from "./builtins/repr.js";
export { asFloat, isInteger, floatDiv, floatFloordiv, floatMod, numAdd, numSub, numMul, numDiv, numFloordiv, numMod, numPow, numNeg } from "./builtins/float.js";
export { print, printSoft, printWith } from "./builtins/print.js";
export {
  type Int, add, sub, mul, neg, abs_, floordiv, mod, truediv, pow, divmod, bitand, bitor, bitxor, lshift, rshift, invert, bitLength,
  int_, float_, round_,
} from "./builtins/int.js";
export {
  pyIter, len, truthy, operandError, andThen, orElse, eq, compare, contains, getItem, setItem, setSlice, delItem, delSlice, slice, repeat, sum, min, max, sorted,
  sortInPlace, notNone, enumerate, zip, map, filter, rangeList, mapList, filterList, zipList, iter, next, reversed, any, all, abs, list, tupleOf, dict, set, setAdd, setDiscard, frozenset, chr, ord, hex, bin, oct, isinstance, issubclass,
  enter, type_,
  type PyType,
} from "./builtins/functions.js";
export { hash } from "./builtins/hash.js";
export { Keywords, format, percentFormat, strFormat } from "./builtins/format.js";
export * from "./builtins/str.js";
export * from "./builtins/bytes.js";
export * from "./builtins/containers.js";
export { open, fspath, TextIOWrapper, BufferedFile } from "./builtins/file.js";
export { formatTraceback } from "./builtins/traceback.js";

// Last: it reads this module's exports.
import "./builtins/by-name.js";
