import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CreditIR, Expr } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { evaluate, loadDataset, toJson } from "../../src/index.js";
import { col, column_, component, csv, direct, plan, reps, sales, sumOf, table, value } from "../helpers/ir.js";
import { shuffle } from "../helpers/data.js";

const coverage = table("coverage", [col("territory", "text"), col("person", "person"), col("start", "date"), col("end", "date", { optional: true }), col("share", "ratio", { optional: true })]);
const territorySales = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("territory", "text"), col("amount", "money[EUR]")]);

function territoryCredit(split: boolean): CreditIR {
  const on: Expr = {
    op: "and",
    type: "bool",
    args: [
      { op: "eq", type: "bool", args: [column_("coverage", "territory", "text"), column_("sales", "territory", "text")] },
      { op: "in_range", type: "bool", value: column_("sales", "date", "date"), from: column_("coverage", "start", "date"), to: column_("coverage", "end", "date") },
    ],
  };
  return {
    id: "credit.tc",
    name: "tc",
    source: "sales",
    dated: "date",
    join: { table: "coverage", on },
    to: column_("coverage", "person", "person"),
    split: split ? column_("coverage", "share", "ratio") : null,
    rollup: null,
  };
}

function territoryPlan(split: boolean, extraCredits: CreditIR[] = []) {
  return plan({
    tables: [reps(), territorySales, coverage],
    credits: [territoryCredit(split), ...extraCredits],
    values: [
      { id: "m.revenue", name: "revenue", kind: "measure", params: [], type: "money[EUR]", body: sumOf("tc", "amount") },
      ...(extraCredits.length ? [{ id: "m.team", name: "team_revenue", kind: "measure" as const, params: [], type: "money[EUR]", body: sumOf("team_credit", "amount") }] : []),
    ],
    components: [component("pay", value("revenue")), ...(extraCredits.length ? [component("override", value("team_revenue"))] : [])],
  });
}

const people = csv("id,manager,start,end", "mgr,,,", "p1,mgr,,", "p2,mgr,,", "p3,,,");
const lineOf = (r: ReturnType<typeof evaluate>, person: string, comp = "pay") => r.lines.find((l) => l.person === person && l.period === "2026-Q1" && l.component === comp)?.amount;

