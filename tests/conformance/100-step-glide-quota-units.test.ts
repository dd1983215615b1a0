/** Step (amount) and glide (interpolated) bonuses in quota units on the bounds, with gaps (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "100-step-glide-quota-units";
const Q = "2026-Q1";
const reps = ["A", "B", "C", "D", "E", "F", "G"];

describe("100 step and glide bonuses in quota units", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("step, bound reaching the higher step", () => {
    expect(reps.map((p) => line(r, p, Q, "bonus_from"))).toEqual(["1000.00", "2500.00", "4000.00", "0", "4000.00", "4000.00", "1000.00"].map(dec));
  });
  it("step, bound staying on the lower step", () => {
    expect(reps.map((p) => line(r, p, Q, "bonus_up_to"))).toEqual(["0", "1000.00", "2500.00", "0", "4000.00", "4000.00", "1000.00"].map(dec));
  });
  it("steps with gaps", () => {
    expect(["A", "B", "C", "E", "F"].map((p) => line(r, p, Q, "bonus_gaps"))).toEqual(["1000.00", "2500.00", "4000.00", "4000.00", "4000.00"].map(dec));
    expect(omitted(r, "D", Q, "bonus_gaps")).toBe(true);
    expect(omitted(r, "G", Q, "bonus_gaps")).toBe(true);
  });
  it("glide", () => {
    expect(reps.map((p) => line(r, p, Q, "glide_bonus"))).toEqual(["0", "1000.00", "1800.00", "0", "3000.00", "3000.00", "999.95"].map(dec));
  });
});
