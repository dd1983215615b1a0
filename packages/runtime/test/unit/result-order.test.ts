import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import type { Adjustment, RunResult } from "../../src/result/types.js";
import { arith, col, column_, component, csv, direct, measure, money, plan, ratio, reps, sales, sumOf, value } from "../helpers/ir.js";

// Lines are computed in the components' order and listed per person-period in the result's order
// (person, period, component name, member; adjustments by kind then component): the lists must be
// exactly what sorting the whole result gives.

const dims = [{ id: "dim.Category", name: "Category", parent: null, members: [{ name: "Onco", parent: null }, { name: "Cardio", parent: null }, { name: "Bone", parent: null }] }];
const c = { op: "param", type: "member[Category]", name: "c" } as const;
const inCategory: Expr = { op: "in_member", type: "bool", value: column_("direct", "product", "member[Category]"), member: c };
// No value when the category sold nothing over 1000 (an omitted line).
const picky: Expr = { op: "if", type: "money[EUR]", args: [{ op: "gt", type: "bool", args: [value("revenue", "money[EUR]", c), money("1000")] }, arith("mul", value("revenue", "money[EUR]", c), ratio("0.013")), { op: "const", type: "money[EUR]", value: "0" }] };
const omitWhenSmall: Expr = { op: "if", type: "money[EUR]", args: [{ op: "gt", type: "bool", args: [value("revenue", "money[EUR]", c), money("500")] }, picky, { op: "otherwise", type: "money[EUR]", args: [{ op: "div", type: "money[EUR]", sig: "money/number", args: [money("1"), { op: "const", type: "number", value: "0" }] }, { op: "div", type: "money[EUR]", sig: "money/number", args: [money("1"), { op: "const", type: "number", value: "0" }] }] }] };

function ir(on: "line" | "component" | "total") {
  return plan({
    grain: "month",
    dimensions: dims,
    rounding: { scale: 1, mode: "half_up", on },
    tables: [reps(), sales(col("product", "member[Category]"))],
    credits: [direct()],
    values: [measure("revenue", sumOf("direct", "amount", inCategory), [{ name: "c", dimension: "Category" }]), measure("total", sumOf("direct", "amount"))],
    components: [
      component("zeta", omitWhenSmall, { order: 0, forEach: { name: "c", dimension: "Category" } }),
      component("alpha", arith("mul", value("total"), ratio("0.0107")), { order: 1 }),
      component("mid", arith("mul", value("revenue", "money[EUR]", { op: "const", type: "member[Category]", value: "Bone" }), ratio("0.021")), { order: 0 }),
    ],
    payout: { cap: { amount: "40", per: "year" }, guarantee: { amount: "5", per: "period", recoverable: true }, settle: null },
  });
}

const sale = fc.record({
  month: fc.integer({ min: 1, max: 4 }),
  rep: fc.constantFrom("p1", "p2", "p3"),
  product: fc.constantFrom("Onco", "Cardio", "Bone"),
  cents: fc.integer({ min: 0, max: 200_000 }),
});

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const KINDS = ["rounding", "cap", "guarantee", "draw", "recovery", "settlement", "clawback"];

function sortedLike(result: RunResult) {
  const period = (p: string) => result.periods.indexOf(p);
  const byLine = (a: { person: string; period: string; component: string; member: string | null }, b: typeof a) =>
    cmp(a.person, b.person) || period(a.period) - period(b.period) || cmp(a.component, b.component) || cmp(a.member ?? "", b.member ?? "");
  const byAdjustment = (a: Adjustment, b: Adjustment) =>
    cmp(a.person, b.person) || period(a.period) - period(b.period) || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || cmp(a.component ?? "", b.component ?? "");
  return { lines: [...result.lines].sort(byLine), omitted: [...result.omitted].sort(byLine), adjustments: [...result.adjustments].sort(byAdjustment) };
}

describe("result order", () => {
  it("property: lines, omitted lines and adjustments come in the order a sort of the whole result gives", () => {
    fc.assert(
      fc.property(fc.array(sale, { maxLength: 25 }), fc.constantFrom("line", "component", "total"), fc.boolean(), (rows, on, some) => {
        const plan = ir(on as "line" | "component" | "total");
        const data = loadDataset(plan, {
          reps: csv("id,manager,start,end", "p2,,,", "p3,p2,2026-02-01,", "p1,p2,,"),
          sales: csv("id,date,rep,amount,product", ...rows.map((s, i) => `s${i},2026-0${s.month}-10,${s.rep},${(s.cents / 100).toFixed(2)},${s.product}`)),
        });
        const result = evaluate(plan, data, some ? { periods: ["2026-04", "2026-02"] } : { to: "2026-05" });
        const sorted = sortedLike(result);
        expect(result.lines).toEqual(sorted.lines);
        expect(result.omitted).toEqual(sorted.omitted);
        expect(result.adjustments).toEqual(sorted.adjustments);
        expect(result.lines.length + result.omitted.length).toBe(result.totals.length * 5);
      }),
      { numRuns: 80 },
    );
  });
});
