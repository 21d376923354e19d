// argparse's help formatters: a line-for-line port of CPython 3.11's HelpFormatter (usage wrapping, the
// action columns, help expansion) so that usage, help and error text are byte-identical to Python's.

import { percentFormat } from "../builtins/format.js";
import { pyIter } from "../builtins/functions.js";
import { float_, int_ } from "../builtins/int.js";
import { str } from "../builtins/repr.js";
import { fill, wrap } from "../stdlib/textwrap.js";

export const SUPPRESS = "==SUPPRESS==";
export const OPTIONAL = "?";
export const ZERO_OR_MORE = "*";
export const ONE_OR_MORE = "+";
export const PARSER = "A...";
export const REMAINDER = "...";

export type Nargs = number | string | null;

/** What the formatter reads of an action (argparse.Action's public attributes). */
export interface FormattedAction {
  readonly option_strings: string[];
  readonly dest: string;
  readonly nargs: Nargs;
  readonly const: unknown;
  readonly default: unknown;
  readonly type: ((s: string) => unknown) | null;
  readonly choices: unknown;
  readonly required: boolean;
  readonly help: string | null;
  readonly metavar: string | readonly string[] | null;
  /** The actions listed indented under this one (a subparsers action's commands). */
  subactions(): readonly FormattedAction[];
}

export interface FormattedGroup {
  readonly required: boolean;
  readonly _group_actions: readonly FormattedAction[];
}

/** The runtime's builtins under their Python names. */
const BUILTIN_NAMES = new Map<unknown, string>([[int_, "int"], [float_, "float"], [str, "str"]]);

/** Python's __name__ of a type callable (`int` for the runtime's int_). */
export function callableName(fn: (s: string) => unknown): string {
  return BUILTIN_NAMES.get(fn) ?? fn.name;
}

/** shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80. */
function terminalColumns(): number {
  const env = Number.parseInt(process.env.COLUMNS ?? "", 10);
  if (env > 0) return env;
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : 80;
}

type Item = () => string;

class Section {
  readonly items: Item[] = [];
  constructor(
    private readonly formatter: HelpFormatter,
    readonly parent: Section | null,
    private readonly heading: string | null = null,
  ) {}

  formatHelp(): string {
    if (this.parent) this.formatter.indent();
    const itemHelp = joinParts(this.items.map((f) => f()));
    if (this.parent) this.formatter.dedent();
    if (!itemHelp) return "";
    const heading = this.heading !== SUPPRESS && this.heading !== null ? `${" ".repeat(this.formatter.currentIndent)}${this.heading}:\n` : "";
    return joinParts(["\n", heading, itemHelp, "\n"]);
  }
}

function joinParts(parts: readonly (string | null)[]): string {
  return parts.filter((p) => p && p !== SUPPRESS).join("");
}

const pad = (n: number) => " ".repeat(Math.max(n, 0));

export class HelpFormatter {
  private readonly indentIncrement: number;
  private readonly maxHelpPosition: number;
  private readonly width: number;
  currentIndent = 0;
  private actionMaxLength = 0;
  private readonly root: Section;
  private current: Section;

  constructor(readonly prog: string, indentIncrement = 2, maxHelpPosition = 24, width: number | null = null) {
    const w = width ?? terminalColumns() - 2;
    this.indentIncrement = indentIncrement;
    this.maxHelpPosition = Math.min(maxHelpPosition, Math.max(w - 20, indentIncrement * 2));
    this.width = w;
    this.root = new Section(this, null);
    this.current = this.root;
  }

  indent(): void {
    this.currentIndent += this.indentIncrement;
  }

  dedent(): void {
    this.currentIndent -= this.indentIncrement;
  }

  startSection(heading: string | null): void {
    this.indent();
    const section = new Section(this, this.current, heading);
    this.current.items.push(() => section.formatHelp());
    this.current = section;
  }

