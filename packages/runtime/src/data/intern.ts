/**
 * Hash tables over strings that can be probed with a range of a larger text (a cell inside a CSV
 * chunk) without cutting it out first: the loader finds the one shared string of a person id,
 * member or period, and checks duplicate keys, allocating nothing for a cell it has seen before.
 */

/** A hash of `text[start, end)` (FNV-1a over UTF-16 code units, then mixed). */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_START;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return mixHash(h);
}

/** FNV-1a's start and prime: `h = Math.imul(h ^ unit, FNV_PRIME)` per code unit (or ASCII byte), then `mixHash(h)`. */
export const FNV_START = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

export function mixHash(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** The hash of ASCII bytes `buf[start, end)`: `hashString` of their text. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = FNV_START;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
  return mixHash(h);
}

/** `s` equals the text of the bytes `buf[start, start + length)` (ASCII). */
export function sameBytes(s: string, buf: Uint8Array, start: number, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/** The sign of the comparison of `s` with the text of the ASCII bytes `buf[start, end)` (as `<` / `>` compare strings). */
function compareBytes(s: string, buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  const m = Math.min(s.length, n);
  for (let i = 0; i < m; i++) {
    const d = s.charCodeAt(i) - buf[start + i];
    if (d !== 0) return d;
  }
  return s.length - n;
}

export function hashString(text: string): number {
  return hashRange(text, 0, text.length);
}

function sameChars(s: string, text: string, start: number, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) if (s.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Strings of at most this many ASCII characters (ids such as `R03946`, members, periods,
 * currencies) are also found by their bytes as a pair of int32s (`Interner.findShort`): a reader
 * accumulates them while it scans the cell, `hi = (hi << 8) | (lo >>> 24); lo = (lo << 8) | byte`
 * per byte, and the pair with the length in `hi`'s top byte (`shortKey`) is the key: exact, since
 * 7 bytes take 56 bits.
 */
export const SHORT_KEY = 7;

/** `hi` of a short key: the accumulated high bits and the length (0–7) in the top byte. */
export function shortKey(hi: number, length: number): number {
  return hi | (length << 24);
}

function shortHash(lo: number, hi: number): number {
  return mixHash(lo ^ Math.imul(hi, 0x9e3779b1));
}

/** Distinct strings, each with a small integer the caller attaches (say, "is a known person"). */
export class Interner {
  readonly strings: string[] = [];
  readonly flags: number[] = [];
  private slots = new Int32Array(64).fill(-1);
  private mask = 63;
  /**
   * The short strings (`SHORT_KEY`) by their key: per slot its `lo`, its `hi` (with the length)
   * and the string's index (-1: empty) side by side, so a probe reads one cache line.
   */
  private short = Interner.shortSlots(64);
  private shortMask = 63;
  /** The strings' characters as bytes, one after the other (`findBytes` compares bytes with bytes): string k is `bytes[ends[k - 1], ends[k])`, or -1 as its end when a character is not a byte. */
  private bytes = new Uint8Array(256);
  private ends = new Int32Array(16);
  private used = 0;

  /** At most `limit` strings are kept (a column of distinct values is not worth interning). */
  constructor(readonly limit = Number.POSITIVE_INFINITY) {}

  get size(): number {
    return this.strings.length;
  }

  /** The index of the string equal to `text[start, end)` (hash `h`), or -1. */
  findRange(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    const slots = this.slots;
    const mask = this.mask;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = slots[at];
      if (k === -1) return -1;
      if (sameChars(this.strings[k], text, start, length)) return k;
    }
  }

  /** The index of the string equal to the text of the ASCII bytes `buf[start, end)` (hash `h`, see `hashBytes`), or -1. */
  findBytes(buf: Uint8Array, start: number, end: number, h: number): number {
    const length = end - start;
    const slots = this.slots;
    const mask = this.mask;
    const bytes = this.bytes;
    const ends = this.ends;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = slots[at];
      if (k === -1) return -1;
      const stop = ends[k];
      if (stop < 0) continue; // not bytes: not equal to ASCII bytes
      let from = k === 0 ? 0 : ends[k - 1];
      if (from < 0) from = -from - 2;
      if (stop - from !== length) continue;
      let i = 0;
      while (i < length && bytes[from + i] === buf[start + i]) i++;
      if (i === length) return k;
    }
  }

  /** The index of the short string whose key is `lo`, `hi` (see `SHORT_KEY`; `hi` from `shortKey`), or -1. */
  findShort(lo: number, hi: number): number {
    const short = this.short;
    const mask = this.shortMask;
    for (let at = shortHash(lo, hi) & mask; ; at = (at + 1) & mask) {
      const i = 4 * at;
      const k = short[i + 2];
      if (k === -1 || (short[i] === lo && short[i + 1] === hi)) return k;
    }
  }

  find(text: string, h: number): number {
    return this.findRange(text, 0, text.length, h);
  }

  /** Adds a string not yet present; its index, or -1 when the table is full. */
  add(text: string, h: number, flag: number): number {
    if (this.strings.length >= this.limit) return -1;
    if ((this.strings.length + 1) * 2 > this.slots.length) this.grow();
    const k = this.strings.length;
    this.strings.push(text);
    this.flags.push(flag);
    this.keepBytes(k, text);
    this.place(k, h);
    this.placeShort(k);
    return k;
  }

  private static shortSlots(size: number): Int32Array {
    const slots = new Int32Array(4 * size);
    for (let i = 2; i < slots.length; i += 4) slots[i] = -1;
    return slots;
  }

  /** Adds string k to the short strings when it is one (at most `SHORT_KEY` ASCII characters). */
  private placeShort(k: number): void {
    const text = this.strings[k];
    if (text.length > SHORT_KEY) return;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return;
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | c;
    }
    hi = shortKey(hi, text.length);
    const short = this.short;
    let at = shortHash(lo, hi) & this.shortMask;
    while (short[4 * at + 2] !== -1) at = (at + 1) & this.shortMask;
    short[4 * at] = lo;
    short[4 * at + 1] = hi;
    short[4 * at + 2] = k;
  }

  /** Appends string k's characters to `bytes` (its end, or -(end + 2) when one is not a byte: then `findBytes` never matches it). */
  private keepBytes(k: number, text: string): void {
    if (k === this.ends.length) {
      const ends = new Int32Array(k * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    if (this.used + text.length > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.used + text.length));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    }
    let ok = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) ok = false;
      this.bytes[this.used + i] = c;
    }
    this.used += text.length;
    this.ends[k] = ok ? this.used : -this.used - 2;
  }

  private place(k: number, h: number): void {
    let at = h & this.mask;
    while (this.slots[at] !== -1) at = (at + 1) & this.mask;
    this.slots[at] = k;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    this.short = Interner.shortSlots(this.slots.length);
    this.shortMask = this.mask;
    for (let k = 0; k < this.strings.length; k++) {
      this.place(k, hashString(this.strings[k]));
      this.placeShort(k);
    }
  }
}

