/**
 * The Carrot plan IR: what the compiler gives and the runtime takes.
 *
 * Data, not code: JSON, versioned, free of source syntax, set-oriented (crediting as joins,
 * measures as grouped aggregates, components as expressions per person and period) so that it can
 * be interpreted, compiled to fast JS, or compiled to SQL.
 *
 * Canonical form (see canonical.ts): object keys sorted; declarations sorted by name; members and
 * tier bands in their declared order; decimals as plain strings without exponent or trailing zeros.
 * `hash` is the SHA-256 of the canonical JSON of `plan` only, so it identifies the plan's semantics:
 * reordering declarations, reformatting or editing tests does not change it. `sourceMap` maps each
 * declaration and clause id to its place in the source, for traces and explanations.
 */

export const IR_FORMAT = "carrot-ir";
export const IR_VERSION = 1;

/**
 * Types are strings:
 * `money[EUR]`, `money[*]` (an input column whose currency is given per row), `ratio`, `number`,
 * `count`, `date`, `period`, `text`, `bool`, `currency`, `person`, `member[Category]`.
 */
export type IrType = string;

export type Grain = "month" | "quarter" | "half" | "year";

/**
 * A fiscal year that starts on the first day of month `start` (1–12, not 1: January is the
 * calendar year), named after the calendar year it starts in (`start`) or ends in (`end`).
 */
export interface FiscalIR {
  start: number;
  named: "start" | "end";
}
export type RoundingMode = "half_even" | "half_up" | "half_down" | "up" | "down";

export interface Rounding {
  scale: number;
  mode: RoundingMode;
  /** Where the default rounding applies: each result line, each component's sum, or the person's total. */
  on: "line" | "component" | "total";
}

export interface PlanIR {
  format: typeof IR_FORMAT;
  version: typeof IR_VERSION;
  /** `sha256:<hex>` of canonicalJson(plan). */
  hash: string;
  plan: PlanBody;
  /** Tests of the plan's `test` blocks, sorted by name; not part of the hash. */
  tests: TestIR[];
  /** Where each id comes from; not part of the hash. */
  sourceMap: SourceMap;
}

export interface SourceMap {
  /** Source files, workspace-relative paths with forward slashes, sorted. */
  files: string[];
  /** id → `<file index>:<line>:<col>-<line>:<col>` (1-based lines and columns). */
  spans: Record<string, string>;
}

export interface PlanBody {
  name: string;
  version: string;
  currency: string;
  effective: { from: string; to: string };
  grain: Grain;
  rounding: Rounding;
  /**
   * The payment calendar (`pay every quarter`, `pay next month`); absent without a `pay` clause,
   * which pays each period in itself and lists no payments (absent, not null, so that plans written
   * before the clause keep their canonical JSON and hash).
   */
  pay?: PayIR;
  /**
   * The fiscal year (`fiscal year from april named by start`): quarters, halves and years start at
   * its first month and are named `FY2026-Q1`, `FY2026-H1`, `FY2026`; absent for calendar years
   * (absent, not null, so that plans written before the clause keep their canonical JSON and hash).
   */
  fiscal?: FiscalIR;
  dimensions: DimensionIR[];
  tables: TableIR[];
  fx: { table: string } | null;
  credits: CreditIR[];
  values: ValueIR[];
  tiers: TiersIR[];
  /**
   * Two-input payout matrices, sorted by name; absent when the plan has none (so that plans written
   * before `matrix` keep their canonical JSON and hash).
   */
  matrices?: MatrixIR[];
  curves: CurveIR[];
  lookups: LookupIR[];
  /** Sorted by name; `order` gives a dependency order (a component after the ones it reads). */
  components: ComponentIR[];
  payout: PayoutRulesIR;
  /**
   * Data validation rules (`check`), sorted by name; absent when the plan has none (so that plans
   * written before `check` keep their canonical JSON and hash).
   */
  checks?: CheckIR[];
}

/**
 * `check NAME { from T  per T.c ...  assert COND }`: T's rows grouped by the `per` columns (none:
 * one group of all rows); `assert` (bool) is evaluated once per group, where a `column` of T is
 * the group's value of a `per` column and an `aggregate` over T ranges over the group's rows. It
 * reads nothing of a person or period. A group whose assert is false or has no value is reported.
 */
export interface CheckIR {
  id: string;
  name: string;
  table: string;
  per: string[];
  assert: Expr;
  /** The assert as written in the plan (the message when `message` is null). */
  text: string;
  message: string | null;
  severity: "error" | "warning";
}

