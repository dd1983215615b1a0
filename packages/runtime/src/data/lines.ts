/**
 * The file line of each accepted row of a table, stored as runs: a row whose line is the previous
 * row's line + 1 (nearly every row of a CSV file: one record a line) costs nothing; each other row
 * starts a run (its row and its line, 8 bytes). `lineOf(row)` finds the run by binary search.
 * Iterating gives every row's line in row order (`Array.from(table.lines)`).
 */
export class RowLines implements Iterable<number> {
  /** The first row of each run, ascending; `firsts[i]` its line. */
  private starts: Int32Array;
  private firsts: Int32Array;
  private runs = 0;
  private rows = 0;
  private last = 0;

  constructor(capacity = 4) {
    this.starts = new Int32Array(Math.max(1, capacity));
    this.firsts = new Int32Array(Math.max(1, capacity));
  }

  /** Rows stored. */
  get length(): number {
    return this.rows;
  }

  /** Runs stored (a file read line by line without a rejected or multi-line record has one). */
  get runCount(): number {
    return this.runs;
  }

  /** Appends the next row's line. */
  push(line: number): void {
    if (this.rows === 0 || line !== this.last + 1) {
      if (this.runs === this.starts.length) {
        const n = this.runs * 2;
        const s = new Int32Array(n);
        s.set(this.starts);
        this.starts = s;
        const f = new Int32Array(n);
        f.set(this.firsts);
        this.firsts = f;
      }
      this.starts[this.runs] = this.rows;
      this.firsts[this.runs] = line;
      this.runs++;
    }
    this.last = line;
    this.rows++;
  }

  /** The file line of `row` (0 ≤ row < length). */
  lineOf(row: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.firsts[lo] + (row - starts[lo]);
  }

  /** The lines of the rows `keep` accepts, in order. */
  filter(keep: (line: number, row: number) => boolean): RowLines {
    const out = new RowLines(this.runs);
    let r = 0;
    for (const line of this) {
      if (keep(line, r)) out.push(line);
      r++;
    }
    return out.trimmed();
  }

  /** Drops the room to spare. */
  trimmed(): RowLines {
    if (this.starts.length !== Math.max(1, this.runs)) {
      this.starts = this.starts.slice(0, Math.max(1, this.runs));
      this.firsts = this.firsts.slice(0, Math.max(1, this.runs));
    }
    return this;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.runs; i++) {
      const end = i + 1 < this.runs ? this.starts[i + 1] : this.rows;
      for (let r = this.starts[i], line = this.firsts[i]; r < end; r++, line++) yield line;
    }
  }

  /** Every row's line. */
  toArray(): number[] {
    return Array.from(this);
  }
}
