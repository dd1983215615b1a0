/** Half up vs half to even, per line vs on the total, on .005 amounts of both signs (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "71-negative-half-rounding";
const M = "2026-01";
const lines = (r: ReturnType<typeof runCase>, p: string) => ["A", "B", "C"].map((m) => line(r, p, M, "commission", m));

describe("71 half rounding of both signs", () => {
  it("each line, half up (away from zero)", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(lines(r, "R")).toEqual(["10.01", "20.02", "30.03"].map(dec));
    expect(lines(r, "Q")).toEqual(["-10.01", "-20.02", "-30.03"].map(dec));
    expect(lines(r, "M")).toEqual(["10.01", "-20.02", "30.03"].map(dec));
    expect(["R", "Q", "M"].map((p) => payable(r, p, M))).toEqual(["60.06", "-60.06", "20.02"].map(dec));
  });

  it("each line, half to even", () => {
    const f = "plan-line-half-even.carrot";
    expect(compileErrors(CASE, f)).toEqual([]);
    const r = runCase(CASE, {}, undefined, f);
    expect(lines(r, "R")).toEqual(["10.00", "20.02", "30.02"].map(dec));
    expect(lines(r, "Q")).toEqual(["-10.00", "-20.02", "-30.02"].map(dec));
    expect(["R", "Q", "M"].map((p) => payable(r, p, M))).toEqual(["60.04", "-60.04", "20.00"].map(dec));
  });

  it("the total only, half up", () => {
    const f = "plan-total-half-up.carrot";
    expect(compileErrors(CASE, f)).toEqual([]);
    const r = runCase(CASE, {}, undefined, f);
    expect(lines(r, "Q")).toEqual(["-10.005", "-20.015", "-30.025"].map(dec));
    expect(["R", "Q", "M"].map((p) => payable(r, p, M))).toEqual(["60.05", "-60.05", "20.02"].map(dec));
  });

  it("the total only, half to even", () => {
    const f = "plan-total-half-even.carrot";
    expect(compileErrors(CASE, f)).toEqual([]);
    const r = runCase(CASE, {}, undefined, f);
    expect(["R", "Q", "M"].map((p) => payable(r, p, M))).toEqual(["60.04", "-60.04", "20.02"].map(dec));
  });
});
