import type { PlanIR } from "@carrot/ir";
import { validateIr } from "./validate.js";
import type { Dataset } from "../data/dataset.js";
import { decimalAt, type TableData } from "../data/table.js";
import { Dec, DecSum, ZERO, decText, roundDec } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import type {
  Adjustment,
  MeasureValue,
  OmittedLine,
  ResultLine,
  RunResult,
  Total,
} from "../result/types.js";
import type { LineOutcome } from "./context.js";
import { Engine, type ValueOverride, type ValueSlot } from "./engine.js";
import { showValue } from "./values.js";
import { holdDetail } from "./holds.js";
import { paymentsOf } from "./payments.js";
import { guaranteeRule } from "./guarantee.js";
import { runChecks } from "./checks.js";
import { reconcile } from "./reconcile.js";
import { LazyOmittedLine, TraceSource } from "./lazy-trace.js";
import { LineColumns, defineLazy, type LineNames } from "./line-columns.js";

export interface EvaluateOptions {
  /** Evaluate only these periods (ids of the plan's grain). */
  periods?: string[];
  /** Evaluate the plan's periods from this one on / up to this one (inclusive). */
  from?: string;
  to?: string;
  /** Pin measures, quotas or lets for a person (what-if, tests' `given`). */
  overrides?: ValueOverride[];
  /** Record traces (default true). */
  trace?: boolean;
  /** Report measure and quota values per person and period (default true). */
  measures?: boolean;
}

/**
 * Evaluates a plan IR against a dataset. Pure and deterministic; never throws on user data: what
 * goes wrong is in `diagnostics`, and `complete` says whether the figures leave anything out.
 */
export function evaluate(ir: PlanIR, data: Dataset, options: EvaluateOptions = {}): RunResult {
  return evaluateWith(ir, data, options, false);
}

/**
 * Internal (tests): `evaluate` with every trace built during the run on a traced engine, as before
 * traces were computed when read (`lazy-trace.ts`). Same result, byte for byte.
 */
export function evaluateEagerTraces(ir: PlanIR, data: Dataset, options: EvaluateOptions = {}): RunResult {
  return evaluateWith(ir, data, options, true);
}

function evaluateWith(ir: PlanIR, data: Dataset, options: EvaluateOptions, eagerTraces: boolean): RunResult {
  const valid = validateIr(ir);
  if (!valid.ok) return emptyResult(ir, data, valid.diagnostics);
  try {
    return run(ir, data, options, eagerTraces);
  } catch (error) {
    // A bug of the runtime, never a data problem: still reported as data, not thrown at the caller.
    return emptyResult(ir, data, [
      {
        code: "R0042",
        severity: "error",
        message: `internal evaluation error: ${error instanceof Error ? error.message : String(error)}`,
        file: null,
        row: null,
        column: null,
      },
    ]);
  }
}

function emptyResult(ir: PlanIR, data: Dataset, diagnostics: DataDiagnostic[]): RunResult {
  const plan = (ir as Partial<PlanIR>).plan;
  return {
    plan: { name: plan?.name ?? "", version: plan?.version ?? "", hash: (ir as Partial<PlanIR>).hash ?? "", currency: plan?.currency ?? "" },
    periods: [],
    lines: [],
    adjustments: [],
    totals: [],
    measures: [],
    reconciliation: [],
    omitted: [],
    dataQuality: dataQuality(data),
    diagnostics: [...data.diagnostics, ...diagnostics],
    complete: false,
  };
}

