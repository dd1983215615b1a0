import { afterEach, describe, expect, it } from "vitest";
import { DiagnosticSeverity, SymbolKind, type CompletionItem, type DocumentSymbol, type TextEdit } from "vscode-languageserver";
import { toLspDiagnostics } from "../src/features/diagnostics.js";
import { completion } from "../src/features/completion.js";
import { hover } from "../src/features/hover.js";
import { definition, references } from "../src/features/navigation.js";
import { prepareRename, rename } from "../src/features/rename.js";
import { documentSymbols, workspaceSymbols } from "../src/features/symbols.js";
import { formatting } from "../src/features/formatting.js";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "../src/features/semanticTokens.js";
import { foldingRanges } from "../src/features/folding.js";
import { codeActions } from "../src/features/codeActions.js";
import { codeLenses } from "../src/features/codeLens.js";
import { inlayHints } from "../src/features/inlayHints.js";
import { applyEdits } from "../src/text/minimalEdits.js";
import { LineIndex } from "../src/text/lineIndex.js";
import { PLAN_PRELUDE, workspace, type Workspace } from "./harness.js";
import { MARKED_PLAN } from "./fixtures/plan.js";

let ws: Workspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();
const applyLsp = (text: string, edits: TextEdit[]) => {
  const lines = new LineIndex(text);
  return applyEdits(text, edits.map((e) => ({ span: lines.spanOf(e.range), newText: e.newText })));
};

