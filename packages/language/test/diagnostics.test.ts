import { describe, expect, it } from "vitest";
import { parse, SYNTAX_DIAGNOSTICS, type Diagnostic } from "../src/index.js";

const diagnose = (text: string) =>
  parse(text, "file:///d.carrot").diagnostics.map((d: Diagnostic) => ({
    code: d.code,
    message: d.message,
    span: d.span,
  }));

describe("syntax diagnostics catalogue", () => {
  it("documents every code once, with title, explanation and help", () => {
    const codes = SYNTAX_DIAGNOSTICS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const info of SYNTAX_DIAGNOSTICS) {
      expect(info.code).toMatch(/^P\d{4}$/);
      expect(info.title.length).toBeGreaterThan(0);
      expect(info.explanation.length).toBeGreaterThan(0);
      expect(info.help.length).toBeGreaterThan(0);
    }
  });

  it("every example (except the internal error's) triggers its own code", () => {
    for (const info of SYNTAX_DIAGNOSTICS) {
      if (info.code === "P0007" || info.code === "P0004") continue;
      expect(
        diagnose(info.example).map((d) => d.code),
        info.code,
      ).toContain(info.code);
    }
  });

  it("diagnostics carry the catalogue's help and the file's uri", () => {
    const [d] = parse("let a = 1 $", "file:///x.carrot").diagnostics;
    expect(d).toMatchObject({ uri: "file:///x.carrot", severity: "error", help: SYNTAX_DIAGNOSTICS[0]!.help });
  });
});

describe("one test per code", () => {
  it("P0001 unknown character", () => {
    expect(diagnose("let a = 1 @@ 2")).toEqual([
      { code: "P0001", message: "unknown characters '@@'", span: { start: 10, end: 12 } },
    ]);
  });

  it("P0002 unterminated string", () => {
    expect(diagnose('plan "Field plan {\n}')).toEqual([
      { code: "P0002", message: "unterminated string: add the closing '\"' on this line", span: { start: 5, end: 18 } },
    ]);
  });

  it("P0003 expected an expression", () => {
    expect(diagnose("measure revenue = \nlet b = 1")).toEqual([
      { code: "P0003", message: "expected an expression after '='", span: { start: 17, end: 17 } },
    ]);
  });

  it("P0003 expected a token", () => {
    expect(diagnose("tiers t marginal {\n  0% 80% : 1%\n}")).toEqual([
      { code: "P0003", message: "expected '..' after '0%'", span: { start: 24, end: 27 } },
    ]);
    expect(diagnose("component c {\n  payout 1 EUR\n")).toEqual([
      { code: "P0003", message: "expected '}' after 'EUR'", span: { start: 28, end: 28 } },
    ]);
  });

  it("P0003 unexpected token after a complete declaration", () => {
    expect(diagnose("measure a = 1 2")).toEqual([
      { code: "P0003", message: "unexpected '2'", span: { start: 14, end: 15 } },
    ]);
    expect(diagnose("measure a = 1 2 3\nlet b = 4")).toEqual([
      { code: "P0003", message: "unexpected '2'", span: { start: 14, end: 17 } },
    ]);
  });

  it("P0003 a clause that does not belong", () => {
    expect(diagnose("component c {\n  bogus 1\n}")).toEqual([
      {
        code: "P0003",
        message:
          "unexpected 'bogus': expected a component clause (payout, eligible, gate, let, floor, cap, window or allow negative) or '}'",
        span: { start: 16, end: 21 },
      },
    ]);
  });

  it.each([
    ["tiers t {\n}", "expected a tier kind (marginal, retroactive, amount or interpolated) after 't'"],
    ["input s { id }", "expected a column type after 'id'"],
    ['plan "x" { currency }', "expected a currency code after 'currency'"],
    ['plan "x" { period }', "expected a period grain (month, quarter, half or year) after 'period'"],
    ['plan "x" { rounding 2 }', "expected a rounding mode (half_even, half_up, half_down, up or down) after '2'"],
    ["payout { guarantee 1 EUR per period }", "expected 'recoverable' or 'nonrecoverable' after 'period'"],
    ['test "t" { given x 1 }', "expected '(', '=' or '{' after 'x'"],
    ["measure m(c Category) = 1", "expected ':' after 'c'"],
    ["fx sales", "expected 'from' after 'fx'"],
    ["matrix m {\n  0% .. : 1\n}", "expected 'columns' after '{'"],
    ["matrix m boundary { columns 0 ..\n}", "expected 'lower', 'upper' or 'both' after 'boundary'"],
    ["matrix m {\n  columns 0 .. 1\n  0 .. 5 1\n}", "expected ':' after '5'"],
  ])("P0003 says what is expected: %s", (text, message) => {
    expect(diagnose(text).map((d) => d.message)).toEqual([message]);
  });

  it("P0004 nesting too deep", () => {
    const text = "let a = " + "(".repeat(300) + "1" + ")".repeat(300);
    expect(diagnose(text)).toEqual([
      {
        code: "P0004",
        message: "nesting too deep: more than 256 levels of brackets or prefix operators",
        span: { start: 264, end: 265 },
      },
    ]);
  });

  it("P0005 expected a declaration", () => {
    expect(diagnose("revenue = sum(sales.amount)\nlet a = 1")).toEqual([
      { code: "P0005", message: "expected a declaration, found 'revenue'", span: { start: 0, end: 27 } },
    ]);
  });

  it("P0006 invalid escape", () => {
    expect(diagnose('import "..\\shared"')).toEqual([
      { code: "P0006", message: "invalid escape sequence '\\s' in a string", span: { start: 10, end: 12 } },
    ]);
  });
});

