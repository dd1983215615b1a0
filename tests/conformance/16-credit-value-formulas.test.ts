/** Shape 16: per-deal credit formulas, quota credit and commission credit apart (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, runCase } from "./harness.js";

const CASE = "16-credit-value-formulas";
const Q = "2026-Q1";

describe("16 credit value formulas", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission credit: first-year ARR + 5% of fees, partner deals at 80%", () => {
    expect(measure(r, "Q", Q, "commission_credit")).toBe(dec("220620"));
    expect(line(r, "Q", Q, "commission")).toBe(dec("22062.00"));
  });

  it("quota credit: first-year ARR only, partner deals in full", () => {
    expect(measure(r, "Q", Q, "quota_credit")).toBe(dec("245000"));
    expect(measure(r, "Q", Q, "attainment")).toBe(dec("1.225"));
  });
});
