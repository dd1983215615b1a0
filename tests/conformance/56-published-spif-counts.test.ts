/** Shape 56: published SPIF formulas on a count of eligible deals and on campaign revenue (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "56-published-spif-counts";
const Q2 = "2026-Q2";
const REPS = ["r4", "r7", "r3", "r0"];

function spif(file: string) {
  expect(compileErrors(CASE, file)).toEqual([]);
  const r = runCase(CASE, {}, caseData(CASE), file);
  return { q2: REPS.map((p) => line(r, p, Q2, "spif")), r };
}

describe("56 SPIFs on eligible deal counts", () => {
  it("fixed: 250 per eligible deal, the published 4 deals = 1,000", () => {
    const { q2, r } = spif("plan.carrot");
    expect(q2).toEqual(["1000.00", "1750.00", "750.00", "0.00"].map(dec));
    // A7 (31 March) and A6 (1 July) are outside the campaign: no SPIF line in Q1 or Q3
    expect(line(r, "r4", "2026-Q1", "spif")).toBeUndefined();
    expect(line(r, "r4", "2026-Q3", "spif")).toBeUndefined();
  });

  it("tiered, the tier reached paying every deal: 4 x 400, 7 x 600, 3 x 250, none", () => {
    expect(spif("plan-tiered.carrot").q2).toEqual(["1600.00", "4200.00", "750.00", "0.00"].map(dec));
  });

  it("tiered, each deal in its own band: 750 + 400, 750 + 1,200 + 600", () => {
    expect(spif("plan-bands.carrot").q2).toEqual(["1150.00", "2550.00", "750.00", "0.00"].map(dec));
  });

  it("revenue: 2% of the published 50,000 eligible revenue = 1,000", () => {
    expect(spif("plan-revenue.carrot").q2).toEqual(["1000.00", "700.00", "240.00", "0.00"].map(dec));
  });
});
