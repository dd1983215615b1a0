import type { ReportModel } from "./model.js";

/**
 * The report's figures as flat tables, the single source of the CSV and xlsx exports. Cells know
 * whether they are numbers: only numbers are written as numbers, and only text is neutralised.
 */
export type Cell = { kind: "text"; value: string } | { kind: "number"; value: string; format: "money" | "ratio" | "count" } | null;

export interface ExportTable {
  name: string;
  columns: string[];
  rows: Cell[][];
}

const t = (value: string | null): Cell => (value === null ? null : { kind: "text", value });
const m = (value: string | null): Cell => (value === null ? null : { kind: "number", value, format: "money" });
const r = (value: string | null): Cell => (value === null ? null : { kind: "number", value, format: "ratio" });
const n = (value: number): Cell => ({ kind: "number", value: String(value), format: "count" });

export function exportTables(model: ReportModel): ExportTable[] {
  const range = model.periods.length ? `${model.periods[0]}..${model.periods[model.periods.length - 1]}` : "";
  const who = (p: { id: string; name: string; region: string | null; level: string | null }): Cell[] => [t(p.id), t(p.name), t(p.region), t(p.level)];
  const statements: Cell[][] = [];
  const totals: Cell[][] = [];
  const attainment: Cell[][] = [];
  for (const s of model.statements) {
    const accepted = t(s.accepted ? s.accepted.at : "not accepted");
    for (const l of s.lines) {
      model.periods.forEach((period, i) => {
        if (l.amounts[i] !== null) statements.push([...who(s.person), accepted, t(l.component), t(l.member), t(period), m(l.amounts[i]!)]);
      });
    }
    for (const a of s.adjustments) {
      model.periods.forEach((period, i) => {
        if (a.amounts[i] !== null) statements.push([...who(s.person), accepted, t(`payout:${a.kind}`), null, t(period), m(a.amounts[i]!)]);
      });
    }
    model.periods.forEach((period, i) => {
      const p = s.perPeriod[i]!;
      totals.push([...who(s.person), accepted, t(period), m(p.earned), m(p.adjustments), m(p.payable)]);
    });
    totals.push([...who(s.person), accepted, t(range), m(s.total.earned), m(s.total.adjustments), m(s.total.payable)]);
    for (const a of s.attainment) {
      model.periods.forEach((period, i) => {
        const f = a.perPeriod[i]!;
        attainment.push([t(s.person.id), t(s.person.name), t(a.measure), t(a.quota), t(a.args.join(",")), t(period), m(f.actual), m(f.quota), r(f.ratio)]);
      });
      if (a.quota) attainment.push([t(s.person.id), t(s.person.name), t(a.measure), t(a.quota), t(a.args.join(",")), t(range), m(a.total.actual), m(a.total.quota), r(a.total.ratio)]);
    }
  }
  const teams: Cell[][] = model.teams.flatMap((team) =>
    team.members.map((mem) => [t(team.manager.id), t(team.manager.name), t(mem.person.id), t(mem.person.name), m(mem.total.earned), m(mem.total.payable)]),
  );
  const f = model.finance;
  const finance: Cell[][] = [];
  const group = (name: string, rows: typeof f.byComponent): void => {
    for (const row of rows) {
      model.periods.forEach((period, i) => finance.push([t(name), t(row.key), t(period), m(row.amounts[i]!)]));
      finance.push([t(name), t(row.key), t(range), m(row.total)]);
    }
  };
  model.periods.forEach((period, i) => {
    finance.push([t("total"), t("earned"), t(period), m(f.perPeriod[i]!.earned)]);
    finance.push([t("total"), t("adjustments"), t(period), m(f.perPeriod[i]!.adjustments)]);
    finance.push([t("total"), t("payable"), t(period), m(f.perPeriod[i]!.payable)]);
  });
  finance.push([t("total"), t("earned"), t(range), m(f.total.earned)]);
  finance.push([t("total"), t("adjustments"), t(range), m(f.total.adjustments)]);
  finance.push([t("total"), t("payable"), t(range), m(f.total.payable)]);
  group("component", f.byComponent);
  group("adjustment", f.byAdjustment);
  group("region", f.byRegion);
  group("level", f.byLevel);
  const forecast: Cell[][] = f.forecast.map((row) => [t(row.period), t(row.status), m(row.toDate), n(row.daysElapsed), n(row.periodDays), m(row.forecast)]);
  return [
    { name: "statements", columns: ["person", "name", "region", "level", "accepted", "component", "member", "period", "amount"], rows: statements },
    { name: "totals", columns: ["person", "name", "region", "level", "accepted", "period", "earned", "adjustments", "payable"], rows: totals },
    { name: "attainment", columns: ["person", "name", "measure", "quota", "args", "period", "actual", "quota_value", "attainment"], rows: attainment },
    { name: "teams", columns: ["manager", "manager_name", "person", "name", "earned", "payable"], rows: teams },
    { name: "finance", columns: ["group", "key", "period", "amount"], rows: finance },
    { name: "forecast", columns: ["period", "status", "to_date", "days_elapsed", "period_days", "forecast"], rows: forecast },
  ];
}

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab/CR that some
 * importers strip first) gets a leading apostrophe. Numbers never come through here.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (cell.kind === "number") return cell.value;
  return csvField(neutralizeFormula(cell.value));
}

/** RFC 4180 CSV with CRLF line ends (what spreadsheets expect), header first. */
export function toCsvText(table: ExportTable): string {
  const lines = [table.columns.map(csvField).join(","), ...table.rows.map((row) => row.map(csvCell).join(","))];
  return lines.join("\r\n") + "\r\n";
}

export function renderCsvFiles(model: ReportModel): Map<string, string> {
  return new Map(exportTables(model).map((table) => [`${table.name}.csv`, toCsvText(table)]));
}
