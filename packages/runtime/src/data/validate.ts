import type { Grain, PlanIR } from "@carrot/ir";
import type { DataDiagnostic } from "../diagnostics.js";
import { calendarOf } from "@carrot/ir";
import { formatDate } from "../periods.js";
import { decimalAt, type ColumnData, type TableData } from "./table.js";

/**
 * Checks that need more than one cell, or the plan, to see that a row cannot be right: each cell
 * is well typed, yet the figures built on it would be wrong (cases 41–44 of the conformance suite).
 * A bad row is reported with file, row and column and quarantined, like a bad cell, so the run says
 * it is incomplete instead of paying on it; a reporting-line cycle is reported but kept, since
 * dropping people would lose their whole pay for a reporting-line error.
 */

/** Removes rows from a loaded table; their lines join the quarantined ones (counted in data quality). */
export function quarantineRows(table: TableData, rows: ReadonlySet<number>): void {
  if (rows.size === 0) return;
  const keep = (_: unknown, r: number): boolean => !rows.has(r);
  for (const col of table.columns.values()) filterColumn(col, keep);
  for (const r of rows) if (r >= 0 && r < table.rowCount) table.quarantined.push(table.lines.lineOf(r));
  table.quarantined.sort((a, b) => a - b);
  table.lines = table.lines.filter(keep);
  table.rowCount = table.lines.length;
}

function filterColumn(col: ColumnData, keep: (v: unknown, r: number) => boolean): void {
  switch (col.kind) {
    case "decimal":
      if (col.exact) col.exact = col.exact.filter(keep);
      else col.ints = col.ints.filter(keep);
      return;
    case "date":
      col.days = col.days.filter(keep);
      return;
    case "string":
      col.retain((r) => keep(null, r));
      return;
    case "bool":
      col.values = col.values.filter(keep);
      return;
  }
}

function error(table: TableData, row: number, column: string, code: string, message: string, help: string): DataDiagnostic {
  return { code, severity: "error", message, file: table.file, row: table.lines.lineOf(row), column, help };
}

/**
 * B13: an employment `end` before its `start` is a typing error, not zero days of work. Runs on the
 * people table before the other tables are loaded, so a quarantined person's rows elsewhere are
 * reported as unknown (R0025) and credited to nobody with their amounts kept in the reconciliation.
 */
export function checkEmployment(people: TableData): DataDiagnostic[] {
  const bad = new Set<number>();
  const out = checkRange(people, "start", "end", "employment", (r) => bad.add(r));
  quarantineRows(people, bad);
  return out;
}

/** Rows whose `to` date is before their `from` date (both present): each a data error on `to`. */
function checkRange(table: TableData, from: string, to: string, what: string, mark: (row: number) => void): DataDiagnostic[] {
  const a = table.columns.get(from);
  const b = table.columns.get(to);
  if (a?.kind !== "date" || b?.kind !== "date") return [];
  const out: DataDiagnostic[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const s = a.days[r];
    const e = b.days[r];
    if (!(s === s && e === e && e < s)) continue;
    mark(r);
    out.push(
      error(
        table,
        r,
        to,
        "R0030",
        `${what} ends (${to} ${formatDate(e)}) before it starts (${from} ${formatDate(s)}): the row is quarantined`,
        `Correct the dates: '${to}' is the last day, on or after '${from}'; leave '${to}' empty for an open end${table.role === "people" ? " (still employed)" : ""}.`,
      ),
    );
  }
  return out;
}

/**
 * The date ranges the plan reads from input tables: `prorate(x, T.a .. T.b)` and a join's
 * `d in T.a .. T.b` (both columns of one table). A row ending before it starts covers no day, so
 * it would silently count for nothing, like an employment ending before it starts.
 */
