/** A plan-level guarantee that is an expression, evaluated per person and period (gap G14). */
import { describe, expect, it } from "vitest";
import type { Expr, GuaranteeIR } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import { col, component, csv, money, plan, reps } from "../helpers/ir.js";

function monthly(guarantee: GuaranteeIR) {
  return plan({
    grain: "month",
    tables: [reps(col("level", "text", { optional: true }))],
    components: [component("pay", money("100"))],
    payout: { cap: null, guarantee, settle: null },
  });
}

const people = csv("id,manager,start,end,level", "a,,2025-01-01,,Senior", "b,,2026-02-10,,Junior", "c,,2025-01-01,,");
const prorated: Expr = { op: "prorate", type: "money[EUR]", value: money("2000"), by: null };
const byLevel: Expr = {
  op: "if",
  type: "money[EUR]",
  args: [
    { op: "eq", type: "bool", args: [{ op: "person", type: "text", column: "level" }, { op: "const", type: "text", value: "Senior" }] },
    money("3000"),
    money("2000"),
  ],
};

function run(guarantee: GuaranteeIR) {
  const ir = monthly(guarantee);
  return evaluate(ir, loadDataset(ir, { reps: people }), { periods: ["2026-01", "2026-02"] });
}
const payable = (r: ReturnType<typeof run>, person: string, period: string) => r.totals.find((t) => t.person === person && t.period === period)?.payable;

describe("guarantee expressions", () => {
  it("prorate: a hire of 10 February is guaranteed 19 of 28 days, rounded to the plan's scale", () => {
    // 2000 × 19 / 28 = 1357.142857… → 1357.14; top-up 1357.14 − 100 = 1257.14.
    const r = run({ value: prorated, per: "period", recoverable: false });
    expect(payable(r, "b", "2026-02")).toBe("1357.14");
    expect(r.adjustments.find((a) => a.person === "b" && a.period === "2026-02")).toMatchObject({
      kind: "guarantee",
      amount: "1257.14",
      detail: "guaranteed 1357.14 per period",
    });
    expect(payable(r, "a", "2026-01")).toBe("2000.00");
    expect(payable(r, "b", "2026-01")).toBeUndefined();
  });

  it("a recoverable prorated guarantee is a draw of the prorated amount", () => {
    const r = run({ value: prorated, per: "period", recoverable: true });
    expect(r.adjustments.find((a) => a.person === "b" && a.period === "2026-02")).toMatchObject({ kind: "draw", amount: "1257.14" });
  });

  it("by person attribute; an attribute without value gives no guarantee, reported per person and period", () => {
    const r = run({ value: byLevel, per: "period", recoverable: false });
    expect(payable(r, "a", "2026-01")).toBe("3000.00");
    expect(payable(r, "b", "2026-02")).toBe("2000.00");
    // c's level is blank: the comparison has no value, so no guarantee (100.00 earned, nothing added).
    expect(payable(r, "c", "2026-01")).toBe("100.00");
    expect(r.adjustments.filter((a) => a.person === "c")).toEqual([]);
    const warnings = r.diagnostics.filter((d) => d.code === "R0047");
    expect(warnings.map((d) => [d.severity, d.context])).toEqual([
      ["warning", { person: "c", period: "2026-01" }],
      ["warning", { person: "c", period: "2026-02" }],
    ]);
    expect(warnings[0].message).toContain("c in 2026-01");
  });

  it("a constant guarantee is the same with or without the expression form", () => {
    const constant = run({ amount: "2000", per: "period", recoverable: false });
    const expr = run({ value: money("2000"), per: "period", recoverable: false });
    expect(expr.totals).toEqual(constant.totals);
  });
});
