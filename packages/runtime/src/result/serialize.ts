import { canonicalJson, writeCanonicalJson } from "@carrot/ir";
import type { RunResult } from "./types.js";

/**
 * Canonical JSON of a result: sorted keys, two-space indent, final newline. Lists are already in
 * their canonical order, so the same plan and data give the same bytes whatever the row order.
 */
export function toJson(result: RunResult): string {
  return canonicalJson(result, true);
}

/**
 * `toJson`'s bytes handed to `write` in chunks of about 64 KiB (`writeCanonicalJson`, the writer
 * `canonicalJson` is made of): a traced result of millions of rows can be longer than the longest
 * string V8 holds, so a writer (`carrot run --format json`) streams it. Reading a lazy line's trace
 * here computes it (`lazy-trace.ts`): in the result's order, one person at a time.
 */
export function writeJson(result: RunResult, write: (chunk: string) => void): void {
  writeCanonicalJson(result, true, write);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Result lines and adjustments as one CSV table (what a payroll import reads). */
export function toCsv(result: RunResult): string {
  const rows: string[][] = [["person", "period", "kind", "component", "member", "amount", "status", "detail"]];
  type Row = { person: string; period: string; order: number; cells: string[] };
  const all: Row[] = [];
  const periodIndex = new Map(result.periods.map((p, i) => [p, i]));
  for (const l of result.lines) {
    all.push({ person: l.person, period: l.period, order: 0, cells: [l.person, l.period, "line", l.component, l.member ?? "", l.amount, l.status, ""] });
  }
  for (const a of result.adjustments) {
    all.push({ person: a.person, period: a.period, order: 1, cells: [a.person, a.period, a.kind, a.component ?? "", "", a.amount, "", a.detail] });
  }
  for (const t of result.totals) {
    all.push({ person: t.person, period: t.period, order: 2, cells: [t.person, t.period, "total", "", "", t.payable, "", `earned ${t.earned}, adjustments ${t.adjustments}`] });
  }
  // Stable sort: lines, then adjustments, then the total, per person and period.
  all.sort(
    (x, y) =>
      (x.person < y.person ? -1 : x.person > y.person ? 1 : 0) ||
      (periodIndex.get(x.period) ?? 0) - (periodIndex.get(y.period) ?? 0) ||
      x.order - y.order,
  );
  for (const r of all) rows.push(r.cells);
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Aligned text for a terminal: one row per line, adjustment and total; amounts right-aligned. */
export function toTable(result: RunResult): string {
  const header = ["person", "period", "component", "member", "amount", "status"];
  const rows: string[][] = [];
  const periodIndex = new Map(result.periods.map((p, i) => [p, i]));
  const byKey = new Map<string, string[][]>();
  const push = (person: string, period: string, row: string[]): void => {
    const key = `${person}\u0000${period}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(row);
  };
  for (const l of result.lines) push(l.person, l.period, [l.person, l.period, l.component, l.member ?? "", l.amount, l.status]);
  for (const a of result.adjustments) push(a.person, a.period, [a.person, a.period, `(${a.kind})`, a.component ?? "", a.amount, ""]);
  for (const t of result.totals) {
    push(t.person, t.period, [t.person, t.period, "= payable", "", t.payable, ""]);
  }
  const keys = result.totals.map((t) => [t.person, t.period] as const);
  keys.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || (periodIndex.get(a[1]) ?? 0) - (periodIndex.get(b[1]) ?? 0));
  for (const [person, period] of keys) rows.push(...(byKey.get(`${person}\u0000${period}`) ?? []));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const out = [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)];
  out.push(...paymentsTable(result));
  out.push(...reconciliationTable(result));
  if (result.diagnostics.length) out.push("", `${result.diagnostics.length} diagnostic(s); complete: ${result.complete}`);
  return out.join("\n") + "\n";
}

/** The payment calendar's payments (plans with `pay` only): what each pay period pays, for which periods. */
function paymentsTable(result: RunResult): string[] {
  if (!result.payments) return [];
  const rows = result.payments.map((p) => [p.person, p.payPeriod, p.amount, p.periods.join(" "), p.partial ? "partial: periods not in this run" : ""]);
  return ["", "Payments:", ...align([["person", "paid in", "amount", "periods", ""], ...rows], new Set([2])).map((l) => `  ${l}`)];
}

/** Sum in = credited + uncredited per table, period and currency, then every uncredited row with its reason. */
function reconciliationTable(result: RunResult): string[] {
  if (result.reconciliation.length === 0) return [];
  const header = ["table", "period", "currency", "rows", "in", "credited", "uncredited"];
  const rows = result.reconciliation.map((r) => [r.table, r.period, r.currency, String(r.rows), cents(r.amountIn), cents(r.credited), cents(r.uncredited)]);
  const numeric = new Set([3, 4, 5, 6]);
  const out = ["", "reconciliation (in = credited + uncredited):", ...align([header, ...rows], numeric).map((l) => `  ${l}`)];
  const uncredited = result.reconciliation.flatMap((r) =>
    r.uncreditedRows.map((u) => [r.period, u.table, u.key || (u.row !== null ? `row ${u.row}` : ""), cents(u.amount), u.reason, u.detail]),
  );
  if (uncredited.length) {
    out.push("", `uncredited rows (${uncredited.length}):`);
    out.push(...align([["period", "table", "row", "amount", "reason", "detail"], ...uncredited], new Set([3])).map((l) => `  ${l}`));
  }
  return out;
}

/** A canonical decimal shown with at least two decimals (`1564761.5` → `1564761.50`); never rounds. */
function cents(amount: string): string {
  const dot = amount.indexOf(".");
  if (dot < 0) return `${amount}.00`;
  return amount.length - dot - 1 < 2 ? amount.padEnd(dot + 3, "0") : amount;
}

function align(rows: string[][], rightAligned: Set<number>): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}
