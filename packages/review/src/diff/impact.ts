import {
  absAmount,
  addAmounts,
  amountOf,
  compareAmounts,
  formatAmount,
  subAmounts,
  ZERO_AMOUNT,
  type Amount,
} from "../util/amount.js";
import type { PersonInfo, ResultView } from "../result-view.js";

/** Before, after and delta as exact decimal strings. */
export interface Movement {
  before: string;
  after: string;
  delta: string;
}

export interface PersonComponentImpact extends Movement {
  person: string;
  name: string;
  region: string | null;
  /** A component name, or `payout:<kind>` for a plan-level adjustment (cap, guarantee…). */
  component: string;
}

export interface PersonImpact extends Movement {
  person: string;
  name: string;
  region: string | null;
}

export interface PayoutImpact {
  /** The periods both runs evaluated, in order. */
  periods: string[];
  /** The people column regions come from, or null when the people table has none. */
  regionColumn: string | null;
  /** Every person × component with a line in either run, sorted by person then component. */
  rows: PersonComponentImpact[];
  /** Payable per person (components and plan-level adjustments), sorted by person. */
  people: PersonImpact[];
  /** The people whose payable moved, largest absolute delta first (ties by person id). */
  movers: PersonImpact[];
  byComponent: ({ component: string } & Movement)[];
  byRegion: ({ region: string } & Movement)[];
  total: Movement;
  /** What the runs said about the data (quarantined rows, missing files): figures that leave something out. */
  dataNotes: string[];
}

interface Acc {
  before: Amount;
  after: Amount;
}

function bump(map: Map<string, Acc>, key: string, side: "before" | "after", amount: Amount): void {
  const acc = map.get(key) ?? { before: ZERO_AMOUNT, after: ZERO_AMOUNT };
  acc[side] = addAmounts(acc[side], amount);
  map.set(key, acc);
}

function movement(acc: Acc, scale: number): Movement {
  return {
    before: formatAmount(acc.before, scale),
    after: formatAmount(acc.after, scale),
    delta: formatAmount(subAmounts(acc.after, acc.before), scale),
  };
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The payout impact of a plan change on one data set: both runs' result lines and adjustments,
 * summed over the run's periods per person and component. Nothing is dropped: a person paid in only
 * one of the runs appears with zero on the other side.
 */
export function payoutImpact(
  before: ResultView,
  after: ResultView,
  people: ReadonlyMap<string, PersonInfo>,
  options: { regionColumn: string | null; scale?: number; movers?: number },
): PayoutImpact {
  const scale = options.scale ?? 2;
  const cells = new Map<string, Acc>();
  const persons = new Map<string, Acc>();
  const components = new Map<string, Acc>();
  const regions = new Map<string, Acc>();
  const add = (side: "before" | "after", person: string, component: string, text: string): void => {
    const amount = amountOf(text);
    bump(cells, JSON.stringify([person, component]), side, amount);
    bump(components, component, side, amount);
  };
  for (const [side, result] of [["before", before], ["after", after]] as const) {
    for (const line of result.lines) add(side, line.person, line.component, line.amount);
    for (const adj of result.adjustments) add(side, adj.person, `payout:${adj.kind}`, adj.amount);
    for (const total of result.totals) {
      const amount = amountOf(total.payable);
      bump(persons, total.person, side, amount);
      bump(regions, people.get(total.person)?.region ?? "(none)", side, amount);
    }
  }
  const info = (id: string): { name: string; region: string | null } => {
    const p = people.get(id);
    return { name: p?.name ?? id, region: p?.region ?? null };
  };
  const rows = [...cells]
    .map(([key, acc]) => {
      const [person, component] = JSON.parse(key) as [string, string];
      return { person, ...info(person), component, ...movement(acc, scale) };
    })
    .sort((a, b) => byKey(a.person, b.person) || byKey(a.component, b.component));
  const personList = [...persons]
    .map(([person, acc]) => ({ person, ...info(person), ...movement(acc, scale), acc }))
    .sort((a, b) => byKey(a.person, b.person));
  const movers = personList
    .filter((p) => compareAmounts(p.acc.after, p.acc.before) !== 0)
    .sort(
      (a, b) =>
        compareAmounts(absAmount(subAmounts(b.acc.after, b.acc.before)), absAmount(subAmounts(a.acc.after, a.acc.before))) ||
        byKey(a.person, b.person),
    )
    .slice(0, options.movers ?? 10);
  const strip = ({ acc: _acc, ...rest }: (typeof personList)[number]): PersonImpact => rest;
  let total: Acc = { before: ZERO_AMOUNT, after: ZERO_AMOUNT };
  for (const acc of persons.values()) {
    total = { before: addAmounts(total.before, acc.before), after: addAmounts(total.after, acc.after) };
  }
  const periods = before.periods.filter((p) => after.periods.includes(p));
  return {
    periods,
    regionColumn: options.regionColumn,
    rows,
    people: personList.map(strip),
    movers: movers.map(strip),
    byComponent: [...components]
      .sort(([a], [b]) => byKey(a, b))
      .map(([component, acc]) => ({ component, ...movement(acc, scale) })),
    byRegion: [...regions].sort(([a], [b]) => byKey(a, b)).map(([region, acc]) => ({ region, ...movement(acc, scale) })),
    total: movement(total, scale),
    dataNotes: [],
  };
}
