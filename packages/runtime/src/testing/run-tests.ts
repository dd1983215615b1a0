import type { ColumnIR, PlanIR, TestIR } from "@carrot/ir";
import { datasetFromCells } from "../data/dataset.js";
import { Dec } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import { Engine, type ValueOverride } from "../evaluate/engine.js";
import { evaluate } from "../evaluate/evaluate.js";
import { showValue } from "../evaluate/values.js";
import type { LineTrace, TraceStep } from "../result/types.js";

export interface ExpectationOutcome {
  target: "component" | "value" | "total";
  name: string;
  args: string[];
  person: string;
  expected: string;
  /** null: no line / no value. */
  actual: string | null;
  passed: boolean;
  /** The line's trace (component), the value's steps (value), or null. */
  trace: LineTrace | TraceStep[] | null;
}

export interface TestOutcome {
  id: string;
  name: string;
  period: string;
  passed: boolean;
  expectations: ExpectationOutcome[];
  /** Problems with the test's own rows (a bad cell in a `given`) or the IR, which fail the test. */
  diagnostics: DataDiagnostic[];
}

/** The person tests use when no `for` is written and no people rows are given. */
export const TEST_PERSON = "test";

/**
 * Runs the plan's `test` blocks: `given` rows become the dataset (tables not given are empty),
 * `given` values pin measures/quotas/lets, each `expect` is compared exactly (decimal equality).
 */
export function runTests(ir: PlanIR): TestOutcome[] {
  return ir.tests.map((t) => runTest(ir, t));
}

function runTest(ir: PlanIR, test: TestIR): TestOutcome {
  const period = test.period ?? firstPeriod(ir);
  const peopleTable = ir.plan.tables.find((t) => t.role === "people");
  const givenPeople = test.givenRows.filter((g) => g.table === peopleTable?.name).map((g) => g.row);
  const ids = givenPeople.length ? givenPeople.map((r) => r.id ?? "") : [TEST_PERSON];
  const defaultId = givenPeople.length === 1 ? ids[0] : TEST_PERSON;
  const rows = new Map<string, Record<string, string>[]>();
  for (const g of test.givenRows) {
    let list = rows.get(g.table);
    if (!list) rows.set(g.table, (list = []));
    // A test states the cells that matter: a required column it leaves out gets a neutral value.
    const table = ir.plan.tables.find((t) => t.name === g.table);
    const neutral = table ? neutralRow(ir, table.columns, `${g.table}-${list.length + 1}`, defaultId, period) : {};
    // Null-prototype rows: a column named like `__proto__` is a plain key.
    const row: Record<string, string> = Object.assign(Object.create(null), neutral);
    for (const [k, v] of Object.entries(g.row)) row[k] = v;
    list.push(row);
  }
  if (peopleTable && givenPeople.length === 0) rows.set(peopleTable.name, [neutralRow(ir, peopleTable.columns, TEST_PERSON, TEST_PERSON, period)]);
  const data = datasetFromCells(ir, rows);
  const overrides: ValueOverride[] = test.givenValues.flatMap((g) =>
    ids.map((person) => ({ person, period, name: g.name, args: g.args, value: g.value })),
  );
  // Only what the expectations read is evaluated: measures are not listed for statements here.
  const result = evaluate(ir, data, { periods: [period], overrides, measures: false });
  let engine: Engine | null = null;
  const expectations = test.expects.map((e): ExpectationOutcome => {
    const person = e.person ?? defaultId;
    let actual: string | null = null;
    let trace: ExpectationOutcome["trace"] = null;
    if (e.target === "component") {
      const line = result.lines.find(
        (l) => l.person === person && l.period === period && l.component === e.name && (l.member ?? null) === (e.args[0] ?? null),
      );
      const omitted = result.omitted.find((l) => l.person === person && l.component === e.name && (l.member ?? null) === (e.args[0] ?? null));
      actual = line ? line.amount : null;
      trace = line ? line.trace : (omitted?.trace ?? null);
    } else if (e.target === "total") {
      actual = result.totals.find((t) => t.person === person && t.period === period)?.payable ?? null;
    } else {
      engine ??= new Engine(ir, data, true, overrides);
      const row = engine.personRow.get(person);
      const index = engine.periods.findIndex((p) => p.id === period);
      if (row !== undefined && index >= 0) {
        const pp = engine.pp(row, index);
        actual = showValue(engine.valueOf(pp, e.name, e.args, null));
        trace = engine.valueEntry(pp, e.name, e.args)?.steps ?? null;
      }
    }
    return { target: e.target, name: e.name, args: e.args, person, expected: e.value, actual, passed: same(e.value, actual), trace };
  });
  // A bad `given` cell (a load error, with its file) or an unusable IR fails the test; evaluation
  // diagnostics are shown with it but judged through the expectations they affect.
  const diagnostics = result.diagnostics.filter((d) => d.severity === "error" && (d.file !== null || d.code === "R0001"));
  return {
    id: test.id,
    name: test.name,
    period,
    passed: diagnostics.length === 0 && expectations.every((x) => x.passed),
    expectations,
    diagnostics,
  };
}

function same(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  try {
    return new Dec(expected).eq(new Dec(actual));
  } catch {
    return expected === actual;
  }
}

function firstPeriod(ir: PlanIR): string {
  const engine = new Engine(ir, { tables: new Map(), diagnostics: [] }, false, []);
  return engine.periods[0]?.id ?? "";
}

/**
 * Neutral cells for a table's required columns (a test states only the cells that matter):
 * the first member, the plan's start date, the test's period, the default person, 0, false;
 * text and key columns get `label` so that several given rows keep distinct keys.
 */
function neutralRow(ir: PlanIR, columns: ColumnIR[], label: string, person: string, period: string): Record<string, string> {
  const row: Record<string, string> = Object.create(null);
  for (const c of columns) {
    if (c.optional) continue;
    if (c.type.startsWith("member[")) {
      const dim = ir.plan.dimensions.find((d) => `member[${d.name}]` === c.type);
      row[c.name] = dim?.members[0]?.name ?? "";
    } else if (c.type === "date") row[c.name] = ir.plan.effective.from;
    else if (c.type === "bool") row[c.name] = "false";
    else if (c.type === "person") row[c.name] = c.key ? label : person;
    else if (c.type === "currency") row[c.name] = ir.plan.currency;
    else if (c.type === "period") row[c.name] = period;
    else if (c.type === "text") row[c.name] = label;
    else row[c.name] = "0";
  }
  return row;
}
