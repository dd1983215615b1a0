import ExcelJS from "exceljs";
import { neutralizeFormula, exportTables } from "./tables.js";
import type { ReportModel } from "./model.js";

const FORMATS = { money: "#,##0.00;-#,##0.00", ratio: "0.00%", count: "0" } as const;

/**
 * The .xlsx export: one sheet per export table. Amounts are numeric cells (a negative amount stays
 * a number) with a display format; an xlsx number is a binary double, so the exact figures are the
 * CSV's, and every amount here rounds back to them at the plan's scale.
 */
export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Carrot";
  // Fixed dates: the workbook's bytes should not depend on when it was written.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of exportTables(model)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.columns);
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => (cell === null ? null : cell.kind === "number" ? Number(cell.value) : neutralizeFormula(cell.value))),
      );
      row.forEach((cell, i) => {
        if (cell?.kind === "number") added.getCell(i + 1).numFmt = FORMATS[cell.format];
      });
    }
    sheet.columns.forEach((column) => {
      column.width = 14;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
