/** Quotas derived from a national objective and from last year's sales (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, runCase } from "./harness.js";

const CASE = "34-derived-quotas";

describe("34 derived quotas", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the national objective split by region weight and allocation", () => {
    expect(["N1", "N2", "S1", "S2"].map((p) => measure(r, p, "2026-Q1", "split_quota"))).toEqual(["300000", "300000", "280000", "80000"].map(dec));
    expect(["N1", "S1"].map((p) => measure(r, p, "2026-Q2", "split_quota"))).toEqual(["360000", "336000"].map(dec));
  });

  it("last year's sales plus 10%", () => {
    expect(measure(r, "N1", "2026-Q1", "growth_quota")).toBe(dec("275000"));
    expect(measure(r, "S2", "2026-Q1", "growth_quota")).toBe(dec("99000"));
  });

  it("the bonus at exactly 100% of the derived quota, not a cent below", () => {
    expect(["N1", "N2", "S1", "S2"].map((p) => line(r, p, "2026-Q1", "bonus"))).toEqual(["2000.00", "0", "0", "2000.00"].map(dec));
  });
});
