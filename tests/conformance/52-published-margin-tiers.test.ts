/** Shape 52: a published tiered gross-margin commission, the rate picked per sale (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, failingPlanTests, line, reconciles, runCase } from "./harness.js";

const CASE = "52-published-margin-tiers";

describe("52 tiered gross-margin commission", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("each sale at its own band's rate on its margin: 12.50 + 3.00 + 32.00 + 7.00 + 15.00 + 240.40", () => {
    expect(line(r, "rep1", "2026-03", "margin_commission")).toBe(dec("309.90"));
  });

  it("the published example alone pays 12.50, and the plan's test passes", () => {
    const one = runCase(CASE, {}, {
      "reps.csv": "id,name\nrep1,Rep One\n",
      "sales.csv": "id,date,rep,cost,price\nS-1,2026-03-02,rep1,100.00,150.00\n",
    });
    expect(line(one, "rep1", "2026-03", "margin_commission")).toBe(dec("12.50"));
    expect(failingPlanTests(CASE)).toEqual([]);
    expect(reconciles(r)).toBe(true);
  });

  it("exactly 35% and exactly 60% stay in the lower band; 60.1% reaches 40%", () => {
    const only = (rows: string) =>
      line(runCase(CASE, {}, { "reps.csv": "id,name\nrep1,Rep One\n", "sales.csv": `id,date,rep,cost,price\n${rows}` }), "rep1", "2026-03", "margin_commission");
    expect(only("S-4,2026-03-12,rep1,200.00,270.00\n")).toBe(dec("7.00"));
    expect(only("S-5,2026-03-16,rep1,100.00,160.00\n")).toBe(dec("15.00"));
    expect(only("S-6,2026-03-20,rep1,1000.00,1601.00\n")).toBe(dec("240.40"));
  });
});
