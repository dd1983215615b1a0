import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Grain, PayIR, PayoutRulesIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { evaluate, explain, loadDataset, toCsv, toJson, toTable } from "../../src/index.js";
import { col, component, csv, money, plan, reps, table, value } from "../helpers/ir.js";

const earnedMeasure = { id: "m.earned", name: "earned", kind: "measure" as const, params: [], type: "money[EUR]", body: money("0") };
const approvals = table("approvals", [col("person", "person"), col("period", "period"), col("component", "text"), col("approver", "person", { optional: true })]);
const NO_RULES: PayoutRulesIR = { cap: null, guarantee: null, settle: null };

function months(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
}

/** A monthly plan paying `earned` (pinned per month) through one component held above `bound`. */
function holdPlan(bound: string, payout: Partial<PayoutRulesIR> = {}, reason: string | null = "windfall") {
  return plan({
    grain: "month",
    tables: [reps(), approvals],
    values: [earnedMeasure],
    components: [component("commission", value("earned"), { hold: { bound: money(bound), reason } })],
    payout: { ...NO_RULES, release: { table: "approvals" }, ...payout },
  });
}

function run(ir: ReturnType<typeof holdPlan>, earned: string[], approvalRows: string[] = [], options: { periods?: string[] } = {}) {
  const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), approvals: csv("person,period,component,approver", ...approvalRows) });
  const periods = months(earned.length);
  return evaluate(ir, data, { periods: options.periods ?? periods, overrides: earned.map((v, i) => ({ person: "p1", period: periods[i], name: "earned", value: v })) });
}

