/**
 * Whole-run aggregates: `sum`, `avg` and `count` of a credit set without a join, for every
 * person-period at once, in one pass over the rows in row order (instead of one pass per
 * person-period over its rows, read in random order: a cache miss or three a row).
 *
 * Conditions (else the engine keeps its per-group path, which also gives the traces):
 * - the source is a credit set (each entry has its group, `entryKey`; an entry reads its source
 *   row, `src`, the row itself without a join);
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

import type { Comparison } from "@carrot/ir";
import type { Codes } from "../data/strings.js";

/** Tests turn the whole-run sums off to compare them with the per-group path (never off in a run). */
export const wholeRunSums = { enabled: true };

/** Each row's member as an index into `chains`; per member the partitions it adds to. */
export interface MemberPartition {
  /** Per row: a code (-1: missing); `byCode[code]`: its member's index (-1: not a member). */
  codes: Codes;
  byCode: Int32Array;
  /** Per member: its partition and its ancestors' (distinct). */
  chains: number[][];
  /** How many partitions (members and ancestors). */
  slots: number;
}

/**
 * A test of the row-local part of a `where` over a block of entries: keeps, in place, the entries
 * `sel[0..n)` whose row (`src[e]`, or e itself when `src` is null) passes (a `where` that has no
 * value does not pass), in their order, and returns how many it kept. Each filter after the first
 * reads only the entries still selected.
 */
export type RowFilter = (sel: Int32Array, n: number, src: Int32Array | null) => number;

/** `x op c` for per-row numbers (NaN: missing, which passes nothing): days, or decimals at one scale. */
export function numberTest(values: ArrayLike<number>, op: Comparison, c: number): RowFilter {
  return (sel, n, src) => {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const e = sel[i];
      const x = values[src === null ? e : src[e]];
      const pass = op === "eq" ? x === c : op === "ne" ? x === x && x !== c : op === "lt" ? x < c : op === "le" ? x <= c : op === "gt" ? x > c : x >= c;
      if (pass) sel[kept++] = e;
    }
    return kept;
  };
}

/** `lo <= x <= hi` (no `hi`: `lo <= x`) for per-row numbers (NaN: missing). */
export function rangeTest(values: ArrayLike<number>, lo: number, hi: number | null): RowFilter {
  const top = hi === null ? Infinity : hi;
  return (sel, n, src) => {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const e = sel[i];
      const x = values[src === null ? e : src[e]];
      if (x >= lo && x <= top) sel[kept++] = e;
    }
    return kept;
  };
}

/** Per-row codes of a string column (-1: missing) tested against a set of codes (`inside[code]`). */
export function codeTest(codes: Codes, inside: Uint8Array, negate: boolean): RowFilter {
  return (sel, n, src) => {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const e = sel[i];
      const k = codes[src === null ? e : src[e]];
      if (k >= 0 && (inside[k] === 1) !== negate) sel[kept++] = e;
    }
    return kept;
  };
}

/** Any row-local test, row by row. */
export function rowTest(test: (row: number) => boolean): RowFilter {
  return (sel, n, src) => {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const e = sel[i];
      if (test(src === null ? e : src[e])) sel[kept++] = e;
    }
    return kept;
  };
}

export interface RunSumsInput {
  /**
   * `sum`; `avg`: also the weights (Σ share units of the rows with a value); `count`: entries that
   * pass the `where`, whatever their value (no `values`); `min`/`max`: the least or greatest
   * value (no shares), with the number of values as the weight (0: no value).
   */
  fn: "sum" | "avg" | "count" | "min" | "max";
  /** Per entry: its group (person row × periods + period index) + 1, 0: none. */
  entryKey: Uint16Array | Int32Array;
  /** Per entry: its source row (null: each entry is its row). */
  src: Int32Array | null;
  /** How many groups there are (keys are below this). */
  groups: number;
  /** Per source row: the value as a scaled integer (NaN: no value); null for `count`. */
  values: ArrayLike<number> | null;
  /** The row-local conjuncts of the `where`, each a test (a row passes when it passes every one). */
  filters: RowFilter[];
  partition: MemberPartition | null;
  /** Per entry: its share's id (-1: 100%); null: no shares (each entry weighs `unitOne`). */
  shareId: Int32Array | null;
  /** Per share id: the share as an integer at the shares' common scale. */
  units: Float64Array | null;
  /** 100% in share units (1 without shares). */
  unitOne: number;
}

export interface RunSums {
  /** Partitions per group (1 without a partition). */
  slots: number;
  /**
   * Per group × slots + partition: the sum of value × share units, the count, or the least or
   * greatest value; NaN: unsafe (for min/max: a negative zero, whose sign would depend on the order).
   */
  sums: Float64Array;
  /** `avg`: per cell the sum of the share units of the rows with a value (NaN: unsafe); min/max: how many values. */
  weights: Float64Array | null;
}

/**
 * The largest table an aggregate keeps for the run: 2^22 cells (32 MiB), and at most one cell (8
 * bytes) an entry beyond the first 2^16, so that several aggregates cannot outweigh the data (a
 * sparse table is where the per-group path is cheap anyway).
 */
export function maxCells(entries: number): number {
  return Math.min(1 << 22, (1 << 16) + entries);
}

/** The number of cells a whole-run table of these dimensions takes. */
export function cellsOf(groups: number, slots: number, fn: RunSumsInput["fn"]): number {
  return groups * slots * (fn === "sum" || fn === "count" ? 1 : 2);
}

const MAX = Number.MAX_SAFE_INTEGER;

/** Entries tested per block: the selection stays in the first-level cache. */
const BLOCK = 4096;

