import type { ComponentIR, PlanIR } from "@carrot/ir";
import type { Dataset } from "../data/dataset.js";
import type { LineStatus, LineTrace, OmittedLine, ResultLine } from "../result/types.js";
import { Engine, type ValueOverride } from "./engine.js";
import type { CreditRun } from "./credit.js";
import { guaranteeRule, type GuaranteeRule } from "./guarantee.js";

/**
 * Traces computed when read. A traced run evaluates untraced (the figures and diagnostics of a
 * traced run are those of an untraced one: a test pins it), and each result line keeps only its
 * person row, period index and component line (a hidden key). Reading `line.trace` replays the
 * line's person on a traced engine kept by the result (made on the first read, on the run's credit sets)
 * in the run's order — every period of the person's touched plan years, every line in the
 * components' order, then the guarantee and the listed measures, as `run` does — and returns the
 * trace that line had there (kept for the last two people replayed).
 *
 * A memoised value or line is a function of its person-period and the data alone, so a trace does
 * not depend on which person-periods were computed before it: after a person is replayed its memos
 * are freed, with those of the people it read (its team), and reading every trace in the result's
 * order (`toJson`, `writeJson`) holds one person's traced memos at a time (a manager's team read
 * computes its reports' lines again, traced; their traces are dropped with the memos). The one
 * exception is a reference cycle (R0042: the value met while busy has no value, so what it shows
 * depends on where the cycle was entered): a run that reported an R0042 keeps the run's order
 * instead — people replayed as the run evaluated them and memos released on the run's schedule
 * (after the last manager above), so the engine computes the sequence the eager traced run did.
 * Either way the bytes are those of the eager traces (property tests compare them). Diagnostics
 * of the traced engine are discarded: a trace read adds nothing to the result.
 */
export interface TraceRun {
  ir: PlanIR;
  data: Dataset;
  overrides: ValueOverride[];
  /** The lines of a person-period in the run's compute order (`at` indexes it). */
  computeOrder: { comp: ComponentIR; member: string | null }[];
  /** Period indexes the result lists. */
  selected: ReadonlySet<number>;
  /** People rows in the run's order, and the periods each is evaluated in. */
  people: number[];
  byPerson: ReadonlyMap<number, number[]>;
  /** After which position in `people` each row's memos are freed (the run's `releaseSchedule`). */
  releaseAfter: number[][];
  /** The measures the run lists per emitted person-period (name and argument combinations), in its order. */
  measures: { name: string; combos: string[][] }[];
}

/** How many replayed people keep their traces (lines of two rows with one id interleave). */
const CACHED_PEOPLE = 2;

export class TraceSource {
  private engine: Engine | null = null;
  private guarantee: GuaranteeRule | null = null;
  private readonly position: Int32Array;
  private readonly lineCount: number;
  private readonly periodCount: number;
  /** Traces of the last people replayed, by row: index `periodIndex × lineCount + at`. */
  private readonly cache = new Map<number, (LineTrace | undefined)[]>();
  /** The first position whose release schedule has not been applied (run order only). */
  private released = 0;
  /** Replay in the run's order with its release schedule (set when the run reported an R0042). */
  runOrder = false;
  /** The run's untraced engine: team reads of a replay are served by it (outside run order). */
  private plain: Engine | null;
  /** The run's credit sets, shared by the traced engine. */
  private readonly credit: CreditRun;

  constructor(
    private readonly run: TraceRun,
    plain: Engine,
  ) {
    const periodCount = plain.periods.length;
    const personCount = plain.personIds.length;
    this.plain = plain.readsTeams ? plain : null;
    this.credit = plain.credit;
    this.lineCount = run.computeOrder.length;
    this.periodCount = periodCount;
    this.position = new Int32Array(personCount).fill(-1);
    run.people.forEach((row, k) => (this.position[row] = k));
  }

  /** The key a result line keeps: its person row, period index and place in the compute order. */
  key(row: number, periodIndex: number, at: number): number {
    return (row * this.periodCount + periodIndex) * this.lineCount + at;
  }

  trace(key: number): LineTrace {
    const at = key % this.lineCount;
    const rest = (key - at) / this.lineCount;
    const periodIndex = rest % this.periodCount;
    const row = (rest - periodIndex) / this.periodCount;
    const { comp, member } = this.run.computeOrder[at];
    try {
      let traces = this.cache.get(row);
      if (traces === undefined) traces = this.replay(row);
      const trace = traces[periodIndex * this.lineCount + at];
      if (trace !== undefined) return trace;
      // Not reached while the traced engine computes the run's outcomes (same code, same data).
      const engine = this.tracedEngine();
      const o = engine.line(engine.pp(row, periodIndex), comp, member);
      if (o.kind !== "none") return o.trace;
      return { rule: comp.id, source: engine.span(comp.id), steps: [{ kind: "note", message: "trace not available" }] };
    } catch (error) {
      // A bug of the runtime met while tracing (the run itself went through): the reader (a
      // writeJson of the whole result) still gets every figure, and this trace says why it is empty.
      this.reset();
      const message = `trace not available: internal error: ${error instanceof Error ? error.message : String(error)}`;
      return { rule: comp.id, source: null, steps: [{ kind: "note", message }] };
    }
  }

  /** After an error in a replay: a new traced engine on the next read, nothing cached. */
  private reset(): void {
    this.engine = null;
    this.guarantee = null;
    this.cache.clear();
    this.released = 0;
    if (this.plain) for (let row = 0; row < this.position.length; row++) this.plain.release(row);
  }

