/**
 * A column of strings (missing cells: null), kept in one of four forms and read the same way
 * (`reader()`, `at(row)`, or the `values` array):
 * - codes: indexes into a dictionary of distinct strings (-1: missing), for person ids and members,
 *   in the narrowest signed array that holds them (Int8Array while under 128 strings, Int16Array
 *   under 32,768, else Int32Array; widened on the first code that needs it): 1, 2 or 4 bytes a row
 *   instead of a pointer (8 bytes) in an array of millions;
 * - numbered: free text whose every cell is one prefix followed by a number written with one width
 *   of digits (`T0000123`, `INV-000042`: leading zeros kept since the width is fixed, so the text is
 *   rebuilt exactly), stored as the numbers: an Int32Array while each fits (-1: missing), else a
 *   Float64Array (at most 15 digits: safe integers). The prefix and width are the first cell's
 *   (its trailing digits); the first cell that does not have that form turns the column into
 *   packed text, rows kept (a mixed file stays exact). 4 bytes a row for the usual transaction id;
 * - packed: the characters of every cell one after the other in a Uint8Array (a Uint16Array once a
 *   character needs it), and each cell's end in an Int32Array, for other free text: about
 *   length + 4 bytes a row, and no string object per row for the GC to copy and mark
 *   (an empty cell is a missing one: the loader never stores "");
 * - array: a plain `(string | null)[]`, for the other kinds, and for any column once `values` is
 *   read or assigned (the first read builds it once and the compact form is dropped), so code that
 *   reads `values` keeps working whatever the form.
 */
