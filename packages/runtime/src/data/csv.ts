/**
 * A small streaming CSV parser (RFC 4180): quoted fields with doubled quotes, commas and line
 * breaks inside quotes, CRLF or LF line ends, an optional UTF-8 BOM. It works chunk by chunk so a
 * file of millions of rows is parsed in bounded memory: only the current record is buffered.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  /** A quote opened but never closed, or a quote inside an unquoted field / after a closing quote. */
  error: null | "unterminated-quote" | "stray-quote";
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Where a parser delivers what it reads. A record without quotes on one line of a chunk is handed
 * over as that line (`chunk[start, end)`, no line break, fields separated by commas) so a consumer
 * can read its fields in place, allocating nothing; every other record (quoted fields, a record
 * across chunks, errors) comes as a `CsvRecord`.
 */
export interface CsvSink {
  line(chunk: string, start: number, end: number, line: number): void;
  record(record: CsvRecord): void;
}

/**
 * A sink that can also read a line straight from the bytes of a UTF-8 file (`CsvByteParser`).
 * `bytes` is given the bytes from the start of a line to the end of the region (which ends with a
 * line feed): it reads the line in place and returns the position after its line feed, or -1 to
 * leave the line to the text path (decoded, then `line` or `record`: anything but a plain line).
 */
export interface ByteSink extends CsvSink {
  bytes(buf: Uint8Array, start: number, end: number, line: number): number;
}

export class CsvParser {
  private fields: string[] = [];
  private field = "";
  private inQuotes = false;
  /** A quote was the last character of the previous chunk, inside a quoted field. */
  private quotePending = false;
  private afterQuote = false;
  private strayQuote = false;
  private lastWasCR = false;
  private started = false;
  private line = 1;
  private recordLine = 1;

  /** Nothing of a record is pending (the text so far ended with a complete line). */
  idle(): boolean {
    return this.fields.length === 0 && this.field === "" && !this.inQuotes && !this.quotePending && !this.afterQuote && !this.strayQuote && !this.lastWasCR;
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Goes on at line `line` of a text whose start (and BOM, if any) was read by someone else (`CsvByteParser`). */
  resume(line: number): void {
    this.started = true;
    this.line = this.recordLine = line;
  }

  /** Parses a chunk and appends the records it completes to `out`. */
  push(chunk: string, out: CsvRecord[] = []): CsvRecord[] {
    this.feed(chunk, {
      line: (text, start, end, line) => out.push({ fields: text.slice(start, end).split(","), line, error: null }),
      record: (record) => out.push(record),
    });
    return out;
  }

  /** Parses a chunk, handing what it completes to `sink` (unquoted one-line records as lines). */
  feed(chunk: string, sink: CsvSink): void {
    let i = 0;
    // Next quote / carriage return at or after the current position (n: none in this chunk): found
    // once per occurrence, so checking that a line has neither costs nothing per line.
    let quoteAt = -1;
    let crAt = -1;
    const n = chunk.length;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.quotePending && i < n) {
      this.quotePending = false;
      if (chunk.charCodeAt(i) === QUOTE) {
        this.field += '"';
        i++;
      } else {
        this.inQuotes = false;
        this.afterQuote = true;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        const part = chunk.slice(i, end);
        this.field += part;
        this.line += countLineFeeds(part);
        if (q === -1) {
          i = n;
        } else if (q + 1 === n) {
          this.quotePending = true;
          i = n;
        } else if (chunk.charCodeAt(q + 1) === QUOTE) {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          this.afterQuote = true;
          i = q + 1;
        }
        continue;
      }
      // Fast path: a whole record without quotes on one line of this chunk is split at once.
      if (this.fields.length === 0 && this.field === "" && !this.afterQuote && !this.lastWasCR) {
        const nl = chunk.indexOf("\n", i);
        if (nl !== -1) {
          let end = nl;
          if (end > i && chunk.charCodeAt(end - 1) === CR) end--;
          if (quoteAt < i) {
            quoteAt = chunk.indexOf('"', i);
            if (quoteAt === -1) quoteAt = n;
          }
          if (crAt < i) {
            crAt = chunk.indexOf("\r", i);
            if (crAt === -1) crAt = n;
          }
          if (quoteAt >= end && crAt >= end) {
            if (end > i) sink.line(chunk, i, end, this.recordLine);
            this.line++;
            this.recordLine = this.line;
            i = nl + 1;
            continue;
          }
        }
      }
      const c = chunk.charCodeAt(i);
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === COMMA) {
        this.fields.push(this.field);
        this.field = "";
        this.afterQuote = false;
        i++;
      } else if (c === LF || c === CR) {
        this.endRecord(sink);
        if (c === CR) this.lastWasCR = true;
        this.line++;
        this.recordLine = this.line;
        i++;
      } else if (c === QUOTE) {
        if (this.field === "" && !this.afterQuote) this.inQuotes = true;
        else {
          this.strayQuote = true;
          this.field += '"';
        }
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
          j++;
        }
        if (this.afterQuote) this.strayQuote = true;
        this.field += chunk.slice(i, j);
        i = j;
      }
    }
  }

  /** Ends the input: returns the last record (an unterminated quote is reported on it). */
  end(out: CsvRecord[] = []): CsvRecord[] {
    this.finish({ line: () => undefined, record: (record) => out.push(record) });
    return out;
  }

  /** Ends the input: hands over the last record (an unterminated quote is reported on it). */
  finish(sink: CsvSink): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.afterQuote = true;
    }
    if (this.inQuotes) {
      this.fields.push(this.field);
      sink.record({ fields: this.fields, line: this.recordLine, error: "unterminated-quote" });
      this.fields = [];
      this.field = "";
      this.inQuotes = false;
      return;
    }
    this.endRecord(sink);
  }

  private endRecord(sink: CsvSink): void {
    if (this.fields.length === 0 && this.field === "" && !this.afterQuote) {
      this.strayQuote = false;
      return; // a blank line is not a record
    }
    this.fields.push(this.field);
    sink.record({ fields: this.fields, line: this.recordLine, error: this.strayQuote ? "stray-quote" : null });
    this.fields = [];
    this.field = "";
    this.afterQuote = false;
    this.strayQuote = false;
  }
}

