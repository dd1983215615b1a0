/** Shape 60: ramp month, prorated quota and draw, version multiplier, ported from an engine's integration tests (case.md). */
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { adjustment, compileErrors, dec, line, measure, payable, reconciles, runCase } from "./harness.js";

const CASE = "60-engine-ramp-draw-proration";
const M = "2025-01";

describe("60 ramp, draw and proration (theodortrampe/commission-calculator)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
  });

  it("tests 1 and 2: the version's rate multiplier (100 and 200)", () => {
    const r = runCase(CASE);
    expect(line(r, "v1", M, "commission")).toBe(dec("100.00"));
    expect(line(r, "v2", M, "commission")).toBe(dec("200.00"));
    expect(payable(r, "v1", M)).toBe(dec("100.00"));
    expect(payable(r, "v2", M)).toBe(dec("200.00"));
    expect(reconciles(r)).toBe(true);
  });

  it("test 3: the quota prorated 17/31 (5,483.87), attainment 109.41%, commission 600", () => {
    const r = runCase(CASE);
    expect(new Decimal(measure(r, "mid", M, "monthly_quota")!).toDecimalPlaces(2).toFixed(2)).toBe("5483.87");
    expect(new Decimal(measure(r, "mid", M, "attainment")!).times(100).toDecimalPlaces(2).toFixed(2)).toBe("109.41");
    expect(line(r, "mid", M, "commission")).toBe(dec("600.00"));
  });

  it("test 4: ramp month 1, half the quota, the 4,000 draw tops up a 100 commission by 3,900", () => {
    const r = runCase(CASE);
    expect(measure(r, "ramp", M, "monthly_quota")).toBe(dec("5000"));
    expect(line(r, "ramp", M, "commission")).toBe(dec("100.00"));
    expect(adjustment(r, "ramp", M, "guarantee")).toBe(dec("3900.00"));
    expect(payable(r, "ramp", M)).toBe(dec("4000.00"));
  });

  it("test 5: the ramp draw prorated 17/31 for a 15 January start: 2,193.55", () => {
    const r = runCase(CASE);
    expect(new Decimal(measure(r, "rampmid", M, "monthly_quota")!).toDecimalPlaces(2).toFixed(2)).toBe("2741.94");
    expect(line(r, "rampmid", M, "commission")).toBe(dec("0.00"));
    expect(payable(r, "rampmid", M)).toBe(dec("2193.55"));
  });

  it("test 6: the accelerator on the overage during the ramp: 1,100 above the 1,000 draw", () => {
    const r = runCase(CASE);
    expect(line(r, "rampaccel", M, "commission")).toBe(dec("1100.00"));
    expect(adjustment(r, "rampaccel", M, "guarantee")).toBeUndefined();
    expect(payable(r, "rampaccel", M)).toBe(dec("1100.00"));
  });
});
