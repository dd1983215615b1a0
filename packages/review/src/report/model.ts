import { calendarOf, type PlanIR } from "@carrot/ir";
import { acceptanceOf, type AcceptanceLog, type AcceptanceRecord, type ChainProblem } from "../acceptance/chain.js";
import type { PersonInfo, ResultView } from "../result-view.js";
import {
  addAmounts,
  amountOf,
  formatAmount,
  mulDiv,
  ratio,
  sumAmounts,
  ZERO_AMOUNT,
  type Amount,
} from "../util/amount.js";
import { daysInclusive, periodBounds } from "../util/period.js";
import { nextSteps, type NextStep } from "./next-step.js";
import { attainmentPairs, ratioMeasures } from "./pairs.js";

/**
 * The figures of a report, computed once from the run result and shared by every format (HTML,
 * CSV, xlsx), so that all formats agree with each other and with the runtime's totals. Amounts are
 * exact decimal strings at the plan's scale; per-period lists follow `periods`.
 */
export interface ReportModel {
  plan: { name: string; version: string; hash: string; currency: string };
  periods: string[];
  /** Last day of data the forecast counts from, or null (no forecast). */
  asOf: string | null;
  /** False when the run quarantined rows or reported errors: the figures leave something out. */
  complete: boolean;
  acceptance: { file: string | null; problems: ChainProblem[] };
  statements: Statement[];
  teams: Team[];
  finance: Finance;
}

export interface Money3 {
  earned: string;
  adjustments: string;
  payable: string;
}

export interface StatementLine {
  component: string;
  member: string | null;
  /** Per period; null where the component gave no line. */
  amounts: (string | null)[];
  total: string;
  /** Distinct line statuses over the range (`gated`, `capped`…), `paid` left out. */
  notes: string[];
}

export interface StatementAdjustment {
  kind: string;
  amounts: (string | null)[];
  total: string;
}

export interface AttainmentFigure {
  actual: string | null;
  quota: string | null;
  /** actual / quota as a decimal ratio (4 decimals), or the ratio measure's value. */
  ratio: string | null;
}

export interface AttainmentRow {
  /** `revenue(Cardio)` or `overall_attainment`. */
  label: string;
  measure: string;
  quota: string | null;
  args: string[];
  perPeriod: AttainmentFigure[];
  /** Over the range: summed actual over summed quota (pairs only; a ratio measure has no range value). */
  total: AttainmentFigure;
  /** Band lower bounds (ratios) of the tier table paid on it, for the chart. */
  bands: string[];
}

export interface Statement {
  person: PersonInfo;
  /** The person's acceptance of this plan version, or null: the statement is marked as not accepted. */
  accepted: AcceptanceRecord | null;
  lines: StatementLine[];
  adjustments: StatementAdjustment[];
  perPeriod: Money3[];
  total: Money3;
  attainment: AttainmentRow[];
  /** From the last period of the range: where the person stands now. */
  next: NextStep[];
  /** Components that gave no line because their payout had no value (a missing quota, a division by zero…). */
  omitted: { component: string; member: string | null; periods: string[]; reason: string }[];
  /** With a `pay` clause only: when the range's payables are paid (pay period, amount, periods paid). */
  payments?: { payPeriod: string; amount: string; periods: string[]; partial: boolean }[];
}

export interface TeamMemberRow {
  person: PersonInfo;
  total: Money3;
  /** Range attainment of each pair, same order as Team.attainment. */
  attainment: (string | null)[];
}

export interface Team {
  manager: PersonInfo;
  members: TeamMemberRow[];
  /** Team attainment per pair and args over the range: Σ members' actual / Σ members' quota. */
  attainment: AttainmentRow[];
  /** Σ members' payable over the range. */
  teamPayable: string;
  /** The manager's own lines (overrides, roll-ups) and total. */
  managerLines: StatementLine[];
  managerTotal: Money3;
}

export interface GroupRow {
  key: string;
  amounts: string[];
  total: string;
}

export interface ForecastRow {
  period: string;
  status: "complete" | "partial" | "not-started";
  /** Payable of the period so far. */
  toDate: string;
  daysElapsed: number;
  periodDays: number;
  /** toDate × periodDays / daysElapsed; equal to toDate when complete; null before the period starts. */
  forecast: string | null;
}

