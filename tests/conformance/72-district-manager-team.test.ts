/** District managers paid on the team's summed and averaged attainment, 60% threshold, 130% cap (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, payable, reconciles, runCase } from "./harness.js";

const CASE = "72-district-manager-team";

describe("72 district manager team attainment", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("team sum: sales of the reps over the sum of their quotas", () => {
    expect(measure(r, "D1", "2026-Q1", "team_quota")).toBe(dec("180000"));
    expect(line(r, "D1", "2026-Q1", "team_sum_bonus")).toBe(dec("4222.22"));
    expect(line(r, "D1", "2026-Q2", "team_sum_bonus")).toBe(dec("5200.00"));
  });

  it("team average leaves out a rep with a quota of 0, counts 0% for a rep with a quota and no sales", () => {
    expect(measure(r, "D1", "2026-Q1", "avg_attainment")).toBe(dec("0.975"));
    expect(line(r, "D1", "2026-Q1", "team_avg_bonus")).toBe(dec("3900.00"));
    expect(line(r, "D1", "2026-Q2", "team_avg_bonus")).toBe(dec("4333.33"));
  });

  it("exactly 60% pays, 59% pays nothing", () => {
    expect(line(r, "D2", "2026-Q1", "team_sum_bonus")).toBe(dec("2400.00"));
    expect(line(r, "D2", "2026-Q1", "team_avg_bonus")).toBe(dec("2400.00"));
    expect(line(r, "D2", "2026-Q2", "team_sum_bonus")).toBe(dec("0"));
    expect(line(r, "D2", "2026-Q2", "team_avg_bonus")).toBe(dec("0"));
  });

  it("payables and reconciliation", () => {
    expect(payable(r, "D1", "2026-Q1")).toBe(dec("8122.22"));
    expect(payable(r, "D1", "2026-Q2")).toBe(dec("9533.33"));
    expect(payable(r, "D2", "2026-Q1")).toBe(dec("4800.00"));
    expect(line(r, "R1", "2026-Q1", "team_sum_bonus")).toBeUndefined();
    const q1 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q1");
    expect(dec(q1?.credited)).toBe(dec("250000"));
    expect(reconciles(r)).toBe(true);
  });
});