describe("diagnostics", () => {
  it("publishes nothing for a valid plan", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    expect(toLspDiagnostics(ws.project, ws.doc("plan.carrot").uri)).toEqual([]);
  });

  it("reports an unknown name with code, exact range, help, documentation link", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure revenue = sum(direct.amount)\nlet doubled = <|revenu|> * 2\n" });
    const doc = ws.doc("plan.carrot");
    const [d] = toLspDiagnostics(ws.project, doc.uri).filter((x) => x.severity === DiagnosticSeverity.Error);
    expect(d).toMatchObject({ code: "C0101", range: doc.range(0), severity: DiagnosticSeverity.Error, source: "carrot" });
    expect(d.message).toContain("did you mean 'revenue'?");
    expect(d.message).toContain("help:");
    expect(d.codeDescription).toEqual({ href: "https://docs.example/diagnostics.md#c0101" });
  });

  it("points related information at the first declaration of a duplicate", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "let <|growth|> = 5%\nlet <|growth|> = 6%\n" });
    const doc = ws.doc("plan.carrot");
    const duplicate = toLspDiagnostics(ws.project, doc.uri).find((d) => d.code === "C0102");
    expect(duplicate?.range).toEqual(doc.range(1));
    expect(duplicate?.relatedInformation?.[0].location).toEqual({ uri: doc.uri, range: doc.range(0) });
  });

  it("re-checks a plan when a file it imports changes, and checks a library file inside its plan", () => {
    ws = workspace(
      { "plan.carrot": PLAN_PRELUDE + 'import "./lib.carrot"\nlet doubled = <|growth|> * 2\n', "lib.carrot": "let growth = 5%\n" },
    );
    const plan = ws.doc("plan.carrot");
    const lib = ws.doc("lib.carrot");
    const errors = (uri: string) => toLspDiagnostics(ws!.project, uri).filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors(plan.uri)).toEqual([]);
    expect(errors(lib.uri)).toEqual([]);
    ws.project.store.changeDocument(lib.uri, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 10 } }, text: "growths" }], 2);
    ws.project.invalidate();
    const after = errors(plan.uri);
    expect(after.map((d) => [d.code, d.range])).toEqual([["C0101", plan.range(0)]]);
    expect(after[0].message).toContain("did you mean 'growths'?");
  });

  it("reports syntax errors of a broken file once each", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure broken = (1 +\n" });
    const diagnostics = toLspDiagnostics(ws.project, ws.doc("plan.carrot").uri);
    const keys = diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    expect(diagnostics.some((d) => String(d.code).startsWith("P"))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("completion", () => {
  it("offers declaration keywords at the start of a top-level line", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "\n<|>\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(
      ["check", "component", "credit", "curve", "dimension", "fx", "import", "input", "let", "matrix", "measure", "payout", "people", "plan", "quota", "table", "test", "tiers"],
    );
  });

  it("offers the clause keywords of the block the cursor is in", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "component c {\n  pay<|>\n}\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["allow negative", "cap", "eligible", "floor", "gate", "hold above", "let", "payout", "window"]);
  });

  it("offers the words of pay, hold and release holds, and input tables after `release holds from`", () => {
    const at = (text: string) => {
      ws = workspace({ "plan.carrot": text });
      const doc = ws.doc("plan.carrot");
      return labels(completion(ws.project, doc.uri, doc.cursor()));
    };
    expect(at(PLAN_PRELUDE + "component c {\n  payout 1 EUR\n  hold <|>\n}\n")).toEqual(["above"]);
    expect(at(PLAN_PRELUDE + "payout {\n  release <|>\n}\n")).toEqual(["holds"]);
    expect(at(PLAN_PRELUDE + "payout {\n  release holds from <|>\n}\n")).toEqual(["sales"]);
    expect(at('plan "P" {\n  pay <|>\n}\n')).toEqual(["every", "next"]);
    expect(at('plan "P" {\n  pay next <|>\n}\n')).toEqual(["half", "month", "quarter", "year"]);
    expect(at('plan "P" {\n  fiscal <|>\n}\n')).toEqual(["year"]);
    expect(at('plan "P" {\n  fiscal year from <|>\n}\n')).toHaveLength(11);
    expect(at('plan "P" {\n  fiscal year from april <|>\n}\n')).toEqual(["named"]);
    expect(at('plan "P" {\n  fiscal year from april named by <|>\n}\n')).toEqual(["end", "start"]);
  });

  it("offers boundary after a matrix's name and columns at the start of a matrix's line", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "matrix m <|>\n" });
    let doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["boundary"]);
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "matrix m {\n  col<|>\n}\n" });
    doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["columns"]);
  });

  it("offers a check's clauses, tables after from and per, the severities, and the checked table's columns", () => {
    const at = (text: string) => {
      ws = workspace({ "plan.carrot": text });
      const doc = ws.doc("plan.carrot");
      return labels(completion(ws.project, doc.uri, doc.cursor()));
    };
    expect(at(PLAN_PRELUDE + "check c {\n  <|>\n}\n")).toEqual(["assert", "from", "message", "per", "severity warning"]);
    expect(at(PLAN_PRELUDE + "check c {\n  from <|>\n}\n")).toContain("sales");
    expect(at(PLAN_PRELUDE + "check c {\n  from sales\n  per <|>\n}\n")).toContain("sales");
    expect(at(PLAN_PRELUDE + "check c {\n  from sales\n  severity <|>\n}\n")).toEqual(["error", "warning"]);
    expect(at(PLAN_PRELUDE + "check c {\n  from sales\n  assert sum(sales.<|>) > 0 EUR\n}\n")).toContain("amount");
  });

  it("offers `allow negative` as an argument of a tier table's application, not of t.rate or another call", () => {
    const at = (text: string) => {
      ws = workspace({ "plan.carrot": text });
      const doc = ws.doc("plan.carrot");
      return labels(completion(ws.project, doc.uri, doc.cursor()));
    };
    const tiers = "tiers t retroactive {\n  0% .. 100% : 4%\n  100% .. : 6%\n}\nquota q = 100 EUR\n";
    expect(at(PLAN_PRELUDE + tiers + "let a = t(50 EUR, <|>)\n")).toContain("allow negative");
    expect(at(PLAN_PRELUDE + tiers + "let a = t(50 EUR, quota: q, all<|>)\n")).toContain("allow negative");
    expect(at(PLAN_PRELUDE + tiers + "let a = t(max(1 EUR, 2 EUR), <|>)\n")).toContain("allow negative");
    expect(at(PLAN_PRELUDE + tiers + "let a = t.rate(50 EUR, <|>)\n")).not.toContain("allow negative");
    expect(at(PLAN_PRELUDE + tiers + "let a = t(max(1 EUR, <|>))\n")).not.toContain("allow negative");
    expect(at(PLAN_PRELUDE + tiers + "let a = t(<|>)\n")).not.toContain("allow negative");
  });

  it("offers the columns of a table after `table.`", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = sum(sales.<|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["amount", "category", "date", "id", "rep", "units"]);
  });

  it("offers the columns of a credit rule's relation after `rule.`", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = sum(direct.am<|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toContain("amount");
  });

  it("offers only the members of the dimension a comparison expects", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = sum(direct.amount where direct.category = <|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["Cardio", "Oncology"]);
  });

  it("offers only the members of a measure's parameter dimension in its call", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure r(c: Category) = sum(direct.amount where direct.category = c)\nlet x = r(<|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["Cardio", "Oncology"]);
  });

  it("offers names in scope, built-ins and locals in an expression", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure revenue = sum(direct.amount)\ncomponent c for each k: Category {\n  let base = revenue\n  payout <|>\n}\n" });
    const doc = ws.doc("plan.carrot");
    const got = labels(completion(ws.project, doc.uri, doc.cursor()));
    for (const expected of ["revenue", "base", "k", "sum", "prorate", "person", "Cardio", "if"]) expect(got).toContain(expected);
    expect(got).not.toContain("dimension");
  });

  it("continues an expression on the next line inside parentheses", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m(k: Category) = sum(direct.amount\n  <|>)\n" });
    const doc = ws.doc("plan.carrot");
    const got = labels(completion(ws.project, doc.uri, doc.cursor()));
    expect(got).toContain("where");
    expect(got).toContain("k");
    expect(got).not.toContain("measure");
  });

  it("offers dimensions where a parameter type is expected", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "component c for each k: <|>\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["Category", "Level"]);
  });

  it("still completes in a file with syntax errors", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure broken = (1 +\n\nmeasure m = sum(sales.<|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toContain("amount");
  });

  it("completes a member inside a string, replacing only what was typed", () => {
    const prelude = PLAN_PRELUDE.replace("dimension Level { Rep, Senior }", 'dimension Level { Rep, Senior, "RESP-AIR", "RESP-Z" }');
    ws = workspace({ "plan.carrot": prelude + 'measure m = count(reps where reps.level = "<|RESP-|><|>")\n' });
    const doc = ws.doc("plan.carrot");
    const items = completion(ws.project, doc.uri, doc.cursor());
    expect(labels(items)).toEqual(["RESP-AIR", "RESP-Z", "Rep", "Senior"]);
    const air = items.find((i) => i.label === "RESP-AIR");
    expect(air?.textEdit).toEqual({ range: doc.range(0), newText: "RESP-AIR" });
  });

  it("writes a member that is not an identifier as a string", () => {
    const prelude = PLAN_PRELUDE.replace("dimension Level { Rep, Senior }", 'dimension Level { Rep, "Lead-2" }');
    ws = workspace({ "plan.carrot": prelude + "measure m = count(reps where reps.level = <|>)\n" });
    const doc = ws.doc("plan.carrot");
    expect(completion(ws.project, doc.uri, doc.cursor()).map((i) => i.textEdit && "newText" in i.textEdit ? i.textEdit.newText : undefined)).toEqual(["Rep", '"Lead-2"']);
  });

  it("offers the columns not given yet in a test row", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN.replace("  given <|revenue|>(Cardio) = 5000 EUR", '  given sales { id: "s1", amount: 5 EUR, <|> }') });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["category", "date", "rep"]);
  });

  it("completes import paths and the names an import can bring in", () => {
    ws = workspace(
      {
        "plan.carrot": PLAN_PRELUDE + 'import "<|>"\nimport { Regions, <|> } from "./shared/geo.carrot"\n',
      },
      { "shared/geo.carrot": "dimension Regions { North }\ndimension Zones { A }\nlet zone_rate = 1%\n", "other.carrot": "let x = 1\n" },
    );
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor(0)))).toEqual(["./other.carrot", "./shared/geo.carrot"]);
    expect(labels(completion(ws.project, doc.uri, doc.cursor(1)))).toEqual(["Zones", "zone_rate"]);
  });

  it("offers what a test can expect", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN.replace("expect commission(Cardio)", "expect <|>commission(Cardio)") });
    const doc = ws.doc("plan.carrot");
    expect(labels(completion(ws.project, doc.uri, doc.cursor()))).toEqual(["commission", "revenue", "total"]);
  });

  it("offers nothing inside a comment", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "// sales.<|>\n" });
    const doc = ws.doc("plan.carrot");
    expect(completion(ws.project, doc.uri, doc.cursor())).toEqual([]);
  });
});

