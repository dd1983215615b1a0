/** Shape 54: a published manager override: flat 3%, 3% above a threshold, a rate tiered by team attainment (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "54-published-override";
const M = "2026-01";
const REPS: [string, string][] = [["repA", "7500.00"], ["repB", "6000.00"], ["repC", "6750.00"], ["repD", "5250.00"], ["repE", "4500.00"], ["repF", "28000.00"]];

function run(file: string) {
  expect(compileErrors(CASE, file)).toEqual([]);
  const files = caseData(CASE);
  if (file !== "plan-tiered.carrot") delete files["team_quotas.csv"];
  return runCase(CASE, {}, files, file);
}

describe("54 manager override", () => {
  it("flat: the published team of five, 10% each and 3% of 300,000 = 9,000 to the manager", () => {
    const r = run("plan.carrot");
    for (const [rep, amount] of REPS) expect(line(r, rep, M, "commission")).toBe(dec(amount));
    expect(line(r, "mgr", M, "override")).toBe(dec("9000.00"));
    expect(line(r, "mgr2", M, "override")).toBe(dec("8400.00"));
    expect(line(r, "repA", M, "override")).toBeUndefined();
    expect(line(r, "mgr", M, "commission")).toBeUndefined();
    expect(reconciles(r)).toBe(true);
  });

  it("threshold: 3% of the team sales above 225,000 = 2,250 (published)", () => {
    const r = run("plan-threshold.carrot");
    expect(line(r, "mgr", M, "override")).toBe(dec("2250.00"));
    expect(line(r, "mgr2", M, "override")).toBe(dec("1650.00"));
    expect(line(r, "repA", M, "commission")).toBe(dec("7500.00"));
  });

  it("tiered: 107% of a 280,000 team quota pays 4% of all team sales; exactly 100% pays 4% too", () => {
    const r = run("plan-tiered.carrot");
    expect(line(r, "mgr", M, "override")).toBe(dec("12000.00"));
    expect(line(r, "mgr2", M, "override")).toBe(dec("11200.00"));
  });
});
