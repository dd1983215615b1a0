import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CreditIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { evaluate, loadDataset } from "../../src/index.js";
import { col, column_, component, csv, plan, reps, sumOf, table } from "../helpers/ir.js";
import { shuffle } from "../helpers/data.js";

// The reconciliation (reconcile.ts) against a model: per period and currency the rows, the amount
// in and credited; rows of periods the run does not ask for are left out, except rows outside the
// plan or without a date (listed in every run).

const people = csv("id,manager,start,end", "p1,,,", "p2,,,");
const sales = table("sales", [
  col("id", "text", { key: true }),
  col("date", "date", { optional: true }),
  col("rep", "person", { optional: true }),
  col("amount", "money[*]", { currencyColumn: "cur" }),
  col("cur", "currency"),
]);
const direct: CreditIR = { id: "credit.direct", name: "direct", source: "sales", dated: "date", join: null, to: column_("sales", "rep", "person"), split: null, rollup: null };
const ir = plan({ tables: [reps(), sales], credits: [direct], values: [], components: [component("pay", sumOf("direct", "amount"))] });
const QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];

const day = fc.option(fc.record({ year: fc.constantFrom(2025, 2026, 2026, 2026, 2027), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }), { freq: 6 });
const row = fc.record({ date: day, rep: fc.constantFrom("p1", "p2", "", "ghost"), cur: fc.constantFrom("EUR", "USD"), cents: fc.integer({ min: -100_000, max: 1_000_000 }) });
const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
const quarterOf = (d: { year: number; month: number }) => `${d.year}-Q${Math.floor((d.month - 1) / 3) + 1}`;

describe("reconciliation", () => {
  it("property: per period and currency, rows, amount in and credited as the model gives them, for any periods asked and shuffled rows", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.subarray(QUARTERS, { minLength: 1 }), fc.integer(), (rows, periods, seed) => {
        const lines = rows.map((x, i) => `s${i},${x.date ? iso(x.date) : ""},${x.rep},${new Dec(x.cents).div(100).toFixed(2)},${x.cur}`);
        const header = "id,date,rep,amount,cur";
        const a = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...lines) }), { periods, trace: false });
        const b = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...shuffle(lines, seed)) }), { periods, trace: false });
        expect(JSON.stringify(b.reconciliation)).toBe(JSON.stringify(a.reconciliation));

        const expected = new Map<string, { rows: number; amountIn: Dec; credited: Dec; uncredited: string[] }>();
        rows.forEach((x, i) => {
          const reason = !x.date ? "no-date" : x.date.year !== 2026 ? "outside-plan" : x.rep === "" ? "no-person" : x.rep === "ghost" ? "unknown-person" : null;
          const period = x.date ? quarterOf(x.date) : "none";
          if (!periods.includes(period) && reason !== "outside-plan" && reason !== "no-date") return;
          const k = `${period} ${x.cur}`;
          let g = expected.get(k);
          if (!g) expected.set(k, (g = { rows: 0, amountIn: new Dec(0), credited: new Dec(0), uncredited: [] }));
          const amount = new Dec(x.cents).div(100);
          g.rows++;
          g.amountIn = g.amountIn.plus(amount);
          if (reason === null) g.credited = g.credited.plus(amount);
          else g.uncredited.push(`s${i}`);
        });
        const got = new Map(a.reconciliation.map((r) => [`${r.period} ${r.currency}`, r]));
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [k, g] of expected) {
          const r = got.get(k)!;
          expect(r.rows).toBe(g.rows);
          expect(new Dec(r.amountIn).eq(g.amountIn)).toBe(true);
          expect(new Dec(r.credited).eq(g.credited)).toBe(true);
          expect(new Dec(r.uncredited).eq(g.amountIn.minus(g.credited))).toBe(true);
          expect(r.uncreditedRows.map((u) => u.key).sort()).toEqual(g.uncredited.sort());
        }
      }),
      { numRuns: 80 },
    );
  });
});