describe("hover", () => {
  it("shows the signature with type and unit and the doc comment", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.range(1).start) as { contents: { value: string } }).contents.value;
    expect(value).toContain("measure revenue(c: Category): money (EUR)");
    expect(value).toContain("Net credited sales of a category.");
  });

  it("renders a tier table as a markdown table", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "/// Rates.\ntiers rate marginal {\n  0% .. 80% : 1%\n  80% .. : 3%\n}\nlet r = <|rate|>.rate(50%)\n" });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.range(0).start) as { contents: { value: string } }).contents.value;
    expect(value).toContain("tiers rate marginal");
    expect(value).toContain("| from | to | rate |\n|---:|---:|---:|\n| 0% | 80% | 1% |\n| 80% | … | 3% |");
    // How it is applied, `allow negative` included.
    expect(value).toContain("`rate(x, quota: q)`");
    expect(value).toContain("`rate(x, allow negative)` (the flag last) prices a negative value at the first band's rate");
  });

  it("gives a period literal's days on the plan's calendar, fiscal or not", () => {
    const test = 'test "t" {\n  period <|>PERIOD\n  expect c = 0 EUR\n}\ncomponent c { payout 0 EUR }\n';
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + test.replace("PERIOD", "2026-Q3") });
    let doc = ws.doc("plan.carrot");
    expect((hover(ws.project, doc.uri, doc.cursor()) as { contents: { value: string } }).contents.value).toBe("`2026-Q3` (quarter): 2026-07-01 .. 2026-09-30, 92 days");
    const fiscal = PLAN_PRELUDE.replace("  period    quarter\n", "  period    quarter\n  fiscal year from april named by start\n");
    ws = workspace({ "plan.carrot": fiscal + test.replace("PERIOD", "FY2026-Q4") });
    doc = ws.doc("plan.carrot");
    expect((hover(ws.project, doc.uri, doc.cursor()) as { contents: { value: string } }).contents.value).toBe(
      "`FY2026-Q4` (quarter): 2027-01-01 .. 2027-03-31, 90 days (fiscal year from april named by start)",
    );
  });

  it("explains a built-in function", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = <|>prorate(100 EUR)\n" });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.cursor()) as { contents: { value: string } }).contents.value;
    expect(value).toContain("`prorate` (built-in): prorate(x [, T.from .. T.to])");
  });

  it("renders a matrix as its grid: column bands across, row bands down", () => {
    const matrix = "/// Bonus multiplier.\nmatrix bonus_pct {\n  columns 0% .. 20%, 20% ..\n  0%  .. 90% : 0%,  25%\n  90% ..     : 50%, 100%\n}\n";
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + matrix + "let m = <|bonus_pct|>(95%, 25%)\n" });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.range(0).start) as { contents: { value: string } }).contents.value;
    expect(value).toContain("matrix bonus_pct: matrix: ratio rows × ratio columns → ratio");
    expect(value).toContain("Bonus multiplier.");
    expect(value).toContain("| | 0% .. 20% | 20% .. … |\n|---|---:|---:|\n| 0% .. 90% | 0% | 25% |\n| 90% .. … | 50% | 100% |");
  });

  it("explains months_since", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = <|>months_since(2026-03-17)\n" });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.cursor()) as { contents: { value: string } }).contents.value;
    expect(value).toContain("`months_since` (built-in): months_since(d): calendar months");
  });

  it("renders a curve's points", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "curve c {\n  below 80% : 0%\n  80% : 50%\n  120% : 150%\n}\nlet y = <|c|>(90%)\n" });
    const doc = ws.doc("plan.carrot");
    const value = (hover(ws.project, doc.uri, doc.range(0).start) as { contents: { value: string } }).contents.value;
    expect(value).toContain("| x | y |\n|---:|---:|\n| below | 0% |\n| 80% | 50% |\n| 120% | 150% |");
  });
});

