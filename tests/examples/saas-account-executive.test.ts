/**
 * The SaaS example against figures computed by hand (see the example's README).
 * Rates by monthly attainment (retroactive): 5% below 50%, 8% from 50%, 10% from 100%, on the ARR up
 * to quota. Overage above quota: 10% x 1.5 (100%..125%), x 2 (125%..150%), x 2.5 (150%..).
 * Clawback 8% of churned ARR when the churn is within 180 days of the close. Recoverable draw of
 * 3,000 USD a month. Settlement: year-to-date due minus what payroll paid (payments.csv, Jan-Apr).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustmentsOf, amount, lineAmount, lineOf, measureOf, runExample, sumOf, totalOf } from "./harness.js";

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${String(from + i).padStart(2, "0")}`);

describe("SaaS account executive: hand-computed payouts", () => {
  let r: RunResult;
  beforeAll(() => {
    r = runExample("saas-account-executive");
  });

  test("the data loads whole and every month of the year is evaluated", () => {
    for (const q of r.dataQuality) expect(q.rowsQuarantined, q.file).toBe(0);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.periods).toEqual(months(1, 12));
    // A03 is hired on 2026-03-01: nothing before March
    expect(totalOf(r, "A03", "2026-02")).toBeUndefined();
  });

  test("A01 January: 75% of quota earns 8% on everything", () => {
    // 60,000 (Acme) + 15,000 (Borealis) = 75,000 on 100,000
    expect(amount(measureOf(r, "A01", "2026-01", "attainment"))).toBe(amount("0.75"));
    expect(amount(lineAmount(r, "A01", "2026-01", "commission"))).toBe(amount("6000.00"));
    expect(lineOf(r, "A01", "2026-01", "accelerator")?.status).toBe("gated");
    expect(amount(totalOf(r, "A01", "2026-01")?.payable)).toBe(amount("6000.00"));
  });

  test("A01 February and March: a draw, then the accelerator and the recovery", () => {
    // Feb: 40,000 on 100,000 = 40%: 5% x 40,000 = 2,000; topped up to 3,000 (balance 1,000)
    expect(amount(lineAmount(r, "A01", "2026-02", "commission"))).toBe(amount("2000.00"));
    expect(amount(totalOf(r, "A01", "2026-02")?.payable)).toBe(amount("3000.00"));
    // Mar: 110,000 + 50,000 = 160,000 = 160%: 10% x 100,000 = 10,000; overage 60,000 x 10% x 2.5 = 15,000
    expect(amount(lineAmount(r, "A01", "2026-03", "commission"))).toBe(amount("10000.00"));
    expect(amount(lineAmount(r, "A01", "2026-03", "accelerator"))).toBe(amount("15000.00"));
    // earned 25,000, the 1,000 balance is recovered: 24,000
    expect(amount(totalOf(r, "A01", "2026-03")?.earned)).toBe(amount("25000.00"));
    expect(amount(totalOf(r, "A01", "2026-03")?.payable)).toBe(amount("24000.00"));
  });

  test("A01 April: the Borealis churn (92 days after closing) takes 8% back", () => {
    // 45,000 + 40,000 = 85,000 = 85%: 8% x 85,000 = 6,800
    expect(amount(lineAmount(r, "A01", "2026-04", "commission"))).toBe(amount("6800.00"));
    expect(amount(measureOf(r, "A01", "2026-04", "clawed_back_arr"))).toBe(amount("-15000"));
    // 8% x -15,000
    expect(amount(lineAmount(r, "A01", "2026-04", "clawback"))).toBe(amount("-1200.00"));
    expect(amount(totalOf(r, "A01", "2026-04")?.payable)).toBe(amount("5600.00"));
  });

  test("A01 May: exactly 125% reaches the x2 multiplier", () => {
    // 125,000 on 100,000: 10,000 + 25,000 x 10% x 2 = 10,000 + 5,000
    expect(amount(lineAmount(r, "A01", "2026-05", "commission"))).toBe(amount("10000.00"));
    expect(amount(lineAmount(r, "A01", "2026-05", "accelerator"))).toBe(amount("5000.00"));
    // nothing recorded as paid for May: the payment is what is due
    expect(amount(totalOf(r, "A01", "2026-05")?.payable)).toBe(amount("15000.00"));
    // 75,000 + 40,000 + 160,000 + 85,000 + 125,000 booked since January
    expect(amount(measureOf(r, "A01", "2026-05", "ytd_booked_arr"))).toBe(amount("485000"));
  });

  test("A01 August and November: one churn inside the window, one outside", () => {
    // Aug: Dynamo Health churned -30,000, 161 days after 03-06: 8% x -30,000 = -2,400
    expect(amount(lineAmount(r, "A01", "2026-08", "clawback"))).toBe(amount("-2400.00"));
    // 85,000 = 85%: 6,800 - 2,400
    expect(amount(totalOf(r, "A01", "2026-08")?.payable)).toBe(amount("4400.00"));
    // Nov: Cobalt churned -40,000, 268 days after 02-10: not clawed back
    expect(amount(measureOf(r, "A01", "2026-11", "clawed_back_arr"))).toBe(amount("0"));
    expect(amount(lineAmount(r, "A01", "2026-11", "clawback"))).toBe(amount("0"));
    // 120,000 = 120%: 10,000 + 20,000 x 10% x 1.5 = 13,000
    expect(amount(totalOf(r, "A01", "2026-11")?.payable)).toBe(amount("13000.00"));
  });

  test("A03: the draw tops up two ramp months and is recovered in May", () => {
    // Mar: 8,000 on 20,000 = 40%: 5% x 8,000 = 400; draw 2,600
    expect(amount(lineAmount(r, "A03", "2026-03", "commission"))).toBe(amount("400.00"));
    expect(amount(sumOf(adjustmentsOf(r, "A03", "2026-03").map((a) => a.amount)))).toBe(amount("2600.00"));
    expect(amount(totalOf(r, "A03", "2026-03")?.payable)).toBe(amount("3000.00"));
    // Apr: 12,000 + 14,000 = 26,000 on 40,000 = 65%: 8% x 26,000 = 2,080; draw 920 (balance 3,520)
    expect(amount(lineAmount(r, "A03", "2026-04", "commission"))).toBe(amount("2080.00"));
    expect(amount(sumOf(adjustmentsOf(r, "A03", "2026-04", "draw").map((a) => a.amount)))).toBe(amount("920.00"));
    expect(amount(totalOf(r, "A03", "2026-04")?.payable)).toBe(amount("3000.00"));
    // May: 30,000 + 35,000 = 65,000 on 50,000 = 130%: 5,000 + 15,000 x 10% x 2 = 8,000;
    // recovery min(3,520, 8,000 - 3,000) = 3,520: paid 4,480
    expect(amount(lineAmount(r, "A03", "2026-05", "commission"))).toBe(amount("5000.00"));
    expect(amount(lineAmount(r, "A03", "2026-05", "accelerator"))).toBe(amount("3000.00"));
    expect(amount(totalOf(r, "A03", "2026-05")?.earned)).toBe(amount("8000.00"));
    expect(amount(totalOf(r, "A03", "2026-05")?.payable)).toBe(amount("4480.00"));
  });

  test("A02 May: settlement pays back the 400 payroll held back in February", () => {
    // Due: Jan 4,000 (62.5%: 8% x 50,000); Feb 5,600 (87.5%: 8% x 70,000);
    // Mar 3,000 (37.5%: 5% x 30,000 = 1,500 + draw 1,500);
    // Apr 8,900 (120%: 8,000 + 16,000 x 10% x 1.5 = 10,400, less 1,500 recovered);
    // May 8,000 (100%: 10% x 80,000, overage 0).
    expect(amount(lineAmount(r, "A02", "2026-04", "accelerator"))).toBe(amount("2400.00"));
    expect(amount(lineAmount(r, "A02", "2026-05", "commission"))).toBe(amount("8000.00"));
    expect(amount(lineAmount(r, "A02", "2026-05", "accelerator"))).toBe(amount("0"));
    // Paid Jan-Apr: 4,000 + 5,200 + 3,000 + 8,900 = 21,100.
    // May: (4,000 + 5,600 + 3,000 + 8,900 + 8,000) - 21,100 = 29,500 - 21,100 = 8,400
    expect(amount(totalOf(r, "A02", "2026-05")?.payable)).toBe(amount("8400.00"));
    // June onwards nothing is outstanding: June pays what June earns (52,000 = 65%: 8% x 52,000)
    expect(amount(totalOf(r, "A02", "2026-06")?.payable)).toBe(amount("4160.00"));
  });

  test("the May payroll run alone gives the same payments: history is recomputed, not stored", () => {
    const may = runExample("saas-account-executive", { from: "2026-05", to: "2026-05" });
    expect(may.periods).toEqual(["2026-05"]);
    // A02: the 400 shortfall of February is settled
    expect(amount(totalOf(may, "A02", "2026-05")?.payable)).toBe(amount("8400.00"));
    // A03: the draw balance of 3,520 built up in March and April is recovered
    expect(amount(totalOf(may, "A03", "2026-05")?.payable)).toBe(amount("4480.00"));
    expect(amount(sumOf(adjustmentsOf(may, "A03", "2026-05", "recovery").map((a) => a.amount)))).toBe(amount("-3520.00"));
  });

  test("A02 July: the Kestrel churn, 155 days after closing, is clawed back", () => {
    // 64,000 + 16,000 = 80,000 = 100%: 8,000; clawback 8% x -25,000 = -2,000
    expect(amount(lineAmount(r, "A02", "2026-07", "clawback"))).toBe(amount("-2000.00"));
    expect(amount(totalOf(r, "A02", "2026-07")?.payable)).toBe(amount("6000.00"));
  });
});