export interface DimensionIR {
  id: string;
  name: string;
  parent: string | null;
  members: { name: string; parent: string | null }[];
}

export interface ColumnIR {
  name: string;
  type: IrType;
  key: boolean;
  optional: boolean;
  /** For `money(col)`: the column that holds each row's currency. */
  currencyColumn: string | null;
}

export interface TableIR {
  id: string;
  name: string;
  role: "input" | "people";
  columns: ColumnIR[];
}

export interface CreditIR {
  id: string;
  name: string;
  /** Source table (null for a pure rollup rule). */
  source: string | null;
  /**
   * What places a row in a period: the name of a date column of the source (the common case), or a
   * date expression of the source row (`dated bookings.date + 90`); null: the source's only date
   * column, or none for a rollup rule.
   */
  dated: string | Expr | null;
  join: { table: string; on: Expr } | null;
  /** Person expression, evaluated on (source row, joined row). */
  to: Expr | null;
  /** Share expression (ratio); null means 100% per credited person (mirror credit). */
  split: Expr | null;
  /** Rollup: every credit of `rule` also credits the managers up to `depth` levels (null: all). */
  rollup: { rule: string; depth: number | null } | null;
}

export interface ValueIR {
  id: string;
  name: string;
  kind: "measure" | "quota" | "let";
  params: ParamIR[];
  type: IrType;
  body: Expr;
}

export interface ParamIR {
  name: string;
  dimension: string;
}

export interface TierBandIR {
  from: string;
  /** null: open-ended last band. */
  to: string | null;
  value: string;
}

export interface TiersIR {
  id: string;
  name: string;
  mode: "marginal" | "retroactive" | "amount" | "interpolated";
  boundary: "lower" | "upper" | "both";
  /** Type of the band bounds (`ratio` when bands are attainment percents). */
  boundType: IrType;
  /** Type of band values (`ratio` rates, `number` multipliers, `money[EUR]` amounts). */
  valueType: IrType;
  bands: TierBandIR[];
}

/** A band of one axis of a matrix; `to` null: the open last band. */
export interface MatrixBandIR {
  from: string;
  to: string | null;
}

/**
 * `matrix NAME`: the cell of the row band the first input reaches and the column band the second
 * reaches. Both axes follow the tier band rules under one `boundary`.
 */
export interface MatrixIR {
  id: string;
  name: string;
  boundary: "lower" | "upper" | "both";
  /** Type of the row band bounds (the first input's unit). */
  rowType: IrType;
  /** Type of the column band bounds (the second input's unit). */
  columnType: IrType;
  /** Type of the cells (`ratio`, `number` or `money[EUR]`). */
  valueType: IrType;
  rows: MatrixBandIR[];
  columns: MatrixBandIR[];
  /** `cells[r][c]`: one row per row band, one cell per column band. */
  cells: string[][];
}

export interface CurveIR {
  id: string;
  name: string;
  xType: IrType;
  yType: IrType;
  /** Value below the first point (a cliff); null: flat at the first point's y. */
  below: string | null;
  points: { x: string; y: string }[];
}

export interface LookupIR {
  id: string;
  name: string;
  /** Key dimensions in order. */
  keys: string[];
  valueType: IrType;
  /** `keys` null is the default row. Keys may be members of the key dimension or of an ancestor. */
  rows: { keys: string[] | null; value: string }[];
}

export interface ComponentIR {
  id: string;
  name: string;
  /** Position in dependency order (0 first). */
  order: number;
  forEach: ParamIR | null;
  window: { from: string; to: string } | null;
  eligible: Expr | null;
  lets: { name: string; value: Expr }[];
  gate: Expr | null;
  payout: Expr;
  floor: Expr | null;
  cap: { value: Expr; per: "line" | "year" } | null;
  allowNegative: boolean;
  /** `hold above <bound> [reason "<text>"]`; absent when the component has no hold (see `pay`). */
  hold?: HoldIR;
}

/**
 * A line whose final amount is greater than `bound` is held for review: not paid unless a row of
 * the plan's release table names it.
 */
export interface HoldIR {
  /** Money in the plan currency, evaluated per person and period like a floor. */
  bound: Expr;
  reason: string | null;
}

/**
 * When a period's payable is paid: in the pay period (of `grain`, the plan grain or coarser) that
 * contains the period's end (`every`), or in the pay period after that one (`next`).
 */
export interface PayIR {
  timing: "every" | "next";
  grain: Grain;
}

