/** Shape 1: a tier applied per deal, on the period aggregate, and on a running total (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "01-tier-application";

describe("01 where a tier applies", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("loads every row and accounts for every deal", () => {
    expect(r.complete).toBe(true);
    expect(reconciles(r)).toBe(true);
  });

  it("per deal: each deal tiered from zero, a deal exactly on the edge stays at 5%", () => {
    expect(line(r, "D1", "2026-01", "per_deal")).toBe(dec("1400.00"));
  });

  it("aggregate: the month's 26,000 is tiered once", () => {
    expect(line(r, "A1", "2026-01", "aggregate")).toBe(dec("2100.00"));
  });

  it("running total: each month pays the slice of the year-to-date total it adds", () => {
    expect(line(r, "R1", "2026-01", "running")).toBe(dec("4000.00"));
    expect(line(r, "R1", "2026-02", "running")).toBe(dec("5000.00"));
    expect(line(r, "R1", "2026-03", "running")).toBe(dec("5400.00"));
    expect(line(r, "R1", "2026-04", "running")).toBe(dec("0"));
    expect(payable(r, "R1", "2026-03")).toBe(dec("5400.00"));
  });
});
