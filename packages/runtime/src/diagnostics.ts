/**
 * Data diagnostics (codes R…): problems in the data or the IR met at load or evaluation time.
 * The runtime never throws on user data; it reports here and carries on with what is sound.
 */

export type Severity = "error" | "warning" | "info";

/** Copied from packages/language/src/diagnostics/types.ts (the runtime may not import the language). */
export interface DiagnosticInfo {
  code: string;
  severity: Severity;
  title: string;
  explanation: string;
  help: string;
  example: string;
}

export interface DataDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** The data file (`sales.csv`), or null for a problem not tied to a file. */
  file: string | null;
  /** 1-based line number in the file where the record starts (the header is line 1). */
  row: number | null;
  column: string | null;
  help?: string;
  /** For evaluation problems: where (person, period, component). */
  context?: { person?: string; period?: string; component?: string };
  /** More about the problem (a failed check: the rows of its group); absent when there is nothing more. */
  detail?: string;
}

export const DATA_DIAGNOSTICS: DiagnosticInfo[] = [
  {
    code: "R0001",
    severity: "error",
    title: "Invalid IR",
    explanation: "The plan IR does not match the IR schema (format, version or shape); nothing is evaluated.",
    help: "Rebuild the IR with the compiler of the same Carrot version as the runtime.",
    example: '{ "format": "carrot-ir", "version": 2, ... }',
  },
  {
    code: "R0002",
    severity: "error",
    title: "Missing data file",
    explanation: "An input table declared by the plan has no data file; it is evaluated as an empty table.",
    help: "Add `<table>.csv` to the data directory (a header row is enough for an empty table).",
    example: "input sales { ... }   // but no sales.csv",
  },
  {
    code: "R0003",
    severity: "warning",
    title: "Unused data file",
    explanation: "A data file does not correspond to any table declared by the plan and is ignored.",
    help: "Remove the file or declare the table with `input`.",
    example: "data/salez.csv",
  },
  {
    code: "R0010",
    severity: "error",
    title: "Missing column",
    explanation: "The header of the file lacks a column the plan declares; the whole table is unusable.",
    help: "Add the column to the header row (names are case-sensitive).",
    example: "sales.csv header `id,date,amount` while `input sales` declares `product`",
  },
  {
    code: "R0011",
    severity: "warning",
    title: "Extra column",
    explanation: "The file has a column the plan does not declare; it is ignored.",
    help: "Remove the column or declare it in the `input` block.",
    example: "sales.csv header `id,date,amount,comment`",
  },
  {
    code: "R0012",
    severity: "error",
    title: "Empty file",
    explanation: "The file has no header row at all.",
    help: "Write at least the header row with the declared column names.",
    example: "an empty sales.csv",
  },
  {
    code: "R0013",
    severity: "error",
    title: "Not a CSV file",
    explanation: "The file looks binary (NUL bytes or invalid UTF-8) or its first line is not a header.",
    help: "Export the table as UTF-8 CSV with a header row.",
    example: "sales.csv that is really an .xlsx workbook",
  },
  {
    code: "R0014",
    severity: "error",
    title: "Malformed CSV record",
    explanation: "A record has a different number of fields than the header, or a quote is not closed; the row is quarantined.",
    help: "Quote fields containing commas, quotes or line breaks (RFC 4180), doubling inner quotes.",
    example: 's1,2026-01-10,"CARD-A,1000',
  },
  {
    code: "R0020",
    severity: "error",
    title: "Missing value",
    explanation: "A cell of a column not declared `optional` is empty; the row is quarantined.",
    help: "Fill the cell, or declare the column `optional` if an empty value is meaningful.",
    example: "s1,,CARD-A,1000   // date is empty",
  },
  {
    code: "R0021",
    severity: "error",
    title: "Invalid number",
    explanation: "A numeric cell (money, ratio, number, count) is not a plain decimal; the row is quarantined.",
    help: "Write decimals like `1234.50`: a dot as decimal separator, no thousands separators, no currency sign; counts are whole numbers; percent columns accept `40%` or `0.4`.",
    example: "s1,2026-01-10,CARD-A,\"1,234.50\"",
  },
  {
    code: "R0022",
    severity: "error",
    title: "Invalid date",
    explanation: "A date cell is not a real calendar date in the form YYYY-MM-DD; the row is quarantined.",
    help: "Write dates as `2026-01-31`.",
    example: "s1,31/01/2026,CARD-A,1000",
  },
  {
    code: "R0023",
    severity: "error",
    title: "Invalid period",
    explanation:
      "A period cell is not a period of the plan's calendar: `2026-Q1`, `2026-03`, `2026-H1` or `2026-Y`, or with a `fiscal year`, `FY2026-Q1`, `2026-03`, `FY2026-H1` or `FY2026`; the row is quarantined.",
    help: "Write periods as `2026-Q1` (quarter), `2026-03` (month), `2026-H1` (half) or `2026-Y` (year); in a plan with a fiscal year, `FY2026-Q1`, `FY2026-H1`, `FY2026` (months stay `2026-03`).",
    example: "p1,Q1-2026,1500",
  },
  {
    code: "R0024",
    severity: "error",
    title: "Unknown member",
    explanation: "A cell of a dimension-typed column names no member of the dimension; the row is quarantined.",
    help: "Use a member declared in the `dimension` block (names are case-sensitive) or add the member.",
    example: "s1,2026-01-10,CARD-Z,1000   // Product has no CARD-Z",
  },
  {
    code: "R0025",
    severity: "error",
    title: "Unknown person",
    explanation: "A `person` cell names nobody in the people table. The row is kept so that crediting reports it as uncredited (`unknown-person`) with its amount; an unknown manager in the people file is ignored.",
    help: "Add the person to the people file or correct the id.",
    example: "coverage.csv: T01,p999,2026-01-01,,1",
  },
  {
    code: "R0026",
    severity: "error",
    title: "Duplicate key",
    explanation: "Two rows have the same value of the table's `key` column(s); the later row is quarantined.",
    help: "Keys identify rows: remove the duplicate or make the key composite.",
    example: "two rows with id `s1` in sales.csv",
  },
  {
    code: "R0027",
    severity: "error",
    title: "Invalid boolean",
    explanation: "A bool cell is neither `true` nor `false`; the row is quarantined.",
    help: "Write `true` or `false`.",
    example: "p1,yes",
  },
  {
    code: "R0028",
    severity: "error",
    title: "Invalid currency",
    explanation: "A currency cell is not a three-letter ISO code; the row is quarantined.",
    help: "Write currency codes in upper case, like `EUR` or `USD`.",
    example: "s1,1000,euro",
  },
  {
    code: "R0029",
    severity: "error",
    title: "Period of another grain",
    explanation: "The period cell an input table is matched by is not of the plan's grain (a month `2026-01` in a quarterly plan): it would match no evaluated period and count nowhere, so the row is quarantined. Rows are not added up into the containing period, since the plan does not say the column adds up.",
    help: "Export the table with one row per period of the plan's grain (`2026-Q1` for a quarterly plan), adding up finer rows yourself, or change the plan's `period`.",
    example: "quotas.csv: A,2026-01,4000   // plan period quarter",
  },
  {
    code: "R0030",
    severity: "error",
    title: "Date range ends before it starts",
    explanation: "A person's `end` date is before their `start` date, or a row's range read by the plan (`prorate(x, T.a .. T.b)`, a join's `d in T.a .. T.b`) ends before it starts: no employment or stint can, and it would count as zero days in silence. The row is quarantined; a quarantined person's rows in other tables are then reported as unknown person and left uncredited, with their amounts in the reconciliation.",
    help: "Correct the dates: the end is the last day, on or after the start; leave the end empty for an open end.",
    example: "reps.csv: B,Bea,2026-02-01,2026-01-15",
  },
  {
    code: "R0031",
    severity: "error",
    title: "Share out of range",
    explanation: "A cell of the column a `split` names is below 0% or above 100%: no one holds more than a whole deal or a negative part of it, even when the shares add up to 100%. The row is quarantined, so the deal is credited from the remaining rows only if they add up to 100%, and otherwise reported as uncredited.",
    help: "Give each person a share between 0% and 100%, the shares of a deal adding up to 100%.",
    example: "deal_team.csv: S-1,A,150% and S-1,B,-50%",
  },
  {
    code: "R0032",
    severity: "error",
    title: "Exchange rate not positive",
    explanation: "A rate of the `fx` table is 0 or negative: conversions at it would pay nothing or a negative amount. The row is quarantined, so conversions that needed it find no rate (R0041).",
    help: "Write the plan-currency value of one unit of the currency, a number above 0.",
    example: "fx_rates.csv: USD,2026-01-01,0",
  },
  {
    code: "R0033",
    severity: "error",
    title: "Reporting-line cycle",
    explanation: "A person is their own manager, or following managers from a person comes back to them: every override, rollup and team figure along that line is doubtful. Each person on the cycle is reported on their row; the rows are kept and evaluation still ends.",
    help: "Correct the `manager` cells so that every chain of managers ends at someone without a manager.",
    example: "reps.csv: A,Ann,B and B,Bob,A",
  },
  {
    code: "R0040",
    severity: "warning",
    title: "Division by zero",
    explanation: "A division had a zero divisor while evaluating; the expression has no value (a component with no value gives no line).",
    help: "Guard the division with `if`, or give a fallback with `otherwise` (for example a zero quota).",
    example: "measure attainment = revenue / quota   // quota is 0 for p7",
  },
  {
    code: "R0041",
    severity: "error",
    title: "No exchange rate",
    explanation: "`convert` found no rate for the currency effective on the date: the value has no value (a sum leaves the row out) and the run is marked incomplete, so nothing is paid around it unnoticed. The diagnostic names the row converted (file, line, column); of several in one person-period, the row with the smallest key.",
    help: "Add a row to the fx table for the currency with a date on or before the transaction date.",
    example: "sales row in USD dated 2026-01-03 but the first USD rate is dated 2026-02-01",
  },
  {
    code: "R0042",
    severity: "error",
    title: "Evaluation error",
    explanation: "The IR refers to something that does not exist or has a shape the runtime cannot evaluate (an IR inconsistency, not a data error); the affected value has no value.",
    help: "Rebuild the IR with the compiler; report the issue if it persists.",
    example: '{ "op": "value", "name": "revnue" }',
  },
  {
    code: "R0043",
    severity: "error",
    title: "Invalid run period",
    explanation: "A period asked for by the run is not a period of the plan's grain within its effective dates.",
    help: "Ask for periods like `2026-Q1` that the plan evaluates (see the plan's `period` and `effective`).",
    example: "carrot run --period 2026-05 on a quarterly plan",
  },
  {
    code: "R0045",
    severity: "warning",
    title: "Overlapping credit",
    explanation: "A source row matched several joined rows naming the same person (for example overlapping coverage dates); the person is credited once, through the joined row with the smallest key.",
    help: "Fix the overlap in the joined table (end one row the day before the next starts).",
    example: "coverage.csv: T01,p1,2026-01-01,, and T01,p1,2026-03-01,,",
  },
  {
    code: "R0046",
    severity: "warning",
    title: "Release of no held line",
    explanation:
      "A row of the release table (`release holds from T`) names a person, period and component whose line the run did not hold: the line is under its `hold` bound, has no `hold`, does not exist, or the period is not one of the plan's. The row pays nothing; it is reported so that an approval meant for another line is not silently lost.",
    help: "Check the row's person, period and component against the held lines of the run (status `held`), or remove the row.",
    example: "approvals.csv: J,2026-03,commission,M (J's March commission is under the bound)",
  },
  {
    code: "R0047",
    severity: "warning",
    title: "Guarantee without value",
    explanation:
      "The plan's `guarantee` is an expression and it has no value for a person and period (a blank HR attribute it reads, a division by zero): nothing is guaranteed that period. Reported per person and period, like a component whose eligibility has no value, so a missing guarantee is never mistaken for a zero one.",
    help: "Fill in the data the guarantee reads, or give it a fallback with `otherwise`.",
    example: "guarantee if person.level = Senior then 3000 EUR else 2000 EUR per period   // level is blank for p7",
  },
  {
    code: "R0050",
    severity: "error",
    title: "Check failed",
    explanation:
      "A `check` of the plan does not hold for a group of rows of its table (its assert is false, or has no value: a cell it needs is blank, a division by zero). The diagnostic gives the check's message, the group's `per` values and the figures the assert compared, at the group's first row; its detail lists the group's rows (the first 20, then how many more). It is an error (the run is incomplete) unless the check says `severity warning`.",
    help: "Correct the rows of the group (or the check, if the rule is wrong) and run again.",
    example: "allocations.csv: ONC-1,North,60% and ONC-1,South,35% (sum(allocations.share) = 95%)",
  },
];
