import { describe, expect, it } from "vitest";
import { evaluate, loadDataset, toJson, type RunResult } from "../../src/index.js";
import { defineLazy } from "../../src/evaluate/line-columns.js";
import { arith, c, component, csv, direct, money, plan, ratio, reps, sales, sumOf } from "../helpers/ir.js";

// Result lines are kept as columns during the run and made into objects when `lines` is first read
// (line-columns.ts). The property must behave as the plain data property it replaced.

describe("defineLazy", () => {
  const make = () => {
    let calls = 0;
    const target = { a: 1, lines: [] as number[], z: 2 };
    defineLazy(target, "lines", () => {
      calls++;
      return [1, 2, 3];
    });
    return { target, calls: () => calls };
  };

  it("computes the value once, on the first read, and keeps the key order", () => {
    const { target, calls } = make();
    expect(calls()).toBe(0);
    expect(Object.keys(target)).toEqual(["a", "lines", "z"]);
    const first = target.lines;
    expect(first).toEqual([1, 2, 3]);
    expect(target.lines).toBe(first);
    expect(calls()).toBe(1);
    expect(JSON.stringify(target)).toBe('{"a":1,"lines":[1,2,3],"z":2}');
    // Once read, a plain data property.
    expect(Object.getOwnPropertyDescriptor(target, "lines")).toEqual({ value: first, writable: true, enumerable: true, configurable: true });
  });

  it("is seen by JSON.stringify, spread and structuredClone without a read before", () => {
    expect(JSON.stringify(make().target)).toBe('{"a":1,"lines":[1,2,3],"z":2}');
    expect({ ...make().target }).toEqual({ a: 1, lines: [1, 2, 3], z: 2 });
    expect(structuredClone(make().target)).toEqual({ a: 1, lines: [1, 2, 3], z: 2 });
  });

  it("an assignment replaces the value without computing it", () => {
    const { target, calls } = make();
    target.lines = [9];
    expect(target.lines).toEqual([9]);
    expect(calls()).toBe(0);
    expect(Object.keys(target)).toEqual(["a", "lines", "z"]);
  });

  it("a frozen object still gives the value (computed once)", () => {
    const { target, calls } = make();
    Object.freeze(target);
    expect(target.lines).toEqual([1, 2, 3]);
    expect(target.lines).toBe(target.lines);
    expect(calls()).toBe(1);
  });
});

describe("a run's lines", () => {
  // Grain month: 10% commission per person and month, rounded per line (half even), and a gate.
  const ir = plan({
    grain: "month",
    tables: [reps(), sales()],
    credits: [direct()],
    components: [
      component("commission", arith("mul", sumOf("direct", "amount"), ratio("0.1"))),
      component("gated", money("5"), { gate: { op: "gt", type: "bool", args: [sumOf("direct", "amount"), money("50")] } }),
    ],
  });
  const salesRows = ["S1,2026-01-05,R1,100.00", "S2,2026-02-05,R2,55.55", "S3,2026-02-07,R1,1.01"];
  const data = (rows: string[]) => loadDataset(ir, { "reps.csv": csv("id,manager,start,end", "R1,,,", "R2,R1,,"), "sales.csv": csv("id,date,rep,amount", ...rows) });

  it("are made once, when first read, the same traced or not and in any row order", () => {
    for (const trace of [true, false]) {
      const a: RunResult = evaluate(ir, data(salesRows), { trace, periods: ["2026-01", "2026-02"] });
      const b: RunResult = evaluate(ir, data([...salesRows].reverse()), { trace, periods: ["2026-01", "2026-02"] });
      const lines = a.lines;
      expect(a.lines).toBe(lines);
      expect(toJson(a)).toBe(toJson(b));
      // R1 Jan: 100.00 × 10% = 10.00, gate open (100 > 50); Feb: 1.01 × 10% = 0.101 → 0.10, gate
      // closed (a gated line of zero). R2 Jan: nothing sold; Feb: 55.55 × 10% = 5.555 → 5.56 (half even).
      expect(lines.map((l) => [l.person, l.period, l.component, l.amount, l.status])).toEqual([
        ["R1", "2026-01", "commission", "10.00", "paid"],
        ["R1", "2026-01", "gated", "5.00", "paid"],
        ["R1", "2026-02", "commission", "0.10", "paid"],
        ["R1", "2026-02", "gated", "0.00", "gated"],
        ["R2", "2026-01", "commission", "0.00", "paid"],
        ["R2", "2026-01", "gated", "0.00", "gated"],
        ["R2", "2026-02", "commission", "5.56", "paid"],
        ["R2", "2026-02", "gated", "5.00", "paid"],
      ]);
      expect(lines.every((l) => l.trace.rule.startsWith("component"))).toBe(true);
    }
  });

  it("keep amounts beyond the safe integers and unrounded digits exactly", () => {
    const wide = plan({
      grain: "month",
      rounding: { scale: 2, mode: "half_even", on: "total" },
      tables: [reps(), sales()],
      credits: [direct()],
      components: [
        component("huge", money("123456789012345678901.25")),
        component("thirds", arith("div", sumOf("direct", "amount"), c("3", "number"))),
      ],
    });
    const result = evaluate(wide, loadDataset(wide, { "reps.csv": csv("id,manager,start,end", "R1,,,"), "sales.csv": csv("id,date,rep,amount", "S1,2026-01-05,R1,100.00") }), {
      trace: false,
      periods: ["2026-01"],
    });
    expect(result.lines.map((l) => [l.component, l.amount])).toEqual([
      ["huge", "123456789012345678901.25"],
      // 100.00 / 3, unrounded on the line (rounding on total): every digit the division gives.
      ["thirds", result.lines[1].amount],
    ]);
    expect(result.lines[1].amount).toMatch(/^33\.3333333333+$/);
  });
});
