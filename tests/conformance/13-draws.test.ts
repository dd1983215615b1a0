/** Shape 13: recoverable and non-recoverable draws of 2,000 a month (case.md). */
import { describe, expect, it } from "vitest";
import { adjustment, compileErrors, dec, payable, runCase } from "./harness.js";

const CASE = "13-draws";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("13 draws", () => {
  it("recoverable: advanced when short, recovered from earnings above the draw", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(months.map((m) => payable(r, "G", m))).toEqual(["2000.00", "2000.00", "2000.00", "3700.00", "2000.00", "2000.00"].map(dec));
    expect(adjustment(r, "G", "2026-02", "draw")).toBe(dec("800.00"));
    expect(adjustment(r, "G", "2026-03", "recovery")).toBe(dec("-1000.00"));
    expect(adjustment(r, "G", "2026-04", "recovery")).toBe(dec("-1300.00"));
    // exactly at the guarantee: neither a draw nor a recovery
    expect(adjustment(r, "G", "2026-05", "draw")).toBeUndefined();
    expect(adjustment(r, "G", "2026-05", "recovery")).toBeUndefined();
  });

  it("a run of April alone carries the draw balance of the months before it", () => {
    const r = runCase(CASE, { periods: ["2026-04"] });
    expect(r.periods).toEqual(["2026-04"]);
    expect(payable(r, "G", "2026-04")).toBe(dec("3700.00"));
  });

  it("non-recoverable: topped up, never recovered", () => {
    expect(compileErrors(CASE, "plan-nonrecoverable.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-nonrecoverable.carrot");
    expect(months.map((m) => payable(r, "G", m))).toEqual(["2000.00", "2000.00", "3000.00", "5000.00", "2000.00", "2000.00"].map(dec));
    expect(adjustment(r, "G", "2026-01", "guarantee")).toBe(dec("1500.00"));
    expect(adjustment(r, "G", "2026-03", "recovery")).toBeUndefined();
  });
});
