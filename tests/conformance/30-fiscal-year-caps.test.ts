/** A fiscal year from April: ytd, per-year component cap and plan cap (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, measure, payable, reconciles, runCase } from "./harness.js";

const CASE = "30-fiscal-year-caps";
const quarters = ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"];

describe("30 fiscal year caps", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("year to date runs from April and does not restart in January", () => {
    expect(measure(r, "F", "2027-Q1", "revenue_ytd")).toBe(dec("26000"));
  });

  it("the component is capped at 1,500 over the fiscal year", () => {
    expect(quarters.map((q) => line(r, "F", q, "commission"))).toEqual(["1000.00", "400.00", "100.00", "0"].map(dec));
  });

  it("the plan caps the fiscal year's total at 2,000", () => {
    expect(quarters.map((q) => payable(r, "F", q))).toEqual(["1300.00", "700.00", "0", "0"].map(dec));
    expect(adjustment(r, "F", "2026-Q4", "cap")).toBe(dec("-400.00"));
  });

  it("a run of one quarter applies the year-to-date caps of the quarters before it", () => {
    const q4 = runCase(CASE, { periods: ["2026-Q4"] });
    expect(line(q4, "F", "2026-Q4", "commission")).toBe(dec("100.00"));
    expect(payable(q4, "F", "2026-Q4")).toBe(dec("0"));
  });

  it("a sale before the plan year is reported, not paid", () => {
    expect(reconciles(r)).toBe(true);
    const before = r.reconciliation.flatMap((x) => x.uncreditedRows);
    expect(before.map((u) => [u.key, u.reason])).toEqual([["S-0", "outside-plan"]]);
  });
});
