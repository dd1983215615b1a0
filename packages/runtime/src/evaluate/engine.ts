import type {
  AggregateExpr,
  BuiltinExpr,
  ColumnExpr,
  ComponentIR,
  ConvertExpr,
  Expr,
  PlanIR,
  ProrateExpr,
  TeamExpr,
  TierExpr,
  ValueIR,
} from "@carrot/ir";
import type { Dataset } from "../data/dataset.js";
import type { ColumnData, TableData } from "../data/table.js";
import type { Codes } from "../data/strings.js";
import { Dec, DecSum, ONE, ZERO, decText, decimalMode, roundDec } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { calendarOf, isComparison, type Calendar, type Comparison } from "@carrot/ir";
import { formatDate, monthsSince, parseDate, type Period } from "../periods.js";
import type { BandTrace, LineTrace, TraceStep } from "../result/types.js";
import { Env, LocalScope, Params, PersonPeriod, type Fn, type LineOutcome, type MemoSizes, type ValueEntry } from "./context.js";
import { creditAll, type CreditSet, type CreditRun, type GroupKeys } from "./credit.js";
import { POW10 } from "./packed.js";
import { ancestorsOf, indexPlan, memberDimension, moneyCurrency, type PlanIndex, type PreparedTiers } from "./plan-index.js";
import { compareValues, isDec, showValue, type Value } from "./values.js";
import { holdLine, Releases, type HeldLine } from "./holds.js";
import { compileMatrix } from "./matrix.js";
import {
  cellsOf,
  codeTest,
  maxCells,
  numberTest,
  rangeTest,
  rowTest,
  runSums,
  wholeRunSums,
  type MemberPartition,
  type RowFilter,
  type RunSums,
} from "./run-sums.js";

export interface ValueOverride {
  person: string;
  /** Only in this period; every period when absent. */
  period?: string;
  name: string;
  args?: string[];
  /** A decimal (`1200.50`, `40%`), a date, a member name, `true`/`false`. */
  value: string;
}

/** A row binding inside an aggregate or a credit rule: which table a column name reads. */
interface RowBinding {
  tables: Map<string, { table: TableData; slot: "src" | "join" } | { composite: [TableData, TableData | null] }>;
  /** The date of the row in context (credit rule's dated column, or the table's date column). */
  date: ((env: Env) => number) | null;
}

interface Scope {
  row: RowBinding | null;
  /** What is being compiled, for diagnostics. */
  where: string;
  /** Compiling a component that says `allow negative`: tier tables pay negative values too. */
  allowNegative?: boolean;
  /**
   * A check's table (`compileCheck`): an aggregate over it ranges over the rows of the group in
   * context (`Env.group`), not over a person-period's rows. Kept inside aggregates.
   */
  group?: string;
  /** Given each aggregate's value at this level, not inside another aggregate (a check's figures). */
  figure?: (e: AggregateExpr, value: Value) => void;
}


/** The decimal `v / 10^scale` of a scaled integer, built directly (no text, no division). */
export function scaled(v: number, scale: number): Dec {
  // A zero with places was read as "0.00" (positive zero); without places, as the number itself.
  return Dec.scaled(scale === 0 || v !== 0 ? v : 0, scale);
}

export function columnReader(col: ColumnData, slot: "src" | "join"): Fn {
  const at = slot === "src" ? (env: Env) => env.src : (env: Env) => env.join;
  switch (col.kind) {
    case "decimal": {
      if (col.exact) {
        const exact = col.exact;
        return (env) => exact[at(env)] ?? null;
      }
      const ints = col.ints;
      const scale = col.scale;
      return (env) => {
        const v = ints[at(env)];
        return v !== v || v === undefined ? null : scaled(v, scale);
      };
    }
    case "date": {
      const days = col.days;
      return (env) => {
        const v = days[at(env)];
        return v !== v || v === undefined ? null : v;
      };
    }
    case "string": {
      const read = col.reader();
      return (env) => read(at(env));
    }
    case "bool": {
      const values = col.values;
      return (env) => values[at(env)] ?? null;
    }
  }
}

/**
 * The evaluator of one run: compiles the plan's expressions to closures over the loaded columns,
 * credits every row once, then computes values and lines per person and period on demand, with
 * memoisation (ytd, prior, component and team references read other person-periods).
 */
export class Engine {
  readonly index: PlanIndex;
  readonly periods: Period[];
  readonly effFrom: number;
  readonly effTo: number;
  readonly people: TableData | null;
  readonly personRow = new Map<string, number>();
  readonly personIds: string[] = [];
  readonly managerRow: number[] = [];
  readonly reportRows: number[][] = [];
  readonly diagnostics: DataDiagnostic[] = [];
  private readonly diagnosticCounts = new Map<string, DataDiagnostic & { count: number; place: number; key: string; rowKey?: string }>();
  readonly credit: CreditRun;
  private readonly compiledValues = new Map<string, Fn>();
  private readonly compiledComponents = new Map<string, CompiledComponent>();
  /**
   * Person-periods by `row × periods + periodIndex` (their memos live there): made at its size
   * (filled by push, so a packed array: assigning keys out of order into an empty one turned it into
   * a dictionary).
   */
  private readonly pps: (PersonPeriod | undefined)[] = [];
  private readonly overrides = new Map<string, Value>();
  private readonly tableIndexes = new Map<string, Map<string, Map<string, number[]>>>();
  private readonly fxRates = new Map<string, { day: number; rate: Dec }[]>();
  readonly rounding;
  /** The plan's calendar: calendar-aligned, or its fiscal year. */
  readonly calendar: Calendar;

  constructor(
    readonly ir: PlanIR,
    readonly data: Dataset,
    readonly traceOn: boolean,
    overrides: ValueOverride[],
    /**
     * The credit sets of another engine of this IR and data (a traced engine replaying lines for
     * their traces shares the run's: every trace sorts the row keys it lists, so the order of a
     * group's entries shows in no trace). Without it, rows are credited here (traced: each group
     * in row-key order).
     */
    credit?: CreditRun,
  ) {
    const plan = ir.plan;
    this.index = indexPlan(plan);
    this.rounding = plan.rounding;
    this.lineMode = decimalMode(plan.rounding.mode);
    this.effFrom = parseDate(plan.effective.from) ?? 0;
    this.effTo = parseDate(plan.effective.to) ?? 0;
    this.calendar = calendarOf(plan);
    this.periods = this.calendar.between(plan.grain, this.effFrom, this.effTo);
    this.people = [...data.tables.values()].find((t) => t.role === "people") ?? null;
    this.indexPeople();
    for (let k = this.personIds.length * this.periods.length; k > 0; k--) this.pps.push(undefined);
    for (const o of overrides) this.overrides.set(overrideKey(o.person, o.period ?? "*", o.name, o.args ?? []), parseOverride(o.value));
    this.indexFx();
    this.numberSlots();
    this.credit = credit ?? creditAll(this);
    this.evaluated = this.evaluatedTable();
  }

  /**
   * An engine that credits nothing, for what is evaluated before crediting (a plan's checks,
   * `compileCheck`): it compiles as the run's engine does, untraced and without overrides.
   */
  static beforeCrediting(ir: PlanIR, data: Dataset): Engine {
    return new Engine(ir, data, false, [], { sets: new Map(), rows: new Map() });
  }

  // ---------------------------------------------------------------------------------------------
  // People and periods

  private indexPeople(): void {
    const people = this.people;
    if (!people) return;
    const ids = people.columns.get("id");
    const managers = people.columns.get("manager");
    const idAt = ids && ids.kind === "string" ? ids.reader() : () => null;
    const managerAt = managers && managers.kind === "string" ? managers.reader() : () => null;
    for (let r = 0; r < people.rowCount; r++) {
      const id = idAt(r);
      this.personIds.push(id ?? "");
      if (id !== null) this.personRow.set(id, r);
      this.reportRows.push([]);
    }
    for (let r = 0; r < people.rowCount; r++) {
      const m = managerAt(r);
      const mr = m === null ? -1 : (this.personRow.get(m) ?? -1);
      this.managerRow.push(mr === r ? -1 : mr);
      if (mr >= 0 && mr !== r) this.reportRows[mr].push(r);
    }
  }

  /** Employment [start, end] of a person (open ends when the columns are absent or empty). */
  employment(row: number): [number, number] {
    const start = this.people?.columns.get("start");
    const end = this.people?.columns.get("end");
    const s = start && start.kind === "date" ? start.days[row] : NaN;
    const e = end && end.kind === "date" ? end.days[row] : NaN;
    return [s === s ? s : -Infinity, e === e ? e : Infinity];
  }

  /** Evaluated: active some day of the period, or credited in it (docs/language.md §5). */
  isEvaluated(row: number, periodIndex: number): boolean {
    return this.evaluated[row * this.periods.length + periodIndex] === 1;
  }

  /** Per person-period (`row × periods + periodIndex`): 1 evaluated, else 0 (made once a run). */
  private readonly evaluated: Uint8Array;

  /**
   * The evaluated person-periods: credited in the period (a group of a credit set), or employed some
   * day of it. Built once with each person's employment read once (not per person-period).
   */
  private evaluatedTable(): Uint8Array {
    const P = this.periods.length;
    const out = new Uint8Array(this.personIds.length * P);
    for (const set of this.credit.sets.values()) for (const key of set.groupKeys()) out[key] = 1;
    for (let row = 0; row < this.personIds.length; row++) {
      const [s, e] = this.employment(row);
      for (let i = 0; i < P; i++) {
        const p = this.periods[i];
        if (s <= p.end && e >= p.start) out[row * P + i] = 1;
      }
    }
    return out;
  }

  /** Employed (between `start` and `end`) some day of the period. */
  isEmployed(row: number, periodIndex: number): boolean {
    const p = this.periods[periodIndex];
    const [s, e] = this.employment(row);
    return s <= p.end && e >= p.start;
  }

  private dayToPeriod: Int32Array | null = null;

  /** The plan period of a day, or -1 outside the plan's effective dates. */
  periodIndexOfDay(day: number): number {
    if (!(day >= this.effFrom && day <= this.effTo) || this.periods.length === 0) return -1;
    if (!this.dayToPeriod) {
      const table = new Int32Array(this.effTo - this.effFrom + 1);
      let p = 0;
      for (let d = this.effFrom; d <= this.effTo; d++) {
        while (this.periods[p].end < d) p++;
        table[d - this.effFrom] = p;
      }
      this.dayToPeriod = table;
    }
    return this.dayToPeriod[day - this.effFrom];
  }

  private planYears: Int32Array | null = null;

  /**
   * The plan year of a period, computed once per run: 0 for the first 12 months from the effective
   * start; with a fiscal year, 0 for the fiscal year holding the effective start.
   */
  planYearOf(periodIndex: number): number {
    if (!this.planYears) {
      const first = this.periods[0];
      const startMonth = new Date(this.effFrom * 86400000);
      const effMonth = startMonth.getUTCFullYear() * 12 + startMonth.getUTCMonth();
      const cal = this.calendar;
      this.planYears = cal.fiscal
        ? Int32Array.from(this.periods, (p) => (cal.alignMonth("year", p.startMonth) - cal.alignMonth("year", first.startMonth)) / 12)
        : Int32Array.from(this.periods, (p) => Math.floor((p.startMonth - Math.max(effMonth, first.startMonth)) / 12));
    }
    return this.planYears[periodIndex];
  }

  /** Aggregates that keep per person-period results (`PersonPeriod.aggregates`), numbered at compile time. */
  private aggregateSlotCount = 0;

  /**
   * Frees a person's memos (every period): called by the run once nothing evaluated later reads
   * them. Reading them again would compute them again (and count its diagnostics twice).
   */
  release(row: number): void {
    const P = this.periods.length;
    for (let i = 0; i < P; i++) this.pps[row * P + i] = undefined;
  }

  /** Whether the plan reads other people's values (`team` / `reports`): a manager reads its reports' memos. */
  get readsTeams(): boolean {
    return (this.teamReads ??= hasOp(this.ir.plan, "team"));
  }

  private teamReads: boolean | undefined;

  private sizes: MemoSizes | null = null;

  /** How long a PersonPeriod's memo arrays are made: the slots numbered so far (all of them once `numberSlots` ran). */
  memoSizes(): MemoSizes {
    const sizes = this.sizes;
    if (sizes !== null && sizes.values === this.valueSlotCount && sizes.lines === this.lineSlotCount) return sizes;
    return (this.sizes = { values: this.valueSlotCount, lines: this.lineSlotCount, traced: this.traceOn });
  }

  /**
   * Numbers every component line and every value with each combination of its parameters' members
   * up front (up to a bound), so that every person-period's memo arrays are made at their size.
   * Slots numbered later (a value with other arguments) still work: the arrays grow.
   */
  private numberSlots(): void {
    for (const comp of this.ir.plan.components) for (const member of this.componentMembers(comp)) this.lineSlot(comp, member);
    for (const def of this.ir.plan.values) {
      let combos: string[][] = [[]];
      for (const p of def.params) {
        const members = this.index.members.get(p.dimension) ?? [];
        if (combos.length * members.length > 1024) return;
        combos = combos.flatMap((c) => members.map((m) => [...c, m]));
      }
      for (const args of combos) this.valueSlot(def.name, args);
    }
  }