describe("navigation", () => {
  it("goes to a definition in an imported file", () => {
    ws = workspace(
      {
        "plan.carrot": PLAN_PRELUDE + 'import "./lib/rates.carrot"\nlet doubled = <|growth|> * 2\n',
        "lib/rates.carrot": "let <|growth|> = 5%\n",
      },
    );
    const plan = ws.doc("plan.carrot");
    const lib = ws.doc("lib/rates.carrot");
    expect(definition(ws.project, plan.uri, plan.range(0).start)).toEqual([{ uri: lib.uri, range: lib.range(0) }]);
  });

  it("finds every reference, with or without the declaration", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const all = references(ws.project, doc.uri, doc.range(2).start, true);
    expect(all).toEqual([0, 1, 2].map((i) => ({ uri: doc.uri, range: doc.range(i) })));
    expect(references(ws.project, doc.uri, doc.range(2).start, false)).toEqual([1, 2].map((i) => ({ uri: doc.uri, range: doc.range(i) })));
  });
});

describe("rename", () => {
  it("renames a declaration and all its uses", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    expect(prepareRename(ws.project, doc.uri, doc.range(1).start)).toEqual({ range: doc.range(1), placeholder: "revenue" });
    const result = rename(ws.project, doc.uri, doc.range(0).start, "net_revenue");
    expect(result.kind).toBe("edit");
    if (result.kind !== "edit") return;
    const renamed = applyLsp(doc.text, result.edit.changes![doc.uri]);
    expect(renamed.match(/net_revenue/g)?.length).toBe(3);
    expect(renamed).not.toMatch(/\brevenue\b/);
  });

  it("renames across the files of the plan", () => {
    ws = workspace({
      "plan.carrot": PLAN_PRELUDE + 'import "./lib/rates.carrot"\nlet doubled = <|growth|> * 2\nlet tripled = <|growth|> * 3\n',
      "lib/rates.carrot": "let <|growth|> = 5%\n",
    });
    const plan = ws.doc("plan.carrot");
    const lib = ws.doc("lib/rates.carrot");
    const result = rename(ws.project, lib.uri, lib.range(0).start, "uplift");
    expect(result).toEqual({
      kind: "edit",
      edit: {
        changes: {
          [lib.uri]: [{ range: lib.range(0), newText: "uplift" }],
          [plan.uri]: [{ range: plan.range(0), newText: "uplift" }, { range: plan.range(1), newText: "uplift" }],
        },
      },
    });
  });

  it("refuses keywords, invalid identifiers and names already taken", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const at = doc.range(0).start;
    expect(rename(ws.project, doc.uri, at, "measure")).toMatchObject({ kind: "refused", message: expect.stringContaining("keyword") });
    expect(rename(ws.project, doc.uri, at, "2x")).toMatchObject({ kind: "refused", message: expect.stringContaining("not a valid name") });
    expect(rename(ws.project, doc.uri, at, "commission")).toMatchObject({ kind: "refused", message: expect.stringContaining("already declared") });
  });

  it("refuses to rename what is not a declared name", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = <|>sum(direct.amount)\n" });
    const doc = ws.doc("plan.carrot");
    expect(prepareRename(ws.project, doc.uri, doc.cursor())).toBeNull();
  });
});