export interface PayoutRulesIR {
  cap: { amount: string; per: "period" | "year" } | null;
  guarantee: GuaranteeIR | null;
  settle: { table: string; carry: boolean } | null;
  /** `release holds from T`: rows (person, period, component) pay held lines; absent without the rule. */
  release?: { table: string };
}

/**
 * `guarantee G per period [recoverable]`: a constant G keeps its plain `amount` (so plans written
 * before guarantees took expressions keep their hash); any other G is a money expression `value`
 * evaluated per person and period (`prorate(2000 USD)`), with no guarantee when it has no value.
 */
export type GuaranteeIR =
  | { amount: string; per: "period"; recoverable: boolean }
  | { value: Expr; per: "period"; recoverable: boolean };

// ---------------------------------------------------------------------------------------------
// Expressions. Every node has `op` and its result `type`.

export type Expr =
  | ConstExpr
  | ParamExpr
  | LocalExpr
  | ValueRefExpr
  | ComponentRefExpr
  | PersonAttrExpr
  | PeriodBoundExpr
  | ColumnExpr
  | AggregateExpr
  | TeamExpr
  | AccumulateExpr
  | ArithExpr
  | CompareExpr
  | LogicExpr
  | NotExpr
  | IfExprIR
  | OtherwiseExpr
  | InRangeExpr
  | InMemberExpr
  | AncestorExpr
  | TierExpr
  | MatrixExpr
  | CurveApplyExpr
  | LookupExpr
  | BuiltinExpr
  | ProrateExpr
  | ConvertExpr;

/**
 * A constant. `value` is a canonical decimal for money/ratio/number/count, `YYYY-MM-DD` for a date,
 * `2026-Q1` for a period, the text, `true`/`false`, a member name (type `member[D]`) or a person id.
 */
export interface ConstExpr {
  op: "const";
  type: IrType;
  value: string;
}

/** A `for each` or measure parameter (a member of its dimension). */
export interface ParamExpr {
  op: "param";
  type: IrType;
  name: string;
}

/** A component `let`. */
export interface LocalExpr {
  op: "local";
  type: IrType;
  name: string;
}

/** A measure, quota or let of the plan, for the current person and period. */
export interface ValueRefExpr {
  op: "value";
  type: IrType;
  name: string;
  args: Expr[];
}

/** Another component's line amount for the current person and period (summed over members when it has `for each` and no args). */
export interface ComponentRefExpr {
  op: "component";
  type: IrType;
  name: string;
  args: Expr[];
}

/** A column of the current person's row in the people table. */
export interface PersonAttrExpr {
  op: "person";
  type: IrType;
  /** `id` for the person itself. */
  column: string;
}

export interface PeriodBoundExpr {
  op: "period_start" | "period_end";
  type: "date";
}

/** A column of the row in context (inside an aggregate, a credit rule's join/to/split). */
export interface ColumnExpr {
  op: "column";
  type: IrType;
  table: string;
  column: string;
}

export type AggregateSource = { kind: "credit"; rule: string } | { kind: "table"; table: string };

/**
 * A grouped aggregate for the current person and period.
 * Over a credit rule: `sum` is Σ share × value(row); `avg` Σ share × value / Σ share;
 * `count` the number of credited rows; `min`/`max` unscaled.
 * Over an input table: rows matched to the current person (its person column) and period (its
 * period column, else its date column); no share.
 * `value` is null for `count`.
 */
export interface AggregateExpr {
  op: "aggregate";
  type: IrType;
  fn: "sum" | "count" | "avg" | "min" | "max";
  source: AggregateSource;
  value: Expr | null;
  where: Expr | null;
}

/** Over the reporting line: `sum(reports.commission)`, `count(team)`. */
export interface TeamExpr {
  op: "team";
  type: IrType;
  scope: "reports" | "team";
  fn: "sum" | "count" | "avg" | "min" | "max";
  /** The component (or value) read for each member of the scope; null for `count`. */
  target: { kind: "component" | "value"; name: string; args: Expr[] } | null;
}

export interface AccumulateExpr {
  op: "accumulate";
  type: IrType;
  fn: "ytd" | "qtd" | "cumulative" | "prior";
  value: Expr;
}

/**
 * Arithmetic resolved by unit. `sig` names the operand units, e.g. `money*ratio`, `money/money`,
 * `count+count`; `neg` has one argument.
 */
