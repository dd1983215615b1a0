/** Shape 19: the greater of two formulas (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "19-best-of";

describe("19 best of two calculations", () => {
  it("pays the greater formula, ties included", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(["B1", "B2", "B3", "B4"].map((p) => line(r, p, "2026-01", "commission"))).toEqual(["2000.00", "4000.00", "3200.00", "2000.00"].map(dec));
  });
});
