/**
 * The checks' assert is compiled by the engine (`Engine.compileCheck`): a property test against the
 * evaluator checks.ts had of its own before (kept here only as the oracle), on random groups,
 * cells and asserts of what both evaluate alike; and the cases where the old one was wrong.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CheckIR, Expr, PlanIR } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import { cell, runChecks, diagnosticOf, groupsOf, type Group, type Shown } from "../../src/evaluate/checks.js";
import { Dec, ZERO } from "../../src/decimal.js";
import type { Dataset } from "../../src/data/dataset.js";
import type { TableData } from "../../src/data/table.js";
import type { DataDiagnostic } from "../../src/diagnostics.js";
import { constValue } from "../../src/evaluate/engine.js";
import { ancestorsOf, indexPlan, memberDimension, type PlanIndex } from "../../src/evaluate/plan-index.js";
import { compareValues, isDec, type Value } from "../../src/evaluate/values.js";
import { c, col, column_, component, csv, money, plan, reps, table } from "../helpers/ir.js";

// ---------------------------------------------------------------------------------------------
// The plan and data of the property: products and regions with their hierarchies, a one-key and a
// two-key lookup by member (ancestor rows, sometimes a default), a constant let.

const dimensions = [
  { id: "dim.Category", name: "Category", parent: null, members: [{ name: "Cardio", parent: null }, { name: "Onco", parent: null }] },
  { id: "dim.Product", name: "Product", parent: "Category", members: [{ name: "CA", parent: "Cardio" }, { name: "CB", parent: "Cardio" }, { name: "OX", parent: "Onco" }] },
  { id: "dim.Zone", name: "Zone", parent: null, members: [{ name: "Europe", parent: null }, { name: "Asia", parent: null }] },
  { id: "dim.Region", name: "Region", parent: "Zone", members: [{ name: "North", parent: "Europe" }, { name: "South", parent: "Europe" }, { name: "East", parent: "Asia" }] },
];
const allocations = table("allocations", [
  col("id", "text", { key: true }),
  col("product", "member[Product]", { optional: true }),
  col("region", "member[Region]", { optional: true }),
  col("share", "percent", { optional: true }),
  col("amount", "money[EUR]", { optional: true }),
  col("day", "date", { optional: true }),
]);
const PRODUCT = column_("allocations", "product", "member[Product]");
const REGION = column_("allocations", "region", "member[Region]");
const SHARE = column_("allocations", "share", "ratio");
const AMOUNT = column_("allocations", "amount", "money[EUR]");
const DAY = column_("allocations", "day", "date");

function lookups(withDefault: boolean) {
  const fallback = withDefault ? [{ keys: null, value: "0.05" }] : [];
  return [
    { id: "table.cap", name: "cap", keys: ["Region"], valueType: "ratio", rows: [{ keys: ["Europe"], value: "0.6" }, { keys: ["East"], value: "0.3" }, ...fallback] },
    {
      id: "table.pair",
      name: "pair",
      keys: ["Product", "Region"],
      valueType: "ratio",
      rows: [
        { keys: ["CA", "North"], value: "0.1" },
        { keys: ["Cardio", "North"], value: "0.2" },
        { keys: ["CA", "Europe"], value: "0.3" },
        { keys: ["Onco", "Asia"], value: "0.4" },
        ...fallback,
      ],
    },
  ];
}

function checksPlan(checks: CheckIR[], withDefault: boolean): PlanIR {
  return plan({
    dimensions,
    tables: [reps(), allocations],
    lookups: lookups(withDefault),
    values: [{ id: "let.half", name: "half", kind: "let", params: [], type: "ratio", body: c("0.5", "ratio") }],
    components: [component("pay", money("0"))],
    checks,
  });
}

// ---------------------------------------------------------------------------------------------
// Random asserts: what the compiler lets a check read (C0525), typed loosely (the runtime reads
// types only for constants, members and the figures' percentages).

type Where = { inAggregate: boolean; per: string[] };
const readable = (ctx: Where, column: string): boolean => ctx.inAggregate || ctx.per.includes(column);

const num = (ctx: Where, depth: number): fc.Arbitrary<Expr> => {
  const leaves: fc.Arbitrary<Expr>[] = [
    fc.constantFrom("0", "0.5", "1", "0.25", "-0.1", "0.6", "100").map((v) => c(v, "ratio")),
    fc.constant<Expr>({ op: "value", type: "ratio", name: "half", args: [] }),
    fc.constantFrom("North", "East", "Europe").map((m): Expr => ({ op: "lookup", type: "ratio", table: "cap", keys: [c(m, m === "Europe" ? "member[Zone]" : "member[Region]")] })),
  ];
  if (readable(ctx, "region")) leaves.push(fc.constant<Expr>({ op: "lookup", type: "ratio", table: "cap", keys: [REGION] }));
  if (readable(ctx, "region") && readable(ctx, "product")) leaves.push(fc.constant<Expr>({ op: "lookup", type: "ratio", table: "pair", keys: [PRODUCT, REGION] }));
  if (ctx.inAggregate) leaves.push(fc.constant(SHARE), fc.constant(AMOUNT));
  if (depth <= 0) return fc.oneof(...leaves);
  const sub = num(ctx, depth - 1);
  const inRows = num({ ...ctx, inAggregate: true }, depth - 1);
  const where = fc.option(bool({ ...ctx, inAggregate: true }, depth - 1), { nil: null });
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 3 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom("sum", "count", "min", "max", "avg"), fc.constantFrom("ratio", "percent", "money[EUR]", "number"), fc.oneof(fc.constant(SHARE), fc.constant(AMOUNT), inRows), where)
        .map(([fn, type, value, w]): Expr => ({
          op: "aggregate",
          type: fn === "count" ? "count" : type,
          fn,
          source: { kind: "table", table: "allocations" },
          value: fn === "count" ? null : value,
          where: w,
        }) as Expr),
      weight: 4,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom("add", "sub", "mul", "div"), sub, sub).map(([op, a, b]): Expr => ({ op, type: "ratio", sig: `ratio${op}ratio`, args: [a, b] }) as Expr),
      weight: 2,
    },
    sub.map((a): Expr => ({ op: "neg", type: "ratio", sig: "-ratio", args: [a] }) as Expr),
    fc.tuple(fc.constantFrom("min", "max", "abs"), fc.array(sub, { minLength: 1, maxLength: 3 })).map(
      ([fn, args]): Expr => ({ op: "builtin", type: "ratio", fn, args: fn === "abs" ? args.slice(0, 1) : args, rounding: null }) as Expr,
    ),
    fc.tuple(bool(ctx, depth - 1), sub, sub).map(([x, a, b]): Expr => ({ op: "if", type: "ratio", args: [x, a, b] })),
    fc.tuple(sub, sub).map(([a, b]): Expr => ({ op: "otherwise", type: "ratio", args: [a, b] })),
  );
};

const bool = (ctx: Where, depth: number): fc.Arbitrary<Expr> => {
  const leaves: fc.Arbitrary<Expr>[] = [fc.constantFrom("true", "false").map((v) => c(v, "bool"))];
  if (readable(ctx, "region"))
    leaves.push(fc.constantFrom("North", "Europe", "Asia").map((m): Expr => ({ op: "in_member", type: "bool", value: REGION, member: c(m, m === "North" ? "member[Region]" : "member[Zone]") })));
  if (readable(ctx, "product")) {
    leaves.push(fc.constantFrom("CA", "Onco").map((m): Expr => ({ op: "in_member", type: "bool", value: PRODUCT, member: c(m, m === "CA" ? "member[Product]" : "member[Category]") })));
    leaves.push(fc.constantFrom("eq", "ne").map((op): Expr => ({ op, type: "bool", args: [PRODUCT, c("CB", "member[Product]")] }) as Expr));
  }
  if (ctx.inAggregate) {
    leaves.push(fc.constantFrom("lt", "ge", "eq").map((op): Expr => ({ op, type: "bool", args: [DAY, c("2026-02-01", "date")] }) as Expr));
    leaves.push(fc.constant<Expr>({ op: "in_range", type: "bool", value: DAY, from: c("2026-01-01", "date"), to: c("2026-02-28", "date") }));
  }
  if (depth <= 0) return fc.oneof(...leaves);
  const n = num(ctx, depth - 1);
  const sub = bool(ctx, depth - 1);
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom("eq", "ne", "lt", "le", "gt", "ge"), n, n).map(([op, a, b]): Expr => ({ op, type: "bool", args: [a, b] }) as Expr), weight: 4 },
    fc.tuple(fc.constantFrom("and", "or"), fc.array(sub, { minLength: 2, maxLength: 3 })).map(([op, args]): Expr => ({ op, type: "bool", args }) as Expr),
    sub.map((a): Expr => ({ op: "not", type: "bool", args: [a] })),
    // `to` a constant or open: a bound without value is where the old evaluator was wrong (below).
    fc.tuple(n, n, fc.option(fc.constantFrom("0.5", "1").map((v) => c(v, "ratio")), { nil: null })).map(([value, from, to]): Expr => ({ op: "in_range", type: "bool", value, from, to })),
    fc.tuple(sub, sub).map(([a, b]): Expr => ({ op: "otherwise", type: "bool", args: [a, b] })),
    fc.tuple(sub, sub, sub).map(([x, a, b]): Expr => ({ op: "if", type: "bool", args: [x, a, b] })),
  );
};

const PERS: string[][] = [[], ["product"], ["region"], ["product", "region"]];

const checkArb = fc.constantFrom(...PERS).chain((per) =>
  fc.record({
    per: fc.constant(per),
    assert: bool({ inAggregate: false, per }, 3),
    severity: fc.constantFrom<"error" | "warning">("error", "warning"),
    message: fc.option(fc.constant("must hold"), { nil: null }),
  }),
);

const rowArb = fc.record({
  product: fc.constantFrom("CA", "CB", "OX", ""),
  region: fc.constantFrom("North", "South", "East", ""),
  share: fc.constantFrom("", "0%", "10%", "35%", "60%", "100%", "12.5%"),
  amount: fc.constantFrom("", "-5", "0", "10.50", "100", "0.125"),
  day: fc.constantFrom("", "2026-01-15", "2026-03-01"),
});

function loaded(ir: PlanIR, rows: { product: string; region: string; share: string; amount: string; day: string }[]): Dataset {
  const lines = rows.map((r, i) => `r${i},${r.product},${r.region},${r.share},${r.amount},${r.day}`);
  return loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), allocations: csv("id,product,region,share,amount,day", ...lines) });
}


// ---------------------------------------------------------------------------------------------
// Where the checks' own evaluator differed from the engine (each a bug of that evaluator, fixed).

const periods = table("periods", [col("id", "text", { key: true }), col("start", "date"), col("end", "date", { optional: true }), col("share", "percent")]);
const pcol = (name: string, type: string): Expr => column_("periods", name, type);
const countWhere = (where: Expr | null): Expr => ({ op: "aggregate", type: "count", fn: "count", source: { kind: "table", table: "periods" }, value: null, where });

/** The R0050 messages of one check on `periods` (one group of all rows) whose assert is `count(periods where W) = n`. */
function countMessages(where: Expr, n: number, rows: string[]): string[] {
  const assert: Expr = { op: "eq", type: "bool", args: [countWhere(where), c(String(n), "count")] };
  const check: CheckIR = { id: "check:p", name: "p", table: "periods", per: [], assert, text: "the count", message: null, severity: "error" };
  const ir = plan({ tables: [reps(), periods], components: [component("pay", money("0"))], checks: [check] });
  const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), periods: csv("id,start,end,share", ...rows) }));
  return r.diagnostics.filter((d) => d.code === "R0050").map((d) => d.message);
}

