/** Monthly quota and payroll files in a quarterly plan: add up by quarter or reject (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, payable, runCase } from "./harness.js";

const CASE = "41-period-grain";

describe("41 period grain of input files", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission is computed from sales dated in each quarter", () => {
    expect(line(r, "A", "2026-Q1", "commission")).toBe(dec("1000.00"));
    expect(line(r, "A", "2026-Q2", "commission")).toBe(dec("1000.00"));
  });

  // Was bug B12: period columns of another grain matched no evaluated period, silently; fixed in the
  // runtime (fbd479d: such rows are quarantined, R0029, and the run is incomplete).
  it("monthly rows count in their quarter, or the run is incomplete with a diagnostic", () => {
    const addedUp =
      measure(r, "A", "2026-Q1", "target") === dec("12000") &&
      line(r, "A", "2026-Q1", "target_bonus") === dec("0") &&
      payable(r, "A", "2026-Q2") === dec("1100.00");
    const rejected = r.complete === false && r.diagnostics.some((d) => JSON.stringify(d).includes("2026-01"));
    expect(addedUp || rejected).toBe(true);
  });
});
