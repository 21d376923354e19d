// csv: CPython's _csv reader state machine and writer quoting rules, the excel/excel-tab/unix dialects,
// DictReader/DictWriter, and csv.Error's messages. Fields are formatted with str() (None as an empty field).

import { Exception, TypeError, ValueError, registerException } from "../builtins/exceptions.js";
import { float_, typeName } from "../builtins/int.js";
import { repr, str } from "../builtins/repr.js";

export class Error extends Exception {}
registerException(Error as unknown as new (...args: unknown[]) => Error);

export const QUOTE_MINIMAL = 0;
export const QUOTE_ALL = 1;
export const QUOTE_NONNUMERIC = 2;
export const QUOTE_NONE = 3;

export interface Dialect {
  delimiter: string;
  quotechar: string | null;
  escapechar: string | null;
  doublequote: boolean;
  skipinitialspace: boolean;
  lineterminator: string;
  quoting: number;
  strict: boolean;
}

const excel: Dialect = { delimiter: ",", quotechar: '"', escapechar: null, doublequote: true, skipinitialspace: false, lineterminator: "\r\n", quoting: QUOTE_MINIMAL, strict: false };
const dialects = new Map<string, Dialect>([
  ["excel", excel],
  ["excel-tab", { ...excel, delimiter: "\t" }],
  ["unix", { ...excel, lineterminator: "\n", quoting: QUOTE_ALL }],
]);

export type FormatOptions = Partial<Dialect> & { dialect?: string };

function dialectOf(o: FormatOptions): Dialect {
  const base = dialects.get(o.dialect ?? "excel");
  if (!base) throw new Error("unknown dialect");
  const d: Dialect = { ...base };
  for (const k of Object.keys(excel) as (keyof Dialect)[]) if (o[k] !== undefined) (d as unknown as Record<string, unknown>)[k] = o[k];
  if (typeof d.delimiter !== "string" || [...d.delimiter].length !== 1) throw new TypeError(`"delimiter" must be a 1-character string`);
  if (d.quotechar !== null && [...d.quotechar].length !== 1) throw new TypeError(`"quotechar" must be a 1-character string`);
  if (d.quoting !== QUOTE_NONE && d.quotechar === null) throw new TypeError("quotechar must be set if quoting enabled");
  return d;
}

export function list_dialects(): string[] {
  return [...dialects.keys()];
}

type State = "startRecord" | "startField" | "escapedChar" | "afterEscapedCrnl" | "inField" | "inQuoted" | "escapeInQuoted" | "quoteInQuoted" | "eatCrnl";
const EOL = null;

export class reader implements Iterator<unknown[]> {
  line_num = 0;
  readonly dialect: Dialect;
  private readonly lines: Iterator<string>;
  private state: State = "startRecord";
  private fields: unknown[] = [];
  private field = "";
  private numeric = false;
  private fieldLen = 0;

  constructor(csvfile: Iterable<string>, opts: FormatOptions = {}) {
    this.lines = csvfile[Symbol.iterator]();
    this.dialect = dialectOf(opts);
  }

  [Symbol.iterator](): this {
    return this;
  }

  private save(): void {
    let value: unknown = this.field;
    if (this.numeric) {
      this.numeric = false;
      value = float_(this.field);
    }
    this.fields.push(value);
    this.field = "";
    this.fieldLen = 0;
  }

  private add(c: string): void {
    this.field += c;
    this.fieldLen++;
  }

  private endOfField(c: string | null): void {
    this.save();
    this.state = c === EOL ? "startRecord" : "eatCrnl";
  }

