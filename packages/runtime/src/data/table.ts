import type { ColumnIR, DimensionIR, TableIR } from "@carrot/ir";
import { Dec, scanDecimal, type DecimalScan } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { CALENDAR_YEAR, type Calendar } from "@carrot/ir";
import { parseDate } from "../periods.js";
import { CsvByteParser, looksBinary, type ByteSink, type CsvRecord } from "./csv.js";
import { hashBytes, hashRange, hashString, Interner, KeyIndex, SHORT_KEY, shortKey } from "./intern.js";
import { RowLines } from "./lines.js";
import { asciiText, StringColumn } from "./strings.js";

/**
 * Column storage. Tables are stored by column so that the per-transaction loops of the evaluator
 * read flat arrays: decimals as scaled integers (`ints[i] / 10^scale`) in an Int32Array while every
 * cell is present and an int32 (not -0), else in a Float64Array (exact as long as they stay safe
 * integers, else the column switches to Decimal objects and `ints` is empty), dates as day numbers in a Float32Array (exact: integer days within ±2^24; a column
 * holding any other day switches to a Float64Array), booleans in an array, strings in a
 * `StringColumn` (person ids and members as codes into their distinct strings, free text packed
 * in a byte array, other kinds in an array: read with `reader()` / `at(row)` in hot loops;
 * `values` gives an array whatever the form). Missing cells are NaN / null.
 */
export type ColumnData =
  | { kind: "decimal"; name: string; scale: number; ints: Int32Array | Float64Array; exact: (Dec | null)[] | null }
  | { kind: "date"; name: string; days: Float32Array | Float64Array }
  | StringColumn
  | { kind: "bool"; name: string; values: (boolean | null)[] };

export interface TableData {
  name: string;
  file: string;
  role: "input" | "people";
  ir: TableIR;
  /** Accepted rows. */
  rowCount: number;
  /** Line number in the file of each accepted row: `lines.lineOf(row)` (stored as runs of consecutive lines). */
  lines: RowLines;
  columns: Map<string, ColumnData>;
  /** Records read (header excluded), accepted or quarantined. */
  rowsRead: number;
  /** Lines of the quarantined records (each has at least one diagnostic). */
  quarantined: number[];
  /** The header was unusable (missing column, empty, not a CSV): every record is quarantined. */
  unusable: boolean;
}

/** What cells are checked against besides their type. */
export interface LoadContext {
  dimensions: DimensionIR[];
  /** Ids of the people table; null while loading the people table itself. */
  people: Set<string> | null;
  /** Whose period ids a `period` cell holds (`2026-Q1`, or `FY2026-Q1` with a fiscal year); calendar years when absent. */
  calendar?: Calendar;
}

const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_SCALE = 12;

export function decimalAt(col: ColumnData & { kind: "decimal" }, row: number): Dec | null {
  if (col.exact) return col.exact[row] ?? null;
  const v = col.ints[row];
  if (v !== v) return null; // NaN: missing
  return Dec.scaled(v, col.scale);
}

// Cell grammars. Checked with plain regular expressions: a schema library's per-call overhead is
// too much for tens of millions of cells (zod validates the IR, once per run).
const CURRENCY_CELL = /^[A-Z]{3}$/;
const isCurrency = (text: string): boolean => CURRENCY_CELL.test(text);

type CellKind =
  | { kind: "decimal"; percent: boolean; integer: boolean }
  | { kind: "date" }
  | { kind: "period" }
  | { kind: "text" }
  | { kind: "bool" }
  | { kind: "currency" }
  | { kind: "person" }
  | { kind: "member"; dimension: string };

export function cellKind(type: string): CellKind {
  if (type.startsWith("money")) return { kind: "decimal", percent: false, integer: false };
  if (type === "ratio" || type === "percent") return { kind: "decimal", percent: true, integer: false };
  if (type === "number") return { kind: "decimal", percent: false, integer: false };
  if (type === "count") return { kind: "decimal", percent: false, integer: true };
  if (type === "date") return { kind: "date" };
  if (type === "period") return { kind: "period" };
  if (type === "bool") return { kind: "bool" };
  if (type === "currency") return { kind: "currency" };
  if (type === "person") return { kind: "person" };
  const m = /^member\[(.+)\]$/.exec(type);
  if (m) return { kind: "member", dimension: m[1] };
  return { kind: "text" };
}

interface CellProblem {
  code: string;
  message: string;
}

// How the loader reads each declared column's cells.
const K_DECIMAL = 0;
const K_DATE = 1;
const K_PERIOD = 2;
const K_TEXT = 3;
const K_BOOL = 4;
const K_CURRENCY = 5;
const K_PERSON = 6;
const K_MEMBER = 7;

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Columns typed as strings whose stored value is the cell's text: a key among them is checked by `KeyIndex`. */
function storesText(kind: CellKind): boolean {
  return kind.kind === "text" || kind.kind === "person" || kind.kind === "member" || kind.kind === "currency" || kind.kind === "period";
}

/**
 * Incrementally builds a table from CSV, validating every cell. A record without quotes on one
 * line (nearly all of them) comes as a range of the chunk (`addLine`) and is read in place: numbers
 * and dates from char codes, ids, members and periods found in intern tables, so a row allocates
 * nothing but the strings it stores for the first time (a text key). Anything unusual in such a
 * line (a bad cell, an unknown person, a duplicate key, a wider decimal scale) sends the whole
 * line to `addRecord`, the general path, which reports it; so diagnostics do not depend on the path.
 */
export class TableBuilder implements ByteSink {
  readonly diagnostics: DataDiagnostic[] = [];
  private readonly data: TableData;
  private header: string[] | null = null;
  /** For each declared column, its position in the file's header. */
  private positions: number[] = [];
  private readonly kinds: CellKind[];
  private readonly keyColumns: number[];
  /** Keys of a table keyed by several columns, or by one that does not store its text. */
  private readonly keySeen = new Set<string>();
  /** Keys of a table keyed by one column storing its text (`storesText`). */
  private readonly keyIndex: KeyIndex | null;
  /** dimension → member name → the one shared string of that name (cells are interned). */
  private readonly members: Map<string, Map<string, string>>;
  /** Person ids seen in this file, interned (a million rows naming 5,000 people hold 5,000 strings); flag 1: a known person. */
  private readonly persons = new Interner();
  private readonly periods = new Interner(10_000);
  private readonly currencies = new Interner(10_000);
  /** Per declared column: its dimension's members (K_MEMBER), or null. */
  private readonly memberTables: (Interner | null)[];
  /** The declared columns' storage, in declared order. */
  private readonly columnList: ColumnData[];
  private readonly scratch: unknown[];
  private readonly decimals: ParsedDecimal[];
  /** Dates repeat across rows: each distinct text is parsed once. */
  private readonly dates = new Map<string, number | null>();
  /** Rows the typed-array columns have room for. */
  private capacity = 0;

