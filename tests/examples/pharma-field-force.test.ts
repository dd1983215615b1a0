/**
 * The pharma example against figures computed by hand (examples/pharma-field-force/README.md shows
 * the same arithmetic in prose). Quarters: Q1 90 days, Q2 91, Q3 92, Q4 92. Marginal bands in quota
 * units Q: 0..0.5Q at 2%, 0.5Q..Q at 4%, Q..1.25Q at 8%, above 1.25Q at 0%.
 * Bonus curve: 80% → 50%, 100% → 100%, 125% → 200%, linear in between, gate at 80%.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { RunResult, TraceStep } from "@carrot/runtime";
import {
  adjustmentsOf,
  amount,
  lineAmount,
  lineOf,
  measureOf,
  runExample,
  sumOf,
  totalOf,
} from "./harness.js";

/** The proration steps of a trace, wherever they are nested. */
function prorateSteps(steps: TraceStep[] | undefined): { days: number; periodDays: number }[] {
  const found: { days: number; periodDays: number }[] = [];
  const visit = (list: TraceStep[]) => {
    for (const step of list) {
      if (step.kind === "prorate") found.push({ days: step.days, periodDays: step.periodDays });
      if (step.kind === "value") visit(step.steps);
    }
  };
  visit(steps ?? []);
  return found;
}

