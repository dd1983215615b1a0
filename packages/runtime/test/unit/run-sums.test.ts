import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CreditIR, Expr } from "@carrot/ir";
import { Dec, decText } from "../../src/decimal.js";
import { evaluate, loadDataset, toJson } from "../../src/index.js";
import { cellsOf, maxCells, runSums, wholeRunSums } from "../../src/evaluate/run-sums.js";
import { shuffle } from "../helpers/data.js";
import { c, col, column_, component, csv, joinCredit, measure, money, plan, productDims, reps, table, value } from "../helpers/ir.js";

// Aggregates over a credit set without a join are summed for the whole run in one pass in row
// order (run-sums.ts). They must give exactly what the per-group path gives (the path traces take,
// and the path taken with the whole-run sums turned off), for any plan shape it accepts or declines.

const dims = productDims({ A: ["P1", "P2"], B: ["P3"] });
// A product in no category: in no partition of a sum by category, in its own by product.
dims[1].members.push({ name: "P5", parent: null });
const sales = table("sales", [
  col("id", "text", { key: true }),
  col("date", "date"),
  col("rep", "person", { optional: true }),
  col("product", "member[Product]", { optional: true }),
  col("amount", "money[EUR]", { optional: true }),
  col("share", "ratio"),
]);
const direct: CreditIR = { id: "credit.d", name: "d", source: "sales", dated: "date", join: null, to: column_("sales", "rep", "person"), split: column_("sales", "share", "ratio"), rollup: null };
const team: CreditIR = { id: "credit.t", name: "t", source: null, dated: null, join: null, to: null, split: null, rollup: { rule: "d", depth: null } } as unknown as CreditIR;

const amount = column_("d", "amount");
const product = column_("d", "product", "member[Product]");
const agg = (fn: "sum" | "avg" | "count" | "min" | "max", where: Expr | null, rule = "d"): Expr => ({
  op: "aggregate",
  type: fn === "count" ? "count" : "money[EUR]",
  fn,
  source: { kind: "credit", rule },
  value: fn === "count" ? null : column_(rule, "amount"),
  where,
} as Expr);
const bool = (op: string, ...args: Expr[]): Expr => ({ op, type: "bool", args }) as Expr;
const inMember = (v: Expr, member: Expr): Expr => ({ op: "in_member", type: "bool", value: v, member }) as Expr;
const param = (name: string, dim: string): Expr => ({ op: "param", type: `member[${dim}]`, name }) as Expr;
const inRange = (v: Expr, from: string, to: string): Expr =>
  ({ op: "in_range", type: "bool", value: v, from: c(from, "date"), to: c(to, "date") }) as Expr;
const date = column_("d", "date", "date");
const cat = [{ name: "c", dimension: "Category" }];
const prod = [{ name: "q", dimension: "Product" }];

const ir = plan({
  dimensions: dims,
  tables: [reps(), sales],
  credits: [direct, team],
  values: [
    measure("total", agg("sum", null)),
    measure("n", agg("count", null)),
    measure("mean", agg("avg", null)),
    measure("by_cat", agg("sum", inMember(product, param("c", "Category"))), cat),
    measure("by_prod", agg("sum", inMember(product, param("q", "Product"))), prod),
    measure("n_by_cat", agg("count", inMember(product, param("c", "Category"))), cat),
    measure("mean_pos_by_cat", agg("avg", bool("and", inMember(product, param("c", "Category")), bool("ge", amount, money("0")))), cat),
    measure(
      "filtered",
      agg("sum", bool("or", bool("and", bool("eq", product, c("P1", "member[Product]")), inRange(column_("d", "date", "date"), "2026-02-01", "2026-08-31")), bool("not", bool("ge", amount, money("100"))))),
    ),
    measure("in_const", agg("sum", bool("and", inMember(product, c("A", "member[Category]")), bool("ne", product, c("P2", "member[Product]"))))),
    // Row tests read on the columns' storage (codes, days, scaled integers; constants on either
    // side, ranges open or closed) and, where they cannot, the compiled expression row by row.
    measure("spif_like", agg("sum", bool("and", bool("eq", product, c("P1", "member[Product]")), inRange(date, "2026-05-01", "2026-07-31")))),
    measure(
      "flipped",
      agg("count", bool("and", bool("lt", money("10.005"), amount), bool("ge", c("2026-03-01", "date"), date), bool("ne", product, c("P3", "member[Product]")), bool("gt", amount, money("-20.5")))),
    ),
    measure("nonzero", agg("count", bool("ne", money("0"), amount))),
    measure("least", agg("min", null)),
    measure("greatest_by_cat", agg("max", inMember(product, param("c", "Category"))), cat),
    measure("least_by_prod", agg("min", bool("and", inMember(product, param("q", "Product")), bool("lt", amount, money("1000")))), prod),
    measure("open_range", agg("avg", { op: "in_range", type: "bool", value: amount, from: money("-100"), to: null } as Expr)),
    measure("on_day", agg("sum", bool("and", bool("eq", date, c("2026-01-31", "date")), bool("ne", c("2026-02-01", "date"), date)))),
    measure("team_total", agg("sum", null, "t")),
    measure("threshold", money("50")),
    measure("above_threshold", agg("sum", bool("gt", amount, value("threshold")))),
  ],
  components: [component("pay", value("total")), component("by_category", value("by_cat", "money[EUR]", param("c", "Category")), { forEach: { name: "c", dimension: "Category" } })],
});
const people = csv("id,manager,start,end", "p1,,,", "p2,p1,,", "p3,p1,,", "p4,p2,,");

