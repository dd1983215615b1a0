/**
 * A column of strings (missing cells: null), kept in one of three forms and read the same way
 * (`reader()`, `at(row)`, or the `values` array):
 * - codes: an Int32Array of indexes into a dictionary of distinct strings (-1: missing), for person
 *   ids and members: 4 bytes a row instead of a pointer (8 bytes) in an array of millions;
 * - packed: the characters of every cell one after the other in a Uint8Array (a Uint16Array once a
 *   character needs it), and each cell's end in an Int32Array, for free text such as transaction
 *   ids: about length + 4 bytes a row, and no string object per row for the GC to copy and mark
 *   (an empty cell is a missing one: the loader never stores "");
 * - array: a plain `(string | null)[]`, for the other kinds, and for any column once `values` is
 *   read or assigned (the first read builds it once and the compact form is dropped), so code that
 *   reads `values` keeps working whatever the form.
 */
export class StringColumn {
  readonly kind = "string" as const;
  length = 0;
  private array: (string | null)[] | null = null;
  private codes: Int32Array | null = null;
  private dict: readonly string[] | null = null;
  /** The dictionary index of a string (-1: not in it), for cells stored by the general path. */
  private find: ((text: string) => number) | null = null;
  private chars: Uint8Array | Uint16Array | null = null;
  private ends: Int32Array | null = null;
  private used = 0;
  /** Packed cells decoded by `sharedReader` (reset whenever the cells change). */
  private memo: Map<number, string> | (string | undefined)[] | null = null;

  private constructor(readonly name: string) {}

  static array(name: string): StringColumn {
    const col = new StringColumn(name);
    col.array = [];
    return col;
  }

  /** `dict` may grow while the column is built (an intern table's strings), never change. */
  static coded(name: string, dict: readonly string[], find: (text: string) => number): StringColumn {
    const col = new StringColumn(name);
    col.codes = new Int32Array(1024);
    col.dict = dict;
    col.find = find;
    return col;
  }

  static packed(name: string): StringColumn {
    const col = new StringColumn(name);
    col.chars = new Uint8Array(8192);
    col.ends = new Int32Array(1024);
    return col;
  }

  get values(): (string | null)[] {
    if (this.array === null) {
      const read = this.reader();
      const array = new Array<string | null>(this.length);
      for (let r = 0; r < this.length; r++) array[r] = read(r);
      this.toArray(array);
    }
    return this.array!;
  }

  set values(values: (string | null)[]) {
    this.toArray(values);
  }

  /** Cells are copied into the column's own storage (a string stored is not kept). */
  isPacked(): boolean {
    return this.chars !== null;
  }

  /** The codes and their dictionary, when the column is coded. */
  coded(): { codes: Int32Array; dict: readonly string[] } | null {
    return this.codes && this.dict ? { codes: this.codes, dict: this.dict } : null;
  }

  /** A reader of cells by row (null: missing, or a row out of range), for the form the column has now. */
  reader(): (row: number) => string | null {
    if (this.array !== null) {
      const array = this.array;
      return (row) => array[row] ?? null;
    }
    if (this.codes !== null) {
      const codes = this.codes;
      const dict = this.dict!;
      const n = this.length;
      return (row) => {
        if (!(row >= 0 && row < n)) return null;
        const k = codes[row];
        return k < 0 ? null : dict[k];
      };
    }
    const chars = this.chars!;
    const ends = this.ends!;
    const n = this.length;
    return (row) => {
      if (!(row >= 0 && row < n)) return null;
      const start = row === 0 ? 0 : ends[row - 1];
      const end = ends[row];
      return end === start ? null : fromChars(chars, start, end);
    };
  }

  /**
   * A reader that decodes each packed cell once and keeps the string, for row keys (traces and
   * reconciliation show the same key many times: one shared string, as in an array of strings).
   * Kept in a Map while few rows were read, then in an array. Other forms: `reader()`.
   */
  sharedReader(): (row: number) => string | null {
    if (this.chars === null) return this.reader();
    const read = this.reader();
    return (row): string | null => {
      const memo = this.memo;
      if (memo instanceof Map) {
        const known = memo.get(row);
        if (known !== undefined) return known;
        const text = read(row);
        if (text === null) return null;
        memo.set(row, text);
        if (memo.size > 4096 && memo.size * 64 > this.length) {
          const array = new Array<string | undefined>(this.length);
          for (const [r, t] of memo) array[r] = t;
          this.memo = array;
        }
        return text;
      }
      if (memo === null) {
        this.memo = new Map();
        return this.sharedReader()(row);
      }
      let text: string | null | undefined = memo[row];
      if (text === undefined) {
        text = read(row);
        if (text !== null) memo[row] = text;
      }
      return text;
    };
  }

  at(row: number): string | null {
    if (this.array !== null) return this.array[row] ?? null;
    if (!(row >= 0 && row < this.length)) return null;
    if (this.codes !== null) {
      const k = this.codes[row];
      return k < 0 ? null : this.dict![k];
    }
    const start = row === 0 ? 0 : this.ends![row - 1];
    const end = this.ends![row];
    return end === start ? null : fromChars(this.chars!, start, end);
  }

