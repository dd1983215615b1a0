import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset, toJson } from "../../src/index.js";
import type { TraceStep } from "../../src/result/types.js";
import { arith, categoryDims, col, column_, component, csv, direct, measure, money, plan, ratio, reps, sales, sumOf, value } from "../helpers/ir.js";

// An aggregate's trace lists the keys of the rows it matched, sorted: per member for a sum split by
// member (one scan lists every member's keys, a parent member joins its members' lists), the same
// whenever and however often it is read, and the same bytes for shuffled input rows.

const PRODUCTS: Record<string, string> = { "CARD-A": "Cardio", "CARD-B": "Cardio", "ONCO-X": "Onco" };
const c = { op: "param", type: "member[Category]", name: "c" } as const;
const inCategory: Expr = { op: "in_member", type: "bool", value: column_("direct", "product", "member[Product]"), member: c };
const big: Expr = { op: "gt", type: "bool", args: [column_("direct", "amount"), money("100")] };
const count = (where: Expr | null): Expr => ({ op: "aggregate", type: "count", fn: "count", source: { kind: "credit", rule: "direct" }, value: null, where });

const ir = plan({
  dimensions: categoryDims,
  tables: [reps(), sales(col("product", "member[Product]"))],
  credits: [direct()],
  values: [
    measure("revenue", sumOf("direct", "amount", inCategory), [{ name: "c", dimension: "Category" }]),
    measure("total", sumOf("direct", "amount")),
    measure("big", sumOf("direct", "amount", big)),
    measure("n_big", count(big)),
  ],
  components: [
    component("commission", arith("mul", value("revenue", "money[EUR]", c), ratio("0.05")), { forEach: { name: "c", dimension: "Category" } }),
    component("bonus", arith("add", arith("mul", value("total"), ratio("0.01")), arith("mul", value("big"), ratio("0.02")))),
    component("count", arith("mul", value("n_big", "count"), money("1"))),
  ],
});

interface Sale {
  id: string;
  month: number;
  rep: string;
  product: string;
  cents: number;
}

const sale = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
  month: fc.integer({ min: 1, max: 6 }),
  rep: fc.constantFrom("p1", "p2"),
  product: fc.constantFrom("CARD-A", "CARD-B", "ONCO-X"),
  cents: fc.integer({ min: 0, max: 50_000 }),
});

function dataOf(rows: Sale[]) {
  const lines = rows.map((s) => `${s.id},2026-0${s.month}-15,${s.rep},${(s.cents / 100).toFixed(2)},${s.product}`);
  return loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,", "p2,p1,,"), sales: csv("id,date,rep,amount,product", ...lines) });
}

function aggregates(steps: TraceStep[]): (TraceStep & { kind: "aggregate" })[] {
  const out: (TraceStep & { kind: "aggregate" })[] = [];
  for (const s of steps) {
    if (s.kind === "aggregate") out.push(s);
    if (s.kind === "value") out.push(...aggregates(s.steps));
  }
  return out;
}

function quarterOf(month: number): string {
  return `2026-Q${Math.ceil(month / 3)}`;
}

describe("aggregate row keys in traces", () => {
  it("property: each aggregate's keys are the matched rows' keys, sorted; stable; same JSON for shuffled rows", () => {
    fc.assert(
      fc.property(fc.uniqueArray(sale, { selector: (s) => s.id, minLength: 0, maxLength: 30 }), fc.integer(), (rows, seed) => {
        const result = evaluate(ir, dataOf(rows));
        for (const line of result.lines) {
          const mine = rows.filter((s) => s.rep === line.person && quarterOf(s.month) === line.period);
          const expected = (match: (s: Sale) => boolean): string[] => mine.filter(match).map((s) => s.id).sort();
          const steps = aggregates(line.trace.steps);
          expect(steps.length).toBe(line.component === "bonus" ? 2 : 1);
          for (const [i, step] of steps.entries()) {
            const keys =
              line.component === "commission"
                ? expected((s) => PRODUCTS[s.product] === line.member)
                : line.component === "bonus" && i === 0
                  ? expected(() => true)
                  : expected((s) => s.cents > 10_000);
            expect(step.keys).toEqual(keys);
            expect(step.rows).toBe(keys.length);
            expect(step.keys).toBe(step.keys);
          }
        }
        const shuffled = [...rows].sort((a, b) => ((a.cents * 7919 + seed) % 101) - ((b.cents * 7919 + seed) % 101));
        expect(toJson(evaluate(ir, dataOf(shuffled)))).toBe(toJson(result));
      }),
      { numRuns: 60 },
    );
  });

  it("a trace reads the same before and after the run's other traces are read", () => {
    const rows: Sale[] = [
      { id: "s2", month: 1, rep: "p1", product: "CARD-A", cents: 20_000 },
      { id: "s1", month: 2, rep: "p1", product: "ONCO-X", cents: 5_000 },
      { id: "s3", month: 2, rep: "p1", product: "CARD-B", cents: 30_000 },
    ];
    const first = evaluate(ir, dataOf(rows));
    const again = evaluate(ir, dataOf(rows));
    const last = first.lines[first.lines.length - 1];
    // Read one trace first in one result, all of them in order in the other: the same bytes.
    const early = JSON.stringify(last.trace);
    expect(toJson(again)).toBe(toJson(first));
    expect(JSON.stringify(again.lines[again.lines.length - 1].trace)).toBe(early);
    const bonus = first.lines.find((l) => l.component === "bonus" && l.period === "2026-Q1")!;
    expect(aggregates(bonus.trace.steps).map((s) => s.keys)).toEqual([["s1", "s2", "s3"], ["s2", "s3"]]);
  });
});
