import type { Period } from "../periods.js";
import type { LineTrace, LineStatus, TraceStep } from "../result/types.js";
import type { Dec } from "../decimal.js";
import type { Value } from "./values.js";
import type { HeldLine } from "./holds.js";

export type Fn = (env: Env) => Value;

/**
 * One person in one period: the memo of every value and line computed there, by slot (the engine
 * numbers each value with its arguments, and each component line, once a run).
 */
export class PersonPeriod {
  /** Traced runs (and runTests): an entry per value, with its steps. */
  readonly values: (ValueEntry | undefined)[];
  /** Untraced runs: the values themselves by slot (markers for busy and no value), no entries. */
  readonly plain: unknown[];
  /** Untraced runs: reports held by values computed for the measures only, by slot. */
  heldReports: Map<number, ValueEntry["held"] & object> | null = null;
  /**
   * Component lines by slot: an outcome, or (untraced runs) a paid line without hold as its amount
   * alone (`Engine.line` gives it back as an outcome).
   */
  readonly lines: (LineOutcome | Dec | undefined)[];
  /** Per-aggregate results kept for the person-period (sums per member), by the aggregate's slot; made on first use. */
  aggregates: unknown[] | null = null;
  constructor(
    readonly person: string,
    /** Row of the person in the people table. */
    readonly row: number,
    readonly periodIndex: number,
    readonly period: Period,
    /**
     * The value and line slots of the run: the memo arrays are made that long (an array grown by
     * assignment keeps room for 17 or more; a person-period's memos outlive scavenges).
     */
    sizes: MemoSizes = NO_SIZES,
  ) {
    this.values = sizes.traced ? new Array(sizes.values) : NO_MEMO;
    this.plain = sizes.traced ? NO_MEMO : new Array(sizes.values);
    this.lines = new Array(sizes.lines);
  }
}

export interface MemoSizes {
  values: number;
  lines: number;
  /** Whether the run is traced (value entries) or not (plain values). */
  traced: boolean;
}

const NO_SIZES: MemoSizes = { values: 0, lines: 0, traced: true };
/** The memo a run does not use (traced runs keep entries, untraced ones plain values): frozen, a write throws. */
const NO_MEMO: never[] = Object.freeze([]) as never[];

export interface ValueEntry {
  value: Value;
  /** The value's trace step, made once however often the value is referenced. */
  step?: TraceStep;
  steps: TraceStep[] | null;
  overridden: boolean;
  /**
   * Division-by-zero warnings met while computing this value for the result's measures only: reported
   * when a component line first uses the value (then cleared).
   */
  held?: { code: string; where: string; message: string; pp: PersonPeriod | null; severity: "error" | "warning" }[];
}

export type LineOutcome =
  | { kind: "none" }
  | { kind: "omitted"; trace: LineTrace }
  | {
      kind: "line";
      /** Final amount (rounded when the plan rounds on line). */
      amount: Dec;
      /** Before rounding: what `cap per year` adds up (untraced, kept only for such components; else the amount). */
      unrounded: Dec;
      /**
       * `cap per year` only, when it differs from `unrounded`: what the line would pay without the
       * cap (after floor and negative floor): what the year earned, whose sum the cap bounds.
       */
      earned?: Dec;
      status: LineStatus;
      trace: LineTrace;
      /** Set when the line is above its `hold` bound (held, or released by a release row). */
      held?: HeldLine;
    };

/** A component's `let`s, computed on first use for one evaluation of the component. */
export class LocalScope {
  readonly cache = new Map<string, Value>();
  constructor(
    readonly defs: Map<string, Fn>,
    readonly steps: TraceStep[] | null,
  ) {}
  fresh(): LocalScope {
    return new LocalScope(this.defs, null);
  }
}

/**
 * The parameters bound for a value or a component line (`c` → `C1`), made once with its memo slot
 * and never changed: what a compiled closure finds from a parameter's member (a value's slot, a
 * partition, a lookup's row) is kept in `found`, at an index the closure was numbered with when
 * compiled (`Engine.byParam`), so it is found once per slot instead of once per read.
 */
export class Params extends Map<string, string> {
  readonly found: unknown[] = [];
}

/** The evaluation environment of a compiled expression. `src`/`join` are the row in context. */
export class Env {
  src = -1;
  join = -1;
  /** The rows of a check's group (an aggregate over the check's table ranges over them); empty elsewhere. */
  group: ArrayLike<number> = NO_ROWS;
  constructor(
    public pp: PersonPeriod,
    /** Mutable only for the engine's untraced Env stack (`Engine.enter`), which reuses an Env per call depth. */
    public params: ReadonlyMap<string, string>,
    public locals: LocalScope | null,
    readonly trace: TraceStep[] | null,
  ) {}

  /**
   * The same context without a trace: per-row evaluation inside aggregates records nothing (a
   * trace holds the aggregate and its row keys, not one step per row, and stays independent of
   * the order of the rows).
   */
  untraced(): Env {
    if (this.trace === null) return this;
    const env = new Env(this.pp, this.params, this.locals, null);
    env.src = this.src;
    env.join = this.join;
    env.group = this.group;
    return env;
  }

  /** The same expression context for another person-period (accumulations, team), untraced. */
  retarget(pp: PersonPeriod): Env {
    const env = new Env(pp, this.params, this.locals ? this.locals.fresh() : null, null);
    env.src = this.src;
    env.join = this.join;
    env.group = this.group;
    return env;
  }
}

const NO_ROWS: readonly number[] = Object.freeze([]);
