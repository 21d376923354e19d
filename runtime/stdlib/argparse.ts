// argparse: CPython 3.11's ArgumentParser — its actions, its pattern-matching parse of the command line
// (options, positionals, nargs, `--`, abbreviations, mutually exclusive groups, subcommands) and its exact
// usage, help and error text (formatting in ../argparse/formatter.ts). Errors print usage and
// `prog: error: …` to stderr and raise SystemExit(2), as in Python.

import path from "node:path";
import { Exception, SystemExit, TypeError, ValueError } from "../builtins/exceptions.js";
import { contains } from "../builtins/functions.js";
import { float_ as toFloat } from "../builtins/int.js";
import { repr, str } from "../builtins/repr.js";
import { stderr, stdout } from "../io.js";
import { programModules } from "../multiprocessing/state.js";
import {
  ArgumentDefaultsHelpFormatter, HelpFormatter, ONE_OR_MORE, OPTIONAL, PARSER, RawDescriptionHelpFormatter, RawTextHelpFormatter, REMAINDER,
  SUPPRESS, ZERO_OR_MORE, callableName, type FormattedAction, type FormatterClass, type Nargs,
} from "../argparse/formatter.js";
import { argv } from "./sys.js";

export { ArgumentDefaultsHelpFormatter, HelpFormatter, ONE_OR_MORE, OPTIONAL, PARSER, RawDescriptionHelpFormatter, RawTextHelpFormatter, REMAINDER, SUPPRESS, ZERO_OR_MORE };

/** Anything with Python's write(): sys.stdout, sys.stderr, an open file. */
interface Writable {
  write(s: string): unknown;
}

type TypeFunc = (s: string) => unknown;

/** argparse.Namespace: the parsed values as attributes. */
export class Namespace {
  [attr: string]: any;

  constructor(kwargs: Record<string, unknown> = {}) {
    Object.assign(this, kwargs);
  }

  __repr__(): string {
    // Values parsed with type=float print as floats even when integral (3 → 3.0).
    const floats = floatDests.get(this);
    const items = Object.keys(this).map((k) => [k, repr(this[k], floats?.has(k) ? (Array.isArray(this[k]) ? "list[float]" : "float") : undefined)] as const);
    const named = items.filter(([k]) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(k)).map(([k, v]) => `${k}=${v}`);
    const starred = items.filter(([k]) => !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(k)).map(([k, v]) => `${repr(k)}: ${v}`);
    return `Namespace(${[...named, ...(starred.length ? [`**{${starred.join(", ")}}`] : [])].join(", ")})`;
  }

  __eq__(other: unknown): boolean {
    if (!(other instanceof Namespace)) return false;
    const a = Object.keys(this);
    const b = Object.keys(other);
    return a.length === b.length && a.every((k) => k in other && repr(this[k]) === repr(other[k]));
  }
}

// A Namespace crosses to worker processes by value, as CPython pickles it: found by this module and name.
programModules.set("argparse", { exports: { Namespace } });

const floatDests = new WeakMap<Namespace, Set<string>>();

function setValue(ns: Namespace, action: Action, value: unknown): void {
  ns[action.dest] = value;
  if (action.type === toFloat) markFloat(ns, action.dest);
}

function markFloat(ns: Namespace, dest: string): void {
  if (!floatDests.has(ns)) floatDests.set(ns, new Set());
  floatDests.get(ns)!.add(dest);
}

/** argparse.ArgumentError: a problem with one argument, named in its message. */
export class ArgumentError extends Exception {
  readonly argument_name: string | null;
  constructor(argument: Action | null, message: string) {
    super(message);
    this.argument_name = actionName(argument);
  }

  __str__(): string {
    return this.argument_name === null ? this.message : `argument ${this.argument_name}: ${this.message}`;
  }
}

/** Raised by a type= function to report a bad value in its own words. */
export class ArgumentTypeError extends Exception {}

