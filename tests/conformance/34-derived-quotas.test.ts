/** Quotas derived from a national objective and from last year's sales (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CASES, compileErrors, dec, line, measure, runCase } from "./harness.js";

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

/** The allocations of checks.carrot: ONC-1's regional shares add up to 60% + 35% = 95%. */
function checkData(): Record<string, string> {
  const dir = join(CASES, CASE, "data-checks");
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

// Gap G13 closed: `check` states that a product's regional shares add up to 100%.
describe("34 allocation checks (checks.carrot)", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE, "checks.carrot")).toEqual([]);
    r = runCase(CASE, {}, checkData(), "checks.carrot");
  });

  it("the product whose shares add up to 95% is one data error at its first row, with both rows", () => {
    expect(r.diagnostics.filter((d) => d.code === "R0050")).toEqual([
      {
        code: "R0050",
        severity: "error",
        message: "the regional shares of a product must add up to 100% (product ONC-1): sum(allocations.share) = 95%",
        file: "allocations.csv",
        row: 2,
        column: "product",
        help: "Correct the rows so that the check 'allocations_complete' holds (sum(allocations.share) = 100%), or the check itself.",
        detail: "rows 2, 4 of allocations.csv",
      },
    ]);
  });

  it("the run is incomplete, and still computes (5% of 10,000 and of 20,000)", () => {
    expect(r.complete).toBe(false);
    expect(line(r, "N1", "2026-Q1", "commission")).toBe(dec("500.00"));
    expect(line(r, "S1", "2026-Q1", "commission")).toBe(dec("1000.00"));
  });

  it("a warning check that holds (two regions per product) reports nothing", () => {
    expect(r.diagnostics.filter((d) => d.code === "R0050" && d.severity === "warning")).toEqual([]);
  });
});
