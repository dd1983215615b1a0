/** Shape 47: fiscal years (case.md; gap G18). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { caseData, compileCase, compileErrors, dec, failingPlanTests, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "47-fiscal-year";

describe("47 fiscal year", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("quarters are fiscal quarters from April, named by the year they start in", () => {
    expect(r.periods).toEqual(["FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4"]);
    expect(compileCase(CASE).ir?.plan.fiscal).toEqual({ start: 4, named: "start" });
  });

  it("bonus against the fiscal quarter's quota and the accelerator on fiscal year to date", () => {
    const q = r.periods;
    expect(q.map((p) => line(r, "A", p, "bonus"))).toEqual(["1000.00", "0.00", "1000.00", "0.00"].map(dec));
    expect(q.map((p) => line(r, "A", p, "accelerator"))).toEqual(["0.00", "1000.00", "3500.00", "500.00"].map(dec));
    expect(q.map((p) => payable(r, "A", p))).toEqual(["1000.00", "1000.00", "4500.00", "500.00"].map(dec));
  });

  it("the sale before the fiscal year is uncredited in FY2025-Q4, and everything reconciles", () => {
    expect(reconciles(r)).toBe(true);
    const before = r.reconciliation.find((x) => x.period === "FY2025-Q4");
    expect(before?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["S1", "outside-plan"]]);
  });

  it("the plan's own test block names a fiscal quarter", () => {
    expect(failingPlanTests(CASE)).toEqual([]);
  });

  it("a run of one fiscal quarter; a calendar quarter is not a period of the plan", () => {
    expect(runCase(CASE, { periods: ["FY2026-Q3"] }).totals.map((t) => [t.period, dec(t.payable)])).toEqual([["FY2026-Q3", dec("4500.00")]]);
    expect(runCase(CASE, { periods: ["2026-Q3"] }).diagnostics.map((d) => d.code)).toContain("R0043");
  });

  it("a calendar-year plan in the same fiscal year: the year to date starts again in April", () => {
    const file = "plan-calendar-2026.carrot";
    expect(compileErrors(CASE, file)).toEqual([]);
    const c = runCase(CASE, {}, caseData(CASE), file);
    expect(c.periods).toEqual(["FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3"]);
    expect(c.periods.map((p) => payable(c, "A", p))).toEqual(["1000.00", "1000.00", "1000.00", "4500.00"].map(dec));
    expect(line(c, "A", "FY2026-Q1", "accelerator")).toBe(dec("0.00"));
  });

  it("monthly with a fiscal year from February: qtd adds up the fiscal quarter's months", () => {
    const file = "plan-february.carrot";
    expect(compileErrors(CASE, file)).toEqual([]);
    const { "quotas.csv": _quotas, ...data } = caseData(CASE);
    const m = runCase(CASE, {}, data, file);
    expect(m.periods[0]).toBe("2026-02");
    expect(m.periods.map((p) => line(m, "A", p, "quarter_to_date"))).toEqual(
      ["600.00", "600.00", "900.00", "0.00", "500.00", "900.00", "0.00", "0.00", "0.00", "0.00", "700.00", "700.00"].map(dec),
    );
  });

  it("input period columns hold the plan's fiscal ids: a calendar quarter is bad data (R0023)", () => {
    const data = { ...caseData(CASE), "quotas.csv": "person,period,sales\nA,2026-Q2,75000.00\n" };
    const bad = runCase(CASE, {}, data);
    const d = bad.diagnostics.find((x) => x.code === "R0023");
    expect(d?.message).toBe("'2026-Q2' is not a period (2026-03, FY2026-Q1, FY2026-H1, FY2026) in column 'period'");
    expect([d?.file, d?.row, d?.column]).toEqual(["quotas.csv", 2, "period"]);
  });
});
