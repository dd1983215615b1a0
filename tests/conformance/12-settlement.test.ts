/** Shape 12: due on payment vs on invoice, cumulative settlement, closed periods only (case.md). */
import { describe, expect, it } from "vitest";
import { adjustment, compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "12-settlement";
const months = ["2026-01", "2026-02", "2026-03", "2026-04"];

describe("12 settlement", () => {
  it("due on payment: each invoice earns in the month it is paid", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(months.map((m) => line(r, "P", m, "commission"))).toEqual(["300.00", "500.00", "0", "800.00"].map(dec));
  });

  it("the unpaid invoice is accounted for as uncredited", () => {
    const r = runCase(CASE);
    expect(reconciles(r)).toBe(true);
    const unpaid = r.reconciliation.flatMap((x) => x.uncreditedRows.map((u) => ({ ...u, period: x.period }))).filter((u) => u.key === "INV-4");
    expect(unpaid.map((u) => dec(u.amount))).toEqual([dec("2000")]);
    // No payment date: in no period, with a reason of its own (not `outside-plan`).
    expect(unpaid.map((u) => [u.reason, u.period, u.detail])).toEqual([["no-date", "none", "no date for credit 'on_payment': it is in no period"]]);
  });

  it("cumulative settlement recovers January's short payment in February", () => {
    const r = runCase(CASE);
    // January is closed: its payment is the 250.00 payroll paid (a settlement of −50 against the
    // 300 earned), and February, the first month payroll has not paid, recovers the 50.
    expect(payable(r, "P", "2026-01")).toBe(dec("250.00"));
    expect(adjustment(r, "P", "2026-01", "settlement")).toBe(dec("-50.00"));
    expect(adjustment(r, "P", "2026-02", "settlement")).toBe(dec("50.00"));
    expect(payable(r, "P", "2026-02")).toBe(dec("550.00"));
    expect(payable(r, "P", "2026-03")).toBe(dec("0"));
  });

  it("only closed periods are settled: a run up to February has nothing later", () => {
    const r = runCase(CASE, { to: "2026-02" });
    expect(r.periods).toEqual(["2026-01", "2026-02"]);
    expect(payable(r, "P", "2026-02")).toBe(dec("550.00"));
    expect(payable(r, "P", "2026-03")).toBeUndefined();
  });

  it("re-running February alone settles against January's recorded payment", () => {
    const r = runCase(CASE, { periods: ["2026-02"] });
    expect(payable(r, "P", "2026-02")).toBe(dec("550.00"));
  });

  it("due on invoice: each invoice earns in the month it is issued", () => {
    expect(compileErrors(CASE, "plan-on-invoice.carrot")).toEqual([]);
    const r = runCase(CASE, {}, undefined, "plan-on-invoice.carrot");
    expect(months.map((m) => line(r, "P", m, "commission"))).toEqual(["800.00", "800.00", "200.00", "0"].map(dec));
  });
});