function actionName(a: Action | null): string | null {
  if (a === null) return null;
  if (a.option_strings.length) return a.option_strings.join("/");
  if (a.metavar !== null && a.metavar !== SUPPRESS) return typeof a.metavar === "string" ? a.metavar : str(a.metavar);
  if (a.dest !== SUPPRESS) return a.dest;
  return null;
}

type ActionKind = "store" | "store_const" | "store_true" | "store_false" | "append" | "append_const" | "extend" | "count" | "help" | "version" | "parsers";

/** add_argument's keyword arguments. */
export interface ArgumentOptions {
  action?: ActionKind;
  nargs?: Nargs;
  const?: unknown;
  default?: unknown;
  type?: TypeFunc | null;
  choices?: unknown;
  required?: boolean;
  help?: string | null;
  metavar?: string | readonly string[] | null;
  dest?: string;
  version?: string;
}

/** The defaults each action kind gives the attributes add_argument leaves out. */
const KIND_DEFAULTS: Record<ActionKind, Partial<ArgumentOptions>> = {
  store: {},
  store_const: { nargs: 0 },
  store_true: { nargs: 0, const: true, default: false },
  store_false: { nargs: 0, const: false, default: true },
  append: {},
  append_const: { nargs: 0 },
  extend: {},
  count: { nargs: 0 },
  help: { nargs: 0, default: SUPPRESS, help: "show this help message and exit" },
  version: { nargs: 0, default: SUPPRESS, help: "show program's version number and exit" },
  parsers: { nargs: PARSER },
};

/** argparse.Action: one argument, what it stores and how it is shown. */
export class Action implements FormattedAction {
  readonly option_strings: string[];
  dest: string;
  readonly kind: ActionKind;
  readonly nargs: Nargs;
  readonly const: unknown;
  default: unknown;
  readonly type: TypeFunc | null;
  choices: unknown;
  readonly required: boolean;
  readonly help: string | null;
  readonly metavar: string | readonly string[] | null;
  readonly version: string | null;

  constructor(optionStrings: string[], dest: string, opts: ArgumentOptions) {
    const kind = opts.action ?? "store";
    if (!(kind in KIND_DEFAULTS)) throw new ValueError(`unknown action "${kind}"`);
    const o = { ...KIND_DEFAULTS[kind], ...opts };
    if ((kind === "store" || kind === "append") && o.nargs === 0) {
      throw new ValueError(`nargs for ${kind} actions must be != 0; if you have nothing to ${kind}, actions such as ${kind === "store" ? "store true or store const" : "append const"} may be more appropriate`);
    }
    this.option_strings = optionStrings;
    this.dest = dest;
    this.kind = kind;
    this.nargs = o.nargs ?? null;
    this.const = o.const ?? null;
    this.default = o.default ?? null;
    this.type = o.type ?? null;
    this.choices = o.choices ?? null;
    this.required = o.required ?? false;
    this.help = o.help ?? null;
    this.metavar = o.metavar ?? null;
    this.version = o.version ?? null;
  }

  subactions(): readonly FormattedAction[] {
    return [];
  }

  format_usage(): string {
    return this.option_strings[0]!;
  }

  /** What the action does with its values once parsed (Action.__call__). */
  apply(parser: ArgumentParser, ns: Namespace, values: unknown): void {
    switch (this.kind) {
      case "store":
        return setValue(ns, this, values);
      case "store_const":
      case "store_true":
      case "store_false":
        return setValue(ns, this, this.const);
      case "append":
      case "append_const":
      case "extend": {
        const items = Array.isArray(ns[this.dest]) ? [...(ns[this.dest] as unknown[])] : [];
        if (this.kind === "extend") items.push(...(values as unknown[]));
        else items.push(this.kind === "append" ? values : this.const);
        return setValue(ns, this, items);
      }
      case "count":
        ns[this.dest] = ((ns[this.dest] as number | null) ?? 0) + 1;
        return;
      case "help":
        parser.print_help();
        return parser.exit();
      case "version": {
        const formatter = parser.formatter();
        formatter.addText(this.version ?? parser.version);
        printMessage(formatter.formatHelp(), stdout);
        return parser.exit();
      }
      case "parsers":
        throw new TypeError("subparsers are applied by their own action");
    }
  }
}

