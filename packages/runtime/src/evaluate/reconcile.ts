/**
 * The reconciliation of a run: per source table, period and currency, the rows and amounts in,
 * credited and uncredited, every uncredited row listed with its reason.
 */

import { decimalAt, type ColumnData } from "../data/table.js";
import { Dec, ZERO, decText } from "../decimal.js";
import type { Reconciliation, UncreditedRow } from "../result/types.js";
import { detailOf, reasonOf, reconciliationPeriod, type RowStatus } from "./credit.js";
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

/**
 * One table's reconciliation entries. Each row's period is found from its day (`status.day`): a
 * day's period is looked up once, then kept by the day's offset in the plan's periods in an
 * Int32Array (a day outside them, or no day, in a Map), and its group by period (one currency) or
 * by period and the row's currency. The sums of a group are integers (`useInts`: the amount
 * column's scaled integers; rows, in, credited, Σ|in|, four cells a group in one Float64Array)
 * while the sum of absolute values stays a safe integer, else the table is read again in Decimal.
 */
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
  // Amounts of different currencies are never added: one entry per period and currency.
  const moneyColumn = table.ir.columns.find((c) => c.name === amountCol?.name);
  const currencyCol = moneyColumn?.currencyColumn ? table.columns.get(moneyColumn.currencyColumn) : undefined;
  const currencies = currencyCol?.kind === "string" ? currencyCol.values : null;
  const fixedCurrency = moneyColumn ? (/^money\[([A-Z]{3})\]$/.exec(moneyColumn.type)?.[1] ?? engine.ir.plan.currency) : engine.ir.plan.currency;
  const keyed = table.ir.columns.some((c) => c.key);
  const ints = useInts ? amountCol!.ints : null;
  const state = status.state;
  const dated = status.day;

  type Group = { period: string; currency: string; exactIn: Dec; exactCred: Dec; uncredited: UncreditedRow[] };
  const groups: Group[] = [];
  const groupIndex = new Map<string, number>();
  // Per group: rows, amount in, credited, sum of absolute values (integers).
  let sums = new Float64Array(4 * 16);
  const groupOf = (period: string, currency: string): number => {
    const groupKey = currencies ? `${period}\u0000${currency}` : period;
    let g = groupIndex.get(groupKey);
    if (g === undefined) {
      g = groups.length;
      groups.push({ period, currency, exactIn: ZERO, exactCred: ZERO, uncredited: [] });
      groupIndex.set(groupKey, g);
      if (sums.length < 4 * groups.length) {
        const more = new Float64Array(sums.length * 2);
        more.set(sums);
        sums = more;
      }
    }
    return g;
  };

  // Per period seen (a slot): its id, whether the run wants it, its group (one currency; -1: not yet).
  const slotPeriod: string[] = [];
  const slotWanted: boolean[] = [];
  const slotGroup: number[] = [];
  const periods = engine.periods;
  const first = periods.length > 0 ? periods[0].start : 0;
  const span = periods.length > 0 && periods[periods.length - 1].end - first < 1 << 16 ? periods[periods.length - 1].end - first + 1 : 0;
  const slotAt = new Int32Array(span).fill(-1);
  const slotByDay = new Map<number, number>();
  /** The slot of row r's day (found once a day). */
  const slotOf = (r: number, day: number, offset: number): number => {
    const dense = offset >= 0 && offset < span && offset === Math.floor(offset);
    const known = dense ? -1 : slotByDay.get(day);
    if (known !== undefined && known >= 0) return known;
    const period = reconciliationPeriod(engine, status, r);
    let slot = slotPeriod.indexOf(period);
    if (slot < 0) {
      slot = slotPeriod.length;
      slotPeriod.push(period);
      slotWanted.push(wantedPeriods.has(period));
      slotGroup.push(-1);
    }
    if (dense) slotAt[offset] = slot;
    else slotByDay.set(day, slot);
    return slot;
  };

  for (let r = 0; r < table.rowCount; r++) {
    const day = dated === null ? NaN : dated[r];
    const offset = day - first;
    let slot = offset >= 0 && offset < span ? slotAt[offset] : -1;
    if (!(slot >= 0)) slot = slotOf(r, day, offset);
    // Rows in no period of the plan (outside it, or without a date) are listed in every run.
    if (!slotWanted[slot]) {
      const reason = reasonOf(status, r);
      if (reason !== "outside-plan" && reason !== "no-date") continue;
    }
    let g = slotGroup[slot];
    if (currencies !== null) g = groupOf(slotPeriod[slot], currencies[r] ?? "");
    else if (g < 0) g = slotGroup[slot] = groupOf(slotPeriod[slot], fixedCurrency);
    const at = 4 * g;
    sums[at]++;
    const credited = state[r] === 1;
    if (ints !== null) {
      const v = ints[r];
      if (v === v) {
        sums[at + 1] += v;
        if (credited) sums[at + 2] += v;
        sums[at + 3] += v < 0 ? -v : v;
      }
    } else if (amountCol) {
      const v = decimalAt(amountCol, r) ?? ZERO;
      const group = groups[g];
      group.exactIn = group.exactIn.plus(v);
      if (credited) group.exactCred = group.exactCred.plus(v);
    }
    if (!credited) {
      const amount = amountCol ? (decimalAt(amountCol, r) ?? ZERO) : ZERO;
      groups[g].uncredited.push({
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
  if (useInts && groups.some((_, g) => !(sums[4 * g + 3] <= Number.MAX_SAFE_INTEGER))) {
    return reconcileTable(engine, name, status, amountCol, keyOf, wantedPeriods, false);
  }
  const scale = amountCol?.scale ?? 0;
  return groups.map((g, k) => {
    const amountIn = useInts ? Dec.scaled(sums[4 * k + 1], scale) : g.exactIn;
    const credited = useInts ? Dec.scaled(sums[4 * k + 2], scale) : g.exactCred;
    return {
      table: name,
      period: g.period,
      currency: g.currency,
      rows: sums[4 * k],
      amountIn: decText(amountIn),
      credited: decText(credited),
      uncredited: decText(amountIn.minus(credited)),
      uncreditedRows: g.uncredited.sort((a, b) => cmp(a.key, b.key) || (a.row ?? 0) - (b.row ?? 0)),
    };
  });
}
