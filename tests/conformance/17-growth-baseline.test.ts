/** Shape 17: growth over last year, over the prior quarter, and a run-rate threshold (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "17-growth-baseline";
const quarters = ["2026-Q1", "2026-Q2", "2026-Q3"];

describe("17 growth against a baseline", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("year over year", () => {
    expect(quarters.map((q) => line(r, "G", q, "yoy_bonus"))).toEqual(["1000.00", "500.00", "0"].map(dec));
  });

  it("quarter over quarter, nothing for the first quarter", () => {
    expect(quarters.map((q) => line(r, "G", q, "qoq_bonus"))).toEqual(["0", "1200.00", "0"].map(dec));
  });

  it("annualised run-rate threshold", () => {
    expect(quarters.map((q) => line(r, "G", q, "run_rate_kicker"))).toEqual(["0", "1000.00", "0"].map(dec));
    expect(quarters.map((q) => payable(r, "G", q))).toEqual(["1000.00", "2700.00", "0"].map(dec));
  });
});
