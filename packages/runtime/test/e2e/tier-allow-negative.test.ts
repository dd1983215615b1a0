/**
 * `t(x, allow negative)` (bug B19): a tier applied in a plan-level `let` prices a negative value at
 * the first band's rate when the application says so, as the same tier applied inside a component
 * that says `allow negative`; without the flag the `let` keeps its behaviour (retroactive: no
 * value, marginal: 0).
 */
import { describe, expect, it } from "vitest";
import { compile } from "@carrot/compiler";
import { Decimal } from "decimal.js";
import { evaluate, loadDataset, type RunResult } from "../../src/index.js";

const PLAN = `plan "B19" {
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}
people reps { id person key }
input sales { id text key  date date  rep person  amount money }
credit direct { from sales  to sales.rep }
measure revenue = sum(direct.amount)

tiers retro retroactive {
  0 EUR       .. 100000 EUR : 4%
  100000 EUR  ..            : 6%
}
tiers marg marginal {
  0 EUR       .. 100000 EUR : 4%
  100000 EUR  ..            : 6%
}

let retro_flag  = retro(revenue, allow negative)
let retro_plain = retro(revenue)
let marg_flag   = marg(revenue, allow negative)
let marg_plain  = marg(revenue)

component retro_inline { payout retro(revenue)  allow negative }
component retro_let    { payout retro_flag      allow negative }
component retro_old    { payout retro_plain     allow negative }
component marg_inline  { payout marg(revenue)   allow negative }
component marg_let     { payout marg_flag       allow negative }
component marg_old     { payout marg_plain      allow negative }
`;

const DATA = {
  "reps.csv": "id\nA\nB\n",
  // A: a return of 20,000 (negative quarter); B: 150,000 (both bands).
  "sales.csv": "id,date,rep,amount\nA-1,2026-02-10,A,-20000\nB-1,2026-02-10,B,150000\n",
};

function run(): RunResult {
  const r = compile({ root: "/ws", entry: "plan.carrot", readFile: (p) => (p === "/ws/plan.carrot" ? PLAN : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return evaluate(r.ir!, loadDataset(r.ir!, DATA));
}

const amount = (r: RunResult, person: string, component: string) => {
  const l = r.lines.find((x) => x.person === person && x.period === "2026-Q1" && x.component === component);
  return l === undefined ? undefined : new Decimal(l.amount).toFixed(2);
};

describe("t(x, allow negative) in a plan-level let", () => {
  const r = run();

  it("retroactive: the let with the flag pays what the inline tier pays in an `allow negative` component", () => {
    expect(amount(r, "A", "retro_inline")).toBe("-800.00");
    expect(amount(r, "A", "retro_let")).toBe("-800.00");
    expect(amount(r, "B", "retro_inline")).toBe("9000.00");
    expect(amount(r, "B", "retro_let")).toBe("9000.00");
  });

  it("marginal: the let with the flag pays what the inline tier pays in an `allow negative` component", () => {
    expect(amount(r, "A", "marg_inline")).toBe("-800.00");
    expect(amount(r, "A", "marg_let")).toBe("-800.00");
    expect(amount(r, "B", "marg_inline")).toBe("7000.00");
    expect(amount(r, "B", "marg_let")).toBe("7000.00");
  });

  it("without the flag the let keeps today's behaviour: no value (retroactive), 0 (marginal)", () => {
    expect(amount(r, "A", "retro_old")).toBeUndefined();
    expect(r.omitted.some((o) => o.person === "A" && o.component === "retro_old")).toBe(true);
    expect(amount(r, "A", "marg_old")).toBe("0.00");
    expect(amount(r, "B", "retro_old")).toBe("9000.00");
    expect(amount(r, "B", "marg_old")).toBe("7000.00");
  });
});
