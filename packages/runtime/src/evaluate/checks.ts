/**
 * Data validation rules (`check`, docs/language.md §3): run after loading and before crediting.
 * Each check groups the rows of its table by its `per` columns and evaluates its assert once per
 * group; a group whose assert is false or has no value gives one data diagnostic (R0050) at the
 * group's first row, listing the group's rows. The order of the diagnostics is by check name, then
 * group key, whatever the order of the rows in the file.
 *
 * The assert reads no person or period (the compiler's C0525): constants, constant lets, lookups,
 * the group's `per` columns and aggregates over the group's rows, which this small evaluator covers.
 */
import type { CheckIR, Expr, PlanIR } from "@carrot/ir";
import { Dec, ZERO } from "../decimal.js";
import type { Dataset } from "../data/dataset.js";
import { decimalAt, type ColumnData, type TableData } from "../data/table.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { constValue } from "./engine.js";
import { ancestorsOf, indexPlan, memberDimension, type PlanIndex } from "./plan-index.js";
import { compareValues, isDec, showValue, type Value } from "./values.js";

/** How many rows a diagnostic's detail lists before it only counts the rest. */
export const CHECK_ROWS_LISTED = 20;

interface Group {
  /** The `per` columns' values, shown (blank for a cell without value). */
  key: string[];
  rows: number[];
}

interface Ctx {
  index: PlanIndex;
  table: TableData;
  group: Group;
  /** The row in context inside an aggregate, else -1 (a column then reads the group's first row). */
  row: number;
  /** Aggregates met at the top level of the assert, with their values, for the message. */
  shown: Shown[] | null;
}

interface Shown {
  text: string;
  value: Value;
  /** A ratio, shown as a percentage (`95%`) as plans write them. */
  percent: boolean;
}

export function runChecks(ir: PlanIR, data: Dataset): DataDiagnostic[] {
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

function groupsOf(table: TableData, per: string[]): Group[] {
  const columns = per.map((c) => table.columns.get(c));
  const groups = new Map<string, Group>();
  for (let row = 0; row < table.rowCount; row++) {
    const key = columns.map((c) => (c ? (showValue(cell(c, row)) ?? "") : ""));
    const id = key.join("\u0000");
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, rows: [] }));
    g.rows.push(row);
  }
  // Without `per`, all the rows are one group, even none: `count(T) > 0` fails on an empty table.
  if (per.length === 0 && groups.size === 0) groups.set("", { key: [], rows: [] });
  // Rows in file order within a group; groups by key: independent of the rows' order.
  for (const g of groups.values()) g.rows.sort((a, b) => table.lines.lineOf(a) - table.lines.lineOf(b));
  return [...groups.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = cmp(a.key[i], b.key[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function diagnosticOf(check: CheckIR, table: TableData, group: Group, failed: boolean, shown: Shown[]): DataDiagnostic {
  const where = check.per.map((c, i) => `${c} ${group.key[i] || "(blank)"}`).join(", ");
  const figures = shown.map((s) => `${s.text} = ${showFigure(s)}`).join(", ");
  const message =
    `${check.message ?? check.text}` +
    (where ? ` (${where})` : "") +
    (figures ? `: ${figures}` : "") +
    (failed ? "" : ": the check has no value");
  const lines = group.rows.map((r) => table.lines.lineOf(r));
  const rest = lines.length > CHECK_ROWS_LISTED ? ` and ${lines.length - CHECK_ROWS_LISTED} more` : "";
  const detail = lines.length === 0 ? `no rows in ${table.file}` : `${lines.length === 1 ? "row" : "rows"} ${lines.slice(0, CHECK_ROWS_LISTED).join(", ")}${rest} of ${table.file}`;
  return {
    code: "R0050",
    severity: check.severity,
    message,
    file: table.file,
    row: lines[0] ?? null,
    column: check.per.length > 0 ? check.per.join(", ") : null,
    help: `Correct the rows so that the check '${check.name}' holds (${check.text}), or the check itself.`,
    detail,
  };
}

function showFigure(s: Shown): string {
  if (s.percent && isDec(s.value)) return `${s.value.times(100).toFixed()}%`;
  return showValue(s.value) ?? "no value";
}

function cell(col: ColumnData, row: number): Value {
  switch (col.kind) {
    case "decimal":
      return decimalAt(col, row);
    case "date": {
      const d = col.days[row];
      return d === d ? d : null;
    }
    case "bool":
      return col.values[row] ?? null;
    default:
      return col.at(row);
  }
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
    case "neg":
      return arith(e.op, e.args.map((a) => evalExpr(a, ctx)));
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