  private process(c: string | null): void {
    const d = this.dialect;
    const nl = c === "\n" || c === "\r";
    switch (this.state) {
      case "startRecord":
        if (c === EOL) return;
        if (nl) {
          this.state = "eatCrnl";
          return;
        }
        this.state = "startField";
      // falls through
      case "startField":
        if (nl || c === EOL) this.endOfField(c);
        else if (c === d.quotechar && d.quoting !== QUOTE_NONE) this.state = "inQuoted";
        else if (c === d.escapechar) this.state = "escapedChar";
        else if (c === d.delimiter) this.save();
        else if (c !== " " || !d.skipinitialspace) {
          if (d.quoting === QUOTE_NONNUMERIC) this.numeric = true;
          this.add(c);
          this.state = "inField";
        }
        return;
      case "escapedChar":
        if (nl) {
          this.add(c!);
          this.state = "afterEscapedCrnl";
          return;
        }
        this.add(c ?? "\n");
        this.state = "inField";
        return;
      case "afterEscapedCrnl":
        if (c === EOL) return;
      // falls through
      case "inField":
        if (nl || c === EOL) this.endOfField(c);
        else if (c === d.escapechar) this.state = "escapedChar";
        else if (c === d.delimiter) {
          this.save();
          this.state = "startField";
        } else this.add(c);
        return;
      case "inQuoted":
        // The line's own newline characters are part of a quoted field; its end is not.
        if (c === EOL) return;
        if (c === d.escapechar) this.state = "escapeInQuoted";
        else if (c === d.quotechar && d.quoting !== QUOTE_NONE) this.state = d.doublequote ? "quoteInQuoted" : "inField";
        else this.add(c!);
        return;
      case "escapeInQuoted":
        this.add(c ?? "\n");
        this.state = "inQuoted";
        return;
      case "quoteInQuoted":
        if (d.quoting !== QUOTE_NONE && c !== EOL && c === d.quotechar) {
          this.add(c);
          this.state = "inQuoted";
        } else if (c === d.delimiter) {
          this.save();
          this.state = "startField";
        } else if (nl || c === EOL) this.endOfField(c);
        else if (!d.strict) {
          this.add(c);
          this.state = "inField";
        } else throw new Error(`'${d.delimiter}' expected after '${d.quotechar}'`);
        return;
      case "eatCrnl":
        if (c === EOL) this.state = "startRecord";
        else if (!nl) throw new Error("new-line character seen in unquoted field - do you need to open the file with newline=''?");
        return;
    }
  }

  next(): IteratorResult<unknown[]> {
    this.fields = [];
    this.field = "";
    this.fieldLen = 0;
    this.state = "startRecord";
    this.numeric = false;
    do {
      const line = this.lines.next();
      if (line.done) {
        if (this.fieldLen !== 0 || (this.state as State) === "inQuoted") {
          if (this.dialect.strict) throw new Error("unexpected end of data");
          this.save();
          break;
        }
        return { done: true, value: undefined };
      }
      if (typeof line.value !== "string") {
        throw new Error(`iterator should return strings, not ${typeof line.value === "number" ? "int" : "bytes"} (the file should be opened in text mode)`);
      }
      this.line_num++;
      for (const c of line.value) {
        if (c === "\0") throw new Error("line contains NUL");
        this.process(c);
      }
      this.process(EOL);
    } while (this.state !== "startRecord");
    return { done: false, value: this.fields };
  }
}

export class writer {
  readonly dialect: Dialect;

  constructor(
    private readonly csvfile: { write(s: string): unknown },
    opts: FormatOptions = {},
  ) {
    this.dialect = dialectOf(opts);
  }