  // The fast path: per file field, the declared column it fills (-1: ignored); null until a usable header.
  private fieldColumn: Int32Array | null = null;
  private readonly fastKinds: Uint8Array;
  private readonly optional: Uint8Array;
  /** The current line's cells: 1 missing; numbers (scaled decimals, days), texts, booleans. */
  private readonly missing: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly texts: (string | null)[];
  /** The dictionary index of a person or member cell (its coded column's code). */
  private readonly codes: Int32Array;
  /** 1: a person or member column, stored as codes. */
  private readonly codedCell: Uint8Array;
  private readonly bools: boolean[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private pendingKey = "";
  private readonly calendar: Calendar;
  /** The declared columns by how `commit` stores them: decimals, dates, codes (persons, members), other strings, booleans. */
  private readonly storage: { decimal: number[]; date: number[]; coded: number[]; text: number[]; bool: number[] };
  /** The single key column is free text (K_TEXT): a line read from bytes checks its key by its bytes. */
  private readonly byteKey: boolean;

  constructor(
    private readonly table: TableIR,
    private readonly file: string,
    private readonly context: LoadContext,
  ) {
    this.calendar = context.calendar ?? CALENDAR_YEAR;
    const n = table.columns.length;
    this.kinds = table.columns.map((c) => cellKind(c.type));
    this.keyColumns = table.columns.flatMap((c, i) => (c.key ? [i] : []));
    this.members = new Map(context.dimensions.map((d) => [d.name, new Map(d.members.map((m) => [m.name, m.name]))]));
    this.memberTables = this.kinds.map((k) => {
      const members = k.kind === "member" ? this.members.get(k.dimension) : undefined;
      if (!members) return null;
      const interner = new Interner();
      for (const name of members.values()) interner.add(name, hashString(name), 1);
      return interner;
    });
    const columns = new Map<string, ColumnData>();
    table.columns.forEach((c, i) => columns.set(c.name, this.emptyColumn(c.name, i)));
    this.columnList = table.columns.map((c) => columns.get(c.name)!);
    this.scratch = new Array(n).fill(null);
    this.decimals = table.columns.map(() => ({ int: 0, scale: 0, raw: "", percent: false }));
    this.data = {
      name: table.name,
      file,
      role: table.role,
      ir: table,
      rowCount: 0,
      lines: new RowLines(),
      columns,
      rowsRead: 0,
      quarantined: [],
      unusable: false,
    };
    this.fastKinds = Uint8Array.from(this.kinds, (k) => fastKind(k));
    this.optional = Uint8Array.from(table.columns, (c) => (c.optional ? 1 : 0));
    this.missing = new Uint8Array(n);
    this.numbers = new Float64Array(n);
    this.texts = new Array<string | null>(n).fill(null);
    this.codes = new Int32Array(n);
    this.codedCell = Uint8Array.from(this.kinds, (k, c) => (k.kind === "person" || (k.kind === "member" && this.memberTables[c] !== null) ? 1 : 0));
    this.bools = new Array<boolean>(n).fill(false);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    const single = this.keyColumns.length === 1 ? this.keyColumns[0] : -1;
    const keyCol = single >= 0 ? this.columnList[single] : null;
    this.keyIndex = keyCol && keyCol.kind === "string" && storesText(this.kinds[single]) ? new KeyIndex((row) => keyCol.at(row) ?? "") : null;
    this.byteKey = this.keyIndex !== null && this.fastKinds[single] === K_TEXT;
    this.storage = { decimal: [], date: [], coded: [], text: [], bool: [] };
    this.columnList.forEach((col, c) => {
      if (col.kind === "string") (this.codedCell[c] === 1 ? this.storage.coded : this.storage.text).push(c);
      else this.storage[col.kind].push(c);
    });
    this.reserve(1024);
  }

  /** Person ids and members are stored as codes into their intern table, free text packed. */
  private emptyColumn(name: string, c: number): ColumnData {
    const kind = this.kinds[c];
    switch (kind.kind) {
      case "decimal":
        return { kind: "decimal", name, scale: 0, ints: new Int32Array(0), exact: null };
      case "date":
        return { kind: "date", name, days: new Float32Array(0) };
      case "bool":
        return { kind: "bool", name, values: [] };
      case "person":
        return StringColumn.coded(name, this.persons.strings, (text) => this.persons.find(text, hashString(text)));
      case "member": {
        const members = this.memberTables[c];
        return members ? StringColumn.coded(name, members.strings, (text) => members.find(text, hashString(text))) : StringColumn.array(name);
      }
      case "text":
        return StringColumn.packed(name);
      default:
        return StringColumn.array(name);
    }
  }

  /** Sets the header from the first record; false when the table is unusable. */
  setHeader(record: CsvRecord): void {
    const names = record.fields.map((f) => f.trim());
    this.header = names;
    if (record.error || names.every((n) => n === "")) {
      this.report("R0013", "the first line is not a CSV header row", record.line, null);
      this.data.unusable = true;
      return;
    }
    const index = new Map<string, number>();
    names.forEach((n, i) => {
      if (!index.has(n)) index.set(n, i);
    });
    this.positions = this.table.columns.map((c) => index.get(c.name) ?? -1);
    this.table.columns.forEach((c, i) => {
      if (this.positions[i] === -1) {
        this.report("R0010", `column '${c.name}' declared by input '${this.table.name}' is missing from the header`, 1, c.name, "Add the column to the header row (names are case-sensitive).");
        this.data.unusable = true;
      }
    });
    const declared = new Set(this.table.columns.map((c) => c.name));
    for (const n of names) {
      if (!declared.has(n)) {
        this.diagnostics.push({
          code: "R0011",
          severity: "warning",
          message: `column '${n}' is not declared by input '${this.table.name}' and is ignored`,
          file: this.file,
          row: 1,
          column: n,
          help: "Remove the column or declare it in the input block.",
        });
      }
    }
    if (!this.data.unusable) {
      this.fieldColumn = new Int32Array(names.length).fill(-1);
      this.positions.forEach((p, c) => (this.fieldColumn![p] = c));
    }
  }

  /** `CsvSink`: a record with neither quotes nor line breaks, `chunk[start, end)`. */
  line(chunk: string, start: number, end: number, line: number): void {
    this.addLine(chunk, start, end, line);
  }

  /** `CsvSink`: any other record. */
  record(record: CsvRecord): void {
    this.addRecord(record);
  }

  /** A record with neither quotes nor line breaks, read in place (see the class comment). */
  addLine(chunk: string, start: number, end: number, line: number): void {
    if (this.fieldColumn === null || !this.readLine(chunk, start, end)) {
      this.addRecord({ fields: chunk.slice(start, end).split(","), line, error: null });
      return;
    }
    this.data.rowsRead++;
    this.commit(line);
  }

  /** `ByteSink`: a line read straight from the file's bytes (see `CsvByteParser`); -1: the text path. */
  bytes(buf: Uint8Array, start: number, end: number, line: number): number {
    const row = this.data.rowCount;
    if (row === this.capacity) this.reserve(grown(row));
    const next = this.readBytes(buf, start, end, row);
    if (next < 0) return -1;
    this.data.rowsRead++;
    this.commitBytes(line, buf, row);
    return next;
  }

  addRecord(record: CsvRecord): void {
    if (this.header === null) {
      this.setHeader(record);
      return;
    }
    this.data.rowsRead++;
    if (this.data.unusable) {
      this.data.quarantined.push(record.line);
      return;
    }
    const fields = record.fields;
    if (record.error || fields.length !== this.header.length) {
      const why =
        record.error === "unterminated-quote"
          ? "a quoted field is not closed"
          : record.error === "stray-quote"
            ? "a quote appears inside an unquoted field"
            : `${fields.length} fields where the header has ${this.header.length}`;
      this.report("R0014", `malformed record: ${why}`, record.line, null);
      this.data.quarantined.push(record.line);
      return;
    }
    // Scratch arrays reused for every record: `store` copies the values into the columns.
    const parsed = this.scratch;
    let ok = true;
    for (let c = 0; c < this.table.columns.length; c++) {
      const column = this.table.columns[c];
      const text = fields[this.positions[c]];
      if (text === "") {
        if (!column.optional) {
          this.report("R0020", `empty value in column '${column.name}'`, record.line, column.name, "Fill the cell, or declare the column optional.");
          ok = false;
        }
        parsed[c] = null;
        continue;
      }
      const value = this.parseCell(this.kinds[c], text, c);
      if (this.kinds[c].kind === "person" && this.context.people && !this.context.people.has(text)) {
        // Reported, but the row is kept: crediting accounts for it as `unknown-person`, so its
        // amount stays in the reconciliation instead of vanishing with a quarantined row.
        this.report("R0025", `unknown person '${text}' in column '${column.name}' (the row is kept and reported as uncredited)`, record.line, column.name, "Add the person to the people file or correct the id.");
      }
      if (isProblem(value)) {
        this.report(value.code, `${value.message} in column '${column.name}'`, record.line, column.name);
        ok = false;
      } else parsed[c] = value;
    }
    if (ok && this.keyColumns.length > 0) {
      let duplicate: boolean;
      if (this.keyIndex) duplicate = this.keyIndex.has(fields[this.positions[this.keyColumns[0]]]);
      else {
        const key = this.keyColumns.length === 1 ? fields[this.positions[this.keyColumns[0]]] : this.keyColumns.map((c) => fields[this.positions[c]]).join("\u0001");
        duplicate = this.keySeen.has(key);
        if (!duplicate) this.keySeen.add(key);
      }
      if (duplicate) {
        const cols = this.keyColumns.map((c) => this.table.columns[c].name);
        this.report("R0026", `duplicate key ${this.keyColumns.map((c) => fields[this.positions[c]]).join(", ")} in input '${this.table.name}'`, record.line, cols.join(","));
        ok = false;
      }
    }
    if (!ok) {
      this.data.quarantined.push(record.line);
      return;
    }
    const row = this.store(parsed, record.line);
    if (this.keyIndex) this.keyIndex.add(row);
  }

  finish(): { table: TableData; diagnostics: DataDiagnostic[] } {
    if (this.header === null) {
      this.report("R0012", `the file is empty: no header row for input '${this.table.name}'`, null, null);
      this.data.unusable = true;
    }
    // The columns grew with room to spare: cut them to the rows stored.
    const rows = this.data.rowCount;
    this.capacity = rows;
    this.data.lines.trimmed();
    for (const col of this.columnList) {
      if (col.kind === "decimal" && col.ints.length !== rows && !col.exact) col.ints = col.ints.slice(0, rows);
      else if (col.kind === "date" && col.days.length !== rows) col.days = col.days.slice(0, rows);
      else if (col.kind === "string") col.finish();
      // An array grown by push has up to half its length to spare: a copy has none.
      else if (col.kind === "bool" && rows >= 1 << 16) col.values = col.values.slice();
    }
    return { table: this.data, diagnostics: this.diagnostics };
  }

  /** Marks the whole input as not a CSV (binary content). */
  rejectBinary(): void {
    this.report("R0013", "the file is not a UTF-8 CSV file (binary content)", null, null);
    this.data.unusable = true;
    this.header = [];
    this.fieldColumn = null;
  }

  // --- the fast path ---------------------------------------------------------------------------

  /** Reads the cells of `chunk[start, end)` into the scratch arrays; false: leave it to `addRecord`. */
  private readLine(chunk: string, start: number, end: number): boolean {
    const fieldColumn = this.fieldColumn!;
    const width = fieldColumn.length;
    let f = 0;
    let at = start;
    for (;;) {
      let stop = at;
      while (stop < end && chunk.charCodeAt(stop) !== COMMA) stop++;
      if (f === width) return false;
      const c = fieldColumn[f];
      if (c >= 0 && !this.readCell(c, chunk, at, stop)) return false;
      f++;
      if (stop === end) break;
      at = stop + 1;
    }
    if (f !== width) return false;
    if (this.keyColumns.length > 0) {
      if (this.keyIndex) {
        const c = this.keyColumns[0];
        if (this.keyIndex.has(this.missing[c] === 1 ? "" : this.texts[c]!)) return false;
      } else {
        const key = this.keyColumns.map((c) => chunk.slice(this.starts[c], this.ends[c])).join("\u0001");
        if (this.keySeen.has(key)) return false;
        this.pendingKey = key;
      }
    }
    return true;
  }

  /**
   * The byte twin of `readLine`: reads the line starting at `buf[start]` (the region ends at `end`,
   * after a line feed) into the scratch arrays; the position after its line feed, or -1: leave the
   * line to the text path (a blank line, a quote, a carriage return inside, a byte outside ASCII in
   * a text cell, anything `readLine` would not take). Each cell reader scans its cell up to the
   * comma or line end, validating as it goes, so the line is read in one pass and no string is made
   * but a person id, period or currency seen for the first time.
   */
  private readBytes(buf: Uint8Array, start: number, end: number, row: number): number {
    const fieldColumn = this.fieldColumn;
    if (fieldColumn === null) return -1;
    const first = buf[start];
    if (first === LF || first === CR) return -1; // a blank line is not a record
    const width = fieldColumn.length;
    const kinds = this.fastKinds;
    const starts = this.starts;
    const missing = this.missing;
    let f = 0;
    let at = start;
    let stop: number;
    for (;;) {
      // Each cell by its column's reader, called from here (not through a method per cell): one
      // call a cell. A reader scans its cell to the comma or line end, validating as it goes, and
      // gives that position or -1 (the line goes to the text path). A decimal, date, person or
      // member cell is written straight into its column at `row` (the row being read: nothing
      // counts it until `commitBytes`, and a line given up is stored over it by the text path); a
      // value the column's array cannot hold as it is (an int32 column's first wider value or
      // missing cell, a code wider than the codes) gives the line up: the general path widens
      // the column.
      const c = fieldColumn[f];
      if (c < 0) stop = skipField(buf, at, end);
      else {
        starts[c] = at;
        const b = buf[at];
        if (b === COMMA || b === LF || b === CR) stop = this.emptyByteCell(c, at, row);
        else {
          missing[c] = 0;
          switch (kinds[c]) {
            case K_DECIMAL:
              stop = this.decimalBytes(c, buf, at, end, row);
              break;
            case K_DATE:
              stop = this.dateBytes(c, buf, at, end, row);
              break;
            case K_PERSON:
              stop = this.personBytes(c, buf, at, end, row);
              break;
            case K_MEMBER:
              stop = this.memberBytes(c, buf, at, end, row);
              break;
            case K_TEXT:
              stop = this.textBytes(c, buf, at, end);
              break;
            case K_BOOL:
              stop = this.boolBytes(c, buf, at, end);
              break;
            case K_PERIOD:
              stop = this.internedBytes(c, this.periods, buf, at, end, this.isPeriod);
              break;
            case K_CURRENCY:
              stop = this.internedBytes(c, this.currencies, buf, at, end, isCurrency);
              break;
            default:
              return -1;
          }
        }
      }
      if (stop < 0) return -1;
      f++;
      if (buf[stop] !== COMMA) break;
      if (f === width) return -1;
      at = stop + 1;
    }
    if (f !== width) return -1;
    let next = stop + 1;
    if (buf[stop] === CR) {
      if (buf[next] !== LF) return -1;
      next++;
    }
    if (this.keyColumns.length > 0) {
      const keyIndex = this.keyIndex;
      if (keyIndex !== null) {
        const c = this.keyColumns[0];
        const seen =
          this.missing[c] === 1
            ? keyIndex.has("")
            : !this.byteKey
              ? keyIndex.has(this.texts[c]!)
              : this.numbers[c] >= 0
                ? keyIndex.hasNumber(this.numbers[c], buf, this.starts[c], this.ends[c])
                : keyIndex.hasBytes(buf, this.starts[c], this.ends[c]);
        if (seen) return -1;
      } else {
        const key = this.keyColumns.map((c) => asciiText(buf, this.starts[c], this.ends[c])).join("\u0001");
        if (this.keySeen.has(key)) return -1;
        this.pendingKey = key;
      }
    }
    return next;
  }

  /** An empty cell at `buf[at]` of declared column `c` (see `readBytes`): `at`, or -1 when the column is not optional or cannot take it here. */
  private emptyByteCell(c: number, at: number, row: number): number {
    this.ends[c] = at;
    if (this.optional[c] === 0 || !this.writeMissing(c, row)) return -1;
    this.missing[c] = 1;
    return at;
  }

  /** A date cell (`YYYY-MM-DD`, see `dayOfBytes`), its day written at `row`. */
  private dateBytes(c: number, buf: Uint8Array, start: number, end: number, row: number): number {
    const stop = start + 10;
    if (stop >= end) return -1;
    const d = buf[stop];
    if (d !== COMMA && d !== LF && d !== CR) return -1;
    const day = dayOfBytes(buf, start);
    if (day !== day) return -1;
    // Exact in a Float32Array too: the days of the years 100–9999 are within ±2^24.
    (this.columnList[c] as ColumnData & { kind: "date" }).days[row] = day;
    this.ends[c] = stop;
    return stop;
  }

  private boolBytes(c: number, buf: Uint8Array, start: number, end: number): number {
    const p = skipField(buf, start, end);
    if (p < 0) return -1;
    const n = p - start;
    if (n === 4 && buf[start] === 116 && buf[start + 1] === 114 && buf[start + 2] === 117 && buf[start + 3] === 101) this.bools[c] = true;
    else if (n === 5 && buf[start] === 102 && buf[start + 1] === 97 && buf[start + 2] === 108 && buf[start + 3] === 115 && buf[start + 4] === 101) this.bools[c] = false;
    else return -1;
    this.ends[c] = p;
    return p;
  }

  private readonly isPeriod = (text: string): boolean => this.calendar.parse(text) !== null;

  // personBytes, memberBytes, textBytes and internedBytes each repeat the same scan (to the cell's
  // end, rejecting non-ASCII and quotes, keeping the short key) on purpose: shared as one method,
  // the load of 1M rows measured 5–8% slower (V8 stopped inlining it into its caller). A cell of
  // at most SHORT_KEY bytes is found by its short key (one probe of one table), a longer one by
  // its hash and bytes (`findBytes`).
  private personBytes(c: number, buf: Uint8Array, start: number, end: number, row: number): number {
    let lo = 0;
    let hi = 0;
    let p = start;
    for (; p < end; p++) {
      const d = buf[p];
      if (d === COMMA || d === LF || d === CR) break;
      if (d >= 0x80 || d === QUOTE) return -1;
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | d;
    }
    if (p === end) return -1;
    const persons = this.persons;
    let k = p - start <= SHORT_KEY ? persons.findShort(lo, shortKey(hi, p - start)) : persons.findBytes(buf, start, p, hashBytes(buf, start, p));
    if (k === -1) {
      const text = asciiText(buf, start, p);
      k = persons.add(text, hashBytes(buf, start, p), this.context.people === null || this.context.people.has(text) ? 1 : 0);
    }
    if (persons.flags[k] === 0) return -1; // unknown person: reported by the general path
    if (!(this.columnList[c] as StringColumn).writeCode(row, k)) return -1;
    this.texts[c] = persons.strings[k];
    this.ends[c] = p;
    return p;
  }

  private memberBytes(c: number, buf: Uint8Array, start: number, end: number, row: number): number {
    const members = this.memberTables[c];
    if (!members) return -1;
    let lo = 0;
    let hi = 0;
    let p = start;
    for (; p < end; p++) {
      const d = buf[p];
      if (d === COMMA || d === LF || d === CR) break;
      if (d >= 0x80 || d === QUOTE) return -1;
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | d;
    }
    if (p === end) return -1;
    const k = p - start <= SHORT_KEY ? members.findShort(lo, shortKey(hi, p - start)) : members.findBytes(buf, start, p, hashBytes(buf, start, p));
    if (k === -1 || !(this.columnList[c] as StringColumn).writeCode(row, k)) return -1;
    this.texts[c] = members.strings[k];
    this.ends[c] = p;
    return p;
  }

  /**
   * Free text: its end. While the column is numbered (`StringColumn`: one prefix, one width of
   * digits), a cell of that form is read as its number into `numbers[c]` (else -2 there).
   */
  private textBytes(c: number, buf: Uint8Array, start: number, end: number): number {
    const col = this.columnList[c] as StringColumn;
    if (!col.isPacked()) return -1;
    const prefix = col.numberPrefix;
    if (prefix !== null) {
      const n = prefix.length;
      const stop = start + n + col.digitWidth;
      if (stop < end) {
        let i = 0;
        while (i < n && buf[start + i] === prefix[i]) i++;
        if (i === n) {
          let v = 0;
          let p = start + n;
          for (; p < stop; p++) {
            const d = buf[p] - 48;
            if ((d >>> 0) > 9) break;
            v = v * 10 + d;
          }
          const after = buf[stop];
          if (p === stop && (after === COMMA || after === LF || after === CR)) {
            this.numbers[c] = v;
            this.ends[c] = stop;
            return stop;
          }
        }
      }
    }
    let p = start;
    for (; p < end; p++) {
      const d = buf[p];
      if (d === COMMA || d === LF || d === CR) break;
      if (d >= 0x80 || d === QUOTE) return -1;
    }
    if (p === end) return -1;
    this.numbers[c] = -2;
    this.ends[c] = p;
    return p;
  }

  /** `readInterned` from bytes. */
  private internedBytes(c: number, table: Interner, buf: Uint8Array, start: number, end: number, valid: (text: string) => boolean): number {
    let lo = 0;
    let hi = 0;
    let p = start;
    for (; p < end; p++) {
      const d = buf[p];
      if (d === COMMA || d === LF || d === CR) break;
      if (d >= 0x80 || d === QUOTE) return -1;
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | d;
    }
    if (p === end) return -1;
    this.ends[c] = p;
    const k = p - start <= SHORT_KEY ? table.findShort(lo, shortKey(hi, p - start)) : table.findBytes(buf, start, p, hashBytes(buf, start, p));
    if (k !== -1) {
      this.texts[c] = table.strings[k];
      return p;
    }
    const text = asciiText(buf, start, p);
    if (!valid(text)) return -1;
    table.add(text, hashBytes(buf, start, p), 1);
    this.texts[c] = text;
    return p;
  }

  /**
   * `readDecimal` from bytes, scanning to the cell's end: the integer digits, then those after a
   * dot, then a `%` in a percent column, each in a loop of its own (a digit is a byte 48–57).
   */
  private decimalBytes(c: number, buf: Uint8Array, start: number, end: number, row: number): number {
    const col = this.columnList[c] as ColumnData & { kind: "decimal" };
    if (col.exact) return -1;
    const kind = this.kinds[c] as CellKind & { kind: "decimal" };
    let i = start;
    const first = buf[i];
    const negative = first === 45; /* - */
    if (negative || first === 43 /* + */) i++;
    let int = 0;
    const from = i;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d >>> 0 > 9) break;
      int = int * 10 + d;
    }
    let digits = i - from;
    let fraction = 0;
    if (i < end && buf[i] === 46 /* . */) {
      const at = ++i;
      for (; i < end; i++) {
        const d = buf[i] - 48;
        if (d >>> 0 > 9) break;
        int = int * 10 + d;
      }
      fraction = i - at;
      digits += fraction;
      // A whole-number column takes a fraction of zeros only.
      if (kind.integer) for (let j = at; j < i; j++) if (buf[j] !== 48) return -1;
    }
    if (digits === 0) return -1;
    let scale = fraction;
    if (i < end && buf[i] === 37 /* % */ && kind.percent) {
      i++;
      scale += 2;
    }
    if (i >= end) return -1;
    const stop = buf[i];
    if (stop !== COMMA && stop !== LF && stop !== CR) return -1;
    const value = negative ? -int : int;
    if (!Number.isSafeInteger(value) || scale > col.scale) return -1;
    const scaled = value * POW10[col.scale - scale];
    if (!Number.isSafeInteger(scaled)) return -1;
    const ints = col.ints;
    if (ints instanceof Int32Array && !isInt32(scaled)) return -1; // widened by the general path
    ints[row] = scaled;
    this.ends[c] = i;
    return i;
  }

  /** One cell, `chunk[start, end)`, of declared column `c`; false when it is not plainly valid. */
  private readCell(c: number, chunk: string, start: number, end: number): boolean {
    this.starts[c] = start;
    this.ends[c] = end;
    if (start === end) {
      const col = this.columnList[c];
      if (this.optional[c] === 0 || (col.kind === "decimal" && col.exact)) return false;
      this.missing[c] = 1;
      return true;
    }
    this.missing[c] = 0;
    switch (this.fastKinds[c]) {
      case K_DECIMAL:
        return this.readDecimal(c, chunk, start, end);
      case K_DATE: {
        const day = dayOfChars(chunk, start, end);
        if (day !== day) return false;
        this.numbers[c] = day;
        return true;
      }
      case K_BOOL: {
        const length = end - start;
        if (length === 4 && chunk.startsWith("true", start)) this.bools[c] = true;
        else if (length === 5 && chunk.startsWith("false", start)) this.bools[c] = false;
        else return false;
        return true;
      }
      case K_PERSON: {
        const persons = this.persons;
        const h = hashRange(chunk, start, end);
        let k = persons.findRange(chunk, start, end, h);
        if (k === -1) {
          const text = cellText(chunk, start, end);
          k = persons.add(text, h, this.context.people === null || this.context.people.has(text) ? 1 : 0);
        }
        if (persons.flags[k] === 0) return false; // unknown person: reported by the general path
        this.codes[c] = k;
        this.texts[c] = persons.strings[k];
        return true;
      }
      case K_MEMBER: {
        const members = this.memberTables[c];
        if (!members) {
          this.texts[c] = cellText(chunk, start, end);
          return true;
        }
        const k = members.findRange(chunk, start, end, hashRange(chunk, start, end));
        if (k === -1) return false;
        this.codes[c] = k;
        this.texts[c] = members.strings[k];
        return true;
      }
      case K_PERIOD:
        return this.readInterned(c, this.periods, chunk, start, end, this.isPeriod);
      case K_CURRENCY:
        return this.readInterned(c, this.currencies, chunk, start, end, isCurrency);
      default:
        // Packed text is copied into the column: the substring need not be detached from the chunk.
        const col = this.columnList[c] as StringColumn;
        this.texts[c] = col.isPacked() ? chunk.slice(start, end) : cellText(chunk, start, end);
        return true;
    }
  }

  /** A cell of a small set of valid values (`valid` says which): interned while the table has room. */
  private readInterned(c: number, table: Interner, chunk: string, start: number, end: number, valid: (text: string) => boolean): boolean {
    const h = hashRange(chunk, start, end);
    const k = table.findRange(chunk, start, end, h);
    if (k !== -1) {
      this.texts[c] = table.strings[k];
      return true;
    }
    const text = cellText(chunk, start, end);
    if (!valid(text)) return false;
    table.add(text, h, 1);
    this.texts[c] = text;
    return true;
  }

  /** `[+-]digits[.digits]` (`…%` in percent columns) as an integer at the column's scale. */
  private readDecimal(c: number, chunk: string, start: number, end: number): boolean {
    const col = this.columnList[c] as ColumnData & { kind: "decimal" };
    if (col.exact) return false;
    const kind = this.kinds[c] as CellKind & { kind: "decimal" };
    const scan = CELL_SCAN;
    if (!scanDecimal(chunk, start, end, kind.percent, scan) || scan.digits === 0 || (kind.integer && scan.fraction > scan.trailingZeros)) return false;
    const value = scan.negative ? -scan.int : scan.int;
    const scale = scan.fraction + (scan.percent ? 2 : 0);
    if (!Number.isSafeInteger(value) || scale > col.scale) return false;
    const scaled = value * POW10[col.scale - scale];
    if (!Number.isSafeInteger(scaled)) return false;
    this.numbers[c] = scaled;
    return true;
  }

  /** `emptyByteCell`: the empty cell of an optional column: a column written by the reader gets its missing value at `row`; false: the line goes to the text path. */
  private writeMissing(c: number, row: number): boolean {
    const col = this.columnList[c];
    switch (col.kind) {
      case "decimal":
        // An Int32Array cannot hold NaN: the general path widens the column (and exact columns keep Decimals).
        if (col.exact || col.ints instanceof Int32Array) return false;
        col.ints[row] = NaN;
        return true;
      case "date":
        col.days[row] = NaN;
        return true;
      case "string":
        return this.codedCell[c] === 0 || col.writeCode(row, -1);
      default:
        return true;
    }
  }

  /**
   * Stores the line `readBytes` read as row `row` (the next): decimals, dates and codes are in
   * their columns already (`readBytes`), so only the coded columns' lengths and the other
   * kinds (free text from `buf`, periods, currencies, booleans) are stored here.
   */
  private commitBytes(line: number, buf: Uint8Array, row: number): void {
    const columns = this.columnList;
    const missing = this.missing;
    const codedColumns = this.storage.coded;
    for (let i = 0; i < codedColumns.length; i++) (columns[codedColumns[i]] as StringColumn).wroteCode(row);
    const textColumns = this.storage.text;
    for (let i = 0; i < textColumns.length; i++) {
      const c = textColumns[i];
      const col = columns[c] as StringColumn;
      if (missing[c] === 1) col.push(null);
      else if (this.fastKinds[c] !== K_TEXT) col.push(this.texts[c]);
      else if (this.numbers[c] >= 0) col.pushNumbered(this.numbers[c]);
      else col.pushBytes(buf, this.starts[c], this.ends[c]);
    }
    this.finishRow(line, row);
  }

  /** The end of `commit` and `commitBytes`: the booleans, the row's line, the row count and its key. */
  private finishRow(line: number, row: number): void {
    const columns = this.columnList;
    const missing = this.missing;
    const boolColumns = this.storage.bool;
    for (let i = 0; i < boolColumns.length; i++) {
      const c = boolColumns[i];
      (columns[c] as ColumnData & { kind: "bool" }).values.push(missing[c] === 1 ? null : this.bools[c]);
    }
    this.data.lines.push(line);
    this.data.rowCount = row + 1;
    if (this.keyIndex) this.keyIndex.add(row);
    else if (this.keyColumns.length > 0) this.keySeen.add(this.pendingKey);
  }

  /** Stores the cells read by `readLine` as the next row. */
  private commit(line: number): void {
    const row = this.data.rowCount;
    if (row === this.capacity) this.reserve(grown(row));
    const columns = this.columnList;
    const missing = this.missing;
    const numbers = this.numbers;
    // One loop per kind of storage, so each reads one shape of column.
    const decimalColumns = this.storage.decimal;
    for (let i = 0; i < decimalColumns.length; i++) {
      const c = decimalColumns[i];
      const col = columns[c] as ColumnData & { kind: "decimal" };
      const v = missing[c] === 1 ? NaN : numbers[c];
      if (col.ints instanceof Int32Array && !isInt32(v)) widenInts(col);
      col.ints[row] = v;
    }
    const dateColumns = this.storage.date;
    for (let i = 0; i < dateColumns.length; i++) {
      const c = dateColumns[i];
      storeDay(columns[c] as ColumnData & { kind: "date" }, row, missing[c] === 1 ? NaN : numbers[c]);
    }
    const codedColumns = this.storage.coded;
    for (let i = 0; i < codedColumns.length; i++) {
      const c = codedColumns[i];
      (columns[c] as StringColumn).pushCode(missing[c] === 1 ? -1 : this.codes[c]);
    }
    const textColumns = this.storage.text;
    for (let i = 0; i < textColumns.length; i++) {
      const c = textColumns[i];
      const col = columns[c] as StringColumn;
      col.push(missing[c] === 1 ? null : this.texts[c]);
    }
    this.finishRow(line, row);
  }

  // --- the general path ------------------------------------------------------------------------

  private parseCell(kind: CellKind, text: string, column: number): unknown {
    switch (kind.kind) {
      case "decimal":
        return parseDecimalCell(kind, text, this.decimals[column]);
      case "date": {
        let day = this.dates.get(text);
        if (day === undefined) {
          day = parseDate(text);
          if (this.dates.size < 100_000) this.dates.set(text, day);
        }
        return day === null ? problem("R0022", `'${text}' is not a date YYYY-MM-DD`) : day;
      }
      case "period":
        return this.calendar.parse(text) ? detach(text) : problem("R0023", `'${text}' is not a period (${this.calendar.examples})`);
      case "bool":
        return text === "true" ? true : text === "false" ? false : problem("R0027", `'${text}' is not true or false`);
      case "currency":
        return CURRENCY_CELL.test(text) ? detach(text) : problem("R0028", `'${text}' is not a currency code`);
      case "person": {
        const h = hashString(text);
        const known = this.persons.find(text, h);
        if (known !== -1) return this.persons.strings[known];
        const stored = detach(text);
        this.persons.add(stored, h, this.context.people === null || this.context.people.has(text) ? 1 : 0);
        return stored;
      }
      case "member": {
        const members = this.members.get(kind.dimension);
        if (!members) return detach(text);
        return members.get(text) ?? problem("R0024", `'${text}' is not a member of ${kind.dimension}`);
      }
      case "text":
        return detach(text);
    }
  }

  /** Stores a row of parsed cells; its row number. */
  private store(values: unknown[], line: number): number {
    const row = this.data.rowCount;
    if (row === this.capacity) this.reserve(grown(row));
    const columns = this.columnList;
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      const v = values[i];
      switch (col.kind) {
        case "decimal":
          storeDecimal(col, row, v as ParsedDecimal | null);
          break;
        case "date":
          storeDay(col, row, v === null ? NaN : (v as number));
          break;
        case "string":
          col.push(v as string | null);
          break;
        case "bool":
          col.values.push(v as boolean | null);
          break;
      }
    }
    this.data.lines.push(line);
    this.data.rowCount = row + 1;
    return row;
  }

  /**
   * The input is expected to hold about `rows` records (estimated from its size): the columns make
   * room for them at once instead of growing by copies (what is not used is cut by `finish`).
   */
  expectRows(rows: number): void {
    if (rows <= this.capacity || this.data.unusable) return;
    this.reserve(rows);
    for (const col of this.columnList) if (col.kind === "string") col.reserve(rows);
  }

  /** Records read so far (accepted or not). */
  get recordsRead(): number {
    return this.data.rowsRead;
  }

  /** Grows the typed-array columns to room for `rows` rows. */
  private reserve(rows: number): void {
    const grow = <T extends Float64Array | Float32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(rows);
      b.set(a.subarray(0, this.data.rowCount));
      return b;
    };
    for (const col of this.columnList) {
      if (col.kind === "decimal" && !col.exact) col.ints = col.ints instanceof Int32Array ? grow(col.ints, (n) => new Int32Array(n)) : grow(col.ints, (n) => new Float64Array(n));
      else if (col.kind === "date") col.days = col.days instanceof Float32Array ? grow(col.days, (n) => new Float32Array(n)) : grow(col.days, (n) => new Float64Array(n));
      else if (col.kind === "string") col.reserve(rows); // the codes `readBytes` writes at the row being read
    }
    this.capacity = rows;
  }

  private report(code: string, message: string, row: number | null, column: string | null, help?: string): void {
    this.diagnostics.push({ code, severity: "error", message: detach(message), file: this.file, row, column, ...(help ? { help } : {}) });
  }
}