  endSection(): void {
    this.current = this.current.parent!;
    this.dedent();
  }

  addText(text: string | null): void {
    if (text !== SUPPRESS && text !== null) this.current.items.push(() => this.formatText(text));
  }

  addUsage(usage: string | null, actions: readonly FormattedAction[], groups: readonly FormattedGroup[], prefix: string | null = null): void {
    if (usage !== SUPPRESS) this.current.items.push(() => this.formatUsage(usage, actions, groups, prefix));
  }

  addArgument(action: FormattedAction): void {
    if (action.help === SUPPRESS) return;
    const invocations = [this.formatActionInvocation(action)];
    this.indent();
    for (const sub of action.subactions()) invocations.push(this.formatActionInvocation(sub));
    this.dedent();
    const actionLength = Math.max(...invocations.map((s) => s.length)) + this.currentIndent;
    this.actionMaxLength = Math.max(this.actionMaxLength, actionLength);
    this.current.items.push(() => this.formatAction(action));
  }

  addArguments(actions: readonly FormattedAction[]): void {
    for (const a of actions) this.addArgument(a);
  }

  formatHelp(): string {
    let help = this.root.formatHelp();
    if (help) help = help.replace(/\n\n\n+/g, "\n\n").replace(/^\n+|\n+$/g, "") + "\n";
    return help;
  }

  private formatUsage(usage: string | null, actions: readonly FormattedAction[], groups: readonly FormattedGroup[], prefix: string | null): string {
    prefix ??= "usage: ";
    const prog = this.prog;
    let text: string;
    if (usage !== null) text = percentFormat(usage, new Map([["prog", prog]]));
    else if (actions.length === 0) text = prog;
    else {
      const optionals = actions.filter((a) => a.option_strings.length > 0);
      const positionals = actions.filter((a) => a.option_strings.length === 0);
      const actionUsage = this.formatActionsUsage([...optionals, ...positionals], groups);
      text = [prog, actionUsage].filter((s) => s).join(" ");
      const textWidth = this.width - this.currentIndent;
      if (prefix.length + text.length > textWidth) {
        const partRegexp = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g;
        const optParts = this.formatActionsUsage(optionals, groups).match(partRegexp) ?? [];
        const posParts = this.formatActionsUsage(positionals, groups).match(partRegexp) ?? [];
        const getLines = (parts: readonly string[], indent: string, pfx: string | null = null): string[] => {
          const lines: string[] = [];
          let line: string[] = [];
          let lineLen = pfx !== null ? pfx.length - 1 : indent.length - 1;
          for (const part of parts) {
            if (lineLen + 1 + part.length > textWidth && line.length) {
              lines.push(indent + line.join(" "));
              line = [];
              lineLen = indent.length - 1;
            }
            line.push(part);
            lineLen += part.length + 1;
          }
          if (line.length) lines.push(indent + line.join(" "));
          if (pfx !== null) lines[0] = lines[0]!.slice(indent.length);
          return lines;
        };
        let lines: string[];
        if (prefix.length + prog.length <= 0.75 * textWidth) {
          const indent = pad(prefix.length + prog.length + 1);
          if (optParts.length) lines = [...getLines([prog, ...optParts], indent, prefix), ...getLines(posParts, indent)];
          else if (posParts.length) lines = getLines([prog, ...posParts], indent, prefix);
          else lines = [prog];
        } else {
          const indent = pad(prefix.length);
          lines = getLines([...optParts, ...posParts], indent);
          if (lines.length > 1) lines = [...getLines(optParts, indent), ...getLines(posParts, indent)];
          lines = [prog, ...lines];
        }
        text = lines.join("\n");
      }
    }
    return `${prefix}${text}\n\n`;
  }

