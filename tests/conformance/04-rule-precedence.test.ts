/** Shape 4: the most specific rule wins; no rule means no line (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, failingPlanTests, line, measure, omitted, runCase } from "./harness.js";

const CASE = "04-rule-precedence";
const M = "2026-01";

describe("04 rule precedence", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("variant, then product, then subcategory, then category", () => {
    expect(line(r, "V1", M, "commission", "LAP-PRO-16")).toBe(dec("600.00"));
    expect(line(r, "V1", M, "commission", "LAP-PRO-14")).toBe(dec("400.00"));
    expect(line(r, "V1", M, "commission", "LAP-AIR-13")).toBe(dec("100.00"));
    expect(line(r, "V1", M, "commission", "CABLE-1M")).toBe(dec("100.00"));
    expect(line(r, "V1", M, "commission", "CRM-STD")).toBe(dec("160.00"));
  });

  it("a 0% rule is a line of zero; no rule is no line", () => {
    expect(line(r, "V1", M, "commission", "CRM-FREE")).toBe(dec("0"));
    expect(omitted(r, "V1", M, "commission", "TRAIN-DAY")).toBe(true);
  });

  it("membership reaches variants three levels below a category, and member paths climb to a level", () => {
    expect(["Hardware", "Software", "Services"].map((c) => measure(r, "V1", M, "category_sales", [c]))).toEqual(["26000", "2500", "3000"].map(dec));
    expect(measure(r, "V1", M, "laptop_sales")).toBe(dec("25000"));
  });

  it("a test block expecting a line of zero where there is no line fails", () => {
    expect(compileErrors(CASE, "plan-wrong-test.carrot")).toEqual([]);
    expect(failingPlanTests(CASE, "plan-wrong-test.carrot")).toEqual(["WRONG on purpose: expects a zero line where there is no line"]);
  });

  it("priced sale by sale, the uncovered sale adds nothing and takes nothing away", () => {
    expect(line(r, "V1", M, "commission_total")).toBe(dec("1360.00"));
  });
});
