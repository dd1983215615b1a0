/** Shape 61: commission rules applied per sale, ported from an engine's unit tests (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "61-engine-per-sale-rules";
const M = "2026-03";

describe("61 rules per sale (Nikki72581/commissionflow)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
  });

  it("pays the engine's tested figures, each sale priced on its own", () => {
    const r = runCase(CASE);
    const expected: [string, string, string][] = [
      ["p_10000", "percent10", "1000.00"],
      ["p_100", "percent10", "10.00"],
      ["p_0", "percent10", "0.00"],
      ["p_ret", "percent10", "-500.00"],
      ["p_big", "percent10", "1000000.00"],
      ["p_gross", "percent10", "1000.00"],
      ["h_7_5", "percent7_5", "750.00"],
      ["f_small", "flat500", "500.00"],
      ["f_large", "flat500", "500.00"],
      ["mm_min", "min_max", "200.00"],
      ["mm_max", "min_max", "5000.00"],
      ["mm_mid", "min_max", "3000.00"],
      ["mm_two", "min_max", "5200.00"],
      ["r_8000", "ranges", "160.00"],
      ["r_15000", "ranges", "600.00"],
      ["v_vip60", "vip", "9000.00"],
      ["v_vip40", "vip", "2000.00"],
      ["v_std60", "vip", "3000.00"],
      ["n_net", "net_basis", "800.00"],
      ["s_stack", "stacked", "1500.00"],
      ["s_capped", "stacked_capped", "2500.00"],
    ];
    for (const [rep, component, amount] of expected) {
      expect([rep, line(r, rep, M, component)]).toEqual([rep, dec(amount)]);
    }
    // Each rep is in its own scheme only: no line of another component.
    expect(r.lines.filter((l) => l.period === M).length).toBe(expected.length);
    expect(reconciles(r)).toBe(true);
  });
});