/**
 * One pass over the entries: every group's (and partition's) sum, count, weights or extreme. With
 * partitions, an entry goes into its own member's cell only; each group's ancestors are computed
 * afterwards from its members' cells (one write an entry, in a table larger than the caches).
 */
export function runSums(input: RunSumsInput): RunSums {
  const { fn, entryKey, src, values, filters, partition, shareId, units, unitOne } = input;
  const count = fn === "count";
  const extreme = fn === "min" ? -1 : fn === "max" ? 1 : 0;
  const slots = partition ? partition.slots : 1;
  const sums = new Float64Array(input.groups * slots);
  const weights = fn === "avg" || extreme !== 0 ? new Float64Array(input.groups * slots) : null;
  // Per code: the cell of the row's own member in its group (-1: no member).
  let slotByCode: Int32Array | null = null;
  let codes: Codes | null = null;
  if (partition) {
    codes = partition.codes;
    // (A member with no ancestor at the tested level is in no partition.)
    slotByCode = Int32Array.from(partition.byCode, (m) => (m < 0 || partition.chains[m].length === 0 ? -1 : partition.chains[m][0]));
  }
  // The block's entries that pass the filters, in order (the filters compact it in place).
  const filtered = filters.length > 0;
  const sel = new Int32Array(filtered ? BLOCK : 0);
  const n = entryKey.length;
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    // Without filters the block is read as it is; else only entries in a group (key > 0) are
    // selected, and each filter reads only what the ones before it kept.
    let m = to - from;
    if (filtered) {
      m = 0;
      for (let e = from; e < to; e++) if (entryKey[e] !== 0) sel[m++] = e;
      for (let f = 0; f < filters.length && m > 0; f++) m = filters[f](sel, m, src);
    }
    for (let i = 0; i < m; i++) {
      const e = filtered ? sel[i] : from + i;
      const key = entryKey[e] - 1;
      if (key < 0) continue;
      const row = src === null ? e : src[e];
      let v = 1;
      let u = unitOne;
      if (!count) {
        v = values![row];
        if (v !== v) continue;
        if (shareId !== null) {
          const id = shareId[e];
          if (id >= 0) u = units![id];
          v *= u;
          // An unsafe product poisons the cell (NaN), like an unsafe sum.
          if (!(v <= MAX && v >= -MAX)) v = NaN;
        }
      }
      let cell = key * slots;
      if (codes !== null) {
        const code = codes[row];
        const s = code < 0 ? -1 : slotByCode![code];
        if (s < 0) continue;
        cell += s;
      }
      if (extreme !== 0) {
        const best = sums[cell];
        if (v === 0 && 1 / v < 0) sums[cell] = NaN;
        else if (weights![cell] === 0 || (extreme < 0 ? v < best : v > best)) sums[cell] = v;
        weights![cell]++;
        continue;
      }
      const next = sums[cell] + v;
      sums[cell] = next <= MAX && next >= -MAX ? next : NaN;
      if (weights !== null) {
        const w = weights[cell] + u;
        weights[cell] = w <= MAX ? w : NaN;
      }
    }
  }
  if (partition) {
    if (extreme !== 0) rollUpExtremes(sums, weights!, input.groups, slots, partition.chains, extreme);
    else {
      rollUp(sums, input.groups, slots, partition.chains);
      if (weights) rollUp(weights, input.groups, slots, partition.chains);
    }
  }
  return { slots, sums, weights };
}

/** The least (`extreme` -1) or greatest (1) of each member's cell and its ancestors' cells. */
function rollUpExtremes(cells: Float64Array, counts: Float64Array, groups: number, slots: number, chains: number[][], extreme: number): void {
  const nested = chains.filter((chain) => chain.length > 1);
  if (nested.length === 0) return;
  const own = new Float64Array(nested.length);
  const ownCount = new Float64Array(nested.length);
  for (let g = 0; g < groups; g++) {
    const base = g * slots;
    for (let m = 0; m < nested.length; m++) {
      own[m] = cells[base + nested[m][0]];
      ownCount[m] = counts[base + nested[m][0]];
    }
    for (let m = 0; m < nested.length; m++) {
      if (ownCount[m] === 0) continue;
      const v = own[m];
      const chain = nested[m];
      for (let c = 1; c < chain.length; c++) {
        const at = base + chain[c];
        const best = cells[at];
        // NaN (a negative zero somewhere below) stays NaN: `v < NaN` is false.
        if (v !== v) cells[at] = NaN;
        else if (counts[at] === 0 || (extreme < 0 ? v < best : v > best)) cells[at] = v;
        counts[at] += ownCount[m];
      }
    }
  }
}

/** Adds each member's own cell to its ancestors' cells, group by group (NaN: unsafe, stays so). */
function rollUp(cells: Float64Array, groups: number, slots: number, chains: number[][]): void {
  const nested = chains.filter((chain) => chain.length > 1);
  if (nested.length === 0) return;
  const own = new Float64Array(nested.length);
  for (let g = 0; g < groups; g++) {
    const base = g * slots;
    // The members' own sums first: an ancestor may itself be a member with rows of its own.
    for (let m = 0; m < nested.length; m++) own[m] = cells[base + nested[m][0]];
    for (let m = 0; m < nested.length; m++) {
      const v = own[m];
      if (v === 0) continue;
      const chain = nested[m];
      for (let c = 1; c < chain.length; c++) {
        const next = cells[base + chain[c]] + v;
        cells[base + chain[c]] = next <= MAX && next >= -MAX ? next : NaN;
      }
    }
  }
}