function dataQuality(data: Dataset): RunResult["dataQuality"] {
  return [...data.tables.values()]
    .map((t) => ({ table: t.name, file: t.file, rowsRead: t.rowsRead, rowsAccepted: t.rowCount, rowsQuarantined: t.quarantined.length }))
    .sort((a, b) => cmp(a.table, b.table));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function selectPeriods(engine: Engine, options: EvaluateOptions, diagnostics: DataDiagnostic[]): number[] {
  const ids = engine.periods.map((p) => p.id);
  const bad = (p: string): void => {
    diagnostics.push({
      code: "R0043",
      severity: "error",
      message: `period '${p}' is not a ${engine.ir.plan.grain} period of the plan (${ids[0] ?? "none"} .. ${ids[ids.length - 1] ?? "none"})`,
      file: null,
      row: null,
      column: null,
    });
  };
  let selected = ids.map((_, i) => i);
  if (options.periods) {
    const wanted = new Set<number>();
    for (const p of options.periods) {
      const i = ids.indexOf(p);
      if (i < 0) bad(p);
      else wanted.add(i);
    }
    selected = [...wanted].sort((a, b) => a - b);
  }
  if (options.from !== undefined) {
    const i = ids.indexOf(options.from);
    if (i < 0) bad(options.from);
    else selected = selected.filter((x) => x >= i);
  }
  if (options.to !== undefined) {
    const i = ids.indexOf(options.to);
    if (i < 0) bad(options.to);
    else selected = selected.filter((x) => x <= i);
  }
  return selected;
}

function run(ir: PlanIR, data: Dataset, options: EvaluateOptions, eagerTraces: boolean): RunResult {
  // The plan's data checks, on the loaded rows before anything is credited.
  const checkDiagnostics = runChecks(ir, data);
  // Traced, the run itself is untraced and each line's trace is computed when read (lazy-trace.ts).
  const traced = options.trace !== false;
  const engine = new Engine(ir, data, traced && eagerTraces, options.overrides ?? []);
  const diagnostics: DataDiagnostic[] = [];
  const selected = selectPeriods(engine, options, diagnostics);
  const selectedSet = new Set(selected);
  const components = [...ir.plan.components].sort((a, b) => a.order - b.order || cmp(a.name, b.name));
  // Lines are computed in the components' order (what a line reads comes first) and listed in the
  // result's order (component name, member): per person-period, so no sort of the whole result.
  const computeOrder = components.flatMap((comp) => engine.componentMembers(comp).map((member) => ({ comp, member })));
  // Each listed line with its slot in `outcomes` and its component's shared untraced trace (found once a run).
  const emitOrder = computeOrder
    .map((line, at) => ({ ...line, at, untraced: engine.untracedTrace(line.comp) }))
    .sort((a, b) => cmp(a.comp.name, b.comp.name) || cmp(a.member ?? "", b.member ?? ""));
  const membersOf = components.map((comp) => engine.componentMembers(comp));
  const slotsOf = components.map((comp, c) => membersOf[c].map((member) => engine.lineSlotOf(comp, member)));
  const outcomes: (LineOutcome | Dec)[] = new Array(computeOrder.length);
  const measureList = options.measures !== false ? measureDefinitions(engine) : [];

  // Who is evaluated in which requested period.
  const byPerson = new Map<number, number[]>();
  for (const i of selected) {
    for (let row = 0; row < engine.personIds.length; row++) {
      if (engine.isEvaluated(row, i)) {
        let list = byPerson.get(row);
        if (!list) byPerson.set(row, (list = []));
        list.push(i);
      }
    }
  }

  const omitted: OmittedLine[] = [];
  // The lines as columns, made into objects when `lines` is first read (line-columns.ts).
  let capacity = 0;
  for (const wanted of byPerson.values()) capacity += wanted.length;
  const lines = new LineColumns(Math.min(capacity * emitOrder.length, 1 << 20), traced && eagerTraces);
  const adjustments: Adjustment[] = [];
  const totals: Total[] = [];
  const measures: MeasureValue[] = [];
  const payout = ir.plan.payout;
  const payments = payout.settle ? paymentsIndex(data.tables.get(payout.settle.table)) : null;
  const rounding = ir.plan.rounding;
  const guarantee = payout.guarantee ? guaranteeRule(engine, payout.guarantee, rounding) : null;
  // Amounts show the plan's scale (`75.00`); an unrounded amount (rounding on component/total) shows all its digits.
  const amountText = (d: Dec): string => (d.decimalPlaces() <= rounding.scale ? decText(d, rounding.scale) : decText(d));

  const people = [...byPerson.keys()].sort((a, b) => cmp(engine.personIds[a], engine.personIds[b]));
  // Two evaluated rows with one id (only when the people file lacks ids): the lists are then sorted
  // as a whole, which interleaves their lines.
  const sameIds = people.some((row, k) => k > 0 && engine.personIds[people[k - 1]] === engine.personIds[row]);
  // The order people are evaluated in (the lists are still made in `people` order).
  const order = computeOrderOf(engine, people);
  const wantedYear = new Uint8Array(engine.periods.length);
  // Per person-period scratch, made once a run: the adjustments (copied into the result), the sums.
  const periodAdjustments: Adjustment[] = [];
  let adjPerson = "";
  let adjPeriod = "";
  const adjust = (kind: Adjustment["kind"], amount: Dec, detail: string, component: string | null = null): void => {
    if (!amount.isZero()) periodAdjustments.push({ person: adjPerson, period: adjPeriod, kind, component, amount: amountText(amount), detail });
  };
  const componentSum = new DecSum();
  const earnedSum = new DecSum();
  const releaseAfter = releaseSchedule(engine, order);
  const traces =
    traced && !eagerTraces
      ? new TraceSource(
          // The overrides as given now (the traced engine is made on the first read).
          { ir, data, overrides: (options.overrides ?? []).map((o) => ({ ...o, ...(o.args ? { args: [...o.args] } : {}) })), computeOrder, selected: selectedSet, people: order, byPerson, releaseAfter, measures: measureList },
          engine,
        )
      : null;
  // Out of id order: where each person's part of the five lists starts (then put in id order).
  const marks = order !== people ? new Int32Array((order.length + 1) * 5) : null;
  const mark = (k: number): void => {
    marks![k * 5] = lines.length;
    marks![k * 5 + 1] = omitted.length;
    marks![k * 5 + 2] = adjustments.length;
    marks![k * 5 + 3] = totals.length;
    marks![k * 5 + 4] = measures.length;
  };
  for (let position = 0; position < order.length; position++) {
    if (marks) mark(position);
    const row = order[position];
    const person = engine.personIds[row];
    const wanted = byPerson.get(row)!;
    // Plan-level rules carry state through the plan year: walk each touched year from its start.
    const last = wanted[wanted.length - 1];
    wantedYear.fill(0);
    for (const w of wanted) wantedYear[engine.planYearOf(w)] = 1;
    let state = freshYearState();
    let year = -1;
    for (let i = 0; i <= last; i++) {
      const y = engine.planYearOf(i);
      if (y !== year) {
        year = y;
        state = freshYearState();
      }
      if (wantedYear[y] === 0) continue;
      if (!engine.isEvaluated(row, i)) continue;
      const pp = engine.pp(row, i);
      const period = pp.period.id;
      const emit = selectedSet.has(i);
      adjPerson = person;
      adjPeriod = period;
      periodAdjustments.length = 0;
      earnedSum.reset();
      let roundingDelta = ZERO;
      let at = 0;
      let holdDelta = ZERO;
      for (let c = 0; c < components.length; c++) {
        const comp = components[c];
        componentSum.reset();
        const members = membersOf[c];
        const slots = slotsOf[c];
        for (let m = 0; m < members.length; m++) {
          const member = members[m];
          // Untraced, a paid line without hold is its amount alone (no outcome object per line).
          const o = engine.lineMemoAt(pp, comp, member, slots[m]);
          outcomes[at++] = o;
          if (o instanceof Dec) componentSum.add(o);
          else if (o.kind === "line") {
            componentSum.add(o.amount);
            // A held line is earned but not due: taken back before the plan-level rules see it.
            if (o.held && !o.held.released) {
              holdDelta = holdDelta.minus(o.amount);
              adjust("hold", o.amount.neg(), holdDetail(o.held, member), comp.name);
            }
          }
        }
        earnedSum.addSum(componentSum);
        if (rounding.on === "component") {
          const sum = componentSum.value();
          const d = roundDec(sum, rounding.scale, rounding.mode).minus(sum);
          roundingDelta = roundingDelta.plus(d);
          if (!d.isZero()) adjust("rounding", d, `${comp.name} rounded to ${rounding.scale} places (${rounding.mode})`, comp.name);
        }
      }
      const earned = earnedSum.value();
      if (rounding.on === "total") {
        roundingDelta = roundDec(earned, rounding.scale, rounding.mode).minus(earned);
        if (!roundingDelta.isZero()) adjust("rounding", roundingDelta, `total rounded to ${rounding.scale} places (${rounding.mode})`);
      }
      let due = earned.plus(roundingDelta).plus(holdDelta);
      if (payout.cap) {
        const cap = new Dec(payout.cap.amount);
        let capAdj: Dec;
        if (payout.cap.per === "period") capAdj = Dec.min(ZERO, cap.minus(due));
        else {
          state.ytdBase = state.ytdBase.plus(due);
          const allowed = Dec.min(cap, state.ytdBase).minus(state.ytdCapped);
          // What was paid so far in the year becomes min(cap, earned to date): after the cap cut
          // earlier periods, a return lowers what was earned above the cap first (a positive
          // adjustment), and is clawed back only below the cap.
          capAdj = allowed.minus(due);
          state.ytdCapped = state.ytdCapped.plus(due.plus(capAdj));
        }
        adjust("cap", capAdj, `plan cap ${payout.cap.amount} per ${payout.cap.per}`);
        due = due.plus(capAdj);
      }
      // A guarantee is owed for periods of employment, not to someone only credited (before a start date).
      const guaranteed = payout.guarantee && guarantee && engine.isEmployed(row, i) ? guarantee(pp) : null;
      if (payout.guarantee && guaranteed) {
        const g = guaranteed.amount;
        if (due.lt(g)) {
          const topUp = g.minus(due);
          if (payout.guarantee.recoverable) {
            state.draw = state.draw.plus(topUp);
            adjust("draw", topUp, `recoverable draw up to ${guaranteed.text}; balance ${decText(state.draw)}`);
          } else adjust("guarantee", topUp, `guaranteed ${guaranteed.text} per period`);
          due = g;
        } else if (payout.guarantee.recoverable && state.draw.gt(0)) {
          const recovery = Dec.min(state.draw, due.minus(g));
          state.draw = state.draw.minus(recovery);
          adjust("recovery", recovery.neg(), `draw recovered; balance ${decText(state.draw)}`);
          due = due.minus(recovery);
        }
      }
      let payable = due;
      if (payout.settle && payments) {
        state.ytdDue = state.ytdDue.plus(due);
        let paidBefore = ZERO;
        // Every earlier period of the plan year: what payroll recorded, else what this run computed.
        for (let j = i - 1; j >= 0 && engine.planYearOf(j) === y; j--) {
          const recorded = payments.get(person)?.get(engine.periods[j].id);
          paidBefore = paidBefore.plus(recorded ?? state.payments.get(j) ?? ZERO);
        }
        const detail = `year to date ${decText(state.ytdDue)} earned, ${decText(paidBefore)} paid before`;
        // A period payroll already paid (a row of the payments table) is closed: its payment is
        // what was paid, and what it is short of (a late sale, a correction) goes to the next
        // period that is not closed.
        const closed = payments.get(person)?.get(period);
        let payment: Dec;
        if (closed !== undefined) {
          payment = closed;
          adjust("settlement", payment.minus(due), `closed: paid ${decText(closed)} by payroll; ${detail}`);
        } else {
          payment = state.ytdDue.minus(paidBefore);
          if (payout.settle.carry && payment.isNegative()) payment = ZERO;
          if (payment.isNegative() && !payment.isZero()) {
            adjust("settlement", due.neg(), detail);
            adjust("clawback", payment, `${detail}: paid back`);
          } else adjust("settlement", payment.minus(due), detail);
        }
        state.payments.set(i, payment);
        payable = payment;
      }
      if (!emit) continue;
      for (const { comp, member, at, untraced } of emitOrder) {
        const o = outcomes[at];
        // An untraced memo holds a paid line's amount only (its trace the component's shared one).
        if (o instanceof Dec) lines.push(row, i, at, "paid", o, untraced);
        else if (o.kind === "line") lines.push(row, i, at, o.status, o.amount, o.trace);
        else if (o.kind === "omitted") {
          omitted.push(
            traces
              ? new LazyOmittedLine(person, period, comp.name, member, traces, traces.key(row, i, at))
              : { person, period, component: comp.name, member, reason: "no-value", trace: o.trace },
          );
        }
      }
      if (periodAdjustments.length > 1) periodAdjustments.sort(byAdjustmentKind);
      let adjSum = ZERO;
      for (const a of periodAdjustments) {
        adjustments.push(a);
        adjSum = adjSum.plus(a.amount);
      }
      // (The payable is often the earned amount itself: one text for both.)
      const earnedText = amountText(earned);
      totals.push({ person, period, earned: earnedText, adjustments: amountText(adjSum), payable: payable === earned ? earnedText : amountText(payable) });
      if (options.measures !== false) measureValues(engine, pp, measureList, measures);
    }
    for (const done of releaseAfter[position]) engine.release(done);
  }
  let listed = { omitted, adjustments, totals, measures };
  // Where each person's part of the lists is, in id order ([from, to) ranges of the made lists).
  let ranges: Int32Array | null = null;
  if (marks) {
    // (Diagnostics show the first occurrence in the result's order whatever the compute order:
    // `Engine.report`.)
    mark(order.length);
    ranges = idOrderRanges(people, order, marks);
    listed = inIdOrder(ranges, listed);
  }
  // What the lines are made from when first read (not the engine: an untraced result holds no memo).
  const names: LineNames = {
    personIds: engine.personIds,
    periodIds: engine.periods.map((p) => p.id),
    components: computeOrder.map((l) => l.comp.name),
    members: computeOrder.map((l) => l.member),
    untraced: computeOrder.map((l) => engine.untracedTrace(l.comp)),
    amountText,
  };
  const lineOrder = sameIds ? byLine(engine) : null;
  const makeLines = (): ResultLine[] => {
    const made: ResultLine[] = [];
    if (ranges === null) lines.materialize(made, 0, lines.length, names, traces);
    else for (let k = 0; k < people.length; k++) lines.materialize(made, ranges[k * 10], ranges[k * 10 + 1], names, traces);
    return lineOrder ? made.sort(lineOrder) : made;
  };

  const reconciliation = reconcile(engine, selectedSet);
  const planPeriods = new Set(engine.periods.map((p) => p.id));
  const releaseDiagnostics = payout.release ? engine.releases.unmatched(new Set(selected.map((i) => engine.periods[i].id)), planPeriods) : [];
  const evalDiagnostics = [...engine.evaluationDiagnostics(), ...releaseDiagnostics];
  // A reference cycle's trace depends on where it was entered: traces are then replayed in the run's order.
  if (traces && evalDiagnostics.some((d) => d.code === "R0042")) traces.runOrder = true;
  const allDiagnostics = [...data.diagnostics, ...checkDiagnostics, ...diagnostics, ...evalDiagnostics];
  const quality = dataQuality(data);
  const result: RunResult = {
    plan: { name: ir.plan.name, version: ir.plan.version, hash: ir.hash, currency: ir.plan.currency },
    periods: selected.map((i) => engine.periods[i].id),
    lines: [] as ResultLine[],
    adjustments: sameIds ? listed.adjustments.sort(byAdjustment(engine)) : listed.adjustments,
    totals: listed.totals,
    measures: listed.measures,
    reconciliation,
    omitted: sameIds ? listed.omitted.sort(byLine(engine)) : listed.omitted,
    dataQuality: quality,
    diagnostics: allDiagnostics,
    complete: !allDiagnostics.some((d) => d.severity === "error") && quality.every((q) => q.rowsQuarantined === 0),
    ...(ir.plan.pay ? { payments: paymentsOf(listed.totals, engine.periods, selectedSet, ir.plan.pay, amountText, engine.calendar) } : {}),
  };
  defineLazy(result, "lines", makeLines);
  return result;
}

/** Tests turn the reports-first order off to compare it with id order (never off in a run). */
export const evaluationOrder = { reportsFirst: true };

/**
 * The order people are evaluated in. When the plan reads teams, a manager's `team`/`reports` reads
 * compute its reports' lines and values; in id order (managers often first) those memos then wait
 * for the report's own turn and outlive scavenges (promoted: most of the run's GC). Evaluated
 * reports before their manager instead (a depth-first post-order of the reporting tree from the
 * people in id order, reports in id order; a reporting cycle is entered once), a report's memos
 * are read and freed soon after they are made. The figures do not depend on the order (every value
 * and line is a function of its person-period), nor do the diagnostics (`Engine.report` shows the
 * first occurrence in the result's order), as long as no value reads itself: a plan whose IR has
 * a reference cycle (R0042 at run time; the compiler rejects them, C0301), where which value shows
 * no value depends on where the cycle is entered, keeps id order. Without team reads: id order.
 */
function computeOrderOf(engine: Engine, people: number[]): number[] {
  if (!engine.readsTeams || !evaluationOrder.reportsFirst || hasReferenceCycle(engine.ir)) return people;
  const n = engine.personIds.length;
  const rank = new Int32Array(n);
  const seen = new Uint8Array(n);
  let next = 0;
  // Iterative depth-first walk (a deep reporting chain does not grow the call stack).
  const stack: number[] = [];
  const child: number[] = [];
  for (const root of people) {
    if (seen[root] === 1) continue;
    seen[root] = 1;
    stack.push(root);
    child.push(0);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const r = stack[top];
      const reports = engine.reportRows[r];
      const c = child[top];
      if (c < reports.length) {
        child[top] = c + 1;
        const report = reports[c];
        if (seen[report] === 0) {
          seen[report] = 1;
          stack.push(report);
          child.push(0);
        }
      } else {
        rank[r] = next++;
        stack.pop();
        child.pop();
      }
    }
  }
  return [...people].sort((a, b) => rank[a] - rank[b]);
}