/** add_subparsers()'s action: the first positional picks a subcommand, whose parser takes the rest. */
export class SubParsersAction extends Action {
  private readonly parsers = new Map<string, ArgumentParser>();
  private readonly choiceActions: Action[] = [];

  constructor(private readonly progPrefix: string, dest: string, opts: ArgumentOptions & { title?: string; description?: string }) {
    super([], dest, { ...opts, action: "parsers" });
    this.choices = this.parsers;
  }

  add_parser(name: string, opts: ParserOptions & { help?: string; aliases?: string[] } = {}): ArgumentParser {
    const { help, aliases = [], ...rest } = opts;
    if (this.parsers.has(name)) throw new ArgumentError(this, `conflicting subparser: ${name}`);
    for (const alias of aliases) if (this.parsers.has(alias)) throw new ArgumentError(this, `conflicting subparser alias: ${alias}`);
    if (help !== undefined) {
      const metavar = aliases.length ? `${name} (${aliases.join(", ")})` : name;
      this.choiceActions.push(new Action([], name, { help, metavar }));
    }
    const parser = new ArgumentParser({ ...rest, prog: rest.prog ?? `${this.progPrefix} ${name}` });
    for (const n of [name, ...aliases]) this.parsers.set(n, parser);
    return parser;
  }

  override subactions(): readonly FormattedAction[] {
    return this.choiceActions;
  }

  override apply(_parser: ArgumentParser, ns: Namespace, values: unknown): void {
    const [name, ...rest] = values as string[];
    if (this.dest !== SUPPRESS) ns[this.dest] = name;
    const parser = this.parsers.get(name!);
    if (!parser) throw new ArgumentError(this, `unknown parser ${repr(name)} (choices: ${[...this.parsers.keys()].join(", ")})`);
    const [sub, extras] = parser.parse_known_args(rest) as [Namespace, string[]];
    for (const k of Object.keys(sub)) {
      ns[k] = sub[k];
      if (floatDests.get(sub)?.has(k)) markFloat(ns, k);
    }
    if (extras.length) unrecognized.set(ns, [...(unrecognized.get(ns) ?? []), ...extras]);
  }
}

/** Arguments a subcommand's parser did not recognize, reported by the top-level parser. */
const unrecognized = new WeakMap<Namespace, string[]>();

/** What argument groups share with their parser: the actions, option strings and defaults. */
interface Registry {
  readonly actions: Action[];
  readonly optionActions: Map<string, Action>;
  readonly defaults: Map<string, unknown>;
  readonly mutexGroups: MutuallyExclusiveGroup[];
  hasNegativeNumberOptionals: boolean;
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** _ActionsContainer: add_argument and the groups, for parsers and argument groups alike. */
abstract class ActionsContainer {
  constructor(readonly registry: Registry, readonly prefix_chars: string) {}

  add_argument(...args: (string | ArgumentOptions)[]): Action {
    const last = args.at(-1);
    const opts: ArgumentOptions = typeof last === "object" ? (args.pop() as ArgumentOptions) : {};
    const names = args as string[];
    let optionStrings: string[] = [];
    let dest: string;
    let required = opts.required;
    if (names.length === 0 || (names.length === 1 && !this.prefix_chars.includes(names[0]![0]!))) {
      if (names.length && opts.dest !== undefined) throw new ValueError("dest supplied twice for positional argument");
      if (opts.required !== undefined) throw new TypeError("'required' is an invalid argument for positionals");
      dest = names[0] ?? opts.dest!;
      required = !(opts.nargs === OPTIONAL || opts.nargs === ZERO_OR_MORE) || (opts.nargs === ZERO_OR_MORE && !("default" in opts));
    } else {
      optionStrings = names.map((o) => {
        if (!this.prefix_chars.includes(o[0]!)) throw new ValueError(`invalid option string ${repr(o)}: must start with a character ${repr(this.prefix_chars)}`);
        return o;
      });
      const long = optionStrings.filter((o) => o.length > 1 && this.prefix_chars.includes(o[1]!));
      dest = opts.dest ?? (long[0] ?? optionStrings[0]!).replace(new RegExp(`^[${escapeClass(this.prefix_chars)}]+`), "").replace(/-/g, "_");
      if (!dest) throw new ValueError(`dest= is required for options like ${repr(names.at(-1))}`);
    }
    const withDefault = !("default" in opts) && this.registry.defaults.has(dest) ? { ...opts, default: this.registry.defaults.get(dest) } : opts;
    const action = new Action(optionStrings, dest, { ...withDefault, required });
    if (action.type !== null && typeof action.type !== "function") throw new ValueError(`${repr(action.type)} is not callable`);
    return this.addAction(action);
  }

