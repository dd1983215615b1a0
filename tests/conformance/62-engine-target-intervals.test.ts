/** Shape 62: rates on intervals of a target, a rep and a manager on the team's commissions, ported from a module's tests (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "62-engine-target-intervals";
const Y = "2020-Y";

describe("62 interval rates on a target (Numigi/odoo-sale-addons commission)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
    expect(compileErrors(CASE, "plan-team.carrot")).toEqual([]);
  });

  it("the rep's intervals on 60,000 of a 100,000 target: 2,500 / 1,500 / 500, the category's two rates 1,400", () => {
    const r = runCase(CASE);
    expect(line(r, "employee", Y, "rate_0_50")).toBe(dec("2500.00"));
    expect(line(r, "employee", Y, "rate_30_70")).toBe(dec("1500.00"));
    expect(line(r, "employee", Y, "rate_50_100")).toBe(dec("500.00"));
    expect(line(r, "employee", Y, "category")).toBe(dec("1400.00"));
    expect(reconciles(r)).toBe(true);
  });

  it("the manager on the team's 20,000 of commissions: fixed 1,000; intervals of a 40,000 target 1,000 / 400 / 0", () => {
    const files = { ...caseData(CASE), "invoices.csv": "id,date,salesperson,amount\nINV1,2020-06-17,employee,400000\n" };
    const r = runCase(CASE, {}, files, "plan-team.carrot");
    expect(line(r, "employee", Y, "commission")).toBe(dec("20000.00"));
    expect(line(r, "team_manager", Y, "manager_fixed")).toBe(dec("1000.00"));
    expect(line(r, "team_manager", Y, "manager_0_50")).toBe(dec("1000.00"));
    expect(line(r, "team_manager", Y, "manager_30_70")).toBe(dec("400.00"));
    expect(line(r, "team_manager", Y, "manager_50_100")).toBe(dec("0.00"));
  });

  it("sales below an interval's start pay 0 in it, not no value (20,000 of 100,000: 1,000 / 0 / 0, category 400)", () => {
    const files = { ...caseData(CASE), "invoices.csv": "id,date,salesperson,amount\nINV1,2020-06-17,employee,20000\n" };
    const r = runCase(CASE, {}, files);
    expect(line(r, "employee", Y, "rate_0_50")).toBe(dec("1000.00"));
    expect(line(r, "employee", Y, "rate_30_70")).toBe(dec("0.00"));
    expect(line(r, "employee", Y, "rate_50_100")).toBe(dec("0.00"));
    expect(line(r, "employee", Y, "category")).toBe(dec("400.00"));
  });
});