type Listed = { omitted: OmittedLine[]; adjustments: Adjustment[]; totals: Total[]; measures: MeasureValue[] };

/**
 * The lists were made in `order` (person k's part from `marks[k × 5 + j]` on, j: 0 lines, 1
 * omitted, 2 adjustments, 3 totals, 4 measures); in `people` order, the k-th person's part of list
 * j is `[ranges[k × 10 + 2j], ranges[k × 10 + 2j + 1])`.
 */
function idOrderRanges(people: number[], order: number[], marks: Int32Array): Int32Array {
  const at = new Map<number, number>();
  order.forEach((row, k) => at.set(row, k));
  const ranges = new Int32Array(people.length * 10);
  people.forEach((row, k) => {
    const p = at.get(row)!;
    for (let j = 0; j < 5; j++) {
      ranges[k * 10 + 2 * j] = marks[p * 5 + j];
      ranges[k * 10 + 2 * j + 1] = marks[(p + 1) * 5 + j];
    }
  });
  return ranges;
}

/** The lists other than lines in `people` order (`idOrderRanges`). */
function inIdOrder(ranges: Int32Array, made: Listed): Listed {
  const pick = <T>(list: T[], j: number): T[] => {
    const out: T[] = [];
    for (let k = 0; k < ranges.length; k += 10) for (let x = ranges[k + 2 * j]; x < ranges[k + 2 * j + 1]; x++) out.push(list[x]);
    return out;
  };
  return { omitted: pick(made.omitted, 1), adjustments: pick(made.adjustments, 2), totals: pick(made.totals, 3), measures: pick(made.measures, 4) };
}

