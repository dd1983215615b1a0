import { describe, expect, it } from "vitest";
import type { TestIR } from "@carrot/ir";
import { evaluate, loadDataset, runTests } from "../../src/index.js";
import { col, component, csv, direct, plan, reps, sales, sumOf, value } from "../helpers/ir.js";

const revenue = { id: "m.revenue", name: "revenue", kind: "measure" as const, params: [], type: "money[EUR]", body: sumOf("direct", "amount") };
const commission = component("commission", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [value("revenue"), { op: "const", type: "ratio", value: "0.1" }] });

function test(name: string, body: Partial<TestIR>): TestIR {
  return { id: `test:${name}`, name, period: null, givenValues: [], givenRows: [], expects: [], ...body };
}

describe("runTests", () => {
  const tests = [
    test("given value pins a measure for the test person", {
      givenValues: [{ name: "revenue", args: [], value: "1234.5", type: "money[EUR]" }],
      expects: [
        { target: "component", name: "commission", args: [], person: null, value: "123.45", type: "money[EUR]" },
        { target: "total", name: "total", args: [], person: null, value: "123.45", type: "money[EUR]" },
      ],
    }),
    test("given rows credit a given person", {
      period: "2026-Q2",
      givenRows: [
        { table: "reps", row: { id: "p1" } },
        { table: "sales", row: { id: "s1", date: "2026-04-02", rep: "p1", amount: "1000" } },
      ],
      expects: [
        { target: "value", name: "revenue", args: [], person: "p1", value: "1000", type: "money[EUR]" },
        { target: "component", name: "commission", args: [], person: "p1", value: "100.00", type: "money[EUR]" },
      ],
    }),
    test("a wrong expectation fails with expected, actual and the trace", {
      givenValues: [{ name: "revenue", args: [], value: "10", type: "money[EUR]" }],
      expects: [{ target: "component", name: "commission", args: [], person: null, value: "2", type: "money[EUR]" }],
    }),
    test("a bad given cell fails the test with its diagnostic", {
      givenRows: [{ table: "sales", row: { id: "s1", date: "2026-13-01", rep: "test", amount: "1" } }],
      expects: [{ target: "total", name: "total", args: [], person: null, value: "0", type: "money[EUR]" }],
    }),
  ];
  const ir = plan({ tables: [reps(col("level", "text")), sales()], credits: [direct()], values: [revenue], components: [commission] }, tests);
  const outcomes = runTests(ir);

  it("passes exact decimal comparisons (123.45 = 123.450) in the plan's first period by default", () => {
    expect(outcomes[0]).toMatchObject({ passed: true, period: "2026-Q1" });
    expect(outcomes[0].expectations.map((e) => [e.person, e.actual])).toEqual([
      ["test", "123.45"],
      ["test", "123.45"],
    ]);
  });

  it("evaluates given rows in the test's period, for the given person", () => {
    expect(outcomes[1].passed).toBe(true);
  });

  it("reports expected, actual and the trace of a failing expectation", () => {
    const failed = outcomes[2].expectations[0];
    expect(outcomes[2].passed).toBe(false);
    expect([failed.expected, failed.actual]).toEqual(["2", "1.00"]);
    expect(JSON.stringify(failed.trace)).toContain('"name":"revenue"');
  });

  it("a bad given cell is a failing diagnostic, not a crash", () => {
    expect(outcomes[3].passed).toBe(false);
    expect(outcomes[3].diagnostics.map((d) => [d.code, d.column])).toEqual([["R0022", "date"]]);
  });
});

describe("run options and rounding", () => {
  it("from/to select a range of the plan's periods", () => {
    const ir = plan({ grain: "month", tables: [reps()], components: [component("fixed", { op: "const", type: "money[EUR]", value: "1" })] });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") }), { from: "2026-03", to: "2026-05" });
    expect(r.periods).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(r.totals.map((t) => t.period)).toEqual(["2026-03", "2026-04", "2026-05"]);
  });

  it("rounding on component rounds each component's sum over its members, reported as a rounding adjustment", () => {
    const ir = plan({
      rounding: { scale: 2, mode: "half_up", on: "component" },
      dimensions: [{ id: "d.C", name: "C", parent: null, members: [{ name: "a", parent: null }, { name: "b", parent: null }] }],
      tables: [reps()],
      components: [component("split", { op: "const", type: "money[EUR]", value: "0.0025" }, { forEach: { name: "c", dimension: "C" } })],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") }), { periods: ["2026-Q1"] });
    // Lines 0.0025 + 0.0025 = 0.005 → 0.01 (half up): adjustment +0.005.
    expect(r.lines.map((l) => l.amount)).toEqual(["0.0025", "0.0025"]);
    expect(r.adjustments.map((a) => [a.kind, a.component, a.amount])).toEqual([["rounding", "split", "0.005"]]);
    expect(r.totals[0].payable).toBe("0.01");
  });
});
