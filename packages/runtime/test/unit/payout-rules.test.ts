import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ComponentIR, Expr, PayoutRulesIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { evaluate, loadDataset } from "../../src/index.js";
import { col, component, csv, money, plan, reps, table, value } from "../helpers/ir.js";

const earnedMeasure = { id: "m.earned", name: "earned", kind: "measure" as const, params: [], type: "money[EUR]", body: money("0") };
const payments = table("payments", [col("person", "person"), col("period", "period"), col("amount", "money[EUR]")]);

function monthly(payout: Partial<PayoutRulesIR>, comp: Partial<ComponentIR> = {}, extraTables = [payments]) {
  return plan({
    grain: "month",
    tables: [reps(), ...extraTables],
    values: [earnedMeasure],
    components: [component("pay", value("earned"), comp)],
    payout: { cap: null, guarantee: null, settle: null, ...payout },
  });
}

/** Runs months 01..n with `earned` pinned per month. */
function runMonths(ir: ReturnType<typeof monthly>, earned: string[], paymentsCsv = csv("person,period,amount")) {
  const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), payments: paymentsCsv });
  const periods = earned.map((_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
  const r = evaluate(ir, data, { periods, overrides: earned.map((v, i) => ({ person: "p1", period: periods[i], name: "earned", value: v })) });
  const adj = (period: string) => r.adjustments.filter((a) => a.period === period).map((a) => `${a.kind} ${a.amount}`);
  return { r, payable: r.totals.map((t) => t.payable), adj };
}

describe("plan-level payout rules", () => {
  it("recoverable draw: topped up to the guarantee, the balance recovered from later earnings above it", () => {
    // G = 1500. Jan earns 1000 → draw 500 (balance 500). Feb earns 1800 → recover min(500, 300) = 300
    // (balance 200). Mar earns 2000 → recover min(200, 500) = 200 (balance 0).
    const ir = monthly({ guarantee: { amount: "1500", per: "period", recoverable: true } });
    const { payable, adj } = runMonths(ir, ["1000", "1800", "2000"]);
    expect(payable).toEqual(["1500.00", "1500.00", "1800.00"]);
    expect([adj("2026-01"), adj("2026-02"), adj("2026-03")]).toEqual([["draw 500.00"], ["recovery -300.00"], ["recovery -200.00"]]);
  });

  it("a period's figures do not depend on which other periods the run asks for", () => {
    const ir = monthly({ guarantee: { amount: "1500", per: "period", recoverable: true }, cap: { amount: "4000", per: "year" } });
    const earned = ["1000", "1800", "2000", "900"];
    const full = runMonths(ir, earned).r;
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), payments: csv("person,period,amount") });
    const overrides = earned.map((v, i) => ({ person: "p1", period: `2026-0${i + 1}`, name: "earned", value: v }));
    const alone = evaluate(ir, data, { periods: ["2026-03"], overrides });
    expect(alone.totals).toEqual(full.totals.filter((t) => t.period === "2026-03"));
    expect(alone.adjustments).toEqual(full.adjustments.filter((a) => a.period === "2026-03"));
  });

  it("nonrecoverable guarantee is never recovered", () => {
    const ir = monthly({ guarantee: { amount: "1500", per: "period", recoverable: false } });
    expect(runMonths(ir, ["1000", "1800"]).payable).toEqual(["1500.00", "1800.00"]);
  });

  it("cap per year caps the year-to-date total; cap per period each period", () => {
    // Cap 5000 per year: 2000, 2000, 2000 → 2000, 2000, 1000 (cap -1000), then 0.
    const yearly = monthly({ cap: { amount: "5000", per: "year" } });
    const y = runMonths(yearly, ["2000", "2000", "2000", "500"]);
    expect(y.payable).toEqual(["2000.00", "2000.00", "1000.00", "0.00"]);
    expect(y.adj("2026-03")).toEqual(["cap -1000.00"]);
    const perPeriod = monthly({ cap: { amount: "1500", per: "period" } });
    expect(runMonths(perPeriod, ["2000", "1000"]).payable).toEqual(["1500.00", "1000.00"]);
  });

  it("settle cumulative: pays YTD earned minus what the payments table says was paid", () => {
    // Jan earned 1000, recorded paid 800: January is closed, its payment is the 800 paid (a
    // settlement of −200); Feb pays (1000 + 500) − 800 = 700.
    const ir = monthly({ settle: { table: "payments", carry: false } });
    const { payable, adj } = runMonths(ir, ["1000", "500"], csv("person,period,amount", "p1,2026-01,800"));
    expect(payable).toEqual(["800.00", "700.00"]);
    expect(adj("2026-01")).toEqual(["settlement -200.00"]);
    expect(adj("2026-02")).toEqual(["settlement 200.00"]);
  });

  it("settle cumulative: missing payment rows of earlier periods of the run count as paid by this run", () => {
    const ir = monthly({ settle: { table: "payments", carry: false } });
    expect(runMonths(ir, ["1000", "500"]).payable).toEqual(["1000.00", "500.00"]);
  });

  it("clawback: a negative settlement is paid back unless carried", () => {
    // Paid 3000 in Jan for earnings of 1000 (recorded), Feb earns 500: 1500 − 3000 = −1500.
    const claw = monthly({ settle: { table: "payments", carry: false } });
    const c = runMonths(claw, ["1000", "500"], csv("person,period,amount", "p1,2026-01,3000"));
    // January is closed at the 3000 paid (+2000 against its 1000 earned).
    expect(c.payable).toEqual(["3000.00", "-1500.00"]);
    expect(c.adj("2026-02")).toEqual(["settlement -500.00", "clawback -1500.00"]);
    const carry = monthly({ settle: { table: "payments", carry: true } });
    const k = runMonths(carry, ["1000", "500", "2000"], csv("person,period,amount", "p1,2026-01,3000"));
    // Jan closed at 3000; Feb pays 0 (the −1500 is carried); Mar: 3500 − (3000 + 0) = 500.
    expect(k.payable).toEqual(["3000.00", "0.00", "500.00"]);
  });
});

