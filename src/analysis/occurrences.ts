// Where each name of a scope occurs, as paths of (block, index) steps from the scope's body. Used to
// place declarations (declare at the first assignment when every use follows it in the same block) and
// to split a variable that Python reuses for values of different types into one TS variable per value.

import type * as A from "../frontend/ast.js";
import { childBlocks, stmtExprs, stmtTargets, type Scope, type ScopeNode, type Scopes } from "./scopes.js";

export interface Step {
  readonly block: readonly A.Stmt[];
  readonly index: number;
}

export interface Occurrence {
  readonly path: readonly Step[];
  readonly write: boolean;
}

export function collectNames(t: A.Expr, out: string[]): void {
  if (t.kind === "Name") out.push(t.id);
  else if (t.kind === "Tuple" || t.kind === "List") for (const e of t.elts) collectNames(e, out);
  else if (t.kind === "Starred") collectNames(t.value, out);
}

/** Every occurrence of every name in a scope's body, in source order. */
export function occurrencesIn(body: readonly A.Stmt[], scopes: Scopes): Map<string, Occurrence[]> {
  const occurrences = new Map<string, Occurrence[]>();
  const record = (name: string, path: Step[], write: boolean) => {
    let list = occurrences.get(name);
    if (!list) occurrences.set(name, (list = []));
    list.push({ path, write });
  };
  const visit = (stmts: readonly A.Stmt[], path: Step[]) => {
    stmts.forEach((s, index) => {
      const here = [...path, { block: stmts, index }];
      if (s.kind === "FunctionDef" || s.kind === "ClassDef") {
        for (const n of namesUsedBy(s, scopes)) record(n, here, false);
        record(s.name, here, true);
        return;
      }
      const writes: string[] = [];
      for (const t of stmtTargets(s)) collectNames(t, writes);
      for (const e of stmtExprs(s)) for (const n of namesUsedBy(e, scopes)) record(n, here, false);
      for (const t of stmtTargets(s)) for (const n of namesUsedBy(t, scopes)) if (!writes.includes(n) || s.kind === "AugAssign") record(n, here, false);
      for (const n of writes) record(n, here, true);
      for (const b of childBlocks(s)) visit(b, here);
    });
  };
  visit(body, []);
  return occurrences;
}

/** Whether every occurrence lies after the first write, inside the block that holds it. */
export function allFollowFirstWrite(occ: readonly Occurrence[]): boolean {
  const first = occ.findIndex((o) => o.write);
  if (first < 0) return false;
  const w = occ[first]!.path;
  const k = w.length - 1;
  return occ.every((o, i) => {
    if (i < first && !samePath(o.path, w)) return false;
    if (o.path.length <= k) return false;
    for (let j = 0; j < k; j++) if (o.path[j]!.block !== w[j]!.block || o.path[j]!.index !== w[j]!.index) return false;
    return o.path[k]!.block === w[k]!.block && o.path[k]!.index >= w[k]!.index;
  });
}

export function samePath(a: readonly Step[], b: readonly Step[]): boolean {
  return a.length === b.length && a.every((x, i) => x.block === b[i]!.block && x.index === b[i]!.index);
}

export function stmtAt(step: Step): A.Stmt {
  return step.block[step.index]!;
}

/** Names a node uses from the enclosing scope: its own Names, and what nested scopes read from outside. */
export function namesUsedBy(node: unknown, scopes: Scopes): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const x = n as { kind?: string; id?: string };
    if (x.kind === "Name" && x.id) out.push(x.id);
    if (x.kind === "FunctionDef" || x.kind === "ClassDef" || x.kind === "Lambda" || x.kind === "ListComp" || x.kind === "SetComp" || x.kind === "DictComp" || x.kind === "GeneratorExp") {
      const inner = scopes.scopeOf(n as ScopeNode);
      for (const s of scopes.all()) {
        for (let p: Scope | undefined = s; p; p = p.parent) {
          if (p === inner) {
            out.push(...s.freeReads, ...s.declaredNonlocal);
            break;
          }
        }
      }
      if (x.kind === "ListComp" || x.kind === "SetComp" || x.kind === "DictComp" || x.kind === "GeneratorExp") {
        walk((n as A.ListComp).generators[0]!.iter);
      }
      if (x.kind === "FunctionDef" || x.kind === "Lambda") for (const p of (n as A.FunctionDef).params) walk(p.default);
      return;
    }
    for (const key in n) if (key !== "loc" && key !== "trivia") walk((n as Record<string, unknown>)[key]);
  };
  walk(node);
  return out;
}

/**
 * Names Python reuses for successive values in one block (`res = pool.map(...)` then `res = pool.apply_async(...)`):
 * each plain assignment starts a new version, so each value can keep its own static type.
 * Returns name → the assignment statements, in order (one version each).
 */
export function splittableNames(scope: Scope, body: readonly A.Stmt[], scopes: Scopes, excluded: ReadonlySet<string>): Map<string, A.Assign[]> {
  const out = new Map<string, A.Assign[]>();
  for (const [name, occ] of occurrencesIn(body, scopes)) {
    if (!scope.locals.has(name) || scope.declaredGlobal.has(name) || scope.declaredNonlocal.has(name)) continue;
    if (scope.captured.has(name) || excluded.has(name)) continue;
    const writes = occ.filter((o) => o.write);
    if (writes.length < 2 || !allFollowFirstWrite(occ)) continue;
    const block = writes[0]!.path.at(-1)!.block;
    const stmts = writes.map((w) => (w.path.at(-1)!.block === block ? stmtAt(w.path.at(-1)!) : undefined));
    if (!stmts.every((s): s is A.Assign => s?.kind === "Assign" && s.targets.length === 1 && s.targets[0]!.kind === "Name")) continue;
    if (writes.some((w) => w.path.length !== writes[0]!.path.length)) continue;
    out.set(name, stmts);
  }
  return out;
}