/**
 * After which person (position in `people`) each person's memos can be freed: once the person is
 * done and, when the plan reads teams, once every manager above it is done (a manager reads its
 * reports' lines and values in the same periods; a person's earlier periods are read only by the
 * person). Persons not evaluated but read by a manager are freed after that manager.
 */
function releaseSchedule(engine: Engine, people: number[]): number[][] {
  const schedule: number[][] = people.map(() => []);
  const position = new Int32Array(engine.personIds.length).fill(-1);
  people.forEach((row, k) => (position[row] = k));
  const teams = engine.readsTeams;
  const seen = new Int32Array(engine.personIds.length).fill(-1);
  for (let row = 0; row < engine.personIds.length; row++) {
    let last = position[row];
    if (teams) {
      // Every manager above (a reporting cycle ends the walk).
      seen[row] = row;
      for (let m = engine.managerRow[row]; m >= 0 && seen[m] !== row; m = engine.managerRow[m]) {
        seen[m] = row;
        if (position[m] > last) last = position[m];
      }
    }
    if (last >= 0) schedule[last].push(row);
  }
  return schedule;
}

interface YearState {
  ytdBase: Dec;
  ytdCapped: Dec;
  draw: Dec;
  ytdDue: Dec;
  /** Payments computed by this run, by period index. */
  payments: Map<number, Dec>;
}