/**
 * The keys of the rows stored so far, for the duplicate-key check of a table keyed by one string
 * column. While the keys come in strictly increasing order (a file sorted by its key, the usual
 * export) a key greater than the last one is new, and nothing else is kept. From the first key out
 * of order on: an open-addressing table of (row, hash) pairs, 8 bytes a slot, whose keys are read
 * from the column itself (only when the hashes are equal), instead of a Set holding an entry per row.
 * Rows are added in order (0, 1, 2, …), each right after `has` did not find its key.
 */
export class KeyIndex {
  private last: string | null = null;
  /** The key `has` was last asked about: the key of the row `add` adds. */
  private pending = "";
  /** Or, when `hasBytes` was: its bytes (ASCII); and the last key added, when given as bytes. */
  private pendingBuf: Uint8Array | null = null;
  private pendingStart = 0;
  private pendingEnd = 0;
  private lastBytes: Uint8Array | null = null;
  private lastLength = 0;
  /** Or, when `hasNumber` was: the key's number in its column's numbered form; and the last key added, when given so (-1: not so). */
  private pendingNumber = -1;
  private lastNumber = -1;
  private sorted = true;
  private count = 0;
  /** slots[2i]: a row (-1: empty), slots[2i + 1]: its key's hash. */
  private slots = new Int32Array(0);
  private mask = -1;
  /** Where `has` found no key: the empty slot `add` fills (-1: none), and the key's hash. */
  private free = -1;
  private freeHash = 0;

  constructor(private readonly keyOf: (row: number) => string) {}

  has(key: string): boolean {
    this.pending = key;
    this.pendingBuf = null;
    this.pendingNumber = -1;
    if (this.sorted) {
      if (this.count === 0) return false;
      const last = this.lastText();
      if (last !== null ? key > last : compareBytes(key, this.lastBytes!, 0, this.lastLength) > 0) return false;
      this.index();
    }
    const h = hashString(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const row = slots[2 * at];
      if (row === -1) {
        this.free = at;
        this.freeHash = h;
        return false;
      }
      if (slots[2 * at + 1] === h && this.keyOf(row) === key) return true;
    }
  }

