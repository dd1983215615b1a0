import { describe, expect, it, vi } from "vitest";

// Simulate a bug deep in the parser: parse must still answer, with P0007, instead of throwing.
vi.mock("../src/parser/parser.js", () => ({
  parseDeclaration: () => {
    throw new Error("simulated parser bug");
  },
}));

const { parse } = await import("../src/index.js");

describe("last resort", () => {
  it("an unexpected exception becomes a P0007 diagnostic, not a crash", () => {
    const result = parse("let a = 1", "file:///x.carrot");
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "P0007",
        message: "internal parser error: simulated parser bug",
        span: { start: 0, end: 1 },
      }),
    ]);
    expect(result.file).toEqual({
      kind: "SourceFile",
      uri: "file:///x.carrot",
      imports: [],
      declarations: [],
      span: { start: 0, end: 9 },
    });
    expect(result.tokens).toEqual([]);
  });
});
