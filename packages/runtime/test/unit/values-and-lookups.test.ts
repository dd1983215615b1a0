import { describe, expect, it } from "vitest";
import type { Expr } from "@carrot/ir";
import { evaluate, explain, loadDataset } from "../../src/index.js";
import { c, col, column_, component, csv, direct, measure, money, plan, reps, sales, sumOf, table, value } from "../helpers/ir.js";

const people = (rows: string[]) => csv("id,manager,start,end,level", ...rows);
const levelDims = [
  { id: "dim.Level", name: "Level", parent: null, members: [{ name: "Junior", parent: null }, { name: "Senior", parent: null }] },
  { id: "dim.Category", name: "Category", parent: null, members: [{ name: "Cardio", parent: null }, { name: "Onco", parent: null }] },
  { id: "dim.Product", name: "Product", parent: "Category", members: [{ name: "CARD-A", parent: "Cardio" }, { name: "CARD-B", parent: "Cardio" }, { name: "ONCO-X", parent: "Onco" }] },
];
const repsWithLevel = () => reps(col("level", "member[Level]"));

describe("proration", () => {
  it("a person starting 2026-02-15 in Q1 2026 (90 days) is active 45 days: prorate(6000) = 3000", () => {
    const ir = plan({ tables: [repsWithLevel()], dimensions: levelDims, components: [component("base", { op: "prorate", type: "money[EUR]", value: money("6000"), by: null })] });
    const r = evaluate(ir, loadDataset(ir, { reps: people(["p1,,2026-02-15,,Junior"]) }), { periods: ["2026-Q1"] });
    expect(r.lines[0].amount).toBe("3000.00");
    expect(r.lines[0].trace.steps.find((s) => s.kind === "prorate")).toMatchObject({ days: 45, periodDays: 90 });
  });

  it("prorate by a table's date ranges counts the union of covered days, both ends inclusive", () => {
    const leave = table("assignments", [col("person", "person"), col("from", "date"), col("to", "date", { optional: true })]);
    const ir = plan({
      tables: [repsWithLevel(), leave],
      dimensions: levelDims,
      components: [component("base", { op: "prorate", type: "money[EUR]", value: money("9000"), by: { table: "assignments", from: "from", to: "to" } })],
    });
    const data = loadDataset(ir, {
      reps: people(["p1,,,,Junior"]),
      // Jan 1–31 and Jan 20–Feb 9 overlap: Jan 1–Feb 9 = 40 days; Mar 22 on (open): 10 days → 50 of 90.
      assignments: csv("person,from,to", "p1,2026-01-01,2026-01-31", "p1,2026-01-20,2026-02-09", "p1,2026-03-22,"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.lines[0].amount).toBe("5000.00");
  });
});

describe("lookups", () => {
  const rate: Expr = { op: "lookup", type: "ratio", table: "product_rate", keys: [{ op: "param", type: "member[Product]", name: "p" }] };
  const ir = plan({
    tables: [repsWithLevel()],
    dimensions: levelDims,
    lookups: [
      {
        id: "table.product_rate",
        name: "product_rate",
        keys: ["Product"],
        valueType: "ratio",
        rows: [
          { keys: ["CARD-A"], value: "0.05" },
          { keys: ["Cardio"], value: "0.03" },
        ],
      },
      { id: "table.with_default", name: "with_default", keys: ["Product"], valueType: "ratio", rows: [{ keys: ["CARD-A"], value: "0.05" }, { keys: null, value: "0.01" }] },
    ],
    components: [
      component("rate", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [money("100"), rate] }, { forEach: { name: "p", dimension: "Product" } }),
      component("fallback", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [money("100"), { ...rate, table: "with_default" }] }, { forEach: { name: "p", dimension: "Product" } }),
    ],
  });
  it("the member itself wins, then its parent, then default; no row and no default gives no line", () => {
    const r = evaluate(ir, loadDataset(ir, { reps: people(["p1,,,,Junior"]) }), { periods: ["2026-Q1"] });
    expect(r.lines.map((l) => [l.component, l.member, l.amount])).toEqual([
      ["fallback", "CARD-A", "5.00"],
      ["fallback", "CARD-B", "1.00"],
      ["fallback", "ONCO-X", "1.00"],
      ["rate", "CARD-A", "5.00"],
      ["rate", "CARD-B", "3.00"],
    ]);
    expect(r.omitted.map((o) => [o.component, o.member])).toEqual([["rate", "ONCO-X"]]);
  });

  it("a key with no value (a blank cell) matches no row: the default answers it, else the row is skipped", () => {
    // sum(table[direct.product] × direct.amount) over sales whose product is optional.
    const keyed = (table: string, keys: Expr[]): Expr => ({ op: "lookup", type: "ratio", table, keys });
    const product: Expr = column_("direct", "product", "member[Product]");
    const level: Expr = { op: "person", type: "member[Level]", column: "level" };
    const weighted = (name: string, keys: Expr[]): ReturnType<typeof component> =>
      component(name, {
        op: "aggregate",
        type: "money[EUR]",
        fn: "sum",
        source: { kind: "credit", rule: "direct" },
        value: { op: "mul", type: "money[EUR]", sig: "ratio*money", args: [keyed(name, keys), column_("direct", "amount")] },
        where: null,
      });
    const lookup = (name: string, keys: string[], rows: { keys: string[] | null; value: string }[]) => ({ id: `table.${name}`, name, keys, valueType: "ratio", rows });
    const blankIr = plan({
      tables: [repsWithLevel(), sales(col("product", "member[Product]", { optional: true }))],
      dimensions: levelDims,
      credits: [direct()],
      lookups: [
        lookup("single", ["Product"], [{ keys: ["CARD-A"], value: "0.5" }, { keys: null, value: "1" }]),
        lookup("pair", ["Level", "Product"], [{ keys: ["Junior", "CARD-A"], value: "0.5" }, { keys: null, value: "0.25" }]),
        lookup("strict", ["Product"], [{ keys: ["CARD-A"], value: "0.5" }]),
      ],
      components: [weighted("single", [product]), weighted("pair", [level, product]), weighted("strict", [product])],
    });
    const data = loadDataset(blankIr, {
      reps: people(["p1,,,,Junior"]),
      sales: csv("id,date,rep,amount,product", "s1,2026-01-10,p1,100,", "s2,2026-01-11,p1,10,CARD-A"),
    });
    const r = evaluate(blankIr, data, { periods: ["2026-Q1"] });
    // single: 100 × 1 (default) + 10 × 0.5 = 105; pair: 100 × 0.25 (default) + 10 × 0.5 = 30;
    // strict (no default): the blank row has no value and is skipped, 10 × 0.5 = 5.
    expect(r.lines.map((l) => [l.component, l.amount])).toEqual([
      ["pair", "30.00"],
      ["single", "105.00"],
      ["strict", "5.00"],
    ]);
    // The trace lists the row without value: only where it was skipped.
    const sums = r.lines.map((l) => l.trace.steps.find((s) => s.kind === "aggregate"));
    expect(sums.map((s) => s && s.kind === "aggregate" && [s.rows, s.keys, s.skipped])).toEqual([
      [2, ["s1", "s2"], undefined],
      [2, ["s1", "s2"], undefined],
      [2, ["s1", "s2"], ["s1"]],
    ]);
    expect(explain(r, { person: "p1", period: "2026-Q1", component: "strict" })).toContain("1 of them without value, skipped: s1");
  });

  it("a sum's trace lists the rows whose amount is empty, on the by-member path and the general one alike", () => {
    const inCardio: Expr = { op: "in_member", type: "bool", value: column_("direct", "product", "member[Product]"), member: { op: "const", type: "member[Category]", value: "Cardio" } };
    const notOnco: Expr = { op: "ne", type: "bool", args: [column_("direct", "product", "member[Product]"), { op: "const", type: "member[Product]", value: "ONCO-X" }] };
    const optionalAmount = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("amount", "money[EUR]", { optional: true }), col("product", "member[Product]")]);
    const sumIr = plan({
      tables: [repsWithLevel(), optionalAmount],
      dimensions: levelDims,
      credits: [direct()],
      components: [component("by_member", sumOf("direct", "amount", inCardio)), component("general", sumOf("direct", "amount", notOnco))],
    });
    const data = loadDataset(sumIr, {
      reps: people(["p1,,,,Junior"]),
      sales: csv("id,date,rep,amount,product", "s1,2026-01-10,p1,,CARD-A", "s2,2026-01-11,p1,10,CARD-B", "s3,2026-01-12,p1,7,ONCO-X"),
    });
    const r = evaluate(sumIr, data, { periods: ["2026-Q1"] });
    const sums = r.lines.map((l) => [l.component, l.amount, l.trace.steps.find((s) => s.kind === "aggregate")]);
    expect(sums).toEqual([
      ["by_member", "10.00", { kind: "aggregate", fn: "sum", source: "direct", value: "10", rows: 2, keys: ["s1", "s2"], skipped: ["s1"] }],
      ["general", "10.00", { kind: "aggregate", fn: "sum", source: "direct", value: "10", rows: 2, keys: ["s1", "s2"], skipped: ["s1"] }],
    ]);
  });
});

