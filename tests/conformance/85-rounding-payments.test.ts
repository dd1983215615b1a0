/** Rounding per line vs on the total, the months paid with the next quarter's payroll (case.md). */
import { describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "85-rounding-payments";
const months = ["2026-01", "2026-02", "2026-03", "2026-12"];
const paid = (r: RunResult, payPeriod: string) => r.payments.find((p) => p.person === "P" && p.payPeriod === payPeriod);

describe("85 rounding per line vs on the total, paid next quarter", () => {
  it("per line: a cent more each month, and in each payment", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(line(r, "P", "2026-01", "commission")).toBe(dec("35.04"));
    expect(line(r, "P", "2026-01", "incentive")).toBe(dec("15.02"));
    expect(line(r, "P", "2026-02", "incentive")).toBe(dec("30.05"));
    expect(months.map((m) => payable(r, "P", m))).toEqual(["50.06", "100.16", "0", "150.06"].map(dec));
    expect(paid(r, "2026-Q1")?.amount ?? "0").toBe("0");
    expect(dec(paid(r, "2026-Q2")?.amount)).toBe(dec("150.22"));
    expect(paid(r, "2026-Q2")?.periods).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(dec(paid(r, "2026-Q3")?.amount)).toBe(dec("0"));
    expect(dec(paid(r, "2027-Q1")?.amount)).toBe(dec("150.06"));
    expect(paid(r, "2027-Q1")?.periods).toEqual(["2026-10", "2026-11", "2026-12"]);
  });

  it("on the total: lines unrounded, each month's total rounded", () => {
    expect(compileErrors(CASE, "plan-total.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-total.carrot");
    expect(line(r, "P", "2026-01", "commission")).toBe(dec("35.035"));
    expect(line(r, "P", "2026-12", "incentive")).toBe(dec("45.015"));
    expect(months.map((m) => payable(r, "P", m))).toEqual(["50.05", "100.15", "0", "150.05"].map(dec));
    expect(dec(paid(r, "2026-Q2")?.amount)).toBe(dec("150.20"));
    expect(dec(paid(r, "2027-Q1")?.amount)).toBe(dec("150.05"));
  });
});