describe("hold above", () => {
  it.each([
    ["19999.99", "paid", "19999.99"],
    ["20000", "paid", "20000.00"],
    ["20000.01", "held", "0.00"],
    ["25000", "held", "0.00"],
  ])("a line of %s against a bound of 20000 is %s (payable %s): exactly at the bound is not held", (amount, status, payable) => {
    const r = run(holdPlan("20000"), [amount]);
    expect(r.lines[0]).toMatchObject({ amount: new Dec(amount).toFixed(2), status });
    expect(r.totals[0]!.payable).toBe(payable);
    expect(r.adjustments.map((a) => a.kind)).toEqual(status === "held" ? ["hold"] : []);
  });

  it("compares the final line: after the line's rounding (20000.004 rounds to the bound, not held)", () => {
    expect(run(holdPlan("20000"), ["20000.004"]).lines[0]!.status).toBe("paid");
    expect(run(holdPlan("20000"), ["20000.006"]).lines[0]!.status).toBe("held");
  });

  it("for any amount and bound, held exactly when the line is above the bound, and payable = earned − held", () => {
    const cents = fc.integer({ min: -5_000_000, max: 5_000_000 }).map((n) => new Dec(n).div(100));
    fc.assert(
      fc.property(cents, cents, (amount, bound) => {
        const r = run(holdPlan(bound.toFixed()), [amount.toFixed()]);
        const line = r.lines[0]!;
        const final = new Dec(line.amount);
        expect(line.status === "held").toBe(final.gt(bound));
        expect(new Dec(r.totals[0]!.payable).toFixed()).toBe(line.status === "held" ? "0" : final.toFixed());
      }),
      { numRuns: 60 },
    );
  });

  it("the hold adjustment comes after rounding and before the plan cap, guarantee and draw", () => {
    // Held 30000; the guarantee of 1500 then tops up the 0 that is due.
    const r = run(holdPlan("20000", { guarantee: { amount: "1500", per: "period", recoverable: false } }), ["30000"]);
    expect(r.adjustments.map((a) => `${a.kind} ${a.amount}`)).toEqual(["hold -30000.00", "guarantee 1500.00"]);
    expect(r.adjustments[0]).toMatchObject({ component: "commission", detail: "held for review: windfall (above 20000)" });
    expect(r.totals[0]).toMatchObject({ earned: "30000.00", adjustments: "-28500.00", payable: "1500.00" });
  });

  it("without a reason, the detail and the trace say so", () => {
    const r = run(holdPlan("100", {}, null), ["150"]);
    expect(r.adjustments[0]!.detail).toBe("held for review (above 100)");
    expect(r.lines[0]!.trace.steps.at(-1)).toEqual({ kind: "hold", bound: "100", reason: null, released: false });
  });

  it("a release row pays the line; the others of the file are reported when they release nothing", () => {
    const rows = ["p1,2026-02,commission,", "p1,2026-01,commission,", "p1,2026-02,bonus,", "p1,2031-05,commission,"];
    const r = run(holdPlan("1000"), ["500", "5000"], rows);
    expect(r.lines.map((l) => l.status)).toEqual(["paid", "paid"]);
    expect(r.totals.map((t) => t.payable)).toEqual(["500.00", "5000.00"]);
    expect(r.lines[1]!.trace.steps.at(-1)).toEqual({ kind: "hold", bound: "1000", reason: "windfall", released: true });
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.row} ${d.message}`)).toEqual([
      "R0046 approvals.csv:3 release of p1, 2026-01, 'commission' releases nothing: p1 has no held 'commission' line in 2026-01",
      "R0046 approvals.csv:4 release of p1, 2026-02, 'bonus' releases nothing: p1 has no held 'bonus' line in 2026-02",
      "R0046 approvals.csv:5 release of p1, 2031-05, 'commission' releases nothing: 2031-05 is not a period of the plan",
    ]);
    expect(r.complete).toBe(true);
  });

  it("a release row of a period the run does not evaluate is left for the run that does", () => {
    const r = run(holdPlan("1000"), ["500", "5000"], ["p1,2026-02,commission,"], { periods: ["2026-01"] });
    expect(r.diagnostics).toEqual([]);
  });

  it("explain and the table show a held line", () => {
    const r = run(holdPlan("20000"), ["25000"]);
    const text = explain(r, { person: "p1", period: "2026-01" });
    expect(text).toContain("commission = 25000.00 EUR [held]");
    expect(text).toContain("above the hold bound 20000 (windfall): held for review, not paid");
    expect(text).toContain("hold (commission): -25000.00 — held for review: windfall (above 20000)");
    expect(toTable(r)).toMatch(/commission\s+25000\.00\s+held/);
  });
});

/** A plan earning `amounts[i]` in the i-th month of 2026, paid by the calendar `pay`. */
function payPlan(pay: PayIR | undefined, grain: Grain = "month") {
  return plan({
    grain,
    ...(pay ? { pay } : {}),
    tables: [reps()],
    values: [earnedMeasure],
    components: [component("commission", value("earned"))],
  });
}

function runPay(ir: ReturnType<typeof payPlan>, amounts: string[], options: { periods?: string[]; from?: string; to?: string } = {}) {
  const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,", "p2,,,") });
  const periods = ir.plan.grain === "month" ? months(12) : ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
  const overrides = periods.flatMap((p, i) => [
    { person: "p1", period: p, name: "earned", value: amounts[i % amounts.length]! },
    { person: "p2", period: p, name: "earned", value: "1" },
  ]);
  return evaluate(ir, data, { ...options, overrides });
}

describe("pay every|next", () => {
  const amounts = ["100", "200.5", "300", "0", "50", "60", "70", "80", "90", "100", "110", "700"];

  it.each([
    ["every", "month", "2026-01", "2026-12", 12],
    ["next", "month", "2026-02", "2027-01", 12],
    ["every", "quarter", "2026-Q1", "2026-Q4", 4],
    ["next", "quarter", "2026-Q2", "2027-Q1", 4],
    ["every", "year", "2026-Y", "2026-Y", 1],
    ["next", "year", "2027-Y", "2027-Y", 1],
  ] as const)("pay %s %s: first paid in %s, last in %s, %i payments", (timing, grain, first, last, count) => {
    const r = runPay(payPlan({ timing, grain }), amounts);
    const p1 = r.payments!.filter((p) => p.person === "p1");
    expect(p1.length).toBe(count);
    expect([p1[0]!.payPeriod, p1.at(-1)!.payPeriod]).toEqual([first, last]);
    // Every evaluated month is paid exactly once, in order, and the payments add up to the payables.
    expect(p1.flatMap((p) => p.periods)).toEqual(months(12));
    const paid = p1.reduce((s, p) => s.plus(p.amount), new Dec(0));
    const payable = r.totals.filter((t) => t.person === "p1").reduce((s, t) => s.plus(t.payable), new Dec(0));
    expect(paid.toFixed()).toBe(payable.toFixed());
    expect(p1.some((p) => p.partial)).toBe(false);
  });

  it("a quarter's payment pays its three months; the quarter after with `next`", () => {
    const every = runPay(payPlan({ timing: "every", grain: "quarter" }), amounts).payments!;
    expect(every[0]).toEqual({ person: "p1", payPeriod: "2026-Q1", amount: "600.50", periods: ["2026-01", "2026-02", "2026-03"] });
    const next = runPay(payPlan({ timing: "next", grain: "quarter" }), amounts).payments!;
    expect(next.find((p) => p.person === "p1" && p.payPeriod === "2027-Q1")).toEqual({ person: "p1", payPeriod: "2027-Q1", amount: "910.00", periods: ["2026-10", "2026-11", "2026-12"] });
  });

  it("for any selection of months, payments add up to the selected payables, partial where a pay period lost a month", () => {
    const pays = fc.record({ timing: fc.constantFrom("every" as const, "next" as const), grain: fc.constantFrom<Grain>("month", "quarter", "half", "year") });
    fc.assert(
      fc.property(pays, fc.subarray(months(12), { minLength: 1 }), (pay, selected) => {
        const r = runPay(payPlan(pay), amounts, { periods: selected });
        for (const person of ["p1", "p2"]) {
          const mine = r.payments!.filter((p) => p.person === person);
          expect(mine.flatMap((p) => p.periods)).toEqual(selected);
          const paid = mine.reduce((s, p) => s.plus(p.amount), new Dec(0));
          const payable = r.totals.filter((t) => t.person === person).reduce((s, t) => s.plus(t.payable), new Dec(0));
          expect(paid.toFixed()).toBe(payable.toFixed());
        }
        const size = { month: 1, quarter: 3, half: 6, year: 12 }[pay.grain];
        for (const p of r.payments!) expect(p.partial === true).toBe(p.periods.length < size);
      }),
      { numRuns: 40 },
    );
  });

  it("quarterly plan paid yearly: the year pays its four quarters", () => {
    const r = runPay(payPlan({ timing: "every", grain: "year" }, "quarter"), ["10", "20", "30", "40"]);
    expect(r.payments!.filter((p) => p.person === "p1")).toEqual([{ person: "p1", payPeriod: "2026-Y", amount: "100.00", periods: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] }]);
  });

  it("without pay, the result has no payments and its JSON and CSV are unchanged", () => {
    const r = runPay(payPlan(undefined), amounts);
    expect(r).not.toHaveProperty("payments");
    expect(toJson(r)).not.toContain("payments");
    expect(toTable(r)).not.toContain("Payments");
    const withPay = runPay(payPlan({ timing: "every", grain: "month" }), amounts);
    expect(toCsv(withPay)).toBe(toCsv(r));
  });

  it("explain and the table say when a period is paid", () => {
    const r = runPay(payPlan({ timing: "next", grain: "quarter" }), amounts, { from: "2026-02" });
    expect(explain(r, { person: "p1", period: "2026-03" })).toContain("2026-03 is paid in 2026-Q2, with 2026-02: payment 500.50 EUR (partial: the run left out periods it also pays)");
    expect(toTable(r)).toMatch(/Payments:\n\s+person\s+paid in\s+amount\s+periods\n\s+p1\s+2026-Q2\s+500\.50\s+2026-02 2026-03\s+partial/);
  });
});
