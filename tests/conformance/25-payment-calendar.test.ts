/** Shape 25: earned in one month, paid with the next payroll (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "25-payment-calendar";

describe("25 payment calendar", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("a month's earnings are paid the month after", () => {
    expect(["2026-01", "2026-02", "2026-03", "2026-04"].map((m) => line(r, "C", m, "paid_next_cycle"))).toEqual(["0", "1000.00", "500.00", "0"].map(dec));
  });

  it("everything earned is paid at some point (December's 700 in January 2027)", () => {
    expect(compileErrors(CASE, "plan-calendar.carrot")).toEqual([]);
    const cal = runCase(CASE, {}, undefined, "plan-calendar.carrot");
    const payments = cal.payments ?? [];
    expect(payments.filter((p) => p.amount !== "0.00").map((p) => [p.payPeriod, dec(p.amount), p.periods])).toEqual([
      ["2026-02", dec("1000"), ["2026-01"]],
      ["2026-03", dec("500"), ["2026-02"]],
      ["2027-01", dec("700"), ["2026-12"]],
    ]);
    // Every month is paid exactly once, the month after, and nothing is left unpaid.
    expect(payments.map((p) => p.periods)).toEqual(cal.periods.map((m) => [m]));
    expect(payments.find((p) => p.payPeriod === "2026-01")).toBeUndefined();
    const paid = payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
    expect(paid.toFixed()).toBe(dec("2200"));
    // The lines keep the month they were earned in.
    expect(line(cal, "C", "2026-12", "commission")).toBe(dec("700.00"));
  });

  it("a run of some months pays only those months, and says which payments are partial", () => {
    const cal = runCase(CASE, { from: "2026-11" }, undefined, "plan-calendar.carrot");
    expect(cal.payments?.map((p) => [p.payPeriod, dec(p.amount), p.partial ?? false])).toEqual([
      ["2026-12", dec("0"), false],
      ["2027-01", dec("700"), false],
    ]);
  });
});
