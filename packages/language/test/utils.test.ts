import { describe, expect, it } from "vitest";
import { forEachChild, LineIndex, parse, printAst, stripSpans, walk, type AstNode } from "../src/index.js";

describe("LineIndex", () => {
  const index = new LineIndex("ab\ncd\r\nef\rg");

  it("maps offsets to 0-based positions, across \\n, \\r\\n and \\r", () => {
    expect([0, 2, 3, 5, 7, 9, 10, 11].map((o) => index.positionAt(o))).toEqual([
      { line: 0, character: 0 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
      { line: 1, character: 2 },
      { line: 2, character: 0 },
      { line: 2, character: 2 },
      { line: 3, character: 0 },
      { line: 3, character: 1 },
    ]);
    expect(index.lineCount).toBe(4);
  });

  it("maps 0-based positions back to offsets, clamping to the line", () => {
    expect(index.offsetAt(1, 1)).toBe(4);
    expect(index.offsetAt(1, 99)).toBe(5);
    expect(index.offsetAt(2, 0)).toBe(7);
    expect(index.offsetAt(9, 0)).toBe(11);
    expect(index.offsetAt(-1, 3)).toBe(0);
  });

  it("gives 1-based line and column for messages, and line texts", () => {
    expect(index.lineColumn(4)).toEqual({ line: 2, column: 2 });
    expect([0, 1, 2, 3].map((l) => index.lineText(l))).toEqual(["ab", "cd", "ef", "g"]);
  });

  it("gives LSP ranges of spans", () => {
    expect(index.rangeOf({ start: 1, end: 4 })).toEqual({
      start: { line: 0, character: 1 },
      end: { line: 1, character: 1 },
    });
  });

  it("clamps offsets outside the text", () => {
    expect(index.positionAt(-5)).toEqual({ line: 0, character: 0 });
    expect(index.positionAt(1000)).toEqual({ line: 3, character: 1 });
  });

  it("round-trips every offset of a plan", () => {
    const text = 'plan "p" {\r\n  currency EUR\n}\n\nlet a = 1';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, character } = lines.positionAt(offset);
      const back = lines.offsetAt(line, character);
      // An offset inside a \r\n pair maps to the end of its line.
      expect(back === offset || (text[offset - 1] === "\r" && back === offset - 1)).toBe(true);
    }
  });
});

describe("traversal", () => {
  const { file } = parse("measure m(c: Category) = sum(s.amount where s.p in c) + 5 EUR", "u");

  it("forEachChild gives the direct children in source order", () => {
    const decl = file.declarations[0]!;
    const kinds: string[] = [];
    forEachChild(decl, (child) => kinds.push(child.kind));
    expect(kinds).toEqual(["Name", "Param", "BinaryExpr"]);
  });

  it("walk visits every node depth-first, with parents, and can skip subtrees", () => {
    const seen: string[] = [];
    walk(file, (node: AstNode, parent: AstNode | undefined) => {
      seen.push(`${parent?.kind ?? "-"}>${node.kind}`);
      return node.kind !== "CallExpr";
    });
    expect(seen).toEqual([
      "->SourceFile",
      "SourceFile>Value",
      "Value>Name",
      "Value>Param",
      "Param>Name",
      "Param>Name",
      "Value>BinaryExpr",
      "BinaryExpr>CallExpr",
      "BinaryExpr>MoneyLit",
      "MoneyLit>Name",
    ]);
  });

  it("walk calls leave after the children", () => {
    const order: string[] = [];
    walk(file.declarations[0]!, {
      enter: (n) => void order.push(`+${n.kind}`),
      leave: (n) => void order.push(`-${n.kind}`),
    });
    expect(order.slice(0, 4)).toEqual(["+Value", "+Name", "-Name", "+Param"]);
    expect(order[order.length - 1]).toBe("-Value");
  });
});

describe("stripSpans and printAst", () => {
  it("stripSpans removes every span and keeps the rest, without touching the input", () => {
    const { file } = parse("let a = 1", "u");
    const stripped = stripSpans(file);
    expect(JSON.stringify(stripped)).not.toContain("span");
    expect(stripped).toEqual({
      kind: "SourceFile",
      uri: "u",
      imports: [],
      declarations: [
        {
          kind: "Value",
          keyword: "let",
          name: { kind: "Name", text: "a", quoted: false },
          body: { kind: "NumberLit", value: "1" },
        },
      ],
    });
    expect(file.declarations[0]!.span).toEqual({ start: 0, end: 9 });
  });

  it("printAst prints one node per line, with or without spans", () => {
    const { file } = parse('dimension D { "X": P }', "u");
    expect(printAst(file, { spans: false })).toBe(
      [
        'SourceFile uri="u"',
        "  imports: []",
        "  declarations:",
        "    - Dimension",
        '      name: Name "D"',
        "      members:",
        "        - Member",
        '          name: Name "X" quoted',
        '          parent: Name "P"',
        "",
      ].join("\n"),
    );
    expect(printAst(file)).toContain("- Dimension @0-22");
  });
});
