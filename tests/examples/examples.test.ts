/**
 * Every example: the plan parses and compiles without errors or warnings, and its data folder
 * matches the plan's input declarations (one `<table>.csv` per input, header = the declared columns
 * in order, cells of the declared types, unique keys, only declared members). The data checks read
 * the AST directly, so they hold the example data to the language reference even where the
 * runtime's loader would be lenient.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse, type ColumnDecl, type DimensionDecl, type InputDecl } from "@carrot/language";
import { runTests, toJson } from "@carrot/runtime";
import { compileExample, csvRows, EXAMPLES, examplePath, readData, reorderRows, runExample, type Example } from "./harness.js";

function planOf(example: Example) {
  return parse(readFileSync(examplePath(example, "plan.carrot"), "utf8"), `examples/${example}/plan.carrot`);
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PERIOD = /^\d{4}-(Q[1-4]|H[12]|Y|0[1-9]|1[0-2])$/;
const MONEY = /^-?\d+(\.\d{1,2})?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const PERCENT = /^-?\d+(\.\d+)?%$/;
const COUNT = /^-?\d+$/;
const CURRENCY = /^[A-Z]{3}$/;

function isValidDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === text;
}

/** What a cell must look like for a column, or the reason it does not. */
function cellProblem(cell: string, column: ColumnDecl, members: Map<string, Set<string>>, people: Set<string>): string | null {
  if (cell === "") return column.optional ? null : "empty but not optional";
  const type = column.type.name.text;
  switch (type) {
    case "money":
      return MONEY.test(cell) ? null : "not a decimal amount";
    case "percent":
    case "ratio":
      return PERCENT.test(cell) || NUMBER.test(cell) ? null : "not a percent";
    case "number":
      return NUMBER.test(cell) ? null : "not a number";
    case "count":
      return COUNT.test(cell) ? null : "not a whole number";
    case "date":
      return isValidDate(cell) ? null : "not a calendar date";
    case "period":
      return PERIOD.test(cell) ? null : "not a period";
    case "currency":
      return CURRENCY.test(cell) ? null : "not a currency code";
    case "text":
      return null;
    case "person":
      return column.name.text === "id" || people.has(cell) ? null : "not a person of the people table";
    default: {
      const declared = members.get(type);
      if (!declared) return `unknown column type ${type}`;
      return declared.has(cell) ? null : `not a member of ${type}`;
    }
  }
}

describe.each(EXAMPLES)("%s", (example) => {
  const parsed = planOf(example);
  const declarations = parsed.file.declarations;
  const inputs = declarations.filter((d): d is InputDecl => d.kind === "Input");
  const dimensions = declarations.filter((d): d is DimensionDecl => d.kind === "Dimension");
  const members = new Map(dimensions.map((d) => [d.name.text, new Set(d.members.map((m) => m.name.text))]));
  const dataDir = examplePath(example, "data");

  test("the plan parses without diagnostics", () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(declarations.filter((d) => d.kind === "Plan")).toHaveLength(1);
    expect(declarations.filter((d) => d.kind === "Test").length).toBeGreaterThan(0);
  });

  test("the plan compiles without errors or warnings", () => {
    const { ir, diagnostics } = compileExample(example);
    expect(diagnostics.filter((d) => d.severity === "error" || d.severity === "warning")).toEqual([]);
    expect(ir).toBeDefined();
  });

  test("there is one CSV per input table and no other", () => {
    const files = readdirSync(dataDir).filter((f) => f.endsWith(".csv")).sort();
    expect(files).toEqual(inputs.map((i) => `${i.name.text}.csv`).sort());
  });

  test("every CSV has the declared header and valid cells", () => {
    const peopleDecl = inputs.find((i) => i.role === "people");
    expect(peopleDecl).toBeDefined();
    const peopleRows = csvRows(readFileSync(`${dataDir}/${peopleDecl!.name.text}.csv`, "utf8"));
    const people = new Set(peopleRows.map((p) => p.id));
    for (const input of inputs) {
      const file = `${dataDir}/${input.name.text}.csv`;
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, "utf8");
      expect(text.split(/\r?\n/)[0].split(","), `${input.name.text}.csv header`).toEqual(input.columns.map((c) => c.name.text));
      const problems: string[] = [];
      const keys = new Set<string>();
      const keyColumns = input.columns.filter((c) => c.key).map((c) => c.name.text);
      csvRows(text).forEach((row, i) => {
        const line = i + 2;
        if (Object.keys(row).length !== input.columns.length) problems.push(`line ${line}: wrong number of cells`);
        for (const column of input.columns) {
          const problem = cellProblem(row[column.name.text] ?? "", column, members, people);
          if (problem) problems.push(`line ${line}, ${column.name.text} '${row[column.name.text]}': ${problem}`);
        }
        const key = keyColumns.map((k) => row[k]).join("|");
        if (keys.has(key)) problems.push(`line ${line}: duplicate key ${key}`);
        keys.add(key);
      });
      expect(problems, `${input.name.text}.csv`).toEqual([]);
    }
  });

  test("the README explains the plan and works payouts by hand", () => {
    const readme = readFileSync(examplePath(example, "README.md"), "utf8");
    expect(readme).toMatch(/## The plan in plain English/);
    expect(readme).toMatch(/## Worked payouts/);
  });
});

describe.each(EXAMPLES)("%s: the plan's own test blocks", (example) => {
  test("every `test` block passes", () => {
    const { ir, diagnostics } = compileExample(example);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const outcomes = runTests(ir!);
    expect(outcomes.length).toBeGreaterThan(0);
    const failures = outcomes
      .filter((o) => !o.passed)
      .map((o) => ({
        test: o.name,
        diagnostics: o.diagnostics.map((d) => d.message),
        failed: o.expectations.filter((e) => !e.passed).map((e) => `${e.name}(${e.args.join(",")}) for ${e.person}: expected ${e.expected}, got ${e.actual}`),
      }));
    expect(failures).toEqual([]);
  });
});

describe.each(EXAMPLES)("%s: determinism", (example) => {
  test("the result does not depend on the order of the input rows", () => {
    const files = readData(example);
    const reordered = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, reorderRows(text)]));
    // Uncredited rows cite their line in the file, which moves with the row: everything else must not.
    const withoutLineNumbers = (json: string) => json.replace(/"row": \d+/g, '"row": "-"');
    const once = withoutLineNumbers(toJson(runExample(example, {}, files)));
    expect(withoutLineNumbers(toJson(runExample(example, {}, reordered)))).toBe(once);
    expect(withoutLineNumbers(toJson(runExample(example, {}, files)))).toBe(once);
  });
});