  /** `has` for the key whose text is the ASCII bytes `buf[start, end)`, without making the string. */
  hasBytes(buf: Uint8Array, start: number, end: number): boolean {
    this.pendingBuf = buf;
    this.pendingStart = start;
    this.pendingEnd = end;
    this.pendingNumber = -1;
    if (this.sorted) {
      if (this.count === 0 || this.afterLast(buf, start, end)) return false;
      this.index();
    }
    return this.probeBytes(buf, start, end);
  }

  /**
   * `hasBytes` for a key of a numbered column (`StringColumn`: one prefix, one width of digits),
   * `v` its number: while the keys are sorted, a greater number is a greater key.
   */
  hasNumber(v: number, buf: Uint8Array, start: number, end: number): boolean {
    this.pendingBuf = buf;
    this.pendingStart = start;
    this.pendingEnd = end;
    this.pendingNumber = v;
    if (this.sorted) {
      if (this.count === 0 || (this.lastNumber >= 0 ? v > this.lastNumber : this.afterLast(buf, start, end))) return false;
      this.index();
    }
    return this.probeBytes(buf, start, end);
  }

  /** The key `buf[start, end)` is greater than the last one added (sorted so far). */
  private afterLast(buf: Uint8Array, start: number, end: number): boolean {
    const last = this.lastText();
    return last !== null ? compareBytes(last, buf, start, end) < 0 : compareRanges(this.lastBytes!, this.lastLength, buf, start, end) < 0;
  }

  /** The last key added as a string, or null when it is kept as bytes. */
  private lastText(): string | null {
    return this.last !== null ? this.last : this.lastNumber >= 0 ? this.keyOf(this.count - 1) : null;
  }

  /** `probe` for a key given as bytes: the same loop, kept apart on purpose (one shared loop measured 5% slower to load). */
  private probeBytes(buf: Uint8Array, start: number, end: number): boolean {
    const h = hashBytes(buf, start, end);
    const length = end - start;
    const slots = this.slots;
    const mask = this.mask;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const row = slots[2 * at];
      if (row === -1) {
        this.free = at;
        this.freeHash = h;
        return false;
      }
      if (slots[2 * at + 1] === h && sameBytes(this.keyOf(row), buf, start, length)) return true;
    }
  }

  /** Adds the next stored row, whose key `has` (or `hasBytes`) was just asked about and did not find. */
  add(row: number): void {
    this.count++;
    if (this.sorted) {
      const buf = this.pendingBuf;
      this.lastNumber = this.pendingNumber;
      if (this.lastNumber >= 0) this.last = null;
      else if (buf === null) this.last = this.pending;
      else {
        const from = this.pendingStart;
        const n = this.pendingEnd - from;
        let last = this.lastBytes;
        if (last === null || last.length < n) last = this.lastBytes = new Uint8Array(Math.max(64, n * 2));
        for (let i = 0; i < n; i++) last[i] = buf[from + i];
        this.lastLength = n;
        this.last = null;
      }
      return;
    }
    const h = this.free !== -1 ? this.freeHash : hashString(this.keyOf(row));
    if (this.count * 4 > (this.mask + 1) * 3) this.grow();
    let at = this.free;
    this.free = -1;
    if (at === -1 || this.slots[2 * at] !== -1) {
      at = h & this.mask;
      while (this.slots[2 * at] !== -1) at = (at + 1) & this.mask;
    }
    this.slots[2 * at] = row;
    this.slots[2 * at + 1] = h;
  }

  /** The first key out of order: the rows so far go into the table. */
  private index(): void {
    this.sorted = false;
    this.last = null;
    this.lastBytes = null;
    this.lastNumber = -1;
    let size = 1024;
    while (size * 3 < (this.count + 1) * 4) size *= 2;
    this.slots = new Int32Array(size * 2).fill(-1);
    this.mask = size - 1;
    for (let row = 0; row < this.count; row++) this.place(row, hashString(this.keyOf(row)));
  }

  private place(row: number, h: number): void {
    let at = h & this.mask;
    while (this.slots[2 * at] !== -1) at = (at + 1) & this.mask;
    this.slots[2 * at] = row;
    this.slots[2 * at + 1] = h;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.slots.length / 2 - 1;
    this.free = -1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.place(old[i], old[i + 1]);
  }
}

/** The sign of the comparison of bytes `a[0, n)` with `b[start, end)` (ASCII: as their texts compare). */
function compareRanges(a: Uint8Array, n: number, b: Uint8Array, start: number, end: number): number {
  const m = Math.min(n, end - start);
  for (let i = 0; i < m; i++) {
    const d = a[i] - b[start + i];
    if (d !== 0) return d;
  }
  return n - (end - start);
}
