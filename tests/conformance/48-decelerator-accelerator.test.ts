/** Shape 48: a published decelerator + accelerator template (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, failingPlanTests, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "48-decelerator-accelerator";

describe("48 decelerator and accelerator", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("half rate below 50% of quota, the base rate on all ARR up to quota from 50%, 20% past quota", () => {
    const row = (person: string, period = "2026-01") => [line(r, person, period, "commission"), line(r, person, period, "accelerator"), payable(r, person, period)];
    // 5% x 15,000
    expect(row("low")).toEqual(["750.00", "0.00", "750.00"].map(dec));
    // 10% x 20,000 (60.61%: the base rate applies to the deals before 50% too)
    expect(row("mid")).toEqual(["2000.00", "0.00", "2000.00"].map(dec));
    // 10% x 33,000 + 20% x 12,000
    expect(row("high")).toEqual(["3300.00", "2400.00", "5700.00"].map(dec));
  });

  it("exactly 50% and exactly 100% of quota belong to the upper band", () => {
    expect(line(r, "edge", "2026-01", "commission")).toBe(dec("1650.00"));
    expect([line(r, "edge", "2026-02", "commission"), line(r, "edge", "2026-02", "accelerator")]).toEqual(["3300.00", "0.00"].map(dec));
  });

  it("the plan's test passes and the books balance", () => {
    expect(failingPlanTests(CASE)).toEqual([]);
    expect(reconciles(r)).toBe(true);
  });
});