  add_argument_group(opts: { title?: string | null; description?: string | null } = {}): ArgumentGroup {
    return this.owningParser().addGroup(opts.title ?? null, opts.description ?? null);
  }

  add_mutually_exclusive_group(opts: { required?: boolean } = {}): MutuallyExclusiveGroup {
    const group = new MutuallyExclusiveGroup(this, opts.required ?? false);
    this.registry.mutexGroups.push(group);
    return group;
  }

  set_defaults(kwargs: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(kwargs)) this.registry.defaults.set(k, v);
    for (const a of this.registry.actions) if (a.dest in kwargs) a.default = kwargs[a.dest];
  }

  get_default(dest: string): unknown {
    for (const a of this.registry.actions) if (a.dest === dest && a.default !== null) return a.default;
    return this.registry.defaults.get(dest) ?? null;
  }

  addAction(action: Action): Action {
    const conflicts = action.option_strings.filter((o) => this.registry.optionActions.has(o));
    if (conflicts.length) throw new ArgumentError(action, `conflicting option string${conflicts.length > 1 ? "s" : ""}: ${conflicts.join(", ")}`);
    this.registry.actions.push(action);
    for (const o of action.option_strings) {
      this.registry.optionActions.set(o, action);
      if (NEGATIVE_NUMBER.test(o)) this.registry.hasNegativeNumberOptionals = true;
    }
    return action;
  }

  abstract owningParser(): ArgumentParser;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, "\\$&");
}

/** add_argument_group(): a titled section of the help; its arguments belong to the parser. */
export class ArgumentGroup extends ActionsContainer {
  readonly _group_actions: Action[] = [];

  constructor(private readonly owner: ArgumentParser, registry: Registry, readonly title: string | null, readonly description: string | null) {
    super(registry, owner.prefix_chars);
  }

  override addAction(action: Action): Action {
    super.addAction(action);
    this._group_actions.push(action);
    return action;
  }

  owningParser(): ArgumentParser {
    return this.owner;
  }
}

/** add_mutually_exclusive_group(): at most one of its (optional) arguments may be given. */
export class MutuallyExclusiveGroup extends ActionsContainer {
  readonly _group_actions: Action[] = [];

  constructor(private readonly container: ActionsContainer, readonly required: boolean) {
    super(container.registry, container.prefix_chars);
  }

  override addAction(action: Action): Action {
    if (action.required) throw new ValueError("mutually exclusive arguments must be optional");
    this.container.addAction(action);
    this._group_actions.push(action);
    return action;
  }

  owningParser(): ArgumentParser {
    return this.container.owningParser();
  }
}

function printMessage(message: string, file: Writable): void {
  if (message) file.write(message);
}

/** ArgumentParser's keyword arguments. */
export interface ParserOptions {
  prog?: string | null;
  usage?: string | null;
  description?: string | null;
  epilog?: string | null;
  formatter_class?: FormatterClass;
  prefix_chars?: string;
  argument_default?: unknown;
  add_help?: boolean;
  allow_abbrev?: boolean;
  exit_on_error?: boolean;
}

