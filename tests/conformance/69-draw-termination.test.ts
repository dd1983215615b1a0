/** A four-month recoverable draw and a termination on 15 May (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "69-draw-termination";
const months = ["2026-02", "2026-03", "2026-04", "2026-05"];

describe("69 draw and termination", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission, draws and the recovery month by month", () => {
    expect(months.map((m) => line(r, "N", m, "commission"))).toEqual(["1000.00", "2500.00", "4500.00", "1200.00"].map(dec));
    expect(adjustment(r, "N", "2026-02", "draw")).toBe(dec("2000.00"));
    expect(adjustment(r, "N", "2026-03", "draw")).toBe(dec("500.00"));
    expect(adjustment(r, "N", "2026-04", "recovery")).toBe(dec("-1500.00"));
    expect(adjustment(r, "N", "2026-05", "draw")).toBe(dec("251.61"));
    expect(months.map((m) => payable(r, "N", m))).toEqual(["3000.00", "3000.00", "3000.00", "1451.61"].map(dec));
  });

  it("nothing after the termination; the draw lines leave 1,251.61 outstanding (owed back: gap G20)", () => {
    expect(payable(r, "N", "2026-06")).toBeUndefined();
    const ledger = r.adjustments
      .filter((a) => a.person === "N" && (a.kind === "draw" || a.kind === "recovery"))
      .reduce((acc, a) => acc.plus(a.amount), new Decimal(0));
    expect(ledger.toFixed()).toBe(dec("1251.61"));
  });
});
