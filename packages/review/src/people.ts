import type { PlanIR, TableIR } from "@carrot/ir";
import type { PersonInfo } from "./result-view.js";

/** The parts of the runtime's loaded Dataset the review reads (structural, so tests can build one). */
export interface DatasetView {
  tables: Map<
    string,
    {
      role: "input" | "people";
      ir: TableIR;
      rowCount: number;
      columns: Map<string, { kind: string; values?: (string | boolean | null)[]; days?: ArrayLike<number> }>;
    }
  >;
}

/**
 * The column that groups people by region: a people column named `region`, else the first
 * dimension-typed column of the people table, else none.
 */
export function regionColumn(ir: PlanIR): string | null {
  const people = ir.plan.tables.find((t) => t.role === "people");
  if (!people) return null;
  if (people.columns.some((c) => c.name === "region")) return "region";
  return people.columns.find((c) => c.type.startsWith("member["))?.name ?? null;
}

/** The column that holds a person's level: `level`, else the first dimension column that is not the region. */
export function levelColumn(ir: PlanIR): string | null {
  const people = ir.plan.tables.find((t) => t.role === "people");
  if (!people) return null;
  if (people.columns.some((c) => c.name === "level")) return "level";
  const region = regionColumn(ir);
  return people.columns.find((c) => c.type.startsWith("member[") && c.name !== region)?.name ?? null;
}

/** Everyone of the people table, by id (a Map: ids from data such as `__proto__` stay plain ids). */
export function peopleInfo(ir: PlanIR, data: DatasetView): Map<string, PersonInfo> {
  const out = new Map<string, PersonInfo>();
  const table = [...data.tables.values()].find((t) => t.role === "people");
  if (!table) return out;
  const text = (column: string | null, row: number): string | null => {
    if (column === null) return null;
    const v = table.columns.get(column)?.values?.[row];
    return typeof v === "string" ? v : null;
  };
  const region = regionColumn(ir);
  const level = levelColumn(ir);
  const hasManager = table.ir.columns.some((c) => c.name === "manager" && c.type === "person");
  for (let row = 0; row < table.rowCount; row++) {
    const id = text("id", row);
    if (id === null) continue;
    out.set(id, {
      id,
      name: text(table.ir.columns.some((c) => c.name === "name") ? "name" : null, row) ?? id,
      region: text(region, row),
      level: text(level, row),
      manager: hasManager ? text("manager", row) : null,
    });
  }
  return out;
}