  private tracedEngine(): Engine {
    if (this.engine === null) {
      const { ir, data, overrides } = this.run;
      // The run's credit sets, unless in run order (the eager engine's groups in row-key order).
      this.engine = new Engine(ir, data, true, overrides, this.runOrder ? undefined : this.credit);
      if (!this.runOrder) this.engine.teamReader = this.plain;
      else this.plain = null;
      const g = ir.plan.payout.guarantee;
      this.guarantee = g ? guaranteeRule(this.engine, g, ir.plan.rounding) : null;
    }
    return this.engine;
  }

  /** The person's evaluation as `run` does it, traced: the traces of its listed lines. */
  private replay(row: number): (LineTrace | undefined)[] {
    const engine = this.tracedEngine();
    const { computeOrder, selected, releaseAfter, measures } = this.run;
    const traces: (LineTrace | undefined)[] = new Array(this.periodCount * this.lineCount);
    const position = this.position[row];
    // Reading forward in run order: what the run freed before this person is freed (people
    // without listed lines are never replayed, their schedules still apply).
    if (this.runOrder && position >= this.released) {
      for (let k = this.released; k < position; k++) for (const done of releaseAfter[k]) engine.release(done);
    }
    const wanted = this.run.byPerson.get(row) ?? [];
    if (wanted.length > 0) {
      const last = wanted[wanted.length - 1];
      const wantedYear = new Set(wanted.map((w) => engine.planYearOf(w)));
      for (let i = 0; i <= last; i++) {
        if (!wantedYear.has(engine.planYearOf(i)) || !engine.isEvaluated(row, i)) continue;
        const pp = engine.pp(row, i);
        const emit = selected.has(i);
        for (let at = 0; at < computeOrder.length; at++) {
          const o = engine.line(pp, computeOrder[at].comp, computeOrder[at].member);
          if (emit && o.kind !== "none") traces[i * this.lineCount + at] = o.trace;
        }
        if (this.guarantee && engine.isEmployed(row, i)) this.guarantee(pp);
        if (!emit) continue;
        for (const v of measures) for (const combo of v.combos) engine.reportValue(pp, v.name, [...combo]);
      }
    }
    if (!this.runOrder) {
      releaseTeam(engine, row);
      if (this.plain) releaseTeam(this.plain, row);
    }
    else if (position >= 0) {
      for (const done of releaseAfter[position]) engine.release(done);
      if (position >= this.released) this.released = position + 1;
    }
    if (this.cache.size >= CACHED_PEOPLE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(row, traces);
    return traces;
  }
}

/** Frees the memos of a person and, when the plan reads teams, of everyone below it (what it may have read). */
function releaseTeam(engine: Engine, row: number): void {
  engine.release(row);
  if (!engine.readsTeams) return;
  const seen = new Set<number>([row]);
  const queue = [...engine.reportRows[row]];
  while (queue.length > 0) {
    const r = queue.pop()!;
    if (seen.has(r)) continue;
    seen.add(r);
    engine.release(r);
    queue.push(...engine.reportRows[r]);
  }
}

/**
 * `trace` as an own enumerable accessor: `JSON.stringify`, `toJson`/`writeJson` (which read
 * `Object.keys`), object spread and `structuredClone` all see it, as they saw the data property of
 * an eager result. One shared getter, so every line keeps one hidden class. Assigning `trace`
 * replaces the accessor with a data property.
 */
const TRACE: PropertyDescriptor = {
  get(this: LazyResultLine | LazyOmittedLine): LineTrace {
    return this instanceof LazyResultLine ? LazyResultLine.traceOf(this) : LazyOmittedLine.traceOf(this);
  },
  set(this: object, value: LineTrace): void {
    Object.defineProperty(this, "trace", { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};

/** A result line whose trace is computed when read (see `TraceSource`); keys in the eager line's order. */
export class LazyResultLine implements ResultLine {
  person: string;
  period: string;
  component: string;
  member: string | null;
  amount: string;
  status: LineStatus;
  declare trace: LineTrace;
  readonly #source: TraceSource;
  readonly #key: number;
  constructor(person: string, period: string, component: string, member: string | null, amount: string, status: LineStatus, source: TraceSource, key: number) {
    this.person = person;
    this.period = period;
    this.component = component;
    this.member = member;
    this.amount = amount;
    this.status = status;
    this.#source = source;
    this.#key = key;
    Object.defineProperty(this, "trace", TRACE);
  }

  static traceOf(line: LazyResultLine): LineTrace {
    return line.#source.trace(line.#key);
  }
}

/** An omitted line whose trace is computed when read; keys in the eager line's order. */
export class LazyOmittedLine implements OmittedLine {
  person: string;
  period: string;
  component: string;
  member: string | null;
  reason: "no-value";
  declare trace: LineTrace;
  readonly #source: TraceSource;
  readonly #key: number;
  constructor(person: string, period: string, component: string, member: string | null, source: TraceSource, key: number) {
    this.person = person;
    this.period = period;
    this.component = component;
    this.member = member;
    this.reason = "no-value";
    this.#source = source;
    this.#key = key;
    Object.defineProperty(this, "trace", TRACE);
  }

  static traceOf(line: LazyOmittedLine): LineTrace {
    return line.#source.trace(line.#key);
  }
}
