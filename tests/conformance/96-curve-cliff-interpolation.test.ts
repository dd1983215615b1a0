/** A payout curve with a cliff, linear interpolation between points, flat below and above (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "96-curve-cliff-interpolation";
const reps = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];

describe("96 payout curve with a cliff", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("bonus with the cliff", () => {
    expect(reps.map((p) => line(r, p, "2026-Q1", "bonus"))).toEqual(
      ["0", "800.00", "1400.00", "2000.00", "3250.00", "4000.00", "4000.00", "0", "837.02"].map(dec),
    );
  });
  it("soft curve: flat at the first point below it", () => {
    expect(reps.map((p) => line(r, p, "2026-Q1", "soft_bonus"))).toEqual(
      ["800.00", "800.00", "1400.00", "2000.00", "3250.00", "4000.00", "4000.00", "800.00", "837.02"].map(dec),
    );
  });
});
