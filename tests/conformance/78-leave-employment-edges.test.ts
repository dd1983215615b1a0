/** Quotas per day employed and not on leave: leaves past a termination, at period edges, a whole quarter (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, runCase } from "./harness.js";

const CASE = "78-leave-employment-edges";

describe("78 leave at the employment and period edges", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("active days: employed and not on leave, leaves clipped to the employment and the quarter", () => {
    expect(measure(r, "A", "2026-Q1", "active_days")).toBe(dec("59"));
    expect(measure(r, "A", "2026-Q2", "active_days")).toBe(dec("61"));
    expect(measure(r, "B", "2026-Q1", "active_days")).toBe(dec("59"));
    expect(measure(r, "C", "2026-Q1", "active_days")).toBe(dec("29"));
    expect(measure(r, "D", "2026-Q1", "quota")).toBe(dec("0"));
    expect(measure(r, "D", "2026-Q2", "quota")).toBe(dec("91000"));
  });

  it("commission against the quota; a quota of 0 pays 8% on everything", () => {
    expect(line(r, "A", "2026-Q1", "commission")).toBe(dec("3830.00"));
    expect(line(r, "A", "2026-Q2", "commission")).toBe(dec("3050.00"));
    expect(line(r, "B", "2026-Q1", "commission")).toBe(dec("3030.00"));
    expect(line(r, "C", "2026-Q1", "commission")).toBe(dec("1530.00"));
    expect(line(r, "C", "2026-Q2", "commission")).toBe(dec("0"));
    expect(line(r, "D", "2026-Q1", "commission")).toBe(dec("800.00"));
    expect(line(r, "D", "2026-Q2", "commission")).toBe(dec("2275.00"));
  });

  it("a rep who left has no statement after the termination", () => {
    expect(line(r, "B", "2026-Q2", "commission")).toBeUndefined();
  });
});