const row = fc.record({
  day: fc.oneof(fc.integer({ min: -40, max: 400 }), fc.constantFrom(30, 31, 59, 120, 211, 212)),
  rep: fc.constantFrom("p1", "p2", "p3", "p4", "p4", "", "zz"),
  product: fc.constantFrom("P1", "P2", "P3", "P3", "P5", ""),
  // Minor units; some huge (odd, near 2^53) so that a group's sum leaves the safe-integer range (inexact as a double).
  cents: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -50_000, max: 500_000 }) },
    { weight: 3, arbitrary: fc.integer({ min: 4.45e15, max: 4.5e15 }).map((x) => 2 * x + 1) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0) },
  ),
  share: fc.constantFrom("1", "1", "1.000", "0.5"),
});
type Row = { day: number; rep: string; product: string; cents: number | null; share: string };

function dataOf(rows: Row[], seed: number) {
  const lines = rows.map((x, i) => {
    const date = new Date(Date.UTC(2026, 0, 1) + x.day * 86400000).toISOString().slice(0, 10);
    const amt = x.cents === null ? "" : Object.is(x.cents, -0) ? "-0.00" : new Dec(x.cents).div(100).toFixed(2);
    return `s${i},${date},${x.rep},${x.product},${amt},${x.share}`;
  });
  return loadDataset(ir, { reps: people, sales: csv("id,date,rep,product,amount,share", ...shuffle(lines, seed)) });
}

/** `f()` with the whole-run sums on (`whole`) or off; on again after. */
function withWholeRunSums<T>(whole: boolean, f: () => T): T {
  wholeRunSums.enabled = whole;
  try {
    return f();
  } finally {
    wholeRunSums.enabled = true;
  }
}

function run(rows: Row[], seed: number, opts: { whole: boolean; trace: boolean }) {
  return withWholeRunSums(opts.whole, () => evaluate(ir, dataOf(rows, seed), { trace: opts.trace }));
}

const figures = (r: ReturnType<typeof evaluate>) => ({
  measures: r.measures.map((m) => `${m.person} ${m.period} ${m.name}(${m.args.join()}) = ${m.value}`).sort(),
  lines: r.lines.map((l) => `${l.person} ${l.period} ${l.component} ${l.member ?? ""} ${l.amount}`),
  diagnostics: r.diagnostics,
});

