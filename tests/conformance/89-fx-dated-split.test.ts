/** A EUR plan over four currencies: the rate in force on each sale's date, split shares, a missing rate, an allowance at the month-end rate (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, omitted, payable, reconciles, runCase } from "./harness.js";

const CASE = "89-fx-dated-split";

describe("89 dated exchange rates, split, allowance", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the rate in force on the sale's date: the day before a change, the day of it", () => {
    expect(measure(r, "V", "2026-01", "revenue")).toBe(dec("900"));
    expect(measure(r, "V", "2026-02", "revenue")).toBe(dec("1975"));
    expect(measure(r, "V", "2026-03", "revenue")).toBe(dec("765"));
    expect(line(r, "V", "2026-01", "commission")).toBe(dec("90.00"));
    expect(line(r, "V", "2026-02", "commission")).toBe(dec("197.50"));
    expect(line(r, "V", "2026-03", "commission")).toBe(dec("76.50"));
  });

  it("a split USD sale and a CHF sale on its currency's first rate date", () => {
    expect(measure(r, "W", "2026-02", "revenue")).toBe(dec("685"));
    expect(line(r, "W", "2026-02", "commission")).toBe(dec("68.50"));
    expect(line(r, "W", "2026-03", "commission")).toBe(dec("0"));
  });

  it("a CHF sale dated the day before CHF's first rate is a data error, not paid around", () => {
    // The documented behaviour of a data error (docs/language.md, "Severity"; bug B5's fix): the run
    // is incomplete and the figures are still computed, so the error must name the statement it
    // affects (W, January) and the run must not claim to be complete.
    expect(omitted(r, "W", "2026-01", "commission") || r.complete === false).toBe(true);
    expect(r.complete).toBe(false);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["R0041"]);
    expect(errors[0].message).toContain("CHF");
    expect(errors[0].message).toContain("2026-01-31");
    expect((errors[0] as { context?: Record<string, string> }).context).toEqual({ person: "W", period: "2026-01" });
  });

  it("a fixed USD allowance is converted at the rate of the month's last day", () => {
    expect(line(r, "V", "2026-01", "allowance")).toBe(dec("45.00"));
    expect(line(r, "V", "2026-02", "allowance")).toBe(dec("47.50"));
    expect(line(r, "V", "2026-03", "allowance")).toBe(dec("47.50"));
    expect(line(r, "W", "2026-02", "allowance")).toBe(dec("47.50"));
    expect(payable(r, "V", "2026-01")).toBe(dec("135.00"));
    expect(payable(r, "V", "2026-02")).toBe(dec("245.00"));
    expect(payable(r, "V", "2026-03")).toBe(dec("124.00"));
    expect(payable(r, "W", "2026-02")).toBe(dec("116.00"));
  });

  it("the reconciliation is per currency and month, and every entry balances", () => {
    const entries = (p: string) =>
      r.reconciliation
        .filter((x) => x.table === "sales" && x.period === p)
        .map((x) => [x.currency, dec(x.amountIn)])
        .sort();
    expect(entries("2026-01")).toEqual([["CHF", dec("200")], ["EUR", dec("800")], ["USD", dec("1000")]]);
    expect(entries("2026-02")).toEqual([["CHF", dec("200")], ["GBP", dec("500")], ["USD", dec("2000")]]);
    expect(entries("2026-03")).toEqual([["GBP", dec("500")], ["USD", dec("200")]]);
    const feb = r.reconciliation.filter((x) => x.table === "sales" && x.period === "2026-02");
    expect(feb.every((x) => dec(x.uncredited) === dec("0") && x.uncreditedRows.length === 0)).toBe(true);
    expect(reconciles(r)).toBe(true);
  });
});
