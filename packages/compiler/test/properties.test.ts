/**
 * Properties: lowering is deterministic, declaration order does not change the plan or its hash,
 * and compile never throws, whatever the text.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "@carrot/language";
import { canonicalJson, planIrSchema, serializeIr } from "@carrot/ir";
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";
import { checkSignatures } from "./ir-checks.js";

const golden = path.join(import.meta.dirname, "golden");
const PLANS = ["commission.carrot", "rollup-fx.carrot"].map((f) => readFileSync(path.join(golden, f), "utf8"));
// Mutations also start from the repository's example plans, which use more of the language.
const examples = path.resolve(import.meta.dirname, "../../../examples");
const EXAMPLES = existsSync(examples)
  ? readdirSync(examples)
      .map((d) => path.join(examples, d, "plan.carrot"))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, "utf8"))
  : [];

function compileText(text: string) {
  return compile({ root: "/ws", entry: "plan.carrot", readFile: (p) => (p === "/ws/plan.carrot" ? text : undefined) });
}

/** The text of each top-level declaration, with the comments before it. */
function declarationChunks(text: string): string[] {
  const decls = parse(text, "/ws/plan.carrot").file.declarations;
  let from = 0;
  return decls.map((d) => {
    const chunk = text.slice(from, d.span.end);
    from = d.span.end;
    return chunk.trim();
  });
}

describe("properties", () => {
  it("the same text gives the same IR bytes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLANS), (text) => {
        const a = compileText(text);
        const b = compileText(text);
        expect(a.ir).toBeDefined();
        expect(serializeIr(a.ir!)).toBe(serializeIr(b.ir!));
      }),
      { numRuns: 10 },
    );
  });

  it("shuffling declarations changes neither the plan nor its hash", () => {
    for (const text of PLANS) {
      const chunks = declarationChunks(text);
      const reference = compileText(text).ir!;
      fc.assert(
        fc.property(fc.shuffledSubarray(chunks, { minLength: chunks.length, maxLength: chunks.length }), (shuffled) => {
          const r = compileText(shuffled.join("\n\n") + "\n");
          expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          expect(r.ir!.hash).toBe(reference.hash);
          expect(canonicalJson(r.ir!.plan)).toBe(canonicalJson(reference.plan));
          expect(canonicalJson(r.ir!.tests)).toBe(canonicalJson(reference.tests));
        }),
        { numRuns: 30 },
      );
    }
  });

  const TOKENS = [
    "(",
    ")",
    "{",
    "}",
    ",",
    ":",
    ".",
    "..",
    "+",
    "*",
    "/",
    "=",
    "EUR",
    "0",
    "5%",
    "sum",
    "revenue",
    "where",
    "\n",
    '"x"',
    "2026-01-01",
    "let",
    "measure",
    "person",
    "reports",
    "component",
  ];
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  );

  it("compile never throws on mutated plans, and reports in range", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLANS, ...EXAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (base, mutations) => {
          let text = base;
          for (const m of mutations) {
            const at = m.at % (text.length + 1);
            if (m.kind === "delete") text = text.slice(0, at) + text.slice(at + m.length);
            else if (m.kind === "insert") text = text.slice(0, at) + " " + m.token + " " + text.slice(at);
            else text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
          }
          const r = compileText(text);
          const errors = r.diagnostics.filter((d) => d.severity === "error");
          if (errors.length > 0) expect(r.ir).toBeUndefined();
          for (const d of r.diagnostics) {
            expect(d.span.start).toBeGreaterThanOrEqual(0);
            expect(d.span.end).toBeLessThanOrEqual(text.length);
            expect(d.span.start).toBeLessThanOrEqual(d.span.end);
            expect(d.code).not.toBe("C0999");
          }
          if (r.ir) expect(planIrSchema.safeParse(r.ir).success).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  const atoms = [
    "revenue",
    "units",
    "att",
    "1",
    "2.5",
    "5%",
    "100 EUR",
    "0",
    "count(direct)",
    "period_end - period_start",
  ];
  const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...atoms),
      fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/"), tie("e")).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(tie("e"), tie("e"), tie("e")).map(([a, b, c]) => `(if ${a} > ${b} then ${c} else ${c})`),
      tie("e").map((a) => `-${a}`),
    ),
  })).e;

  it("random unit expressions either type-check into valid IR or fail with a unit diagnostic", () => {
    const prelude = `plan "P" { currency EUR  effective 2026-01-01 .. 2026-12-31  period quarter }
people reps { id person key }
input sales { id text key  date date  rep person  amount money  units count }
credit direct { from sales  to sales.rep }
measure revenue = sum(direct.amount)
measure units = sum(direct.units)
measure att = revenue / 1000 EUR
component c { payout 0 EUR }
`;
    fc.assert(
      fc.property(exprArb, (e) => {
        const r = compileText(`${prelude}measure x = ${e}\n`);
        const codes = new Set(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code));
        for (const c of codes) expect(["C0201", "C0202", "C0203", "C0204", "C0209"]).toContain(c);
        if (codes.size === 0) {
          expect(planIrSchema.safeParse(r.ir).success).toBe(true);
          expect(checkSignatures(r.ir!.plan)).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});
