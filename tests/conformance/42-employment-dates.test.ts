/** Overlapping coverage counts once; an impossible employment row is reported (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "42-employment-dates";
const Q = "2026-Q1";

describe("42 employment and coverage dates", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("overlapping stints count each day once", () => {
    expect(line(r, "A", Q, "coverage_bonus")).toBe(dec("9000.00"));
    expect(line(r, "A", Q, "target_bonus")).toBe(dec("9000.00"));
  });

  // Was bug B13: an end date before the start date was accepted silently; fixed in the runtime
  // (fbd479d: R0030).
  it("an end date before the start date is a reported data error", () => {
    expect(r.complete).toBe(false);
    expect(r.diagnostics.some((d) => d.file === "reps.csv" && d.row === 3)).toBe(true);
  });
});