/** NS: the converter's static type of what parse_args returns (the Namespace with its attributes typed). */
export class ArgumentParser<NS = any> extends ActionsContainer {
  readonly prog: string;
  usage: string | null;
  description: string | null;
  epilog: string | null;
  version: string | null = null;
  private readonly formatterClass: FormatterClass;
  private readonly allowAbbrev: boolean;
  private readonly exitOnError: boolean;
  private readonly groups: ArgumentGroup[] = [];
  private readonly positionals: ArgumentGroup;
  private readonly optionals: ArgumentGroup;
  private subparsers: SubParsersAction | null = null;

  constructor(opts: ParserOptions = {}) {
    const prefixChars = opts.prefix_chars ?? "-";
    super({ actions: [], optionActions: new Map(), defaults: new Map(), mutexGroups: [], hasNegativeNumberOptionals: false }, prefixChars);
    this.prog = opts.prog ?? path.basename(argv[0] ?? "");
    this.usage = opts.usage ?? null;
    this.description = opts.description ?? null;
    this.epilog = opts.epilog ?? null;
    this.formatterClass = opts.formatter_class ?? HelpFormatter;
    this.allowAbbrev = opts.allow_abbrev ?? true;
    this.exitOnError = opts.exit_on_error ?? true;
    this.positionals = this.addGroup("positional arguments", null);
    this.optionals = this.addGroup("options", null);
    if (opts.add_help ?? true) {
      const p = prefixChars.includes("-") ? "-" : prefixChars[0]!;
      this.add_argument(`${p}h`, `${p}${p}help`, { action: "help" });
    }
  }

  /** Arguments added to the parser itself go to the positional or the options section. */
  override addAction(action: Action): Action {
    return (action.option_strings.length ? this.optionals : this.positionals).addAction(action);
  }

  addGroup(title: string | null, description: string | null): ArgumentGroup {
    const group = new ArgumentGroup(this, this.registry, title, description);
    this.groups.push(group);
    return group;
  }

  owningParser(): ArgumentParser {
    return this;
  }

  add_subparsers(opts: { title?: string; description?: string; dest?: string; required?: boolean; help?: string; metavar?: string; prog?: string } = {}): SubParsersAction {
    if (this.subparsers) this.error("cannot have multiple subparser arguments");
    const { title, description, prog, ...rest } = opts;
    const group = title !== undefined || description !== undefined ? this.addGroup(title ?? "subcommands", description ?? null) : this.positionals;
    let prefix = prog;
    if (prefix === undefined) {
      const formatter = this.formatter();
      formatter.addUsage(this.usage, this.registry.actions.filter((a) => !a.option_strings.length), this.registry.mutexGroups, "");
      prefix = formatter.formatHelp().trim();
    }
    const action = new SubParsersAction(prefix, rest.dest ?? SUPPRESS, rest);
    group.addAction(action);
    this.subparsers = action;
    return action;
  }

  parse_args(args: readonly string[] | null = null, namespace: Namespace | null = null): NS {
    const [ns, extras] = this.parse_known_args(args, namespace);
    if (extras.length) this.error(`unrecognized arguments: ${extras.join(" ")}`);
    return ns;
  }

  parse_known_args(args: readonly string[] | null = null, namespace: Namespace | null = null): [NS, string[]] {
    const strings = args === null ? argv.slice(1) : [...args];
    const ns = namespace ?? new Namespace();
    for (const a of this.registry.actions) {
      if (a.dest !== SUPPRESS && !(a.dest in ns) && a.default !== SUPPRESS) setValue(ns, a, a.default);
    }
    for (const [dest, value] of this.registry.defaults) if (!(dest in ns)) ns[dest] = value;
    let extras: string[];
    try {
      extras = this.parseKnown(strings, ns);
    } catch (e) {
      if (this.exitOnError && e instanceof ArgumentError) this.error(e.__str__());
      throw e;
    }
    const more = unrecognized.get(ns);
    if (more) {
      extras.push(...more);
      unrecognized.delete(ns);
    }
    return [ns as NS, extras];
  }