describe("whole-run sums", () => {
  it("property: equal the per-group path (untraced without them, and traced) for shuffled rows", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 0, maxLength: 40, size: "large" }), fc.integer(), (rows, seed) => {
        const whole = run(rows, seed, { whole: true, trace: false });
        const perGroup = run(rows, seed, { whole: false, trace: false });
        expect(toJson(whole)).toBe(toJson(perGroup));
        expect(figures(whole)).toEqual(figures(run(rows, seed, { whole: true, trace: true })));
        // And the total is the Decimal sum of the credited rows' amounts (a direct, exact figure).
        for (const person of ["p1", "p2", "p3", "p4"]) {
          for (let q = 0; q < 4; q++) {
            const inQuarter = rows.filter(
              (x) => x.rep === person && x.share !== "0.5" && x.day >= 0 && x.day < 365 && Math.floor(new Date(Date.UTC(2026, 0, 1) + x.day * 86400000).getUTCMonth() / 3) === q,
            );
            const total = inQuarter.reduce((a, x) => (x.cents === null ? a : a.plus(new Dec(x.cents).div(100))), new Dec(0));
            const got = whole.measures.find((m) => m.person === person && m.period === `2026-Q${q + 1}` && m.name === "total");
            if (got) expect(got.value).toBe(decText(total));
            const n = whole.measures.find((m) => m.person === person && m.period === `2026-Q${q + 1}` && m.name === "n");
            if (n) expect(n.value).toBe(String(inQuarter.length));
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it("property: crediting a person column from its codes gives what the compiled `to` gives (reasons, details, figures)", () => {
    // The same rule with `to` written so that it is compiled (otherwise(rep, rep)) instead of read from the codes.
    const noSplit = { ...direct, split: null };
    const viaCodes = plan({ ...ir.plan, credits: [noSplit, team] });
    const compiled = plan({
      ...ir.plan,
      credits: [{ ...noSplit, to: { op: "otherwise", type: "person", args: [column_("sales", "rep", "person"), column_("sales", "rep", "person")] } as Expr }, team],
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer(), (rows, seed) => {
        const text = csv("id,date,rep,product,amount,share", ...shuffle(rows.map((x, i) => `s${i},${new Date(Date.UTC(2026, 0, 1) + x.day * 86400000).toISOString().slice(0, 10)},${x.rep},${x.product},${x.cents === null ? "" : new Dec(x.cents).div(100).toFixed(2)},1`), seed));
        // Untraced (whole-run sums) and traced (the groups, in row-key order).
        for (const trace of [false, true]) {
          const a = evaluate(viaCodes, loadDataset(viaCodes, { reps: people, sales: text }), { trace });
          const b = evaluate(compiled, loadDataset(compiled, { reps: people, sales: text }), { trace });
          expect(toJson(a).replace(viaCodes.hash, "")).toBe(toJson(b).replace(compiled.hash, ""));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a group whose sum leaves the safe-integer range is summed exactly (the per-group path)", () => {
    const huge = { day: 10, rep: "p1", product: "P1", share: "1" };
    const rows: Row[] = [
      { ...huge, cents: 4e15 },
      { ...huge, cents: 4e15 },
      { ...huge, cents: 4e15 },
      { ...huge, cents: -1 },
      { day: 10, rep: "p2", product: "P3", cents: 250, share: "1" },
    ];
    const r = run(rows, 7, { whole: true, trace: false });
    const of = (person: string, name: string, args: string[] = []) =>
      r.measures.find((m) => m.person === person && m.period === "2026-Q1" && m.name === name && m.args.join() === args.join())?.value;
    expect(of("p1", "total")).toBe("119999999999999.99");
    expect(of("p1", "by_cat", ["A"])).toBe("119999999999999.99");
    expect(of("p1", "by_prod", ["P1"])).toBe("119999999999999.99");
    expect(of("p1", "mean")).toBe(decText(new Dec("119999999999999.99").div(4)));
    expect(of("p2", "total")).toBe("2.5");
    expect(of("p2", "by_cat", ["B"])).toBe("2.5");
    expect(of("p2", "by_cat", ["A"])).toBe("0");
  });

  it("runSums: an unsafe product or partial sum makes its cell NaN, other cells stay exact", () => {
    const sums = runSums({
      fn: "avg",
      entryKey: Int32Array.from([1, 1, 2, 0, 2, 3]),
      src: null,
      groups: 3,
      values: Float64Array.from([Number.MAX_SAFE_INTEGER, 1, 5, 7, NaN, 2]),
      filters: [],
      partition: null,
      shareId: Int32Array.from([-1, -1, -1, -1, -1, 0]),
      units: Float64Array.from([Number.MAX_SAFE_INTEGER]),
      unitOne: 1,
    });
    expect(Number.isNaN(sums.sums[0])).toBe(true);
    expect(sums.sums[1]).toBe(5);
    expect(sums.weights![1]).toBe(1);
    expect(Number.isNaN(sums.sums[2])).toBe(true);
  });

  it("the table is bounded (larger plans take the per-group path)", () => {
    expect(maxCells(0)).toBe(1 << 16);
    expect(maxCells(1e9)).toBe(1 << 22);
    // 5,000 people by month, 12 products under 4 categories: 960,000 cells, kept from 1M entries on.
    expect(cellsOf(5000 * 12, 16, "sum")).toBeLessThanOrEqual(maxCells(1e6));
    expect(cellsOf(5000 * 12, 16, "sum")).toBeGreaterThan(maxCells(5e5));
  });
});

// Sets with a join (an entry per credited row and person, weighed by its split share) and their
// rollups: the whole-run sums read the entries in crediting order.
const coverage = table("coverage", [col("territory", "text"), col("person", "person"), col("share", "ratio")]);
const territorySales = table("sales", [
  col("id", "text", { key: true }),
  col("date", "date"),
  col("territory", "text"),
  col("product", "member[Product]", { optional: true }),
  col("amount", "money[EUR]", { optional: true }),
]);
const joined = joinCredit("tc", "sales", "coverage", ["territory", "territory"]);
const joinedRollup = { id: "credit.tm", name: "tm", source: null, dated: null, join: null, to: null, split: null, rollup: { rule: "tc", depth: 1 } } as unknown as CreditIR;
const tcProduct = column_("tc", "product", "member[Product]");
const tcAmount = column_("tc", "amount");
const joinedIr = plan({
  dimensions: dims,
  tables: [reps(), territorySales, coverage],
  credits: [joined, joinedRollup],
  values: [
    measure("total", agg("sum", null, "tc")),
    measure("n", agg("count", null, "tc")),
    measure("mean", agg("avg", null, "tc")),
    measure("by_cat", agg("sum", inMember(tcProduct, param("c", "Category")), "tc"), cat),
    measure("mean_by_cat", agg("avg", bool("and", inMember(tcProduct, param("c", "Category")), bool("ge", tcAmount, money("0"))), "tc"), cat),
    measure("not_p2", agg("sum", bool("ne", tcProduct, c("P2", "member[Product]")), "tc")),
    measure("greatest", agg("max", null, "tc")),
    measure("least_by_cat", agg("min", inMember(tcProduct, param("c", "Category")), "tc"), cat),
    // A where on the joined row: the per-group path.
    measure("big_share", agg("sum", bool("gt", column_("tc", "share", "ratio"), c("0.5", "ratio")), "tc")),
    measure("team", agg("sum", null, "tm")),
    measure("team_by_cat", agg("sum", inMember(column_("tm", "product", "member[Product]"), param("c", "Category")), "tm"), cat),
  ],
  components: [component("pay", value("total"))],
});

describe("whole-run sums over a join and its rollup", () => {
  const share = fc.constantFrom("1", "0.5", "0.25", "0.75", "0.3333", "0.123456789012345678");
  const cover = fc.record({ territory: fc.constantFrom("T1", "T2", "T3"), person: fc.constantFrom("p1", "p2", "p3", "p4", "zz"), share });
  const sale = fc.record({
    day: fc.integer({ min: -10, max: 380 }),
    territory: fc.constantFrom("T1", "T2", "T3", "T4"),
    product: fc.constantFrom("P1", "P2", "P3", ""),
    cents: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -50_000, max: 500_000 }) },
      { weight: 2, arbitrary: fc.integer({ min: 4.45e15, max: 4.5e15 }).map((x) => 2 * x + 1) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  });
  it("property: equal the per-group path (untraced without them, and traced), splits and overlaps included", () => {
    fc.assert(
      fc.property(fc.array(cover, { maxLength: 8 }), fc.array(sale, { maxLength: 30, size: "large" }), fc.integer(), (covers, sales, seed) => {
        const text = {
          reps: people,
          coverage: csv("territory,person,share", ...covers.map((x) => `${x.territory},${x.person},${x.share}`)),
          sales: csv(
            "id,date,territory,product,amount",
            ...shuffle(
              sales.map((x, i) => `s${i},${new Date(Date.UTC(2026, 0, 1) + x.day * 86400000).toISOString().slice(0, 10)},${x.territory},${x.product},${x.cents === null ? "" : new Dec(x.cents).div(100).toFixed(2)}`),
              seed,
            ),
          ),
        };
        const go = (whole: boolean, trace: boolean) => withWholeRunSums(whole, () => evaluate(joinedIr, loadDataset(joinedIr, text), { trace }));
        const whole = go(true, false);
        expect(toJson(whole)).toBe(toJson(go(false, false)));
        expect(figures(whole)).toEqual(figures(go(true, true)));
      }),
      { numRuns: 120 },
    );
  });
});

// Input tables aggregated directly: each row in the group of its person and period (period column)
// or date (date column); people outside the people table and rows outside the plan in none.
const byPeriod = table("targets", [col("person", "person", { optional: true }), col("period", "period"), col("product", "member[Product]", { optional: true }), col("amount", "money[EUR]", { optional: true })]);
const byDate = table("visits", [col("id", "text", { key: true }), col("rep", "person", { optional: true }), col("day", "date"), col("amount", "money[EUR]", { optional: true })]);
const tableAgg = (fn: "sum" | "avg" | "count" | "min" | "max", t: string, where: Expr | null = null): Expr =>
  ({ op: "aggregate", type: fn === "count" ? "count" : "money[EUR]", fn, source: { kind: "table", table: t }, value: fn === "count" ? null : column_(t, "amount"), where }) as Expr;
const tablesIr = plan({
  dimensions: dims,
  tables: [reps(), byPeriod, byDate],
  values: [
    measure("target", tableAgg("sum", "targets")),
    measure("targets_n", tableAgg("count", "targets")),
    measure("target_by_cat", tableAgg("sum", "targets", inMember(column_("targets", "product", "member[Product]"), param("c", "Category"))), cat),
    measure("target_max", tableAgg("max", "targets", bool("ne", column_("targets", "product", "member[Product]"), c("P2", "member[Product]")))),
    measure("visits", tableAgg("sum", "visits")),
    measure("visits_avg", tableAgg("avg", "visits", bool("gt", column_("visits", "amount"), money("-10")))),
  ],
  components: [component("pay", value("target"))],
});

describe("whole-run sums over input tables", () => {
  const target = fc.record({
    person: fc.constantFrom("p1", "p2", "p3", "p4", "", "zz"),
    quarter: fc.constantFrom("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2025-Q4"),
    product: fc.constantFrom("P1", "P2", "P3", ""),
    cents: fc.option(fc.integer({ min: -50_000, max: 500_000 }), { nil: null }),
  });
  const visit = fc.record({ rep: fc.constantFrom("p1", "p2", "p4", "", "zz"), day: fc.integer({ min: -20, max: 380 }), cents: fc.option(fc.integer({ min: -50_000, max: 500_000 }), { nil: null }) });
  const amountText = (cents: number | null) => (cents === null ? "" : new Dec(cents).div(100).toFixed(2));
  it("property: equal the index by text (untraced without them, and traced)", () => {
    fc.assert(
      fc.property(fc.array(target, { maxLength: 25 }), fc.array(visit, { maxLength: 25 }), fc.integer(), (targets, visits, seed) => {
        const text = {
          reps: people,
          targets: csv("person,period,product,amount", ...shuffle(targets.map((x) => `${x.person},${x.quarter},${x.product},${amountText(x.cents)}`), seed)),
          visits: csv("id,rep,day,amount", ...shuffle(visits.map((x, i) => `v${i},${x.rep},${new Date(Date.UTC(2026, 0, 1) + x.day * 86400000).toISOString().slice(0, 10)},${amountText(x.cents)}`), seed)),
        };
        const go = (whole: boolean, trace: boolean) => withWholeRunSums(whole, () => evaluate(tablesIr, loadDataset(tablesIr, text), { trace }));
        const whole = go(true, false);
        expect(toJson(whole)).toBe(toJson(go(false, false)));
        expect(toJson(go(true, true))).toBe(toJson(go(false, true)));
        expect(figures(whole)).toEqual(figures(go(true, true)));
      }),
      { numRuns: 100 },
    );
  });
});
