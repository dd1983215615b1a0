/** Shape 2: marginal, retroactive, amount and interpolated tiers on one revenue (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "02-tier-kinds";

const expected: Record<string, [string, string, string, string]> = {
  // marginal, straight, amount, interpolated
  P1: ["2000.00", "3000.00", "1000.00", "1000.00"],
  P2: ["3000.00", "6000.00", "2500.00", "1500.00"],
  P3: ["6600.00", "9600.00", "2500.00", "3000.00"],
  P4: ["0", "0", "0", "0"],
};

describe("02 tier kinds", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  for (const [rep, [marginal, straight, amount, interpolated]] of Object.entries(expected)) {
    it(`${rep}: marginal ${marginal}, straight ${straight}, amount ${amount}, interpolated ${interpolated}`, () => {
      expect(line(r, rep, "2026-Q1", "marginal_commission")).toBe(dec(marginal));
      expect(line(r, rep, "2026-Q1", "straight_commission")).toBe(dec(straight));
      expect(line(r, rep, "2026-Q1", "amount_bonus")).toBe(dec(amount));
      expect(line(r, rep, "2026-Q1", "interpolated_bonus")).toBe(dec(interpolated));
    });
  }
});
