import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset, toJson } from "../../src/index.js";
import { evaluationOrder } from "../../src/evaluate/evaluate.js";
import { arith, col, component, csv, direct, measure, money, plan, reps, sales, sumOf, value } from "../helpers/ir.js";

// When the plan reads teams, people are evaluated reports first (a post-order of the reporting
// tree) and the result is listed in id order. Diagnostics show their first occurrence in the
// result's order whatever the compute order (`Engine.report`), so the result must be byte for byte
// the id-order run's, diagnostics included. (A plan whose IR has a reference cycle keeps id order.)

const divisor: Expr = { op: "person", type: "number", column: "divisor" };
const team = (scope: "team" | "reports", fn: "sum" | "count" | "max", target: string, kind: "component" | "value"): Expr => ({
  op: "team",
  type: fn === "count" ? "number" : "money[EUR]",
  scope,
  fn,
  target: { kind, name: target, args: [] },
});

function irFor(scope: "team" | "reports") {
  return plan({
    tables: [reps(col("divisor", "number")), sales()],
    credits: [direct()],
    values: [measure("total", sumOf("direct", "amount")), measure("broken", arith("div", sumOf("direct", "amount"), divisor, "money[EUR]"))],
    components: [
      component("pay", arith("mul", value("total"), { op: "const", type: "ratio", value: "0.1" }, "money[EUR]")),
      component("odd", { op: "otherwise", type: "money[EUR]", args: [value("broken"), money("1")] }),
      component("override", arith("mul", team(scope, "sum", "pay", "component"), { op: "const", type: "ratio", value: "0.03" }, "money[EUR]"), { order: 1 }),
      component("best", { op: "otherwise", type: "money[EUR]", args: [team(scope, "max", "broken", "value"), money("0")] }, { order: 2 }),
    ],
  });
}

const person = fc.record({
  id: fc.constantFrom("a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8"),
  manager: fc.constantFrom("", "a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "zz"),
  divisor: fc.constantFrom("0", "1", "2"),
  start: fc.constantFrom("", "2026-04-01", "2026-10-01"),
});
const sale = fc.record({
  rep: fc.constantFrom("a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "zz"),
  month: fc.integer({ min: 1, max: 12 }),
  amount: fc.integer({ min: -500, max: 5000 }),
});

function bytes(scope: "team" | "reports", people: string, salesCsv: string, trace: boolean, reportsFirst: boolean, periods?: string[]): string {
  evaluationOrder.reportsFirst = reportsFirst;
  const ir = irFor(scope);
  const data = loadDataset(ir, { reps: people, sales: salesCsv });
  return toJson(evaluate(ir, data, { trace, ...(periods ? { periods } : {}) }));
}

afterEach(() => {
  evaluationOrder.reportsFirst = true;
});

describe("reports-first evaluation order", () => {
  it("gives the id-order result byte for byte (random hierarchies, cycles, unknown managers, diagnostics)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(person, { selector: (p) => p.id, minLength: 1, maxLength: 8 }),
        fc.array(sale, { maxLength: 30 }),
        fc.constantFrom("team" as const, "reports" as const),
        fc.boolean(),
        fc.constantFrom(undefined, ["2026-Q2", "2026-Q4"]),
        (ps, ss, scope, trace, periods) => {
          const people = csv("id,manager,start,end,divisor", ...ps.map((p) => `${p.id},${p.manager === p.id ? "" : p.manager},${p.start},,${p.divisor}`));
          const salesCsv = csv("id,date,rep,amount", ...ss.map((s, k) => `s${k},2026-${String(s.month).padStart(2, "0")}-15,${s.rep},${s.amount}`));
          expect(bytes(scope, people, salesCsv, trace, true, periods)).toBe(bytes(scope, people, salesCsv, trace, false, periods));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a run with and without a diagnostic met by a manager's team read gives the id-order bytes", () => {
    // z9 manages y8, which manages a1 and b2: reports first evaluates a1, b2, y8, z9.
    const salesCsv = csv("id,date,rep,amount", "s1,2026-01-10,a1,500", "s2,2026-05-11,b2,70");
    for (const d of ["1", "0"]) {
      const people = csv("id,manager,start,end,divisor", `z9,,,,${d}`, "y8,z9,,,1", "a1,y8,,,1", "b2,y8,,,1");
      for (const trace of [false, true]) {
        expect(bytes("team", people, salesCsv, trace, true)).toBe(bytes("team", people, salesCsv, trace, false));
      }
    }
  });
});