const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of UTF-8 bytes `buf[start, end)` (complete characters: the range ends before a line feed or at the end of the input). */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  return UTF8.decode(buf.subarray(start, end));
}

/**
 * Parses CSV from the bytes of a UTF-8 file, slice by slice. Lines are found by their line feed
 * (a byte never inside a multi-byte character); each plain line is offered to the sink's `bytes`
 * (read in place, no string made). A line the sink does not take is decoded: without quotes or a
 * carriage return before its end it goes to `line`, else the rest of the region (up to the last
 * line feed of the slice) goes to a `CsvParser` as text, which reads the quoted fields, and the
 * next slice goes back to bytes once that parser has no record pending. A line across two slices
 * is carried over (copied) to the next. A UTF-8 BOM at the start is skipped (as `CsvParser` skips
 * U+FEFF). So the records, lines and text given to the sink are those `CsvParser` gives for the
 * decoded text.
 */
export class CsvByteParser {
  private readonly parser = new CsvParser();
  private line = 1;
  private atStart = true;
  private carry = new Uint8Array(1 << 12);
  private carried = 0;

  feed(input: Uint8Array, sink: ByteSink): void {
    // A plain Uint8Array view (not a Buffer): the readers see one kind of array (the carry is one too).
    const bytes = Object.getPrototypeOf(input) === Uint8Array.prototype ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
    let i = 0;
    const n = bytes.length;
    if (this.carried > 0) {
      const nl = bytes.indexOf(LF);
      if (nl === -1) {
        this.keep(bytes, 0, n);
        return;
      }
      this.keep(bytes, 0, nl + 1);
      const carried = this.carried;
      this.carried = 0;
      this.region(this.carry, 0, carried, sink);
      i = nl + 1;
    }
    let last = n - 1;
    while (last >= i && bytes[last] !== LF) last--;
    if (last >= i) this.region(bytes, i, last + 1, sink);
    else last = i - 1;
    if (last + 1 < n) this.keep(bytes, last + 1, n);
  }

  /** Ends the input: the last line (without a line feed) and any record pending. */
  finish(sink: ByteSink): void {
    if (this.carried > 0) {
      // In a file without a line feed the parser reads the whole text (and skips a BOM itself).
      if (this.atStart) this.atStart = false;
      else if (this.parser.idle()) this.parser.resume(this.line);
      const text = decodeUtf8(this.carry, 0, this.carried);
      this.carried = 0;
      this.parser.feed(text, sink);
    }
    this.parser.finish(sink);
  }

  private keep(bytes: Uint8Array, start: number, end: number): void {
    const need = this.carried + end - start;
    if (need > this.carry.length) {
      const bigger = new Uint8Array(Math.max(need, this.carry.length * 2));
      bigger.set(this.carry.subarray(0, this.carried));
      this.carry = bigger;
    }
    this.carry.set(bytes.subarray(start, end), this.carried);
    this.carried = need;
  }

  /** Complete lines `buf[start, end)` (`buf[end - 1]` is a line feed). */
  private region(buf: Uint8Array, start: number, end: number, sink: ByteSink): void {
    let i = start;
    if (this.atStart) {
      this.atStart = false;
      if (end - i >= 3 && buf[i] === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) i += 3;
      this.parser.resume(1);
    }
    if (!this.parser.idle()) {
      this.parser.feed(decodeUtf8(buf, i, end), sink);
      this.line = this.parser.nextLine;
      return;
    }
    let line = this.line;
    while (i < end) {
      const next = sink.bytes(buf, i, end, line);
      if (next >= 0) {
        i = next;
        line++;
        continue;
      }
      let nl = i;
      while (buf[nl] !== LF) nl++;
      const stop = nl > i && buf[nl - 1] === CR ? nl - 1 : nl;
      let plain = true;
      for (let k = i; k < stop; k++) {
        const b = buf[k];
        if (b === QUOTE || b === CR) {
          plain = false;
          break;
        }
      }
      if (!plain) {
        this.parser.resume(line);
        this.parser.feed(decodeUtf8(buf, i, end), sink);
        this.line = this.parser.nextLine;
        return;
      }
      if (stop > i) {
        const text = decodeUtf8(buf, i, stop);
        sink.line(text, 0, text.length, line);
      }
      line++;
      i = nl + 1;
    }
    this.line = line;
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  let at = text.indexOf("\n");
  while (at !== -1) {
    count++;
    at = text.indexOf("\n", at + 1);
  }
  return count;
}

/** Parses a whole text or a sequence of chunks, yielding records as they complete. */
export function* parseCsv(input: string | Iterable<string>): Generator<CsvRecord> {
  const parser = new CsvParser();
  const chunks = typeof input === "string" ? [input] : input;
  const out: CsvRecord[] = [];
  for (const chunk of chunks) {
    parser.push(chunk, out);
    for (const record of out) yield record;
    out.length = 0;
  }
  parser.end(out);
  for (const record of out) yield record;
}

/** True when the text looks binary: NUL characters or replacement characters of invalid UTF-8. */
export function looksBinary(sample: string): boolean {
  const head = sample.length > 4096 ? sample.slice(0, 4096) : sample;
  return head.includes("\u0000") || head.includes("\ufffd");
}
