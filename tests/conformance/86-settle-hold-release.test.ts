/** A hold released the month after, settled cumulatively against payroll's payments (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, lineStatus, payable, runCase } from "./harness.js";

const CASE = "86-settle-hold-release";

describe("86 settlement of a hold released the next month", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("statuses: February released, April held", () => {
    expect(line(r, "H", "2026-02", "commission")).toBe(dec("6200.00"));
    expect(lineStatus(r, "H", "2026-02", "commission")).toBe("paid");
    expect(lineStatus(r, "H", "2026-04", "commission")).toBe("held");
    expect(adjustment(r, "H", "2026-04", "hold")).toBe(dec("-8000.00"));
    expect(adjustment(r, "H", "2026-02", "hold")).toBeUndefined();
  });

  it("the released February is paid in March; the held April in no month", () => {
    expect(["2026-03", "2026-04", "2026-05"].map((m) => payable(r, "H", m))).toEqual(["8200.00", "0", "1000.00"].map(dec));
  });

  // B31 (fixed): February has a payroll row (0.00): it reports what payroll paid, not 6,200.
  it("the closed February reports what payroll paid (B31)", () => {
    expect(payable(r, "H", "2026-02")).toBe(dec("0.00"));
  });
});
