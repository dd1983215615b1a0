/** Shape 55: a published tiered commission on a 50/50 split deal, tiers before or after the split (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "55-published-tiers-split";
const M = "2026-03";

describe("55 tiers and a split deal", () => {
  it("the published worked example: 115,000 = 4,000 + 1,400 + 1,500 = 6,900; tiers on the deal then 50/50 = 3,450 each", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(line(r, "solo", M, "commission")).toBe(dec("6900.00"));
    expect(line(r, "p", M, "commission")).toBe(dec("3450.00"));
    expect(line(r, "q", M, "commission")).toBe(dec("3450.00"));
    expect(reconciles(r)).toBe(true);
  });

  it("the split first: each rep's 57,500 stays in the 5% band = 2,875 each; the solo rep is unchanged", () => {
    const file = "plan-split-first.carrot";
    expect(compileErrors(CASE, file)).toEqual([]);
    const r = runCase(CASE, {}, caseData(CASE), file);
    expect(line(r, "solo", M, "commission")).toBe(dec("6900.00"));
    expect(line(r, "p", M, "commission")).toBe(dec("2875.00"));
    expect(line(r, "q", M, "commission")).toBe(dec("2875.00"));
  });
});
