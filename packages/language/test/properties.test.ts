import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, printAst, stripSpans } from "../src/index.js";
import { expectSpansNested } from "./helpers.js";

const golden = (name: string) => readFileSync(fileURLToPath(new URL(`./golden/${name}`, import.meta.url)), "utf8");
const seeds = [
  "plan-and-inputs.carrot",
  "credit-and-values.carrot",
  "tables.carrot",
  "components.carrot",
  "expressions.carrot",
].map(golden);

/** Rough token split (words, numbers, strings, punctuation), enough to mutate plans structurally. */
function roughTokens(text: string): string[] {
  return text.match(/"[^"\n]*"?|\d[\d_.%-]*[A-Za-z0-9]*|[A-Za-z_][A-Za-z0-9_]*|\.\.|[<>!]=|\/\/[^\n]*|\s+|./g) ?? [];
}

type Mutation = { kind: "delete" | "duplicate" | "swap"; at: number; other: number };

function mutate(tokens: string[], mutations: Mutation[]): string {
  const result = [...tokens];
  for (const m of mutations) {
    if (result.length === 0) break;
    const i = m.at % result.length;
    const j = m.other % result.length;
    if (m.kind === "delete") result.splice(i, 1);
    else if (m.kind === "duplicate") result.splice(i, 0, result[i]!);
    else [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result.join("");
}

const mutationArb = fc.record({
  kind: fc.constantFrom("delete" as const, "duplicate" as const, "swap" as const),
  at: fc.nat(),
  other: fc.nat(),
});

function checkWellFormed(text: string): void {
  const result = parse(text, "file:///p.carrot");
  expectSpansNested(result, text.length);
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^P000[1-6]$/);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(() => printAst(result.file)).not.toThrow();
}

describe("parse never throws and keeps spans nested", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => checkWellFormed(text)),
      { numRuns: 300 },
    );
  });

  it("on arbitrary full-unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => checkWellFormed(text)),
      { numRuns: 300 },
    );
  });

  it("on strings made of Carrot's own vocabulary", () => {
    const word = fc.constantFrom(
      "plan",
      "measure",
      "let",
      "component",
      "{",
      "}",
      "(",
      ")",
      "[",
      "]",
      ",",
      ":",
      ".",
      "..",
      "=",
      "+",
      "-",
      "*",
      "/",
      "<",
      ">=",
      "in",
      "not",
      "and",
      "otherwise",
      "if",
      "then",
      "else",
      "where",
      "x",
      "EUR",
      "100",
      "5%",
      "2026-Q1",
      "2026-01-31",
      '"s"',
      '"open',
      "\n",
      " ",
      "///d\n",
      "//c\n",
      "$",
      "payout",
      "tiers",
      "matrix",
      "columns",
      "quota",
      "test",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), (words) => checkWellFormed(words.join(" "))),
      { numRuns: 400 },
    );
  });

  it("on example plans with tokens deleted, duplicated or swapped", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        (seed, mutations) => {
          checkWellFormed(mutate(roughTokens(seeds[seed]!), mutations));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("structure does not depend on layout", () => {
  it.each(seeds.map((seed, i) => [i, seed] as const))("CRLF line endings give the same AST (seed %i)", (_, seed) => {
    const lf = parse(seed, "u");
    const crlf = parse(seed.replace(/\n/g, "\r\n"), "u");
    expect(crlf.diagnostics.map((d) => d.code)).toEqual(lf.diagnostics.map((d) => d.code));
    expect(stripSpans(crlf.file)).toEqual(stripSpans(lf.file));
    expect(crlf.comments.map((c) => c.text)).toEqual(lf.comments.map((c) => c.text));
  });

  it("re-spacing a plan (same tokens, different whitespace) gives the same AST without spans", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(fc.constantFrom(" ", "  ", "\t", "\n  "), { minLength: 1, maxLength: 50 }),
        (seed, spaces) => {
          const original = seeds[seed]!;
          let k = 0;
          // Re-space inside lines (line breaks end comments and separate a money amount from a
          // currency-like name), leaving comment and string lines alone.
          const respaced = original
            .split("\n")
            .map((line) =>
              line.includes("//") || line.includes('"')
                ? line
                : line.replace(/(?<=\S)[ ]+(?=\S)/g, () => spaces[k++ % spaces.length]!.replace("\n  ", "   ")),
            )
            .join("\n");
          const a = parse(original, "u");
          const b = parse(respaced, "u");
          expect(b.diagnostics.map((d) => d.code)).toEqual(a.diagnostics.map((d) => d.code));
          expect(stripSpans(b.file)).toEqual(stripSpans(a.file));
        },
      ),
      { numRuns: 50 },
    );
  });
});