export interface ArithExpr {
  op: "add" | "sub" | "mul" | "div" | "neg";
  type: IrType;
  sig: string;
  args: Expr[];
}

/** The comparison operators (`CompareExpr`): `=`, `!=`, `<`, `<=`, `>`, `>=`. */
export const COMPARISONS = ["eq", "ne", "lt", "le", "gt", "ge"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface CompareExpr {
  op: Comparison;
  type: "bool";
  args: [Expr, Expr];
}

const COMPARISON_OPS: ReadonlySet<string> = new Set(COMPARISONS);

/** Whether `e` compares two values (one of `COMPARISONS`). */
export function isComparison(e: Expr): e is CompareExpr {
  return COMPARISON_OPS.has(e.op);
}

export interface LogicExpr {
  op: "and" | "or";
  type: "bool";
  args: Expr[];
}

export interface NotExpr {
  op: "not";
  type: "bool";
  args: [Expr];
}

export interface IfExprIR {
  op: "if";
  type: IrType;
  args: [Expr, Expr, Expr];
}

/** `a otherwise b`: b when a has no value. */
export interface OtherwiseExpr {
  op: "otherwise";
  type: IrType;
  args: [Expr, Expr];
}

/** `x in lo .. hi`, both inclusive; hi null (or a null value at run time) is open-ended. */
export interface InRangeExpr {
  op: "in_range";
  type: "bool";
  value: Expr;
  from: Expr;
  to: Expr | null;
}

/** `x in Cardio`: x (a member of dimension D) equals the member or descends from it. */
export interface InMemberExpr {
  op: "in_member";
  type: "bool";
  value: Expr;
  /** A member expression of D or one of D's ancestor dimensions. */
  member: Expr;
}

/** The ancestor of a member at the level of `dimension`: `sales.product.Category`. */
export interface AncestorExpr {
  op: "ancestor";
  type: IrType;
  dimension: string;
  value: Expr;
}

/** Apply a tier table: `payout` (per its mode) or `rate` (the reached band's value). */
export interface TierExpr {
  op: "tier";
  type: IrType;
  table: string;
  apply: "payout" | "rate";
  value: Expr;
  /** Bands in quota units: bounds are multiplied by this quota. */
  quota: Expr | null;
  /**
   * `t(x, allow negative)`: a negative value is priced at the first band's rate as a whole, as in
   * a component that says `allow negative`. Only present (true) when written: absent otherwise.
   */
  negative?: true;
}

/** Apply a matrix: the cell of the band `row` reaches (first input) and the band `column` reaches. */
export interface MatrixExpr {
  op: "matrix";
  type: IrType;
  matrix: string;
  row: Expr;
  column: Expr;
}

export interface CurveApplyExpr {
  op: "curve";
  type: IrType;
  curve: string;
  value: Expr;
}

export interface LookupExpr {
  op: "lookup";
  type: IrType;
  table: string;
  keys: Expr[];
}

export interface BuiltinExpr {
  op: "builtin";
  type: IrType;
  /**
   * `days(a, b)`: days from a to b, both inclusive. `months_since(d)`: calendar months from the
   * month of d to the month of the period's last day, the month of d counting as 1.
   */
  fn: "min" | "max" | "abs" | "clamp" | "round" | "step_down" | "days" | "months_since";
  args: Expr[];
  /** For `round`: explicit scale and mode (null: the plan's default). */
  rounding: { scale: number; mode: RoundingMode } | null;
}

/**
 * `prorate(x)`: x × active days / days in period. `by` null: the person's employment (people
 * start/end); else the days covered by the person's rows of `by.table` between columns from/to.
 */
export interface ProrateExpr {
  op: "prorate";
  type: IrType;
  value: Expr;
  by: { table: string; from: string; to: string } | null;
}

/** Convert money to `currency` with the plan's fx table. */
export interface ConvertExpr {
  op: "convert";
  type: IrType;
  currency: string;
  value: Expr;
}

// ---------------------------------------------------------------------------------------------
// Tests

export interface TestIR {
  id: string;
  name: string;
  period: string | null;
  givenValues: { name: string; args: string[]; value: string; type: IrType }[];
  /** Rows of input tables, cells as text exactly as a CSV cell would hold them. */
  givenRows: { table: string; row: Record<string, string> }[];
  expects: {
    target: "component" | "value" | "total";
    /** Component or value name; "total" for the total. */
    name: string;
    /** Member names for the component's `for each` or the value's parameters. */
    args: string[];
    person: string | null;
    value: string;
    type: IrType;
  }[];
}