  private formatActionsUsage(actions: readonly FormattedAction[], groups: readonly FormattedGroup[]): string {
    const groupActions = new Set<FormattedAction>();
    const inserts = new Map<number, string>();
    for (const group of groups) {
      const ga = group._group_actions;
      if (ga.length === 0) throw new Error("empty group");
      const start = actions.indexOf(ga[0]!);
      if (start < 0) continue;
      const end = start + ga.length;
      if (!ga.every((a, i) => actions[start + i] === a)) continue;
      let suppressed = 0;
      for (const a of ga) {
        groupActions.add(a);
        if (a.help === SUPPRESS) suppressed++;
      }
      const exposed = ga.length - suppressed;
      if (!group.required) {
        inserts.set(start, inserts.has(start) ? `${inserts.get(start)} [` : "[");
        inserts.set(end, inserts.has(end) ? `${inserts.get(end)}]` : "]");
      } else if (exposed > 1) {
        inserts.set(start, inserts.has(start) ? `${inserts.get(start)} (` : "(");
        inserts.set(end, inserts.has(end) ? `${inserts.get(end)})` : ")");
      }
      for (let i = start + 1; i < end; i++) inserts.set(i, "|");
    }
    const parts: (string | null)[] = [];
    actions.forEach((action, i) => {
      if (action.help === SUPPRESS) {
        parts.push(null);
        if (inserts.get(i) === "|") inserts.delete(i);
        else if (inserts.get(i + 1) === "|") inserts.delete(i + 1);
      } else if (action.option_strings.length === 0) {
        let part = this.formatArgs(action, action.dest);
        if (groupActions.has(action) && part.startsWith("[") && part.endsWith("]")) part = part.slice(1, -1);
        parts.push(part);
      } else {
        const optionString = action.option_strings[0]!;
        let part = action.nargs === 0 ? optionString : `${optionString} ${this.formatArgs(action, action.dest.toUpperCase())}`;
        if (!action.required && !groupActions.has(action)) part = `[${part}]`;
        parts.push(part);
      }
    });
    for (const i of [...inserts.keys()].sort((a, b) => b - a)) parts.splice(i, 0, inserts.get(i)!);
    return parts
      .filter((p) => p !== null)
      .join(" ")
      .replace(/([[(]) /g, "$1")
      .replace(/ ([\])])/g, "$1")
      .replace(/[[(] *[\])]/g, "")
      .trim();
  }

  private formatText(text: string): string {
    if (text.includes("%(prog)")) text = percentFormat(text, new Map([["prog", this.prog]]));
    const textWidth = Math.max(this.width - this.currentIndent, 11);
    return this.fillText(text, textWidth, pad(this.currentIndent)) + "\n\n";
  }

  private formatAction(action: FormattedAction): string {
    const helpPosition = Math.min(this.actionMaxLength + 2, this.maxHelpPosition);
    const helpWidth = Math.max(this.width - helpPosition, 11);
    const actionWidth = helpPosition - this.currentIndent - 2;
    let header = this.formatActionInvocation(action);
    let indentFirst = 0;
    if (!action.help) header = `${pad(this.currentIndent)}${header}\n`;
    else if (header.length <= actionWidth) header = `${pad(this.currentIndent)}${header.padEnd(actionWidth)}  `;
    else {
      header = `${pad(this.currentIndent)}${header}\n`;
      indentFirst = helpPosition;
    }
    const parts = [header];
    if (action.help && action.help.trim()) {
      const helpText = this.expandHelp(action);
      if (helpText) {
        const lines = this.splitLines(helpText, helpWidth);
        parts.push(`${pad(indentFirst)}${lines[0] ?? ""}\n`);
        for (const line of lines.slice(1)) parts.push(`${pad(helpPosition)}${line}\n`);
      }
    } else if (!header.endsWith("\n")) parts.push("\n");
    this.indent();
    for (const sub of action.subactions()) parts.push(this.formatAction(sub));
    this.dedent();
    return joinParts(parts);
  }

