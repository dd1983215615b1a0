/** Mirror credit rolled up to the manager: one deal, counted once for the team (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, runCase } from "./harness.js";

const CASE = "39-mirror-rollup";
const Q = "2026-Q1";

describe("39 mirror credit rolled up", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("each rep on a shared deal is credited in full", () => {
    expect(line(r, "R1", Q, "rep_commission")).toBe(dec("6000.00"));
    expect(line(r, "R2", Q, "rep_commission")).toBe(dec("5000.00"));
  });

  // Was bug B9: rollup credited the manager once per credited row, so the mirrored deal counted
  // twice; fixed in the runtime (e0e77f3).
  it("the manager's team revenue counts a shared deal once", () => {
    expect(measure(r, "M", Q, "team_revenue")).toBe(dec("120000"));
    expect(line(r, "M", Q, "team_commission")).toBe(dec("1200.00"));
  });
});
