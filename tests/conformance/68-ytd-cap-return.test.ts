/** A yearly cap reached in September, returns in October and November (case.md). */
import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { compileErrors, dec, payable, runCase } from "./harness.js";

const CASE = "68-ytd-cap-return";
const late = ["2026-10", "2026-11", "2026-12"];

describe("68 year-to-date cap with later returns", () => {
  for (const file of ["plan.carrot", "plan-total-cap.carrot"]) {
    it(`${file}: the cap bites in September`, () => {
      expect(compileErrors(CASE, file)).toEqual([]);
      const r = runCase(CASE, {}, undefined, file);
      expect(payable(r, "C", "2026-08")).toBe(dec("5500.00"));
      expect(payable(r, "C", "2026-09")).toBe(dec("6000.00"));
    });

    // Bug B20 (fixed): the yearly cap bounds the commission earned year to date, not the lines
    // already paid, so the October return first eats the 4,000 the cap cut in September (0 due),
    // November's is clawed back, and the year pays 50,000 on 53,000 earned.
    it(`${file}: the October return eats the cut, November claws back, the year pays 50,000 (B20)`, () => {
      const r = runCase(CASE, {}, undefined, file);
      expect(late.map((m) => payable(r, "C", m))).toEqual(["0.00", "-2000.00", "2000.00"].map(dec));
      const year = r.totals.filter((t) => t.person === "C").reduce((a, t) => a.plus(t.payable), new Decimal(0));
      expect(year.toFixed()).toBe(dec("50000.00"));
    });
  }
});
