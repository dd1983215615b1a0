/** Hires on the 17th and leavers on the 12th in leap-year Q1 2028: bonus and quota prorated by days (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, payable, runCase } from "./harness.js";

const CASE = "65-leap-year-proration";

describe("65 leap-year proration", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the fixed bonus counts the days of a 91-day quarter, both ends inclusive", () => {
    expect(line(r, "H", "2028-Q1", "target_bonus")).toBe(dec("4400.00"));
    expect(line(r, "L", "2028-Q1", "target_bonus")).toBe(dec("4300.00"));
    expect(line(r, "P", "2028-Q1", "target_bonus")).toBe(dec("5600.00"));
    expect(line(r, "F", "2028-Q1", "target_bonus")).toBe(dec("9100.00"));
  });

  it("the quota is prorated the same way, and the commission tiers read it", () => {
    expect(measure(r, "H", "2028-Q1", "quarter_quota")).toBe(dec("44000"));
    expect(measure(r, "L", "2028-Q1", "quarter_quota")).toBe(dec("43000"));
    expect(measure(r, "P", "2028-Q1", "quarter_quota")).toBe(dec("56000"));
    expect(measure(r, "H", "2028-Q1", "attainment")).toBe(dec("0.75"));
    expect(measure(r, "L", "2028-Q1", "attainment")).toBe(dec("1.1"));
    expect(measure(r, "P", "2028-Q1", "attainment")).toBe(dec("1.25"));
    expect(line(r, "H", "2028-Q1", "commission")).toBe(dec("1650.00"));
    expect(line(r, "L", "2028-Q1", "commission")).toBe(dec("2580.00"));
    expect(line(r, "P", "2028-Q1", "commission")).toBe(dec("4200.00"));
    expect(line(r, "F", "2028-Q1", "commission")).toBe(dec("4550.00"));
  });

  it("Q1 totals, and Q2 only for those still employed", () => {
    expect(payable(r, "H", "2028-Q1")).toBe(dec("6050.00"));
    expect(payable(r, "L", "2028-Q1")).toBe(dec("6880.00"));
    expect(payable(r, "P", "2028-Q1")).toBe(dec("9800.00"));
    expect(payable(r, "F", "2028-Q1")).toBe(dec("13650.00"));
    expect(line(r, "H", "2028-Q2", "target_bonus")).toBe(dec("9100.00"));
    expect(line(r, "H", "2028-Q2", "commission")).toBe(dec("0"));
    expect(payable(r, "L", "2028-Q2")).toBeUndefined();
    expect(payable(r, "P", "2028-Q2")).toBeUndefined();
  });
});
