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

  // Not expressible (gap G10): no paid-in period, so December's earnings, due in January 2027,
  // fall outside the plan and are never paid.
  it.fails("everything earned is paid at some point (December's 700 in January 2027)", () => {
    const paid = r.lines.filter((l) => l.person === "C").reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(paid.toFixed()).toBe(dec("2200"));
  });
});
