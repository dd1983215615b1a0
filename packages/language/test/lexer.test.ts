import { describe, expect, it } from "vitest";
import { KEYWORDS, parse } from "../src/index.js";
import { lex, unquote } from "../src/lexer/lexer.js";

const kinds = (text: string) => lex(text, "u").tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("lexer", () => {
  it("distinguishes dates, periods, percents and numbers", () => {
    expect(kinds("2026-01-31 2026-03 2026-Q1 2026-H2 2026-Y 12.5% 5% 1_000_000 0.05 120000")).toEqual([
      "Date:2026-01-31",
      "Period:2026-03",
      "Period:2026-Q1",
      "Period:2026-H2",
      "Period:2026-Y",
      "Percent:12.5%",
      "Percent:5%",
      "Number:1_000_000",
      "Number:0.05",
      "Number:120000",
    ]);
  });

  it("does not read a period out of a longer word or a number range out of a decimal", () => {
    expect(kinds("2026-Yes")).toEqual(["Number:2026", "Minus:-", "Identifier:Yes"]);
    expect(kinds("1..2")).toEqual(["Number:1", "DotDot:..", "Number:2"]);
    expect(kinds("2026-Q5")).toEqual(["Number:2026", "Minus:-", "Identifier:Q5"]);
  });

  it("reads fiscal periods, and names that only start like one as names", () => {
    expect(kinds("FY2026 FY2026-Q4 FY2027-H2")).toEqual(["Period:FY2026", "Period:FY2026-Q4", "Period:FY2027-H2"]);
    expect(kinds("FY2026x FY26 FY2026-Q5 fy2026")).toEqual([
      "Identifier:FY2026x",
      "Identifier:FY26",
      "Period:FY2026",
      "Minus:-",
      "Identifier:Q5",
      "Identifier:fy2026",
    ]);
  });

  it("reads keywords only as whole words", () => {
    expect(kinds("in input inputs measure_x for format")).toEqual([
      "Kw_in:in",
      "Kw_input:input",
      "Identifier:inputs",
      "Identifier:measure_x",
      "Kw_for:for",
      "Identifier:format",
    ]);
  });

  it("gives every keyword its own token", () => {
    for (const word of KEYWORDS) {
      expect(kinds(word)).toEqual([`Kw_${word}:${word}`]);
    }
  });

  it("reads operators and punctuation, longest first", () => {
    expect(kinds("{ } ( ) [ ] , : . .. = != < <= > >= + - * /").map((k) => k.split(":")[0])).toEqual([
      "LBrace",
      "RBrace",
      "LParen",
      "RParen",
      "LBracket",
      "RBracket",
      "Comma",
      "Colon",
      "Dot",
      "DotDot",
      "Eq",
      "NotEq",
      "Lt",
      "LtEq",
      "Gt",
      "GtEq",
      "Plus",
      "Minus",
      "Star",
      "Slash",
    ]);
  });

  it("puts comments in their own list, doc comments apart", () => {
    const result = lex("/// doc\n// line\n//// ruler\nlet a = 1 // end\n", "u");
    expect(result.comments.map((c) => [c.kind, c.text, c.span.start, c.span.end])).toEqual([
      ["doc", "/// doc", 0, 7],
      ["line", "// line", 8, 15],
      ["line", "//// ruler", 16, 26],
      ["line", "// end", 37, 43],
    ]);
    expect(result.tokens.map((t) => t.image)).toEqual(["let", "a", "=", "1"]);
  });

  it("resolves string escapes", () => {
    expect(unquote(String.raw`"a\"b\\c\nd\te"`)).toBe('a"b\\c\nd\te');
    expect(unquote('"unterminated')).toBe("unterminated");
  });

  it("reports an unterminated string as a token and a diagnostic, and goes on", () => {
    const result = lex('let a = "abc\nlet b = 1', "u");
    expect(result.tokens.map((t) => t.tokenType.name)).toEqual([
      "Kw_let",
      "Identifier",
      "Eq",
      "UnterminatedString",
      "Kw_let",
      "Identifier",
      "Eq",
      "Number",
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([["P0002", { start: 8, end: 12 }]]);
  });

  it("reports one diagnostic per run of unknown characters", () => {
    const result = lex("let a = 1 $$$ 2 # 3", "u");
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span])).toEqual([
      ["P0001", "unknown characters '$$$'", { start: 10, end: 13 }],
      ["P0001", "unknown character '#'", { start: 16, end: 17 }],
    ]);
    expect(result.tokens.map((t) => t.image)).toEqual(["let", "a", "=", "1", "2", "3"]);
  });

  it("offers token categories for editors", () => {
    const { tokens } = parse('measure m = sum(x) + 5% * 2 - 2026-Q1 .. 2026-01-01 "s"', "u");
    expect(tokens.map((t) => t.category)).toEqual([
      "keyword",
      "identifier",
      "operator",
      "identifier",
      "punctuation",
      "identifier",
      "punctuation",
      "operator",
      "percent",
      "operator",
      "number",
      "operator",
      "period",
      "operator",
      "date",
      "string",
    ]);
    expect(tokens[0]).toEqual({ kind: "Kw_measure", text: "measure", span: { start: 0, end: 7 }, category: "keyword" });
  });
});
