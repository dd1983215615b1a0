/**
 * The reconciliation of a run: per source table, period and currency, the rows and amounts in,
 * credited and uncredited, every uncredited row listed with its reason.
 */

import { decimalAt, type ColumnData } from "../data/table.js";
import { Dec, ZERO, decText } from "../decimal.js";
import type { Reconciliation, UncreditedRow } from "../result/types.js";
import { detailOf, isCredited, reasonOf, reconciliationPeriod, type RowStatus } from "./credit.js";
import { rowKeyOf, type Engine } from "./engine.js";

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per source table and period: rows in = credited + uncredited, every row accounted for. */
export function reconcile(engine: Engine, selected: Set<number>): Reconciliation[] {
  const wantedPeriods = new Set([...selected].map((i) => engine.periods[i].id));
  const out: Reconciliation[] = [];
  for (const [name, status] of engine.credit.rows) {
    const table = status.table;
    const money = table.ir.columns.find((c) => c.type.startsWith("money"));
    const col = money ? table.columns.get(money.name) : undefined;
    const amountCol = col?.kind === "decimal" ? col : null;
    const keyOf = rowKeyOf(table);
    out.push(...reconcileTable(engine, name, status, amountCol, keyOf, wantedPeriods, amountCol !== null && amountCol.exact === null));
  }
  return out.sort((a, b) => cmp(a.table, b.table) || cmp(a.period, b.period) || cmp(a.currency, b.currency));
}

/** The first and last day of a day column (NaN days aside; [Infinity, -Infinity] when none). */
function daySpan(days: ArrayLike<number>, n: number): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < n; r++) {
    const day = days[r];
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return [first, last];
}

function reconcileTable(
  engine: Engine,
  name: string,
  status: RowStatus,
  amountCol: (ColumnData & { kind: "decimal" }) | null,
  keyOf: (row: number) => string,
  wantedPeriods: Set<string>,
  useInts: boolean,
): Reconciliation[] {
    const table = status.table;
    const out: Reconciliation[] = [];
    // Amounts of different currencies are never added: one entry per period and currency.
    const moneyColumn = table.ir.columns.find((c) => c.name === amountCol?.name);
    const currencyCol = moneyColumn?.currencyColumn ? table.columns.get(moneyColumn.currencyColumn) : undefined;
    const currencies = currencyCol?.kind === "string" ? currencyCol.values : null;
    const fixedCurrency = moneyColumn ? (/^money\[([A-Z]{3})\]$/.exec(moneyColumn.type)?.[1] ?? engine.ir.plan.currency) : engine.ir.plan.currency;
    // The integer sums (in, credited, sum of absolute values) in a Float64Array: as object fields
    // they start as small integers and turn into doubles, a map change that made the optimiser drop
    // the row loop's compiled code (it then ran interpreted for most of a 1M-row table).
    type Group = { period: string; currency: string; rows: number; ints: Float64Array; exactIn: Dec; exactCred: Dec; uncredited: UncreditedRow[] };
    const groups = new Map<string, Group>();
    const keyed = table.ir.columns.some((c) => c.key);
    // Per distinct day: its period, whether the run wants it, and (one currency) its group. Found by
    // the day's offset from the first day in an array while the days span less than 2^16 (one
    // look-up a row: a Map of numbers cost a hash per row), else in a Map.
    // (`group` starts as a placeholder group, not null: a field that turns from null into an object
    // also made the optimiser drop the loop's code.)
    type Day = { period: string; wanted: boolean; group: Group };
    const noGroup: Group = { period: "", currency: "", rows: 0, ints: new Float64Array(3), exactIn: ZERO, exactCred: ZERO, uncredited: [] };
    const byDay = new Map<number, Day>();
    const dated = status.day;
    const [first, last] = dated ? daySpan(dated, table.rowCount) : [Infinity, -Infinity];
    const span = last - first;
    const byOffset: (Day | undefined)[] = [];
    if (span >= 0 && span < 1 << 16) for (let k = 0; k <= span; k++) byOffset.push(undefined);
    const groupOf = (period: string, currency: string): Group => {
      const groupKey = currencies ? `${period}\u0000${currency}` : period;
      let g = groups.get(groupKey);
      if (!g) groups.set(groupKey, (g = { period, currency, rows: 0, ints: new Float64Array(3), exactIn: ZERO, exactCred: ZERO, uncredited: [] }));
      return g;
    };
    for (let r = 0; r < table.rowCount; r++) {
      const day = dated ? dated[r] : NaN;
      const offset = day - first;
      const dense = offset >= 0 && offset < byOffset.length && offset === Math.floor(offset);
      let d = dense ? byOffset[offset] : byDay.get(day);
      if (d === undefined) {
        const period = reconciliationPeriod(engine, status, r);
        d = { period, wanted: wantedPeriods.has(period), group: noGroup };
        if (dense) byOffset[offset] = d;
        else byDay.set(day, d);
      }
      // Rows in no period of the plan (outside it, or without a date) are listed in every run.
      const reason = d.wanted ? null : reasonOf(status, r);
      if (!d.wanted && reason !== "outside-plan" && reason !== "no-date") continue;
      const g = currencies ? groupOf(d.period, currencies[r] ?? "") : d.group !== noGroup ? d.group : (d.group = groupOf(d.period, fixedCurrency));
      g.rows++;
      const credited = isCredited(status, r);
      if (useInts) {
        const v = amountCol!.ints[r];
        if (v === v) {
          const ints = g.ints;
          ints[0] += v;
          ints[2] += v < 0 ? -v : v;
          if (credited) ints[1] += v;
        }
      } else if (amountCol) {
        const v = decimalAt(amountCol, r) ?? ZERO;
        g.exactIn = g.exactIn.plus(v);
        if (credited) g.exactCred = g.exactCred.plus(v);
      }
      if (!credited) {
        const amount = amountCol ? (decimalAt(amountCol, r) ?? ZERO) : ZERO;
        g.uncredited.push({
          table: name,
          row: keyed ? null : table.lines.lineOf(r),
          key: keyOf(r),
          amount: decText(amount),
          reason: reasonOf(status, r) ?? "no-person",
          detail: detailOf(status, r) ?? "",
        });
      }
    }
    // Every partial sum is exact while the sum of absolute values is a safe integer (it only grows,
    // so once past the bound it stays past it): else the table again in Decimal.
    if (useInts && [...groups.values()].some((g) => !(g.ints[2] <= Number.MAX_SAFE_INTEGER))) {
      return reconcileTable(engine, name, status, amountCol, keyOf, wantedPeriods, false);
    }
    for (const g of groups.values()) {
      const scale = amountCol?.scale ?? 0;
      const toDec = (int: number): Dec => Dec.scaled(int, scale);
      const amountIn = useInts ? toDec(g.ints[0]) : g.exactIn;
      const credited = useInts ? toDec(g.ints[1]) : g.exactCred;
      out.push({
        table: name,
        period: g.period,
        currency: g.currency,
        rows: g.rows,
        amountIn: decText(amountIn),
        credited: decText(credited),
        uncredited: decText(amountIn.minus(credited)),
        uncreditedRows: g.uncredited.sort((a, b) => cmp(a.key, b.key) || (a.row ?? 0) - (b.row ?? 0)),
      });
    }
    return out;
}