function freshYearState(): YearState {
  return { ytdBase: ZERO, ytdCapped: ZERO, draw: ZERO, ytdDue: ZERO, payments: new Map() };
}

function periodOrder(engine: Engine): Map<string, number> {
  return new Map(engine.periods.map((p, i) => [p.id, i]));
}

function byLine(engine: Engine) {
  const order = periodOrder(engine);
  return (a: { person: string; period: string; component: string; member: string | null }, b: typeof a): number =>
    cmp(a.person, b.person) ||
    (order.get(a.period) ?? 0) - (order.get(b.period) ?? 0) ||
    cmp(a.component, b.component) ||
    cmp(a.member ?? "", b.member ?? "");
}

const ADJUSTMENT_ORDER = ["rounding", "hold", "cap", "guarantee", "draw", "recovery", "settlement", "clawback"];

function byAdjustment(engine: Engine) {
  const order = periodOrder(engine);
  return (a: Adjustment, b: Adjustment): number =>
    cmp(a.person, b.person) || (order.get(a.period) ?? 0) - (order.get(b.period) ?? 0) || byAdjustmentKind(a, b);
}

/** The adjustments of one person-period in the result's order. */
function byAdjustmentKind(a: Adjustment, b: Adjustment): number {
  return ADJUSTMENT_ORDER.indexOf(a.kind) - ADJUSTMENT_ORDER.indexOf(b.kind) || cmp(a.component ?? "", b.component ?? "");
}

