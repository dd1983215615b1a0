import { Dec } from "../decimal.js";

/**
 * A growable Int32Array: credit sets hold one entry per (row, person), tens of millions on large
 * data, where a JS array of numbers costs 8 bytes an element and a GC scan.
 */
export class IntList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i];
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** The filled part, trimmed (a copy, so the spare capacity is freed; none when it is full). */
  finish(): Int32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
  /** The filled part without a copy (for a temporary: it keeps the spare capacity alive). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * The details of a table's uncredited rows, as ids into their distinct texts: a Map of row → id
 * while few rows have one (almost every row is credited), a dense Int32Array once more than an
 * eighth of the rows do (at most 4 bytes a row either way, instead of a pointer per row).
 */
export class RowDetails {
  private readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();
  private sparse: Map<number, number> | null = new Map();
  private dense: Int32Array | null = null;
  /** `denseAfter`: the least number of details that may turn the map dense (tests lower it). */
  constructor(
    private readonly rows: number,
    private readonly denseAfter = 1024,
  ) {}

  set(row: number, text: string): void {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    if (this.dense) {
      this.dense[row] = id;
      return;
    }
    const sparse = this.sparse!;
    sparse.set(row, id);
    if (sparse.size > this.denseAfter && sparse.size > this.rows >>> 3) {
      const dense = new Int32Array(this.rows).fill(-1);
      for (const [r, i] of sparse) dense[r] = i;
      this.dense = dense;
      this.sparse = null;
    }
  }

  delete(row: number): void {
    if (this.dense) this.dense[row] = -1;
    else this.sparse!.delete(row);
  }

  /** The row's detail (null: none). */
  get(row: number): string | null {
    const id = this.dense ? this.dense[row] : (this.sparse!.get(row) ?? -1);
    return id >= 0 ? this.texts[id] : null;
  }
}

export const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The distinct split shares of a credit set, each kept once as a Decimal and, when it has at most
 * 15 decimal places and fits, as a scaled integer: sums of shares and of amount × share then run in
 * integers (exact while they stay safe integers), and Decimal only where they would not.
 */
export class ShareTable {
  readonly values: Dec[] = [];
  /** Per share: value × 10^places, NaN when not a safe integer. */
  readonly ints: number[] = [];
  readonly places: number[] = [];
  private readonly byText = new Map<string, number>();

  intern(d: Dec): number {
    const text = d.toString();
    let id = this.byText.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.byText.set(text, id);
      this.values.push(d);
      const places = d.decimalPlaces();
      // The integer form of the share as it is (a decimal.js form has no safe integer at ≤ 15 places).
      const int = d.big === null && places < POW10.length ? d.i : NaN;
      this.ints.push(Number.isSafeInteger(int) ? int : NaN);
      this.places.push(places);
    }
    return id;
  }

  /** Whether the shares `ids[0..n)` add up to exactly 1 (integers when possible, else Decimal). */
  sumIsOne(ids: ArrayLike<number>, n: number): boolean {
    let scale = 0;
    let exact = true;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (this.ints[id] !== this.ints[id]) exact = false;
      else if (this.places[id] > scale) scale = this.places[id];
    }
    if (exact) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const id = ids[k];
        sum += this.ints[id] * POW10[scale - this.places[id]];
        if (!Number.isSafeInteger(sum)) {
          exact = false;
          break;
        }
      }
      if (exact) return sum === POW10[scale];
    }
    let total = new Dec(0);
    for (let k = 0; k < n; k++) total = total.plus(this.values[ids[k]]);
    return total.eq(1);
  }

  /** The total of shares `ids[0..n)` as a Decimal (for the uncredited row's detail). */
  sum(ids: ArrayLike<number>, n: number): Dec {
    let total = new Dec(0);
    for (let k = 0; k < n; k++) total = total.plus(this.values[ids[k]]);
    return total;
  }

  /**
   * Every share as an integer at one common scale (the largest number of places), for the
   * aggregates' integer path; null when some share has no such integer.
   */
  units(): { scale: number; units: Float64Array } | null {
    let scale = 0;
    for (let id = 0; id < this.values.length; id++) {
      if (this.ints[id] !== this.ints[id]) return null;
      if (this.places[id] > scale) scale = this.places[id];
    }
    const units = new Float64Array(this.values.length);
    for (let id = 0; id < this.values.length; id++) {
      const u = this.ints[id] * POW10[scale - this.places[id]];
      if (!Number.isSafeInteger(u)) return null;
      units[id] = u;
    }
    return { scale, units };
  }
}