describe("pharma field force: hand-computed payouts", () => {
  let r: RunResult;
  beforeAll(() => {
    r = runExample("pharma-field-force");
  });

  test("the data loads whole: no row quarantined, no error", () => {
    for (const q of r.dataQuality) expect(q.rowsQuarantined, q.file).toBe(0);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.periods).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
  });

  test("P03 Q1: 92,400 of Cardio on a quota of 80,000 (115.5%) pays three bands", () => {
    // Cardio rows: 31,250.50 + 28,400.00 + 35,000.00 - 2,250.50 (a return) = 92,400.00
    expect(amount(measureOf(r, "P03", "2026-Q1", "revenue", ["Cardio"]))).toBe(amount("92400"));
    expect(amount(measureOf(r, "P03", "2026-Q1", "attainment", ["Cardio"]))).toBe(amount("1.155"));
    // 40,000 x 2% + 40,000 x 4% + 12,400 x 8% = 800 + 1,600 + 992
    expect(amount(lineAmount(r, "P03", "2026-Q1", "commission", "Cardio"))).toBe(amount("3392.00"));
    // Oncology 46,000 on 50,000: 25,000 x 2% + 21,000 x 4% = 500 + 840
    expect(amount(lineAmount(r, "P03", "2026-Q1", "commission", "Oncology"))).toBe(amount("1340.00"));
    // Respiratory 41,000 on 40,000: 20,000 x 2% + 20,000 x 4% + 1,000 x 8% = 400 + 800 + 80
    expect(amount(lineAmount(r, "P03", "2026-Q1", "commission", "Respiratory"))).toBe(amount("1280.00"));
    // weighted: 50% x 115.5% + 30% x 92% + 20% x 102.5% = 105.85%
    expect(amount(measureOf(r, "P03", "2026-Q1", "overall_attainment"))).toBe(amount("1.0585"));
    // curve: 100% + (105.85 - 100) / 25 x 100% = 123.4%; 3,000 x 123.4%
    expect(amount(lineAmount(r, "P03", "2026-Q1", "bonus"))).toBe(amount("3702.00"));
    // no SPIF line: the launch window starts in Q2
    expect(lineOf(r, "P03", "2026-Q1", "launch_spif")).toBeUndefined();
    // 3,392 + 1,340 + 1,280 + 3,702
    expect(amount(totalOf(r, "P03", "2026-Q1")?.payable)).toBe(amount("9714.00"));
  });

  test("P06 Q1: hired 2026-02-15, active 45 of 90 days", () => {
    // N06 invoices of 01-20 and 02-14 are uncredited; 02-15 is credited (inclusive start)
    // Cardio 9,000 + 12,000 = 21,000 on 20,000: 10,000 x 2% + 10,000 x 4% + 1,000 x 8% = 200 + 400 + 80
    expect(amount(lineAmount(r, "P06", "2026-Q1", "commission", "Cardio"))).toBe(amount("680.00"));
    // Oncology 12,500 on 12,500: 6,250 x 2% + 6,250 x 4% = 125 + 250
    expect(amount(lineAmount(r, "P06", "2026-Q1", "commission", "Oncology"))).toBe(amount("375.00"));
    // Respiratory 8,000 on 10,000: 5,000 x 2% + 3,000 x 4% = 100 + 120
    expect(amount(lineAmount(r, "P06", "2026-Q1", "commission", "Respiratory"))).toBe(amount("220.00"));
    // weighted 52.5 + 30 + 16 = 98.5%; curve 50% + 18.5 / 20 x 50% = 96.25%; 2,000 x 45/90 x 96.25%
    expect(amount(lineAmount(r, "P06", "2026-Q1", "bonus"))).toBe(amount("962.50"));
    // the statement can show why: 45 of 90 days
    expect(prorateSteps(lineOf(r, "P06", "2026-Q1", "bonus")?.trace.steps)).toEqual([{ days: 45, periodDays: 90 }]);
    expect(amount(totalOf(r, "P06", "2026-Q1")?.payable)).toBe(amount("2237.50"));
  });

  test("P08 Q1: 60% of territory S02, the bonus rounds half to even", () => {
    // S02: Cardio 32,815 + 17,185 = 50,000; Oncology 41,250 - 1,250 = 40,000; Respiratory 25,000
    expect(amount(measureOf(r, "P08", "2026-Q1", "revenue", ["Cardio"]))).toBe(amount("30000"));
    expect(amount(measureOf(r, "P08", "2026-Q1", "revenue", ["Oncology"]))).toBe(amount("24000"));
    expect(amount(measureOf(r, "P08", "2026-Q1", "revenue", ["Respiratory"]))).toBe(amount("15000"));
    // 30,000 on 32,000: 16,000 x 2% + 14,000 x 4% = 320 + 560
    expect(amount(lineAmount(r, "P08", "2026-Q1", "commission", "Cardio"))).toBe(amount("880.00"));
    // 24,000 on 25,000: 12,500 x 2% + 11,500 x 4% = 250 + 460
    expect(amount(lineAmount(r, "P08", "2026-Q1", "commission", "Oncology"))).toBe(amount("710.00"));
    // 15,000 on 16,000: 8,000 x 2% + 7,000 x 4% = 160 + 280
    expect(amount(lineAmount(r, "P08", "2026-Q1", "commission", "Respiratory"))).toBe(amount("440.00"));
    // weighted 46.875 + 28.8 + 18.75 = 94.425%; curve 50% + 14.425/20 x 50% = 86.0625%;
    // 3,000 x 86.0625% = 2,581.875 -> half to even -> 2,581.88
    expect(amount(lineAmount(r, "P08", "2026-Q1", "bonus"))).toBe(amount("2581.88"));
    expect(amount(totalOf(r, "P08", "2026-Q1")?.payable)).toBe(amount("4611.88"));
  });

  test("P09 gets the other 40% of S02 on top of S03", () => {
    // 40% of S02's 50,000 = 20,000, plus S03's INV-0016 (15,688.50) and INV-0042 (22,095.50) = 57,784
    expect(amount(measureOf(r, "P09", "2026-Q1", "revenue", ["Cardio"]))).toBe(amount("57784"));
    // 57,784 on 64,000: 32,000 x 2% + 25,784 x 4% = 640 + 1,031.36
    expect(amount(lineAmount(r, "P09", "2026-Q1", "commission", "Cardio"))).toBe(amount("1671.36"));
  });

  test("P04 and P05 swap N04 and N05 on 2026-05-16 (coverage dates inclusive)", () => {
    // P04: N04 30,000 (04-20) + 12,500 (05-15) + N05 6,500 (05-16) + 21,000 (06-22) = 70,000
    expect(amount(measureOf(r, "P04", "2026-Q2", "revenue", ["Cardio"]))).toBe(amount("70000"));
    // P05: N05 40,000 (04-08) + N04 8,000 (05-16) + 15,000 (06-10) = 63,000
    expect(amount(measureOf(r, "P05", "2026-Q2", "revenue", ["Cardio"]))).toBe(amount("63000"));
    // P04: 70,000 on 64,000: 32,000 x 2% + 32,000 x 4% + 6,000 x 8% = 640 + 1,280 + 480
    expect(amount(lineAmount(r, "P04", "2026-Q2", "commission", "Cardio"))).toBe(amount("2400.00"));
    // P05: 63,000 on 80,000: 40,000 x 2% + 23,000 x 4% = 800 + 920
    expect(amount(lineAmount(r, "P05", "2026-Q2", "commission", "Cardio"))).toBe(amount("1720.00"));
  });

  test("P11 Q3: leaves 2026-08-15, active 46 of 92 days; the SPIF window ends 07-31", () => {
    // Cardio 20,000 + 12,000 (08-15, last day) = 32,000 on 32,000: 16,000 x 2% + 16,000 x 4%
    expect(amount(lineAmount(r, "P11", "2026-Q3", "commission", "Cardio"))).toBe(amount("960.00"));
    // Oncology 22,000 on 20,000: 10,000 x 2% + 10,000 x 4% + 2,000 x 8% = 200 + 400 + 160
    expect(amount(lineAmount(r, "P11", "2026-Q3", "commission", "Oncology"))).toBe(amount("760.00"));
    // Respiratory 6,000 + 4,000 + 2,000 = 12,000 on 16,000: 8,000 x 2% + 4,000 x 4%
    expect(amount(lineAmount(r, "P11", "2026-Q3", "commission", "Respiratory"))).toBe(amount("320.00"));
    // weighted 50 + 33 + 15 = 98%; curve 50% + 18/20 x 50% = 95%; 3,000 x 46/92 x 95%
    expect(amount(lineAmount(r, "P11", "2026-Q3", "bonus"))).toBe(amount("1425.00"));
    expect(prorateSteps(lineOf(r, "P11", "2026-Q3", "bonus")?.trace.steps)).toEqual([{ days: 46, periodDays: 92 }]);
    // RESP-AIR 4,000 on 07-20 is in the window, 2,000 on 08-03 is not: 10% x 4,000
    expect(amount(lineAmount(r, "P11", "2026-Q3", "launch_spif"))).toBe(amount("400.00"));
    expect(amount(totalOf(r, "P11", "2026-Q3")?.payable)).toBe(amount("3865.00"));
    // gone in Q4 and credited nothing there: not evaluated
    expect(totalOf(r, "P11", "2026-Q4")).toBeUndefined();
  });

  test("P10 Q3: a return larger than the quarter's Respiratory sales", () => {
    // Respiratory 5,000 - 9,500 = -4,500: never a negative commission
    expect(amount(measureOf(r, "P10", "2026-Q3", "revenue", ["Respiratory"]))).toBe(amount("-4500"));
    const respiratory = lineAmount(r, "P10", "2026-Q3", "commission", "Respiratory");
    expect(respiratory === undefined || amount(respiratory) === amount("0")).toBe(true);
    // Cardio 64,000 on 64,000: 640 + 1,280; Oncology 40,000 on 40,000: 400 + 800
    expect(amount(lineAmount(r, "P10", "2026-Q3", "commission", "Cardio"))).toBe(amount("1920.00"));
    expect(amount(lineAmount(r, "P10", "2026-Q3", "commission", "Oncology"))).toBe(amount("1200.00"));
    // weighted 50% + 30% + 20% x -18% = 76.4% < 80%: gated, a line of zero
    expect(amount(measureOf(r, "P10", "2026-Q3", "overall_attainment"))).toBe(amount("0.764"));
    const bonus = lineOf(r, "P10", "2026-Q3", "bonus");
    expect(bonus?.status).toBe("gated");
    expect(amount(bonus?.amount)).toBe(amount("0"));
    expect(amount(totalOf(r, "P10", "2026-Q3")?.payable)).toBe(amount("3120.00"));
  });

  test("P01 reaches the yearly plan cap of 36,000 in Q3 and is paid nothing in Q4", () => {
    // Q1: 4,600 + 3,040 + 1,900 + bonus 4,000 x 160% = 6,400 -> 15,940
    expect(amount(totalOf(r, "P01", "2026-Q1")?.payable)).toBe(amount("15940.00"));
    // Q2: 3,800 + 2,400 + 2,300 + SPIF 10% x 10,000 = 1,000 + bonus 4,000 x 136% = 5,440 -> 14,940
    expect(amount(totalOf(r, "P01", "2026-Q2")?.payable)).toBe(amount("14940.00"));
    expect(amount(lineAmount(r, "P01", "2026-Q2", "launch_spif"))).toBe(amount("1000.00"));
    // Q3 earned: 3,000 + 2,240 + 1,500 + SPIF 300 + bonus 4,000 x 96.25% = 3,850 -> 10,890;
    // only 36,000 - 30,880 = 5,120 can be paid: cap adjustment -5,770
    const q3 = totalOf(r, "P01", "2026-Q3");
    expect(amount(q3?.earned)).toBe(amount("10890.00"));
    expect(amount(q3?.payable)).toBe(amount("5120.00"));
    expect(adjustmentsOf(r, "P01", "2026-Q3", "cap").map((a) => amount(a.amount))).toEqual([amount("-5770.00")]);
    // Q4 (generated rows): Cardio 87,165.50 on 100,000: 1,000 + 37,165.50 x 4% = 2,486.62;
    // Oncology 66,702 on 80,000: 800 + 26,702 x 4% = 1,868.08; Respiratory 51,197 on 50,000:
    // 500 + 1,000 + 1,197 x 8% = 1,595.76; weighted 43.58275 + 25.01325 + 20.4788 = 89.0748%,
    // curve 50% + 9.0748 / 20 x 50% = 72.687%: bonus 4,000 x 72.687% = 2,907.48. All capped away.
    expect(amount(measureOf(r, "P01", "2026-Q4", "revenue", ["Cardio"]))).toBe(amount("87165.50"));
    expect(amount(lineAmount(r, "P01", "2026-Q4", "bonus"))).toBe(amount("2907.48"));
    const q4 = totalOf(r, "P01", "2026-Q4");
    expect(amount(q4?.earned)).toBe(amount("8857.94"));
    expect(amount(q4?.payable)).toBe(amount("0"));
    const year = sumOf(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map((p) => totalOf(r, "P01", p)?.payable));
    expect(amount(year)).toBe(amount("36000"));
  });

  test("M01 Q1: 8% of the six North reps' Q1 commission", () => {
    // P01 4,600 + 3,040 + 1,900 = 9,540.00
    // P02 Cardio 68,193 on 64,000: 640 + 1,280 + 4,193 x 8% = 2,255.44; Oncology 35,596 on 40,000:
    //     400 + 15,596 x 4% = 1,023.84; Respiratory 23,844 on 25,000: 250 + 11,344 x 4% = 703.76 -> 3,983.04
    // P03 3,392 + 1,340 + 1,280 = 6,012.00
    // P04 Cardio 61,494.50 on 64,000: 640 + 29,494.50 x 4% = 1,819.78; Oncology 37,677: 400 + 17,677 x 4%
    //     = 1,107.08; Respiratory 24,666: 250 + 12,166 x 4% = 736.64 -> 3,663.50
    // P05 Cardio 79,644 on 80,000: 800 + 39,644 x 4% = 2,385.76; Oncology 47,610.50 on 50,000:
    //     500 + 22,610.50 x 4% = 1,404.42; Respiratory 28,235 on 32,000: 320 + 12,235 x 4% = 809.40 -> 4,599.58
    // P06 680 + 375 + 220 = 1,275.00
    // sum 29,073.12 x 8% = 2,325.8496 -> 2,325.85
    for (const [person, expected] of [["P02", "3983.04"], ["P04", "3663.50"], ["P05", "4599.58"]] as const) {
      const lines = ["Cardio", "Oncology", "Respiratory"].map((c) => lineAmount(r, person, "2026-Q1", "commission", c));
      expect(amount(sumOf(lines)), person).toBe(amount(expected));
    }
    expect(amount(lineAmount(r, "M01", "2026-Q1", "manager_override"))).toBe(amount("2325.85"));
    // managers get no commission or bonus line
    expect(lineOf(r, "M01", "2026-Q1", "bonus")).toBeUndefined();
    expect(lineOf(r, "M01", "2026-Q1", "commission", "Cardio")).toBeUndefined();
  });

  test("every invoice is accounted for: credited or uncredited with its reason", () => {
    const q1 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q1");
    expect(amount(q1?.amountIn)).toBe(amount("1564761.50"));
    // 4,200 (N06, 01-20) + 3,100 (N06, 02-14) + 6,400 (S07, unstaffed) = 13,700
    expect(amount(q1?.uncredited)).toBe(amount("13700.00"));
    expect(amount(q1?.credited)).toBe(amount("1551061.50"));
    expect(q1?.uncreditedRows.map((u) => [u.key, u.reason]).sort()).toEqual([
      ["INV-0013", "no-match"],
      ["INV-0033", "no-match"],
      ["INV-0061", "no-match"],
    ]);
    const q3 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q3");
    // S05 on 08-20: between P11's last day (08-15) and P12's first (09-01)
    expect(q3?.uncreditedRows.map((u) => [u.key, amount(u.amount), u.reason])).toEqual([["INV-0154", amount("5500"), "no-match"]]);
    const q4 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q4");
    expect(q4?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["INV-0191", "no-match"]]);
    // the invoice of 2025-12-30 is outside the plan's dates
    const outside = r.reconciliation.flatMap((x) => x.uncreditedRows).filter((u) => u.reason === "outside-plan");
    expect(outside.map((u) => [u.key, amount(u.amount)])).toEqual([["INV-0001", amount("2125")]]);
    for (const rec of r.reconciliation) {
      expect(amount(sumOf([rec.credited, rec.uncredited])), `${rec.table} ${rec.period}`).toBe(amount(rec.amountIn));
    }
  });
});
