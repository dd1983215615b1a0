/** Shape 21: ramp guarantees and ramped quota weights in a team quota (case.md), for hires on any day. */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { caseData, compileErrors, dec, line, measure, payable, runCase } from "./harness.js";

const CASE = "21-ramps";
const months = ["2026-03", "2026-04", "2026-05"];

describe("21 ramps", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the new rep gets the greater of commission and the ramp guarantee", () => {
    expect(months.map((m) => line(r, "N", m, "commission"))).toEqual(["4000.00", "3000.00", "3500.00"].map(dec));
    expect(payable(r, "N", "2026-02")).toBeUndefined();
  });

  it("the veteran is paid commission only", () => {
    expect(months.map((m) => line(r, "A", m, "commission"))).toEqual(["4500.00", "5000.00", "4000.00"].map(dec));
  });

  it("the new rep counts at 0%, 50%, then 100% in the team quota", () => {
    expect(months.map((m) => measure(r, "M", m, "team_quota"))).toEqual(["50000", "70000", "90000"].map(dec));
    expect(months.map((m) => line(r, "M", m, "team_bonus"))).toEqual(["1000.00", "1000.00", "0"].map(dec));
  });

  describe("a mid-month hire (H, 2026-03-17), tenure in calendar months (months_since)", () => {
    const MONTHS = "plan-months.carrot";
    let m: RunResult;
    beforeAll(() => {
      expect(compileErrors(CASE, MONTHS)).toEqual([]);
      m = runCase(CASE, {}, caseData(`${CASE}/midmonth`), MONTHS);
    });

    it("March is H's month 1 and April month 2: guarantees 4,000 then 2,000, then commission", () => {
      expect(months.map((p) => measure(m, "H", p, "tenure_months"))).toEqual(["1", "2", "3"].map(dec));
      expect(months.map((p) => line(m, "H", p, "commission"))).toEqual(["4000.00", "2000.00", "3000.00"].map(dec));
    });

    it("the reps hired on the 1st keep the figures of the day-based plan", () => {
      expect(months.map((p) => line(m, "N", p, "commission"))).toEqual(["4000.00", "3000.00", "3500.00"].map(dec));
      expect(months.map((p) => line(m, "A", p, "commission"))).toEqual(["4500.00", "5000.00", "4000.00"].map(dec));
    });

    it("H counts at 0%, 50%, then 100% in the team quota", () => {
      expect(months.map((p) => measure(m, "M", p, "team_quota"))).toEqual(["50000", "90000", "130000"].map(dec));
      expect(months.map((p) => line(m, "M", p, "team_bonus"))).toEqual(["1000.00", "1000.00", "0"].map(dec));
    });

    it("days since the start would keep H in month 1 in April (the gap G7 closed)", () => {
      const days = runCase(CASE, {}, caseData(`${CASE}/midmonth`));
      expect(line(days, "H", "2026-04", "commission")).toBe(dec("4000.00"));
    });
  });
});
