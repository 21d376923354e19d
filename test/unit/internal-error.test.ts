// Converter bugs surface as one located line: the innermost statement being converted when it failed.

import { describe, expect, it } from "vitest";
import { InternalError, atStatement } from "../../src/diagnostics.js";

const at = (line: number) => ({ line, col: 5, endLine: line, endCol: 9 });

describe("internal errors", () => {
  it("are located at the innermost statement whose conversion failed", () => {
    let caught: unknown;
    try {
      atStatement(at(1), () => atStatement(at(7), () => {
        throw new TypeError("boom");
      }));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InternalError);
    expect((caught as InternalError).loc.line).toBe(7);
    expect((caught as InternalError).message).toBe("boom");
    expect((caught as InternalError).cause).toBeInstanceOf(TypeError);
  });

  it("pass a step's result through", () => {
    expect(atStatement(at(1), () => 42)).toBe(42);
  });
});
