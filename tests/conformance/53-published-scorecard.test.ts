/** Shape 53: a published balanced-scorecard bonus, caps per measure and a 90% floor on each (case.md). */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, measure, runCase } from "./harness.js";

const CASE = "53-published-scorecard";
const Y = "2026-Y";

describe("53 weighted scorecard with caps per measure", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the published scorecard: weighted score 113.83% (to four places), bonus 30% of salary times it", () => {
    const score = measure(r, "joan", Y, "weighted_score");
    expect(new Decimal(score!).toDecimalPlaces(4).toFixed()).toBe("1.1383");
    // the exact score is 143201/125800 = 1.13832273449920508...
    const D40 = Decimal.clone({ precision: 40 });
    expect(new D40(score!).minus(new D40(143201).div(125800)).abs().lt("1e-24")).toBe(true);
    expect(line(r, "joan", Y, "bonus")).toBe(dec("34149.68"));
  });

  it("the reverse-coded discount scores 110% and the new-SKU score is capped at 120%", () => {
    expect(measure(r, "joan", Y, "raw_score", ["Discount"])).toBe(dec("1.1"));
    expect(measure(r, "joan", Y, "raw_score", ["NewSKU"])).toBe(dec("1.3"));
    expect(measure(r, "joan", Y, "adjusted", ["NewSKU"])).toBe(dec("1.2"));
  });

  it("one measure below 90% gates the bonus to zero; exactly 90% does not", () => {
    expect(line(r, "gated", Y, "bonus")).toBe(dec("0.00"));
    expect(lineStatus(r, "gated", Y, "bonus")).toBe("gated");
    expect(line(r, "edge", Y, "bonus")).toBe(dec("29700.00"));
  });
});