  private formatActionInvocation(action: FormattedAction): string {
    if (action.option_strings.length === 0) return this.metavars(action, action.dest, 1)[0]!;
    if (action.nargs === 0) return action.option_strings.join(", ");
    const args = this.formatArgs(action, action.dest.toUpperCase());
    return action.option_strings.map((o) => `${o} ${args}`).join(", ");
  }

  private metavars(action: FormattedAction, defaultMetavar: string, size: number): readonly string[] {
    let result: string | readonly string[];
    if (action.metavar !== null) result = action.metavar;
    else if (action.choices !== null) result = `{${[...pyIter(action.choices as Iterable<unknown>)].map((c) => str(c)).join(",")}}`;
    else result = defaultMetavar;
    return typeof result === "string" ? Array<string>(size).fill(result) : result;
  }

  private formatArgs(action: FormattedAction, defaultMetavar: string): string {
    const mv = (n: number) => this.metavars(action, defaultMetavar, n);
    switch (action.nargs) {
      case null:
        return mv(1)[0]!;
      case OPTIONAL:
        return `[${mv(1)[0]}]`;
      case ZERO_OR_MORE: {
        const m = mv(1);
        return m.length === 2 ? `[${m[0]} [${m[1]} ...]]` : `[${m[0]} ...]`;
      }
      case ONE_OR_MORE: {
        const [a, b] = mv(2);
        return `${a} [${b} ...]`;
      }
      case REMAINDER:
        return "...";
      case PARSER:
        return `${mv(1)[0]} ...`;
      case SUPPRESS:
        return "";
      default:
        return mv(action.nargs as number).join(" ");
    }
  }

  private expandHelp(action: FormattedAction): string {
    const params = new Map<string, unknown>();
    const named = (v: unknown) => (typeof v === "function" ? callableName(v as (s: string) => unknown) : v);
    const fields: [string, unknown][] = [
      ["option_strings", action.option_strings], ["dest", action.dest], ["nargs", action.nargs], ["const", action.const],
      ["default", action.default], ["type", action.type], ["choices", action.choices], ["required", action.required],
      ["help", action.help], ["metavar", action.metavar], ["prog", this.prog],
    ];
    for (const [k, v] of fields) if (v !== SUPPRESS) params.set(k, named(v));
    if (action.choices !== null) params.set("choices", [...pyIter(action.choices as Iterable<unknown>)].map((c) => str(c)).join(", "));
    return percentFormat(this.helpString(action), params);
  }

  protected helpString(action: FormattedAction): string {
    return action.help ?? "";
  }

  protected splitLines(text: string, width: number): string[] {
    return wrap(text.replace(/[ \t\n\r\f\v]+/g, " ").trim(), width);
  }

  protected fillText(text: string, width: number, indent: string): string {
    return fill(text.replace(/[ \t\n\r\f\v]+/g, " ").trim(), width, { initial_indent: indent, subsequent_indent: indent });
  }
}

/** Keeps the description's and epilog's own line breaks. */
export class RawDescriptionHelpFormatter extends HelpFormatter {
  protected override fillText(text: string, _width: number, indent: string): string {
    return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((line) => indent + line).join("");
  }
}

/** Keeps every help text's own line breaks. */
export class RawTextHelpFormatter extends RawDescriptionHelpFormatter {
  protected override splitLines(text: string): string[] {
    return text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).filter((l, i, all) => i < all.length - 1 || l !== "");
  }
}

/** Adds " (default: …)" to each help that does not mention its default. */
export class ArgumentDefaultsHelpFormatter extends HelpFormatter {
  protected override helpString(action: FormattedAction): string {
    let help = action.help ?? "";
    if (!help.includes("%(default)") && action.default !== SUPPRESS) {
      if (action.option_strings.length > 0 || action.nargs === OPTIONAL || action.nargs === ZERO_OR_MORE) help += " (default: %(default)s)";
    }
    return help;
  }
}

export type FormatterClass = new (prog: string) => HelpFormatter;
