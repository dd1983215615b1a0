import { describe, expect, it } from "vitest";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset, toJson, toCsv, toTable, explain } from "../../src/index.js";
import { arith, categoryDims, col, column_, component, csv, direct, measure, money, plan, ratio, reps, sales, sumOf, table, value } from "../helpers/ir.js";

function basicPlan() {
  const inCategory: Expr = { op: "in_member", type: "bool", value: column_("direct", "product", "member[Product]"), member: { op: "param", type: "member[Category]", name: "c" } };
  return plan({
    dimensions: categoryDims,
    tables: [reps(), sales(col("product", "member[Product]"))],
    credits: [direct()],
    values: [measure("revenue", sumOf("direct", "amount", inCategory), [{ name: "c", dimension: "Category" }])],
    components: [
      component("commission", arith("mul", value("revenue", "money[EUR]", { op: "param", type: "member[Category]", name: "c" }), ratio("0.05")), {
        forEach: { name: "c", dimension: "Category" },
      }),
    ],
  });
}

const people = csv("id,manager,start,end", "p1,,,", "p2,p1,,");
const salesRows = [
  "s1,2026-01-10,p1,1000.00,CARD-A",
  "s2,2026-02-10,p1,500.50,CARD-B",
  "s3,2026-01-20,p1,200,ONCO-X",
  "s4,2026-04-02,p2,999.99,CARD-A",
  "s5,2026-02-01,,300,CARD-A",
  "s6,2026-02-01,p9,300,CARD-A",
  "s7,2025-12-31,p1,50,CARD-A",
];

