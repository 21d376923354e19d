// Comments and blank lines ride on statements' trivia: whole-line comments lead the next statement (at any
// level), end-of-line comments trail theirs, and what follows the last statement trails the module.

import { describe, expect, it } from "vitest";
import { parse } from "./helpers.js";

describe("comments", () => {
  it("whole-line comments lead the next statement; an end-of-line comment trails its statement", () => {
    const m = parse("# 中文注释：计算\nx = 1  # 尾注释\n\n# lead\ny = 2\n");
    expect(m.body[0]!.trivia).toEqual({ leading: ["中文注释：计算"], trailing: "尾注释", blankBefore: false });
    expect(m.body[1]!.trivia).toEqual({ leading: ["lead"], trailing: undefined, blankBefore: true });
  });

  it("the text loses '#' and one space only; Chinese text survives exactly", () => {
    const m = parse("#no space\n#   indented  \n#\u3000全角\nx = 1\n");
    expect(m.body[0]!.trivia.leading).toEqual(["no space", "  indented", "\u3000全角"]);
  });

  it("a comment on a compound header leads the first statement of its body", () => {
    const m = parse("if x:  # why\n    y = 1\nelse:  # otherwise\n    z = 2\n");
    const s = m.body[0]!;
    if (s.kind !== "If") throw new Error();
    expect(s.body[0]!.trivia.leading).toEqual(["why"]);
    expect(s.orelse[0]!.trivia.leading).toEqual(["otherwise"]);
  });

  it("comments before a dedent lead the next outer statement; comments at the end trail the module", () => {
    const m = parse("def f():\n    return 1\n    # end of f\n\n# before main\nmain()\n# the end\n");
    expect(m.body[1]!.trivia.leading).toEqual(["end of f", "before main"]);
    expect(m.trailingComments).toEqual(["the end"]);
  });

  it("comments inside a multi-line statement lead it", () => {
    const m = parse("foo(a,  # first\n    # second\n    b)  # last\n");
    expect(m.body[0]!.trivia).toEqual({ leading: ["first", "second"], trailing: "last", blankBefore: false });
  });

  it("blankBefore looks above the leading comments", () => {
    const m = parse("a = 1\n\n# c\nb = 2\nc = 3\n\n\nd = 4\n");
    expect(m.body.map((s) => s.trivia.blankBefore)).toEqual([false, true, false, true]);
  });

  it("shebang and coding lines are dropped", () => {
    const m = parse("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n");
    expect(m.body[0]!.trivia.leading).toEqual([]);
  });

  it("comments before except/elif clauses lead the clause", () => {
    const m = parse("try:\n    x()\n# handle\nexcept E:\n    pass\n");
    const t = m.body[0]!;
    if (t.kind !== "Try") throw new Error();
    expect(t.handlers[0]!.trivia.leading).toEqual(["handle"]);
  });
});
