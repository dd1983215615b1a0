/** The semantic diff of two plan versions: what a reviewer reads in a pull request. */

/** The IR sections a declaration lives in, in the order a diff lists them. */
export type Section =
  | "plan"
  | "dimensions"
  | "tables"
  | "credits"
  | "values"
  | "tiers"
  | "matrices"
  | "curves"
  | "lookups"
  | "components"
  | "payout"
  | "checks";

export const SECTION_ORDER: readonly Section[] = [
  "plan",
  "dimensions",
  "tables",
  "credits",
  "values",
  "tiers",
  "matrices",
  "curves",
  "lookups",
  "components",
  "payout",
  "checks",
];

/** A clause or setting of a declaration, before and after, as Carrot-like text (null: absent). */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** One row of a rate table, tier table, curve, dimension or column list, compared by its key. */
export interface RowChange {
  kind: "added" | "removed" | "changed";
  key: string;
  before: string | null;
  after: string | null;
}

export interface DeclRef {
  section: Section;
  /** The keyword a plan author writes: `component`, `measure`, `tiers`, `table`, `input`, `people`… */
  keyword: string;
  name: string;
}

export type DeclChange =
  | (DeclRef & { kind: "added"; summary: string })
  | (DeclRef & { kind: "removed"; summary: string })
  | (DeclRef & { kind: "renamed"; from: string })
  | (DeclRef & { kind: "changed"; fields: FieldChange[]; rows: RowChange[] });

export interface PlanIdentity {
  name: string;
  version: string;
  hash: string;
}

export interface PlanDiff {
  before: PlanIdentity;
  after: PlanIdentity;
  /** False exactly when the two IR hashes are equal: formatting, moves, comments and tests only. */
  semanticChange: boolean;
  changes: DeclChange[];
  /** The plan's `test` blocks by name: outside the hash, but a reviewer wants to know. */
  tests: { added: string[]; removed: string[]; changed: string[] };
}
