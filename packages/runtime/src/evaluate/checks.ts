/**
 * Data validation rules (`check`, docs/language.md §3): run after loading and before crediting.
 * Each check groups the rows of its table by its `per` columns and evaluates its assert once per
 * group; a group whose assert is false or has no value gives one data diagnostic (R0050) at the
 * group's first row, listing the group's rows. The order of the diagnostics is by check name, then
 * group key, whatever the order of the rows in the file.
 *
 * The assert reads no person or period (the compiler's C0525). It is compiled by the engine's
 * compiler (`Engine.compileCheck`, on an engine that credits nothing), so it means what it means
 * anywhere in the plan: its aggregates over the check's table range over the group's rows, a column
 * read outside them reads the group's first row (the `per` columns, the same on every row).
 */
import type { AggregateExpr, CheckIR, PlanIR } from "@carrot/ir";
import type { Dataset } from "../data/dataset.js";
import { decimalAt, type ColumnData, type TableData } from "../data/table.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { Env } from "./context.js";
import { Engine } from "./engine.js";
import { isDec, showValue, type Value } from "./values.js";

/** How many rows a diagnostic's detail lists before it only counts the rest. */
export const CHECK_ROWS_LISTED = 20;

/** (Exported for the tests' oracle, like `groupsOf` and `diagnosticOf`.) */
export interface Group {
  /** The `per` columns' values, shown (blank for a cell without value). */
  key: string[];
  rows: number[];
}

/** An aggregate met outside aggregates in the assert, with its value, for the message. */
export interface Shown {
  text: string;
  value: Value;
  /** A ratio, shown as a percentage (`95%`) as plans write them. */
  percent: boolean;
}

export function runChecks(ir: PlanIR, data: Dataset): DataDiagnostic[] {
  const checks = ir.plan.checks ?? [];
  if (checks.length === 0) return [];
  // Its own diagnostics (a division by zero: the assert has no value, which R0050 says) are not the run's.
  const engine = Engine.beforeCrediting(ir, data);
  const env = new Env(engine.noPersonPeriod(), new Map(), null, null);
  const out: DataDiagnostic[] = [];
  for (const check of [...checks].sort((a, b) => cmp(a.name, b.name))) {
    const table = data.tables.get(check.table);
    if (!table || table.unusable) continue; // already reported by loading
    let shown: Shown[] = [];
    const figure = (e: AggregateExpr, value: Value): void => {
      shown.push({ text: aggregateText(e), value, percent: e.type === "ratio" || e.type === "percent" });
    };
    const assert = engine.compileCheck(check.assert, table, `check ${check.name}`, figure);
    for (const group of groupsOf(table, check.per)) {
      shown = [];
      env.group = group.rows;
      env.src = group.rows.length > 0 ? group.rows[0] : -1;
      const ok = assert(env);
      if (ok === true) continue;
      out.push(diagnosticOf(check, table, group, ok === false, shown));
    }
  }
  return out;
}

export function groupsOf(table: TableData, per: string[]): Group[] {
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

export function diagnosticOf(check: CheckIR, table: TableData, group: Group, failed: boolean, shown: Shown[]): DataDiagnostic {
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

/** A cell's value, for a group's key (and the tests' oracle). */
export function cell(col: ColumnData, row: number): Value {
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

function aggregateText(e: AggregateExpr): string {
  const from = e.source.kind === "table" ? e.source.table : e.source.rule;
  const inner = e.value && e.value.op === "column" ? `${e.value.table}.${e.value.column}` : e.value ? "…" : from;
  return `${e.fn}(${inner}${e.where ? " where …" : ""})`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

