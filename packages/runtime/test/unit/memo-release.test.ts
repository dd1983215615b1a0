import { describe, expect, it } from "vitest";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import type { RunResult } from "../../src/result/types.js";
import { arith, col, component, csv, direct, measure, money, plan, reps, sales, sumOf, value } from "../helpers/ir.js";

// A person's memos are freed once nothing evaluated later reads them (the person done, and every
// manager above when the plan reads teams). Computing a value again would count its diagnostics
// twice: each division by zero below is computed, and counted, exactly once per person-period.

const zero: Expr = { op: "person", type: "number", column: "divisor" };
const broken = measure("broken", arith("div", sumOf("direct", "amount"), zero, "money[EUR]"));
const pay = component("pay", { op: "otherwise", type: "money[EUR]", args: [value("broken"), money("1")] });
const ytdPay = component("ytd_pay", { op: "accumulate", type: "money[EUR]", fn: "ytd", value: value("broken") });
const team = (scope: "team" | "reports"): Expr => ({ op: "team", type: "money[EUR]", scope, fn: "sum", target: { kind: "component", name: "pay", args: [] } });

function run(people: string, scope: "team" | "reports", periods?: string[], trace = true) {
  const ir = plan({
    tables: [reps(col("divisor", "number")), sales()],
    credits: [direct()],
    values: [broken],
    components: [pay, ytdPay, component("override", arith("mul", team(scope), { op: "const", type: "ratio", value: "0.1" }, "money[EUR]"), { order: 1 })],
  });
  const data = loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", "s1,2026-01-10,a1,500", "s2,2026-05-11,b2,70") });
  return evaluate(ir, data, { ...(periods ? { periods } : {}), trace });
}

const count = (r: ReturnType<typeof run>): string | undefined => r.diagnostics.find((d) => d.code === "R0040")?.message;

describe("memos freed once nothing later reads them", () => {
  for (const scope of ["team", "reports"] as const) {
    it(`managers sorted after their reports (${scope}): every value computed once`, () => {
      // z9 manages y8, which manages a1 and b2; c3 has no manager; everyone divides by zero.
      const people = csv("id,manager,start,end,divisor", "a1,y8,,,0", "b2,y8,,,0", "c3,,,,0", "y8,z9,,,0", "z9,,,,0");
      const r = run(people, scope);
      // 5 people × 4 quarters: `broken` computed once per person-period (ytd reads earlier quarters' memos).
      expect(count(r)).toBe(`division by zero in measure broken: no value (20 times; first shown)`);
      expect(r.lines.filter((l) => l.component === "override" && l.person === "z9").map((l) => l.amount)).toEqual(
        scope === "team" ? ["0.30", "0.30", "0.30", "0.30"] : ["0.10", "0.10", "0.10", "0.10"],
      );
    });
  }

  it("a reporting cycle still frees and terminates; one period asked: earlier ones computed once for ytd", () => {
    const people = csv("id,manager,start,end,divisor", "a1,b2,,,0", "b2,a1,,,0", "c3,a1,,,0");
    const r = run(people, "team", ["2026-Q3"]);
    // 3 people × Q1..Q3 (ytd of Q3 reads Q1 and Q2).
    expect(count(r)).toBe(`division by zero in measure broken: no value (9 times; first shown)`);
  });
});

/** The result without its traces. */
function figures(r: RunResult) {
  return {
    ...r,
    lines: r.lines.map(({ trace: _, ...l }) => l),
    omitted: r.omitted.map(({ trace: _, ...l }) => l),
  };
}

describe("untraced memos (values kept without entries)", () => {
  it("give the figures, measures and diagnostics of a traced run", () => {
    const cases: [string, "team" | "reports", string[] | undefined][] = [
      [csv("id,manager,start,end,divisor", "a1,y8,,,0", "b2,y8,,,1", "c3,,,,0", "y8,z9,,,2", "z9,,,,0"), "team", undefined],
      [csv("id,manager,start,end,divisor", "a1,b2,,,0", "b2,a1,,,0", "c3,a1,,,3"), "reports", ["2026-Q3"]],
    ];
    for (const [people, scope, periods] of cases) {
      expect(figures(run(people, scope, periods, false))).toEqual(figures(run(people, scope, periods, true)));
    }
  });

  it("a division held by a value computed for the measures is reported when a later line uses it, untraced too", () => {
    // a0's `ratio` is listed in the measures (quarters before z9 is evaluated) and divides by zero;
    // z9, evaluated after a0, sums its reports' ratio in a line: then the division is reported once.
    const ratio = measure("ratio", arith("div", sumOf("direct", "amount"), zero, "ratio"));
    const override = component("override", arith("mul", money("10"), { op: "team", type: "ratio", scope: "reports", fn: "sum", target: { kind: "value", name: "ratio", args: [] } }, "money[EUR]"), {
      eligible: { op: "eq", type: "bool", args: [{ op: "person", type: "person", column: "id" }, { op: "const", type: "person", value: "z9" }] },
    });
    const ir = plan({ tables: [reps(col("divisor", "number")), sales()], credits: [direct()], values: [ratio], components: [override] });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end,divisor", "a0,z9,,,0", "r1,z9,,,2", "z9,,,,1"), sales: csv("id,date,rep,amount", "s1,2026-01-10,r1,500") });
    const traced = evaluate(ir, data, { periods: ["2026-Q1"] });
    const untraced = evaluate(ir, data, { periods: ["2026-Q1"], trace: false });
    expect(untraced.diagnostics.filter((d) => d.code === "R0040")).toEqual([
      { code: "R0040", severity: "warning", message: "division by zero in measure ratio: no value", file: null, row: null, column: null, context: { person: "a0", period: "2026-Q1" } },
    ]);
    expect(figures(untraced)).toEqual(figures(traced));
  });
});

describe("evaluation diagnostics do not depend on the order person-periods are computed in", () => {
  it("the occurrence shown is the first in the result's order, and the list follows that order", async () => {
    const { Engine } = await import("../../src/evaluate/engine.js");
    const ir = plan({ tables: [reps(col("divisor", "number")), sales()], credits: [direct()], values: [broken], components: [pay] });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end,divisor", "z9,,,,0", "a1,z9,,,0", "m5,z9,,,0"), sales: csv("id,date,rep,amount") });
    const reports: [string, string, number, number][] = [
      ["R0040", "value:x", 2, 3],
      ["R0040", "value:x", 0, 2],
      ["R0040", "value:x", 1, 0],
      ["R0099", "value:y", 2, 1],
      ["R0099", "value:y", 2, 0],
    ];
    const shown = (order: number[]) => {
      const engine = new Engine(ir, data, false, []);
      for (const k of order) {
        const [code, where, row, period] = reports[k];
        engine.report(code, where, `${code} at ${engine.personIds[row]} ${engine.periods[period].id}`, engine.pp(row, period));
      }
      return engine.evaluationDiagnostics();
    };
    const forward = shown([0, 1, 2, 3, 4]);
    expect(shown([4, 3, 2, 1, 0])).toEqual(forward);
    expect(shown([2, 4, 0, 3, 1])).toEqual(forward);
    // Ids: a1 (row 1) < m5 (row 2) < z9 (row 0).
    const first = new Engine(ir, data, false, []).periods[0].id;
    expect(forward.map((d) => [d.code, d.context, d.message])).toEqual([
      ["R0040", { person: "a1", period: first }, `R0040 at a1 ${first} (3 times; first shown)`],
      ["R0099", { person: "m5", period: first }, `R0099 at m5 ${first} (2 times; first shown)`],
    ]);
  });
});
