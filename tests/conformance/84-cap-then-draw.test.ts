/** A plan cap per month applied before a recoverable draw; an empty month, a return, the exact cap (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "84-cap-then-draw";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("84 monthly cap, then a recoverable draw", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission lines, the return negative", () => {
    expect(months.map((m) => line(r, "R", m, "commission"))).toEqual(["500.00", "0", "9000.00", "3500.00", "-200.00", "6000.00"].map(dec));
  });

  it("cap adjustments before the draw", () => {
    expect(adjustment(r, "R", "2026-03", "cap")).toBe(dec("-5500.00"));
    expect(adjustment(r, "R", "2026-04", "cap") ?? "0").toBe("0");
    expect(adjustment(r, "R", "2026-06", "cap")).toBe(dec("-2500.00"));
  });

  it("draws and recoveries on the capped commission", () => {
    expect(adjustment(r, "R", "2026-01", "draw")).toBe(dec("1000.00"));
    expect(adjustment(r, "R", "2026-02", "draw")).toBe(dec("1500.00"));
    expect(adjustment(r, "R", "2026-03", "recovery")).toBe(dec("-2000.00"));
    expect(adjustment(r, "R", "2026-04", "recovery")).toBe(dec("-500.00"));
    expect(adjustment(r, "R", "2026-05", "draw")).toBe(dec("1700.00"));
    expect(adjustment(r, "R", "2026-06", "recovery")).toBe(dec("-1700.00"));
  });

  it("monthly payables", () => {
    expect(months.map((m) => payable(r, "R", m))).toEqual(["1500.00", "1500.00", "1500.00", "3000.00", "1500.00", "1800.00"].map(dec));
  });
});
