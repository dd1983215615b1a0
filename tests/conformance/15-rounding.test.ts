/** Shape 15: scale, mode and place of rounding chosen by the plan (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "15-rounding";
const M = "2026-01";

const lines = (file: string) => {
  const r = runCase(CASE, {}, undefined, file);
  return [...["A", "B", "C", "D"].map((p) => line(r, "H", M, "commission", p)), line(r, "H", M, "spiff"), payable(r, "H", M)];
};

describe("15 rounding", () => {
  const variants: [string, string[]][] = [
    ["plan.carrot", ["4.52", "2.52", "1.00", "0.50", "2.56", "11.10"]],
    ["plan-line-half-up.carrot", ["4.53", "2.52", "1.01", "0.51", "2.57", "11.14"]],
    ["plan-line-4-half-even.carrot", ["4.525", "2.515", "1.005", "0.505", "2.565", "11.115"]],
  ];
  for (const [file, expected] of variants) {
    it(`per line: ${file}`, () => {
      expect(compileErrors(CASE, file)).toEqual([]);
      expect(lines(file)).toEqual(expected.map(dec));
    });
  }

  const totals: [string, string][] = [
    ["plan-component-half-up.carrot", "11.12"],
    ["plan-total-half-even.carrot", "11.12"],
    ["plan-total-down.carrot", "11.11"],
  ];
  for (const [file, expected] of totals) {
    it(`per component or total: ${file} pays ${expected}`, () => {
      expect(compileErrors(CASE, file)).toEqual([]);
      const r = runCase(CASE, {}, undefined, file);
      expect(payable(r, "H", M)).toBe(dec(expected));
    });
  }
});
