import { calendarOf, type PlanIR, type TableIR } from "@carrot/ir";
import type { DataDiagnostic } from "../diagnostics.js";
import { loadTable, loadTableFromCells, type LoadContext, type TableData } from "./table.js";
import { checkEmployment, validateDataset } from "./validate.js";

/** The data of a run: one loaded table per input table of the plan, and what loading reported. */
export interface Dataset {
  tables: Map<string, TableData>;
  diagnostics: DataDiagnostic[];
}

/** `people` first: other tables' person cells are checked against its ids. */
export function tablesInLoadOrder(tables: TableIR[]): TableIR[] {
  return [...tables].sort((a, b) => (a.role === b.role ? cmp(a.name, b.name) : a.role === "people" ? -1 : 1));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function peopleIds(table: TableData): Set<string> {
  const ids = table.columns.get("id");
  const out = new Set<string>();
  if (ids && ids.kind === "string") {
    const read = ids.reader();
    for (let r = 0; r < ids.length; r++) {
      const id = read(r);
      if (id !== null) out.add(id);
    }
  }
  return out;
}

/**
 * After the people table is loaded: a manager who is not a person is reported, and cleared so the
 * person is still paid (dropping the row would lose the person's whole pay for a reporting-line typo).
 */
export function checkManagers(people: TableData): DataDiagnostic[] {
  const ids = peopleIds(people);
  const out: DataDiagnostic[] = [];
  for (const column of people.ir.columns) {
    if (column.type !== "person" || column.name === "id") continue;
    const col = people.columns.get(column.name);
    if (!col || col.kind !== "string") continue;
    col.values.forEach((v, row) => {
      if (v !== null && !ids.has(v)) {
        out.push({
          code: "R0025",
          severity: "error",
          message: `unknown person '${v}' in column '${column.name}' (the cell is ignored)`,
          file: people.file,
          row: people.lines.lineOf(row),
          column: column.name,
          help: "Add the person to the people file or correct the id.",
        });
        col.values[row] = null;
      }
    });
  }
  return out;
}

function emptyTable(table: TableIR, file: string, context: LoadContext): TableData {
  return loadTableFromCells(table, [], file, context).table;
}

/**
 * Builds a Dataset from CSV texts (or chunk sequences) keyed by file name (`sales.csv`) or table
 * name. A declared table without a file is reported (R0002) and evaluated as empty; a file that
 * matches no table is reported (R0003).
 */
export function loadDataset(
  ir: PlanIR,
  files: Map<string, string | Iterable<string>> | Record<string, string>,
): Dataset {
  const inputs = files instanceof Map ? files : new Map(Object.entries(files));
  const byTable = new Map<string, [string, string | Iterable<string>]>();
  for (const [name, content] of inputs) byTable.set(name.replace(/\.csv$/i, ""), [name.endsWith(".csv") ? name : `${name}.csv`, content]);
  const builder = new DatasetBuilder(ir);
  for (const table of tablesInLoadOrder(ir.plan.tables)) {
    const input = byTable.get(table.name);
    byTable.delete(table.name);
    if (!input) builder.missing(table);
    else builder.add(table, (ctx) => loadTable(table, input[1], input[0], ctx));
  }
  for (const [, [file]] of byTable) builder.unused(file);
  return builder.finish();
}

/** Assembles a Dataset table by table (people first), for synchronous and streaming loaders. */
export class DatasetBuilder {
  private readonly tables = new Map<string, TableData>();
  private readonly diagnostics: DataDiagnostic[] = [];
  private people: Set<string> | null = null;

  constructor(private readonly ir: PlanIR) {}

  context(): LoadContext {
    return { dimensions: this.ir.plan.dimensions, people: this.people, calendar: calendarOf(this.ir.plan) };
  }

  add(table: TableIR, load: (ctx: LoadContext) => { table: TableData; diagnostics: DataDiagnostic[] }): void {
    const { table: data, diagnostics } = load(this.context());
    this.diagnostics.push(...diagnostics);
    this.accept(table, data);
  }

  accept(table: TableIR, data: TableData): void {
    if (table.role === "people") {
      this.diagnostics.push(...checkEmployment(data), ...checkManagers(data));
      this.people = peopleIds(data);
    }
    this.tables.set(table.name, data);
  }

  missing(table: TableIR): void {
    const file = `${table.name}.csv`;
    this.diagnostics.push({
      code: "R0002",
      severity: "error",
      message: `no data file for input '${table.name}': it is evaluated as an empty table`,
      file,
      row: null,
      column: null,
      help: `Add ${file} to the data (a header row is enough for an empty table).`,
    });
    this.accept(table, emptyTable(table, file, this.context()));
  }

  unused(file: string): void {
    this.diagnostics.push({
      code: "R0003",
      severity: "warning",
      message: `data file '${file}' matches no input table of the plan and is ignored`,
      file,
      row: null,
      column: null,
    });
  }

  finish(): Dataset {
    this.diagnostics.push(...validateDataset(this.ir, this.tables));
    return { tables: this.tables, diagnostics: this.diagnostics };
  }
}

/** A Dataset from rows given as cell texts (tests' `given` rows; tables not given are empty). */
export function datasetFromCells(ir: PlanIR, rows: Map<string, Record<string, string>[]>): Dataset {
  const builder = new DatasetBuilder(ir);
  for (const table of tablesInLoadOrder(ir.plan.tables)) {
    builder.add(table, (ctx) => loadTableFromCells(table, rows.get(table.name) ?? [], `${table.name}.csv`, ctx));
  }
  return builder.finish();
}
