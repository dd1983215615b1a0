/** Split credit rolled up to managers, depth 1 vs all levels; a manager who sells; a bad split never rolls up (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, payable, reconciles, runCase } from "./harness.js";

const CASE = "88-split-rollup-depth";
const JAN = "2026-01";
const FEB = "2026-02";

describe("88 split credit rolled up by depth", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("each person is credited their shares, a manager who sells included", () => {
    expect(measure(r, "A", JAN, "own_revenue")).toBe(dec("11500"));
    expect(measure(r, "B", JAN, "own_revenue")).toBe(dec("2500"));
    expect(measure(r, "C", JAN, "own_revenue")).toBe(dec("4000"));
    expect(measure(r, "M1", JAN, "own_revenue")).toBe(dec("5000"));
    expect(line(r, "A", JAN, "commission")).toBe(dec("575.00"));
    expect(line(r, "B", JAN, "commission")).toBe(dec("125.00"));
    expect(line(r, "C", JAN, "commission")).toBe(dec("200.00"));
    expect(line(r, "M1", JAN, "commission")).toBe(dec("250.00"));
  });

  it("depth 1: the direct manager gets the reports' shares, not their own; the VP gets the managers' own shares", () => {
    expect(measure(r, "M1", JAN, "team_direct")).toBe(dec("14000"));
    expect(measure(r, "M2", JAN, "team_direct")).toBe(dec("4000"));
    expect(measure(r, "V", JAN, "team_direct")).toBe(dec("5000"));
    expect(line(r, "M1", JAN, "override")).toBe(dec("280.00"));
    expect(line(r, "M2", JAN, "override")).toBe(dec("80.00"));
  });

  it("all levels: the VP gets each credited deal once in full (shares from both branches add up)", () => {
    expect(measure(r, "M1", JAN, "team_all")).toBe(dec("14000"));
    expect(measure(r, "M2", JAN, "team_all")).toBe(dec("4000"));
    expect(measure(r, "V", JAN, "team_all")).toBe(dec("23000"));
    expect(line(r, "V", JAN, "vp_override")).toBe(dec("230.00"));
    expect(payable(r, "M1", JAN)).toBe(dec("530.00"));
    expect(payable(r, "V", JAN)).toBe(dec("230.00"));
  });

  it("February: a single rep's deal rolls up both ways; an unknown person's deal nowhere", () => {
    expect(line(r, "C", FEB, "commission")).toBe(dec("150.00"));
    expect(line(r, "M2", FEB, "override")).toBe(dec("60.00"));
    expect(line(r, "M1", FEB, "override")).toBe(dec("0"));
    expect(measure(r, "V", FEB, "team_direct")).toBe(dec("0"));
    expect(line(r, "V", FEB, "vp_override")).toBe(dec("30.00"));
  });

  it("the 90% deal and the unknown person's deal are reported; each month reconciles", () => {
    const jan = r.reconciliation.find((x) => x.table === "deals" && x.period === JAN);
    expect(jan?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["D4", "split-not-100"]]);
    expect([dec(jan?.amountIn), dec(jan?.credited), dec(jan?.uncredited)]).toEqual([dec("27000"), dec("23000"), dec("4000")]);
    const feb = r.reconciliation.find((x) => x.table === "deals" && x.period === FEB);
    expect(feb?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["D7", "unknown-person"]]);
    expect([dec(feb?.amountIn), dec(feb?.credited), dec(feb?.uncredited)]).toEqual([dec("4000"), dec("3000"), dec("1000")]);
    expect(reconciles(r)).toBe(true);
  });
});
