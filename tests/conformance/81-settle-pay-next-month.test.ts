/** Cumulative settlement with `pay next month`: a correction in a closed month, December paid in January (case.md). */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, payable, runCase } from "./harness.js";

const CASE = "81-settle-pay-next-month";
const paid = (r: RunResult, payPeriod: string) => r.payments.find((p) => p.person === "C" && p.payPeriod === payPeriod);

describe("81 settlement with a pay-next-month calendar", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the first open month pays the late correction; December is paid in 2027-01", () => {
    expect(payable(r, "C", "2026-03")).toBe(dec("750.00"));
    expect(["2026-04", "2026-07", "2026-11"].map((m) => payable(r, "C", m))).toEqual(["0", "0", "0"]);
    expect(payable(r, "C", "2026-12")).toBe(dec("200.00"));
    expect(dec(paid(r, "2026-04")?.amount)).toBe(dec("750.00"));
    expect(paid(r, "2026-04")?.periods).toEqual(["2026-03"]);
    expect(dec(paid(r, "2027-01")?.amount)).toBe(dec("200.00"));
    expect(paid(r, "2027-01")?.periods).toEqual(["2026-12"]);
  });

  // B31 (fixed): a closed month (a row of the payments table) reports what payroll paid; the
  // correction is settled once, in the first open month, and the year pays what it earned.
  it("closed months report what payroll paid; the year's payments equal what was earned (B31)", () => {
    expect(payable(r, "C", "2026-01")).toBe(dec("1000.00"));
    expect(payable(r, "C", "2026-02")).toBe(dec("400.00"));
    expect(dec(paid(r, "2026-02")?.amount)).toBe(dec("1000.00"));
    expect(dec(paid(r, "2026-03")?.amount)).toBe(dec("400.00"));
    const year = r.payments.filter((p) => p.person === "C").reduce((a, p) => a.plus(p.amount), new Decimal(0));
    expect(year.toFixed()).toBe(dec("2350.00"));
  });
});
