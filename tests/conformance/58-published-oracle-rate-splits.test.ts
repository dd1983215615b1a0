/** Shape 58: a vendor's published step and interpolated rate-table examples, per transaction and per month (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "58-published-oracle-rate-splits";

describe("58 step and interpolated rate tables", () => {
  it("each transaction priced on its own: the published quarter totals, 164 (step) and 149 (interpolated)", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(line(r, "rep", "2015-Q1", "step_commission")).toBe(dec("164.00"));
    expect(line(r, "rep", "2015-Q1", "interpolated_commission")).toBe(dec("149.00"));
    expect(reconciles(r)).toBe(true);
  });

  it("the published per-transaction figures, one transaction at a time", () => {
    const expected: [string, string, string][] = [
      ["T1,2015-01-01,rep,200.00", "2", "2"],
      ["T3,2015-01-15,rep,1500.00", "20", "20"],
      ["T4,2015-02-01,rep,1200.00", "14", "14"],
      ["T6,2015-03-01,rep,4500.00", "95", "80"],
    ];
    for (const [row, step, interp] of expected) {
      const r = runCase(CASE, {}, { "reps.csv": "id,name\nrep,Rep\n", "transactions.csv": `id,date,rep,amount\n${row}\n` });
      expect([line(r, "rep", "2015-Q1", "step_commission"), line(r, "rep", "2015-Q1", "interpolated_commission")]).toEqual([dec(step), dec(interp)]);
    }
  });

  it("the month priced once: step 30 / 56 / 95, interpolated 30 / 54 / 80", () => {
    const file = "plan-interval.carrot";
    expect(compileErrors(CASE, file)).toEqual([]);
    const r = runCase(CASE, {}, caseData(CASE), file);
    const months = ["2015-01", "2015-02", "2015-03"];
    expect(months.map((m) => line(r, "rep", m, "step_commission"))).toEqual(["30.00", "56.00", "95.00"].map(dec));
    expect(months.map((m) => line(r, "rep", m, "interpolated_commission"))).toEqual(["30.00", "54.00", "80.00"].map(dec));
  });
});