  pp(row: number, periodIndex: number): PersonPeriod {
    const key = row * this.periods.length + periodIndex;
    let pp = this.pps[key];
    if (pp === undefined) {
      pp = new PersonPeriod(this.personIds[row], row, periodIndex, this.periods[periodIndex], this.memoSizes());
      this.pps[key] = pp;
    }
    return pp;
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  /**
   * `at`: the input row the occurrence is about (its file, line, column and key). Of several
   * occurrences in the same person-period, the one shown is the row with the smallest key, so the
   * diagnostic does not depend on the order of the input rows.
   */
  report(
    code: string,
    where: string,
    message: string,
    pp: PersonPeriod | null,
    severity: "error" | "warning" = "warning",
    at?: { file: string; row: number; column: string | null; rowKey: string },
  ): void {
    if (code === "R0040" && this.reportingOnly > 0) {
      // A value computed only to be shown: its division by zero is held by every value being
      // computed, and reported if and when a component line uses one of them.
      const held: HeldReport = { code, where, message, pp, severity };
      for (const list of this.heldStack) list.push(held);
      return;
    }
    const key = `${code}|${where}`;
    const place = this.placeOf(pp);
    const seen = this.diagnosticCounts.get(key);
    if (seen) {
      seen.count++;
      // The occurrence shown is the first in the result's order (person id, then period), whatever
      // order the run computed them in.
      if (place < seen.place || (place === seen.place && at !== undefined && seen.rowKey !== undefined && at.rowKey < seen.rowKey)) {
        seen.place = place;
        seen.message = message;
        seen.severity = severity;
        if (pp) seen.context = { person: pp.person, period: pp.period.id };
        else delete seen.context;
        if (at) {
          seen.file = at.file;
          seen.row = at.row;
          seen.column = at.column;
          seen.rowKey = at.rowKey;
        }
      }
      return;
    }
    const d: DataDiagnostic & { count: number; place: number; key: string } = {
      code,
      severity,
      message,
      file: null,
      row: null,
      column: null,
      ...(at ? { file: at.file, row: at.row, column: at.column } : {}),
      count: 1,
      place,
      key,
      ...(at ? { rowKey: at.rowKey } : {}),
      ...(pp ? { context: { person: pp.person, period: pp.period.id } } : {}),
    };
    this.diagnosticCounts.set(key, d);
  }

  /** People rows by the order of their ids (made on the first report that needs it). */
  private idRank: Int32Array | null = null;

  /** Where an occurrence stands in the result's order: no person-period first, then by person id and period. */
  private placeOf(pp: PersonPeriod | null): number {
    if (!pp || pp.row < 0) return -1;
    if (!this.idRank) {
      const ids = this.personIds;
      const order = ids.map((_, row) => row).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
      this.idRank = new Int32Array(ids.length);
      order.forEach((row, rank) => (this.idRank![row] = rank));
    }
    return this.idRank[pp.row] * this.periods.length + pp.periodIndex;
  }

  /**
   * Evaluation diagnostics, one per place, with how often it happened: in the result's order of
   * the occurrence shown (then code and place), so that neither depends on the order the run
   * computed person-periods in.
   */
  evaluationDiagnostics(): DataDiagnostic[] {
    return [...this.diagnosticCounts.values()]
      .sort((a, b) => a.place - b.place || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ count, place: _place, key: _key, rowKey: _rowKey, ...d }) => (count > 1 ? { ...d, message: `${d.message} (${count} times; first shown)` } : d));
  }

  private readonly spans = new Map<string, string | null>();

  span(id: string): string | null {
    let span = this.spans.get(id);
    if (span === undefined) this.spans.set(id, (span = this.spanOf(id)));
    return span;
  }

  private spanOf(id: string): string | null {
    const raw = Object.hasOwn(this.ir.sourceMap.spans, id) ? this.ir.sourceMap.spans[id] : undefined;
    if (raw === undefined) return null;
    const m = /^(\d+):(.*)$/.exec(raw);
    const file = m ? this.ir.sourceMap.files[Number(m[1])] : undefined;
    return m && file !== undefined ? `${file}:${m[2]}` : raw;
  }

  // ---------------------------------------------------------------------------------------------
  // Values, lines

  /** Nesting depth of `reportValue`: divisions by zero are held, not reported (see `report`). */
  private reportingOnly = 0;
  /** One list per value being computed while reporting: the reports it holds. */
  private readonly heldStack: HeldReport[][] = [];

  /**
   * A value for the result's measures only. A division by zero met there (a manager without quota)
   * is no warning unless a component line of the run uses that value too.
   */
  reportValue(pp: PersonPeriod, name: string, args: string[]): Value {
    return this.reportValueAt(pp, this.valueSlot(name, args));
  }

  /** `reportValue` by the value's slot (the run's measure list finds each slot once). */
  reportValueAt(pp: PersonPeriod, slot: ValueSlot): Value {
    this.reportingOnly++;
    try {
      return this.valueAt(pp, slot, null);
    } finally {
      this.reportingOnly--;
    }
  }

  /** The parameters of a value or component without any (its own per engine: `found` is numbered per engine). */
  private readonly noParams = new Params();
  /** How many closures keep what they find on the bound parameters (`byParam`). */
  private paramFinds = 0;

  /**
   * `find(member)` for the member the parameter `name` is bound to, kept on the bound parameters
   * (`Params.found`): a closure reading `c` finds its slot, partition or row once per memo slot,
   * not on every read. Parameters of another kind (an Env made elsewhere) are found each time.
   * `find` must depend on nothing but the member, and give no undefined.
   */
  private byParam<T>(name: string, find: (member: string | undefined) => T): (params: ReadonlyMap<string, string>) => T {
    const k = this.paramFinds++;
    return (params) => {
      if (!(params instanceof Params)) return find(params.get(name));
      let v = params.found[k];
      if (v === undefined) params.found[k] = v = find(params.get(name));
      return v as T;
    };
  }

  /** Value slots by name then joined args: each value and arguments has one slot, numbered once a run. */
  private readonly valueSlots = new Map<string, Map<string, ValueSlot>>();
  private valueSlotCount = 0;

  /** The memo slot of `name(args)`, with its parameters bound (built once a run, shared by every person-period). */
  valueSlot(name: string, args: readonly string[]): ValueSlot {
    let byArgs = this.valueSlots.get(name);
    if (!byArgs) this.valueSlots.set(name, (byArgs = new Map()));
    const joined = args.length === 0 ? "" : args.length === 1 ? args[0] : args.join(",");
    let slot = byArgs.get(joined);
    if (slot === undefined) {
      const def = this.index.values.get(name);
      const params = def && def.params.length > 0 ? new Params(def.params.map((p, i) => [p.name, args[i]])) : this.noParams;
      slot = { slot: this.valueSlotCount++, name, args: [...args], def, params, source: def ? this.span(def.id) : null, fn: null };
      byArgs.set(joined, slot);
    }
    return slot;
  }

  /** The memo entry of a value once computed (null when not computed in this person-period). */
  valueEntry(pp: PersonPeriod, name: string, args: readonly string[]): ValueEntry | null {
    const entry = pp.values[this.valueSlot(name, args).slot];
    return entry === undefined || entry === BUSY_VALUE ? null : entry;
  }

  valueOf(pp: PersonPeriod, name: string, args: string[], trace: TraceStep[] | null): Value {
    return this.valueAt(pp, this.valueSlot(name, args), trace);
  }

  /** A value by its slot (the compiled references resolve their slot once per argument). */
  valueAt(pp: PersonPeriod, s: ValueSlot, trace: TraceStep[] | null): Value {
    if (!this.traceOn) return this.plainValueAt(pp, s);
    const { name, args, def } = s;
    let entry = pp.values[s.slot];
    if (entry === BUSY_VALUE) {
      this.report("R0042", `cycle:${name}`, `'${name}' depends on itself`, pp, "error");
      return null;
    }
    if (entry?.held) {
      if (this.reportingOnly > 0) for (const list of this.heldStack) list.push(...entry.held);
      else {
        const held = entry.held;
        entry.held = undefined;
        for (const h of held) this.report(h.code, h.where, h.message, h.pp, h.severity);
      }
    }
    if (!entry) {
      const over =
        this.overrides.size === 0
          ? undefined
          : (this.overrides.get(overrideKey(pp.person, pp.period.id, name, args)) ?? this.overrides.get(overrideKey(pp.person, "*", name, args)));
      if (over !== undefined) entry = { value: over, steps: [], overridden: true };
      else if (!def) {
        this.report("R0042", `value:${name}`, `unknown value '${name}' referenced by the IR`, pp, "error");
        entry = { value: null, steps: null, overridden: false };
      } else {
        // Marked busy in the memo itself (a Set per person-period churned an allocation per value).
        pp.values[s.slot] = BUSY_VALUE;
        const steps = this.traceOn ? [] : null;
        const params = s.params;
        const held: HeldReport[] | null = this.reportingOnly > 0 ? [] : null;
        if (held) this.heldStack.push(held);
        let value: Value;
        try {
          value = this.valueFn(name)(new Env(pp, params, null, steps));
        } finally {
          if (held) this.heldStack.pop();
        }
        entry = { value, steps: steps === null ? null : trimmed(steps), overridden: false };
        if (held !== null && held.length > 0) entry.held = held;
      }
      pp.values[s.slot] = entry;
    }
    if (trace) trace.push(valueStep(name, def?.kind ?? "measure", args, entry, s.source));
    return entry.value;
  }

  /**
   * `valueAt` untraced: the memo holds the value itself (no entry object: what a run keeps per
   * value while other people and periods are evaluated), held reports aside on the PersonPeriod.
   * Same steps in the same order as `valueAt`.
   */
  private plainValueAt(pp: PersonPeriod, s: ValueSlot): Value {
    const { name, args, def } = s;
    const memo = pp.plain[s.slot];
    if (memo !== undefined) {
      if (memo === BUSY_MEMO) {
        this.report("R0042", `cycle:${name}`, `'${name}' depends on itself`, pp, "error");
        return null;
      }
      const held = pp.heldReports?.get(s.slot);
      if (held !== undefined) {
        if (this.reportingOnly > 0) for (const list of this.heldStack) list.push(...held);
        else {
          pp.heldReports!.delete(s.slot);
          for (const h of held) this.report(h.code, h.where, h.message, h.pp, h.severity);
        }
      }
      return memo === NULL_MEMO ? null : (memo as Value);
    }
    const over =
      this.overrides.size === 0
        ? undefined
        : (this.overrides.get(overrideKey(pp.person, pp.period.id, name, args)) ?? this.overrides.get(overrideKey(pp.person, "*", name, args)));
    let value: Value;
    if (over !== undefined) value = over;
    else if (!def) {
      this.report("R0042", `value:${name}`, `unknown value '${name}' referenced by the IR`, pp, "error");
      value = null;
    } else {
      pp.plain[s.slot] = BUSY_MEMO;
      const fn = (s.fn ??= this.valueFn(name));
      const held: HeldReport[] | null = this.reportingOnly > 0 ? [] : null;
      if (held) this.heldStack.push(held);
      const env = this.enter(pp, s.params, null);
      try {
        value = fn(env);
      } finally {
        this.envDepth--;
        if (held) this.heldStack.pop();
      }
      if (held !== null && held.length > 0) (pp.heldReports ??= new Map()).set(s.slot, held);
    }
    pp.plain[s.slot] = value === null ? NULL_MEMO : value;
    return value;
  }

  /** Untraced runs: one Env per nesting depth of value and line computations, reused (`enter`). */
  private readonly envStack: Env[] = [];
  private envDepth = 0;

  /**
   * An untraced Env for one value or line computation, the one of the current depth (no Env
   * allocated per value and line: what a closure is given is only read during the call). The caller
   * leaves with `envDepth--` (in a finally).
   */
  private enter(pp: PersonPeriod, params: ReadonlyMap<string, string>, locals: LocalScope | null): Env {
    let env = this.envStack[this.envDepth];
    if (env === undefined) this.envStack[this.envDepth] = env = new Env(pp, params, locals, null);
    else {
      env.pp = pp;
      env.params = params;
      env.locals = locals;
      env.src = -1;
      env.join = -1;
    }
    this.envDepth++;
    return env;
  }

  private valueFn(name: string): Fn {
    let fn = this.compiledValues.get(name);
    if (!fn) {
      const def = this.index.values.get(name)!;
      fn = this.compile(def.body, { row: null, where: `${def.kind} ${name}` });
      this.compiledValues.set(name, fn);
    }
    return fn;
  }

  private componentFns(comp: ComponentIR): CompiledComponent {
    let c = this.compiledComponents.get(comp.name);
    if (!c) {
      const scope: Scope = { row: null, where: `component ${comp.name}`, allowNegative: comp.allowNegative };
      const lets = new Map(comp.lets.map((l) => [l.name, this.compile(l.value, scope)]));
      c = {
        untraced: this.untracedTrace(comp),
        window: comp.window ? this.windowDays(comp, comp.window) : null,
        eligible: comp.eligible ? this.compile(comp.eligible, scope) : null,
        lets,
        hasLets: lets.size > 0,
        gate: comp.gate ? this.compile(comp.gate, scope) : null,
        payout: this.compile(comp.payout, scope),
        floor: comp.floor ? this.compile(comp.floor, scope) : null,
        cap: comp.cap ? this.compile(comp.cap.value, scope) : null,
        hold: comp.hold ? this.compile(comp.hold.bound, scope) : null,
      };
      this.compiledComponents.set(comp.name, c);
    }
    return c;
  }

  /** The members a component is evaluated for ([null] without `for each`). */
  componentMembers(comp: ComponentIR): (string | null)[] {
    return comp.forEach ? (this.index.members.get(comp.forEach.dimension) ?? []) : [null];
  }

  private readonly lineSlots = new Map<ComponentIR, Map<string | null, LineSlot>>();
  private lineSlotCount = 0;
  /** The last component asked for and its slots (lines are asked for component by component). */
  private lastComp: ComponentIR | null = null;
  private lastSlots: Map<string | null, LineSlot> | null = null;

  /** The memo slot of a component's line for a member, with its `for each` parameter bound. */
  private lineSlot(comp: ComponentIR, member: string | null): LineSlot {
    let slots = comp === this.lastComp ? this.lastSlots : this.lineSlots.get(comp);
    if (!slots) this.lineSlots.set(comp, (slots = new Map()));
    this.lastComp = comp;
    this.lastSlots = slots;
    let slot = slots.get(member);
    if (slot === undefined) {
      const params = comp.forEach && member !== null ? new Params([[comp.forEach.name, member]]) : this.noParams;
      slots.set(member, (slot = { slot: this.lineSlotCount++, params, fns: null }));
    }
    return slot;
  }

  line(pp: PersonPeriod, comp: ComponentIR, member: string | null): LineOutcome {
    const memo = this.lineMemo(pp, comp, member);
    return memo instanceof Dec ? { kind: "line", amount: memo, unrounded: memo, status: "paid", trace: this.untracedTrace(comp) } : memo;
  }

  /**
   * `line` as the memo holds it: untraced, a paid line without hold is its amount alone (a `paid`
   * line with the component's `untracedTrace`), with no outcome object made for it.
   */
  lineMemo(pp: PersonPeriod, comp: ComponentIR, member: string | null): LineOutcome | Dec {
    return this.lineMemoAt(pp, comp, member, this.lineSlot(comp, member));
  }

  /** A line's memo slot (`lineMemoAt`: the run finds each line's slot once, not once per person-period). */
  lineSlotOf(comp: ComponentIR, member: string | null): LineSlot {
    return this.lineSlot(comp, member);
  }

  /** `lineMemo` with the line's slot already found (`lineSlotOf` of the same component and member). */
  lineMemoAt(pp: PersonPeriod, comp: ComponentIR, member: string | null, s: LineSlot): LineOutcome | Dec {
    const memo = pp.lines[s.slot];
    return memo === undefined || memo === BUSY_LINE ? this.computeLineMemo(pp, comp, member, s) : memo;
  }

  /**
   * A line's amount (null: no line), as `line(...).amount` without an outcome object when the memo
   * holds the amount itself (what sums of lines read: `for each` components, team sums).
   */
  private lineAmount(pp: PersonPeriod, comp: ComponentIR, member: string | null): Dec | null {
    const s = this.lineSlot(comp, member);
    let memo = pp.lines[s.slot];
    if (memo === undefined || memo === BUSY_LINE) memo = this.computeLineMemo(pp, comp, member, s);
    return memo instanceof Dec ? memo : memo.kind === "line" ? memo.amount : null;
  }

  private computeLineMemo(pp: PersonPeriod, comp: ComponentIR, member: string | null, s: LineSlot): LineOutcome | Dec {
    if (pp.lines[s.slot] === BUSY_LINE) {
      this.report("R0042", `cycle:${comp.name}`, `component '${comp.name}' depends on itself`, pp, "error");
      return NO_LINE;
    }
    pp.lines[s.slot] = BUSY_LINE;
    // A component line reports its divisions by zero even when a shown value asked for it.
    const reporting = this.reportingOnly;
    this.reportingOnly = 0;
    let outcome: LineOutcome | Dec;
    try {
      outcome = this.computeLine(pp, comp, member, s);
    } finally {
      this.reportingOnly = reporting;
    }
    // The line's steps are complete: kept at their size (a grown array holds room for 17).
    if (!(outcome instanceof Dec) && outcome.kind !== "none" && outcome.trace.steps !== NO_STEPS) outcome.trace.steps = trimmed(outcome.trace.steps);
    pp.lines[s.slot] = outcome;
    return outcome;
  }

  /**
   * A component line. Untraced, a paid line without hold comes back as its amount alone (what the
   * memo keeps: its trace is the component's shared empty one, and `unrounded` is only read by `cap
   * per year`, whose lines keep their outcome unless nothing was rounded).
   */
  private computeLine(pp: PersonPeriod, comp: ComponentIR, member: string | null, s: LineSlot): LineOutcome | Dec {
    if (!this.isEvaluated(pp.row, pp.periodIndex)) return NO_LINE;
    // Without tracing, `steps` collects nothing: the same code path, no strings built.
    const traced = this.traceOn;
    const steps: TraceStep[] = traced ? [] : NO_STEPS;
    // Untraced, every line of a component shares one (empty) trace: the memo keeps no object per line.
    // The component's closures, window and shared untraced trace, found on the slot's first line.
    const fns = (s.fns ??= this.componentFns(comp));
    const trace: LineTrace = traced ? { rule: comp.id, source: this.span(comp.id), steps } : fns.untraced;
    if (comp.window) {
      const [from, to] = fns.window!;
      if (from > pp.period.end || to < pp.period.start) return NO_LINE;
      if (traced) steps.push({ kind: "window", from: comp.window.from, to: comp.window.to, overlaps: true });
    }
    const params = s.params;
    const traceSteps = traced ? steps : null;
    const locals = fns.hasLets ? new LocalScope(fns.lets, traceSteps) : null;
    if (traced) return this.lineWith(pp, comp, member, new Env(pp, params, locals, traceSteps), fns, steps, trace);
    const env = this.enter(pp, params, locals);
    try {
      return this.lineWith(pp, comp, member, env, fns, steps, trace);
    } finally {
      this.envDepth--;
    }
  }

  /** `computeLine` once the line's Env is made: eligibility, gate, payout, floor, cap, rounding, hold. */
  private lineWith(
    pp: PersonPeriod,
    comp: ComponentIR,
    member: string | null,
    env: Env,
    fns: CompiledComponent,
    steps: TraceStep[],
    trace: LineTrace,
  ): LineOutcome | Dec {
    const traced = this.traceOn;
    if (fns.eligible) {
      const ok = fns.eligible(env);
      if (ok === false) return NO_LINE;
      if (ok !== true) {
        // Eligibility that cannot be decided (a blank HR field…) is reported, never silently false.
        // (Untraced, `steps` is the shared NO_STEPS: pushing there would show in every line.)
        if (traced) steps.push({ kind: "eligible", value: null }, { kind: "note", message: "eligibility has no value: no line" });
        return { kind: "omitted", trace };
      }
      if (traced) steps.push(ELIGIBLE);
    }
    if (fns.gate) {
      const open = fns.gate(env) === true;
      if (traced) steps.push(open ? GATE_OPEN : GATE_CLOSED);
      if (!open) return { kind: "line", amount: this.roundLine(ZERO), unrounded: ZERO, status: "gated", trace };
    }
    const payout = fns.payout(env);
    if (traced) steps.push({ kind: "payout", value: shown(payout) });
    if (!isDec(payout)) {
      if (traced) steps.push({ kind: "note", message: "the payout has no value: no line" });
      return { kind: "omitted", trace };
    }
    let amount = payout;
    let status: "paid" | "floored" | "capped" | "negative-floored" = "paid";
    // `cap per year`: what the line would pay without the cap, what the year earned.
    let earnedBeforeCap: Dec | null = null;
    if (fns.floor) {
      const f = fns.floor(env);
      if (isDec(f)) {
        const applied = amount.lt(f);
        if (traced) steps.push({ kind: "floor", bound: decText(f), applied });
        if (applied) {
          amount = f;
          status = "floored";
        }
      }
    }
    if (fns.cap && comp.cap) {
      const c = fns.cap(env);
      if (isDec(c)) {
        if (comp.cap.per === "line") {
          const applied = amount.gt(c);
          if (traced) steps.push({ kind: "cap", bound: decText(c), per: "line", applied, ytdBefore: null });
          if (applied) {
            amount = c;
            status = "capped";
          }
        } else {
          // The year to date is capped: the earlier lines paid `paid`, the year has earned `earned`
          // before this line; this line pays what brings the paid sum to min(cap, earned to date).
          // (A return after the cap was reached lowers what was earned above the cap first.)
          const { paid, earned } = this.ytdLineBefore(pp, comp, member);
          // What the line would pay without the cap (negative floor included), so that a cap never
          // reached changes nothing.
          earnedBeforeCap = !comp.allowNegative && amount.isNegative() && !amount.isZero() ? ZERO : amount;
          const due = Dec.min(c, earned.plus(earnedBeforeCap)).minus(paid);
          const applied = !due.eq(earnedBeforeCap);
          if (traced) {
            const step: TraceStep = { kind: "cap", bound: decText(c), per: "year", applied, ytdBefore: decText(paid) };
            if (!earned.eq(paid)) step.earnedBefore = decText(earned);
            steps.push(step);
          }
          if (applied) {
            amount = due;
            status = "capped";
          }
        }
      }
    }
    if (!comp.allowNegative && amount.isNegative() && !amount.isZero()) {
      if (traced) steps.push({ kind: "negative-floored", before: decText(amount) });
      amount = ZERO;
      status = "negative-floored";
    }
    const rounded = this.roundLine(amount);
    if (traced && this.rounding.on === "line" && !rounded.eq(amount)) {
      steps.push({ kind: "rounding", scale: this.rounding.scale, mode: this.rounding.mode, before: decShown(amount), after: decText(rounded) });
    }
    const held = fns.hold && comp.hold ? this.holdOf(pp, comp, fns.hold(env), rounded, traced ? steps : null) : undefined;
    const earned = earnedBeforeCap !== null && !earnedBeforeCap.eq(amount) ? { earned: earnedBeforeCap } : null;
    if (held) return { kind: "line", amount: rounded, unrounded: amount, status: held.released ? status : "held", trace, held, ...earned };
    if (!traced && status === "paid" && (rounded === amount || comp.cap?.per !== "year")) return rounded;
    return { kind: "line", amount: rounded, unrounded: amount, status, trace, ...earned };
  }

  private readonly windows = new Map<ComponentIR, [number, number]>();

  /** A component's window as days (parsed once a run, not per line). */
  private windowDays(comp: ComponentIR, window: { from: string; to: string }): [number, number] {
    let days = this.windows.get(comp);
    if (!days) this.windows.set(comp, (days = [parseDate(window.from) ?? -Infinity, parseDate(window.to) ?? Infinity]));
    return days;
  }

  private releaseRows: Releases | null = null;

  /** The release table's rows (`release holds from`), read on the first held line. */
  get releases(): Releases {
    return (this.releaseRows ??= new Releases(this.ir, this.data.tables));
  }

  /** `hold above`: a line above its bound is held unless a release row names it (holds.ts). */
  private holdOf(pp: PersonPeriod, comp: ComponentIR, bound: Value, amount: Dec, steps: TraceStep[] | null): HeldLine | undefined {
    const above = holdLine(comp.hold!, bound, amount, () => this.releases.release(pp.person, pp.period.id, comp.name));
    if (above && steps) steps.push(above.step);
    return above?.held;
  }

  private readonly untracedTraces = new Map<ComponentIR, LineTrace>();

  /** The trace of every line of a component in an untraced run: shared, with no steps. */
  untracedTrace(comp: ComponentIR): LineTrace {
    let trace = this.untracedTraces.get(comp);
    if (!trace) this.untracedTraces.set(comp, (trace = { rule: comp.id, source: this.span(comp.id), steps: NO_STEPS }));
    return trace;
  }

  /** The decimal.js rounding mode of the plan's rounding (`roundDec`'s, found once). */
  private readonly lineMode: number;

  private roundLine(amount: Dec): Dec {
    // An amount already within the scale is its own rounding (as `roundDec` gives it back).
    if (this.rounding.on !== "line" || (amount.big === null && amount.s <= this.rounding.scale)) return amount;
    return amount.toDecimalPlaces(this.rounding.scale, this.lineMode);
  }

  /**
   * A line's earlier periods of the plan year (`cap ... per year`): the sum of their (unrounded)
   * amounts, what they paid, and of their amounts before the cap, what they earned.
   */
  private ytdLineBefore(pp: PersonPeriod, comp: ComponentIR, member: string | null): { paid: Dec; earned: Dec } {
    let paid = ZERO;
    let earned = ZERO;
    const year = this.planYearOf(pp.periodIndex);
    for (let i = pp.periodIndex - 1; i >= 0 && this.planYearOf(i) === year; i--) {
      const o = this.line(this.pp(pp.row, i), comp, member);
      if (o.kind !== "line") continue;
      paid = paid.plus(o.unrounded);
      earned = earned.plus(o.earned ?? o.unrounded);
    }
    return { paid, earned };
  }

  /** A component read by another: its line amount (summed over members when `for each` and no member). */
  componentAmount(pp: PersonPeriod, name: string, member: string | null): Value {
    const comp = this.index.components.get(name);
    if (!comp) {
      this.report("R0042", `component:${name}`, `unknown component '${name}' referenced by the IR`, pp, "error");
      return null;
    }
    return this.amountOf(pp, comp, member);
  }

  /** `componentAmount` once the component is found (compiled references find it once, not per read). */
  private amountOf(pp: PersonPeriod, comp: ComponentIR, member: string | null): Value {
    if (!comp.forEach || member !== null) return this.lineAmount(pp, comp, member);
    // The members' slots are found once per component (a team sum reads them for every report).
    const { members, slots } = this.memberLines(comp);
    const sum = new DecSum();
    let any = false;
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k];
      let memo = pp.lines[s.slot];
      if (memo === undefined || memo === BUSY_LINE) memo = this.computeLineMemo(pp, comp, members[k], s);
      const a = memo instanceof Dec ? memo : memo.kind === "line" ? memo.amount : null;
      if (a !== null) {
        sum.add(a);
        any = true;
      }
    }
    return any ? sum.value() : null;
  }

  private readonly memberLineCache = new Map<ComponentIR, { members: (string | null)[]; slots: LineSlot[] }>();

  /** A component's members and the line slot of each, in order (found once a run). */
  private memberLines(comp: ComponentIR): { members: (string | null)[]; slots: LineSlot[] } {
    let lines = this.memberLineCache.get(comp);
    if (!lines) {
      const members = this.componentMembers(comp);
      lines = { members, slots: members.map((m) => this.lineSlot(comp, m)) };
      this.memberLineCache.set(comp, lines);
    }
    return lines;
  }

  // ---------------------------------------------------------------------------------------------
  // Compilation of expressions to closures

  compile(e: Expr, scope: Scope): Fn {
    if (isComparison(e)) return compileCompare(e.op, this.compile(e.args[0], scope), this.compile(e.args[1], scope));
    switch (e.op) {
      case "const":
        return constFn(constValue(e.type, e.value));
      case "param":
        return (env) => env.params.get(e.name) ?? null;
      case "local":
        return this.compileLocal(e.name, scope);
      case "value": {
        const args = e.args.map((a) => this.compile(a, scope));
        // The memo slot is resolved once (no arguments) or once per argument (one argument).
        if (args.length === 0) {
          let slot: ValueSlot | null = null;
          return (env) => this.valueAt(env.pp, (slot ??= this.valueSlot(e.name, [])), env.trace);
        }
        if (args.length === 1) {
          const arg = args[0];
          const slots = new Map<string, ValueSlot>();
          const slotOf = (v: string): ValueSlot => {
            let slot = slots.get(v);
            if (slot === undefined) slots.set(v, (slot = this.valueSlot(e.name, [v])));
            return slot;
          };
          const a = e.args[0];
          if (a.op === "param") {
            // `revenue(c)`: the slot is found once per bound parameters.
            const slotFor = this.byParam(a.name, (m) => (m === undefined ? null : slotOf(m)));
            return (env) => {
              const slot = slotFor(env.params);
              return slot === null ? null : this.valueAt(env.pp, slot, env.trace);
            };
          }
          return (env) => {
            const v = arg(env);
            if (typeof v !== "string") return null;
            return this.valueAt(env.pp, slotOf(v), env.trace);
          };
        }
        return (env) => {
          const argValues: string[] = [];
          for (const a of args) {
            const v = a(env);
            if (typeof v !== "string") return null;
            argValues.push(v);
          }
          return this.valueOf(env.pp, e.name, argValues, env.trace);
        };
      }
      case "component": {
        const arg = e.args.length > 0 ? this.compile(e.args[0], scope) : null;
        const comp = this.index.components.get(e.name);
        return (env) => {
          const m = arg ? arg(env) : null;
          if (arg && typeof m !== "string") return null;
          const v = comp ? this.amountOf(env.pp, comp, m as string | null) : this.componentAmount(env.pp, e.name, m as string | null);
          env.trace?.push({ kind: "component", name: e.name, member: (m as string | null) ?? null, value: showValue(v) });
          return v;
        };
      }
      case "person":
        return this.compilePersonAttr(e.column);
      case "period_start":
        return (env) => env.pp.period.start;
      case "period_end":
        return (env) => env.pp.period.end;
      case "column":
        return this.compileColumn(e, scope);
      case "aggregate": {
        const fn = this.compileAggregate(e, scope);
        const figure = scope.figure;
        if (!figure) return fn;
        return (env) => {
          const v = fn(env);
          figure(e, v);
          return v;
        };
      }
      case "team":
        return this.compileTeam(e, scope);
      case "accumulate":
        return this.compileAccumulate(e.fn, this.compile(e.value, scope));
      case "add":
      case "sub":
      case "mul":
      case "div":
      case "neg":
        return this.compileArith(e.op, e.args.map((a) => this.compile(a, scope)), scope);
      case "and": {
        const args = e.args.map((a) => this.compile(a, scope));
        return (env) => {
          let unknown = false;
          for (const a of args) {
            const v = a(env);
            if (v === false) return false;
            if (v !== true) unknown = true;
          }
          return unknown ? null : true;
        };
      }
      case "or": {
        const args = e.args.map((a) => this.compile(a, scope));
        return (env) => {
          let unknown = false;
          for (const a of args) {
            const v = a(env);
            if (v === true) return true;
            if (v !== false) unknown = true;
          }
          return unknown ? null : false;
        };
      }
      case "not": {
        const a = this.compile(e.args[0], scope);
        return (env) => {
          const v = a(env);
          return typeof v === "boolean" ? !v : null;
        };
      }
      case "if": {
        const [c, t, f] = e.args.map((a) => this.compile(a, scope));
        return (env) => {
          const v = c(env);
          return v === true ? t(env) : v === false ? f(env) : null;
        };
      }
      case "otherwise": {
        const [a, b] = e.args.map((x) => this.compile(x, scope));
        return (env) => {
          const v = a(env);
          return v === null ? b(env) : v;
        };
      }
      case "in_range": {
        const v = this.compile(e.value, scope);
        const lo = this.compile(e.from, scope);
        const hi = e.to ? this.compile(e.to, scope) : null;
        return (env) => {
          const x = v(env);
          const a = lo(env);
          if (x === null || a === null) return null;
          const ca = compareValues(x, a);
          if (ca === null || ca < 0) return ca === null ? null : false;
          const b = hi ? hi(env) : null;
          if (b === null) return true;
          const cb = compareValues(x, b);
          return cb === null ? null : cb <= 0;
        };
      }
      case "in_member":
        return this.compileInMember(e.value, e.member, scope);
      case "ancestor": {
        const v = this.compile(e.value, scope);
        const dim = memberDimension(e.value.type);
        return (env) => {
          const m = v(env);
          if (typeof m !== "string" || dim === null) return null;
          const hit = ancestorsOf(this.index, dim, m).find(([d]) => d === e.dimension);
          return hit ? hit[1] : null;
        };
      }
      case "tier":
        return this.compileTier(e, scope);
      case "matrix":
        return compileMatrix(this, e, scope);
      case "curve":
        return this.compileCurve(e.curve, this.compile(e.value, scope));
      case "lookup":
        return this.compileLookup(e.table, e.keys, scope);
      case "builtin":
        return this.compileBuiltin(e.fn, e.args.map((a) => this.compile(a, scope)), e.rounding, scope);
      case "prorate":
        return this.compileProrate(e, scope);
      case "convert":
        return this.compileConvert(e, scope);
    }
  }

  /**
   * A check's assert (checks.ts), evaluated for no person and no period (`noPersonPeriod`) on an
   * Env whose `group` is the rows of one group of `table` and whose `src` is the group's first
   * row: an aggregate over `table` ranges over the group's rows, a column read outside an
   * aggregate reads the first row. `figure` is given each aggregate's value outside aggregates.
   */
  compileCheck(e: Expr, table: TableData, where: string, figure: (e: AggregateExpr, value: Value) => void): Fn {
    return this.compile(e, { row: this.tableBinding(table), where, group: table.name, figure });
  }

  /** The person-period of what has no person and no period (a check's assert): no row, no period of the plan. */
  noPersonPeriod(): PersonPeriod {
    return new PersonPeriod("", -1, -1, { id: "", grain: this.ir.plan.grain, start: 0, end: 0, startMonth: 0, months: 0 }, this.memoSizes());
  }

  private compileLocal(name: string, scope: Scope): Fn {
    return (env) => {
      const locals = env.locals;
      const def = locals?.defs.get(name);
      if (!locals || !def) {
        this.report("R0042", `local:${scope.where}:${name}`, `unknown local '${name}' in ${scope.where}`, env.pp, "error");
        return null;
      }
      if (locals.cache.has(name)) return locals.cache.get(name)!;
      const v = def(env);
      locals.cache.set(name, v);
      locals.steps?.push({ kind: "let", name, value: showValue(v) });
      return v;
    };
  }

  private compilePersonAttr(column: string): Fn {
    if (column === "id") return (env) => env.pp.person;
    const col = this.people?.columns.get(column);
    if (!col) return () => null;
    if (col.kind === "string") {
      // A member or text of the person's row, read directly (what the probe below reads, one call less).
      const readRow = col.reader();
      return (env) => readRow(env.pp.row);
    }
    const read = columnReader(col, "src");
    const probe = new Env(null as unknown as PersonPeriod, new Map(), null, null);
    return (env) => {
      probe.src = env.pp.row;
      return read(probe);
    };
  }

  compileColumn(e: ColumnExpr, scope: Scope): Fn {
    const b = scope.row?.tables.get(e.table);
    if (!b) {
      return (env) => {
        this.report("R0042", `column:${e.table}.${e.column}`, `column ${e.table}.${e.column} read outside a row of its table (${scope.where})`, env.pp, "error");
        return null;
      };
    }
    if ("composite" in b) {
      const [src, join] = b.composite;
      const s = src.columns.get(e.column);
      if (s) return columnReader(s, "src");
      const j = join?.columns.get(e.column);
      if (j) return columnReader(j, "join");
    } else {
      const c = b.table.columns.get(e.column);
      if (c) return columnReader(c, b.slot);
    }
    return (env) => {
      this.report("R0042", `column:${e.table}.${e.column}`, `unknown column ${e.table}.${e.column}`, env.pp, "error");
      return null;
    };
  }

  private compileInMember(valueExpr: Expr, memberExpr: Expr, scope: Scope): Fn {
    const v = this.compile(valueExpr, scope);
    const dim = memberDimension(valueExpr.type);
    if (memberExpr.op === "const" && dim !== null) {
      // Precompute the members of the value's dimension that are the member or descend from it.
      const target = memberExpr.value;
      const inside = new Set(
        (this.index.members.get(dim) ?? []).filter((m) => ancestorsOf(this.index, dim, m).some(([, a]) => a === target)),
      );
      if (!this.index.members.has(dim)) inside.add(target);
      return (env) => {
        const x = v(env);
        return typeof x === "string" ? inside.has(x) : null;
      };
    }
    const m = this.compile(memberExpr, scope);
    // A parameter member (`x in c`): the members under each target are computed once.
    const under = new Map<string, Set<string>>();
    const membersUnder = (target: string): Set<string> => {
      let set = under.get(target);
      if (!set) {
        set = new Set((this.index.members.get(dim!) ?? []).filter((x) => ancestorsOf(this.index, dim!, x).some(([, a]) => a === target)));
        under.set(target, set);
      }
      return set;
    };
    return (env) => {
      const x = v(env);
      const target = m(env);
      if (typeof x !== "string" || typeof target !== "string") return null;
      if (dim === null) return x === target;
      return membersUnder(target).has(x) || x === target;
    };
  }

  private compileArith(op: "add" | "sub" | "mul" | "div" | "neg", args: Fn[], scope: Scope): Fn {
    const [a, b] = args;
    if (op === "neg") {
      return (env) => {
        const x = a(env);
        return isDec(x) ? x.neg() : null;
      };
    }
    return (env) => {
      const x = a(env);
      if (x === null) return null;
      const y = b(env);
      if (y === null) return null;
      if (isDec(x) && isDec(y)) {
        switch (op) {
          case "add":
            return x.plus(y);
          case "sub":
            return x.minus(y);
          case "mul":
            return x.times(y);
          case "div":
            if (y.isZero()) {
              this.report("R0040", `div:${scope.where}`, `division by zero in ${scope.where}: no value`, env.pp);
              env.trace?.push({ kind: "note", message: "division by zero: no value" });
              return null;
            }
            return x.div(y);
        }
      }
      // Dates: date - date → days; date ± count → date.
      if (typeof x === "number" && typeof y === "number" && op === "sub") return new Dec(x - y);
      if (typeof x === "number" && isDec(y) && (op === "add" || op === "sub")) {
        const days = y.toNumber();
        return op === "add" ? x + days : x - days;
      }
      if (isDec(x) && typeof y === "number" && op === "add") return y + x.toNumber();
      return null;
    };
  }

  // --- aggregates ----------------------------------------------------------------------------

  private compileAggregate(e: AggregateExpr, scope: Scope): Fn {
    const source = this.aggregateSource(e, scope);
    if (!source) {
      return (env) => {
        this.report("R0042", `aggregate:${scope.where}`, `aggregate over an unknown source in ${scope.where}`, env.pp, "error");
        return null;
      };
    }
    const inner: Scope = { row: source.binding, where: scope.where, allowNegative: scope.allowNegative, group: scope.group };
    const where = e.where ? this.compile(e.where, inner) : null;
    const value = e.value ? this.compile(e.value, inner) : null;
    // Fast path: a plain decimal column summed in integer minor units.
    const fastCol =
      e.value && e.value.op === "column" && (e.fn === "sum" || e.fn === "avg") ? this.plainDecimalColumn(e.value, source.binding) : null;
    const fn = e.fn;
    const label = source.label;
    // (Its sums are kept per person-period: not for a check's groups, which share one.)
    const partitioned = fastCol && fn === "sum" && e.where && !source.group ? this.partitionedSum(e.where, inner, fastCol, source) : null;
    const whole = this.wholeRunAggregate(e, inner, fastCol, source, where);
    return (env) => {
      // Untraced: the whole run's sums (traces list the group's row keys: the per-group path).
      if (whole !== null && env.trace === null) {
        const v = whole(env);
        if (v !== undefined) return v;
      }
      if (partitioned) {
        const v = partitioned(env);
        if (v !== undefined) return v;
      }
      const group = source.rows(env);
      const trace = env.trace;
      const keys: string[] | null = trace ? [] : null;
      // Traced: the keys of matched rows whose value has none (skipped, as SQL's SUM skips NULL).
      const skipped: string[] | null = trace && fn !== "count" ? [] : null;
      env = env.untraced();
      const saveSrc = env.src;
      const saveJoin = env.join;
      const src = source.src;
      // Shares that are not all 100% weigh each row; as integers (amount units × share units) while
      // every product and the running sum stay safe integers, else exactly in Decimal.
      const shareId = source.shareId !== null && !source.allOne ? source.shareId : null;
      const units = shareId !== null ? source.shareUnits : null;
      const unitOne = units ? POW10[units.scale] : 1;
      let matched = 0;
      let result: Value = null;
      let intSum = 0;
      let intWeight = 0;
      let intSafe = fastCol !== null && (shareId === null || units !== null);
      let sum: Dec = ZERO;
      let weight: Dec = ZERO;
      let best: Dec | null = null;
      const ints = fastCol ? fastCol.ints : null;
      for (let k = 0; k < group.length; k++) {
        const entry = group[k];
        env.src = src === null ? entry : src[entry];
        env.join = source.join ? source.join[entry] : -1;
        if (where !== null && where(env) !== true) continue;
        matched++;
        if (keys) keys.push(source.key(entry));
        if (fn === "count") continue;
        if (intSafe) {
          const v = ints![env.src];
          if (v !== v) {
            skipped?.push(source.key(entry));
            continue;
          }
          const id = shareId === null ? -1 : shareId[entry];
          const u = id < 0 ? unitOne : units!.units[id];
          const p = v * u;
          intSum += p;
          intWeight += u;
          if (!(Math.abs(p) <= Number.MAX_SAFE_INTEGER && Math.abs(intSum) <= Number.MAX_SAFE_INTEGER)) intSafe = false;
          continue;
        }
        if (fastCol !== null && fn !== "min" && fn !== "max") continue; // redone exactly below
        const v = value!(env);
        // A row whose value has none (an empty cell, a lookup without a row) adds nothing, like
        // SQL's SUM; where that hides a data problem (a missing exchange rate) the problem is an
        // error diagnostic and the run is marked incomplete.
        if (!isDec(v)) {
          skipped?.push(source.key(entry));
          continue;
        }
        if (fn === "sum" || fn === "avg") {
          const share = shareId !== null && shareId[entry] >= 0 ? source.shareValues[shareId[entry]] : null;
          sum = sum.plus(share ? v.times(share) : v);
          weight = weight.plus(share ?? ONE);
        } else if (best === null || (fn === "min" ? v.lt(best) : v.gt(best))) best = v;
      }
      if (fastCol !== null && !intSafe && fn !== "count") {
        // The integer sum left the safe range (or shares have no integer form): the group exactly.
        sum = ZERO;
        weight = ZERO;
        // Every row again: the skipped ones too (those of the integer pass are listed again).
        if (skipped) skipped.length = 0;
        for (let k = 0; k < group.length; k++) {
          const entry = group[k];
          env.src = src === null ? entry : src[entry];
          env.join = source.join ? source.join[entry] : -1;
          if (where !== null && where(env) !== true) continue;
          const v = value!(env);
          if (isDec(v)) {
            const share = shareId !== null && shareId[entry] >= 0 ? source.shareValues[shareId[entry]] : null;
            sum = sum.plus(share ? v.times(share) : v);
            weight = weight.plus(share ?? ONE);
          } else skipped?.push(source.key(entry));
        }
      } else if (intSafe) {
        const shareScale = shareId !== null ? units!.scale : 0;
        sum = scaled(intSum, fastCol!.scale + shareScale);
        weight = scaled(intWeight, shareScale);
      }
      env.src = saveSrc;
      env.join = saveJoin;
      switch (fn) {
        case "count":
          result = new Dec(matched);
          break;
        case "sum":
          result = sum;
          break;
        case "avg":
          result = weight.isZero() ? null : sum.div(weight);
          break;
        default:
          result = best;
      }
      // Keys sorted: the trace must not depend on the order of the input rows.
      if (trace) {
        const step: TraceStep = { kind: "aggregate", fn, source: label, value: shown(result), rows: matched, keys: trimmed(keys!).sort() };
        if (skipped !== null && skipped.length > 0) step.skipped = skipped.sort();
        trace.push(step);
      }
      return result;
    };
  }

  /**
   * `sum(R.x where R.m in c)` with `c` the same for every row (a parameter): one scan of the
   * person-period's rows sums x for every member and its ancestors at once, so evaluating
   * revenue(Cardio), revenue(Oncology)… reads the rows once instead of once per member.
   * Returns undefined when the sums leave the safe-integer range (the caller recomputes exactly).
   */
  private partitionedSum(
    where: Expr,
    scope: Scope,
    col: ColumnData & { kind: "decimal" },
    source: AggregateSource,
  ): ((env: Env) => Value | undefined) | null {
    if (where.op !== "in_member" || mentionsRow(where.member)) return null;
    const partition = this.memberPartition(where, scope.row);
    if (!partition) return null;
    const { members, slotOf, chains, codes, byCode, membersUnder } = partition;
    const target = this.compile(where.member, scope);
    // The sums of a person-period live on it (freed with its memos), in a slot of this aggregate;
    // traced, the rows' keys per member in the next slot.
    const cacheSlot = this.aggregateSlotCount++;
    const keysSlot = this.aggregateSlotCount++;
    const ints = col.ints;
    const shareId = source.shareId !== null && !source.allOne ? source.shareId : null;
    const units = shareId !== null ? source.shareUnits : null;
    if (shareId !== null && units === null) return null;
    const unitOne = units ? POW10[units.scale] : 1;
    const scale = col.scale + (units ? units.scale : 0);
    const slots = slotOf.size;
    return (env) => {
      const t = target(env);
      if (typeof t !== "string") return null;
      const kept = (env.pp.aggregates ??= new Array(this.aggregateSlotCount));
      let sums = kept[cacheSlot] as number[] | null | undefined;
      if (sums === undefined) {
        // A plain array of doubles: a Float64Array per person-period costs a buffer and a view.
        const acc = new Array<number>(slots).fill(0);
        const group = source.rows(env);
        const src = source.src;
        let safe = true;
        for (let k = 0; k < group.length; k++) {
          const entry = group[k];
          const row = src === null ? entry : src[entry];
          const code = codes[row];
          const m = code < 0 ? -1 : byCode[code];
          let v = ints[row];
          if (m < 0 || v !== v) continue;
          if (shareId !== null) {
            const id = shareId[entry];
            v *= id < 0 ? unitOne : units!.units[id];
            if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) safe = false;
          }
          const chain = chains[m];
          for (let c = 0; c < chain.length; c++) {
            const next = acc[chain[c]] + v;
            if (next > Number.MAX_SAFE_INTEGER || next < -Number.MAX_SAFE_INTEGER) safe = false;
            acc[chain[c]] = next;
          }
        }
        sums = safe ? acc : null;
        kept[cacheSlot] = sums;
      }
      if (sums === null) return undefined;
      const slot = slotOf.get(t);
      const result = scaled(slot === undefined ? 0 : sums[slot], scale);
      if (env.trace) {
        // The keys of the rows under this member only: one scan of the person-period's rows lists
        // the keys per member (for every member asked), a member's trace joins its members' lists.
        // (With the keys of the rows whose amount is empty, skipped as the per-group path lists them.)
        let listed = kept[keysSlot] as { keys: string[][]; skipped: string[][] } | undefined;
        if (listed === undefined) {
          listed = { keys: members.map((): string[] => []), skipped: members.map((): string[] => []) };
          const group = source.rows(env);
          for (let k = 0; k < group.length; k++) {
            const row = source.src === null ? group[k] : source.src[group[k]];
            const code = codes[row];
            const m = code < 0 ? -1 : byCode[code];
            if (m < 0) continue;
            const key = source.key(group[k]);
            listed.keys[m].push(key);
            if (ints[row] !== ints[row]) listed.skipped[m].push(key);
          }
          kept[keysSlot] = listed;
        }
        const under = slot === undefined ? [] : membersUnder[slot];
        const gather = (lists: string[][]): string[] => (under.length === 1 ? lists[under[0]].slice() : ([] as string[]).concat(...under.map((m) => lists[m]))).sort();
        const keys = gather(listed.keys);
        const skipped = gather(listed.skipped);
        const step: TraceStep = { kind: "aggregate", fn: "sum", source: source.label, value: shown(result), rows: keys.length, keys };
        if (skipped.length > 0) step.skipped = skipped;
        env.trace.push(step);
      }
      return result;
    };
  }

  /**
   * The partitions of `x in m` (x a member column of the source row): one per member of x's
   * dimension and per ancestor (`slotOf`); each member adds to its own and its ancestors'
   * (`chains`); null when x is not such a column.
   */
  private memberPartition(
    e: Expr & { op: "in_member" },
    binding: RowBinding | null,
  ): (MemberPartition & { members: string[]; slotOf: Map<string, number>; membersUnder: number[][] }) | null {
    if (e.value.op !== "column") return null;
    const dim = memberDimension(e.value.type);
    const members = dim === null ? undefined : this.index.members.get(dim);
    const memberCol = this.sourceColumn(e.value, binding);
    if (!members || !memberCol || memberCol.kind !== "string") return null;
    // Only the members of the dimension the tested member has can be asked for (`revenue(c:
    // Category)` asks for categories, never products): the partitions are those, each row in its
    // ancestor of that level (none: in no partition).
    const level = memberDimension(e.member.type);
    const slotOf = new Map<string, number>();
    const chains: number[][] = members.map((m) =>
      ancestorsOf(this.index, dim!, m).filter(([d]) => level === null || d === level).map(([, a]) => {
        let slot = slotOf.get(a);
        if (slot === undefined) slotOf.set(a, (slot = slotOf.size));
        return slot;
      }),
    );
    // Per slot: the members under it (whose keys its trace lists).
    const membersUnder: number[][] = Array.from({ length: slotOf.size }, () => []);
    chains.forEach((chain, m) => chain.forEach((slot) => membersUnder[slot].push(m)));
    const { codes, byCode } = this.memberCodes(memberCol, members);
    return { members, slotOf, chains, codes, byCode, slots: slotOf.size, membersUnder };
  }

  /**
   * `sum`/`avg`/`count` over a credit set without a join, computed for the whole run in one pass
   * over its rows in row order the first time any person-period asks (`run-sums.ts` has the
   * conditions). The returned function gives undefined where the caller must take the per-group
   * path (a group whose integers left the safe range, a partition member that is not a string).
   */
  private wholeRunAggregate(
    e: AggregateExpr,
    scope: Scope,
    col: (ColumnData & { kind: "decimal" }) | null,
    source: AggregateSource,
    where: Fn | null,
  ): ((env: Env) => Value | undefined) | null {
    const entryKey = source.entryKey;
    const fn = e.fn;
    // min/max of a plain decimal column compare its scaled integers (and ignore shares).
    if ((fn === "min" || fn === "max") && e.value && e.value.op === "column") col = this.plainDecimalColumn(e.value, source.binding);
    if (!wholeRunSums.enabled || entryKey === null || !(fn === "count" || col !== null)) return null;
    const shareId = (fn === "sum" || fn === "avg") && source.shareId !== null && !source.allOne ? source.shareId : null;
    const units = shareId !== null ? source.shareUnits : null;
    if (shareId !== null && units === null) return null;
    // The where: conjuncts that read only the row, and at most one `in_member` in a member that
    // does not depend on the row (the partitions).
    const conjuncts: Expr[] = [];
    const flatten = (x: Expr): void => {
      if (x.op === "and") x.args.forEach(flatten);
      else conjuncts.push(x);
    };
    if (e.where) flatten(e.where);
    let split: (Expr & { op: "in_member" }) | null = null;
    const local: Expr[] = [];
    for (const c of conjuncts) {
      if (this.rowLocal(c, scope.row)) local.push(c);
      else if (split === null && c.op === "in_member" && !mentionsRow(c.member)) split = c;
      else return null;
    }
    const partition = split ? this.memberPartition(split, scope.row) : null;
    if (split && !partition) return null;
    const P = this.periods.length;
    const groups = this.personIds.length * P;
    if (cellsOf(groups, partition ? partition.slots : 1, fn) > maxCells(entryKey.length)) return null;
    const filters = local.map((c) => this.rowFilter(c, scope));
    // The partition of the tested member: -2 when it is not a member's name (the caller's path),
    // -1 outside the dimension; found once per bound parameters when the member is a parameter.
    const member = split ? split.member : null;
    const slotOfMember = (t: Value | undefined): number => (typeof t !== "string" ? -2 : (partition!.slotOf.get(t) ?? -1));
    const paramSlot = member !== null && member.op === "param" ? this.byParam(member.name, slotOfMember) : null;
    const target = member !== null && paramSlot === null ? this.compile(member, scope) : null;
    const unitOne = units ? POW10[units.scale] : 1;
    const scale = col ? col.scale + (units ? units.scale : 0) : 0;
    const weightScale = units ? units.scale : 0;
    let sums: RunSums | null = null;
    return (env) => {
      let slot = 0;
      if (member !== null) {
        slot = paramSlot !== null ? paramSlot(env.params) : slotOfMember(target!(env));
        if (slot === -2) return undefined;
        // A member outside the dimension: no row is under it.
        if (slot === -1) return fn === "count" ? new Dec(0) : fn === "sum" ? scaled(0, scale) : null;
      }
      const key = env.pp.row * P + env.pp.periodIndex;
      if (!(key >= 0 && key < groups)) return undefined;
      sums ??= runSums({
        fn,
        entryKey,
        src: source.src,
        groups,
        values: col ? col.ints : null,
        filters,
        partition,
        shareId,
        units: units ? units.units : null,
        unitOne,
      });
      const cell = key * sums.slots + slot;
      const sum = sums.sums[cell];
      if (sum !== sum) return undefined;
      if (fn === "count") return new Dec(sum);
      if (fn === "sum") return scaled(sum, scale);
      const weight = sums.weights![cell];
      if (fn === "min" || fn === "max") return weight === 0 ? null : scaled(sum, scale);
      if (weight !== weight) return undefined;
      return weight === 0 ? null : scaled(sum, scale).div(scaled(weight, weightScale));
    };
  }

  /**
   * A row-local conjunct as a test of blocks of rows: a comparison of a date, decimal or coded
   * string column with a constant, or a date / decimal column `in_range` of constants, reads the
   * column's storage; anything else is the compiled expression, row by row (in a probe
   * environment: it reads no person-period).
   */
  private rowFilter(e: Expr, scope: Scope): RowFilter {
    const flip: Record<Comparison, Comparison> = { eq: "eq", ne: "ne", lt: "gt", le: "ge", gt: "lt", ge: "le" };
    if (isComparison(e)) {
      const [a, b] = e.args;
      const fast = a.op === "column" && b.op === "const" ? this.columnTest(a, e.op, b, scope) : b.op === "column" && a.op === "const" ? this.columnTest(b, flip[e.op], a, scope) : null;
      if (fast) return fast;
    } else if (e.op === "in_range" && e.value.op === "column" && e.from.op === "const" && (!e.to || e.to.op === "const")) {
      const col = this.sourceColumn(e.value, scope.row);
      const lo = col ? this.constNumber(col, e.from) : null;
      const hi = col && e.to ? this.constNumber(col, e.to) : null;
      if (col && lo !== null && (hi !== null || !e.to)) {
        if (col.kind === "date") return rangeTest(col.days, lo, hi);
        if (col.kind === "decimal" && !col.exact) return rangeTest(col.ints, lo, hi);
      }
    }
    const test = this.compile(e, scope);
    const probe = new Env(null as unknown as PersonPeriod, new Map(), null, null);
    return rowTest((row) => {
      probe.src = row;
      return test(probe) === true;
    });
  }

  /** `column op constant` on the column's storage (null: not a form this reads directly). */
  private columnTest(colExpr: ColumnExpr, op: Comparison, k: Expr & { op: "const" }, scope: Scope): RowFilter | null {
    const col = this.sourceColumn(colExpr, scope.row);
    if (!col) return null;
    if (col.kind === "string") {
      const coded = col.coded();
      const v = constValue(k.type, k.value);
      if (!coded || typeof v !== "string" || (op !== "eq" && op !== "ne")) return null;
      // Strings compare by equality only here; the codes equal to the constant (none: no row is).
      const inside = Uint8Array.from(coded.dict, (d) => (d === v ? 1 : 0));
      return codeTest(coded.codes, inside, op === "ne");
    }
    const c = this.constNumber(col, k);
    if (c === null) return null;
    if (col.kind === "date") return numberTest(col.days, op, c);
    if (col.kind === "decimal" && !col.exact) return numberTest(col.ints, op, c);
    return null;
  }

  /**
   * A constant as the column stores it: a day number for a date column, a scaled integer at the
   * column's scale for a decimal column (null: it has more places, or is not such a value).
   */
  private constNumber(col: ColumnData, k: Expr & { op: "const" }): number | null {
    const v = constValue(k.type, k.value);
    if (col.kind === "date") return typeof v === "number" ? v : null;
    if (col.kind !== "decimal" || !isDec(v) || v.big !== null || v.s > col.scale) return null;
    const c = v.i * POW10[col.scale - v.s];
    return Number.isSafeInteger(c) ? c : null;
  }

  /**
   * Whether an expression reads only the source row's columns and constants, with operators that
   * report nothing (comparisons, and/or/not, in_range, in_member): its value is a function of the row.
   */
  private rowLocal(e: Expr, binding: RowBinding | null): boolean {
    if (isComparison(e)) return this.rowLocal(e.args[0], binding) && this.rowLocal(e.args[1], binding);
    switch (e.op) {
      case "const":
        return true;
      case "column": {
        const b = binding?.tables.get(e.table);
        if (!b) return false;
        const table = "composite" in b ? b.composite[0] : b.slot === "src" ? b.table : null;
        return table !== null && table.columns.has(e.column);
      }
      case "and":
      case "or":
      case "not":
        return e.args.every((a) => this.rowLocal(a, binding));
      case "in_range":
        return this.rowLocal(e.value, binding) && this.rowLocal(e.from, binding) && (e.to === null || e.to === undefined || this.rowLocal(e.to, binding));
      case "in_member":
        return this.rowLocal(e.value, binding) && this.rowLocal(e.member, binding);
      default:
        return false;
    }
  }

  /** The storage of a column read from the source row of a binding (null for joined columns). */
  private sourceColumn(e: ColumnExpr, binding: RowBinding | null): ColumnData | null {
    const b = binding?.tables.get(e.table);
    if (!b) return null;
    if ("composite" in b) return b.composite[0].columns.get(e.column) ?? null;
    return b.slot === "src" ? (b.table.columns.get(e.column) ?? null) : null;
  }

  private readonly memberCodesCache = new Map<ColumnData, { codes: Codes; byCode: Int32Array }>();

  /**
   * Each row's member as an index in `members`, in two steps: `byCode[codes[row]]` (a code of -1:
   * missing; an index of -1: not a member). A column stored as codes is read as it is (no array
   * per row: each distinct value is looked up once); any other form gets codes of its own.
   */
  private memberCodes(col: ColumnData & { kind: "string" }, members: string[]): { codes: Codes; byCode: Int32Array } {
    let index = this.memberCodesCache.get(col);
    if (!index) {
      const position = new Map(members.map((m, i) => [m, i]));
      const coded = col.coded();
      if (coded) index = { codes: coded.codes, byCode: Int32Array.from(coded.dict, (m) => position.get(m) ?? -1) };
      else {
        const codes = new Int32Array(col.length);
        const read = col.reader();
        for (let r = 0; r < col.length; r++) {
          const v = read(r);
          codes[r] = v === null ? -1 : (position.get(v) ?? -1);
        }
        index = { codes, byCode: Int32Array.from(members, (_, i) => i) };
      }
      this.memberCodesCache.set(col, index);
    }
    return index;
  }

  private plainDecimalColumn(e: ColumnExpr, binding: RowBinding): (ColumnData & { kind: "decimal" }) | null {
    const b = binding.tables.get(e.table);
    if (!b) return null;
    const col = "composite" in b ? b.composite[0].columns.get(e.column) : b.slot === "src" ? b.table.columns.get(e.column) : undefined;
    return col && col.kind === "decimal" && !col.exact ? col : null;
  }

  private aggregateSource(e: AggregateExpr, scope: Scope): AggregateSource | null {
    if (e.source.kind === "credit") {
      const set = this.credit.sets.get(e.source.rule);
      if (!set) return null;
      const P = this.periods.length;
      return {
        label: set.name,
        binding: set.binding,
        src: set.src,
        entryKey: set.entryKey,
        join: set.join,
        shareId: set.hasShares ? set.shareId : null,
        shareValues: set.shares.values,
        shareUnits: set.shareUnits,
        allOne: set.allOne,
        group: false,
        rows: (env) => set.group(env.pp.row * P + env.pp.periodIndex),
        key: (entry) => set.keyOf(entry),
      };
    }
    const table = this.data.tables.get(e.source.table);
    if (!table) return null;
    const keyOf = rowKeyOf(table);
    const common = {
      label: table.name,
      binding: this.tableBinding(table),
      src: null,
      join: null,
      shareId: null,
      shareValues: [],
      shareUnits: null,
      allOne: true,
      key: (row: number) => keyOf(row),
    };
    // A check's table: the rows of the group in context.
    if (scope.group === table.name) return { ...common, entryKey: null, group: true, rows: (env) => env.group };
    // Rows by person-period: a group per row when the table names the person and the period (or
    // date) of each row, else (or for a person-period outside the people table) the index by text.
    const byGroup = wholeRunSums.enabled ? this.tableGroups(table) : null;
    let index: ((pp: PersonPeriod) => number[] | undefined) | null = null;
    const byText = (pp: PersonPeriod): ArrayLike<number> => (index ??= this.tableIndex(table))(pp) ?? empty;
    const P = this.periods.length;
    const groups = this.personIds.length * P;
    const empty: number[] = [];
    return {
      ...common,
      entryKey: byGroup ? byGroup.entryKey : null,
      group: false,
      rows: ({ pp }) => {
        const k = pp.row * P + pp.periodIndex;
        return byGroup && pp.row >= 0 && k < groups ? byGroup.group(k) : byText(pp);
      },
    };
  }

  /** An input table's rows in context, one at a time (`Env.src`): its columns, and its date column if it has one. */
  private tableBinding(table: TableData): RowBinding {
    const dateCol = table.ir.columns.filter((c) => c.type === "date");
    const dc = dateCol.length === 1 ? table.columns.get(dateCol[0].name) : undefined;
    return {
      tables: new Map([[table.name, { table, slot: "src" as const }]]),
      date: dc && dc.kind === "date" ? (env) => dc.days[env.src] : null,
    };
  }

  private readonly tableGroupCache = new Map<TableData, { entryKey: GroupKeys; group: (key: number) => Int32Array } | null>();

  /**
   * Each row of an input table in the group of its person and period, as `tableIndex` matches
   * them (its person column, or `id` of the people table; its period column by id, else its date
   * column), with the group order built on first use; null when the table has no person column,
   * or neither a period nor a date column (a row then matches several person-periods).
   */
  private tableGroups(table: TableData): { entryKey: GroupKeys; group: (key: number) => Int32Array } | null {
    if (this.tableGroupCache.has(table)) return this.tableGroupCache.get(table)!;
    const { personCol, periodCol, dateCol } = matchColumns(table);
    let result: { entryKey: GroupKeys; group: (key: number) => Int32Array } | null = null;
    if (personCol && personCol.kind === "string" && ((periodCol && periodCol.kind === "string") || (dateCol && dateCol.kind === "date"))) {
      const P = this.periods.length;
      const groups = this.personIds.length * P;
      const n = table.rowCount;
      const entryKey: GroupKeys = groups < 0xffff ? new Uint16Array(n) : new Int32Array(n);
      const personAt = personCol.reader();
      const periodAt = periodCol && periodCol.kind === "string" ? periodCol.reader() : null;
      const periodIndex = new Map(this.periods.map((p, i) => [p.id, i]));
      const days = dateCol && dateCol.kind === "date" ? dateCol.days : null;
      for (let r = 0; r < n; r++) {
        const person = personAt(r);
        const pr = person === null ? undefined : this.personRow.get(person);
        if (pr === undefined) continue;
        let pi = -1;
        if (periodAt) {
          const id = periodAt(r);
          pi = id === null ? -1 : (periodIndex.get(id) ?? -1);
        } else {
          const d = days![r];
          pi = d === d ? this.periodIndexOfDay(d) : -1;
        }
        if (pi >= 0) entryKey[r] = pr * P + pi + 1;
      }
      const start = new Int32Array(groups + 1);
      for (let r = 0; r < n; r++) start[entryKey[r]]++;
      start[0] = 0;
      for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
      let order: Int32Array | null = null;
      const none = new Int32Array(0);
      result = {
        entryKey,
        group: (k) => {
          if (start[k + 1] === start[k]) return none;
          if (order === null) {
            // Rows of a group in row order (as the index by text lists them).
            order = new Int32Array(start[groups]);
            const fill = start.slice(0, groups);
            for (let r = 0; r < n; r++) if (entryKey[r] > 0) order[fill[entryKey[r] - 1]++] = r;
          }
          return order.subarray(start[k], start[k + 1]);
        },
      };
    }
    this.tableGroupCache.set(table, result);
    return result;
  }

  /** Rows of an input table matched to a person and period (its person column, its period or date column). */
  private tableIndex(table: TableData): (pp: PersonPeriod) => number[] | undefined {
    let idx = this.tableIndexes.get(table.name);
    const { personCol, periodCol, dateCol } = matchColumns(table);
    if (!idx) {
      idx = new Map();
      const personAt = personCol && personCol.kind === "string" ? personCol.reader() : null;
      const periodAt = periodCol && periodCol.kind === "string" ? periodCol.reader() : null;
      for (let r = 0; r < table.rowCount; r++) {
        const person = personAt ? (personAt(r) ?? "\u0000none") : "*";
        let period = "*";
        if (periodAt) period = periodAt(r) ?? "\u0000none";
        else if (dateCol && dateCol.kind === "date") {
          const i = this.periodIndexOfDay(dateCol.days[r]);
          period = i < 0 ? "\u0000none" : this.periods[i].id;
        }
        let byPeriod = idx.get(person);
        if (!byPeriod) idx.set(person, (byPeriod = new Map()));
        let rows = byPeriod.get(period);
        if (!rows) byPeriod.set(period, (rows = []));
        rows.push(r);
      }
      this.tableIndexes.set(table.name, idx);
    }
    const index = idx;
    const matchPerson = personCol !== undefined;
    const matchPeriod = periodCol !== undefined || dateCol !== undefined;
    return (pp) => index.get(matchPerson ? pp.person : "*")?.get(matchPeriod ? pp.period.id : "*");
  }

  // --- team, accumulations -------------------------------------------------------------------

  /**
   * Where `team` / `reports` read the other people's lines and values (null: this engine). A
   * traced engine replaying one person for its traces (`lazy-trace.ts`) reads them from the run's
   * untraced engine: the figures are the same, and the reports' traces are not built for nothing.
   */
  teamReader: Engine | null = null;

  private compileTeam(e: TeamExpr, scope: Scope): Fn {
    const args = e.target ? e.target.args.map((a) => this.compile(a, scope)) : [];
    const target = e.target;
    // Untraced, a sum or count keeps no list of people or values.
    const keepValues = e.fn !== "sum" && e.fn !== "count";
    return (env) => {
      const reader = this.teamReader ?? this;
      const rows = e.scope === "reports" ? this.reportRows[env.pp.row] ?? [] : this.teamRows(env.pp.row);
      const traced = env.trace !== null;
      const people: string[] | null = traced ? [] : null;
      const values: Dec[] | null = traced || keepValues ? [] : null;
      let count = 0;
      const sum = e.fn === "sum" ? new DecSum() : null;
      let argValues = NO_ARGS;
      if (args.length > 0) {
        argValues = args.map((a) => a(env));
        for (const v of argValues) if (typeof v !== "string") return null;
      }
      // A component target is found once per read (in the reader's index), not once per report.
      const comp = target && target.kind === "component" ? reader.index.components.get(target.name) : undefined;
      const member = (argValues[0] as string | undefined) ?? null;
      // The team of a period is the people below who are evaluated in it (employed some day of it,
      // or credited in it), as for their own lines: a leaver's or a future hire's values are not read.
      const period = env.pp.periodIndex;
      let members = 0;
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        if (!this.isEvaluated(r, period)) continue;
        members++;
        if (people !== null) people.push(this.personIds[r]);
        if (!target) continue;
        const pp = reader.pp(r, env.pp.periodIndex);
        const v =
          target.kind === "component"
            ? comp
              ? reader.amountOf(pp, comp, member)
              : reader.componentAmount(pp, target.name, member)
            : reader.valueOf(pp, target.name, argValues as string[], null);
        if (isDec(v)) {
          count++;
          sum?.add(v);
          if (values !== null) values.push(v);
        }
      }
      let result: Value;
      switch (e.fn) {
        case "count":
          result = new Dec(e.target ? count : members);
          break;
        case "sum":
          result = sum!.value();
          break;
        case "avg":
          result = values!.length ? values!.reduce((s, v) => s.plus(v), ZERO).div(values!.length) : null;
          break;
        case "min":
          result = values!.length ? Dec.min(...values!) : null;
          break;
        case "max":
          result = values!.length ? Dec.max(...values!) : null;
          break;
      }
      if (people !== null) people.sort();
      env.trace?.push({ kind: "team", scope: e.scope, fn: e.fn, target: e.target?.name ?? null, people: people ?? [], value: showValue(result) });
      return result;
    };
  }

  private teamRows(row: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>([row]);
    const queue = [...(this.reportRows[row] ?? [])];
    while (queue.length) {
      const r = queue.shift()!;
      if (seen.has(r)) continue;
      seen.add(r);
      out.push(r);
      queue.push(...this.reportRows[r]);
    }
    return out;
  }

  private compileAccumulate(fn: "ytd" | "qtd" | "cumulative" | "prior", value: Fn): Fn {
    return (env) => {
      const i = env.pp.periodIndex;
      let indexes: number[];
      if (fn === "prior") indexes = i > 0 ? [i - 1] : [];
      else if (fn === "cumulative") indexes = range(0, i);
      else if (fn === "ytd") {
        const y = this.planYearOf(i);
        let s = i;
        while (s > 0 && this.planYearOf(s - 1) === y) s--;
        indexes = range(s, i);
      } else {
        // The (fiscal) quarter holding the period.
        const quarterOf = (j: number): number => this.calendar.alignMonth("quarter", this.periods[j].startMonth);
        const q = quarterOf(i);
        let s = i;
        while (s > 0 && quarterOf(s - 1) === q) s--;
        indexes = range(s, i);
      }
      const seen: { period: string; value: string | null }[] = [];
      let sum: Dec | null = null;
      let last: Value = null;
      for (const j of indexes) {
        const v = j === i ? value(env.retarget(env.pp)) : value(env.retarget(this.pp(env.pp.row, j)));
        seen.push({ period: this.periods[j].id, value: showValue(v) });
        last = v;
        if (isDec(v)) sum = (sum ?? ZERO).plus(v);
      }
      const result = fn === "prior" ? last : sum;
      env.trace?.push({ kind: "accumulate", fn, periods: seen, value: showValue(result) });
      return result;
    };
  }

  // --- tiers, curves, lookups ----------------------------------------------------------------

  private compileTier(e: TierExpr, scope: Scope): Fn {
    const tiers = this.index.tiers.get(e.table);
    const value = this.compile(e.value, scope);
    const quota = e.quota ? this.compile(e.quota, scope) : null;
    if (!tiers) return (env) => (this.report("R0042", `tiers:${e.table}`, `unknown tier table '${e.table}'`, env.pp, "error"), null);
    const marginal = e.apply === "payout" && tiers.ir.mode === "marginal";
    const allowNegative = e.negative === true || scope.allowNegative === true;
    // The bands of the last few quota objects met here (quotas from a lookup are a few shared
    // objects): found by identity, not in the WeakMaps per call.
    const seenQuotas: (Dec | null)[] = [];
    const seenBands: ScaledBands[] = [];
    const bandsFor = (q: Dec | null): ScaledBands => {
      for (let k = 0; k < seenQuotas.length; k++) if (seenQuotas[k] === q) return seenBands[k];
      const sb = scaledBands(tiers, q);
      if (seenQuotas.length < 8) {
        seenQuotas.push(q);
        seenBands.push(sb);
      }
      return sb;
    };
    return (env) => {
      const x = value(env);
      if (!isDec(x)) return null;
      let q: Dec | null = null;
      if (quota) {
        const qv = quota(env);
        if (!isDec(qv)) return null;
        q = qv;
      }
      // `allow negative` (of the application, `t(x, allow negative)`, or of the component it is
      // compiled in): a negative value is paid (clawed back) at the first band's rate, where the
      // bands themselves, starting at zero, would give nothing or no value.
      const negative = allowNegative && e.apply === "payout" && x.isNegative() && !x.isZero();
      if (marginal && !negative && env.trace === null) {
        // Untraced marginal payout: the integer total when it applies (no result object, no band list).
        const ints = bandsFor(q).ints;
        const total = ints === null ? null : marginalInts(ints, x);
        if (total !== null) return total;
      }
      const r =
        negative && (tiers.ir.mode === "marginal" || tiers.ir.mode === "retroactive") && tiers.bands.length > 0
          ? clawback(tiers, x, env.trace !== null)
          : applyTiers(tiers, e.apply, x, q, env.trace !== null);
      if (r.divisionByZero) this.report("R0040", `tier-quota:${scope.where}`, `tier table '${e.table}' applied with a zero quota in ${scope.where}: no value`, env.pp);
      env.trace?.push({
        kind: "tier",
        table: e.table,
        mode: e.apply === "rate" ? "rate" : tiers.ir.mode,
        boundary: tiers.ir.boundary,
        input: decShown(x),
        quota: q ? decShown(q) : null,
        bands: r.bands,
        value: shown(r.value),
      });
      return r.value;
    };
  }

  private compileCurve(name: string, value: Fn): Fn {
    const curve = this.index.curves.get(name);
    if (!curve || curve.points.length === 0) return (env) => (this.report("R0042", `curve:${name}`, `unknown or empty curve '${name}'`, env.pp, "error"), null);
    const pts = curve.points;
    // Each segment's rise and run, computed once (the same values the formula would compute per call).
    const rise = pts.slice(1).map((b, k) => b.y.minus(pts[k].y));
    const run = pts.slice(1).map((b, k) => b.x.minus(pts[k].x));
    // rise / run where it is exact in the integer form (checked by multiplying back, a safe
    // product): (x − a.x) · rise / run is then (x − a.x) · slope, one operation instead of two.
    const slope = rise.map((r, k): Dec | null => {
      const u = run[k];
      if (r.big !== null || u.big !== null || u.isZero()) return null;
      const q = r.div(u);
      return q.big === null && Math.abs(q.i * u.i) <= Number.MAX_SAFE_INTEGER && q.times(u).eq(r) ? q : null;
    });
    return (env) => {
      const x = value(env);
      if (!isDec(x)) return null;
      let y: Dec;
      // The segment's text is built only for a trace (four decimal-to-text conversions per call).
      const first = pts[0];
      const last = pts[pts.length - 1];
      let i = -1;
      if (x.lt(first.x)) y = curve.below ?? first.y;
      else if (x.gte(last.x)) y = last.y;
      else {
        i = 0;
        while (!(x.gte(pts[i].x) && x.lt(pts[i + 1].x))) i++;
        const a = pts[i];
        const d = x.minus(a.x);
        // With an exact slope and (x − a.x) · rise a safe integer (so the formula's product is
        // exact), (x − a.x) · slope is the formula's exact quotient, rounded (if at all) as its
        // division would round it, with the same sign of zero: the same Dec.
        const s = slope[i];
        const exact = s !== null && d.big === null && Math.abs(d.i * rise[i].i) <= Number.MAX_SAFE_INTEGER;
        y = a.y.plus(exact ? d.times(s) : d.times(rise[i]).div(run[i]));
      }
      if (env.trace) {
        let segment: string;
        if (i >= 0) {
          const a = pts[i];
          const b = pts[i + 1];
          segment = `${decText(a.x)}→${decText(b.x)} (${decText(a.y)}→${decText(b.y)})`;
        } else if (x.lt(first.x)) segment = curve.below ? `below ${decText(first.x)}: cliff` : `below ${decText(first.x)}: flat`;
        else segment = pts.length === 1 || x.gt(last.x) ? `above ${decText(last.x)}: flat` : `at ${decText(last.x)}`;
        env.trace.push({ kind: "curve", curve: name, input: decText(x), segment, value: decText(y) });
      }
      return y;
    };
  }

  private compileLookup(name: string, keyExprs: Expr[], scope: Scope): Fn {
    const lookup = this.index.lookups.get(name);
    const keys = keyExprs.map((k) => this.compile(k, scope));
    if (!lookup) return (env) => (this.report("R0042", `lookup:${name}`, `unknown table '${name}'`, env.pp, "error"), null);
    // One key (the common case): the answer per member is computed once and kept.
    const single = keys.length === 1 ? new Map<string, { value: Dec | null; step: TraceStep }>() : null;
    // A key with no value (a blank optional cell) matches no row: the `default` row, if any.
    const blank = (shown: (string | null)[]): { value: Dec | null; step: TraceStep } => ({
      value: lookup.fallback,
      step: { kind: "lookup", table: name, keys: shown, row: lookup.fallback ? "default" : "none", value: lookup.fallback ? decText(lookup.fallback) : null },
    });
    const blankHit = blank([null]);
    const hitOf = (m: Value | undefined): { value: Dec | null; step: TraceStep } => {
      if (typeof m !== "string") return blankHit;
      let hit = single!.get(m);
      if (!hit) {
        const chain = ancestorsOf(this.index, lookup.ir.keys[0] ?? "", m);
        const found = chain.find(([, a]) => lookup.rows.has(a));
        const value = found ? lookup.rows.get(found[1])! : lookup.fallback;
        const step: TraceStep = { kind: "lookup", table: name, keys: [m], row: found ? found[1] : value ? "default" : "none", value: value ? decText(value) : null };
        hit = { value, step };
        single!.set(m, hit);
      }
      return hit;
    };
    // A parameter key (`quota(c)`'s `c`): the row found once per bound parameters.
    const key = keyExprs[0];
    const paramHit = single && key.op === "param" ? this.byParam(key.name, hitOf) : null;
    return (env) => {
      if (single) {
        const hit = paramHit !== null ? paramHit(env.params) : hitOf(keys[0](env));
        if (hit === null) return null;
        env.trace?.push(hit.step);
        return hit.value;
      }
      const members: string[] = [];
      for (const k of keys) {
        const v = k(env);
        if (typeof v !== "string") {
          // Some key has no value: no row matches, whatever the others are.
          const b = blank(keys.map((_, i) => (i < members.length ? members[i] : null)));
          env.trace?.push(b.step);
          return b.value;
        }
        members.push(v);
      }
      const chains = members.map((m, i) => ancestorsOf(this.index, lookup.ir.keys[i] ?? "", m).map(([, a]) => a));
      // The most specific row: fewest ancestor steps in total, earlier keys more specific on ties.
      let found: { keys: string[]; value: Dec } | null = null;
      for (const combo of combinations(chains)) {
        const v = lookup.rows.get(combo.join("\u0001"));
        if (v !== undefined) {
          found = { keys: combo, value: v };
          break;
        }
      }
      const value = found ? found.value : lookup.fallback;
      env.trace?.push({
        kind: "lookup",
        table: name,
        keys: members,
        row: found ? found.keys.join(", ") : value ? "default" : "none",
        value: value ? decText(value) : null,
      });
      return value;
    };
  }

  // --- builtins, prorate, convert ------------------------------------------------------------

  private compileBuiltin(
    fn: BuiltinExpr["fn"],
    args: Fn[],
    rounding: { scale: number; mode: "half_even" | "half_up" | "half_down" | "up" | "down" } | null,
    scope: Scope,
  ): Fn {
    return (env) => {
      const vs = args.map((a) => a(env));
      if (vs.some((v) => v === null)) return null;
      if (fn === "days") {
        const [a, b] = vs;
        return typeof a === "number" && typeof b === "number" ? new Dec(b - a + 1) : null;
      }
      if (fn === "months_since") return typeof vs[0] === "number" ? new Dec(monthsSince(vs[0], env.pp.period.end)) : null;
      if (!vs.every(isDec)) {
        if ((fn === "min" || fn === "max") && vs.every((v) => typeof v === "number")) {
          return fn === "min" ? Math.min(...(vs as number[])) : Math.max(...(vs as number[]));
        }
        return null;
      }
      const ds = vs as Dec[];
      switch (fn) {
        case "min":
          return Dec.min(...ds);
        case "max":
          return Dec.max(...ds);
        case "abs":
          return ds[0].abs();
        case "clamp":
          return Dec.min(Dec.max(ds[0], ds[1]), ds[2]);
        case "round": {
          const scale = rounding ? rounding.scale : ds.length > 1 ? ds[1].toNumber() : this.rounding.scale;
          const mode = rounding ? rounding.mode : this.rounding.mode;
          return roundDec(ds[0], scale, mode);
        }
        case "step_down": {
          if (ds[1].isZero()) {
            this.report("R0040", `step:${scope.where}`, `step_down with a zero step in ${scope.where}: no value`, env.pp);
            return null;
          }
          return ds[0].div(ds[1]).floor().times(ds[1]);
        }
      }
    };
  }

  private compileProrate(e: ProrateExpr, scope: Scope): Fn {
    const value = this.compile(e.value, scope);
    const by = e.by;
    let intervals: ((pp: PersonPeriod) => [number, number][]) | null = null;
    if (by) {
      const table = this.data.tables.get(by.table);
      const from = table?.columns.get(by.from);
      const to = table?.columns.get(by.to);
      if (table && from?.kind === "date" && to?.kind === "date") {
        const byPerson = this.rowsByPerson(table);
        intervals = (pp) =>
          (byPerson.get(pp.person) ?? []).map((r) => [from.days[r], to.days[r] === to.days[r] ? to.days[r] : Infinity] as [number, number]);
      } else {
        intervals = (pp) => (this.report("R0042", `prorate:${by.table}`, `prorate by ${by.table}.${by.from} .. ${by.to}: no such date columns`, pp, "error"), []);
      }
    }
    return (env) => {
      const x = value(env);
      if (!isDec(x)) return null;
      const p = env.pp.period;
      const periodDays = p.end - p.start + 1;
      const spans = intervals ? intervals(env.pp) : [this.employment(env.pp.row)];
      // Only days the plan is in force count: a plan version starting mid-quarter pays its share of it.
      const days = coveredDays(spans, Math.max(p.start, this.effFrom), Math.min(p.end, this.effTo));
      const result = x.times(days).div(periodDays);
      env.trace?.push({ kind: "prorate", days, periodDays, value: decText(result) });
      return result;
    };
  }

  private rowsByPerson(table: TableData): Map<string, number[]> {
    const personCols = table.ir.columns.filter((c) => c.type === "person");
    const col = table.columns.get(table.role === "people" ? "id" : (personCols[0]?.name ?? ""));
    const out = new Map<string, number[]>();
    if (!col || col.kind !== "string") return out;
    col.values.forEach((v, r) => {
      if (v === null) return;
      let rows = out.get(v);
      if (!rows) out.set(v, (rows = []));
      rows.push(r);
    });
    return out;
  }

  private indexFx(): void {
    const fx = this.ir.plan.fx;
    if (!fx) return;
    const table = this.data.tables.get(fx.table);
    if (!table) return;
    const cur = table.columns.get("currency");
    const date = table.columns.get("date");
    const rate = table.columns.get("rate");
    if (cur?.kind !== "string" || date?.kind !== "date" || rate?.kind !== "decimal") return;
    const read = columnReader(rate, "src");
    const probe = new Env(null as unknown as PersonPeriod, new Map(), null, null);
    for (let r = 0; r < table.rowCount; r++) {
      const c = cur.values[r];
      probe.src = r;
      const v = read(probe);
      if (c === null || !isDec(v)) continue;
      let list = this.fxRates.get(c);
      if (!list) this.fxRates.set(c, (list = []));
      list.push({ day: date.days[r], rate: v });
    }
    for (const list of this.fxRates.values()) list.sort((a, b) => a.day - b.day);
  }

  /** Plan-currency value of one unit of `currency` on `day` (1 for the plan currency). */
  rateOn(currency: string, day: number): Dec | null {
    if (currency === this.ir.plan.currency) return ONE;
    const list = this.fxRates.get(currency);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].day <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? null : list[found].rate;
  }

  private compileConvert(e: ConvertExpr, scope: Scope): Fn {
    const value = this.compile(e.value, scope);
    const declared = moneyCurrency(e.value.type);
    let sourceCurrency: Fn = constFn(declared && declared !== "*" ? declared : this.ir.plan.currency);
    if (declared === "*") {
      const col = findCurrencyColumn(e.value, this.ir.plan.tables, scope);
      sourceCurrency = col ? this.compileColumn(col, scope) : constFn(null);
    }
    const rowDate = scope.row?.date ?? null;
    // The source row converted (a row of a credit rule's source or of an input table): where a
    // missing rate is reported, by its file, line and the converted column.
    let source: TableData | null = null;
    for (const b of scope.row?.tables.values() ?? []) if ("table" in b && b.slot === "src") source = b.table;
    const keyOf = source ? rowKeyOf(source) : null;
    const column = e.value.op === "column" ? e.value.column : null;
    return (env) => {
      const x = value(env);
      if (!isDec(x)) return null;
      const from = sourceCurrency(env);
      if (typeof from !== "string") return null;
      if (from === e.currency) return x;
      const day = rowDate ? rowDate(env) : env.pp.period.end;
      const rFrom = this.rateOn(from, day);
      const rTo = this.rateOn(e.currency, day);
      if (!rFrom || !rTo || rTo.isZero()) {
        const at = source && keyOf && env.src >= 0 ? { file: source.file, row: source.lines.lineOf(env.src), column, rowKey: keyOf(env.src) } : undefined;
        this.report("R0041", `fx:${from}:${e.currency}`, `no exchange rate from ${from} to ${e.currency} on ${formatDate(day)}`, env.pp, "error", at);
        env.trace?.push({ kind: "convert", from, to: e.currency, rate: null, date: formatDate(day) });
        return null;
      }
      const rate = rFrom.div(rTo);
      env.trace?.push({ kind: "convert", from, to: e.currency, rate: decText(rate), date: formatDate(day) });
      return x.times(rate);
    };
  }
}