describe("checks: what the engine computes and the checks' own evaluator did not", () => {
  const rows = ["a,2026-01-01,2026-01-31,10%", "b,2026-02-01,,20%", "c,2026-03-01,2026-04-15,30%"];

  it("`in` a range whose upper bound has no value is open-ended (was: no value, the row left out)", () => {
    // 2026-02-10 in start .. end: only b's (end blank: open) holds.
    const inside: Expr = { op: "in_range", type: "bool", value: c("2026-02-10", "date"), from: pcol("start", "date"), to: pcol("end", "date") };
    expect(countMessages(inside, 1, rows)).toEqual([]);
  });

  it("date arithmetic: a date minus a date is days, a date plus days a date (was: no value)", () => {
    // Periods longer than 40 days: c (45 days); the end plus 1 day is after the start for a and c.
    const days: Expr = { op: "sub", type: "count", sig: "date-date", args: [pcol("end", "date"), pcol("start", "date")] };
    expect(countMessages({ op: "gt", type: "bool", args: [days, c("40", "count")] }, 1, rows)).toEqual([]);
    const next: Expr = { op: "add", type: "date", sig: "date+count", args: [pcol("end", "date"), c("1", "count")] };
    expect(countMessages({ op: "gt", type: "bool", args: [next, pcol("start", "date")] }, 2, rows)).toEqual([]);
  });

  it("min and max of dates are the earlier and the later date (was: no value)", () => {
    const later: Expr = { op: "builtin", type: "date", fn: "max", args: [pcol("start", "date"), c("2026-02-01", "date")], rounding: null };
    expect(countMessages({ op: "eq", type: "bool", args: [later, c("2026-02-01", "date")] }, 2, rows)).toEqual([]);
  });

  it("the figures are the aggregates evaluated: an operand without value reads no further operand", () => {
    // avg over no valued row has no value, so `avg + sum` has none without reading sum (the old
    // evaluator read every operand and also showed `sum(periods.share) = 0%`).
    const share = pcol("share", "ratio");
    const agg = (fn: "avg" | "sum"): Expr => ({ op: "aggregate", type: "ratio", fn, source: { kind: "table", table: "periods" }, value: share, where: c("false", "bool") });
    const assert: Expr = { op: "gt", type: "bool", args: [{ op: "add", type: "ratio", sig: "ratio+ratio", args: [agg("avg"), agg("sum")] }, c("0", "ratio")] };
    const check: CheckIR = { id: "check:p", name: "p", table: "periods", per: [], assert, text: "avg + sum > 0", message: null, severity: "error" };
    const ir = plan({ tables: [reps(), periods], components: [component("pay", money("0"))], checks: [check] });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), periods: csv("id,start,end,share", ...rows) }));
    expect(r.diagnostics.map((d) => d.message)).toEqual(["avg + sum > 0: avg(periods.share where …) = no value: the check has no value"]);
  });
});

