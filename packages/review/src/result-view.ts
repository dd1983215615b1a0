/**
 * The parts of the runtime's RunResult the review reads, as structural types: the review works on
 * any result that has them, and tests can build small results by hand.
 */
export interface LineView {
  person: string;
  period: string;
  component: string;
  member: string | null;
  /** Rounded amount as a decimal string. */
  amount: string;
  status?: string;
  trace?: { steps: readonly StepView[] };
}

/** A trace step; the review reads the `tier`, `curve` and nested `value` steps (see report/next-step.ts). */
export interface StepView {
  kind: string;
}

export interface MeasureView {
  person: string;
  period: string;
  name: string;
  kind: "measure" | "quota";
  args: string[];
  value: string | null;
  type: string;
}

export interface AdjustmentView {
  person: string;
  period: string;
  /** `cap`, `guarantee`, `recovery`, `settlement`, `clawback`… */
  kind: string;
  amount: string;
}

export interface TotalView {
  person: string;
  period: string;
  earned: string;
  adjustments: string;
  payable: string;
}

export interface ResultView {
  plan: { name: string; version: string; hash: string; currency?: string };
  periods: string[];
  lines: LineView[];
  adjustments: AdjustmentView[];
  totals: TotalView[];
  measures?: MeasureView[];
  /** Component lines not produced because the payout had no value (not the same as a zero line). */
  omitted?: readonly { person: string; period: string; component: string; member: string | null; reason: string }[];
  complete?: boolean;
  diagnostics?: readonly { severity: string }[];
  /** Plans with a `pay` clause: what each pay period pays, for which periods. */
  payments?: readonly { person: string; payPeriod: string; amount: string; periods: readonly string[]; partial?: boolean }[];
}

/** What the review knows of a participant, from the people table. */
export interface PersonInfo {
  id: string;
  name: string;
  /** The region-like grouping (a `region` column, else the first dimension-typed column), or null. */
  region: string | null;
  level: string | null;
  manager: string | null;
}
