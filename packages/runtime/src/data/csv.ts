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
