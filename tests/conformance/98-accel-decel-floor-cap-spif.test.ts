/** Accelerator above 100%, decelerator below 50%, a component floor and cap, a SPIF stacked on top (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "98-accel-decel-floor-cap-spif";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("98 accelerator, decelerator, floor, cap, SPIF", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission after floor and cap", () => {
    expect(months.map((m) => line(r, "R", m, "commission"))).toEqual(["1000.00", "499.98", "300.00", "2000.00", "6000.00", "300.00"].map(dec));
  });
  it("SPIF only in its window, on top", () => {
    expect(months.map((m) => line(r, "R", m, "launch_spif"))).toEqual([undefined, dec("450.00"), dec("150.00"), undefined, undefined, undefined]);
  });
  it("payables", () => {
    expect(months.map((m) => payable(r, "R", m))).toEqual(["1000.00", "949.98", "450.00", "2000.00", "6000.00", "300.00"].map(dec));
  });
});