/** A value's memo slot: `name(args)` numbered once a run, its parameters bound once. */
export interface ValueSlot {
  slot: number;
  name: string;
  args: string[];
  def: ValueIR | undefined;
  params: ReadonlyMap<string, string>;
  /** The definition's source span (for its trace step). */
  source: string | null;
  /** The value's compiled body, found on its first computation (no lookup by name per value). */
  fn: Fn | null;
}

/** A component line's memo slot (per component and member). */
export interface LineSlot {
  slot: number;
  params: ReadonlyMap<string, string>;
  /** The component's compiled closures, found on the slot's first line (no lookup by name per line). */
  fns: CompiledComponent | null;
}

interface CompiledComponent {
  /** The trace every untraced line of the component shares. */
  untraced: LineTrace;
  /** The component's window as days (null: none). */
  window: [number, number] | null;
  eligible: Fn | null;
  lets: Map<string, Fn>;
  hasLets: boolean;
  gate: Fn | null;
  payout: Fn;
  floor: Fn | null;
  cap: Fn | null;
  hold: Fn | null;
}

/** A diagnostic held back while a value is computed only to be shown. */
interface HeldReport {
  code: string;
  where: string;
  message: string;
  pp: PersonPeriod | null;
  severity: "error" | "warning";
}

interface AggregateSource {
  label: string;
  binding: RowBinding;
  /** Per entry: its row; null: each entry is its row. */
  src: Int32Array | null;
  /** A credit set's entries: each one's group + 1 (0: none); null for an input table. */
  entryKey: GroupKeys | null;
  join: ArrayLike<number> | null;
  /** Per entry: the share's id in `shareValues` (-1: 100%); null without split. */
  shareId: Int32Array | null;
  shareValues: Dec[];
  shareUnits: { scale: number; units: Float64Array } | null;
  allOne: boolean;
  /** A check's group (`Scope.group`): the rows are the Env's, so nothing is kept per person-period. */
  group: boolean;
  rows: (env: Env) => ArrayLike<number>;
  key: (entry: number) => string;
}

