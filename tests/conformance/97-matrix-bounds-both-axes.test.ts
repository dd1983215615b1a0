/** A payout matrix with values on the bounds of both axes, under lower, upper and both (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "97-matrix-bounds-both-axes";
const M = "2026-01";

describe("97 payout matrix on the bounds", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("bound belongs to the band above", () => {
    expect(["A", "B", "D", "E"].map((p) => line(r, p, M, "commission_from"))).toEqual(["1500.00", "5000.00", "1600.00", "3600.00"].map(dec));
  });
  it("bound belongs to the band below", () => {
    expect(["A", "B", "D", "E"].map((p) => line(r, p, M, "commission_up_to"))).toEqual(["500.00", "3000.00", "1600.00", "3600.00"].map(dec));
  });
  it("bands with gaps", () => {
    expect(["A", "B", "E"].map((p) => line(r, p, M, "commission_gaps"))).toEqual(["1500.00", "5000.00", "3600.00"].map(dec));
    expect(omitted(r, "D", M, "commission_gaps")).toBe(true);
  });
  it("no revenue, or a negative margin: no line", () => {
    for (const c of ["commission_from", "commission_up_to", "commission_gaps"]) {
      expect(omitted(r, "C", M, c)).toBe(true);
      expect(omitted(r, "F", M, c)).toBe(true);
    }
  });
});
