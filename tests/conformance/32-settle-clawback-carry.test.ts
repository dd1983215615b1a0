/** Cumulative settlement of a negative month: paid back, or carried forward (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, payable, runCase } from "./harness.js";

const CASE = "32-settle-clawback-carry";
const months = ["2026-01", "2026-02", "2026-03", "2026-04"];

describe("32 settlement clawback vs carry", () => {
  it("clawback: the overpayment is paid back in the negative month", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(months.map((m) => payable(r, "A", m))).toEqual(["2000.00", "-500.00", "300.00", "400.00"].map(dec));
  });

  it("carry: nothing is paid until later earnings cover the overpayment", () => {
    expect(compileErrors(CASE, "plan-carry.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-carry.carrot");
    expect(months.map((m) => payable(r, "A", m))).toEqual(["2000.00", "0", "0", "200.00"].map(dec));
  });
});