export type { RowBinding, Scope };

/**
 * The text of a decimal in a trace, kept for the last few decimals shown: one value appears in
 * several steps of a line (its value step, the tier's input, the payout, the rounding's `before`),
 * so they share one string instead of converting the decimal each time. Keyed by the (immutable)
 * decimal object itself.
 */
const shownDecs: (Dec | null)[] = [null, null, null, null];
const shownTexts: string[] = ["", "", "", ""];
let shownNext = 0;

function decShown(d: Dec): string {
  for (let i = 0; i < 4; i++) if (shownDecs[i] === d) return shownTexts[i];
  const text = decText(d);
  shownDecs[shownNext] = d;
  shownTexts[shownNext] = text;
  shownNext = (shownNext + 1) & 3;
  return text;
}

/** `showValue`, with a decimal's text shared as `decShown` does. */
function shown(v: Value): string | null {
  return isDec(v) ? decShown(v) : showValue(v);
}

/**
 * A complete list at its size: an array grown by `push` keeps room for 17 elements (152 bytes),
 * a copy only what it holds; a traced result keeps one or two such lists per line and value.
 */
function trimmed<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

/** Whether some expression anywhere under `node` (any part of the plan) has this `op`. */
function hasOp(node: unknown, op: string): boolean {
  if (Array.isArray(node)) return node.some((x) => hasOp(x, op));
  if (typeof node !== "object" || node === null) return false;
  if ((node as { op?: unknown }).op === op) return true;
  return Object.values(node).some((x) => hasOp(x, op));
}