describe("checks compiled by the engine", () => {
  it("property: the same diagnostics as the checks' own evaluator had, on what both evaluate alike", () => {
    fc.assert(
      fc.property(fc.array(checkArb, { minLength: 1, maxLength: 3 }), fc.array(rowArb, { maxLength: 12 }), fc.boolean(), (specs, rows, withDefault) => {
        const checks: CheckIR[] = specs.map((s, i) => ({ id: `check:c${i}`, name: `c${i}`, table: "allocations", per: s.per, assert: s.assert, text: `assert ${i}`, message: s.message, severity: s.severity }));
        const ir = checksPlan(checks, withDefault);
        const data = loaded(ir, rows);
        expect(runChecks(ir, data)).toEqual(oldRunChecks(ir, data));
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The oracle: checks.ts's own evaluator before the engine compiled the assert (commit 7daf352).

interface Ctx {
  index: PlanIndex;
  table: TableData;
  group: Group;
  /** The row in context inside an aggregate, else -1 (a column then reads the group's first row). */
  row: number;
  /** Aggregates met at the top level of the assert, with their values, for the message. */
  shown: Shown[] | null;
}

function oldRunChecks(ir: PlanIR, data: Dataset): DataDiagnostic[] {
  const checks = ir.plan.checks ?? [];
  if (checks.length === 0) return [];
  const index = indexPlan(ir.plan);
  const out: DataDiagnostic[] = [];
  for (const check of [...checks].sort((a, b) => cmp(a.name, b.name))) {
    const table = data.tables.get(check.table);
    if (!table || table.unusable) continue; // already reported by loading
    for (const group of groupsOf(table, check.per)) {
      const shown: Shown[] = [];
      const ok = evalExpr(check.assert, { index, table, group, row: -1, shown });
      if (ok === true) continue;
      out.push(diagnosticOf(check, table, group, ok === false, shown));
    }
  }
  return out;
}


function evalExpr(e: Expr, ctx: Ctx): Value {
  switch (e.op) {
    case "const":
      return constValue(e.type, e.value);
    case "column": {
      const col = ctx.table.columns.get(e.column);
      const row = ctx.row >= 0 ? ctx.row : ctx.group.rows[0];
      return col && row !== undefined ? cell(col, row) : null;
    }
    case "aggregate": {
      const v = aggregate(e, ctx);
      if (ctx.shown && ctx.row < 0) ctx.shown.push({ text: aggregateText(e), value: v, percent: e.type === "ratio" || e.type === "percent" });
      return v;
    }
    case "value": {
      const def = ctx.index.values.get(e.name);
      return def ? evalExpr(def.body, ctx) : null;
    }
    case "add":
    case "sub":
    case "mul":
    case "div":
    case "neg": {
      // (Changed to the engine's order: an operand without value reads no further operand, so
      // their aggregates are not among the figures. It was `arith(e.op, e.args.map(evalExpr))`.)
      const args: Value[] = [];
      for (const a of e.args) {
        const v = evalExpr(a, ctx);
        if (v === null) return null;
        args.push(v);
      }
      return arith(e.op, args);
    }
    case "eq":
    case "ne":
    case "lt":
    case "le":
    case "gt":
    case "ge": {
      const c = compareValues(evalExpr(e.args[0], ctx), evalExpr(e.args[1], ctx));
      if (c === null) return null;
      return { eq: c === 0, ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[e.op];
    }
    case "and":
    case "or": {
      let unknown = false;
      for (const a of e.args) {
        const v = evalExpr(a, ctx);
        if (v === (e.op === "or")) return v;
        if (v === null) unknown = true;
      }
      return unknown ? null : e.op === "and";
    }
    case "not": {
      const v = evalExpr(e.args[0], ctx);
      return typeof v === "boolean" ? !v : null;
    }
    case "if": {
      const c = evalExpr(e.args[0], ctx);
      if (c === null) return null;
      return evalExpr(c === true ? e.args[1] : e.args[2], ctx);
    }
    case "otherwise":
      return evalExpr(e.args[0], ctx) ?? evalExpr(e.args[1], ctx);
    case "in_range": {
      const v = evalExpr(e.value, ctx);
      const lo = compareValues(v, evalExpr(e.from, ctx));
      if (lo === null) return null;
      if (e.to === null) return lo >= 0;
      // (Changed to the engine's order: below the lower bound, the upper one is not read.)
      if (lo < 0) return false;
      const hi = compareValues(v, evalExpr(e.to, ctx));
      return hi === null ? null : lo >= 0 && hi <= 0;
    }
    case "in_member": {
      const v = evalExpr(e.value, ctx);
      const m = evalExpr(e.member, ctx);
      if (typeof v !== "string" || typeof m !== "string") return null;
      const dim = memberDimension(e.value.type);
      return dim === null ? v === m : ancestorsOf(ctx.index, dim, v).some(([, a]) => a === m);
    }
    case "lookup":
      return lookup(e.table, e.keys.map((k) => evalExpr(k, ctx)), ctx.index);
    case "builtin": {
      const args = e.args.map((a) => evalExpr(a, ctx));
      if (!args.every(isDec)) return null;
      if (e.fn === "abs" && args.length === 1) return args[0].abs();
      if (e.fn === "min" && args.length > 0) return args.reduce((a, b) => (b.lt(a) ? b : a));
      if (e.fn === "max" && args.length > 0) return args.reduce((a, b) => (b.gt(a) ? b : a));
      return null;
    }
    default:
      // Not readable in a check (the compiler reports it as C0525): no value.
      return null;
  }
}

function aggregate(e: Extract<Expr, { op: "aggregate" }>, ctx: Ctx): Value {
  if (e.source.kind !== "table" || e.source.table !== ctx.table.name) return null;
  let sum = ZERO;
  let n = 0;
  let best: Dec | null = null;
  for (const row of ctx.group.rows) {
    const inner: Ctx = { ...ctx, row, shown: null };
    if (e.where && evalExpr(e.where, inner) !== true) continue;
    if (e.fn === "count") {
      n++;
      continue;
    }
    const v = e.value ? evalExpr(e.value, inner) : null;
    if (!isDec(v)) continue; // a cell without value is left out, as in every sum
    n++;
    sum = sum.plus(v);
    if (best === null || (e.fn === "min" ? v.lt(best) : v.gt(best))) best = v;
  }
  switch (e.fn) {
    case "count":
      return new Dec(n);
    case "sum":
      return sum;
    case "avg":
      return n === 0 ? null : sum.div(n);
    default:
      return best;
  }
}

function aggregateText(e: Extract<Expr, { op: "aggregate" }>): string {
  const from = e.source.kind === "table" ? e.source.table : e.source.rule;
  const inner = e.value && e.value.op === "column" ? `${e.value.table}.${e.value.column}` : e.value ? "…" : from;
  return `${e.fn}(${inner}${e.where ? " where …" : ""})`;
}

function arith(op: "add" | "sub" | "mul" | "div" | "neg", args: Value[]): Value {
  if (!args.every(isDec)) return null;
  const [a, b] = args;
  switch (op) {
    case "neg":
      return a.neg();
    case "add":
      return a.plus(b);
    case "sub":
      return a.minus(b);
    case "mul":
      return a.times(b);
    case "div":
      return b.isZero() ? null : a.div(b);
  }
}

function lookup(name: string, keys: Value[], index: PlanIndex): Value {
  const table = index.lookups.get(name);
  if (!table) return null;
  // A key with no value matches no row: the default answers it, as in the engine's lookups.
  if (!keys.every((k): k is string => typeof k === "string")) return table.fallback;
  const chains = keys.map((k, i) => ancestorsOf(index, table.ir.keys[i] ?? "", k).map(([, a]) => a));
  // The most specific row: fewest ancestor steps in total, earlier keys more specific on ties.
  const combos: { keys: string[]; depth: number }[] = [{ keys: [], depth: 0 }];
  for (const chain of chains) {
    const next: { keys: string[]; depth: number }[] = [];
    for (const c of combos) chain.forEach((a, d) => next.push({ keys: [...c.keys, a], depth: c.depth + d }));
    combos.splice(0, combos.length, ...next);
  }
  combos.sort((a, b) => a.depth - b.depth);
  for (const c of combos) {
    const v = table.rows.get(c.keys.join("\u0001"));
    if (v !== undefined) return v;
  }
  return table.fallback;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

