import type { Calendar, PayIR } from "@carrot/ir";
import { Dec, ZERO } from "../decimal.js";
import type { Period } from "../periods.js";
import type { Payment, Total } from "../result/types.js";

/**
 * The payment calendar (`pay every|next <grain>`): a period's payable is paid in the pay period
 * containing the period's end (`every`), or in the pay period after that one (`next`). Pay periods
 * are periods of the pay grain in the plan's calendar (fiscal quarters with a fiscal year); they
 * may lie after the plan's effective end (December's earnings paid `next month` are paid in
 * January of the following year).
 */
export function payPeriodOf(period: Period, pay: PayIR, calendar: Calendar): Period {
  const containing = calendar.periodOfDay(pay.grain, period.end);
  return pay.timing === "every" ? containing : calendar.periodOfDay(pay.grain, containing.end + 1);
}

/**
 * Payments per person and pay period from the totals of the run: each pay period pays the payables
 * of the evaluated periods it holds, so the payments of a person add up to the payables exactly. A
 * pay period that also pays plan periods the run did not evaluate is marked `partial`.
 */
export function paymentsOf(
  totals: readonly Total[],
  periods: readonly Period[],
  selected: ReadonlySet<number>,
  pay: PayIR,
  amountText: (d: Dec) => string,
  calendar: Calendar,
): Payment[] {
  const index = new Map(periods.map((p, i) => [p.id, i]));
  const payPeriods = periods.map((p) => payPeriodOf(p, pay, calendar));
  const partial = new Set<string>();
  payPeriods.forEach((pp, i) => {
    if (!selected.has(i)) partial.add(pp.id);
  });
  const groups = new Map<string, { person: string; pay: Period; amount: Dec; periods: number[] }>();
  for (const t of totals) {
    const i = index.get(t.period);
    if (i === undefined) continue;
    const pp = payPeriods[i];
    const key = `${t.person}\u0000${pp.id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { person: t.person, pay: pp, amount: ZERO, periods: [] }));
    g.amount = g.amount.plus(new Dec(t.payable));
    g.periods.push(i);
  }
  return [...groups.values()]
    .sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : 0) || a.pay.startMonth - b.pay.startMonth)
    .map((g) => {
      const payment: Payment = {
        person: g.person,
        payPeriod: g.pay.id,
        amount: amountText(g.amount),
        periods: g.periods.sort((a, b) => a - b).map((i) => periods[i].id),
      };
      if (partial.has(g.pay.id)) payment.partial = true;
      return payment;
    });
}
