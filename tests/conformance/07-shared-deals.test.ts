/** Shape 7: mirror credit and split credit on the same deal teams (case.md). */
import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "07-shared-deals";
const Q = "2026-Q1";

describe("07 several people on one deal", () => {
  it("split: each member earns on their share", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(line(r, "A", Q, "commission")).toBe(dec("600.00"));
    expect(line(r, "B", Q, "commission")).toBe(dec("250.01"));
    expect(line(r, "C", Q, "commission")).toBe(dec("50.00"));
  });

  it("split: a deal whose shares add up to 80% is uncredited, and the books still balance", () => {
    const r = runCase(CASE);
    expect(reconciles(r)).toBe(true);
    const q1 = r.reconciliation.find((x) => x.table === "deals" && x.period === Q);
    expect(dec(q1?.amountIn)).toBe(dec("26000"));
    expect(dec(q1?.credited)).toBe(dec("18000"));
    expect(dec(q1?.uncredited)).toBe(dec("8000"));
    expect(q1?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["D-3", "split-not-100"]]);
  });

  it("mirror: every member earns on the full deal, each deal counted once in the books", () => {
    expect(compileErrors(CASE, "plan-mirror.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-mirror.carrot");
    expect(line(r, "A", Q, "commission")).toBe(dec("1300.00"));
    expect(line(r, "B", Q, "commission")).toBe(dec("1050.00"));
    expect(line(r, "C", Q, "commission")).toBe(dec("150.00"));
    const q1 = r.reconciliation.find((x) => x.table === "deals" && x.period === Q);
    expect(new Decimal(q1?.credited ?? "NaN").equals(26000)).toBe(true);
    expect(dec(q1?.uncredited)).toBe(dec("0"));
  });
});
