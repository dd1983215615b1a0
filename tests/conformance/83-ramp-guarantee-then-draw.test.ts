/** A two-month nonrecoverable ramp guarantee, then a four-month recoverable draw (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "83-ramp-guarantee-then-draw";
const months = ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"];

describe("83 ramp guarantee, then a recoverable draw", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the ramp top-up in February only", () => {
    expect(line(r, "N", "2026-02", "ramp_guarantee")).toBe(dec("2000.00"));
    expect(line(r, "N", "2026-03", "ramp_guarantee")).toBe(dec("0.00"));
    expect(line(r, "N", "2026-04", "ramp_guarantee")).toBeUndefined();
  });

  it("draws and recoveries; the ramp top-up is never recovered", () => {
    expect(adjustment(r, "N", "2026-04", "draw")).toBe(dec("800.00"));
    expect(adjustment(r, "N", "2026-05", "draw")).toBe(dec("500.00"));
    expect(adjustment(r, "N", "2026-06", "recovery")).toBe(dec("-1300.00"));
    expect(adjustment(r, "N", "2026-07", "draw")).toBe(dec("1000.00"));
    expect(adjustment(r, "N", "2026-08", "recovery")).toBe(dec("-1000.00"));
    expect(adjustment(r, "N", "2026-03", "recovery")).toBeUndefined();
  });

  it("monthly payables; nothing before the hire", () => {
    expect(payable(r, "N", "2026-01")).toBeUndefined();
    expect(months.map((m) => payable(r, "N", m))).toEqual(
      ["2500.00", "3000.00", "2000.00", "2000.00", "2200.00", "2000.00", "1500.00", "0"].map(dec),
    );
  });
});
