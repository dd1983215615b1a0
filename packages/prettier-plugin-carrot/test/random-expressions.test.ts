/**
 * Random expressions, written with random spacing and line breaks, formatted at random widths:
 * the output parses to the same tree, is stable, and keeps comments placed between chain operands.
 */
import { parse, stripSpans } from "@carrot/language";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format } from "../src/index.js";

const atom = fc.constantFrom(
  "revenue(Cardio)",
  "quota(c)",
  "sales.amount",
  "person.level",
  "100 EUR",
  "2400.00 EUR",
  "12.5%",
  "1_000",
  "0.05",
  "2026-01-31",
  "x",
  "very_long_measure_name_for_width",
  'product_rate["CARD-A"]',
  "commission_rate.rate(x, quota: q)",
  "true",
);

const chainOps = fc.constantFrom(["+", "-"], ["*", "/"], ["and"], ["or"], ["otherwise"], [">=", "<", "=", "!="]);

interface Written {
  text: string;
  /** Safe to use as an operand without parentheses. */
  primary: boolean;
}

const expression: fc.Arbitrary<Written> = fc.letrec<{ expr: Written }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom.map((text) => ({ text, primary: true })),
    fc
      .tuple(chainOps, fc.array(tie("expr") as fc.Arbitrary<Written>, { minLength: 2, maxLength: 5 }), fc.nat())
      .map(([ops, operands, seed]) => {
        // Comparisons do not chain: use one operator between two operands.
        const list = ops.length > 1 ? operands.slice(0, 2) : operands;
        const text = list
          .map((o) => (o.primary ? o.text : `(${o.text})`))
          .reduce((acc, o, i) => `${acc} ${ops[(seed + i) % ops.length]} ${o}`);
        return { text, primary: false };
      }),
    fc
      .tuple(
        tie("expr") as fc.Arbitrary<Written>,
        tie("expr") as fc.Arbitrary<Written>,
        tie("expr") as fc.Arbitrary<Written>,
      )
      .map(([c, a, b]) => ({ text: `(if ${c.text} then ${a.text} else ${b.text})`, primary: true })),
    fc
      .tuple(tie("expr") as fc.Arbitrary<Written>, tie("expr") as fc.Arbitrary<Written>)
      .map(([v, w]) => ({ text: `sum(${v.text} where ${w.text})`, primary: true })),
    (tie("expr") as fc.Arbitrary<Written>).map((e) => ({ text: `(${e.text})`, primary: true })),
    (tie("expr") as fc.Arbitrary<Written>).map((e) => ({
      text: `-${e.primary ? e.text : `(${e.text})`}`,
      primary: true,
    })),
  ),
})).expr;

/** Replaces some single spaces between tokens by line breaks (never inside `100 EUR`). */
function scatter(text: string, breaks: readonly number[]): string {
  const tokens = text.split(" ");
  return tokens.reduce((acc, token, i) => {
    const moneyCode = /^[A-Z]{3}\b/.test(token);
    const sep = !moneyCode && breaks.includes(i) ? "\n    " : " ";
    return acc + sep + token;
  });
}

describe("random expressions", () => {
  it("format to the same tree at any width, stably", () => {
    fc.assert(
      fc.property(
        expression,
        fc.integer({ min: 20, max: 120 }),
        fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
        (expr, width, breaks) => {
          const text = `measure m = ${scatter(expr.text, breaks)}\n`;
          const before = parse(text, "x.carrot");
          fc.pre(before.diagnostics.length === 0);
          const result = format(text, { printWidth: width });
          if (!result.ok) throw new Error(`refused ${text}: ${JSON.stringify(result.diagnostics)}`);
          expect(stripSpans(parse(result.text, "x.carrot").file)).toEqual(stripSpans(before.file));
          const again = format(result.text, { printWidth: width });
          expect(again.ok && again.text).toBe(result.text);
        },
      ),
      { numRuns: 400, seed: 424242 },
    );
  });

  it("keep a comment after any operand of a chain", () => {
    fc.assert(
      fc.property(
        fc.array(atom, { minLength: 2, maxLength: 6 }),
        fc.constantFrom("+", "and", "or", "*"),
        fc.nat(),
        (operands, op, at) => {
          const i = at % (operands.length - 1);
          const text = `measure m = ${operands.map((o, k) => (k === i ? `${o} // note\n` : `${o} `)).join(`${op} `)}\n`;
          const result = format(text);
          if (!result.ok) throw new Error(`refused ${text}: ${JSON.stringify(result.diagnostics)}`);
          expect(result.text).toContain(`${operands[i]} // note\n`);
          expect(result.text.split("// note").length).toBe(2);
        },
      ),
      { numRuns: 200, seed: 99 },
    );
  });
});
