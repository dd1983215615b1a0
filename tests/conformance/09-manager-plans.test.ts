/** Shape 9: overrides on reports and on the whole team, team-target bonus bands (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "09-manager-plans";
const Q = "2026-Q1";

describe("09 manager plans", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("reps earn on their own net sales", () => {
    expect(line(r, "R1", Q, "commission")).toBe(dec("2000.00"));
    expect(line(r, "R2", Q, "commission")).toBe(dec("2250.00"));
    expect(line(r, "R3", Q, "commission")).toBe(dec("1000.00"));
  });

  it("overrides: 10% of the direct reports, 2% of everyone below", () => {
    expect(line(r, "M", Q, "override")).toBe(dec("425.00"));
    expect(line(r, "D", Q, "director_override")).toBe(dec("105.00"));
  });

  it("team bonus by attainment band of the team target (exactly 100% reaches the top band)", () => {
    expect(line(r, "M", Q, "team_bonus")).toBe(dec("2500.00"));
    expect(line(r, "D", Q, "team_bonus")).toBe(dec("1000.00"));
    expect(payable(r, "M", Q)).toBe(dec("2925.00"));
    expect(payable(r, "D", Q)).toBe(dec("1105.00"));
  });

  it("the roll-up does not count a sale twice in the books", () => {
    expect(reconciles(r)).toBe(true);
    const q1 = r.reconciliation.find((x) => x.table === "sales" && x.period === Q);
    expect(dec(q1?.credited)).toBe(dec("105000"));
  });
});