describe("crediting", () => {
  it("split 60/40: each person gets their share of the row's value", () => {
    const ir = territoryPlan(true);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,60%", "T1,p2,2026-01-01,,0.4"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    // 1000 × 60% = 600; 1000 × 40% = 400.
    expect([lineOf(r, "p1"), lineOf(r, "p2")]).toEqual(["600.00", "400.00"]);
    expect(r.reconciliation[0]).toMatchObject({ amountIn: "1000", credited: "1000", uncredited: "0" });
  });

  it("shares that do not add up to 100% leave the row uncredited (split-not-100)", () => {
    const ir = territoryPlan(true);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000", "s2,2026-01-11,T9,5"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,60%", "T1,p2,2026-01-01,,30%"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(lineOf(r, "p1")).toBe("0.00");
    expect(r.reconciliation[0].uncreditedRows.map((u) => [u.key, u.reason, u.detail])).toEqual([
      ["s1", "split-not-100", "shares add up to 90%"],
      ["s2", "no-match", "no coverage row matches"],
    ]);
    expect(r.reconciliation[0]).toMatchObject({ amountIn: "1005", credited: "0", uncredited: "1005" });
  });

  it("mirror credit: without split every matching person is credited the full amount, counted once in reconciliation", () => {
    const ir = territoryPlan(false);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000", "s2,2026-03-01,T1,10"),
      // p2's coverage ended before s2: s2 credits p1 only.
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,", "T1,p2,2026-01-01,2026-02-28,"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect([lineOf(r, "p1"), lineOf(r, "p2")]).toEqual(["1010.00", "1000.00"]);
    expect(r.reconciliation[0]).toMatchObject({ amountIn: "1010", credited: "1010" });
  });

  it("overlapping join rows never credit the same row twice to the same person (reported, R0045)", () => {
    const ir = territoryPlan(false);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,", "T1,p1,2026-01-05,2026-01-31,"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(lineOf(r, "p1")).toBe("1000.00");
    expect(r.diagnostics.find((d) => d.code === "R0045")?.message).toContain("row s1 matches several coverage rows for 'p1'");
  });

  it("with several rules on a table, the reconciliation does not depend on the rules' names", () => {
    const byName = (a: string, b: string) => {
      const one = { ...territoryCredit(false), id: `credit.${a}`, name: a };
      const two = { ...direct(b, "sales", "territory"), to: column_("sales", "rep", "person") };
      return plan({ tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("territory", "text"), col("rep", "person", { optional: true }), col("amount", "money[EUR]")]), coverage], credits: [one, two] });
    };
    const files = {
      reps: people,
      sales: csv("id,date,territory,rep,amount", "s1,2026-01-10,T9,,5", "s2,2026-01-10,T9,p9,7"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,"),
    };
    const reasons = (ir: ReturnType<typeof byName>) => evaluate(ir, loadDataset(ir, files)).reconciliation.flatMap((x) => x.uncreditedRows.map((u) => [u.key, u.reason]));
    // s1: no-match (coverage) and no-person (direct) → no-person; s2: unknown-person wins.
    expect(reasons(byName("a_rule", "b_rule"))).toEqual([["s1", "no-person"], ["s2", "unknown-person"]]);
    expect(reasons(byName("z_rule", "b_rule"))).toEqual(reasons(byName("a_rule", "b_rule")));
  });

  it("rollup depth 1 credits the direct manager with the reports' credited rows", () => {
    const ir = territoryPlan(true, [{ id: "credit.team", name: "team_credit", source: null, dated: null, join: null, to: null, split: null, rollup: { rule: "tc", depth: 1 } }]);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000", "s2,2026-01-10,T2,70"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,60%", "T1,p2,2026-01-01,,40%", "T2,p3,2026-01-01,,1"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    // mgr: 600 (from p1) + 400 (from p2); p3 has no manager.
    expect(lineOf(r, "mgr", "override")).toBe("1000.00");
    expect(lineOf(r, "p3", "override")).toBe("0.00");
    const trace = r.lines.find((l) => l.person === "mgr" && l.component === "override")!.trace;
    // s1 is credited to mgr once, with the shares of p1 and p2 added (60% + 40%).
    expect(JSON.stringify(trace)).toContain('"keys":["s1"]');
  });

  it("rollup of mirror credit counts a row once for the manager of both credited reports", () => {
    const ir = territoryPlan(false, [{ id: "credit.team", name: "team_credit", source: null, dated: null, join: null, to: null, split: null, rollup: { rule: "tc", depth: null } }]);
    const data = loadDataset(ir, {
      reps: people,
      sales: csv("id,date,territory,amount", "s1,2026-01-10,T1,1000"),
      coverage: csv("territory,person,start,end,share", "T1,p1,2026-01-01,,", "T1,p2,2026-01-01,,"),
    });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    // p1 and p2 (both under mgr) are each credited 1000 in full; mgr's team counts s1 once.
    expect([lineOf(r, "p1"), lineOf(r, "p2"), lineOf(r, "mgr", "override")]).toEqual(["1000.00", "1000.00", "1000.00"]);
  });

  it("reports unknown and empty persons of direct credit", () => {
    const ir = plan({ tables: [reps(), sales()], credits: [direct()], values: [], components: [component("pay", sumOf("direct", "amount"))] });
    const data = loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", "s1,2026-01-10,,5", "s2,2026-01-10,p1,7") });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.reconciliation[0].uncreditedRows.map((u) => u.reason)).toEqual(["no-person"]);
  });

  it("property: whatever the rows, per period amount in = credited + uncredited and the JSON is the same for shuffled rows", () => {
    const ir = territoryPlan(true);
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      territory: fc.constantFrom("T1", "T2", "T3"),
      cents: fc.integer({ min: -100000, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer(), (rows, seed) => {
        const lines = rows.map((x, i) => `s${i},2026-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")},${x.territory},${new Dec(x.cents).div(100).toFixed(2)}`);
        const shuffled = shuffle(lines, seed);
        const cov = csv("territory,person,start,end,share", "T1,p1,2026-01-01,,60%", "T1,p2,2026-01-01,,40%", "T2,p3,2026-03-01,2026-08-31,100%", "T3,p1,2026-01-01,,50%");
        const a = evaluate(ir, loadDataset(ir, { reps: people, coverage: cov, sales: csv("id,date,territory,amount", ...lines) }));
        const b = evaluate(ir, loadDataset(ir, { reps: people, coverage: cov, sales: csv("id,date,territory,amount", ...shuffled) }));
        expect(toJson(b)).toBe(toJson(a));
        for (const rec of a.reconciliation) expect(new Dec(rec.amountIn).eq(new Dec(rec.credited).plus(rec.uncredited))).toBe(true);
        const total = a.reconciliation.reduce((s, r) => s.plus(r.amountIn), new Dec(0));
        expect(total.eq(rows.reduce((s, x) => s.plus(new Dec(x.cents).div(100)), new Dec(0)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
