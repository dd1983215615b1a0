import type { ColumnIR, DimensionIR, TableIR } from "@carrot/ir";
import { Dec } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { parseDate, parsePeriod } from "../periods.js";
import { CsvParser, looksBinary, type CsvRecord } from "./csv.js";

/**
 * Column storage. Tables are stored by column so that the per-transaction loops of the evaluator
 * read flat arrays: decimals as scaled integers (`ints[i] / 10^scale`, exact as long as they stay
 * safe integers, else the column switches to Decimal objects), dates as day numbers, the rest as
 * strings or booleans. Missing cells are NaN / null.
 */
export type ColumnData =
  | { kind: "decimal"; name: string; scale: number; ints: number[]; exact: (Dec | null)[] | null }
  | { kind: "date"; name: string; days: number[] }
  | { kind: "string"; name: string; values: (string | null)[] }
  | { kind: "bool"; name: string; values: (boolean | null)[] };

export interface TableData {
  name: string;
  file: string;
  role: "input" | "people";
  ir: TableIR;
  /** Accepted rows. */
  rowCount: number;
  /** Line number in the file of each accepted row. */
  lines: number[];
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

/** Incrementally builds a table from CSV records, validating every cell. */
export class TableBuilder {
  readonly diagnostics: DataDiagnostic[] = [];
  private readonly data: TableData;
  private header: string[] | null = null;
  /** For each declared column, its position in the file's header. */
  private positions: number[] = [];
  private readonly kinds: CellKind[];
  private readonly keySeen = new Set<string>();
  private readonly keyColumns: number[];
  /** dimension → member name → the one shared string of that name (cells are interned). */
  private readonly members: Map<string, Map<string, string>>;
  /** Person ids seen in this file, interned: a million rows naming 5,000 people hold 5,000 strings. */
  private readonly persons = new Map<string, string>();
  /** The declared columns' storage, in declared order. */
  private readonly columnList: ColumnData[];
  private readonly scratch: unknown[];
  private readonly decimals: ParsedDecimal[];
  /** Dates repeat across rows: each distinct text is parsed once. */
  private readonly dates = new Map<string, number | null>();

  constructor(
    private readonly table: TableIR,
    private readonly file: string,
    private readonly context: LoadContext,
  ) {
    this.kinds = table.columns.map((c) => cellKind(c.type));
    this.keyColumns = table.columns.flatMap((c, i) => (c.key ? [i] : []));
    this.members = new Map(context.dimensions.map((d) => [d.name, new Map(d.members.map((m) => [m.name, m.name]))]));
    const columns = new Map<string, ColumnData>();
    table.columns.forEach((c, i) => columns.set(c.name, emptyColumn(c.name, this.kinds[i])));
    this.columnList = table.columns.map((c) => columns.get(c.name)!);
    this.scratch = new Array(table.columns.length).fill(null);
    this.decimals = table.columns.map(() => ({ int: 0, scale: 0, raw: "", percent: false }));
    this.data = {
      name: table.name,
      file,
      role: table.role,
      ir: table,
      rowCount: 0,
      lines: [],
      columns,
      rowsRead: 0,
      quarantined: [],
      unusable: false,
    };
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
      const key = this.keyColumns.length === 1 ? fields[this.positions[this.keyColumns[0]]] : this.keyColumns.map((c) => fields[this.positions[c]]).join("\u0001");
      if (this.keySeen.has(key)) {
        const cols = this.keyColumns.map((c) => this.table.columns[c].name);
        this.report("R0026", `duplicate key ${this.keyColumns.map((c) => fields[this.positions[c]]).join(", ")} in input '${this.table.name}'`, record.line, cols.join(","));
        ok = false;
      } else this.keySeen.add(key);
    }
    if (!ok) {
      this.data.quarantined.push(record.line);
      return;
    }
    this.store(parsed, record.line);
  }

  finish(): { table: TableData; diagnostics: DataDiagnostic[] } {
    if (this.header === null) {
      this.report("R0012", `the file is empty: no header row for input '${this.table.name}'`, null, null);
      this.data.unusable = true;
    }
    return { table: this.data, diagnostics: this.diagnostics };
  }

