import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Expr } from "@carrot/ir";
import { Dec, decText } from "../../src/decimal.js";
import { evaluate, loadDataset } from "../../src/index.js";
import { col, column_, component, csv, joinCredit, measure, plan, reps, table, value } from "../helpers/ir.js";

// Split credit sums amount × share in scaled integers while every product and partial sum is a safe
// integer, and in Decimal otherwise (huge amounts, shares with more than 15 places). Both paths must
// give exactly the Decimal figure, whichever one a person-period takes.

const coverage = table("coverage", [col("territory", "text"), col("person", "person"), col("share", "ratio")]);
const sales = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("territory", "text"), col("product", "member[Category]"), col("amount", "money[EUR]")]);
const credit = joinCredit("tc", "sales", "coverage", ["territory", "territory"]);
const sum = (where: Expr | null, fn: "sum" | "avg" = "sum"): Expr => ({ op: "aggregate", type: "money[EUR]", fn, source: { kind: "credit", rule: "tc" }, value: column_("tc", "amount"), where });
const inCategory: Expr = { op: "in_member", type: "bool", value: column_("tc", "product", "member[Category]"), member: { op: "param", type: "member[Category]", name: "c" } };
const ir = plan({
  dimensions: [{ id: "dimension.Category", name: "Category", parent: null, members: [{ name: "A", parent: null }, { name: "B", parent: null }] }],
  tables: [reps(), sales, coverage],
  credits: [credit],
  values: [
    measure("total", sum(null)),
    measure("average", sum(null, "avg")),
    measure("by_category", sum(inCategory), [{ name: "c", dimension: "Category" }]),
  ],
  components: [component("pay", value("total"))],
});
const people = csv("id,manager,start,end", "p1,,,", "p2,,,");

function measureOf(r: ReturnType<typeof evaluate>, person: string, name: string, args: string[] = []): string | null | undefined {
  return r.measures.find((m) => m.person === person && m.period === "2026-Q1" && m.name === name && m.args.join() === args.join())?.value;
}

describe("split sums", () => {
  it("a share with more places than the integer path takes is summed exactly", () => {
    const share = "0.1234567890123456789";
    const rest = new Dec(1).minus(share).toFixed();
    const data = loadDataset(ir, {
      reps: people,
      coverage: csv("territory,person,share", `T1,p1,${share}`, `T1,p2,${rest}`),
      sales: csv("id,date,territory,product,amount", "s1,2026-01-10,T1,A,1000.10", "s2,2026-02-10,T1,B,3"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(measureOf(r, "p1", "total")).toBe(decText(new Dec("1003.10").times(share)));
    expect(measureOf(r, "p1", "by_category", ["A"])).toBe(decText(new Dec("1000.10").times(share)));
    expect(measureOf(r, "p2", "by_category", ["B"])).toBe(decText(new Dec(3).times(rest)));
  });

  it("property: integer and Decimal paths give the exact Decimal sums, averages and per-member sums", () => {
    const sale = fc.record({
      category: fc.constantFrom("A", "B"),
      // Up to 10^13 in minor units so that some products leave the safe-integer range.
      cents: fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.integer({ min: 1e12, max: 1e13 })),
    });
    const share = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map((p) => new Dec(p).div(100)),
      fc.integer({ min: 0, max: 10_000 }).map((p) => new Dec(p).div(10_000)),
      fc.integer({ min: 0, max: 1_000_000_007 }).map((p) => new Dec(p).div(1_000_000_007).toDecimalPlaces(18)),
    );
    fc.assert(
      fc.property(fc.array(sale, { minLength: 1, maxLength: 25 }), share, (rows, s1) => {
        const s2 = new Dec(1).minus(s1);
        const data = loadDataset(ir, {
          reps: people,
          coverage: csv("territory,person,share", `T1,p1,${s1.toFixed()}`, `T1,p2,${s2.toFixed()}`),
          sales: csv("id,date,territory,product,amount", ...rows.map((x, i) => `s${i},2026-02-01,T1,${x.category},${new Dec(x.cents).div(100).toFixed(2)}`)),
        });
        const r = evaluate(ir, data, { periods: ["2026-Q1"], trace: false });
        for (const [person, sh] of [["p1", s1], ["p2", s2]] as const) {
          const amounts = rows.map((x) => new Dec(x.cents).div(100));
          const total = amounts.reduce((a, v) => a.plus(v.times(sh)), new Dec(0));
          expect(measureOf(r, person, "total")).toBe(decText(total));
          // avg weighs rows by their share: Σ amount × share / Σ share.
          const weight = sh.times(rows.length);
          expect(measureOf(r, person, "average")).toBe(weight.isZero() ? null : decText(total.div(weight)));
          for (const c of ["A", "B"]) {
            const part = rows.reduce((a, x) => (x.category === c ? a.plus(new Dec(x.cents).div(100).times(sh)) : a), new Dec(0));
            expect(measureOf(r, person, "by_category", [c])).toBe(decText(part));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
