// The one place generated names come from: Python identifiers that are TypeScript reserved words are
// renamed (`new` → `new_`), runtime imports get a local name that no script name shadows, and
// temporaries are fresh. Also tracks which runtime exports the emitted file imports.

import { ts } from "./ts.js";

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

export class NameManager {
  private readonly taken = new Set<string>();
  private readonly renames = new Map<string, string>();

  /** Every Python identifier of the module, so generated names never collide with them. */
  constructor(pythonNames: Iterable<string>) {
    for (const n of pythonNames) this.taken.add(this.py(n));
  }

  /** The TypeScript identifier for a Python name. */
  py(name: string): string {
    const r = this.renames.get(name);
    if (r) return r;
    if (!RESERVED.has(name)) return name;
    let out = `${name}_`;
    while (this.taken.has(out)) out += "_";
    this.renames.set(name, out);
    this.taken.add(out);
    return out;
  }

  /** A fresh name based on `hint`, unused by the script and by earlier fresh names. */
  fresh(hint: string): string {
    let name = hint;
    for (let i = 2; this.taken.has(name) || RESERVED.has(name); i++) name = `${hint}${i}`;
    this.taken.add(name);
    return name;
  }

  isTaken(name: string): boolean {
    return this.taken.has(name);
  }
}

/** Imports of the emitted file: named runtime helpers and namespace/named imports of mapped modules. */
export class ImportManager {
  /** specifier → (exported name → local name) */
  private readonly named = new Map<string, Map<string, string>>();
  /** specifier → namespace local name */
  private readonly namespaces = new Map<string, string>();
  private readonly typeOnly = new Set<string>();

  constructor(private readonly names: NameManager) {}

  /** The local identifier for runtime export `name` of `specifier`, imported on first use. */
  named_(specifier: string, name: string, opts: { preferLocal?: string; typeOnly?: boolean } = {}): string {
    let m = this.named.get(specifier);
    if (!m) this.named.set(specifier, (m = new Map()));
    const existing = m.get(name);
    if (existing) {
      if (!opts.typeOnly) this.typeOnly.delete(`${specifier}#${name}`);
      return existing;
    }
    const local = opts.preferLocal ?? this.names.fresh(this.names.isTaken(name) ? `${name}_` : name);
    m.set(name, local);
    if (opts.typeOnly) this.typeOnly.add(`${specifier}#${name}`);
    return local;
  }

  namespace(specifier: string, local: string): void {
    this.namespaces.set(specifier, local);
  }

  namespaceOf(specifier: string): string | undefined {
    return this.namespaces.get(specifier);
  }

  /** Runtime imports first, then the program's own modules (relative specifiers), each group in first-use order. */
  declarations(): ts.ImportDeclaration[] {
    const local = (d: ts.ImportDeclaration) => (d.moduleSpecifier as ts.StringLiteral).text.startsWith(".");
    const all = this.unordered();
    return [...all.filter((d) => !local(d)), ...all.filter(local)];
  }

  private unordered(): ts.ImportDeclaration[] {
    const f = ts.factory;
    const out: ts.ImportDeclaration[] = [];
    for (const [spec, local] of this.namespaces) {
      out.push(
        f.createImportDeclaration(
          undefined,
          f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(local))),
          f.createStringLiteral(spec),
        ),
      );
    }
    for (const [spec, m] of this.named) {
      const allTypes = [...m.keys()].every((n) => this.typeOnly.has(`${spec}#${n}`));
      const specifiers = [...m]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, local]) =>
          f.createImportSpecifier(
            !allTypes && this.typeOnly.has(`${spec}#${name}`),
            name === local ? undefined : f.createIdentifier(name),
            f.createIdentifier(local),
          ),
        );
      out.push(
        f.createImportDeclaration(
          undefined,
          f.createImportClause(allTypes, undefined, f.createNamedImports(specifiers)),
          f.createStringLiteral(spec),
        ),
      );
    }
    return out;
  }
}
