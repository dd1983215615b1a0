/** Overlapping coverage rows of one territory: split shares (100% or not) vs mirror credit, by dates (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "87-coverage-overlap-shares";

function rec(r: RunResult, period: string) {
  const x = r.reconciliation.find((y) => y.table === "sales" && y.period === period);
  return {
    in: dec(x?.amountIn),
    credited: dec(x?.credited),
    uncredited: dec(x?.uncredited),
    rows: x?.uncreditedRows.map((u) => [u.key, u.reason]).sort(),
  };
}

describe("87 overlapping coverage rows, split shares", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("a closed row's end day and an open row's start day are both covered", () => {
    expect(line(r, "A", "2026-01", "commission")).toBe(dec("1000.00"));
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("400.00"));
    expect(line(r, "B", "2026-02", "commission")).toBe(dec("400.00"));
    expect(line(r, "C", "2026-02", "commission")).toBe(dec("0"));
  });

  it("three rows adding up to exactly 100% in March, C's end day included", () => {
    expect(line(r, "A", "2026-03", "commission")).toBe(dec("700.00"));
    expect(line(r, "B", "2026-03", "commission")).toBe(dec("350.00"));
    expect(line(r, "C", "2026-03", "commission")).toBe(dec("350.00"));
  });

  it("125% (an overlapping day), 75% (after a row ended) and 60% (a lone row) are not credited", () => {
    expect(line(r, "A", "2026-04", "commission")).toBe(dec("0"));
    expect(line(r, "B", "2026-04", "commission")).toBe(dec("0"));
    expect(line(r, "D", "2026-01", "commission")).toBe(dec("0"));
  });

  it("each month reconciles: sum in = credited + uncredited, with the reasons", () => {
    expect(rec(r, "2026-01")).toEqual({ in: dec("15000"), credited: dec("10000"), uncredited: dec("5000"), rows: [["S7", "split-not-100"]] });
    expect(rec(r, "2026-02")).toEqual({
      in: dec("15000"),
      credited: dec("8000"),
      uncredited: dec("7000"),
      rows: [["S3", "split-not-100"], ["S8", "no-match"]],
    });
    expect(rec(r, "2026-03")).toEqual({ in: dec("21000"), credited: dec("14000"), uncredited: dec("7000"), rows: [["S9", "no-match"]] });
    expect(rec(r, "2026-04")).toEqual({ in: dec("6000"), credited: dec("0"), uncredited: dec("6000"), rows: [["S6", "split-not-100"]] });
    expect(reconciles(r)).toBe(true);
  });
});

describe("87 overlapping coverage rows, mirror credit", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE, "plan-mirror.carrot")).toEqual([]);
    r = runCase(CASE, {}, undefined, "plan-mirror.carrot");
  });

  it("every rep covering the territory that day gets the full sale", () => {
    expect(line(r, "A", "2026-01", "commission")).toBe(dec("1000.00"));
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("1200.00"));
    expect(line(r, "B", "2026-02", "commission")).toBe(dec("1200.00"));
    expect(line(r, "C", "2026-02", "commission")).toBe(dec("400.00"));
    expect(line(r, "A", "2026-03", "commission")).toBe(dec("1400.00"));
    expect(line(r, "B", "2026-03", "commission")).toBe(dec("1400.00"));
    expect(line(r, "C", "2026-03", "commission")).toBe(dec("1400.00"));
    expect(line(r, "A", "2026-04", "commission")).toBe(dec("600.00"));
    expect(line(r, "B", "2026-04", "commission")).toBe(dec("600.00"));
    expect(line(r, "C", "2026-04", "commission")).toBe(dec("0"));
    expect(line(r, "D", "2026-01", "commission")).toBe(dec("500.00"));
  });

  it("a mirrored sale is counted once in the reconciliation", () => {
    expect(rec(r, "2026-01")).toEqual({ in: dec("15000"), credited: dec("15000"), uncredited: dec("0"), rows: [] });
    expect(rec(r, "2026-02")).toEqual({ in: dec("15000"), credited: dec("12000"), uncredited: dec("3000"), rows: [["S8", "no-match"]] });
    expect(rec(r, "2026-03")).toEqual({ in: dec("21000"), credited: dec("14000"), uncredited: dec("7000"), rows: [["S9", "no-match"]] });
    expect(rec(r, "2026-04")).toEqual({ in: dec("6000"), credited: dec("6000"), uncredited: dec("0"), rows: [] });
    expect(reconciles(r)).toBe(true);
  });
});
