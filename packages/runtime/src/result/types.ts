import type { DataDiagnostic } from "../diagnostics.js";

/**
 * The result of a run. Amounts are decimal strings (exact, rounded where the plan says); every
 * list is sorted (person, period, component, member) so the same plan and data always give the same
 * bytes, whatever the order of the input rows.
 */
export interface RunResult {
  plan: { name: string; version: string; hash: string; currency: string };
  /** The periods evaluated, in order. */
  periods: string[];
  lines: ResultLine[];
  adjustments: Adjustment[];
  totals: Total[];
  /** Values of measures and quotas per person and period (for statements). */
  measures: MeasureValue[];
  reconciliation: Reconciliation[];
  /** Component lines not produced because the payout had no value (different from a line of zero). */
  omitted: OmittedLine[];
  /** Per data file: rows read, accepted and quarantined. */
  dataQuality: DataQuality[];
  diagnostics: DataDiagnostic[];
  /** False when rows were quarantined or an error was reported: the figures leave something out. */
  complete: boolean;
  /**
   * With a `pay` clause only (absent otherwise): what each pay period pays a person, the payables of
   * the evaluated periods it contains; sorted by person, then pay period.
   */
  payments?: Payment[];
}

export interface Payment {
  person: string;
  /** A period of the pay grain (`2026-Q1`); may lie after the plan's effective end. */
  payPeriod: string;
  /** Sum of the payables of `periods`. */
  amount: string;
  /** The evaluated periods paid, in order. */
  periods: string[];
  /** Present (true) when the run left out some of the plan's periods this pay period pays. */
  partial?: true;
}

/** `held`: above the component's `hold` bound and not released: taken back by a `hold` adjustment. */
export type LineStatus = "paid" | "gated" | "capped" | "floored" | "negative-floored" | "held";

export interface ResultLine {
  person: string;
  period: string;
  component: string;
  member: string | null;
  amount: string;
  status: LineStatus;
  trace: LineTrace;
}

export interface OmittedLine {
  person: string;
  period: string;
  component: string;
  member: string | null;
  reason: "no-value";
  trace: LineTrace;
}

export type AdjustmentKind = "cap" | "guarantee" | "draw" | "recovery" | "settlement" | "clawback" | "rounding" | "hold";

export interface Adjustment {
  person: string;
  period: string;
  kind: AdjustmentKind;
  /** Set for a `rounding on component` adjustment and for a `hold` (the held line's component). */
  component: string | null;
  amount: string;
  detail: string;
}

export interface Total {
  person: string;
  period: string;
  /** Sum of the person's lines. */
  earned: string;
  /** Sum of the adjustment lines. */
  adjustments: string;
  /** earned + adjustments: what is paid for the period. */
  payable: string;
}

export interface MeasureValue {
  person: string;
  period: string;
  name: string;
  kind: "measure" | "quota";
  args: string[];
  /** null: no value. */
  value: string | null;
  type: string;
}

/**
 * Why a source row is not credited: `no-person` (the credited person is empty), `no-match` (no
 * joined row matched), `unknown-person` (not in the people table), `split-not-100` (the shares do
 * not add up to 100%), `no-date` (the date that places it in a period has no value: an empty
 * optional column, such as the payment date of an unpaid invoice), `outside-plan` (dated outside
 * the plan's effective dates).
 */
export type UncreditedReason = "no-person" | "no-match" | "unknown-person" | "split-not-100" | "no-date" | "outside-plan";

export interface UncreditedRow {
  table: string;
  /**
   * Line number of the row in its file when the table has no key; null when it has one (the key
   * identifies the row, and the result stays byte-identical when the file's rows are reordered).
   */
  row: number | null;
  key: string;
  amount: string;
  reason: UncreditedReason;
  detail: string;
}

export interface Reconciliation {
  table: string;
  period: string;
  /** The currency of the amounts (a table with a `money(col)` column has one entry per currency). */
  currency: string;
  rows: number;
  /** Sum of the rows' money column; amountIn = credited + uncredited. */
  amountIn: string;
  credited: string;
  uncredited: string;
  uncreditedRows: UncreditedRow[];
}

export interface DataQuality {
  table: string;
  file: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
}

export interface LineTrace {
  /** The component's id in the IR. */
  rule: string;
  /** `file:line:col-line:col` from the IR's source map, or null. */
  source: string | null;
  steps: TraceStep[];
}

export interface BandTrace {
  from: string;
  to: string | null;
  value: string;
  /** Marginal: the slice of the input inside the band and what it pays. */
  slice: string | null;
  payout: string | null;
  reached: boolean;
}

export type TraceStep =
  | { kind: "window"; from: string; to: string; overlaps: boolean }
  | { kind: "eligible"; value: boolean | null }
  | { kind: "let"; name: string; value: string | null }
  | {
      kind: "value";
      name: string;
      valueKind: "measure" | "quota" | "let";
      args: string[];
      value: string | null;
      source: string | null;
      overridden: boolean;
      steps: TraceStep[];
    }
  | {
      kind: "aggregate";
      fn: string;
      source: string;
      value: string | null;
      /** Rows matched (credited to the person-period and passing `where`), and their keys. */
      rows: number;
      keys: string[];
      /** Present when some: the keys of matched rows whose value had none, which add nothing (as SQL's SUM skips NULL). */
      skipped?: string[];
    }
  | { kind: "team"; scope: "reports" | "team"; fn: string; target: string | null; people: string[]; value: string | null }
  | {
      kind: "tier";
      table: string;
      mode: string;
      boundary: string;
      input: string;
      quota: string | null;
      bands: BandTrace[];
      value: string | null;
    }
  /** A matrix cell: each input with the band it reached (as the tier trace prints bands; null: none). */
  | {
      kind: "matrix";
      matrix: string;
      row: { input: string; band: string | null };
      column: { input: string; band: string | null };
      value: string | null;
    }
  | { kind: "curve"; curve: string; input: string; segment: string; value: string }
  | { kind: "lookup"; table: string; /** Null: the key had no value (a blank cell). */ keys: (string | null)[]; row: string; value: string | null }
  | { kind: "accumulate"; fn: string; periods: { period: string; value: string | null }[]; value: string | null }
  | { kind: "component"; name: string; member: string | null; value: string | null }
  | { kind: "prorate"; days: number; periodDays: number; value: string | null }
  | { kind: "convert"; from: string; to: string; rate: string | null; date: string }
  | { kind: "gate"; passed: boolean }
  | { kind: "payout"; value: string | null }
  | { kind: "floor"; bound: string; applied: boolean }
  | {
      kind: "cap";
      bound: string;
      per: "line" | "year";
      applied: boolean;
      /** Per year: what the line paid in the earlier periods of the year. */
      ytdBefore: string | null;
      /** Per year, when it differs from `ytdBefore` (the cap cut earlier lines): what they earned before the cap. */
      earnedBefore?: string;
    }
  | { kind: "negative-floored"; before: string }
  | { kind: "rounding"; scale: number; mode: string; before: string; after: string }
  /** The line is above its hold bound (null: the bound had no value): held, or paid by a release row. */
  | { kind: "hold"; bound: string | null; reason: string | null; released: boolean }
  | { kind: "note"; message: string };