/**
 * Stores a day number (NaN: missing). A Float32Array holds integer days within ±2^24 exactly: a
 * value it would round (read back different) switches the column to a Float64Array, rows so far kept.
 */
export function storeDay(col: ColumnData & { kind: "date" }, row: number, day: number): void {
  const days = col.days;
  days[row] = day;
  if (days[row] !== day && day === day) {
    const wide = Float64Array.from(days);
    wide[row] = day;
    col.days = wide;
  }
}

/** The next capacity of the typed-array columns: doubling, then by half once large (less to spare). */
function grown(rows: number): number {
  return rows < 1 << 20 ? rows * 2 : rows + (rows >> 1);
}

function fastKind(kind: CellKind): number {
  switch (kind.kind) {
    case "decimal":
      return K_DECIMAL;
    case "date":
      return K_DATE;
    case "period":
      return K_PERIOD;
    case "bool":
      return K_BOOL;
    case "currency":
      return K_CURRENCY;
    case "person":
      return K_PERSON;
    case "member":
      return K_MEMBER;
    case "text":
      return K_TEXT;
  }
}

/** The end of a field that is not read (its comma or line end), or -1 when it has a quote or no end in the region. */
function skipField(buf: Uint8Array, start: number, end: number): number {
  for (let p = start; p < end; p++) {
    const d = buf[p];
    if (d === COMMA || d === LF || d === CR) return p;
    if (d === QUOTE) return -1;
  }
  return -1;
}

