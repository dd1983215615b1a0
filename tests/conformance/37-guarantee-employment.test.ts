/** The monthly guarantee and a person credited before their start date (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, caseData, compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "37-guarantee-employment";

describe("37 guarantee and employment", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission follows the deal-team split, before the start date too", () => {
    expect(line(r, "A", "2026-01", "commission")).toBe(dec("850.00"));
    expect(line(r, "H", "2026-01", "commission")).toBe(dec("50.00"));
    expect(payable(r, "A", "2026-02")).toBe(dec("500.00"));
  });

  it("the guarantee tops up an employed month", () => {
    expect(payable(r, "H", "2026-02")).toBe(dec("300.00"));
  });

  // Was bug B7: the guarantee was applied to a person evaluated only because they were credited
  // before their start date; fixed in the runtime (ed7cc4d).
  it("no guarantee for a month before the start date", () => {
    expect(adjustment(r, "H", "2026-01", "guarantee")).toBeUndefined();
    expect(payable(r, "H", "2026-01")).toBe(dec("50.00"));
  });

  it("no guarantee for a month after the end date, while the late deal's commission is paid", () => {
    expect(payable(r, "L", "2026-01")).toBe(dec("300.00"));
    expect(line(r, "L", "2026-02", "commission")).toBe(dec("100.00"));
    expect(adjustment(r, "L", "2026-02", "guarantee")).toBeUndefined();
    expect(payable(r, "L", "2026-02")).toBe(dec("100.00"));
  });
});

// Gap G14 closed: the guarantee is an expression evaluated per person and period.
describe("37 prorated guarantee (prorated.carrot)", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE, "prorated.carrot")).toEqual([]);
    r = runCase(CASE, {}, caseData(CASE), "prorated.carrot");
  });

  it("a hire of 15 February is guaranteed 14 of February's 28 days: 300 × 14 / 28 = 150.00", () => {
    expect(adjustment(r, "H", "2026-02", "guarantee")).toBe(dec("150.00"));
    expect(payable(r, "H", "2026-02")).toBe(dec("150.00"));
  });

  it("a full month employed is guaranteed in full; no guarantee outside employment", () => {
    expect(payable(r, "L", "2026-01")).toBe(dec("300.00"));
    expect(adjustment(r, "H", "2026-01", "guarantee")).toBeUndefined();
    expect(adjustment(r, "L", "2026-02", "guarantee")).toBeUndefined();
    expect(payable(r, "A", "2026-02")).toBe(dec("500.00"));
  });
});
