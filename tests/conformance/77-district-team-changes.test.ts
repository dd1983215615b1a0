/** District managers when the team changes: shared territory, leaver, hire, vacancy, empty district (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, omitted, payable, reconciles, runCase } from "./harness.js";

const CASE = "77-district-team-changes";

describe("77 district team changes", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("team quotas from the reps' quotas prorated by employment", () => {
    expect(measure(r, "D", "2026-Q2", "rep_quota")).toBe(dec("61000"));
    expect(measure(r, "D1", "2026-Q1", "team_quota")).toBe(dec("160000"));
    expect(measure(r, "D1", "2026-Q2", "team_quota")).toBe(dec("161000"));
    expect(measure(r, "D1", "2026-Q2", "team_revenue")).toBe(dec("95000"));
    expect(measure(r, "D2", "2026-Q1", "team_revenue")).toBe(dec("50000"));
  });

  it("team bonus floored at 50%, capped at 120%", () => {
    expect(line(r, "D1", "2026-Q1", "team_bonus")).toBe(dec("8437.50"));
    expect(line(r, "D1", "2026-Q2", "team_bonus")).toBe(dec("5900.62"));
    expect(line(r, "D2", "2026-Q1", "team_bonus")).toBe(dec("6250.00"));
    expect(line(r, "D2", "2026-Q2", "team_bonus")).toBe(dec("5000.00"));
  });

  it("coaching bonus on the average of the reps employed in the quarter", () => {
    expect(line(r, "D1", "2026-Q1", "coaching_bonus")).toBe(dec("1650.00"));
    expect(line(r, "D1", "2026-Q2", "coaching_bonus")).toBe(dec("1397.54"));
    expect(line(r, "D2", "2026-Q1", "coaching_bonus")).toBe(dec("1250.00"));
    expect(line(r, "D2", "2026-Q2", "coaching_bonus")).toBe(dec("750.00"));
    expect(payable(r, "D1", "2026-Q2")).toBe(dec("7298.16"));
  });

  it("a district without reps has no team lines; the vacancy is uncredited", () => {
    for (const q of ["2026-Q1", "2026-Q2"]) {
      expect(omitted(r, "D3", q, "team_bonus")).toBe(true);
      expect(omitted(r, "D3", q, "coaching_bonus")).toBe(true);
    }
    const q2 = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-Q2");
    expect(q2?.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["S4", "no-match"]]);
    expect(dec(q2?.credited)).toBe(dec("125000"));
    expect(reconciles(r)).toBe(true);
  });

  describe("plan-unprorated: the district is the reps employed in the quarter", () => {
    const FILE = "plan-unprorated.carrot";
    let u: RunResult;
    beforeAll(() => {
      expect(compileErrors(CASE, FILE)).toEqual([]);
      u = runCase(CASE, {}, undefined, FILE);
    });

    // Bug B21 (fixed): `reports` read as a measure (sum, avg, count) includes reps not employed in the
    // period (a leaver's stale quota row, a hire of May in Q1); a component read leaves them out.
    it("team size and team quota count the reps employed in the quarter only (B21, fixed)", () => {
      expect(measure(u, "D1", "2026-Q1", "team_size")).toBe(dec("2"));
      expect(measure(u, "D1", "2026-Q2", "team_size")).toBe(dec("2"));
      expect(measure(u, "D1", "2026-Q1", "team_quota")).toBe(dec("160000"));
      expect(measure(u, "D1", "2026-Q2", "team_quota")).toBe(dec("191000"));
    });

    // Bug B21 (see above).
    it("D1's bonuses on the reps employed in the quarter (B21, fixed)", () => {
      expect(line(u, "D1", "2026-Q1", "team_bonus")).toBe(dec("8437.50"));
      expect(line(u, "D1", "2026-Q1", "coaching_bonus")).toBe(dec("1650.00"));
      expect(line(u, "D1", "2026-Q2", "coaching_bonus")).toBe(dec("1019.23"));
    });

    it("figures B21 does not touch", () => {
      expect(line(u, "D1", "2026-Q2", "team_bonus")).toBe(dec("5000.00"));
      expect(line(u, "D2", "2026-Q1", "team_bonus")).toBe(dec("6250.00"));
      expect(line(u, "D2", "2026-Q1", "coaching_bonus")).toBe(dec("1250.00"));
      expect(line(u, "D2", "2026-Q2", "team_bonus")).toBe(dec("5000.00"));
      expect(line(u, "D2", "2026-Q2", "coaching_bonus")).toBe(dec("750.00"));
    });
  });
});