describe("error recovery", () => {
  const plan = (middle: string) => `let first = 1\n\n${middle}\n\nmeasure last = 2\n`;

  it.each([
    ["a missing expression", "measure broken = revenue(Cardio) *"],
    ["a missing closing brace", "component broken {\n  payout 1 EUR"],
    ["an unclosed parenthesis", "component broken {\n  payout (1 EUR\n}"],
    ["a bad clause", "component broken {\n  payout 1 EUR\n  frobnicate 2\n  cap 3 EUR\n}"],
    ["a bad band", "tiers broken marginal {\n  0% 80% : 1%\n  80% .. : 2%\n}"],
    ["a missing name", "measure = 3"],
    ["garbage", "this is not carrot"],
    ["a stray closing brace", "let broken = 1 }"],
    ["an unclosed bracket", "let broken = t[a, b"],
  ])("%s in the middle leaves the others parsed, with exactly one diagnostic", (_, middle) => {
    const result = parse(plan(middle), "u");
    expect(result.diagnostics).toHaveLength(1);
    const names = result.file.declarations.map((d) => ("name" in d ? d.name.text : d.kind));
    expect(names[0]).toBe("first");
    expect(names[names.length - 1]).toBe("last");
  });

  it("keeps the good clauses of a broken component", () => {
    const result = parse("component c {\n  payout 1 EUR\n  frobnicate 2\n  cap 3 EUR\n}", "u");
    const component = result.file.declarations[0]!;
    expect(component.kind).toBe("Component");
    if (component.kind !== "Component") return;
    expect(component.clauses.map((c) => c.kind)).toEqual(["Payout", "Cap"]);
  });

  it("a missing name becomes an empty name, a missing expression an ErrorExpr", () => {
    const result = parse("measure = 3\nlet b =", "u");
    const [first, second] = result.file.declarations;
    expect(first).toMatchObject({ kind: "Value", name: { text: "" } });
    expect(second).toMatchObject({ kind: "Value", name: { text: "b" }, body: { kind: "ErrorExpr" } });
    expect(result.diagnostics).toHaveLength(2);
  });

  it("a member being typed (`sales.`) leaves the next line's clause alone", () => {
    const result = parse("component c {\n  payout sales.\n  cap 1 EUR\n}", "u");
    expect(diagnose("component c {\n  payout sales.\n  cap 1 EUR\n}")).toEqual([
      { code: "P0003", message: "expected a name after '.'", span: { start: 29, end: 29 } },
    ]);
    const component = result.file.declarations[0]!;
    if (component.kind !== "Component") throw new Error("not a component");
    expect(component.clauses.map((c) => c.kind)).toEqual(["Payout", "Cap"]);
    expect(component.clauses[0]).toMatchObject({
      value: { kind: "PathExpr", member: { text: "", span: { start: 29, end: 29 } } },
    });
  });

  it("something missing at the end of a line is reported there, not on the next line", () => {
    expect(diagnose("component c {\n  payout\n  cap 1 EUR\n}")).toEqual([
      { code: "P0003", message: "expected an expression after 'payout'", span: { start: 22, end: 22 } },
    ]);
  });

  it("reports a skipped unknown character, not the parse error it causes", () => {
    expect(diagnose("let a = 1 $ 2").map((d) => d.code)).toEqual(["P0001"]);
  });

  it("a declaration being typed is still recognised", () => {
    const result = parse("let a = 1\ncomponent", "u");
    expect(result.file.declarations.map((d) => d.kind)).toEqual(["Value", "Component"]);
    expect(result.diagnostics.map((d) => d.message)).toEqual(["expected a name after 'component'"]);
  });
});

describe("fixes", () => {
  function applyFix(text: string): string {
    const [diagnostic] = parse(text, "u").diagnostics;
    const edit = diagnostic?.fixes?.[0]?.edits[0];
    if (edit === undefined) throw new Error(`no fix for ${JSON.stringify(text)}`);
    return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  }

  it.each([
    ["let a = (1\nlet b = 2", "let a = (1)\nlet b = 2"],
    ["tiers t marginal { 0% 80% : 1% }", "tiers t marginal { 0% .. 80% : 1% }"],
    ["table t by L { A 1 }", "table t by L { A : 1 }"],
    ["component c {\n  payout 1 EUR\n", "component c {\n  payout 1 EUR}\n"],
    ['let a = "x\\q"', 'let a = "x\\\\q"'],
    ['let a = "abc', 'let a = "abc"'],
    ["let a = 1 $ + 2", "let a = 1  + 2"],
  ])("%j is repaired to %j, which parses cleanly", (broken, repaired) => {
    expect(applyFix(broken)).toBe(repaired);
    expect(parse(repaired, "u").diagnostics).toEqual([]);
  });

  it("offers no fix where the repair is a guess", () => {
    expect(parse("let a = f(x y)", "u").diagnostics[0]?.fixes).toBeUndefined();
    expect(parse("measure = 1", "u").diagnostics[0]?.fixes).toBeUndefined();
  });
});
