/** Weighted brand scorecard, each brand floored at 0% and capped at 125%, gated at 85% overall (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, measure, payable, reconciles, runCase } from "./harness.js";

const CASE = "73-brand-scorecard-gate";

describe("73 brand scorecard gate", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("brand scores: SKUs rolled up to brands, floored at 0%, capped at 125%", () => {
    expect(measure(r, "A", "2026-Q1", "brand_score", ["Cardiva"])).toBe(dec("1.25"));
    expect(measure(r, "B", "2026-Q1", "brand_score", ["Onkoza"])).toBe(dec("1.25"));
    expect(measure(r, "B", "2026-Q1", "brand_score", ["Respira"])).toBe(dec("0"));
    expect(measure(r, "A", "2026-Q1", "scorecard")).toBe(dec("0.865"));
    expect(measure(r, "B", "2026-Q1", "scorecard")).toBe(dec("0.9375"));
  });

  it("exactly 85% overall pays; 84.999995% is gated", () => {
    expect(line(r, "A", "2026-Q1", "scorecard_bonus")).toBe(dec("5190.00"));
    expect(line(r, "B", "2026-Q1", "scorecard_bonus")).toBe(dec("7031.25"));
    expect(line(r, "C", "2026-Q1", "scorecard_bonus")).toBe(dec("0"));
    expect(lineStatus(r, "C", "2026-Q1", "scorecard_bonus")).toBe("gated");
  });

  it("an empty quarter is gated for everyone", () => {
    for (const p of ["A", "B", "C"]) {
      expect(line(r, p, "2026-Q2", "scorecard_bonus")).toBe(dec("0"));
      expect(payable(r, p, "2026-Q2")).toBe(dec("0"));
    }
  });

  it("reconciles", () => {
    const q1 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q1");
    expect(dec(q1?.amountIn)).toBe(dec("477999.99"));
    expect(dec(q1?.credited)).toBe(dec("477999.99"));
    expect(reconciles(r)).toBe(true);
  });
});
