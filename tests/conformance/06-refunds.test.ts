/** Shape 6: credit notes reverse the original commission; partial refunds net (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, payable, reconciles, runCase } from "./harness.js";

const CASE = "06-refunds";

describe("06 refunds and credit notes", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("a partial refund in the same month nets", () => {
    expect(line(r, "F1", "2026-01", "commission_reversed")).toBe(dec("170.00"));
    expect(line(r, "F1", "2026-01", "commission_floored")).toBe(dec("170.00"));
  });

  it("a later full refund reverses at the product's rate and may take the month below zero", () => {
    expect(line(r, "F1", "2026-02", "commission_reversed")).toBe(dec("-60.00"));
    expect(line(r, "F1", "2026-03", "commission_reversed")).toBe(dec("-15.00"));
  });

  it("without allow negative, a month of net refunds pays zero", () => {
    expect(line(r, "F1", "2026-02", "commission_floored")).toBe(dec("0"));
    expect(lineStatus(r, "F1", "2026-02", "commission_floored")).toBe("negative-floored");
    expect(payable(r, "F1", "2026-02")).toBe(dec("-60.00"));
  });

  it("every row, negative ones included, is credited", () => {
    expect(reconciles(r)).toBe(true);
    const feb = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-02");
    expect(dec(feb?.credited)).toBe(dec("-1600"));
  });
});