  /** Appends a cell (null: missing). */
  push(value: string | null): void {
    if (this.array !== null) {
      this.array.push(value);
      this.length++;
    } else if (this.codes !== null) {
      const k = value === null ? -1 : this.find!(value);
      if (k === -1 && value !== null) {
        this.values.push(value); // not in the dictionary: kept as an array from now on
        this.length++;
      } else this.pushCode(k);
    } else this.pushText(value ?? "");
  }

  /** Appends a cell of a coded column by its dictionary index (-1: missing). */
  pushCode(k: number): void {
    if (this.codes === null) {
      this.push(k < 0 ? null : this.dict![k]);
      return;
    }
    if (this.length === this.codes.length) this.codes = grow(this.codes, this.length, new Int32Array(this.length * 2));
    this.codes[this.length++] = k;
  }

  private pushText(text: string): void {
    this.memo = null;
    if (this.used + text.length > 0x7fffffff) {
      this.values.push(text === "" ? null : text); // over 2^31 characters: an array from now on
      this.length++;
      return;
    }
    if (this.length === this.ends!.length) this.ends = grow(this.ends!, this.length, new Int32Array(this.length * 2));
    let chars = this.chars!;
    if (this.used + text.length > chars.length) {
      const size = Math.max(chars.length * 2, this.used + text.length);
      chars = this.chars = grow(chars, this.used, chars instanceof Uint8Array ? new Uint8Array(size) : new Uint16Array(size));
    }
    let at = this.used;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 255 && chars instanceof Uint8Array) {
        chars = this.chars = grow(chars, at, new Uint16Array(chars.length));
      }
      chars[at++] = c;
    }
    this.used = at;
    this.ends![this.length++] = at;
  }

  /** Keeps the rows `keep` says (quarantine), in the same form. */
  retain(keep: (row: number) => boolean): void {
    this.memo = null;
    if (this.array !== null) {
      this.array = this.array.filter((_, r) => keep(r));
      this.length = this.array.length;
    } else if (this.codes !== null) {
      const codes = this.codes.subarray(0, this.length).filter((_, r) => keep(r));
      this.codes = codes;
      this.length = codes.length;
    } else {
      const read = this.reader();
      const n = this.length;
      const kept: string[] = [];
      for (let r = 0; r < n; r++) if (keep(r)) kept.push(read(r) ?? "");
      this.chars = new Uint8Array(8192);
      this.ends = new Int32Array(Math.max(16, kept.length));
      this.used = 0;
      this.length = 0;
      for (const text of kept) this.pushText(text);
    }
  }

  /** Cuts the storage to what is used (the end of loading). */
  finish(): void {
    if (this.array !== null) {
      if (this.length >= 1 << 16) this.array = this.array.slice(); // an array grown by push has room to spare
    } else if (this.codes !== null) {
      if (this.codes.length !== this.length) this.codes = this.codes.slice(0, this.length);
    } else {
      if (this.ends!.length !== this.length) this.ends = this.ends!.slice(0, this.length);
      if (this.chars!.length !== this.used) this.chars = this.chars!.slice(0, this.used);
    }
  }

  private toArray(values: (string | null)[]): void {
    this.memo = null;
    this.array = values;
    this.length = values.length;
    this.codes = null;
    this.find = null;
    this.chars = null;
    this.ends = null;
    this.used = 0;
  }
}

function grow<T extends Int32Array | Uint8Array | Uint16Array>(from: Int32Array | Uint8Array | Uint16Array, used: number, to: T): T {
  to.set(from.subarray(0, used));
  return to;
}

/** The string of `chars[start, end)`; short ones (ids) without a view or an argument array. */
function fromChars(chars: Uint8Array | Uint16Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 16) return shortFromChars(chars, start, n);
  if (n <= 4096) return String.fromCharCode.apply(null, chars.subarray(start, end) as unknown as number[]);
  let text = "";
  for (let at = start; at < end; at += 4096) text += String.fromCharCode.apply(null, chars.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
  return text;
}

function shortFromChars(c: Uint8Array | Uint16Array, s: number, n: number): string {
  switch (n) {
    case 1:
      return String.fromCharCode(c[s]);
    case 2:
      return String.fromCharCode(c[s], c[s + 1]);
    case 3:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2]);
    case 4:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3]);
    case 5:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4]);
    case 6:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5]);
    case 7:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6]);
    case 8:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7]);
    case 9:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8]);
    case 10:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9]);
    case 11:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10]);
    case 12:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10], c[s + 11]);
    case 13:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10], c[s + 11], c[s + 12]);
    case 14:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10], c[s + 11], c[s + 12], c[s + 13]);
    case 15:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10], c[s + 11], c[s + 12], c[s + 13], c[s + 14]);
    case 16:
      return String.fromCharCode(c[s], c[s + 1], c[s + 2], c[s + 3], c[s + 4], c[s + 5], c[s + 6], c[s + 7], c[s + 8], c[s + 9], c[s + 10], c[s + 11], c[s + 12], c[s + 13], c[s + 14], c[s + 15]);
    default:
      return "";
  }
}
