/** A territory moved from A to B on 15 March: commission, prorated coverage bonus, manager roll-up (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "66-territory-move";

describe("66 territory move", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("sales on the 14th, 15th and 16th go to exactly one rep each", () => {
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("400.00"));
    expect(line(r, "A", "2026-03", "commission")).toBe(dec("500.00"));
    expect(line(r, "B", "2026-03", "commission")).toBe(dec("2500.00"));
    expect(line(r, "B", "2026-02", "commission")).toBe(dec("0"));
    expect(line(r, "A", "2026-04", "commission")).toBe(dec("0"));
  });

  it("the territory bonus is prorated 14/31 and 17/31 in March", () => {
    expect(line(r, "A", "2026-02", "territory_bonus")).toBe(dec("3100.00"));
    expect(line(r, "A", "2026-03", "territory_bonus")).toBe(dec("1400.00"));
    expect(line(r, "B", "2026-03", "territory_bonus")).toBe(dec("1700.00"));
    expect(line(r, "B", "2026-02", "territory_bonus")).toBe(dec("0"));
    expect(line(r, "A", "2026-04", "territory_bonus")).toBe(dec("0"));
    expect(line(r, "B", "2026-04", "territory_bonus")).toBe(dec("3100.00"));
  });

  it("the manager's override counts each sale once", () => {
    expect(line(r, "M", "2026-02", "override")).toBe(dec("160.00"));
    expect(line(r, "M", "2026-03", "override")).toBe(dec("1200.00"));
    expect(line(r, "M", "2026-04", "override")).toBe(dec("0"));
    expect(payable(r, "A", "2026-03")).toBe(dec("1900.00"));
    expect(payable(r, "B", "2026-03")).toBe(dec("4200.00"));
    expect(payable(r, "M", "2026-03")).toBe(dec("1200.00"));
  });

  it("the sale in an uncovered territory is reported, and March reconciles", () => {
    const march = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-03");
    expect(march?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["X5", "no-match"]]);
    expect(dec(march?.amountIn)).toBe(dec("64000"));
    expect(dec(march?.credited)).toBe(dec("60000"));
    expect(dec(march?.uncredited)).toBe(dec("4000"));
    expect(reconciles(r)).toBe(true);
  });
});