  /** _parse_known_args: classify each string as an option (O) or argument (A), then consume them in turn. */
  private parseKnown(strings: string[], ns: Namespace): string[] {
    const conflicts = new Map<Action, Action[]>();
    for (const group of this.registry.mutexGroups) {
      group._group_actions.forEach((a, i) => {
        const list = conflicts.get(a) ?? [];
        list.push(...group._group_actions.slice(0, i), ...group._group_actions.slice(i + 1));
        conflicts.set(a, list);
      });
    }
    const optionIndices = new Map<number, OptionTuple>();
    let pattern = "";
    for (let i = 0; i < strings.length; i++) {
      if (strings[i] === "--") {
        pattern += "-" + "A".repeat(strings.length - i - 1);
        break;
      }
      const tuple = this.parseOptional(strings[i]!);
      if (tuple) optionIndices.set(i, tuple);
      pattern += tuple ? "O" : "A";
    }

    const seen = new Set<Action>();
    const seenNonDefault = new Set<Action>();
    const extras: string[] = [];
    const takeAction = (action: Action, argStrings: string[]) => {
      seen.add(action);
      const values = this.getValues(action, argStrings);
      if (values !== action.default) {
        seenNonDefault.add(action);
        for (const c of conflicts.get(action) ?? []) {
          if (seenNonDefault.has(c)) throw new ArgumentError(action, `not allowed with argument ${actionName(c)}`);
        }
      }
      if (values !== SUPPRESS) action.apply(this, ns, values);
    };

    const consumeOptional = (startIndex: number): number => {
      let [action, optionString, explicitArg] = optionIndices.get(startIndex)!;
      const tuples: [Action, string[], string][] = [];
      let stop: number;
      for (;;) {
        if (action === null) {
          extras.push(strings[startIndex]!);
          return startIndex + 1;
        }
        if (explicitArg !== null) {
          const count = this.matchArgument(action, "A");
          if (count === 0 && !this.prefix_chars.includes(optionString[1]!) && explicitArg !== "") {
            tuples.push([action, [], optionString]);
            optionString = optionString[0]! + explicitArg[0]!;
            const next = explicitArg.slice(1) || null;
            const found = this.registry.optionActions.get(optionString);
            if (!found) throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
            action = found;
            explicitArg = next;
          } else if (count === 1) {
            stop = startIndex + 1;
            tuples.push([action, [explicitArg], optionString]);
            break;
          } else throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
        } else {
          const start = startIndex + 1;
          const count = this.matchArgument(action, pattern.slice(start));
          stop = start + count;
          tuples.push([action, strings.slice(start, stop), optionString]);
          break;
        }
      }
      for (const [a, args] of tuples) takeAction(a, args);
      return stop;
    };

    const positionals = this.registry.actions.filter((a) => !a.option_strings.length);
    const consumePositionals = (startIndex: number): number => {
      const counts = this.matchArgumentsPartial(positionals, pattern.slice(startIndex));
      counts.forEach((count, i) => {
        takeAction(positionals[i]!, strings.slice(startIndex, startIndex + count));
        startIndex += count;
      });
      positionals.splice(0, counts.length);
      return startIndex;
    };

    let startIndex = 0;
    const maxOptionIndex = optionIndices.size ? Math.max(...optionIndices.keys()) : -1;
    while (startIndex <= maxOptionIndex) {
      const nextOption = Math.min(...[...optionIndices.keys()].filter((i) => i >= startIndex));
      if (startIndex !== nextOption) {
        const end = consumePositionals(startIndex);
        if (end > startIndex) {
          startIndex = end;
          continue;
        }
        startIndex = end;
      }
      if (!optionIndices.has(startIndex)) {
        extras.push(...strings.slice(startIndex, nextOption));
        startIndex = nextOption;
      }
      startIndex = consumeOptional(startIndex);
    }
    const stopIndex = consumePositionals(startIndex);
    extras.push(...strings.slice(stopIndex));

    const required: string[] = [];
    for (const a of this.registry.actions) {
      if (seen.has(a)) continue;
      if (a.required) required.push(actionName(a)!);
      else if (typeof a.default === "string" && a.dest in ns && ns[a.dest] === a.default) setValue(ns, a, this.getValue(a, a.default));
    }
    if (required.length) this.error(`the following arguments are required: ${required.join(", ")}`);
    for (const group of this.registry.mutexGroups) {
      if (group.required && !group._group_actions.some((a) => seenNonDefault.has(a))) {
        const names = group._group_actions.filter((a) => a.help !== SUPPRESS).map((a) => actionName(a));
        this.error(`one of the arguments ${names.join(" ")} is required`);
      }
    }
    return extras;
  }