describe("symbols", () => {
  it("gives a hierarchical outline", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const outline = documentSymbols(ws.project, doc.uri);
    const byName = new Map(outline.map((s) => [s.name, s]));
    expect([...byName.keys()]).toEqual(["LSP test plan", "Category", "Level", "reps", "sales", "direct", "revenue", "rate", "commission", "two percent below ten thousand"]);
    expect(byName.get("Category")).toMatchObject({ kind: SymbolKind.Enum, children: [{ name: "Cardio" }, { name: "Oncology" }] });
    expect(byName.get("sales")?.children?.map((c: DocumentSymbol) => c.name)).toEqual(["id", "date", "rep", "category", "amount"]);
    expect(byName.get("commission")?.children?.map((c: DocumentSymbol) => c.name)).toEqual(["base"]);
  });

  it("finds declarations of files on disk by fuzzy query", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN }, { "lib/shared.carrot": "let shared_growth = 5%\n" });
    const names = workspaceSymbols(ws.project, "shgr").map((s) => s.name);
    expect(names).toEqual(["shared_growth"]);
    expect(workspaceSymbols(ws.project, "rev").map((s) => s.name)).toContain("revenue");
  });
});

describe("formatting", () => {
  it("answers with small edits that give the formatter's text", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN.replace("  period    quarter", "  period quarter").replace("payout rate(base)", "payout   rate( base )") });
    const doc = ws.doc("plan.carrot");
    const edits = formatting(ws.project, doc.uri);
    expect(edits.length).toBeGreaterThan(0);
    expect(applyLsp(doc.text, edits)).toBe(formatted(doc.text));
    expect(Math.max(...edits.map((e) => e.newText.length))).toBeLessThan(10);
  });

  it("leaves a file with syntax errors alone", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure broken = (1 +\n" });
    expect(formatting(ws.project, ws.doc("plan.carrot").uri)).toEqual([]);
  });
});

