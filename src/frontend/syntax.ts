// tree-sitter's concrete syntax tree, copied into plain JavaScript objects in one cursor walk. The node
// binding's own SyntaxNode crosses into C++ for every property and child list, allocates a BigInt id per
// node, and registers each node with a finalizer: reading a module through it cost ~3.6 ms per 45-line
// file, four times the parse itself, and much of the converter's garbage collection. The copy has the
// properties parse.ts reads, with the binding's meaning (offsets and columns in UTF-16 code units).

type Cursor = import("tree-sitter").TreeCursor;

export interface Point {
  readonly row: number;
  readonly column: number;
}

/** The parsed text, with where each line starts: positions are computed from offsets when read. */
class Source {
  private readonly lineStarts = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  point(offset: number): Point {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo]! };
  }
}

export class SyntaxNode {
  parent: SyntaxNode | null = null;
  nextSibling: SyntaxNode | null = null;
  readonly children: SyntaxNode[] = [];
  private named: SyntaxNode[] | undefined;

  constructor(
    private readonly source: Source,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    /** Whether this node is, or holds, a syntax error (tree-sitter's own verdict, hidden nodes included). */
    readonly hasError: boolean,
    /** The name of the field this node fills in its parent, if any. */
    readonly fieldName: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.source.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.source.point(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): SyntaxNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  childForFieldName(name: string): SyntaxNode | null {
    return this.children.find((c) => c.fieldName === name) ?? null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((c) => c.fieldName === name);
  }
}

/**
 * Copies the tree below the cursor's node (the cursor ends where it started). `visit` sees each node once,
 * children before their parent. Only a tree with an error asks the binding for each node's error flag:
 * tree-sitter also counts errors inside nodes the cursor never shows.
 */
export function copyTree(cursor: Cursor, text: string, visit: (n: SyntaxNode) => void): SyntaxNode {
  const source = new Source(text);
  const anyError = cursor.currentNode.hasError;
  let id = 0;
  const make = (parent: SyntaxNode | null): SyntaxNode => {
    const node = new SyntaxNode(
      source,
      id++,
      cursor.nodeType,
      cursor.nodeIsNamed,
      cursor.nodeIsMissing,
      anyError && cursor.currentNode.hasError,
      parent ? (cursor.currentFieldName ?? null) : null,
      cursor.startIndex,
      cursor.endIndex,
    );
    if (parent) {
      node.parent = parent;
      const last = parent.children.at(-1);
      if (last) last.nextSibling = node;
      parent.children.push(node);
    }
    return node;
  };
  const path: SyntaxNode[] = [make(null)];
  for (;;) {
    if (cursor.gotoFirstChild()) {
      path.push(make(path.at(-1)!));
      continue;
    }
    // A leaf: finish it, then each ancestor whose last child it was.
    for (;;) {
      const done = path.pop()!;
      visit(done);
      if (path.length === 0) return done;
      if (cursor.gotoNextSibling()) {
        path.push(make(path.at(-1)!));
        break;
      }
      cursor.gotoParent();
    }
  }
}