/** Payments recorded per person and period (settle cumulative): sums of the table's money column. */
function paymentsIndex(table: TableData | undefined): Map<string, Map<string, Dec>> {
  const out = new Map<string, Map<string, Dec>>();
  if (!table) return out;
  const person = table.ir.columns.find((c) => c.type === "person");
  const period = table.ir.columns.find((c) => c.type === "period");
  const amount = table.ir.columns.find((c) => c.type.startsWith("money"));
  const pc = person && table.columns.get(person.name);
  const qc = period && table.columns.get(period.name);
  const ac = amount && table.columns.get(amount.name);
  if (pc?.kind !== "string" || qc?.kind !== "string" || ac?.kind !== "decimal") return out;
  for (let r = 0; r < table.rowCount; r++) {
    const p = pc.values[r];
    const q = qc.values[r];
    const a = decimalAt(ac, r);
    if (p === null || q === null || a === null) continue;
    let m = out.get(p);
    if (!m) out.set(p, (m = new Map()));
    m.set(q, (m.get(q) ?? ZERO).plus(a));
  }
  return out;
}

interface MeasureDefinition {
  name: string;
  kind: "measure" | "quota";
  type: string;
  /** Every combination of the parameters' members. */
  combos: string[][];
  /** The memo slot of each combination (found once a run, not per person-period). */
  slots: ValueSlot[];
}

