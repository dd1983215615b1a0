/**
 * Rows whose cells are each well typed but that cannot be right together, or against the plan
 * (B12–B17 of the conformance suite): each is a data error with file, row and column, the row is
 * quarantined (or, for a reporting-line cycle, reported and kept), and the run is incomplete.
 * Figures are computed by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import type { CreditIR, Expr } from "@carrot/ir";
import { DATA_DIAGNOSTICS, evaluate, loadDataset, type RunResult } from "../../src/index.js";
import { quarantineRows } from "../../src/data/validate.js";
import { loadTable } from "../../src/data/table.js";
import { col, column_, component, csv, direct, joinCredit, money, plan, reps, sales, sumOf, table } from "../helpers/ir.js";

const codes = (r: { diagnostics: { code: string }[] }, code: string) => r.diagnostics.filter((d) => d.code === code);
const lineOf = (r: RunResult, person: string, period: string, comp: string) =>
  r.lines.find((l) => l.person === person && l.period === period && l.component === comp)?.amount;

describe("the new codes are in the catalogue", () => {
  it("R0029..R0033 are documented errors", () => {
    for (const code of ["R0029", "R0030", "R0031", "R0032", "R0033"]) {
      expect(DATA_DIAGNOSTICS.find((d) => d.code === code)?.severity, code).toBe("error");
    }
  });
});

describe("quarantineRows", () => {
  it("removes the rows from every column kind and moves their lines to the quarantined ones", () => {
    const t = table("t", [col("id", "text", { key: true }), col("d", "date"), col("x", "number"), col("b", "bool")]);
    const { table: data } = loadTable(t, csv("id,d,x,b", "a,2026-01-01,1.5,true", "b,2026-01-02,2,false", "c,2026-01-03,3.25,true"), "t.csv");
    quarantineRows(data, new Set([1]));
    expect(data.rowCount).toBe(2);
    expect(Array.from(data.lines)).toEqual([2, 4]);
    expect(data.quarantined).toEqual([3]);
    const id = data.columns.get("id")!;
    const x = data.columns.get("x")!;
    const b = data.columns.get("b")!;
    const d = data.columns.get("d")!;
    expect(id.kind === "string" && id.values).toEqual(["a", "c"]);
    // 1.5 and 3.25 at scale 2: 150 and 325.
    expect(x.kind === "decimal" && Array.from(x.ints)).toEqual([150, 325]);
    expect(b.kind === "bool" && b.values).toEqual([true, true]);
    expect(d.kind === "date" && d.days.length).toBe(2);
  });
});

describe("B12: period cells of another grain than the plan's", () => {
  const quotas = table("quotas", [col("person", "person", { key: true }), col("period", "period", { key: true }), col("amount", "money[EUR]")]);
  const quotaSum: Expr = { op: "aggregate", type: "money[EUR]", fn: "sum", source: { kind: "table", table: "quotas" }, value: column_("quotas", "amount"), where: null };
  const irOf = (grain: "quarter" | "month") => plan({ grain, tables: [reps(), quotas], components: [component("q", quotaSum)] });

  it("a monthly row in a quarterly plan is a data error naming the file, row and column; the row is quarantined", () => {
    const ir = irOf("quarter");
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), quotas: csv("person,period,amount", "p1,2026-Q1,9000", "p1,2026-02,4000", "p1,2026-Q2,6000") });
    const r = evaluate(ir, data, { periods: ["2026-Q1", "2026-Q2"] });
    expect(codes(r, "R0029")).toEqual([expect.objectContaining({ file: "quotas.csv", row: 3, column: "period", severity: "error" })]);
    expect(codes(r, "R0029")[0].message).toContain("2026-02");
    expect(r.dataQuality.find((q) => q.table === "quotas")).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsQuarantined: 1 });
    // The quarterly rows still count: 9000 in Q1, 6000 in Q2.
    expect([lineOf(r, "p1", "2026-Q1", "q"), lineOf(r, "p1", "2026-Q2", "q")]).toEqual(["9000.00", "6000.00"]);
    expect(r.complete).toBe(false);
  });

  it("a yearly row in a quarterly plan is rejected too (it cannot be split into quarters)", () => {
    const ir = irOf("quarter");
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), quotas: csv("person,period,amount", "p1,2026-Y,36000") });
    expect(codes(data, "R0029").map((d) => d.row)).toEqual([2]);
  });

  it("rows of the plan's grain raise nothing (a monthly plan reading monthly rows)", () => {
    const ir = irOf("month");
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), quotas: csv("person,period,amount", "p1,2026-01,4000", "p1,2026-02,4000") });
    const r = evaluate(ir, data, { periods: ["2026-02"] });
    expect(r.diagnostics).toEqual([]);
    expect(lineOf(r, "p1", "2026-02", "q")).toBe("4000.00");
    expect(r.complete).toBe(true);
  });

  it("the settle table's payments by month are rejected, not silently ignored", () => {
    const payments = table("payments", [col("person", "person", { key: true }), col("period", "period", { key: true }), col("amount", "money[EUR]")]);
    const ir = plan({
      tables: [reps(), payments],
      components: [component("fixed", money("1000"))],
      payout: { cap: null, guarantee: null, settle: { table: "payments", carry: false } },
    });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), payments: csv("person,period,amount", "p1,2026-01,400", "p1,2026-Q1,900") });
    expect(codes(data, "R0029")).toEqual([expect.objectContaining({ file: "payments.csv", row: 2, column: "period" })]);
  });
});

describe("B13: employment that ends before it starts", () => {
  const ir = plan({ tables: [reps(), sales()], credits: [direct()], values: [], components: [component("pay", sumOf("direct", "amount"))] });

  it("is a data error on the `end` cell; the person is quarantined and their sales are reported, not lost", () => {
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "a,,2026-01-01,2026-01-01", "b,,2026-02-01,2026-01-15"),
      sales: csv("id,date,rep,amount", "s1,2026-01-10,a,100", "s2,2026-01-20,b,250"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(codes(r, "R0030")).toEqual([expect.objectContaining({ file: "reps.csv", row: 3, column: "end", severity: "error" })]);
    // A one-day employment (start = end) is fine.
    expect(lineOf(r, "a", "2026-Q1", "pay")).toBe("100.00");
    expect(r.lines.some((l) => l.person === "b")).toBe(false);
    // b's sale stays in the books: 350 in = 100 credited + 250 uncredited (unknown person).
    expect(r.reconciliation[0]).toMatchObject({ amountIn: "350", credited: "100", uncredited: "250" });
    expect(r.reconciliation[0].uncreditedRows).toEqual([expect.objectContaining({ key: "s2", reason: "unknown-person" })]);
    expect(codes(r, "R0025")).toEqual([expect.objectContaining({ file: "sales.csv", row: 3 })]);
    expect(r.complete).toBe(false);
  });
});

describe("B13 (ranges read by the plan): a row of a date range that ends before it starts", () => {
  it("is quarantined when prorate reads the range, with file, row and the end column", () => {
    const stints = table("stints", [col("person", "person"), col("from", "date"), col("to", "date", { optional: true })]);
    const ir = plan({ tables: [reps(), stints], components: [component("base", { op: "prorate", type: "money[EUR]", value: money("9000"), by: { table: "stints", from: "from", to: "to" } })] });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), stints: csv("person,from,to", "p1,2026-01-01,2026-01-30", "p1,2026-03-01,2026-02-01", "p1,2026-03-01,") });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(codes(r, "R0030")).toEqual([expect.objectContaining({ file: "stints.csv", row: 3, column: "to" })]);
    // Jan 1–30 (30 days) + Mar 1–31 (31 days) = 61 of 90: 9000 × 61 / 90 = 6100.
    expect(lineOf(r, "p1", "2026-Q1", "base")).toBe("6100.00");
    expect(r.complete).toBe(false);
  });

  it("is quarantined when a credit join reads the range (sales.date in coverage.start .. coverage.end)", () => {
    const coverage = table("coverage", [col("territory", "text"), col("person", "person"), col("start", "date"), col("end", "date", { optional: true })]);
    const territorySales = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("territory", "text"), col("amount", "money[EUR]")]);
    const on: Expr = {
      op: "and",
      type: "bool",
      args: [
        { op: "eq", type: "bool", args: [column_("coverage", "territory", "text"), column_("sales", "territory", "text")] },
        { op: "in_range", type: "bool", value: column_("sales", "date", "date"), from: column_("coverage", "start", "date"), to: column_("coverage", "end", "date") },
      ],
    };
    const rule: CreditIR = { id: "credit.tc", name: "tc", source: "sales", dated: "date", join: { table: "coverage", on }, to: column_("coverage", "person", "person"), split: null, rollup: null };
    const ir = plan({ tables: [reps(), territorySales, coverage], credits: [rule], components: [component("pay", sumOf("tc", "amount"))] });
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "p1,,,"),
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,100"),
      coverage: csv("territory,person,start,end", "T1,p1,2026-01-01,2026-03-31", "T2,p1,2026-02-01,2026-01-01"),
    });
    expect(codes(data, "R0030").map((d) => [d.file, d.row, d.column])).toEqual([["coverage.csv", 3, "end"]]);
    expect(lineOf(evaluate(ir, data, { periods: ["2026-Q1"] }), "p1", "2026-Q1", "pay")).toBe("100.00");
  });
});

describe("B14: split shares outside 0%..100%", () => {
  const team = table("deal_team", [col("deal", "text", { key: true }), col("person", "person", { key: true }), col("share", "percent")]);
  const rule = joinCredit("team", "sales", "deal_team", ["deal", "id"], "person", "share", "percent");
  const ir = plan({ tables: [reps(), sales(), team], credits: [rule], components: [component("pay", sumOf("team", "amount"))] });

  it("150% and -50% are reported on their rows even though they add up to 100%; the deal is not paid", () => {
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "a,,,", "b,,,"),
      sales: csv("id,date,rep,amount", "s1,2026-01-10,,1000", "s2,2026-01-11,,1000"),
      deal_team: csv("deal,person,share", "s1,a,150%", "s1,b,-50%", "s2,a,0%", "s2,b,100%"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(codes(r, "R0031").map((d) => [d.file, d.row, d.column])).toEqual([
      ["deal_team.csv", 2, "share"],
      ["deal_team.csv", 3, "share"],
    ]);
    expect(codes(r, "R0031")[0].message).toContain("150%");
    // s1 is left uncredited (no team row remains); s2: 0% and 100% are valid bounds, b gets 1000.
    expect(r.reconciliation[0].uncreditedRows).toEqual([expect.objectContaining({ key: "s1", amount: "1000" })]);
    expect(lineOf(r, "b", "2026-Q1", "pay")).toBe("1000.00");
    expect(r.complete).toBe(false);
  });
});

describe("B15: exchange rates that are not positive", () => {
  const fxRates = table("fx_rates", [col("currency", "currency", { key: true }), col("date", "date", { key: true }), col("rate", "number")]);
  const usdSales = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("currency", "currency"), col("amount", "money[*]", { currencyColumn: "currency" })]);
  const converted: Expr = {
    op: "aggregate",
    type: "money[EUR]",
    fn: "sum",
    source: { kind: "credit", rule: "direct" },
    value: { op: "convert", type: "money[EUR]", currency: "EUR", value: column_("direct", "amount", "money[*]") },
    where: null,
  };
  const ir = plan({ tables: [reps(), usdSales, fxRates], fx: { table: "fx_rates" }, credits: [direct()], components: [component("pay", converted)] });

  it("a rate of 0 or -1.2 is quarantined with its row; a conversion needing it finds no rate (R0041)", () => {
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "a,,,"),
      sales: csv("id,date,rep,currency,amount", "s1,2026-01-10,a,USD,1000", "s2,2026-01-10,a,CHF,100"),
      fx_rates: csv("currency,date,rate", "USD,2026-01-01,0", "GBP,2026-01-01,-1.2", "CHF,2026-01-01,1.05"),
    });
    expect(codes(data, "R0032").map((d) => [d.file, d.row, d.column])).toEqual([
      ["fx_rates.csv", 2, "rate"],
      ["fx_rates.csv", 3, "rate"],
    ]);
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    // Only the CHF sale converts: 100 × 1.05 = 105.
    expect(lineOf(r, "a", "2026-Q1", "pay")).toBe("105.00");
    expect(codes(r, "R0041").length).toBeGreaterThan(0);
    expect(r.complete).toBe(false);
  });
});

describe("B16: reporting-line cycles", () => {
  const override: Expr = { op: "team", type: "money[EUR]", scope: "team", fn: "sum", target: { kind: "component", name: "pay", args: [] } };
  const ir = plan({
    tables: [reps(), sales()],
    credits: [direct()],
    components: [component("pay", sumOf("direct", "amount")), component("override", override, { order: 1 })],
  });
  const people = ["a,b,,", "b,a,,", "c,c,,", "d,a,,", "e,,,"];
  const run = (rows: string[]) =>
    evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", ...rows), sales: csv("id,date,rep,amount", "s1,2026-01-10,d,100") }), { periods: ["2026-Q1"] });

  it("each person on a cycle is reported on their row; someone merely reporting into it is not; evaluation ends", () => {
    const r = run(people);
    const found = codes(r, "R0033");
    expect(found.map((d) => [d.file, d.row, d.column])).toEqual([
      ["reps.csv", 2, "manager"],
      ["reps.csv", 3, "manager"],
      ["reps.csv", 4, "manager"],
    ]);
    expect(found[0].message).toContain("'a' → 'b' → 'a'");
    expect(found[2].message).toContain("'c' is their own manager");
    expect(lineOf(r, "d", "2026-Q1", "pay")).toBe("100.00");
    expect(r.complete).toBe(false);
  });

  it("the cycle's text does not depend on the file's row order", () => {
    const texts = (r: RunResult) => codes(r, "R0033").map((d) => d.message).sort();
    expect(texts(run([...people].reverse()))).toEqual(texts(run(people)));
  });

  it("a reporting line without a cycle raises nothing", () => {
    expect(codes(run(["a,,,", "b,a,,", "c,b,,"]), "R0033")).toEqual([]);
  });
});

describe("B17: proration within the plan's effective dates", () => {
  const prorate = (by: { table: string; from: string; to: string } | null): Expr => ({ op: "prorate", type: "money[EUR]", value: money("9000"), by });
  const assignments = table("assignments", [col("person", "person"), col("from", "date"), col("to", "date", { optional: true })]);
  const ir = plan({
    effective: { from: "2026-02-15", to: "2026-11-30" },
    tables: [reps(), assignments],
    components: [component("target", prorate(null)), component("covered", prorate({ table: "assignments", from: "from", to: "to" }))],
  });
  const data = () =>
    loadDataset(ir, { reps: csv("id,manager,start,end", "a,,2020-01-01,", "h,,2026-03-01,"), assignments: csv("person,from,to", "a,2026-01-01,") });

  it("counts only the days inside both the employment and the plan", () => {
    const r = evaluate(ir, data());
    // Q1 (90 days): plan from 02-15 → 14 + 31 = 45 days → 4500; h from 03-01 → 31 days → 3100.
    // Q4 (92 days): plan to 11-30 → 61 days → 9000 × 61 / 92 = 5967.391… → 5967.39.
    expect([lineOf(r, "a", "2026-Q1", "target"), lineOf(r, "h", "2026-Q1", "target"), lineOf(r, "a", "2026-Q2", "target"), lineOf(r, "a", "2026-Q4", "target")]).toEqual([
      "4500.00",
      "3100.00",
      "9000.00",
      "5967.39",
    ]);
    expect(r.lines.find((l) => l.person === "a" && l.period === "2026-Q1" && l.component === "target")?.trace.steps.find((s) => s.kind === "prorate")).toMatchObject({ days: 45, periodDays: 90 });
  });

  it("prorating by a table's dates is clipped to the plan too", () => {
    const r = evaluate(ir, data());
    expect([lineOf(r, "a", "2026-Q1", "covered"), lineOf(r, "a", "2026-Q4", "covered")]).toEqual(["4500.00", "5967.39"]);
  });
});