/** Days of dates read by `dayOfBytes` (a file has few distinct dates): slot by the date's digits as a number. */
const DAY_KEYS = new Int32Array(4096).fill(-1);
const DAY_VALUES = new Float64Array(4096);

/** `dayOfChars` of the 10 bytes at `buf[start]` (the same day, or NaN for the same texts). */
export function dayOfBytes(buf: Uint8Array, start: number): number {
  if (buf[start + 4] !== 45 || buf[start + 7] !== 45) return NaN;
  const y0 = buf[start] - 48;
  const y1 = buf[start + 1] - 48;
  const y2 = buf[start + 2] - 48;
  const y3 = buf[start + 3] - 48;
  const m0 = buf[start + 5] - 48;
  const m1 = buf[start + 6] - 48;
  const d0 = buf[start + 8] - 48;
  const d1 = buf[start + 9] - 48;
  // Every byte a digit: each value in 0..9 (as unsigned, anything else is above 9).
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  const key = y * 10000 + m * 100 + d;
  const slot = (key ^ (key >>> 12)) & 4095;
  if (DAY_KEYS[slot] === key) return DAY_VALUES[slot];
  if (y < 100 || m < 1 || m > 12 || d < 1) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const day = era * 146097 + doe - 719468;
  DAY_KEYS[slot] = key;
  DAY_VALUES[slot] = day;
  return day;
}

