/** Cumulative settlement against payroll's recorded payments: a late row in a closed month, an overpayment (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "80-settle-past-payments";
const months = ["2026-01", "2026-02", "2026-03", "2026-04"];
const open = ["2026-03", "2026-04"];

describe("80 settlement against past payments", () => {
  it("earned commission per month", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(months.map((m) => line(r, "A", m, "commission"))).toEqual(["1200.00", "500.00", "300.00", "0.00"].map(dec));
    expect(months.map((m) => line(r, "B", m, "commission"))).toEqual(["800.00", "600.00", "0.00", "500.00"].map(dec));
  });

  it("clawback: the late January sale is paid in March; Ben's overpayment is paid back in March", () => {
    const r = runCase(CASE);
    // January and February are closed (payroll's rows): what this run reports for them is case 81's subject (B31).
    expect(open.map((m) => payable(r, "A", m))).toEqual(["500.00", "0.00"].map(dec));
    expect(open.map((m) => payable(r, "B", m))).toEqual(["-300.00", "500.00"].map(dec));
  });

  it("carry: Ben's overpayment is recovered from April", () => {
    expect(compileErrors(CASE, "plan-carry.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-carry.carrot");
    expect(open.map((m) => payable(r, "A", m))).toEqual(["500.00", "0.00"].map(dec));
    expect(open.map((m) => payable(r, "B", m))).toEqual(["0.00", "200.00"].map(dec));
  });
});