/** The measures and quotas listed per person-period, by name, with their argument combinations (once a run). */
function measureDefinitions(engine: Engine): MeasureDefinition[] {
  const values = [...engine.ir.plan.values].filter((v) => v.kind !== "let").sort((a, b) => cmp(a.name, b.name));
  return values.map((v) => {
    const combos = v.params.reduce<string[][]>((acc, p) => acc.flatMap((a) => (engine.index.members.get(p.dimension) ?? []).map((m) => [...a, m])), [[]]);
    return { name: v.name, kind: v.kind as "measure" | "quota", type: v.type, combos, slots: combos.map((args) => engine.valueSlot(v.name, args)) };
  });
}

/** The measure values of a person-period, pushed to `out` (the result's list). */
function measureValues(engine: Engine, pp: ReturnType<Engine["pp"]>, definitions: MeasureDefinition[], out: MeasureValue[]): void {
  for (const v of definitions) {
    for (let k = 0; k < v.combos.length; k++) {
      // A fresh array per listed value (the result owns it), as before.
      const args = [...v.combos[k]];
      const value = engine.reportValueAt(pp, v.slots[k]);
      out.push({ person: pp.person, period: pp.period.id, name: v.name, kind: v.kind, args, value: showValue(value), type: v.type });
    }
  }
}