export class StringColumn {
  readonly kind = "string" as const;
  length = 0;
  private array: (string | null)[] | null = null;
  private codes: Codes | null = null;
  /** The greatest code `codes` holds now. */
  private codeMax = 0x7f;
  private dict: readonly string[] | null = null;
  /** The dictionary index of a string (-1: not in it), for cells stored by the general path. */
  private find: ((text: string) => number) | null = null;
  private chars: Uint8Array | Uint16Array | null = null;
  private ends: Int32Array | null = null;
  private used = 0;
  /** The numbered form (see the class comment): the numbers, the prefix (null until a first cell) and the width of the digits. */
  private nums: Int32Array | Float64Array | null = null;
  private prefix: string | null = null;
  private width = 0;
  /** While numbered with an ASCII prefix: the prefix's bytes (for readers of bytes: `pushNumbered`), else null. */
  numberPrefix: Uint8Array | null = null;
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
    col.codes = new Int8Array(1024);
    col.dict = dict;
    col.find = find;
    return col;
  }

  /** Free text: numbered while every cell has that form, else packed. */
  static packed(name: string): StringColumn {
    const col = new StringColumn(name);
    col.nums = new Int32Array(1024);
    return col;
  }

  /** Free text kept packed from the start (never numbered). */
  static packedText(name: string): StringColumn {
    const col = new StringColumn(name);
    col.chars = new Uint8Array(8192);
    col.ends = new Int32Array(1024);
    return col;
  }

  /** The prefix and digit width of a numbered column (null: another form, or no cell yet). */
  numbered(): { prefix: string; width: number; nums: Int32Array | Float64Array } | null {
    return this.nums !== null && this.prefix !== null ? { prefix: this.prefix, width: this.width, nums: this.nums } : null;
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

  /** Cells are copied into the column's own storage (a string stored is not kept): numbered or packed. */
  isPacked(): boolean {
    return this.chars !== null || this.nums !== null;
  }

  /** The codes and their dictionary, when the column is coded. */
  coded(): { codes: Codes; dict: readonly string[] } | null {
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
    if (this.nums !== null) {
      const nums = this.nums;
      const prefix = this.prefix ?? "";
      const width = this.width;
      const n = this.length;
      return (row) => {
        if (!(row >= 0 && row < n)) return null;
        const v = nums[row];
        return v < 0 ? null : numberText(prefix, width, v);
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
    if (this.chars === null && this.nums === null) return this.reader();
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
    if (this.nums !== null) {
      const v = this.nums[row];
      return v < 0 ? null : numberText(this.prefix!, this.width, v);
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
      const k = value === null || this.find === null ? -1 : this.find(value);
      if (k === -1 && value !== null) {
        this.values.push(value); // not in the dictionary: kept as an array from now on
        this.length++;
      } else this.pushCode(k);
    } else this.pushText(value ?? "");
  }

  /** Appends the cell whose text is the ASCII bytes `buf[start, end)` (not empty), without making its string when the column is numbered or packed. */
  pushBytes(buf: Uint8Array, start: number, end: number): void {
    if (this.nums !== null) {
      const v = this.numberOfBytes(buf, start, end);
      if (v >= 0) {
        this.memo = null;
        this.pushNumber(v);
        return;
      }
    }
    const n = end - start;
    if (this.chars === null || this.used + n > 0x7fffffff) {
      this.push(asciiText(buf, start, end));
      return;
    }
    this.memo = null;
    if (this.length === this.ends!.length) this.ends = grow(this.ends!, this.length, new Int32Array(this.length * 2));
    let chars = this.chars;
    if (this.used + n > chars.length) {
      const size = Math.max(chars.length * 2, this.used + n);
      chars = this.chars = grow(chars, this.used, chars instanceof Uint8Array ? new Uint8Array(size) : new Uint16Array(size));
    }
    let at = this.used;
    for (let i = start; i < end; i++) chars[at++] = buf[i];
    this.used = at;
    this.ends![this.length++] = at;
  }

  /** `numberOf` for the ASCII bytes `buf[start, end)`: the number, or -2 (also when the column has no prefix yet: `numberOf` decides it). */
  private numberOfBytes(buf: Uint8Array, start: number, end: number): number {
    const prefix = this.prefix;
    if (prefix === null) return -2;
    const p = prefix.length;
    if (end - start !== p + this.width) return -2;
    for (let i = 0; i < p; i++) if (buf[start + i] !== prefix.charCodeAt(i)) return -2;
    let v = 0;
    for (let i = start + p; i < end; i++) {
      const d = buf[i];
      if (d < 48 || d > 57) return -2;
      v = v * 10 + (d - 48);
    }
    return v;
  }

  /** Makes room for `rows` cells in all (codes, numbers or cell ends), so a column whose size is known grows once. */
  reserve(rows: number): void {
    if (this.codes !== null && this.codes.length < rows) this.codes = growCodes(this.codes, this.length, rows, 0);
    else if (this.nums !== null && this.nums.length < rows) this.nums = growNumbers(this.nums, this.length, rows);
    else if (this.ends !== null && this.ends.length < rows) this.ends = grow(this.ends, this.length, new Int32Array(rows));
  }

  /** Appends a cell of a coded column by its dictionary index (-1: missing). */
  pushCode(k: number): void {
    if (this.codes === null) {
      this.push(k < 0 ? null : this.dict![k]);
      return;
    }
    let codes = this.codes;
    if (this.length === codes.length || k > this.codeMax) {
      codes = this.codes = growCodes(codes, this.length, this.length === codes.length ? this.length * 2 : codes.length, k);
      this.codeMax = codeLimit(codes);
    }
    codes[this.length++] = k;
  }

  /**
   * The byte loader's write of code `k` (-1: missing) at `row`, the next row (`length`), ahead of
   * `wroteCode`: false when the column is not coded, has no room, or its codes are too narrow for
   * `k` (then `pushCode` does it).
   */
  writeCode(row: number, k: number): boolean {
    const codes = this.codes;
    if (codes === null || row !== this.length || row >= codes.length || k > this.codeMax) return false;
    codes[row] = k;
    return true;
  }

  /** The code `writeCode` wrote at `row` is the column's next cell. */
  wroteCode(row: number): void {
    this.length = row + 1;
  }

  private pushText(text: string): void {
    this.memo = null;
    if (this.nums !== null) {
      const v = text === "" ? -1 : this.numberOf(text);
      if (v !== -2) {
        this.pushNumber(v);
        return;
      }
      this.unnumber();
    }
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

  /** The number of a cell of the numbered form (deciding the form on the first cell), or -2: not of the form. */
  private numberOf(text: string): number {
    let prefix = this.prefix;
    if (prefix === null) {
      let j = text.length;
      while (j > 0 && isDigit(text.charCodeAt(j - 1))) j--;
      const width = text.length - j;
      if (width === 0 || width > MAX_DIGITS) return -2;
      // A copy: a substring of 13+ characters would keep its whole chunk alive.
      prefix = this.prefix = j < 13 ? text.slice(0, j) : (JSON.parse(JSON.stringify(text.slice(0, j))) as string);
      this.width = width;
      this.numberPrefix = /^[\x00-\x7f]*$/.test(prefix) ? Uint8Array.from(prefix, (ch) => ch.charCodeAt(0)) : null;
    }
    const p = prefix.length;
    if (text.length !== p + this.width) return -2;
    for (let i = 0; i < p; i++) if (text.charCodeAt(i) !== prefix.charCodeAt(i)) return -2;
    let v = 0;
    for (let i = p; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (!isDigit(d)) return -2;
      v = v * 10 + (d - 48);
    }
    return v;
  }

  /** The width of the digits of a numbered column. */
  get digitWidth(): number {
    return this.width;
  }

  /** Appends the cell `numberPrefix` + `v` in `digitWidth` digits (the column is numbered, `numberPrefix` not null). */
  pushNumbered(v: number): void {
    this.memo = null;
    this.pushNumber(v);
  }

  /** Appends a number of the numbered form (-1: missing). */
  private pushNumber(v: number): void {
    let nums = this.nums!;
    if (this.length === nums.length) nums = this.nums = growNumbers(nums, this.length, this.length * 2);
    if (v > 0x7fffffff && nums instanceof Int32Array) {
      const wide = new Float64Array(nums.length);
      wide.set(nums.subarray(0, this.length));
      nums = this.nums = wide;
    }
    nums[this.length++] = v;
  }

  /** A cell not of the numbered form: the column goes on as packed text, its rows kept. */
  private unnumber(): void {
    const read = this.reader();
    const n = this.length;
    const width = (this.prefix?.length ?? 0) + this.width;
    this.nums = null;
    this.prefix = null;
    this.numberPrefix = null;
    this.width = 0;
    this.chars = new Uint8Array(Math.max(8192, n * width * 2));
    this.ends = new Int32Array(Math.max(1024, n * 2));
    this.used = 0;
    this.length = 0;
    for (let r = 0; r < n; r++) this.pushText(read(r) ?? "");
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
    } else if (this.nums !== null) {
      const nums = this.nums.subarray(0, this.length).filter((_, r) => keep(r));
      this.nums = nums;
      this.length = nums.length;
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

  /**
   * Cuts the storage to what is used (the end of loading). A coded column also lets go of `find`
   * (it holds the loader's intern table and the loader itself): a cell pushed after this is
   * treated as not in the dictionary (the column goes on as an array).
   */
  finish(): void {
    this.find = null;
    if (this.array !== null) {
      if (this.length >= 1 << 16) this.array = this.array.slice(); // an array grown by push has room to spare
    } else if (this.codes !== null) {
      if (this.codes.length !== this.length) this.codes = this.codes.slice(0, this.length);
    } else if (this.nums !== null) {
      if (this.nums.length !== this.length) this.nums = this.nums.slice(0, this.length);
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
    this.nums = null;
    this.prefix = null;
    this.numberPrefix = null;
    this.width = 0;
  }
}

/** At most this many digits in a numbered column: its numbers stay safe integers (and exact in a Float64Array). */
const MAX_DIGITS = 15;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The text of a numbered cell: the prefix and `v` in `width` digits. */
function numberText(prefix: string, width: number, v: number): string {
  const digits = String(v);
  return digits.length === width ? prefix + digits : prefix + "0".repeat(width - digits.length) + digits;
}

function growNumbers(from: Int32Array | Float64Array, used: number, size: number): Int32Array | Float64Array {
  const to = from instanceof Int32Array ? new Int32Array(size) : new Float64Array(size);
  to.set(from.subarray(0, used));
  return to;
}

/** Codes of a coded column: signed, so -1 (missing) is held by each. */
export type Codes = Int8Array | Int16Array | Int32Array;

/** The greatest code `codes` holds. */
function codeLimit(codes: Codes): number {
  return codes instanceof Int8Array ? 0x7f : codes instanceof Int16Array ? 0x7fff : 0x7fffffff;
}

/** `codes` (its first `used`) in an array of `size` that also holds code `k`. */
function growCodes(codes: Codes, used: number, size: number, k: number): Codes {
  const wide = k > codeLimit(codes) ? (k <= 0x7fff ? new Int16Array(size) : new Int32Array(size)) : codes instanceof Int8Array ? new Int8Array(size) : codes instanceof Int16Array ? new Int16Array(size) : new Int32Array(size);
  wide.set(codes.subarray(0, used));
  return wide;
}

function grow<T extends Int32Array | Uint8Array | Uint16Array>(from: Int32Array | Uint8Array | Uint16Array, used: number, to: T): T {
  to.set(from.subarray(0, used));
  return to;
}

/** The text of ASCII (or Latin-1) bytes `buf[start, end)`: a flat string of its own. */
export function asciiText(buf: Uint8Array, start: number, end: number): string {
  return fromChars(buf, start, end);
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
