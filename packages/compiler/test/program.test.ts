/** The workspace (imports, cache), the Program queries the language server uses, and the small public helpers. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFiles, collectPlanFiles, compile, formatDiagnostic } from "../src/index.js";

const HEADER = `plan "P" {
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}
`;

function workspace(files: Record<string, string>) {
  const map = new Map(Object.entries(files).map(([k, v]) => [`/ws/${k}`, v]));
  return (p: string) => map.get(p);
}

const PLAN = `${HEADER}import "./model/inputs.carrot"
import { Level } from "./shared/levels.carrot"
/// Credited sales.
measure revenue = sum(direct.amount)
component commission {
  eligible person.level != Junior
  payout   revenue * 2%
}
test "pays 2%" {
  given revenue = 1000 EUR
  expect commission = 20 EUR
}
`;
const INPUTS = `import "../plan.carrot"
import { Level } from "../shared/levels.carrot"
people reps { id person key  level Level }
input sales { id text key  date date  rep person  amount money }
credit direct { from sales  to sales.rep }
`;
const LEVELS = `dimension Level { Junior, Senior }\n`;

describe("workspace", () => {
  const readFile = workspace({ "plan.carrot": PLAN, "model/inputs.carrot": INPUTS, "shared/levels.carrot": LEVELS });

  it("follows imports (cycles included) and maps every file in the source map", () => {
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile });
    expect(r.diagnostics).toEqual([]);
    expect([...r.program.files.keys()]).toEqual([
      "/ws/plan.carrot",
      "/ws/model/inputs.carrot",
      "/ws/shared/levels.carrot",
    ]);
    expect(r.ir!.sourceMap.files).toEqual(["model/inputs.carrot", "plan.carrot", "shared/levels.carrot"]);
    expect(r.ir!.sourceMap.spans["credit:direct"]).toBe("0:5:1-5:43");
    expect(r.ir!.sourceMap.spans["measure:revenue"]).toBe("1:9:1-9:37");
    expect(r.ir!.sourceMap.spans["component:commission/payout"]).toBe("1:12:3-12:24");
    expect(r.ir!.tests.map((t) => t.id)).toEqual(["test:pays 2%"]);
  });

  it("parses a file again only when its text changed", () => {
    const a = compile({ root: "/ws", entry: "plan.carrot", readFile });
    const b = compile({ root: "/ws", entry: "plan.carrot", readFile });
    expect(b.program.files.get("/ws/plan.carrot")!.parsed).toBe(a.program.files.get("/ws/plan.carrot")!.parsed);
    const edited = workspace({
      "plan.carrot": PLAN + "\n",
      "model/inputs.carrot": INPUTS,
      "shared/levels.carrot": LEVELS,
    });
    const c = compile({ root: "/ws", entry: "plan.carrot", readFile: edited });
    expect(c.program.files.get("/ws/plan.carrot")!.parsed).not.toBe(a.program.files.get("/ws/plan.carrot")!.parsed);
    expect(c.program.files.get("/ws/model/inputs.carrot")!.parsed).toBe(
      a.program.files.get("/ws/model/inputs.carrot")!.parsed,
    );
  });

  it("a file sees only what it imports: a missing import is reported, with a fix that adds it", () => {
    const inputs = INPUTS.replace('import { Level } from "../shared/levels.carrot"\n', "");
    const r = compile({
      root: "/ws",
      entry: "plan.carrot",
      readFile: workspace({ "plan.carrot": PLAN, "model/inputs.carrot": inputs, "shared/levels.carrot": LEVELS }),
    });
    expect(r.diagnostics.map((d) => `${d.code} ${d.uri} ${d.message}`)).toEqual([
      "C0116 /ws/model/inputs.carrot 'Level' is declared in 'shared/levels.carrot', which this file does not import",
    ]);
    expect(r.diagnostics[0].fixes![0].edits).toEqual([
      { span: { start: 0, end: 0 }, newText: 'import { Level } from "../shared/levels.carrot"\n' },
    ]);
  });

  it("a missing entry is a diagnostic, not an exception", () => {
    const r = compile({ root: "/ws", entry: "nope.carrot", readFile });
    expect(r.ir).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["C0103"]);
  });

  it("checks library files without asking for a plan header or a people table", () => {
    const lib = workspace({ "lib.carrot": `${LEVELS}let rate = 5%\nlet other = rat * 2\n` });
    const r = checkFiles({ root: "/ws", files: ["lib.carrot"], readFile: lib });
    expect(r.ir).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "C0101 Unknown name 'rat'; did you mean 'rate'?",
    ]);
  });
});

describe("program queries", () => {
  const readFile = workspace({ "plan.carrot": PLAN, "model/inputs.carrot": INPUTS, "shared/levels.carrot": LEVELS });
  const r = compile({ root: "/ws", entry: "plan.carrot", readFile });
  const uri = "/ws/plan.carrot";
  const at = (needle: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = PLAN.indexOf(needle, i + 1);
    return i;
  };

  it("symbolAt finds the declaration from a reference and from its own name", () => {
    const fromUse = r.program.symbolAt(uri, at("revenue * 2%") + 2)!;
    expect(fromUse.name).toBe("revenue");
    expect(fromUse.kind).toBe("measure");
    expect(fromUse.doc).toBe("Credited sales.");
    expect(fromUse.typeText).toBe("money (EUR)");
    expect(fromUse.span).toEqual({ start: at("revenue ="), end: at("revenue =") + "revenue".length });
    expect(r.program.symbolAt(uri, at("revenue =") + 1)!.symbol).toBe(fromUse.symbol);
    const member = r.program.symbolAt(uri, at("Junior") + 1)!;
    expect(member.kind).toBe("member");
    expect(member.uri).toBe("/ws/shared/levels.carrot");
  });

  it("references of a symbol cover every use, in every file", () => {
    const revenue = r.program.symbols.find((s) => s.name === "revenue")!.symbol;
    const refs = r.program.referencesTo(revenue).map((x) => PLAN.slice(x.span.start, x.span.end));
    expect(refs).toEqual(["revenue", "revenue"]);
    const level = r.program.symbols.find((s) => s.name === "Level")!.symbol;
    expect(
      r.program
        .referencesTo(level)
        .map((x) => x.uri)
        .sort(),
    ).toEqual(["/ws/model/inputs.carrot", "/ws/model/inputs.carrot", "/ws/plan.carrot"]);
  });

  it("typeAt gives the innermost typed expression", () => {
    expect(r.program.typeAt(uri, at("2%") + 1)).toEqual({
      type: "ratio",
      span: { start: at("2%"), end: at("2%") + 2 },
    });
    expect(r.program.typeAt(uri, at("revenue * 2%") + 1)!.type).toBe("money (EUR)");
    expect(r.program.typeAt(uri, at("person.level") + 8)!.type).toBe("Level");
  });
});

describe("hover texts", () => {
  it("tier tables, curves, lookups, credit rules and dimensions describe themselves", () => {
    const text = `${HEADER}people reps { id person key }
dimension Level { Junior, Senior }
input sales { id text key  date date  rep person  amount money }
credit direct { from sales  to sales.rep }
tiers rate marginal { 0% .. 100% : 2%  100% .. : 5% }
curve bonus { 80% : 0.5  100% : 1 }
table extra by Level { Junior : 10 EUR  default : 0 EUR }
component c { payout rate(1%) * bonus(1%) * sum(direct.amount) + extra[Junior] }
`;
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile: workspace({ "plan.carrot": text }) });
    expect(r.diagnostics).toEqual([]);
    const hover = (name: string) => r.program.symbols.find((s) => s.name === name)!.typeText;
    expect(hover("rate")).toBe("marginal tiers: ratio bands → ratio");
    expect(hover("bonus")).toBe("curve: ratio → number");
    expect(hover("extra")).toBe("Level → money (EUR)");
    expect(hover("direct")).toBe("credits rows of sales");
    expect(hover("Level")).toBe("dimension of 2 members");
    expect(hover("c")).toBe("money (EUR)");
  });
});

describe("completions", () => {
  it("after `table.` lists its columns, after `person.` the people columns", () => {
    const text = PLAN.replace("payout   revenue * 2%", "payout   sum(direct.am");
    const r = compile({
      root: "/ws",
      entry: "plan.carrot",
      readFile: workspace({ "plan.carrot": text, "model/inputs.carrot": INPUTS, "shared/levels.carrot": LEVELS }),
    });
    const offset = text.indexOf("direct.am") + "direct.am".length;
    expect(r.program.completionsAt("/ws/plan.carrot", offset).map((c) => `${c.label}:${c.kind}`)).toEqual([
      "amount:column",
    ]);
    const p = text.indexOf("person.") + "person.".length;
    expect(r.program.completionsAt("/ws/plan.carrot", p).map((c) => c.label)).toEqual(["id", "level"]);
  });
  it("elsewhere lists names in scope, with their types", () => {
    const r = compile({
      root: "/ws",
      entry: "plan.carrot",
      readFile: workspace({ "plan.carrot": PLAN, "model/inputs.carrot": INPUTS, "shared/levels.carrot": LEVELS }),
    });
    const offset = PLAN.indexOf("revenue * 2%") + 3;
    const items = r.program.completionsAt("/ws/plan.carrot", offset);
    expect(items.map((c) => `${c.label}:${c.kind}:${c.detail}`)).toEqual(["revenue:measure:money (EUR)"]);
  });
});

describe("helpers", () => {
  it("formatDiagnostic prints path:line:col, severity, code, message and help", () => {
    const text = `${HEADER}people reps { id person key }\nlet x = revenu\n`;
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile: workspace({ "plan.carrot": text }) });
    const d = r.diagnostics.find((x) => x.code === "C0101")!;
    expect(formatDiagnostic(d, text, "plan.carrot")).toBe(
      "plan.carrot:7:9: error C0101 Unknown name 'revenu'\n  help: Check the spelling, declare the name, or import the file that declares it.",
    );
  });

  it("a misspelt name comes with a fix that replaces it", () => {
    const text = `${HEADER}people reps { id person key }\nlet growth = 5%\ncomponent c { payout 100 EUR * grwoth }\n`;
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile: workspace({ "plan.carrot": text }) });
    const d = r.diagnostics.find((x) => x.code === "C0101")!;
    expect(d.fixes).toEqual([{ title: "Replace with 'growth'", edits: [{ span: d.span, newText: "growth" }] }]);
    expect(text.slice(d.span.start, d.span.end)).toBe("grwoth");
  });

  it("collectPlanFiles lists .carrot files recursively, sorted", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "carrot-"));
    mkdirSync(path.join(dir, "b/c"), { recursive: true });
    mkdirSync(path.join(dir, "node_modules"));
    for (const f of ["z.carrot", "a.carrot", "b/c/d.carrot", "b/readme.md", "node_modules/x.carrot"])
      writeFileSync(path.join(dir, f), "");
    expect(collectPlanFiles(dir).map((f) => path.relative(dir, f))).toEqual(["a.carrot", "b/c/d.carrot", "z.carrot"]);
  });
});
