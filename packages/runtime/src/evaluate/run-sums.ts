/**
 * Whole-run aggregates: `sum`, `avg` and `count` of a credit set without a join, for every
 * person-period at once, in one pass over the rows in row order (instead of one pass per
 * person-period over its rows, read in random order: a cache miss or three a row).
 *
 * Conditions (else the engine keeps its per-group path, which also gives the traces):
 * - the entries are the source's rows (a set without a join: each row has its group, `rowKey`);
 * - `sum`/`avg` read a plain decimal column of the source as scaled integers; `count` reads none;
 * - the `where` reads only the row's columns and constants (`filter`), except for at most one
 *   `in_member` of a row column in a member that does not depend on the row (a parameter): that
 *   one splits each group into partitions, one per member of the dimension and per ancestor, and
 *   a row adds to its member's partition and its ancestors' (`partition`);
 * - split shares are weighed as integer units (amount units × share units);
 * - the table (groups × partitions, twice for `avg`) has at most `maxCells` cells.
 * Every cell is exact: a product or partial sum that leaves the safe-integer range makes the cell
 * NaN, and that group is computed again by the per-group path (exactly, in Decimal if need be).
 */

/** Tests turn the whole-run sums off to compare them with the per-group path (never off in a run). */
export const wholeRunSums = { enabled: true };

/** Each row's member as an index into `chains`; per member the partitions it adds to. */
export interface MemberPartition {
  /** Per row: a code (-1: missing); `byCode[code]`: its member's index (-1: not a member). */
  codes: Int32Array;
  byCode: Int32Array;
  /** Per member: its partition and its ancestors' (distinct). */
  chains: number[][];
  /** How many partitions (members and ancestors). */
  slots: number;
}

export interface RunSumsInput {
  /** `count`: rows that pass the `where`, whatever their value (no `values`). */
  count: boolean;
  /** `avg`: also the weights (Σ share units of the rows with a value). */
  weights: boolean;
  /** Per row: its group (person row × periods + period index) + 1, 0: not in the set. */
  rowKey: Uint16Array | Int32Array;
  /** How many groups there are (keys are below this). */
  groups: number;
  /** Per row: the value as a scaled integer (NaN: no value); null for `count`. */
  values: ArrayLike<number> | null;
  /** Whether the row passes the row-local part of the `where` (null: every row). */
  filter: ((row: number) => boolean) | null;
  partition: MemberPartition | null;
  /** Per row: its share's id (-1: 100%); null: no shares (each row weighs `unitOne`). */
  shareId: Int32Array | null;
  /** Per share id: the share as an integer at the shares' common scale. */
  units: Float64Array | null;
  /** 100% in share units (1 without shares). */
  unitOne: number;
}

export interface RunSums {
  /** Partitions per group (1 without a partition). */
  slots: number;
  /** Per group × slots + partition: the sum of value × share units, or the count; NaN: unsafe. */
  sums: Float64Array;
  /** `avg`: per cell the sum of the share units of the rows with a value (NaN: unsafe). */
  weights: Float64Array | null;
}

/** The largest table: 2^24 cells (128 MiB), and at most 4 cells a row beyond the first 2^16. */
export function maxCells(rows: number): number {
  return Math.min(1 << 24, (1 << 16) + 4 * rows);
}

/** The number of cells a whole-run table of these dimensions takes. */
export function cellsOf(groups: number, slots: number, weights: boolean): number {
  return groups * slots * (weights ? 2 : 1);
}

const MAX = Number.MAX_SAFE_INTEGER;

/** One pass over the rows: every group's (and partition's) sum, count or weights. */
export function runSums(input: RunSumsInput): RunSums {
  const { rowKey, values, filter, partition, shareId, units, unitOne, count } = input;
  const slots = partition ? partition.slots : 1;
  const sums = new Float64Array(input.groups * slots);
  const weights = input.weights ? new Float64Array(input.groups * slots) : null;
  // The partitions of each member as one flat list: member m adds to slots chainAt[m]..chainAt[m+1].
  let chainAt: Int32Array | null = null;
  let chainSlots: Int32Array | null = null;
  if (partition) {
    chainAt = new Int32Array(partition.chains.length + 1);
    for (let m = 0; m < partition.chains.length; m++) chainAt[m + 1] = chainAt[m] + partition.chains[m].length;
    chainSlots = Int32Array.from(partition.chains.flat());
  }
  const codes = partition ? partition.codes : null;
  const byCode = partition ? partition.byCode : null;
  const n = rowKey.length;
  for (let row = 0; row < n; row++) {
    const key = rowKey[row] - 1;
    if (key < 0) continue;
    let v = 1;
    let u = unitOne;
    if (!count) {
      v = values![row];
      if (v !== v) continue;
      if (shareId !== null) {
        const id = shareId[row];
        if (id >= 0) u = units![id];
      }
      v *= u;
      // An unsafe product poisons the cell (NaN), like an unsafe sum.
      if (!(v <= MAX && v >= -MAX)) v = NaN;
    }
    let first: number;
    let last: number;
    if (codes !== null) {
      const code = codes[row];
      const m = code < 0 ? -1 : byCode![code];
      if (m < 0) continue;
      first = chainAt![m];
      last = chainAt![m + 1];
    } else {
      first = 0;
      last = 1;
    }
    if (filter !== null && !filter(row)) continue;
    const base = key * slots;
    for (let c = first; c < last; c++) {
      const cell = base + (chainSlots === null ? 0 : chainSlots[c]);
      const next = sums[cell] + v;
      sums[cell] = next <= MAX && next >= -MAX ? next : NaN;
      if (weights !== null) {
        const w = weights[cell] + u;
        weights[cell] = w <= MAX ? w : NaN;
      }
    }
  }
  return { slots, sums, weights };
}
