import { describe, expect, it } from "vitest";
import { closest, editDistance, LineIndex } from "../src/util/text.js";

describe("suggestions", () => {
  it("edit distance is bounded and case-insensitive", () => {
    expect(editDistance("revenu", "revenue")).toBe(1);
    expect(editDistance("Revenue", "revenue")).toBe(0);
    expect(editDistance("abc", "xyzuvw", 2)).toBe(3);
  });
  it("the closest name within a limit that grows with length, ties to the smallest", () => {
    expect(closest("revenu", ["revenue", "quota", "revenues"])).toBe("revenue");
    expect(closest("ab", ["xy", "ac", "ad"])).toBe("ac");
    expect(closest("quota", ["attainment"])).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });
});

describe("line index", () => {
  it("gives 1-based lines and columns, end exclusive", () => {
    const lines = new LineIndex("ab\ncd\n");
    expect(lines.at(0)).toEqual({ line: 1, col: 1 });
    expect(lines.at(3)).toEqual({ line: 2, col: 1 });
    expect(lines.range({ start: 3, end: 5 })).toBe("2:1-2:3");
  });
});
