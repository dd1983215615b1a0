/** One rep on two overlapping rows of a territory; shares in two-decimal thirds (100% and 99.99%); FX and a manager's roll-up (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, reconciles, runCase } from "./harness.js";

const CASE = "91-same-rep-rows-thirds";

function rec(r: RunResult, period: string, currency: string) {
  const x = r.reconciliation.find((y) => y.table === "sales" && y.period === period && y.currency === currency);
  return [dec(x?.amountIn), dec(x?.credited), dec(x?.uncredited), x?.uncreditedRows.map((u) => [u.key, u.reason]).sort()];
}

describe("91 one rep on two rows, split shares", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("a rep on two rows in force the same day holds both shares (60% + 40%)", () => {
    expect(measure(r, "A", "2026-01", "revenue")).toBe(dec("11389.961"));
    expect(measure(r, "B", "2026-01", "revenue")).toBe(dec("4389.961"));
    expect(line(r, "A", "2026-01", "commission")).toBe(dec("1139.00"));
    expect(line(r, "B", "2026-01", "commission")).toBe(dec("439.00"));
  });

  it("33.33% + 33.33% + 33.34% of a converted GBP sale is credited; 3 × 33.33% is not", () => {
    expect(measure(r, "C", "2026-01", "revenue")).toBe(dec("390.078"));
    expect(line(r, "C", "2026-01", "commission")).toBe(dec("39.01"));
    expect(rec(r, "2026-01", "EUR")).toEqual([dec("15900"), dec("15000"), dec("900"), [["Z1", "split-not-100"]]]);
    expect(rec(r, "2026-01", "GBP")).toEqual([dec("1000"), dec("1000"), dec("0"), []]);
  });

  it("the manager's roll-up adds the reps' shares back to each whole sale", () => {
    expect(measure(r, "M", "2026-01", "team_revenue")).toBe(dec("16170"));
    expect(line(r, "M", "2026-01", "override")).toBe(dec("323.40"));
  });

  it("February: A's remaining 40% row alone is not 100%", () => {
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("0"));
    expect(line(r, "M", "2026-02", "override")).toBe(dec("0"));
    expect(rec(r, "2026-02", "EUR")).toEqual([dec("2000"), dec("0"), dec("2000"), [["E3", "split-not-100"]]]);
    expect(reconciles(r)).toBe(true);
  });
});

describe("91 one rep on two rows, mirror credit", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE, "plan-mirror.carrot")).toEqual([]);
    r = runCase(CASE, {}, undefined, "plan-mirror.carrot");
  });

  it("every covering rep gets each whole sale, a rep on two rows once", () => {
    expect(measure(r, "A", "2026-01", "revenue")).toBe(dec("17070"));
    expect(line(r, "A", "2026-01", "commission")).toBe(dec("1707.00"));
    expect(line(r, "B", "2026-01", "commission")).toBe(dec("1207.00"));
    expect(line(r, "C", "2026-01", "commission")).toBe(dec("207.00"));
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("200.00"));
  });

  it("the manager counts each sale once; every row is credited", () => {
    expect(line(r, "M", "2026-01", "override")).toBe(dec("341.40"));
    expect(line(r, "M", "2026-02", "override")).toBe(dec("40.00"));
    expect(rec(r, "2026-01", "EUR")).toEqual([dec("15900"), dec("15900"), dec("0"), []]);
    expect(rec(r, "2026-02", "EUR")).toEqual([dec("2000"), dec("2000"), dec("0"), []]);
    expect(reconciles(r)).toBe(true);
  });
});
