/** Shape 49: a vendor's published recoverable-draw scenario, its figures as published (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, payable, reconciles, runCase } from "./harness.js";

const CASE = "49-published-recoverable-draw";
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("49 published recoverable draw", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("pays the scenario's net earnings month by month", () => {
    expect(MONTHS.map((m) => payable(r, "TS", m))).toEqual(["2750.00", "3000.00", "2000.00", "2000.00", "2875.00", "2750.00"].map(dec));
  });

  it("advances 500 in March and recovers 375 in April and 125 in May, never below the draw", () => {
    expect(adjustment(r, "TS", "2026-03", "draw")).toBe(dec("500.00"));
    expect(adjustment(r, "TS", "2026-04", "recovery")).toBe(dec("-375.00"));
    expect(adjustment(r, "TS", "2026-05", "recovery")).toBe(dec("-125.00"));
    for (const m of ["2026-01", "2026-02", "2026-06"]) {
      expect(adjustment(r, "TS", m, "draw")).toBeUndefined();
      expect(adjustment(r, "TS", m, "recovery")).toBeUndefined();
    }
    expect(reconciles(r)).toBe(true);
  });
});