describe("accumulations, otherwise, person attributes and the reporting line", () => {
  const ir = plan({
    grain: "month",
    tables: [repsWithLevel(), sales()],
    dimensions: levelDims,
    credits: [direct()],
    values: [
      { id: "m.revenue", name: "revenue", kind: "measure", params: [], type: "money[EUR]", body: sumOf("direct", "amount") },
      { id: "m.avg", name: "avg_deal", kind: "measure", params: [], type: "money[EUR]", body: { op: "aggregate", type: "money[EUR]", fn: "avg", source: { kind: "credit", rule: "direct" }, value: column_("direct", "amount"), where: null } },
    ],
    components: [
      component("ytd", { op: "accumulate", type: "money[EUR]", fn: "ytd", value: value("revenue") }),
      component("prior", { op: "otherwise", type: "money[EUR]", args: [{ op: "accumulate", type: "money[EUR]", fn: "prior", value: value("revenue") }, money("-1")] }, { allowNegative: true }),
      component("avg", { op: "otherwise", type: "money[EUR]", args: [value("avg_deal"), money("0")] }),
      component("senior_only", money("10"), { eligible: { op: "eq", type: "bool", args: [{ op: "person", type: "member[Level]", column: "level" }, c("Senior", "member[Level]")] } }),
      component("team", { op: "team", type: "money[EUR]", scope: "team", fn: "sum", target: { kind: "component", name: "ytd", args: [] } }, { order: 1 }),
      component("reports", { op: "team", type: "count", scope: "reports", fn: "count", target: null }, { order: 1 }),
    ],
  });
  const data = loadDataset(ir, {
    reps: people(["boss,,,,Senior", "mid,boss,,,Junior", "leaf,mid,,,Junior"]),
    sales: csv("id,date,rep,amount", "s1,2026-01-05,leaf,100", "s2,2026-02-05,leaf,50", "s3,2026-02-06,leaf,70", "s4,2026-02-07,mid,1"),
  });
  const r = evaluate(ir, data, { periods: ["2026-01", "2026-02"] });
  const get = (person: string, period: string, comp: string) => r.lines.find((l) => l.person === person && l.period === period && l.component === comp)?.amount;

  it("ytd sums the plan year's periods; prior has no value before the first period", () => {
    expect([get("leaf", "2026-01", "ytd"), get("leaf", "2026-02", "ytd")]).toEqual(["100.00", "220.00"]);
    expect([get("leaf", "2026-01", "prior"), get("leaf", "2026-02", "prior")]).toEqual(["-1.00", "100.00"]);
  });

  it("avg of no rows has no value (otherwise gives the fallback)", () => {
    expect([get("boss", "2026-01", "avg"), get("leaf", "2026-02", "avg")]).toEqual(["0.00", "60.00"]);
  });

  it("eligible false gives no line; team sums everyone below, reports counts direct reports", () => {
    expect(get("boss", "2026-01", "senior_only")).toBe("10.00");
    expect(get("leaf", "2026-01", "senior_only")).toBeUndefined();
    // boss's team = mid (ytd Feb: 1) + leaf (220) = 221; mid's team = leaf.
    expect([get("boss", "2026-02", "team"), get("mid", "2026-02", "team"), get("boss", "2026-02", "reports")]).toEqual(["221.00", "220.00", "1.00"]);
  });
});

