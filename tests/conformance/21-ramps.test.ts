/** Shape 21: ramp guarantees and ramped quota weights in a team quota (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, payable, runCase } from "./harness.js";

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
});