  /** _parse_optional: the action an option string names (null: an unknown option), or undefined for an argument. */
  private parseOptional(arg: string): OptionTuple | undefined {
    if (!arg || !this.prefix_chars.includes(arg[0]!)) return undefined;
    const exact = this.registry.optionActions.get(arg);
    if (exact) return [exact, arg, null];
    if (arg.length === 1) return undefined;
    if (arg.includes("=")) {
      const [option, explicit] = splitOnce(arg);
      const action = this.registry.optionActions.get(option);
      if (action) return [action, option, explicit];
    }
    const tuples = this.optionTuples(arg);
    if (tuples.length > 1) this.error(`ambiguous option: ${arg} could match ${tuples.map((t) => t[1]).join(", ")}`);
    if (tuples.length === 1) return tuples[0];
    if (NEGATIVE_NUMBER.test(arg) && !this.registry.hasNegativeNumberOptionals) return undefined;
    if (arg.includes(" ")) return undefined;
    return [null, arg, null];
  }

  /** _get_option_tuples: the options an abbreviation (or a short option with its value attached) could mean. */
  private optionTuples(arg: string): OptionTuple[] {
    const chars = this.prefix_chars;
    const result: OptionTuple[] = [];
    if (chars.includes(arg[0]!) && chars.includes(arg[1]!)) {
      if (this.allowAbbrev) {
        const [prefix, explicit] = arg.includes("=") ? splitOnce(arg) : [arg, null];
        for (const [o, a] of this.registry.optionActions) if (o.startsWith(prefix)) result.push([a, o, explicit]);
      }
    } else if (chars.includes(arg[0]!)) {
      const short = arg.slice(0, 2);
      const shortExplicit = arg.slice(2);
      for (const [o, a] of this.registry.optionActions) {
        if (o === short) result.push([a, o, shortExplicit]);
        else if (o.startsWith(arg)) result.push([a, o, null]);
      }
    } else this.error(`unexpected option string: ${arg}`);
    return result;
  }

  private matchArgument(action: Action, pattern: string): number {
    const m = new RegExp(`^${nargsPattern(action)}`).exec(pattern);
    if (!m) {
      const messages: Record<string, string> = { [OPTIONAL]: "expected at most one argument", [ONE_OR_MORE]: "expected at least one argument" };
      const n = action.nargs;
      const msg = n === null ? "expected one argument" : (messages[n as string] ?? (n === 1 ? "expected 1 argument" : `expected ${n} arguments`));
      throw new ArgumentError(action, msg);
    }
    return m[1]!.length;
  }

  private matchArgumentsPartial(actions: readonly Action[], pattern: string): number[] {
    for (let i = actions.length; i > 0; i--) {
      const m = new RegExp(`^${actions.slice(0, i).map(nargsPattern).join("")}`).exec(pattern);
      if (m) return m.slice(1).map((g) => g.length);
    }
    return [];
  }