describe("team reads in a period (bug B21)", () => {
  it("cover the people below evaluated in the period: a leaver and a future hire are not read", () => {
    // D manages A (always), C (leaves 2026-03-31) and N (hired 2026-07-01); each has q = 100.
    const team = (fn: "sum" | "count", target: { kind: "value"; name: string; args: Expr[] } | null): Expr => ({
      op: "team",
      type: fn === "count" ? "count" : "money[EUR]",
      scope: "reports",
      fn,
      target,
    });
    const ir = plan({
      tables: [reps()],
      values: [measure("q", money("100")), measure("team_q", team("sum", { kind: "value", name: "q", args: [] })), measure("size", team("count", null), [], "measure")],
      components: [component("pay", value("team_q"), { eligible: { op: "eq", type: "bool", args: [{ op: "person", type: "person", column: "id" }, c("D", "person")] } })],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "D,,,", "A,D,,", "C,D,,2026-03-31", "N,D,2026-07-01,") }), { periods: ["2026-Q1", "2026-Q2", "2026-Q3"] });
    const of = (name: string) => r.measures.filter((m) => m.person === "D" && m.name === name).map((m) => [m.period, m.value]);
    // Q1: A and C; Q2: A alone (C left, N not hired yet); Q3: A and N.
    expect(of("team_q")).toEqual([["2026-Q1", "200"], ["2026-Q2", "100"], ["2026-Q3", "200"]]);
    expect(of("size")).toEqual([["2026-Q1", "2"], ["2026-Q2", "1"], ["2026-Q3", "2"]]);
    expect(r.lines.map((l) => [l.period, l.amount])).toEqual([["2026-Q1", "200.00"], ["2026-Q2", "100.00"], ["2026-Q3", "200.00"]]);
  });
});

