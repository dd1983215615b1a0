/**
 * The multi-currency example against figures computed by hand (see the example's README).
 * Q1 rates: GBP 1.1700 from 01-01, 1.1650 from 03-15; USD 0.9200 from 01-01, 0.9150 from 02-01,
 * 0.9050 from 03-01 (also the rate of 03-31, used for the USD order bonus).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { amount, lineAmount, measureOf, runExample, totalOf } from "./harness.js";

describe("multi-currency: hand-computed payouts", () => {
  let r: RunResult;
  beforeAll(() => {
    r = runExample("multi-currency");
  });

  test("the data loads whole", () => {
    for (const q of r.dataQuality) expect(q.rowsQuarantined, q.file).toBe(0);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  test("S1 Q1: EUR invoices need no conversion", () => {
    // Germany 42,000 + 51,250 = 93,250 x 3%; France 35,500 x 3%
    expect(amount(lineAmount(r, "S1", "2026-Q1", "commission", "Germany"))).toBe(amount("2797.50"));
    expect(amount(lineAmount(r, "S1", "2026-Q1", "commission", "France"))).toBe(amount("1065.00"));
    // 128,750 / 120,000 = 107.29%: the 90%..110% band pays 1,000
    expect(amount(lineAmount(r, "S1", "2026-Q1", "quarterly_bonus"))).toBe(amount("1000.00"));
    expect(amount(totalOf(r, "S1", "2026-Q1")?.payable)).toBe(amount("4862.50"));
  });

  test("S2 Q1: GBP at the rate of each invoice date, USD likewise", () => {
    // 30,000 x 1.1700 + 20,000 (03-14) x 1.1700 + 25,000 (03-15, new rate) x 1.1650
    // = 35,100 + 23,400 + 29,125 = 87,625
    expect(amount(measureOf(r, "S2", "2026-Q1", "revenue", ["UK"]))).toBe(amount("87625"));
    expect(amount(lineAmount(r, "S2", "2026-Q1", "commission", "UK"))).toBe(amount("3505.00"));
    // 18,000 USD (02-27) x 0.9150 = 16,470; x 5%
    expect(amount(measureOf(r, "S2", "2026-Q1", "revenue", ["US"]))).toBe(amount("16470"));
    expect(amount(lineAmount(r, "S2", "2026-Q1", "commission", "US"))).toBe(amount("823.50"));
    // one US order: 250 USD x 0.9050 (rate of 03-31)
    expect(amount(lineAmount(r, "S2", "2026-Q1", "us_order_bonus"))).toBe(amount("226.25"));
    // (87,625 + 16,470) / 100,000 = 104.095%
    expect(amount(measureOf(r, "S2", "2026-Q1", "attainment"))).toBe(amount("1.04095"));
    expect(amount(totalOf(r, "S2", "2026-Q1")?.payable)).toBe(amount("5554.75"));
  });

  test("S3 Q1: a USD return converts at its own date; the commission rounds half to even", () => {
    // 60,000 x 0.9200 + 45,000 (02-01) x 0.9150 + 38,500 x 0.9150 + 25,000 x 0.9050 - 4,000 x 0.9050
    // = 55,200 + 41,175 + 35,227.50 + 22,625 - 3,620 = 150,607.50
    expect(amount(measureOf(r, "S3", "2026-Q1", "total_revenue"))).toBe(amount("150607.50"));
    // 5% x 150,607.50 = 7,530.375 -> 7,530.38
    expect(amount(lineAmount(r, "S3", "2026-Q1", "commission", "US"))).toBe(amount("7530.38"));
    // four orders (the return is not one): 1,000 USD x 0.9050
    expect(amount(measureOf(r, "S3", "2026-Q1", "us_orders"))).toBe(amount("4"));
    expect(amount(lineAmount(r, "S3", "2026-Q1", "us_order_bonus"))).toBe(amount("905.00"));
    expect(amount(totalOf(r, "S3", "2026-Q1")?.payable)).toBe(amount("9435.38"));
  });

  test("Q2: a new GBP rate from its first day, and a bonus band missed", () => {
    // S2: 40,000 x 1.1650 + 32,000 (05-01) x 1.1800 + 28,500 x 1.1800 = 46,600 + 37,760 + 33,630
    expect(amount(measureOf(r, "S2", "2026-Q2", "revenue", ["UK"]))).toBe(amount("117990"));
    // 4% x 117,990 = 4,719.60; 117.99% reaches the 2,500 band
    expect(amount(lineAmount(r, "S2", "2026-Q2", "quarterly_bonus"))).toBe(amount("2500.00"));
    expect(amount(totalOf(r, "S2", "2026-Q2")?.payable)).toBe(amount("7219.60"));
    // S1: 104,800 / 120,000 = 87.33%: a bonus line of zero
    expect(amount(lineAmount(r, "S1", "2026-Q2", "quarterly_bonus"))).toBe(amount("0"));
    expect(amount(totalOf(r, "S1", "2026-Q2")?.payable)).toBe(amount("3144.00"));
  });
});