  /** One field as CPython's join_append writes it: quoted when the quoting mode or its characters ask. */
  private field(value: unknown, only: boolean): string {
    const d = this.dialect;
    const text = value === null || value === undefined ? "" : str(value);
    let quoted = d.quoting === QUOTE_ALL || (d.quoting === QUOTE_NONNUMERIC && typeof value !== "number" && typeof value !== "bigint" && typeof value !== "boolean");
    let out = "";
    for (const c of text) {
      const special = c === d.delimiter || c === d.escapechar || c === d.quotechar || d.lineterminator.includes(c);
      if (!special) {
        out += c;
        continue;
      }
      if (d.quoting === QUOTE_NONE) {
        if (!d.escapechar) throw new Error("need to escape, but no escapechar set");
        out += d.escapechar + c;
      } else if (c === d.quotechar) {
        if (d.doublequote) out += c + c;
        else if (d.escapechar) out += d.escapechar + c;
        else throw new Error("need to escape, but no escapechar set");
        quoted = true;
      } else {
        quoted = true;
        out += c;
      }
    }
    // A record of one empty field is written as "" so that it reads back as a field, not an empty line.
    if (only && text === "") {
      if (d.quoting === QUOTE_NONE) throw new Error("single empty field record must be quoted");
      quoted = true;
    }
    return quoted ? d.quotechar + out + d.quotechar : out;
  }

  writerow(row: Iterable<unknown>): unknown {
    if (typeof row !== "string" && typeof (row as Iterable<unknown> | null)?.[Symbol.iterator] !== "function") {
      throw new Error(`iterable expected, not ${typeName(row)}`);
    }
    const values = [...row];
    const line = values.map((v) => this.field(v, values.length === 1)).join(this.dialect.delimiter);
    return this.csvfile.write(line + this.dialect.lineterminator);
  }

  writerows(rows: Iterable<Iterable<unknown>>): void {
    for (const row of rows) this.writerow(row);
  }
}

export class DictReader implements Iterator<Map<string, unknown>> {
  private readonly reader: reader;
  private names: string[] | null;

  constructor(
    f: Iterable<string>,
    fieldnames: readonly string[] | null = null,
    private readonly restkey: string | null = null,
    private readonly restval: unknown = null,
    opts: FormatOptions = {},
  ) {
    this.reader = new reader(f, opts);
    this.names = fieldnames ? [...fieldnames] : null;
  }

  get fieldnames(): string[] | null {
    if (this.names === null) {
      const first = this.reader.next();
      this.names = first.done ? null : (first.value as string[]);
    }
    return this.names;
  }

  get line_num(): number {
    return this.reader.line_num;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Map<string, unknown>> {
    const names = this.fieldnames ?? [];
    let row = this.reader.next();
    // Blank lines are skipped, not returned as rows of restval.
    while (!row.done && row.value.length === 0) row = this.reader.next();
    if (row.done) return { done: true, value: undefined };
    const values = row.value;
    const d = new Map<string, unknown>(names.map((n, i) => [n, i < values.length ? values[i] : this.restval]));
    if (values.length > names.length) d.set(this.restkey as string, values.slice(names.length));
    return { done: false, value: d };
  }
}

export class DictWriter {
  private readonly writer: writer;
  readonly fieldnames: readonly string[];

  constructor(
    f: { write(s: string): unknown },
    fieldnames: Iterable<string>,
    private readonly restval: unknown = "",
    private readonly extrasaction: string = "raise",
    opts: FormatOptions = {},
  ) {
    if (extrasaction !== "raise" && extrasaction !== "ignore") throw new ValueError(`extrasaction (${extrasaction}) must be 'raise' or 'ignore'`);
    this.fieldnames = [...fieldnames];
    this.writer = new writer(f, opts);
  }

  writeheader(): unknown {
    return this.writer.writerow(this.fieldnames);
  }

  writerow(rowdict: Map<string, unknown>): unknown {
    if (this.extrasaction === "raise") {
      const wrong = [...rowdict.keys()].filter((k) => !this.fieldnames.includes(k));
      if (wrong.length) throw new ValueError(`dict contains fields not in fieldnames: ${wrong.map((k) => repr(k)).join(", ")}`);
    }
    return this.writer.writerow(this.fieldnames.map((k) => (rowdict.has(k) ? rowdict.get(k) : this.restval)));
  }

  writerows(rows: Iterable<Map<string, unknown>>): void {
    for (const row of rows) this.writerow(row);
  }
}
