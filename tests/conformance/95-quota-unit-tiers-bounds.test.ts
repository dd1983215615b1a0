/** Tiers in quota units on the bounds, marginal vs retroactive vs interpolated; zero and missing quota (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "95-quota-unit-tiers-bounds";
const months = ["2026-01", "2026-02", "2026-03", "2026-04"];

describe("95 tiers in quota units on the bounds", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("marginal slices", () => {
    expect(months.map((m) => line(r, "A", m, "marginal_commission"))).toEqual(["1000.00", "3500.00", "5100.00", "0"].map(dec));
  });
  it("retroactive, a bound belonging to the band above", () => {
    expect(months.map((m) => line(r, "A", m, "retro_commission"))).toEqual(["2500.00", "8000.00", "9600.00", "0"].map(dec));
  });
  it("retroactive, a bound belonging to the band below", () => {
    expect(months.map((m) => line(r, "A", m, "retro_upper_commission"))).toEqual(["1000.00", "5000.00", "9600.00", "0"].map(dec));
  });
  it("interpolated bonus", () => {
    expect(months.map((m) => line(r, "A", m, "attainment_bonus"))).toEqual(["0", "1000.00", "1200.00", "0"].map(dec));
  });
  it("quota 0: marginal all above quota; no attainment for the others", () => {
    expect(line(r, "A", "2026-05", "marginal_commission")).toBe(dec("2400.00"));
    expect(omitted(r, "A", "2026-05", "retro_commission")).toBe(true);
    expect(omitted(r, "A", "2026-05", "retro_upper_commission")).toBe(true);
    expect(omitted(r, "A", "2026-05", "attainment_bonus")).toBe(true);
  });
  it("no quota row: nothing paid", () => {
    for (const c of ["marginal_commission", "retro_commission", "retro_upper_commission", "attainment_bonus"]) {
      expect(omitted(r, "A", "2026-06", c)).toBe(true);
    }
  });
});
