/** Shape 59: an overage multiplier picked by attainment band, ported from an engine's unit tests (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "59-engine-overage-multiplier";

describe("59 overage multiplier by attainment band (theodortrampe/commission-calculator)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
  });

  it("pays the engine's tested figures: base at the rate, the whole overage at rate × band multiplier", () => {
    const r = runCase(CASE);
    const expected: [string, string][] = [
      ["under", "48000.00"],
      ["exact", "50000.00"],
      ["t110", "69000.00"],
      ["t140", "90000.00"],
      ["t175", "172500.00"],
      ["t250", "237500.00"],
      ["zero", "0.00"],
      ["john", "102393.60"],
      ["b10001", "50007.50"],
      ["b125", "75000.00"],
      ["b150", "112500.00"],
    ];
    for (const [rep, amount] of expected) expect([rep, line(r, rep, "2025-01", "commission")]).toEqual([rep, dec(amount)]);
    expect(reconciles(r)).toBe(true);
  });
});