/** True when the expression reads a column of the row in context. */
function mentionsRow(e: Expr): boolean {
  if (e.op === "column") return true;
  if (e.op === "aggregate") return false;
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x === "object" && x !== null && "op" in x && mentionsRow(x as Expr))) return true;
    } else if (typeof v === "object" && v !== null && "op" in v && mentionsRow(v as Expr)) return true;
  }
  return false;
}

function constFn(v: Value): Fn {
  return () => v;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

export function constValue(type: string, text: string): Value {
  if (type === "date") return parseDate(text);
  if (type === "bool") return text === "true";
  if (type.startsWith("money") || type === "ratio" || type === "percent" || type === "number" || type === "count") {
    try {
      return new Dec(text);
    } catch {
      return null;
    }
  }
  return text;
}

function parseOverride(text: string): Value {
  const t = text.trim();
  if (t === "true" || t === "false") return t === "true";
  const day = parseDate(t);
  if (day !== null) return day;
  const m = /^(-?\d+(?:\.\d+)?)(%)?(?:\s+[A-Z]{3})?$/.exec(t);
  if (m) return m[2] ? new Dec(m[1]).div(100) : new Dec(m[1]);
  return t;
}

function overrideKey(person: string, period: string, name: string, args: string[]): string {
  return `${person}\u0000${period}\u0000${name}\u0000${args.join("\u0001")}`;
}

function valueStep(
  name: string,
  valueKind: "measure" | "quota" | "let",
  args: string[],
  entry: ValueEntry,
  source: string | null,
): TraceStep {
  // One step object per computed value, shared by every trace that references it.
  entry.step ??= { kind: "value", name, valueKind, args, value: shown(entry.value), source, overridden: entry.overridden, steps: entry.steps ?? [] };
  return entry.step;
}

/**
 * The columns that match an input table's rows to a person and a period: its person column (`id`
 * of the people table), its period column, else its date column; each only where there is one.
 */
function matchColumns(table: TableData): { personCol?: ColumnData; periodCol?: ColumnData; dateCol?: ColumnData } {
  const personCols = table.ir.columns.filter((c) => c.type === "person");
  const periodCols = table.ir.columns.filter((c) => c.type === "period");
  const dateCols = table.ir.columns.filter((c) => c.type === "date");
  const personCol = table.role === "people" ? table.columns.get("id") : personCols.length === 1 ? table.columns.get(personCols[0].name) : undefined;
  const periodCol = periodCols.length === 1 ? table.columns.get(periodCols[0].name) : undefined;
  const dateCol = !periodCol && dateCols.length === 1 ? table.columns.get(dateCols[0].name) : undefined;
  return { personCol, periodCol, dateCol };
}

function compileCompare(op: Comparison, a: Fn, b: Fn): Fn {
  return (env) => {
    const x = a(env);
    const y = b(env);
    if (x === null || y === null) return null;
    if (op === "eq" || op === "ne") {
      const same = isDec(x) && isDec(y) ? x.eq(y) : x === y;
      return op === "eq" ? same : !same;
    }
    const c = compareValues(x, y);
    if (c === null) return null;
    return op === "lt" ? c < 0 : op === "le" ? c <= 0 : op === "gt" ? c > 0 : c >= 0;
  };
}

/** Key combinations from most to least specific (by total ancestor depth, earlier keys first). */
function* combinations(chains: string[][]): Generator<string[]> {
  const maxDepth = chains.reduce((s, c) => s + c.length - 1, 0);
  for (let total = 0; total <= maxDepth; total++) {
    yield* withDepth(chains, 0, total, []);
  }
}

function* withDepth(chains: string[][], i: number, remaining: number, acc: string[]): Generator<string[]> {
  if (i === chains.length) {
    if (remaining === 0) yield acc;
    return;
  }
  for (let d = 0; d < chains[i].length && d <= remaining; d++) yield* withDepth(chains, i + 1, remaining - d, [...acc, chains[i][d]]);
}

/** Calendar days of [start, end] covered by the union of the intervals. */
export function coveredDays(intervals: [number, number][], start: number, end: number): number {
  const clipped = intervals
    .map(([a, b]) => [Math.max(a, start), Math.min(b, end)] as [number, number])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  let days = 0;
  let curA = NaN;
  let curB = NaN;
  for (const [a, b] of clipped) {
    if (curB === curB && a <= curB + 1) curB = Math.max(curB, b);
    else {
      if (curB === curB) days += curB - curA + 1;
      curA = a;
      curB = b;
    }
  }
  if (curB === curB) days += curB - curA + 1;
  return days;
}

function findCurrencyColumn(e: Expr, tables: PlanIR["plan"]["tables"], scope: Scope): ColumnExpr | null {
  if (e.op === "column") {
    const binding = scope.row?.tables.get(e.table);
    const candidates =
      binding && "composite" in binding ? [binding.composite[0].ir, binding.composite[1]?.ir] : binding ? [binding.table.ir] : tables.filter((t) => t.name === e.table);
    for (const t of candidates) {
      const c = t?.columns.find((x) => x.name === e.column);
      if (c?.currencyColumn) return { op: "column", type: "currency", table: e.table, column: c.currencyColumn };
    }
    return null;
  }
  const kids: Expr[] = "args" in e && Array.isArray(e.args) ? (e.args as Expr[]) : "value" in e && typeof e.value === "object" && e.value ? [e.value as Expr] : [];
  for (const k of kids) {
    const c = findCurrencyColumn(k, tables, scope);
    if (c) return c;
  }
  return null;
}

export function rowKeyOf(table: TableData): (row: number) => string {
  const keys = table.ir.columns.filter((c) => c.key).map((c) => table.columns.get(c.name)!);
  if (keys.length === 1 && keys[0].kind === "string") {
    // Decoded on each read, never kept by the column: traces are computed when read and dropped,
    // so a memo of every key read would only grow (10M keys: ~0.5 GB).
    const read = keys[0].reader();
    return (row) => read(row) ?? "";
  }
  if (keys.length === 0) return (row) => `line ${table.lines.lineOf(row)}`;
  const readers = keys.map((c) => columnReader(c, "src"));
  const probe = new Env(null as unknown as PersonPeriod, new Map(), null, null);
  return (row) => {
    probe.src = row;
    return readers.map((r) => showValue(r(probe)) ?? "").join("|");
  };
}

// --- tiers ---------------------------------------------------------------------------------

/** Memo placeholders while a value or line is being computed: meeting one again is a cycle. */
const BUSY_VALUE: ValueEntry = { value: null, steps: null, overridden: false };
const BUSY_LINE: LineOutcome = { kind: "none" };
/** No line (not evaluated, outside the window, not eligible): one shared outcome, never written to. */
const NO_LINE: LineOutcome = { kind: "none" };
/** In an untraced memo (`PersonPeriod.plain`): being computed, and a value without value. */
const BUSY_MEMO = { busy: true } as const;
const NULL_MEMO = { none: true } as const;
/** The arguments of a reference without any (never written to). */
const NO_ARGS: Value[] = [];

/** Shared, never pushed to: the steps of an untraced line. */
const NO_STEPS: TraceStep[] = [];
// Steps that carry no per-line data are shared by every trace.
const ELIGIBLE: TraceStep = { kind: "eligible", value: true };
const GATE_OPEN: TraceStep = { kind: "gate", passed: true };
const GATE_CLOSED: TraceStep = { kind: "gate", passed: false };

const NO_BAND: BandTrace = { from: "", to: null, value: "", slice: null, payout: null, reached: false };
/** The bands of an untraced tier result (shared, never pushed to). */
const NO_BANDS: BandTrace[] = [];

interface TierResult {
  value: Dec | null;
  bands: BandTrace[];
  divisionByZero: boolean;
}

function inBand(t: PreparedTiers, i: number, v: Dec): boolean {
  const b = t.bands[i];
  switch (t.ir.boundary) {
    case "lower":
      return v.gte(b.from) && (b.to === null || v.lt(b.to));
    case "upper":
      return (i === 0 ? v.gte(b.from) : v.gt(b.from)) && (b.to === null || v.lte(b.to));
    case "both":
      return v.gte(b.from) && (b.to === null || v.lte(b.to));
  }
}

/** A tier table's bounds in the value's units (× quota with `quota:`), and their integer form. */
interface ScaledBands {
  bands: readonly { from: Dec; to: Dec | null }[];
  /** The marginal bands as scaled integers (`marginalInts`), null when some bound or rate has no integer form. */
  ints: IntBands | null;
}

/**
 * A marginal table in scaled integers: bound k is `from[k] / 10^scale` (`to[k]` NaN: open), rate k
 * is `rate[k] / 10^rateScale`; every number a safe integer and scale + rateScale ≤ 22.
 */
interface IntBands {
  scale: number;
  from: Float64Array;
  to: Float64Array;
  rateScale: number;
  rate: Float64Array;
}

/**
 * A quota's band bounds (`from × q .. to × q`), kept per quota value object: quotas read from a
 * lookup are the same object for every person, so the products are computed once per member.
 */
const quotaBands = new WeakMap<Dec, WeakMap<PreparedTiers, ScaledBands>>();
/** The bands without quota, per table. */
const plainBands = new WeakMap<PreparedTiers, ScaledBands>();

function scaledBands(t: PreparedTiers, quota: Dec | null): ScaledBands {
  if (quota === null) {
    let sb = plainBands.get(t);
    if (!sb) plainBands.set(t, (sb = { bands: t.bands, ints: intBands(t.bands, t.bands) }));
    return sb;
  }
  let byTiers = quotaBands.get(quota);
  if (!byTiers) quotaBands.set(quota, (byTiers = new WeakMap()));
  let sb = byTiers.get(t);
  if (!sb) {
    const bands = t.bands.map((b) => ({ from: b.from.times(quota), to: b.to === null ? null : b.to.times(quota) }));
    sb = { bands, ints: intBands(bands, t.bands) };
    byTiers.set(t, sb);
  }
  return sb;
}

/** The integer form of marginal bands (bounds at their largest scale, rates at theirs), or null. */
function intBands(bounds: readonly { from: Dec; to: Dec | null }[], rates: readonly { value: Dec }[]): IntBands | null {
  let scale = 0;
  let rateScale = 0;
  for (let k = 0; k < bounds.length; k++) {
    const { from, to } = bounds[k];
    const rate = rates[k].value;
    if (from.big !== null || rate.big !== null || (to !== null && to.big !== null)) return null;
    scale = Math.max(scale, from.s, to === null ? 0 : to.s);
    rateScale = Math.max(rateScale, rate.s);
  }
  if (scale + rateScale > 22) return null;
  const n = bounds.length;
  const out: IntBands = { scale, from: new Float64Array(n), to: new Float64Array(n), rateScale, rate: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const { from, to } = bounds[k];
    const rate = rates[k].value;
    out.from[k] = from.i * 10 ** (scale - from.s);
    out.to[k] = to === null ? NaN : to.i * 10 ** (scale - to.s);
    out.rate[k] = rate.i * 10 ** (rateScale - rate.s);
    if (!isSafe(out.from[k]) || (to !== null && !isSafe(out.to[k])) || !isSafe(out.rate[k])) return null;
  }
  return out;
}

/** 10^k for the scales of `Dec`'s integer form (0..22), as `10 ** k` gives them (read, not computed: `**` is a call). */
const TEN_POW: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

function isSafe(n: number): boolean {
  return n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER;
}

/**
 * The marginal total Σ (min(x, to) − from) × rate over the bands x passes, in scaled integers: the
 * exact value, so the same Dec as the general path (every slice, product and partial sum is a safe
 * integer at a scale at least its canonical one, hence exact there too, and the doubles add in the
 * same order, so a zero has the same sign). Null when x has no integer form or an intermediate
 * leaves the safe range: the caller then takes the general path.
 */
function marginalInts(b: IntBands, x: Dec): Dec | null {
  if (x.big !== null) return null;
  let xi = x.i;
  let scale = b.scale;
  let m = 1;
  if (x.s < scale) {
    xi *= TEN_POW[scale - x.s];
    if (!isSafe(xi)) return null;
  } else if (x.s > scale) {
    m = TEN_POW[x.s - scale];
    scale = x.s;
    if (scale + b.rateScale > 22) return null;
  }
  let total = 0;
  const n = b.from.length;
  for (let k = 0; k < n; k++) {
    const from = b.from[k] * m;
    if (!isSafe(from)) return null;
    if (xi <= from) continue;
    let top = xi;
    const openTo = b.to[k];
    if (openTo === openTo) {
      const to = openTo * m;
      if (!isSafe(to)) return null;
      if (!(xi < to)) top = to;
    }
    const slice = top - from;
    const pay = slice * b.rate[k];
    if (!isSafe(slice) || !isSafe(pay)) return null;
    total += pay;
    if (!isSafe(total)) return null;
  }
  return Dec.scaled(total, scale + b.rateScale);
}

/** `allow negative`: a negative value at the first band's rate, the band shown as reached. */
function clawback(t: PreparedTiers, x: Dec, traced: boolean): TierResult {
  const value = x.times(t.bands[0].value);
  const bands = traced
    ? t.bands.map((_, i) => (i === 0 ? { ...t.texts[0], slice: decText(x), payout: decText(value), reached: true } : t.unreached[i]))
    : [];
  return { value, bands, divisionByZero: false };
}

/** Applies a tier table (docs/language.md §3 `tiers`): marginal slices, retroactive, amount, interpolated, or the rate. */
export function applyTiers(t: PreparedTiers, apply: "payout" | "rate", x: Dec, quota: Dec | null, traced = true): TierResult {
  const bandTrace = (i: number, reached: boolean, slice: Dec | null = null, payout: Dec | null = null): BandTrace =>
    traced ? ({
    from: t.texts[i].from,
    to: t.texts[i].to,
    value: t.texts[i].value,
    slice: slice ? decText(slice) : null,
    payout: payout ? decText(payout) : null,
    reached,
  }) : NO_BAND;
  const mode = apply === "rate" ? "rate" : t.ir.mode;
  if (mode === "marginal") {
    // Slices are taken of x against the bands in x's units (bounds × quota with `quota:`).
    let total = ZERO;
    // One band trace per band, in an array of that size.
    const bands: BandTrace[] = traced ? new Array<BandTrace>(t.bands.length) : NO_BANDS;
    const sb = scaledBands(t, quota);
    // Untraced: the total in scaled integers when everything has that form (no Dec per slice).
    if (!traced && sb.ints !== null) {
      const value = marginalInts(sb.ints, x);
      if (value !== null) return { value, bands, divisionByZero: false };
    }
    const inUnits = sb.bands;
    for (let i = 0; i < t.bands.length; i++) {
      const b = t.bands[i];
      const from = inUnits[i].from;
      if (x.lte(from)) {
        // Bands increase: nothing of x lies in this band or the next ones.
        if (traced) bands[i] = t.unreached[i];
        continue;
      }
      const to = inUnits[i].to;
      const slice = (to === null || x.lt(to) ? x : to).minus(from);
      const pay = slice.times(b.value);
      total = total.plus(pay);
      if (traced) bands[i] = bandTrace(i, true, slice, pay);
    }
    return { value: total, bands, divisionByZero: false };
  }
  // The other modes pick one band by x (or x / quota).
  if (quota && quota.isZero()) return { value: null, bands: [], divisionByZero: true };
  const v = quota ? x.div(quota) : x;
  let reached = -1;
  for (let i = 0; i < t.bands.length; i++) {
    if (inBand(t, i, v)) {
      reached = i;
      break;
    }
  }
  if (mode === "interpolated") {
    let total = ZERO;
    const bands: BandTrace[] = [];
    let any = false;
    t.bands.forEach((b, i) => {
      if (b.to !== null && v.gte(b.to) && i !== reached) {
        total = total.plus(b.value);
        bands.push(bandTrace(i, false, null, b.value));
        any = true;
      } else if (i === reached && b.to !== null) {
        const part = b.value.times(v.minus(b.from)).div(b.to.minus(b.from));
        total = total.plus(part);
        bands.push(bandTrace(i, true, null, part));
        any = true;
      } else bands.push(bandTrace(i, false));
    });
    return { value: any ? total : null, bands, divisionByZero: false };
  }
  const bands = traced ? t.bands.map((_, i) => bandTrace(i, i === reached)) : [];
  if (reached < 0) return { value: null, bands, divisionByZero: false };
  const rate = t.bands[reached].value;
  const value = mode === "retroactive" ? rate.times(x) : rate;
  return { value, bands, divisionByZero: false };
}
