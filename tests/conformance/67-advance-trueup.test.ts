/** Monthly advances at 80% of the quarter to date, settled at the quarter's end; a return the next quarter (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "67-advance-trueup";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("67 advance true-up", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("A: advances in January and February, a positive settlement in March", () => {
    expect(months.slice(0, 3).map((m) => line(r, "A", m, "commission"))).toEqual(["2880.00", "7200.00", "9120.00"].map(dec));
  });

  it("B: the March settlement recovers the overpaid advance", () => {
    expect(months.slice(0, 3).map((m) => line(r, "B", m, "commission"))).toEqual(["2880.00", "7200.00", "-480.00"].map(dec));
    expect(payable(r, "B", "2026-03")).toBe(dec("-480.00"));
  });

  // Bug B19 (fixed): the tier is applied in a plan-level `let` (needed so `prior(due_qtd)` can read
  // it), which says `allow negative` itself: -20,000 is priced at 4%, not left without a value.
  it("A: the February return processed in April is clawed back, Q2 nets to 4% of -15,000 (B19)", () => {
    expect(months.slice(3).map((m) => line(r, "A", m, "commission"))).toEqual(["-640.00", "160.00", "-120.00"].map(dec));
  });

  it("B: no sales in Q2, nothing advanced or settled", () => {
    expect(months.slice(3).map((m) => line(r, "B", m, "commission"))).toEqual(["0", "0", "0"].map(dec));
  });
});