function checkDateRanges(ir: PlanIR, tables: Map<string, TableData>, mark: Mark): DataDiagnostic[] {
  const ranges = new Map<string, { table: string; from: string; to: string }>();
  const add = (table: string, from: string, to: string): void => {
    if (from !== to) ranges.set(`${table}\u0000${from}\u0000${to}`, { table, from, to });
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const e = node as { op?: unknown; by?: unknown; from?: unknown; to?: unknown };
    if (e.op === "prorate" && e.by) {
      const by = e.by as { table: string; from: string; to: string };
      add(by.table, by.from, by.to);
    } else if (e.op === "in_range" && isColumn(e.from) && isColumn(e.to) && e.from.table === e.to.table) {
      add(e.from.table, e.from.column, e.to.column);
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(ir.plan.credits);
  visit(ir.plan.values);
  visit(ir.plan.components);
  const out: DataDiagnostic[] = [];
  for (const key of [...ranges.keys()].sort()) {
    const range = ranges.get(key)!;
    const table = tables.get(range.table);
    // The people table's start .. end was checked (and its bad rows quarantined) when it was loaded.
    if (!table || (table.role === "people" && range.from === "start" && range.to === "end")) continue;
    out.push(...checkRange(table, range.from, range.to, `the range ${range.from} .. ${range.to}`, (r) => mark(table, r)));
  }
  return out;
}

function isColumn(e: unknown): e is { op: "column"; table: string; column: string } {
  return typeof e === "object" && e !== null && (e as { op?: unknown }).op === "column";
}

/** Checks across the loaded tables, once every table is loaded (and the people table checked). */
export function validateDataset(ir: PlanIR, tables: Map<string, TableData>): DataDiagnostic[] {
  const bad = new Map<TableData, Set<number>>();
  const mark = (table: TableData, row: number): void => {
    let rows = bad.get(table);
    if (!rows) bad.set(table, (rows = new Set()));
    rows.add(row);
  };
  const out = [
    ...checkPeriodGrain(ir, tables, mark),
    ...checkDateRanges(ir, tables, mark),
    ...checkShares(ir, tables, mark),
    ...checkFxRates(ir, tables, mark),
  ];
  for (const [table, rows] of bad) quarantineRows(table, rows);
  const people = [...tables.values()].find((t) => t.role === "people");
  if (people) out.push(...checkReportingLines(people));
  return out;
}

type Mark = (table: TableData, row: number) => void;

const GRAIN_ADJECTIVE: Record<Grain, string> = { month: "monthly", quarter: "quarterly", half: "half-yearly", year: "yearly" };
const GRAIN_EXAMPLE: Record<Grain, string> = { month: "2026-03", quarter: "2026-Q1", half: "2026-H1", year: "2026-Y" };

/**
 * B12: the period column an input table is matched by (its single `period` column, or the first
 * one of the `settle` table) must be of the plan's grain. A monthly row in a quarterly plan equals
 * no evaluated period, so it would silently count nowhere (a quota of 0, payments ignored). Such
 * rows are rejected rather than added into the containing quarter: the plan does not say the
 * column adds up (a rate, a target per month, or a file mixing months and quarters would all be
 * wrong once summed), and a loud error is fixed by exporting the file at the plan's grain.
 */
function checkPeriodGrain(ir: PlanIR, tables: Map<string, TableData>, mark: Mark): DataDiagnostic[] {
  const grain = ir.plan.grain;
  const calendar = calendarOf(ir.plan);
  const settle = ir.plan.payout.settle?.table ?? null;
  const out: DataDiagnostic[] = [];
  for (const table of [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (table.role !== "input") continue;
    const periodColumns = table.ir.columns.filter((c) => c.type === "period");
    const matched = periodColumns.length === 1 || (periodColumns.length > 1 && table.name === settle) ? periodColumns[0] : null;
    if (!matched) continue;
    const col = table.columns.get(matched.name);
    if (col?.kind !== "string") continue;
    const grainOf = new Map<string, Grain | null>();
    for (let r = 0; r < table.rowCount; r++) {
      const text = col.values[r];
      if (text === null) continue;
      let g = grainOf.get(text);
      if (g === undefined) grainOf.set(text, (g = calendar.parse(text)?.grain ?? null));
      if (g === null || g === grain) continue;
      mark(table, r);
      out.push(
        error(
          table,
          r,
          matched.name,
          "R0029",
          `period '${text}' is a ${g}, but the plan is ${GRAIN_ADJECTIVE[grain]}: the row would match no period of the plan`,
          `Write one row per ${grain} (like \`${GRAIN_EXAMPLE[grain]}\`), adding up the rows of a finer grain yourself, or change the plan's \`period\`.`,
        ),
      );
    }
  }
  return out;
}

/**
 * B14: a split share is a part of one deal: each must lie in 0%..100%. Shares of 150% and -50%
 * add up to 100% but pay one person more than the deal and charge another. Checked on the column
 * a `split` names directly; a computed share cannot be checked on the data.
 */
function checkShares(ir: PlanIR, tables: Map<string, TableData>, mark: Mark): DataDiagnostic[] {
  const out: DataDiagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of ir.plan.credits) {
    const split = rule.split;
    if (!split || split.op !== "column") continue;
    const key = `${split.table}\u0000${split.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const table = tables.get(split.table);
    const col = table?.columns.get(split.column);
    if (!table || col?.kind !== "decimal") continue;
    const one = 10 ** col.scale;
    for (let r = 0; r < table.rowCount; r++) {
      let outside: boolean;
      if (col.exact) {
        const v = col.exact[r];
        if (v === null || v === undefined) continue;
        outside = v.lt(0) || v.gt(1);
      } else {
        const v = col.ints[r];
        if (v !== v) continue;
        outside = v < 0 || v > one;
      }
      if (!outside) continue;
      mark(table, r);
      out.push(
        error(
          table,
          r,
          split.column,
          "R0031",
          `share ${decimalAt(col, r)!.times(100).toString()}% in column '${split.column}' (split of credit '${rule.name}') is outside 0%..100%`,
          "Each person's share of a row lies between 0% and 100%, and the shares of a row add up to 100%.",
        ),
      );
    }
  }
  return out;
}

/** B15: one unit of a currency is worth a positive amount; a rate of 0 or below converts to nonsense. */
function checkFxRates(ir: PlanIR, tables: Map<string, TableData>, mark: Mark): DataDiagnostic[] {
  const fx = ir.plan.fx;
  const table = fx ? tables.get(fx.table) : undefined;
  const rate = table?.columns.get("rate");
  if (!table || rate?.kind !== "decimal") return [];
  const out: DataDiagnostic[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    let positive: boolean;
    if (rate.exact) {
      const v = rate.exact[r];
      if (v === null || v === undefined) continue;
      positive = v.gt(0);
    } else {
      const v = rate.ints[r];
      if (v !== v) continue;
      positive = v > 0;
    }
    if (positive) continue;
    mark(table, r);
    out.push(
      error(
        table,
        r,
        "rate",
        "R0032",
        `exchange rate ${decimalAt(rate, r)!.toString()} is not positive: the row is quarantined (conversions find no rate there)`,
        "A rate is the plan-currency value of one unit of the currency: a number above 0.",
      ),
    );
  }
  return out;
}

/**
 * B16: a person who is their own manager, or a manager chain that comes back to where it started,
 * makes every override, rollup and team figure along it doubtful. Each person on a cycle is
 * reported on their row; the rows are kept (their own pay is sound) and evaluation still ends, as
 * the evaluator never follows a manager chain twice through the same person.
 */
export function checkReportingLines(people: TableData): DataDiagnostic[] {
  const ids = people.columns.get("id");
  const managers = people.columns.get("manager");
  if (ids?.kind !== "string" || managers?.kind !== "string") return [];
  const rowOf = new Map<string, number>();
  for (let r = 0; r < people.rowCount; r++) {
    const id = ids.values[r];
    if (id !== null && !rowOf.has(id)) rowOf.set(id, r);
  }
  const managerOf = (r: number): number => {
    const m = managers.values[r];
    return m === null ? -1 : (rowOf.get(m) ?? -1);
  };
  // 0: not visited, 1: on the chain being walked, 2: done. Each person is walked once: O(people).
  const state = new Uint8Array(people.rowCount);
  const cycles: number[][] = [];
  for (let start = 0; start < people.rowCount; start++) {
    const path: number[] = [];
    let r = start;
    while (r >= 0 && state[r] === 0) {
      state[r] = 1;
      path.push(r);
      r = managerOf(r);
    }
    if (r >= 0 && state[r] === 1) cycles.push(path.slice(path.indexOf(r)));
    for (const p of path) state[p] = 2;
  }
  const out: DataDiagnostic[] = [];
  for (const cycle of cycles) {
    const name = (r: number): string => ids.values[r] ?? "";
    // Shown from the smallest id, so the text does not depend on the file's row order.
    const first = cycle.reduce((a, b) => (name(b) < name(a) ? b : a));
    const chain = [first];
    for (let r = managerOf(first); r !== first; r = managerOf(r)) chain.push(r);
    const text = [...chain, first].map((r) => `'${name(r)}'`).join(" → ");
    for (const r of [...cycle].sort((a, b) => a - b)) {
      out.push(
        error(
          people,
          r,
          "manager",
          "R0033",
          cycle.length === 1 ? `'${name(r)}' is their own manager` : `reporting-line cycle: ${text} (the manager chain never reaches the top)`,
          "Correct the manager so that every chain of managers ends at someone without a manager.",
        ),
      );
    }
  }
  return out;
}
