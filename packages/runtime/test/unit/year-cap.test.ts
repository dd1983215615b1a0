/**
 * `cap X per year` (bug B20): the year pays min(X, what it earned) in total, what it earned being
 * the lines without the cap (negative-floored unless `allow negative`), on a component and on the
 * plan's total alike; a cap never reached changes nothing. Checked against a model in integer
 * cents over random monthly sales and returns.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, loadDataset } from "../../src/index.js";
import { component, csv, direct, money, plan, reps, sales, sumOf } from "../helpers/ir.js";

const MONTHS = 12;
const month = (m: number): string => `2026-${String(m + 1).padStart(2, "0")}`;
const cents = (text: string): number => Math.round(Number(text) * 100);
const text = (c: number): string => (c < 0 ? "-" : "") + `${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;

/** Per month, what the year-capped line pays (cents): the model. */
function model(earned: number[], cap: number, allowNegative: boolean): number[] {
  let earnedSum = 0;
  let paidSum = 0;
  return earned.map((e) => {
    const line = allowNegative ? e : Math.max(0, e);
    earnedSum += line;
    let pay = Math.min(cap, earnedSum) - paidSum;
    if (!allowNegative && pay < 0) pay = 0;
    paidSum += pay;
    return pay;
  });
}

function run(monthly: number[], cap: number, allowNegative: boolean, where: "component" | "plan") {
  const capped = where === "component" ? { cap: { value: money(text(cap)), per: "year" as const }, allowNegative } : { allowNegative: true };
  const ir = plan({
    grain: "month",
    tables: [reps(), sales()],
    credits: [direct()],
    components: [component("commission", sumOf("direct", "amount"), capped)],
    ...(where === "plan" ? { payout: { cap: { amount: text(cap), per: "year" }, guarantee: null, settle: null } } : {}),
  });
  const rows = monthly.map((c, m) => `s${m},${month(m)}-15,p1,${text(c)}`);
  const result = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), sales: csv("id,date,rep,amount", ...rows) }), { trace: false });
  return Array.from({ length: MONTHS }, (_, m) => cents(result.totals.find((t) => t.period === month(m))!.payable));
}

const monthly = fc.array(fc.integer({ min: -300_000, max: 600_000 }), { minLength: MONTHS, maxLength: MONTHS });

describe("cap per year", () => {
  it("property: a component's year pays min(cap, earned) in total, month by month as the model", () => {
    fc.assert(
      fc.property(monthly, fc.integer({ min: 0, max: 3_000_000 }), fc.boolean(), (m, cap, allowNegative) => {
        expect(run(m, cap, allowNegative, "component")).toEqual(model(m, cap, allowNegative));
      }),
      { numRuns: 60 },
    );
  });

  it("property: the plan's cap per year pays the same way (on the total, negatives allowed)", () => {
    fc.assert(
      fc.property(monthly, fc.integer({ min: 0, max: 3_000_000 }), (m, cap) => {
        expect(run(m, cap, true, "plan")).toEqual(model(m, cap, true));
      }),
      { numRuns: 60 },
    );
  });

  it("property: a cap never reached changes nothing", () => {
    fc.assert(
      fc.property(monthly, fc.boolean(), (m, allowNegative) => {
        const unreachable = 12 * 600_000 + 1;
        expect(run(m, unreachable, allowNegative, "component")).toEqual(m.map((c) => (allowNegative ? c : Math.max(0, c))));
      }),
      { numRuns: 40 },
    );
  });

  it("the worked case: 1,200 earned in January under a 1,000 cap, returns of 100 in February and 300 in March", () => {
    // Jan: 1,200 earned, 1,000 paid (the cap cuts 200); Feb: −100 (1,100 earned to date, still
    // above the cap): 0 due; Mar: −300 (800 to date): the year's pay becomes 800, −200 clawed back.
    expect(run([120_000, -10_000, -30_000, 0, 0, 0, 0, 0, 0, 0, 0, 0], 100_000, true, "component").slice(0, 3)).toEqual([100_000, 0, -20_000]);
  });
});
