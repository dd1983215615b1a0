/** A territory split 60/40, a vacancy reported uncredited, quotas prorated by leave days (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, reconciles, runCase } from "./harness.js";

const CASE = "75-split-vacancy-leave";

describe("75 territory split, vacancy, leave", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("quotas prorated by the days of leave, a leave across the quarter end split", () => {
    expect(measure(r, "A", "2026-Q1", "quota")).toBe(dec("80000"));
    expect(measure(r, "B", "2026-Q1", "quota")).toBe(dec("70000"));
    expect(measure(r, "B", "2026-Q2", "quota")).toBe(dec("90000"));
  });

  it("split credit 60/40 up to the last shared day, commission against the prorated quota", () => {
    expect(measure(r, "A", "2026-Q1", "revenue")).toBe(dec("94000"));
    expect(measure(r, "B", "2026-Q1", "revenue")).toBe(dec("84000"));
    expect(line(r, "A", "2026-Q1", "commission")).toBe(dec("5120.00"));
    expect(line(r, "B", "2026-Q1", "commission")).toBe(dec("4620.00"));
    expect(line(r, "A", "2026-Q2", "commission")).toBe(dec("4396.70"));
    expect(line(r, "B", "2026-Q2", "commission")).toBe(dec("0"));
  });

  it("vacancy sales are uncredited, no-match, and the quarter reconciles", () => {
    const q1 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q1");
    expect(q1?.uncreditedRows.map((u) => [u.key, u.reason]).sort()).toEqual([["S3", "no-match"], ["S4", "no-match"]]);
    expect(dec(q1?.amountIn)).toBe(dec("188000"));
    expect(dec(q1?.credited)).toBe(dec("178000"));
    expect(dec(q1?.uncredited)).toBe(dec("10000"));
    expect(reconciles(r)).toBe(true);
  });
});
