import { describe, expect, it } from "vitest";
import { parse, type ParseResult } from "../src/index.js";
import { expectSpansNested } from "./helpers.js";

function checked(text: string): ParseResult {
  const result = parse(text, "file:///bad.carrot");
  expectSpansNested(result, text.length);
  return result;
}

/** A deterministic pseudo-random byte string (no Math.random: the test must be reproducible). */
function garbage(length: number, seed: number): string {
  let state = seed;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state & 0xff;
  }
  return bytes.toString("latin1");
}

describe("bad input gives diagnostics with ranges, never an exception", () => {
  it("empty file", () => {
    const result = checked("");
    expect(result.diagnostics).toEqual([]);
    expect(result.file).toEqual({
      kind: "SourceFile",
      uri: "file:///bad.carrot",
      imports: [],
      declarations: [],
      span: { start: 0, end: 0 },
    });
    expect(result.tokens).toEqual([]);
  });

  it("whitespace and comments only", () => {
    const result = checked("  \n// c\n/// d\n\t\r\n");
    expect(result.diagnostics).toEqual([]);
    expect(result.comments).toHaveLength(2);
  });

  it.each([1, 2, 3])("binary garbage (random bytes as latin1, seed %i)", (seed) => {
    const text = garbage(20_000, seed);
    const result = checked(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("a 5 MB file, with a broken declaration every thousand", () => {
    const good = "measure revenue(c: Category) = sum(sales.amount where sales.product in c) * 105% + 1_000 EUR\n";
    const broken = "measure broken(c: Category) = sum(sales.amount where ) *\n";
    const lines: string[] = [];
    let length = 0;
    while (length < 5 * 1024 * 1024) {
      const line = lines.length % 1000 === 999 ? broken : good;
      lines.push(line);
      length += line.length;
    }
    const text = lines.join("");
    const brokenCount = lines.filter((l) => l === broken).length;
    // Spans are checked on the smaller inputs: walking 1.4 million nodes here only adds time.
    const result = parse(text, "file:///big.carrot");
    expect(result.file.declarations.length).toBe(lines.length);
    expect(result.diagnostics).toHaveLength(brokenCount);
    let offset = 0;
    const brokenWhere: number[] = [];
    for (const line of lines) {
      if (line === broken) brokenWhere.push(offset + broken.indexOf("where )") + "where ".length);
      offset += line.length;
    }
    expect(result.diagnostics.map((d) => [d.code, d.span.start, d.span.end - d.span.start])).toEqual(
      brokenWhere.map((at) => ["P0003", at, 1]),
    );
  });

  it("10,000 nested parentheses", () => {
    const text = "let deep = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\nlet after = 2";
    const result = checked(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["P0004"]);
    expect(result.file.declarations.map((d) => ("name" in d ? d.name.text : ""))).toEqual(["after"]);
  });

  it("10,000 unclosed parentheses, brackets, braces and prefix operators", () => {
    for (const opener of ["(", "[", "{", "-", "not ", "f(", "if "]) {
      const result = checked("let deep = " + opener.repeat(10_000));
      expect(result.diagnostics.length, opener).toBeGreaterThan(0);
    }
  });

  it("a long chain of else-if stays a tree, not a crash", () => {
    const text = "let chain = " + "if a then 1 else ".repeat(2_000) + "0";
    const result = checked(text);
    expect(result.diagnostics.every((d) => d.code === "P0004")).toBe(true);
  });

  it("an unterminated string", () => {
    const result = checked('test "unterminated {\n  expect total = 1 EUR\n}');
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([["P0002", { start: 5, end: 20 }]]);
  });

  it("unknown characters", () => {
    const result = checked("let a = 1 € 2\nlet b = ¤¤¤");
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([
      ["P0001", { start: 10, end: 11 }],
      ["P0001", { start: 22, end: 25 }],
    ]);
  });

  it("lone surrogates and NUL", () => {
    const result = checked("let a = \ud800 \u0000 1");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["P0001", "P0001"]);
  });
});
