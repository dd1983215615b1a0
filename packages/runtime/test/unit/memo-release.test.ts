import { describe, expect, it } from "vitest";
import type { Expr } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import { arith, col, component, csv, direct, measure, money, plan, reps, sales, sumOf, value } from "../helpers/ir.js";

// A person's memos are freed once nothing evaluated later reads them (the person done, and every
// manager above when the plan reads teams). Computing a value again would count its diagnostics
// twice: each division by zero below is computed, and counted, exactly once per person-period.

const zero: Expr = { op: "person", type: "number", column: "divisor" };
const broken = measure("broken", arith("div", sumOf("direct", "amount"), zero, "money[EUR]"));
const pay = component("pay", { op: "otherwise", type: "money[EUR]", args: [value("broken"), money("1")] });
const ytdPay = component("ytd_pay", { op: "accumulate", type: "money[EUR]", fn: "ytd", value: value("broken") });
const team = (scope: "team" | "reports"): Expr => ({ op: "team", type: "money[EUR]", scope, fn: "sum", target: { kind: "component", name: "pay", args: [] } });

function run(people: string, scope: "team" | "reports", periods?: string[]) {
  const ir = plan({
    tables: [reps(col("divisor", "number")), sales()],
    credits: [direct()],
    values: [broken],
    components: [pay, ytdPay, component("override", arith("mul", team(scope), { op: "const", type: "ratio", value: "0.1" }, "money[EUR]"), { order: 1 })],
  });
  const data = loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", "s1,2026-01-10,a1,500", "s2,2026-05-11,b2,70") });
  return evaluate(ir, data, periods ? { periods } : {});
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