describe("currency conversion", () => {
  it("converts at the rate effective on the transaction date inside aggregates", () => {
    const fxTable = table("fx_rates", [col("currency", "currency"), col("date", "date"), col("rate", "number")]);
    const multi = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("amount", "money[*]", { currencyColumn: "cur" }), col("cur", "currency")]);
    const converted: Expr = { op: "convert", type: "money[EUR]", currency: "EUR", value: column_("direct", "amount", "money[*]") };
    const ir = plan({
      tables: [reps(), multi, fxTable],
      fx: { table: "fx_rates" },
      credits: [direct()],
      components: [component("pay", { op: "aggregate", type: "money[EUR]", fn: "sum", source: { kind: "credit", rule: "direct" }, value: converted, where: null })],
    });
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "p1,,,"),
      // USD 0.9 from Jan 1, 0.8 from Feb 1. s1: 100 USD × 0.9 = 90; s2: 100 USD × 0.8 = 80; s3: 10 EUR; s4: no GBP rate → no value.
      fx_rates: csv("currency,date,rate", "USD,2026-02-01,0.8", "USD,2026-01-01,0.9"),
      sales: csv("id,date,rep,amount,cur", "s1,2026-01-31,p1,100,USD", "s2,2026-02-01,p1,100,USD", "s3,2026-03-01,p1,10,EUR"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.lines[0].amount).toBe("180.00");
    const bad = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), fx_rates: csv("currency,date,rate"), sales: csv("id,date,rep,amount,cur", "s1,2026-01-31,p1,100,GBP") }), { periods: ["2026-Q1"] });
    // No rate: the row adds nothing to the sum, and the run says it is incomplete (an error).
    expect(bad.lines[0].amount).toBe("0.00");
    expect(bad.diagnostics.find((d) => d.code === "R0041")).toMatchObject({ severity: "error" });
    expect(bad.diagnostics.find((d) => d.code === "R0041")?.message).toContain("no exchange rate from GBP to EUR on 2026-01-31");
    expect(bad.complete).toBe(false);
    // The reconciliation never adds amounts of different currencies.
    expect(r.reconciliation.map((x) => [x.period, x.currency, x.amountIn])).toEqual([
      ["2026-Q1", "EUR", "10"],
      ["2026-Q1", "USD", "200"],
    ]);
    // A missing rate names the row converted (file, line, column); of two in one person-period,
    // the row with the smaller key, in any order of the rows.
    const rows = ["s9,2026-01-20,p1,5,GBP", "s2,2026-01-31,p1,100,GBP", "s5,2026-02-03,p1,100,USD"];
    for (const order of [rows, [...rows].reverse()]) {
      const two = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), fx_rates: csv("currency,date,rate", "USD,2026-01-01,0.9"), sales: csv("id,date,rep,amount,cur", ...order) }), {
        periods: ["2026-Q1"],
      });
      const d = two.diagnostics.find((x) => x.code === "R0041");
      expect(d).toMatchObject({ file: "sales.csv", row: order.indexOf(rows[1]) + 2, column: "amount" });
      expect(d?.message).toBe("no exchange rate from GBP to EUR on 2026-01-31 (2 times; first shown)");
    }
  });
});
