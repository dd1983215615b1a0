/** Shape 8: an advance consumed by commissions, the rest clawed back on leaving (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "08-advances";

describe("08 advances", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("K1: the advance is paid, then consumed by commissions month by month", () => {
    expect(payable(r, "K1", "2026-01")).toBe(dec("3000.00"));
    expect(payable(r, "K1", "2026-02")).toBe(dec("0"));
    expect(line(r, "K1", "2026-02", "advance_recovery")).toBe(dec("-1000.00"));
    expect(payable(r, "K1", "2026-03")).toBe(dec("0"));
    expect(payable(r, "K1", "2026-04")).toBe(dec("0"));
  });

  it("K1 leaves in May: the 1,300 not consumed is clawed back, and nothing after", () => {
    expect(line(r, "K1", "2026-05", "advance_clawback")).toBe(dec("-1300.00"));
    expect(payable(r, "K1", "2026-05")).toBe(dec("-1300.00"));
    expect(payable(r, "K1", "2026-06")).toBeUndefined();
  });

  it("K2: the advance is consumed at once and the excess paid", () => {
    expect(payable(r, "K2", "2026-01")).toBe(dec("1000.00"));
    expect(payable(r, "K2", "2026-02")).toBe(dec("500.00"));
    expect(payable(r, "K2", "2026-03")).toBe(dec("400.00"));
  });
});