  /** Marks the whole input as not a CSV (binary content). */
  rejectBinary(): void {
    this.report("R0013", "the file is not a UTF-8 CSV file (binary content)", null, null);
    this.data.unusable = true;
    this.header = [];
  }

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
        return parsePeriod(text) ? text : problem("R0023", `'${text}' is not a period (2026-Q1, 2026-03, 2026-H1, 2026-Y)`);
      case "bool":
        return text === "true" ? true : text === "false" ? false : problem("R0027", `'${text}' is not true or false`);
      case "currency":
        return CURRENCY_CELL.test(text) ? text : problem("R0028", `'${text}' is not a currency code`);
      case "person": {
        const known = this.persons.get(text);
        if (known !== undefined) return known;
        this.persons.set(text, text);
        return text;
      }
      case "member": {
        const members = this.members.get(kind.dimension);
        if (!members) return text;
        return members.get(text) ?? problem("R0024", `'${text}' is not a member of ${kind.dimension}`);
      }
      case "text":
        return text;
    }
  }

  private store(values: unknown[], line: number): void {
    const row = this.data.rowCount++;
    this.data.lines.push(line);
    const columns = this.columnList;
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      const v = values[i];
      switch (col.kind) {
        case "decimal":
          pushDecimal(col, row, v as ParsedDecimal | null);
          break;
        case "date":
          col.days.push(v === null ? NaN : (v as number));
          break;
        case "string":
          col.values.push(v as string | null);
          break;
        case "bool":
          col.values.push(v as boolean | null);
          break;
      }
    }
  }

  private report(code: string, message: string, row: number | null, column: string | null, help?: string): void {
    this.diagnostics.push({ code, severity: "error", message, file: this.file, row, column, ...(help ? { help } : {}) });
  }
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
function parseDecimalCell(kind: CellKind & { kind: "decimal" }, text: string, out: ParsedDecimal): ParsedDecimal | CellProblem {
  let end = text.length;
  let percent = false;
  if (kind.percent && end > 0 && text.charCodeAt(end - 1) === 37 /* % */) {
    percent = true;
    end--;
  }
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i = 1;
  }
  let int = 0;
  let digits = 0;
  let fraction = 0;
  let trailingZeros = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      if (dot) {
        fraction++;
        trailingZeros = c === 48 ? trailingZeros + 1 : 0;
      }
    } else if (c === 46 /* . */ && !dot) dot = true;
    else return problem("R0021", `'${text}' is not a plain decimal number`);
  }
  if (digits === 0) return problem("R0021", `'${text}' is not a plain decimal number`);
  if (kind.integer && fraction > trailingZeros) return problem("R0021", `'${text}' is not a whole number`);
  const value = negative ? -int : int;
  out.int = Number.isSafeInteger(value) ? value : NaN;
  out.scale = fraction + (percent ? 2 : 0);
  out.raw = text;
  out.percent = percent;
  return out;
}

/** The exact Decimal of a parsed cell (for columns that leave the safe-integer range). */
function exactOf(v: ParsedDecimal): Dec {
  return v.percent ? new Dec(v.raw.slice(0, -1)).div(100) : new Dec(v.raw);
}

function pushDecimal(col: ColumnData & { kind: "decimal" }, row: number, v: ParsedDecimal | null): void {
  if (col.exact) {
    col.exact.push(v === null ? null : exactOf(v));
    return;
  }
  if (v === null) {
    col.ints.push(NaN);
    return;
  }
  if (v.scale > col.scale && v.scale <= MAX_SCALE) {
    // Rescale the column only when every value stays exact; otherwise keep Decimals from now on.
    const factor = POW10[v.scale - col.scale];
    for (let i = 0; i < col.ints.length; i++) {
      const x = col.ints[i] * factor;
      if (x === x && !Number.isSafeInteger(x)) return switchToExact(col, row, v);
    }
    for (let i = 0; i < col.ints.length; i++) col.ints[i] *= factor;
    col.scale = v.scale;
  }
  const scaled = v.scale <= col.scale ? v.int * POW10[col.scale - v.scale] : NaN;
  if (!Number.isSafeInteger(scaled)) return switchToExact(col, row, v);
  col.ints.push(scaled);
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
  col.ints = [];
}

function emptyColumn(name: string, kind: CellKind): ColumnData {
  switch (kind.kind) {
    case "decimal":
      return { kind: "decimal", name, scale: 0, ints: [], exact: null };
    case "date":
      return { kind: "date", name, days: [] };
    case "bool":
      return { kind: "bool", name, values: [] };
    default:
      return { kind: "string", name, values: [] };
  }
}

const SLICE = 1 << 16;

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
  const builder = new TableBuilder(table, fileName, context);
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  let first = true;
  for (const chunk of typeof csv === "string" ? [csv] : csv) {
    if (first && chunk.length > 0) {
      first = false;
      if (looksBinary(chunk)) {
        builder.rejectBinary();
        return builder.finish();
      }
    }
    // Parsed in slices: the records of one slice are stored before the next is parsed, so they die
    // young instead of a whole chunk's records surviving a scavenge (most of the load's GC time).
    for (let at = 0; at < chunk.length; at += SLICE) {
      parser.push(chunk.length <= SLICE ? chunk : chunk.slice(at, at + SLICE), out);
      for (const r of out) builder.addRecord(r);
      out.length = 0;
    }
  }
  parser.end(out);
  for (const r of out) builder.addRecord(r);
  return builder.finish();
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
