/** Sales in GBP, USD, EUR and an unconvertible CHF sale (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "33-currency-conversion";
const Q = "2026-Q1";

describe("33 currency conversion", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("each sale converted at the rate in force on its date, the change day included", () => {
    expect(line(r, "V", Q, "commission")).toBe(dec("467.50"));
  });

  // Was bug B5: the CHF sale was dropped from W's sum with only a warning and the run claimed to be
  // complete; fixed in the runtime (ed7cc4d: R0041 is an error, the run is incomplete).
  it("a sale without an exchange rate is not paid around: no line for W, or the run incomplete", () => {
    expect(omitted(r, "W", Q, "commission") || r.complete === false).toBe(true);
    expect(r.diagnostics.some((d) => d.code === "R0041" && d.message.includes("CHF"))).toBe(true);
  });

  // Was bug B6: reconcile() summed the raw money(currency) column across currencies (5,800 of
  // nothing); fixed in the runtime (ed7cc4d: one entry per period and currency).
  it("the reconciliation never adds amounts of different currencies", () => {
    const q1 = r.reconciliation.filter((x) => x.table === "sales" && x.period === Q);
    expect(q1.map((x) => dec(x.amountIn)).sort()).toEqual(["1500", "2000", "2000", "300"].map((a) => dec(a)!).sort());
    expect(q1.map((x) => dec(x.amountIn))).not.toContain(dec("5800"));
  });
});