import { format } from "prettier-plugin-carrot";
function formatted(text: string): string {
  const result = format(text);
  if (!result.ok) throw new Error("fixture does not format");
  return result.text;
}

describe("semantic tokens", () => {
  it("classifies names by the symbol they denote", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const data = semanticTokens(ws.project, doc.uri);
    const decoded: { text: string; type: string; modifiers: number }[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      const start = doc.lines.offsetAt({ line, character });
      decoded.push({ text: doc.text.slice(start, start + data[i + 2]), type: SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], modifiers: data[i + 4] });
    }
    const typeOf = (text: string, nth = 0) => decoded.filter((t) => t.text === text)[nth]?.type;
    expect(typeOf("measure")).toBe("keyword");
    expect(typeOf("revenue")).toBe("function");
    expect(typeOf("Category")).toBe("enum");
    expect(typeOf("Cardio")).toBe("enumMember");
    expect(typeOf("amount")).toBe("property");
    expect(typeOf("sum")).toBe("function");
    expect(typeOf("/// Test plan of the language server.")).toBe("comment");
    expect(typeOf("10000")).toBe("number");
    expect(decoded.find((t) => t.text === "revenue")!.modifiers & 1).toBe(1);
  });
});

describe("folding", () => {
  it("folds blocks and comment runs", () => {
    ws = workspace({ "plan.carrot": "// one\n// two\n// three\n\n" + MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const ranges = foldingRanges(ws.project, doc.uri);
    expect(ranges).toContainEqual({ startLine: 0, endLine: 2, kind: "comment" });
    const planLine = doc.lines.positionAt(doc.text.indexOf('plan "')).line;
    expect(ranges).toContainEqual({ startLine: planLine, endLine: planLine + 4 });
  });
});

describe("code actions", () => {
  it("offers the compiler's did-you-mean fix", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure revenue = sum(direct.amount)\nlet doubled = <|revenu|> * 2\n" });
    const doc = ws.doc("plan.carrot");
    const diagnostics = toLspDiagnostics(ws.project, doc.uri);
    const actions = codeActions(ws.project, doc.uri, doc.range(0), diagnostics);
    const fix = actions.find((a) => a.title === "Replace with 'revenue'");
    expect(fix?.diagnostics?.[0].code).toBe("C0101");
    expect(applyLsp(doc.text, fix!.edit!.changes![doc.uri])).toContain("let doubled = revenue * 2");
  });

  it("fills a gap between tier bands", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "tiers t marginal {\n  0% .. 50% : 1%\n  <|60%|> .. : 2%\n}\nlet x = t(1 EUR)\n" });
    const doc = ws.doc("plan.carrot");
    const actions = codeActions(ws.project, doc.uri, doc.range(0), toLspDiagnostics(ws.project, doc.uri));
    expect(actions.length).toBeGreaterThan(0);
    expect(applyLsp(doc.text, actions[0].edit!.changes![doc.uri])).toContain("  50% .. : 2%");
  });

  it("adds a missing member to its dimension", () => {
    ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure m = sum(direct.amount where direct.category = <|Respiratory|>)\n" });
    const doc = ws.doc("plan.carrot");
    const actions = codeActions(ws.project, doc.uri, doc.range(0), toLspDiagnostics(ws.project, doc.uri));
    const add = actions.find((a) => a.title === "Add 'Respiratory' to dimension Category");
    expect(add).toBeDefined();
    expect(applyLsp(doc.text, add!.edit!.changes![doc.uri])).toContain("dimension Category { Cardio, Oncology, Respiratory }");
  });

  it("adds a missing member written as a string, on its own line in a one-per-line dimension", () => {
    const prelude = PLAN_PRELUDE.replace("dimension Level { Rep, Senior }", "dimension Level {\n  Rep\n  Senior\n}");
    ws = workspace({ "plan.carrot": prelude + 'measure m = count(reps where reps.level = <|"Lead-2"|>)\n' });
    const doc = ws.doc("plan.carrot");
    const actions = codeActions(ws.project, doc.uri, doc.range(0), toLspDiagnostics(ws.project, doc.uri));
    const add = actions.find((a) => a.title === "Add 'Lead-2' to dimension Level");
    expect(add).toBeDefined();
    expect(applyLsp(doc.text, add!.edit!.changes![doc.uri])).toContain('dimension Level {\n  Rep\n  Senior\n  "Lead-2"\n}');
  });
});

describe("code lens", () => {
  it("puts Run tests above the plan and each test", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const lenses = codeLenses(ws.project, doc.uri);
    expect(lenses.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments])).toEqual([
      [doc.lines.positionAt(doc.text.indexOf('plan "')).line, "carrot.runTests", [doc.uri]],
      [doc.lines.positionAt(doc.text.indexOf('test "')).line, "carrot.runTests", [doc.uri, "two percent below ten thousand"]],
    ]);
  });
});

describe("inlay hints", () => {
  it("shows the unit of each let", () => {
    ws = workspace({ "plan.carrot": MARKED_PLAN });
    const doc = ws.doc("plan.carrot");
    const hints = inlayHints(ws.project, doc.uri, { start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.text.length) });
    const at = doc.lines.positionAt(doc.text.indexOf("let base") + "let base".length);
    expect(hints).toEqual([expect.objectContaining({ position: at, label: ": money (EUR)" })]);
  });
});