/**
 * A copy of `text` that shares no memory with the chunk it was cut from. V8 keeps a substring of 13
 * characters or more as a view of its whole source string (and a message built around it as a
 * rope over it), so one stored id or one diagnostic per 64 KiB slice would keep the whole file in
 * memory; a JSON round trip gives an exact flat copy (shorter substrings are copies already).
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The text of a cell that is stored. */
function cellText(chunk: string, start: number, end: number): string {
  return detach(chunk.slice(start, end));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The day number of `YYYY-MM-DD` in `text[start, end)`, read from char codes; NaN when it is not
 * plainly a date of the years 100–9999 (`parseDate` decides those, and reports what is no date).
 */
export function dayOfChars(text: string, start: number, end: number): number {
  if (end - start !== 10 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return NaN;
  const y = digits(text, start, 4);
  const m = digits(text, start + 5, 2);
  const d = digits(text, start + 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1) return NaN; // y < 0: not digits
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return NaN;
  // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The number written by `count` digits at `text[at]`, or -1. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function problem(code: string, message: string): CellProblem {
  return { code, message };
}

function isProblem(v: unknown): v is CellProblem {
  return typeof v === "object" && v !== null && "code" in v;
}

/** A decimal cell as a scaled integer: `-12.50` → { int: -1250, scale: 2 } (NaN when unsafe). */
interface ParsedDecimal {
  int: number;
  scale: number;
  /** The cell as written (with `%` for a percent), for the exact fallback. */
  raw: string;
  percent: boolean;
}

/**
 * Scans `[+-]digits[.digits]` (or `.digits`), and `…%` in percent columns, without regular
 * expressions or intermediate strings: the loader calls it for every numeric cell.
 */
const CELL_SCAN: DecimalScan = { negative: false, int: 0, digits: 0, fraction: 0, trailingZeros: 0, percent: false };

function parseDecimalCell(kind: CellKind & { kind: "decimal" }, text: string, out: ParsedDecimal): ParsedDecimal | CellProblem {
  const scan = CELL_SCAN;
  if (!scanDecimal(text, 0, text.length, kind.percent, scan) || scan.digits === 0) return problem("R0021", `'${text}' is not a plain decimal number`);
  if (kind.integer && scan.fraction > scan.trailingZeros) return problem("R0021", `'${text}' is not a whole number`);
  const value = scan.negative ? -scan.int : scan.int;
  out.int = Number.isSafeInteger(value) ? value : NaN;
  out.scale = scan.fraction + (scan.percent ? 2 : 0);
  out.raw = text;
  out.percent = scan.percent;
  return out;
}


/** The exact Decimal of a parsed cell (for columns that leave the safe-integer range). */
function exactOf(v: ParsedDecimal): Dec {
  return v.percent ? new Dec(v.raw.slice(0, -1)).div(100) : new Dec(v.raw);
}

function storeDecimal(col: ColumnData & { kind: "decimal" }, row: number, v: ParsedDecimal | null): void {
  if (col.exact) {
    col.exact.push(v === null ? null : exactOf(v));
    return;
  }
  if (v === null) {
    if (col.ints instanceof Int32Array) widenInts(col);
    col.ints[row] = NaN;
    return;
  }
  if (v.scale > col.scale && v.scale <= MAX_SCALE) {
    // Rescale the column only when every value stays exact; otherwise keep Decimals from now on.
    const factor = POW10[v.scale - col.scale];
    for (let i = 0; i < row; i++) {
      const x = col.ints[i] * factor;
      if (x === x && !Number.isSafeInteger(x)) return switchToExact(col, row, v);
    }
    if (col.ints instanceof Int32Array) {
      for (let i = 0; i < row; i++) {
        if (!isInt32(col.ints[i] * factor)) {
          widenInts(col);
          break;
        }
      }
    }
    for (let i = 0; i < row; i++) col.ints[i] *= factor;
    col.scale = v.scale;
  }
  const scaled = v.scale <= col.scale ? v.int * POW10[col.scale - v.scale] : NaN;
  if (!Number.isSafeInteger(scaled)) return switchToExact(col, row, v);
  if (col.ints instanceof Int32Array && !isInt32(scaled)) widenInts(col);
  col.ints[row] = scaled;
}

/** An int32 other than -0 (an Int32Array holds it exactly; NaN and -0 it does not). */
function isInt32(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

/** A decimal column's first cell an Int32Array cannot hold: the column goes on in a Float64Array, room and rows kept. */
function widenInts(col: ColumnData & { kind: "decimal" }): void {
  col.ints = Float64Array.from(col.ints);
}

/** Values too large or too precise for safe integers: keep the column as Decimal objects. */
function switchToExact(col: ColumnData & { kind: "decimal" }, row: number, v: ParsedDecimal): void {
  const exact: (Dec | null)[] = [];
  for (let i = 0; i < row; i++) {
    const x = col.ints[i];
    exact.push(x !== x ? null : new Dec(x).div(POW10[col.scale]));
  }
  exact.push(exactOf(v));
  col.exact = exact;
  col.ints = new Float64Array(0);
}


/** Chunks are parsed in slices of this many characters (and files read in slices of as many bytes). */
export const SLICE = 1 << 16;

/**
 * Feeds CSV input, chunk by chunk, to a `TableBuilder`: a UTF-8 file's bytes (`pushBytes`), or
 * text (`push`, read as its UTF-8 bytes). The first text is checked for binary content: both
 * return false once the input is rejected, so a reader can stop reading.
 */
export class CsvTableLoader {
  private readonly builder: TableBuilder;
  private byteParser: CsvByteParser | null = null;
  /** `push`: text encoded into one reused buffer, a slice at a time; a chunk's last high surrogate waits for the next chunk. */
  private encoder: InstanceType<typeof TextEncoder> | null = null;
  private encoded: Uint8Array | null = null;
  private pendingSurrogate = "";
  /** The input's size in bytes, when known (`expectBytes`), and the bytes fed so far. */
  private expectedBytes = 0;
  private bytesFed = 0;
  /** Decodes the bytes until the first text, which is checked for binary content as `push` checks its first chunk. */
  private firstText: InstanceType<typeof TextDecoder> | null = null;
  private first = true;
  private rejected = false;

  private readonly columns: number;

  constructor(table: TableIR, fileName: string, context: LoadContext) {
    this.builder = new TableBuilder(table, fileName, context);
    this.columns = Math.max(1, table.columns.length);
  }

  /**
   * Feeds text: read as its UTF-8 bytes (`pushBytes`, the same records, lines and diagnostics as
   * the text itself), in slices of `SLICE` characters that never end between the two halves of a
   * surrogate pair.
   */
  push(chunk: string): boolean {
    const text = this.pendingSurrogate === "" ? chunk : this.pendingSurrogate + chunk;
    this.pendingSurrogate = "";
    let stop = text.length;
    if (isHighSurrogate(text.charCodeAt(stop - 1))) {
      this.pendingSurrogate = text[stop - 1];
      stop--;
    }
    this.encoder ??= new TextEncoder();
    this.encoded ??= new Uint8Array(3 * SLICE);
    for (let at = 0; at < stop; ) {
      let end = Math.min(stop, at + SLICE);
      if (end < stop && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      const { written } = this.encoder.encodeInto(at === 0 && end === text.length ? text : text.slice(at, end), this.encoded);
      if (!this.pushBytes(this.encoded.subarray(0, written))) return false;
      at = end;
    }
    return true;
  }

  /**
   * Feeds a slice of a UTF-8 file's bytes (the caller may reuse `bytes` once this returns). Read in
   * place by `CsvByteParser`: the same records, lines and diagnostics as `push` of the decoded text.
   */
  pushBytes(bytes: Uint8Array): boolean {
    if (this.rejected) return false;
    if (this.first) {
      this.firstText ??= new TextDecoder("utf-8", { ignoreBOM: true });
      if (!this.checkFirst(this.firstText.decode(bytes, { stream: true }))) return false;
    }
    this.byteParser ??= new CsvByteParser();
    this.byteParser.feed(bytes, this.builder);
    if (this.expectedBytes > 0 && this.bytesFed === 0) {
      // After the first slice: the rows to expect, from its records per byte (+5%). At most one
      // row per 4 bytes a column, so what is reserved stays within about the file's size even
      // when the first lines are much shorter than the rest (the columns then grow as before).
      const records = this.builder.recordsRead;
      if (records >= 64 && bytes.length < this.expectedBytes) {
        const estimate = Math.ceil(((records * this.expectedBytes) / bytes.length) * 1.05);
        this.builder.expectRows(Math.min(estimate, Math.floor(this.expectedBytes / (4 * this.columns))));
      }
    }
    this.bytesFed += bytes.length;
    return true;
  }

  /** The size of the input in bytes (a file's size): the columns are sized once from the first slice's records per byte. */
  expectBytes(size: number): void {
    this.expectedBytes = size;
  }

  private checkFirst(text: string): boolean {
    if (text.length === 0) return true;
    this.first = false;
    this.firstText = null;
    if (looksBinary(text)) {
      this.builder.rejectBinary();
      this.rejected = true;
      return false;
    }
    return true;
  }

  /** Ends the input (its last record) and gives the table. */
  end(): { table: TableData; diagnostics: DataDiagnostic[] } {
    if (this.pendingSurrogate !== "" && !this.rejected) this.pushBytes(new TextEncoder().encode(this.pendingSurrogate));
    this.pendingSurrogate = "";
    if (this.firstText !== null && this.first && !this.rejected) this.checkFirst(this.firstText.decode());
    if (!this.rejected) {
      // No input at all: the builder ends as an empty file does.
      (this.byteParser ??= new CsvByteParser()).finish(this.builder);
    }
    return this.builder.finish();
  }

  /** The table as loaded so far, without the record in progress (the input could not be read to its end). */
  abort(): { table: TableData; diagnostics: DataDiagnostic[] } {
    return this.builder.finish();
  }
}

/**
 * Loads one input table from CSV text or chunks. Pure: the caller reads the file.
 * Bad rows are quarantined (not stored) and each problem is a diagnostic with file, row and column.
 */
export function loadTable(
  table: TableIR,
  csv: string | Iterable<string>,
  fileName: string,
  context: LoadContext = { dimensions: [], people: null },
): { table: TableData; diagnostics: DataDiagnostic[] } {
  const loader = new CsvTableLoader(table, fileName, context);
  for (const chunk of typeof csv === "string" ? [csv] : csv) if (!loader.push(chunk)) break;
  return loader.end();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Loads a table from rows given as cell texts by column name (tests' `given` rows). */
export function loadTableFromCells(
  table: TableIR,
  rows: Record<string, string>[],
  fileName: string,
  context: LoadContext,
): { table: TableData; diagnostics: DataDiagnostic[] } {
  const builder = new TableBuilder(table, fileName, context);
  const names = table.columns.map((c: ColumnIR) => c.name);
  builder.addRecord({ fields: names, line: 1, error: null });
  rows.forEach((row, i) => {
    const cells = new Map(Object.entries(row));
    builder.addRecord({ fields: names.map((n) => cells.get(n) ?? ""), line: i + 2, error: null });
  });
  return builder.finish();
}
