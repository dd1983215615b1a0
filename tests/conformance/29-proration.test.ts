/** Proration by employment and coverage days (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "29-proration";

describe("29 proration", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("hire, leaver and a one-month stint in Q1", () => {
    expect(line(r, "H", "2026-Q1", "target_bonus")).toBe(dec("3000.00"));
    expect(line(r, "L", "2026-Q1", "target_bonus")).toBe(dec("4600.00"));
    expect(line(r, "B", "2026-Q1", "target_bonus")).toBe(dec("1866.67"));
    expect(line(r, "C", "2026-Q1", "target_bonus")).toBe(dec("6000.00"));
  });

  it("a hire on the quarter's last day earns one day of 91; nobody is evaluated outside employment", () => {
    expect(line(r, "E", "2026-Q2", "target_bonus")).toBe(dec("65.93"));
    expect(payable(r, "E", "2026-Q1")).toBeUndefined();
    expect(payable(r, "L", "2026-Q2")).toBeUndefined();
    expect(line(r, "H", "2026-Q2", "target_bonus")).toBe(dec("6000.00"));
  });

  it("coverage stints with a gap", () => {
    expect(line(r, "C", "2026-Q1", "coverage_bonus")).toBe(dec("4133.33"));
    expect(line(r, "C", "2026-Q2", "coverage_bonus")).toBe(dec("6000.00"));
    expect(line(r, "H", "2026-Q1", "coverage_bonus")).toBe(dec("0"));
  });
});
