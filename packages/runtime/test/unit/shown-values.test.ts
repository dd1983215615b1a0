import { describe, expect, it } from "vitest";
import type { ComponentIR, Expr } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import { arith, col, component, csv, direct, measure, money, plan, reps, sales, sumOf, value } from "../helpers/ir.js";

// A value computed only to be shown in the result's measures (a manager's attainment without quota)
// raises no R0040; the same division by zero inside a component's computation still does, also
// when the value was first computed for the measures and only later used by a line.

const quota: Expr = { op: "person", type: "money[EUR]", column: "quota" };
const attainment = measure("attainment", arith("div", sumOf("direct", "amount"), quota, "ratio"));
const hasQuota: Expr = { op: "gt", type: "bool", args: [quota, money("0")] };
const bonus = (eligible: Expr | null): ComponentIR => component("bonus", arith("mul", money("100"), value("attainment", "ratio"), "money[EUR]"), { eligible });

function run(components: ComponentIR[], people: string) {
  const ir = plan({ tables: [reps(col("quota", "money[EUR]")), sales()], credits: [direct()], values: [attainment], components });
  const data = loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", "s1,2026-01-10,r1,500", "s2,2026-01-11,m1,70") });
  return evaluate(ir, data, { periods: ["2026-Q1"] });
}

const people = csv("id,manager,start,end,quota", "m1,,,,0", "r1,m1,,,1000");
const r0040 = (r: ReturnType<typeof run>) => r.diagnostics.filter((d) => d.code === "R0040");

describe("values computed only for the measures", () => {
  it("a manager without quota: attainment shown without value, no R0040", () => {
    const r = run([bonus(hasQuota)], people);
    expect(r.measures.find((m) => m.person === "m1" && m.name === "attainment")?.value).toBeNull();
    expect(r.measures.find((m) => m.person === "r1" && m.name === "attainment")?.value).toBe("0.5");
    expect(r0040(r)).toEqual([]);
  });

  it("the same division inside a component line is reported", () => {
    const r = run([bonus(null)], people);
    expect(r0040(r)).toHaveLength(1);
    expect(r0040(r)[0].context).toEqual({ person: "m1", period: "2026-Q1" });
  });

  it("a value first computed for the measures and then used by a later line is reported", () => {
    // a0 (no quota, not eligible) is evaluated before z9, whose override sums its reports' attainment.
    const override = component("override", arith("mul", money("10"), { op: "team", type: "ratio", scope: "reports", fn: "sum", target: { kind: "value", name: "attainment", args: [] } }, "money[EUR]"), {
      eligible: { op: "eq", type: "bool", args: [{ op: "person", type: "person", column: "id" }, { op: "const", type: "person", value: "z9" }] },
    });
    const r = run([bonus(hasQuota), override], csv("id,manager,start,end,quota", "a0,z9,,,0", "r1,z9,,,1000", "m1,,,,1", "z9,,,,1"));
    expect(r0040(r)).toHaveLength(1);
    expect(r0040(r)[0].context).toEqual({ person: "a0", period: "2026-Q1" });
  });
});

describe("untraced runs", () => {
  it("a line omitted for an eligibility without value leaves the other lines' (empty) traces alone", () => {
    // quota is optional here: m1's blank quota makes `quota > 0` have no value (an omitted line).
    const ir = plan({
      tables: [reps(col("quota", "money[EUR]", { optional: true })), sales()],
      credits: [direct()],
      values: [attainment],
      components: [bonus(hasQuota), component("flat", money("5"))],
    });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end,quota", "m1,,,,", "r1,,,,1000"), sales: csv("id,date,rep,amount", "s1,2026-01-10,r1,500") });
    const r = evaluate(ir, data, { periods: ["2026-Q1"], trace: false });
    expect(r.omitted.map((o) => [o.person, o.component])).toEqual([["m1", "bonus"]]);
    expect(r.lines.length).toBeGreaterThan(0);
    expect(r.lines.every((l) => l.trace.steps.length === 0)).toBe(true);
    expect(r.omitted.every((o) => o.trace.steps.length === 0)).toBe(true);
  });
});