describe("component clauses", () => {
  it("gate closed gives a line of zero, floor raises, cap lowers, a negative payout is floored unless allowed", () => {
    const gate: Expr = { op: "ge", type: "bool", args: [value("earned"), money("100")] };
    const ir = plan({
      grain: "month",
      tables: [reps()],
      values: [earnedMeasure],
      components: [
        component("gated", value("earned"), { gate }),
        component("floored", value("earned"), { floor: money("50") }),
        component("capped", value("earned"), { cap: { value: money("70"), per: "line" } }),
        component("negative", { op: "neg", type: "money[EUR]", sig: "-money", args: [value("earned")] }),
        component("negative_allowed", { op: "neg", type: "money[EUR]", sig: "-money", args: [value("earned")] }, { allowNegative: true }),
      ],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") }), {
      periods: ["2026-01"],
      overrides: [{ person: "p1", name: "earned", value: "40" }],
    });
    expect(r.lines.map((l) => [l.component, l.amount, l.status])).toEqual([
      ["capped", "40.00", "paid"],
      ["floored", "50.00", "floored"],
      ["gated", "0.00", "gated"],
      ["negative", "0.00", "negative-floored"],
      ["negative_allowed", "-40.00", "paid"],
    ]);
  });

  it("property: a line never exceeds its cap per year, summed over the year", () => {
    const ir = monthly({}, { cap: { value: money("1000"), per: "year" } });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 12 }), (cents) => {
        const { r } = runMonths(ir, cents.map((x) => new Dec(x).div(100).toFixed()));
        const sum = r.lines.reduce((s, l) => s.plus(l.amount), new Dec(0));
        expect(sum.lte(1000)).toBe(true);
        expect(r.lines.every((l) => new Dec(l.amount).lte(1000))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("an eligibility without value (a blank level) is reported as an omitted line, not silently dropped", () => {
    const level = { op: "person" as const, type: "member[Level]", column: "level" };
    const ir = plan({
      dimensions: [{ id: "d.Level", name: "Level", parent: null, members: [{ name: "Rep", parent: null }, { name: "Manager", parent: null }] }],
      tables: [reps(col("level", "member[Level]", { optional: true }))],
      components: [component("allowance", money("100"), { eligible: { op: "ne", type: "bool", args: [level, { op: "const", type: "member[Level]", value: "Manager" }] } })],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end,level", "a,,,,", "b,,,,Rep", "m,,,,Manager") }), { periods: ["2026-Q1"] });
    expect(r.lines.map((l) => l.person)).toEqual(["b"]);
    expect(r.omitted.map((o) => [o.person, o.component])).toEqual([["a", "allowance"]]);
    expect(r.omitted[0].trace.steps).toContainEqual({ kind: "eligible", value: null });
  });

  it("rounding on total rounds only the period total, reported as a rounding adjustment", () => {
    const ir = plan({
      rounding: { scale: 0, mode: "half_up", on: "total" },
      tables: [reps()],
      values: [earnedMeasure],
      components: [component("a", value("earned")), component("b", value("earned"))],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") }), {
      periods: ["2026-Q1"],
      overrides: [{ person: "p1", name: "earned", value: "10.25" }],
    });
    // Lines 10.25 + 10.25 = 20.5 → 21 (half up).
    expect(r.lines.map((l) => l.amount)).toEqual(["10.25", "10.25"]);
    expect(r.totals[0]).toMatchObject({ earned: "20.5", adjustments: "0.5", payable: "21" });
  });
});

describe("employment", () => {
  it("no guarantee for a period the person is only credited in, before the start date", () => {
    const ir = plan({
      grain: "month",
      tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("amount", "money[EUR]")])],
      credits: [{ id: "credit.direct", name: "direct", source: "sales", dated: null, join: null, to: { op: "column", type: "person", table: "sales", column: "rep" }, split: null, rollup: null }],
      components: [component("pay", { op: "aggregate", type: "money[EUR]", fn: "sum", source: { kind: "credit", rule: "direct" }, value: { op: "column", type: "money[EUR]", table: "direct", column: "amount" }, where: null })],
      payout: { cap: null, guarantee: { amount: "300", per: "period", recoverable: false }, settle: null },
    });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "h,,2026-02-01,"), sales: csv("id,date,rep,amount", "s1,2026-01-20,h,50") });
    const r = evaluate(ir, data, { periods: ["2026-01", "2026-02"] });
    expect(r.totals.map((t) => [t.period, t.payable])).toEqual([
      ["2026-01", "50.00"],
      ["2026-02", "300.00"],
    ]);
  });
});

describe("settlement across periods where the person is not evaluated", () => {
  it("a payment recorded for a period before the start (an advance) counts as already paid", () => {
    const ir = monthly({ settle: { table: "payments", carry: false } });
    const data = loadDataset(ir, {
      reps: csv("id,manager,start,end", "p1,,2026-03-01,"),
      payments: csv("person,period,amount", "p1,2026-02,100"),
    });
    const r = evaluate(ir, data, { periods: ["2026-02", "2026-03"], overrides: [{ person: "p1", name: "earned", value: "500" }] });
    // February: not evaluated (not yet employed). March: 500 earned − 100 paid in February = 400.
    expect(r.totals.map((t) => [t.period, t.payable])).toEqual([["2026-03", "400.00"]]);
  });
});