/**
 * Whether a value or component of the IR reads itself, directly or through others (a reference to
 * a value, a component, or a team's value or component). The compiler rejects such plans (C0301);
 * an IR written by hand may still have one.
 */
function hasReferenceCycle(ir: PlanIR): boolean {
  const edges = new Map<string, Set<string>>();
  const refsOf = (node: unknown, out: Set<string>): void => {
    if (Array.isArray(node)) {
      for (const x of node) refsOf(x, out);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { op?: string; name?: string; target?: { kind?: string; name?: string } | null };
    if ((n.op === "value" || n.op === "component") && typeof n.name === "string") out.add(`${n.op}:${n.name}`);
    if (n.op === "team" && n.target && typeof n.target.name === "string") out.add(`${n.target.kind}:${n.target.name}`);
    for (const v of Object.values(node)) refsOf(v, out);
  };
  for (const v of ir.plan.values) refsOf(v.body, edges.set(`value:${v.name}`, new Set()).get(`value:${v.name}`)!);
  for (const c of ir.plan.components) refsOf(c, edges.set(`component:${c.name}`, new Set()).get(`component:${c.name}`)!);
  // Depth-first search for a back edge (iterative: a long chain does not grow the call stack).
  const state = new Map<string, 1 | 2>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: [string, Iterator<string>][] = [[start, (edges.get(start) ?? new Set<string>()).values()]];
    state.set(start, 1);
    while (stack.length > 0) {
      const [node, it] = stack[stack.length - 1];
      const next = it.next();
      if (next.done) {
        state.set(node, 2);
        stack.pop();
        continue;
      }
      const to = next.value;
      const s = state.get(to);
      if (s === 1) return true;
      if (s === undefined && edges.has(to)) {
        state.set(to, 1);
        stack.push([to, edges.get(to)!.values()]);
      }
    }
  }
  return false;
}