  private getValues(action: Action, argStrings: string[]): unknown {
    if (action.nargs !== PARSER && action.nargs !== REMAINDER) {
      const dash = argStrings.indexOf("--");
      if (dash >= 0) argStrings.splice(dash, 1);
    }
    if (!argStrings.length && action.nargs === OPTIONAL) {
      let value = action.option_strings.length ? action.const : action.default;
      if (typeof value === "string") {
        value = this.getValue(action, value);
        this.checkValue(action, value);
      }
      return value;
    }
    if (!argStrings.length && action.nargs === ZERO_OR_MORE && !action.option_strings.length) {
      const value = action.default !== null ? action.default : argStrings;
      this.checkValue(action, value);
      return value;
    }
    if (argStrings.length === 1 && (action.nargs === null || action.nargs === OPTIONAL)) {
      const value = this.getValue(action, argStrings[0]!);
      this.checkValue(action, value);
      return value;
    }
    if (action.nargs === REMAINDER) return argStrings.map((s) => this.getValue(action, s));
    if (action.nargs === PARSER) {
      const values = argStrings.map((s) => this.getValue(action, s));
      this.checkValue(action, values[0]);
      return values;
    }
    if (action.nargs === SUPPRESS) return SUPPRESS;
    const values = argStrings.map((s) => this.getValue(action, s));
    for (const v of values) this.checkValue(action, v);
    return values;
  }

  private getValue(action: Action, arg: string): unknown {
    if (action.type === null) return arg;
    try {
      return action.type(arg);
    } catch (e) {
      if (e instanceof ArgumentTypeError) throw new ArgumentError(action, str(e));
      if (e instanceof TypeError || e instanceof ValueError) {
        throw new ArgumentError(action, `invalid ${callableName(action.type)} value: ${repr(arg)}`);
      }
      throw e;
    }
  }

  private checkValue(action: Action, value: unknown): void {
    if (action.choices !== null && !contains(action.choices, value)) {
      const choices = [...(action.choices instanceof Map ? action.choices.keys() : (action.choices as Iterable<unknown>))];
      throw new ArgumentError(action, `invalid choice: ${repr(value)} (choose from ${choices.map((c) => repr(c)).join(", ")})`);
    }
  }

  formatter(): HelpFormatter {
    return new this.formatterClass(this.prog);
  }

  format_usage(): string {
    const formatter = this.formatter();
    formatter.addUsage(this.usage, this.registry.actions, this.registry.mutexGroups);
    return formatter.formatHelp();
  }

  format_help(): string {
    const formatter = this.formatter();
    formatter.addUsage(this.usage, this.registry.actions, this.registry.mutexGroups);
    formatter.addText(this.description);
    for (const group of this.groups) {
      formatter.startSection(group.title);
      formatter.addText(group.description);
      formatter.addArguments(group._group_actions);
      formatter.endSection();
    }
    formatter.addText(this.epilog);
    return formatter.formatHelp();
  }

  print_usage(file: Writable | null = null): void {
    printMessage(this.format_usage(), file ?? stdout);
  }

  print_help(file: Writable | null = null): void {
    printMessage(this.format_help(), file ?? stdout);
  }

  exit(status: number = 0, message: string | null = null): never {
    if (message) printMessage(message, stderr);
    throw new SystemExit(status);
  }

  error(message: string): never {
    this.print_usage(stderr);
    return this.exit(2, `${this.prog}: error: ${message}\n`);
  }
}

/** An option string's action (null: unknown), the option as written, and a value attached with `=`. */
type OptionTuple = [Action | null, string, string | null];

function splitOnce(s: string): [string, string] {
  const i = s.indexOf("=");
  return [s.slice(0, i), s.slice(i + 1)];
}

/** _get_nargs_pattern: a regex over the O/A/- classification matching the strings this action takes. */
function nargsPattern(action: Action): string {
  const n = action.nargs;
  let p: string;
  if (n === null) p = "(-*A-*)";
  else if (n === OPTIONAL) p = "(-*A?-*)";
  else if (n === ZERO_OR_MORE) p = "(-*[A-]*)";
  else if (n === ONE_OR_MORE) p = "(-*A[A-]*)";
  else if (n === REMAINDER) p = "([-AO]*)";
  else if (n === PARSER) p = "(-*A[-AO]*)";
  else if (n === SUPPRESS) p = "(-*-*)";
  else p = `(-*${Array<string>(n as number).fill("A").join("-*")}-*)`;
  return action.option_strings.length ? p.replace(/-\*/g, "").replace(/-/g, "") : p;
}
