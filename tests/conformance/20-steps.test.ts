/** Shape 20: a rate that rises only per full step of attainment (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "20-steps";

describe("20 steps", () => {
  it("counts only full steps, none below quota", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(["T1", "T2", "T3", "T4"].map((p) => line(r, p, "2026-01", "commission"))).toEqual(["5714.50", "6240.00", "4950.00", "8400.00"].map(dec));
  });
});
