// Calling a target with Python keyword arguments (Process(kwargs=...), apply_async(kwds=...)): the
// emitted function's parameter names are read from its source, so a keyword lands in its position.

import { TypeError } from "../builtins/exceptions.js";

const paramCache = new WeakMap<(...a: never[]) => unknown, string[]>();

/** Parameter names of a plain or arrow function, skipping default values (nested brackets, strings). */
export function parameterNames(fn: (...a: never[]) => unknown): string[] {
  const cached = paramCache.get(fn);
  if (cached) return cached;
  const src = Function.prototype.toString.call(fn);
  const open = src.indexOf("(");
  const names: string[] = [];
  let depth = 0;
  let current = "";
  let inDefault = false;
  let quote = "";
  for (let i = open + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if ((ch === ")" || ch === "]" || ch === "}") && depth > 0) depth--;
    else if (depth === 0 && (ch === "," || ch === ")")) {
      if (current.trim()) names.push(current.trim().replace(/^\.\.\./, ""));
      current = "";
      inDefault = false;
      if (ch === ")") break;
    } else if (depth === 0 && ch === "=") inDefault = true;
    else if (!inDefault) current += ch;
  }
  paramCache.set(fn, names);
  return names;
}

/** fn(*args, **kwargs) with CPython's errors for an unknown or a repeated keyword. */
export function callWithKeywords(fn: (...a: unknown[]) => unknown, args: readonly unknown[], kwargs: Map<string, unknown> | null | undefined): unknown {
  if (!kwargs || kwargs.size === 0) return fn(...args);
  const names = parameterNames(fn);
  const full: unknown[] = [...args];
  for (const [k, v] of kwargs) {
    const i = names.indexOf(k);
    if (i < 0) throw new TypeError(`${fn.name}() got an unexpected keyword argument '${k}'`);
    if (i < args.length) throw new TypeError(`${fn.name}() got multiple values for argument '${k}'`);
    full[i] = v;
  }
  return fn(...full);
}

const PARTIAL = Symbol("py2ts-mp.partial");

/** What a partial object holds: the function, the fixed positionals and the fixed keywords. */
export interface PartialParts {
  readonly func: (...a: unknown[]) => unknown;
  readonly args: readonly unknown[];
  readonly keywords: Map<string, unknown> | null;
}

/**
 * functools.partial(func, *args, **keywords): a function with leading arguments (and keywords) fixed. It
 * keeps its parts, so that it pickles as CPython's partial does (by its function's name and its arguments:
 * `pool.map(partial(f, scale=10), items)`). The keywords come last, as a Map (the emitter's Keywords).
 */
export function makePartial(func: (...a: unknown[]) => unknown, args: readonly unknown[], keywords: Map<string, unknown> | null): (...rest: unknown[]) => unknown {
  // A partial of a partial is one partial of the inner function, as in CPython.
  const inner = partialParts(func);
  if (inner) {
    const merged = new Map([...(inner.keywords ?? []), ...(keywords ?? [])]);
    return makePartial(inner.func, [...inner.args, ...args], merged);
  }
  const parts: PartialParts = { func, args, keywords: keywords && keywords.size > 0 ? keywords : null };
  const fn = (...rest: unknown[]) => callWithKeywords(func, [...args, ...rest], parts.keywords);
  return Object.defineProperty(fn, PARTIAL, { value: parts });
}

/** The parts of a function made by makePartial, or undefined. */
export function partialParts(fn: unknown): PartialParts | undefined {
  return typeof fn === "function" ? (fn as { [PARTIAL]?: PartialParts })[PARTIAL] : undefined;
}