describe("crediting, aggregates, components and result lines", () => {
  const ir = basicPlan();
  const data = loadDataset(ir, { "reps.csv": people, "sales.csv": csv("id,date,rep,amount,product", ...salesRows) });
  const result = evaluate(ir, data, { periods: ["2026-Q1", "2026-Q2"] });

  it("pays each category its 5% of the credited revenue, per person and period", () => {
    const lines = result.lines.map((l) => [l.person, l.period, l.component, l.member, l.amount, l.status]);
    // p1 Q1 Cardio: (1000.00 + 500.50) × 5% = 75.025 → 75.02 (half even); Onco: 200 × 5% = 10.00.
    // p2 Q2 Cardio: 999.99 × 5% = 49.9995 → 50.00. p1 is active all year, so Q2 lines of zero; p2 in Q1 too.
    expect(lines).toEqual([
      ["p1", "2026-Q1", "commission", "Cardio", "75.02", "paid"],
      ["p1", "2026-Q1", "commission", "Onco", "10.00", "paid"],
      ["p1", "2026-Q2", "commission", "Cardio", "0.00", "paid"],
      ["p1", "2026-Q2", "commission", "Onco", "0.00", "paid"],
      ["p2", "2026-Q1", "commission", "Cardio", "0.00", "paid"],
      ["p2", "2026-Q1", "commission", "Onco", "0.00", "paid"],
      ["p2", "2026-Q2", "commission", "Cardio", "50.00", "paid"],
      ["p2", "2026-Q2", "commission", "Onco", "0.00", "paid"],
    ]);
    expect(result.totals.find((t) => t.person === "p1" && t.period === "2026-Q1")?.payable).toBe("85.02");
  });

  it("accounts for every source row: in = credited + uncredited, with reasons (the unknown person is reported and kept)", () => {
    const q1 = result.reconciliation.find((r) => r.table === "sales" && r.period === "2026-Q1")!;
    // Q1 rows: s1 1000.00, s2 500.50, s3 200, s5 300 (no rep), s6 300 (p9 unknown) → in 2300.50, credited 1700.50.
    expect([q1.rows, q1.amountIn, q1.credited, q1.uncredited]).toEqual([5, "2300.5", "1700.5", "600"]);
    expect(q1.uncreditedRows.map((u) => [u.key, u.reason])).toEqual([["s5", "no-person"], ["s6", "unknown-person"]]);
    const outside = result.reconciliation.find((r) => r.period === "2025-Q4")!;
    // A keyed table's rows are identified by key (no line number: results must not depend on row order).
    expect(outside.uncreditedRows.map((u) => [u.key, u.reason, u.row])).toEqual([["s7", "outside-plan", null]]);
    expect(result.diagnostics.find((d) => d.code === "R0025")).toMatchObject({ file: "sales.csv", row: 7, column: "rep" });
    expect(result.complete).toBe(false);
    expect(result.dataQuality.find((q) => q.table === "sales")).toMatchObject({ rowsRead: 7, rowsAccepted: 7, rowsQuarantined: 0 });
  });

  it("traces aggregates by row keys, and explains the derivation", () => {
    const line = result.lines[0];
    const revenue = line.trace.steps.find((s) => s.kind === "value");
    expect(revenue).toMatchObject({ name: "revenue", args: ["Cardio"], value: "1500.5" });
    const agg = revenue && revenue.kind === "value" ? revenue.steps[0] : null;
    expect(agg).toMatchObject({ kind: "aggregate", rows: 2, keys: ["s1", "s2"] });
    const text = explain(result, { person: "p1", period: "2026-Q1" });
    expect(text).toContain("commission(Cardio) = 75.02 EUR [paid]");
    expect(text).toContain("sum over direct: 1500.5 from 2 row(s): s1, s2");
    expect(text).toContain("payable 85.02 EUR");
  });

  it("serialises to canonical JSON, CSV and an aligned table", () => {
    expect(toJson(result)).toBe(toJson(JSON.parse(toJson(result))));
    expect(toCsv(result).split("\r\n")[1]).toBe("p1,2026-Q1,line,commission,Cardio,75.02,paid,");
    expect(toTable(result)).toMatch(/p1\s+2026-Q1\s+commission\s+Cardio\s+75\.02\s+paid/);
  });

  it("reports measure values per person and period", () => {
    expect(result.measures.filter((m) => m.person === "p1" && m.period === "2026-Q1").map((m) => [m.name, m.args, m.value])).toEqual([
      ["revenue", ["Cardio"], "1500.5"],
      ["revenue", ["Onco"], "200"],
    ]);
  });

  it("refuses an invalid IR with a diagnostic instead of throwing", () => {
    const bad = { ...ir, version: 2 } as unknown as typeof ir;
    const r = evaluate(bad, data);
    expect(r.diagnostics.at(-1)?.code).toBe("R0001");
    expect(r.lines).toEqual([]);
  });

  it("reports an unknown run period", () => {
    const r = evaluate(ir, data, { periods: ["2026-05"] });
    expect(r.diagnostics.some((d) => d.code === "R0043")).toBe(true);
  });
});

describe("evaluate on an IR built with money helpers", () => {
  it("evaluates a constant component for every active person", () => {
    const ir = plan({ tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("amount", "money[EUR]")])], components: [component("fixed", money("100"))] });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "a,,2026-05-01,"), sales: csv("id,date,amount") }));
    // Active from 2026-05-01: Q2, Q3, Q4 only.
    expect(r.lines.map((l) => l.period)).toEqual(["2026-Q2", "2026-Q3", "2026-Q4"]);
  });
});

describe("tracing does not change figures", () => {
  it("a run without traces gives the same lines, totals and measures (the untraced fast paths agree)", () => {
    const ir = basicPlan();
    const data = loadDataset(ir, { "reps.csv": people, "sales.csv": csv("id,date,rep,amount,product", ...salesRows) });
    const traced = evaluate(ir, data);
    const untraced = evaluate(ir, data, { trace: false });
    const figures = (r: typeof traced) => ({ lines: r.lines.map(({ trace: _t, ...l }) => l), totals: r.totals, measures: r.measures });
    expect(figures(untraced)).toEqual(figures(traced));
    expect(untraced.lines.every((l) => l.trace.steps.length === 0)).toBe(true);
  });
});
