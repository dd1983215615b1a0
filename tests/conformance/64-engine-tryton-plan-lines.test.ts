/** Shape 64: commission plan lines, commissions on payment, agent and principal, a credit note; ported from Tryton's commission module tests (case.md). */
import { describe, expect, it } from "vitest";
import { caseData, compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "64-engine-tryton-plan-lines";

describe("64 Tryton commission module (tryton/tryton modules/commission)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
    expect(compileErrors(CASE, "plan-no-default.carrot")).toEqual([]);
  });

  it("scenario_commission: 100 invoiced, paid the next day: 10 to the agent and 10 to the principal, dated on payment", () => {
    const r = runCase(CASE);
    expect(line(r, "agent", "2026-03", "commission")).toBe(dec("10.0000"));
    expect(line(r, "principal", "2026-03", "commission")).toBe(dec("10.0000"));
    expect(reconciles(r)).toBe(true);
  });

  it("scenario_commission before payment: no commission dated yet (the invoice is pending)", () => {
    const files = { ...caseData(CASE), "invoices.csv": "id,posted,paid_on,agent,product,amount\nINV1,2026-03-10,,agent,Product,100.00\n" };
    const r = runCase(CASE, {}, files);
    expect(line(r, "agent", "2026-03", "commission")).toBe(dec("0.0000"));
    expect(line(r, "principal", "2026-03", "commission")).toBe(dec("0.0000"));
    const pending = r.reconciliation.flatMap((x) => x.uncreditedRows.map((u) => [u.key, u.reason, x.period]));
    expect(pending).toContainEqual(["INV1", "no-date", "none"]);
  });

  it("scenario_commission_credit_posted_invoice: credited before payment: +10 and -10 in the month the credit note settles it", () => {
    const r = runCase(CASE);
    expect(line(r, "agent2", "2026-04", "commission")).toBe(dec("0.0000"));
  });

  it("test_plan_category: a product of the category at 0.8, without the category the default line (1)", () => {
    const r = runCase(CASE);
    expect(line(r, "lines_agent", "2026-05", "plan_lines")).toBe(dec("0.8000"));
    expect(line(r, "lines_agent", "2026-06", "plan_lines")).toBe(dec("1.0000"));
  });

  // Bug B18 (fixed): a table's `default` row now answers a blank key, as `default` is "any other
  // case": `plan_line[line_credit.product]` with an empty product takes the default line.
  it("test_plan_no_product: an invoice line without product takes the default line (1)", () => {
    const r = runCase(CASE);
    expect(line(r, "lines_agent", "2026-07", "plan_lines")).toBe(dec("1.0000"));
  });

  it("test_plan_no_product after deleting every line but the category's: no product, no commission", () => {
    const r = runCase(CASE, {}, caseData(CASE), "plan-no-default.carrot");
    expect(line(r, "lines_agent", "2026-05", "plan_lines")).toBe(dec("0.8000"));
    expect(line(r, "lines_agent", "2026-06", "plan_lines")).toBe(dec("0.0000"));
    expect(line(r, "lines_agent", "2026-07", "plan_lines")).toBe(dec("0.0000"));
  });
});