export interface Finance {
  byComponent: GroupRow[];
  byRegion: GroupRow[];
  byLevel: GroupRow[];
  byAdjustment: GroupRow[];
  perPeriod: Money3[];
  total: Money3;
  forecast: ForecastRow[];
  regionColumn: string | null;
  levelColumn: string | null;
}

export interface ReportInput {
  ir: PlanIR;
  result: ResultView;
  people: ReadonlyMap<string, PersonInfo>;
  acceptance: { file: string | null; log: AcceptanceLog };
  asOf: string | null;
  regionColumn: string | null;
  levelColumn: string | null;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildReport(input: ReportInput): ReportModel {
  const { ir, result } = input;
  const scale = ir.plan.rounding.scale;
  const periods = result.periods;
  const index = new Map(periods.map((p, i) => [p, i]));
  const fmt = (a: Amount): string => formatAmount(a, scale);
  const personIds = new Set<string>();
  for (const t of result.totals) personIds.add(t.person);
  for (const l of result.lines) personIds.add(l.person);
  const info = (id: string): PersonInfo =>
    input.people.get(id) ?? { id, name: id, region: null, level: null, manager: null };
  const pairs = attainmentPairs(ir);
  const ratios = ratioMeasures(ir, pairs);
  // Indexed once: per person, the argument lists each measure was evaluated with, and the values.
  const measuresBy = new Map<string, Map<string, string | null>>();
  const argsByPerson = new Map<string, Map<string, Map<string, string[]>>>();
  for (const m of result.measures ?? []) {
    const key = JSON.stringify([m.person, m.name, m.args]);
    const byPeriod = measuresBy.get(key) ?? new Map<string, string | null>();
    byPeriod.set(m.period, m.value);
    measuresBy.set(key, byPeriod);
    const names = argsByPerson.get(m.person) ?? new Map<string, Map<string, string[]>>();
    const args = names.get(m.name) ?? new Map<string, string[]>();
    args.set(JSON.stringify(m.args), m.args);
    names.set(m.name, args);
    argsByPerson.set(m.person, names);
  }
  const argsOf = (person: string, name: string): string[][] =>
    [...(argsByPerson.get(person)?.get(name) ?? new Map<string, string[]>())].sort(([a], [b]) => cmp(a, b)).map(([, args]) => args);
  const measureAt = (person: string, name: string, args: string[], period: string): string | null =>
    measuresBy.get(JSON.stringify([person, name, args]))?.get(period) ?? null;

  const bandsOf = (tiers: string | null): string[] => {
    const t = ir.plan.tiers.find((x) => x.name === tiers);
    return t && t.boundType === "ratio" ? t.bands.map((b) => b.from) : [];
  };

  const attainmentFor = (person: string): AttainmentRow[] => {
    const rows: AttainmentRow[] = [];
    for (const pair of pairs) {
      for (const args of argsOf(person, pair.quota)) {
        const perPeriod = periods.map((p): AttainmentFigure => {
          const actual = measureAt(person, pair.measure, args, p);
          const quota = measureAt(person, pair.quota, args, p);
          const r = actual !== null && quota !== null ? ratio(amountOf(actual), amountOf(quota), 4) : null;
          return { actual, quota, ratio: r ? formatAmount(r, 4) : null };
        });
        const actuals = perPeriod.filter((f) => f.actual !== null).map((f) => amountOf(f.actual));
        const quotas = perPeriod.filter((f) => f.quota !== null).map((f) => amountOf(f.quota));
        const actual = actuals.length ? sumAmounts(actuals) : null;
        const quota = quotas.length ? sumAmounts(quotas) : null;
        const r = actual && quota ? ratio(actual, quota, 4) : null;
        rows.push({
          label: args.length ? `${pair.measure}(${args.join(", ")})` : pair.measure,
          measure: pair.measure,
          quota: pair.quota,
          args,
          perPeriod,
          total: { actual: actual ? fmt(actual) : null, quota: quota ? fmt(quota) : null, ratio: r ? formatAmount(r, 4) : null },
          bands: bandsOf(pair.tiers),
        });
      }
    }
    for (const name of ratios) {
      for (const args of argsOf(person, name)) {
        const perPeriod = periods.map((p) => ({ actual: null, quota: null, ratio: measureAt(person, name, args, p) }));
        rows.push({
          label: args.length ? `${name}(${args.join(", ")})` : name,
          measure: name,
          quota: null,
          args,
          perPeriod,
          total: { actual: null, quota: null, ratio: null },
          bands: [],
        });
      }
    }
    return rows;
  };

  const byPerson = <T extends { person: string }>(list: readonly T[]): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const item of list) {
      const items = out.get(item.person);
      if (items) items.push(item);
      else out.set(item.person, [item]);
    }
    return out;
  };
  const linesOf = byPerson(result.lines);
  const adjustmentsOf = byPerson(result.adjustments);
  const totalsOf = byPerson(result.totals);
  const omittedOf = byPerson(result.omitted ?? []);

  const statementLines = (person: string): StatementLine[] => {
    const groups = new Map<string, { component: string; member: string | null; amounts: (Amount | null)[]; notes: Set<string> }>();
    for (const l of linesOf.get(person) ?? []) {
      const key = JSON.stringify([l.component, l.member]);
      const g = groups.get(key) ?? { component: l.component, member: l.member, amounts: periods.map(() => null), notes: new Set<string>() };
      const i = index.get(l.period);
      if (i !== undefined) g.amounts[i] = addAmounts(g.amounts[i] ?? ZERO_AMOUNT, amountOf(l.amount));
      if (l.status && l.status !== "paid") g.notes.add(l.status);
      groups.set(key, g);
    }
    return [...groups.values()]
      .sort((a, b) => cmp(a.component, b.component) || cmp(a.member ?? "", b.member ?? ""))
      .map((g) => ({
        component: g.component,
        member: g.member,
        amounts: g.amounts.map((a) => (a ? fmt(a) : null)),
        total: fmt(sumAmounts(g.amounts.filter((a): a is Amount => a !== null))),
        notes: [...g.notes].sort(),
      }));
  };

  const money3 = (person: string): { perPeriod: Money3[]; total: Money3 } => {
    const per = periods.map(() => ({ earned: ZERO_AMOUNT, adjustments: ZERO_AMOUNT, payable: ZERO_AMOUNT }));
    for (const t of totalsOf.get(person) ?? []) {
      const i = index.get(t.period);
      if (i === undefined) continue;
      per[i] = { earned: amountOf(t.earned), adjustments: amountOf(t.adjustments), payable: amountOf(t.payable) };
    }
    const total = {
      earned: sumAmounts(per.map((p) => p.earned)),
      adjustments: sumAmounts(per.map((p) => p.adjustments)),
      payable: sumAmounts(per.map((p) => p.payable)),
    };
    const f = (m: { earned: Amount; adjustments: Amount; payable: Amount }): Money3 => ({
      earned: fmt(m.earned),
      adjustments: fmt(m.adjustments),
      payable: fmt(m.payable),
    });
    return { perPeriod: per.map(f), total: f(total) };
  };

  const lastPeriod = periods[periods.length - 1];
  const statements: Statement[] = [...personIds].sort(cmp).map((id) => {
    const adjustments = new Map<string, (Amount | null)[]>();
    for (const a of adjustmentsOf.get(id) ?? []) {
      const list = adjustments.get(a.kind) ?? periods.map(() => null);
      const i = index.get(a.period);
      if (i !== undefined) list[i] = addAmounts(list[i] ?? ZERO_AMOUNT, amountOf(a.amount));
      adjustments.set(a.kind, list);
    }
    const { perPeriod, total } = money3(id);
    return {
      person: info(id),
      accepted: acceptanceOf(input.acceptance.log, id, result.plan.hash),
      lines: statementLines(id),
      adjustments: [...adjustments]
        .sort(([a], [b]) => cmp(a, b))
        .map(([kind, amounts]) => ({
          kind,
          amounts: amounts.map((a) => (a ? fmt(a) : null)),
          total: fmt(sumAmounts(amounts.filter((a): a is Amount => a !== null))),
        })),
      perPeriod,
      total,
      attainment: attainmentFor(id),
      next: (linesOf.get(id) ?? []).filter((l) => l.period === lastPeriod).flatMap((l) => nextSteps(ir, l)),
      omitted: omittedLines(omittedOf.get(id) ?? [], index),
      ...(result.payments
        ? {
            payments: result.payments
              .filter((p) => p.person === id)
              .map((p) => ({ payPeriod: p.payPeriod, amount: fmt(amountOf(p.amount)), periods: [...p.periods], partial: p.partial === true })),
          }
        : {}),
    };
  });

  const byId = new Map(statements.map((s) => [s.person.id, s]));
  const reportsOf = new Map<string, Statement[]>();
  for (const s of statements) {
    if (s.person.manager !== null && byId.has(s.person.manager)) reportsOf.set(s.person.manager, [...(reportsOf.get(s.person.manager) ?? []), s]);
  }
  const teams: Team[] = statements
    .filter((s) => reportsOf.has(s.person.id))
    .map((manager) => {
      const members = reportsOf.get(manager.person.id)!;
      const attainment: AttainmentRow[] = [];
      const keys = new Map<string, { pair: (typeof pairs)[number]; args: string[] }>();
      for (const m of members) {
        for (const row of m.attainment) {
          if (row.quota === null) continue;
          const pair = pairs.find((p) => p.measure === row.measure && p.quota === row.quota)!;
          keys.set(JSON.stringify([row.measure, row.quota, row.args]), { pair, args: row.args });
        }
      }
      const teamRows = [...keys.entries()].sort(([a], [b]) => cmp(a, b));
      for (const [, { pair, args }] of teamRows) {
        const perPeriod = periods.map((_, i): AttainmentFigure => {
          const rows = members.flatMap((m) => m.attainment.filter((r) => r.measure === pair.measure && r.quota === pair.quota && JSON.stringify(r.args) === JSON.stringify(args)));
          const actual = sumAmounts(rows.map((r) => amountOf(r.perPeriod[i]!.actual)));
          const quota = sumAmounts(rows.map((r) => amountOf(r.perPeriod[i]!.quota)));
          const r = ratio(actual, quota, 4);
          return { actual: fmt(actual), quota: fmt(quota), ratio: r ? formatAmount(r, 4) : null };
        });
        const actual = sumAmounts(perPeriod.map((f) => amountOf(f.actual)));
        const quota = sumAmounts(perPeriod.map((f) => amountOf(f.quota)));
        const r = ratio(actual, quota, 4);
        attainment.push({
          label: args.length ? `${pair.measure}(${args.join(", ")})` : pair.measure,
          measure: pair.measure,
          quota: pair.quota,
          args,
          perPeriod,
          total: { actual: fmt(actual), quota: fmt(quota), ratio: r ? formatAmount(r, 4) : null },
          bands: bandsOf(pair.tiers),
        });
      }
      return {
        manager: manager.person,
        members: members.map((m) => ({
          person: m.person,
          total: m.total,
          attainment: attainment.map(
            (a) => m.attainment.find((r) => r.measure === a.measure && r.quota === a.quota && JSON.stringify(r.args) === JSON.stringify(a.args))?.total.ratio ?? null,
          ),
        })),
        attainment,
        teamPayable: fmt(sumAmounts(members.map((m) => amountOf(m.total.payable)))),
        managerLines: byId.get(manager.person.id)!.lines,
        managerTotal: manager.total,
      };
    });

  return {
    plan: { ...result.plan, currency: result.plan.currency ?? ir.plan.currency },
    periods,
    asOf: input.asOf,
    complete: result.complete ?? true,
    acceptance: { file: input.acceptance.file, problems: input.acceptance.log.problems },
    statements,
    teams,
    finance: finance(input, statements, periods, fmt),
  };
}

function omittedLines(
  list: readonly { period: string; component: string; member: string | null; reason: string }[],
  index: Map<string, number>,
): Statement["omitted"] {
  const groups = new Map<string, Statement["omitted"][number]>();
  for (const o of list) {
    if (!index.has(o.period)) continue;
    const key = JSON.stringify([o.component, o.member, o.reason]);
    const g = groups.get(key) ?? { component: o.component, member: o.member, periods: [], reason: o.reason };
    g.periods.push(o.period);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, periods: g.periods.sort((a, b) => index.get(a)! - index.get(b)!) }))
    .sort((a, b) => cmp(a.component, b.component) || cmp(a.member ?? "", b.member ?? ""));
}

function finance(input: ReportInput, statements: Statement[], periods: string[], fmt: (a: Amount) => string): Finance {
  const group = (keyOf: (s: Statement) => string[], amountsOf: (s: Statement, key: string) => (string | null)[]): GroupRow[] => {
    const acc = new Map<string, Amount[]>();
    for (const s of statements) {
      for (const key of keyOf(s)) {
        const list = acc.get(key) ?? periods.map(() => ZERO_AMOUNT);
        amountsOf(s, key).forEach((a, i) => (list[i] = addAmounts(list[i]!, amountOf(a))));
        acc.set(key, list);
      }
    }
    return [...acc]
      .sort(([a], [b]) => cmp(a, b))
      .map(([key, list]) => ({ key, amounts: list.map(fmt), total: fmt(sumAmounts(list)) }));
  };
  const sumLines = (lines: { amounts: (string | null)[] }[]): (string | null)[] =>
    periods.map((_, i) => fmt(sumAmounts(lines.map((l) => amountOf(l.amounts[i])))));
  const payable = (s: Statement): string[] => s.perPeriod.map((p) => p.payable);
  const perPeriod = periods.map((_, i) => ({
    earned: fmt(sumAmounts(statements.map((s) => amountOf(s.perPeriod[i]!.earned)))),
    adjustments: fmt(sumAmounts(statements.map((s) => amountOf(s.perPeriod[i]!.adjustments)))),
    payable: fmt(sumAmounts(statements.map((s) => amountOf(s.perPeriod[i]!.payable)))),
  }));
  const total = {
    earned: fmt(sumAmounts(perPeriod.map((p) => amountOf(p.earned)))),
    adjustments: fmt(sumAmounts(perPeriod.map((p) => amountOf(p.adjustments)))),
    payable: fmt(sumAmounts(perPeriod.map((p) => amountOf(p.payable)))),
  };
  const scale = input.ir.plan.rounding.scale;
  const forecast = periods.map((period, i): ForecastRow => {
    const toDate = amountOf(perPeriod[i]!.payable);
    const bounds = periodBounds(period, calendarOf(input.ir.plan));
    const complete = { period, status: "complete" as const, toDate: fmt(toDate), daysElapsed: bounds?.days ?? 0, periodDays: bounds?.days ?? 0, forecast: fmt(toDate) };
    if (!bounds || input.asOf === null || input.asOf >= bounds.end) return complete;
    if (input.asOf < bounds.start) {
      return { period, status: "not-started", toDate: fmt(toDate), daysElapsed: 0, periodDays: bounds.days, forecast: null };
    }
    // The run rate: what the days so far earned, stretched linearly over the whole period.
    const elapsed = daysInclusive(bounds.start, input.asOf);
    return {
      period,
      status: "partial",
      toDate: fmt(toDate),
      daysElapsed: elapsed,
      periodDays: bounds.days,
      forecast: formatAmount(mulDiv(toDate, BigInt(bounds.days), BigInt(elapsed), scale), scale),
    };
  });
  return {
    byComponent: group(
      (s) => [...new Set(s.lines.map((l) => l.component))],
      (s, key) => sumLines(s.lines.filter((l) => l.component === key)),
    ),
    byRegion: group((s) => [s.person.region ?? "(none)"], payable),
    byLevel: group((s) => [s.person.level ?? "(none)"], payable),
    byAdjustment: group(
      (s) => s.adjustments.map((a) => a.kind),
      (s, key) => s.adjustments.find((a) => a.kind === key)!.amounts,
    ),
    perPeriod,
    total,
    forecast,
    regionColumn: input.regionColumn,
    levelColumn: input.levelColumn,
  };
}
