import type { Expr, ValueIR } from "@carrot/ir";
import { readAcceptances, type PersonInfo, type ReportInput, type ResultView } from "../../src/index.js";
import { component, plan, tiers } from "./ir.js";

const cat = (name: string): Expr => ({ op: "param", type: "member[Category]", name });
const ref = (name: string, type = "money[EUR]"): Expr => ({ op: "value", type, name, args: [cat("c")] });
const value = (name: string, kind: ValueIR["kind"], type = "money[EUR]"): ValueIR => ({
  id: `value.${name}`,
  name,
  kind,
  params: [{ name: "c", dimension: "Category" }],
  type,
  body: { op: "const", type, value: "0" },
});

/** A plan with `commission = rate(revenue(c), quota: quota(c))` and an override for managers. */
export const reportIr = plan({
  values: [
    value("quota", "quota"),
    value("revenue", "measure"),
    { ...value("attainment", "measure", "ratio"), body: { op: "div", type: "ratio", sig: "money/money", args: [ref("revenue"), ref("quota")] } },
  ],
  tiers: [
    tiers("rate", [
      ["0", "1", "0.05"],
      ["1", "1.25", "0.1"],
      ["1.25", null, "0"],
    ]),
  ],
  components: [
    { ...component("commission", { op: "tier", type: "money[EUR]", table: "rate", apply: "payout", value: ref("revenue"), quota: ref("quota") }), forEach: { name: "c", dimension: "Category" } },
    component("override", { op: "const", type: "money[EUR]", value: "0" }, 1),
  ],
});

const tierTrace = (input: string, quota: string, reached: boolean[]) => ({
  steps: [
    {
      kind: "tier",
      table: "rate",
      mode: "marginal",
      boundary: "lower",
      input,
      quota,
      bands: [
        { from: "0", to: "1", value: "0.05", slice: null, payout: null, reached: reached[0] },
        { from: "1", to: "1.25", value: "0.1", slice: null, payout: null, reached: reached[1] },
        { from: "1.25", to: null, value: "0", slice: null, payout: null, reached: reached[2] },
      ],
      value: null,
    },
  ],
});

/**
 * Hand-computed figures. Quota 10,000 per quarter.
 * p1 Q1 revenue 8,000 → 8,000 × 5% = 400.00; Q2 revenue 11,000 → 10,000 × 5% + 1,000 × 10% = 600.00.
 * p2 Q1 revenue 12,000 → 500 + 2,000 × 10% = 700.00; Q2 revenue 5,000 → 250.00, then a cap
 *    adjustment of −50.00 in Q2.
 * m1 override: Q1 10% × (400 + 700) = 110.00; Q2 10% × (600 + 250) = 85.00.
 * Payable: p1 1,000.00; p2 900.00; m1 195.00; total 2,095.00.
 */
export const reportResult: ResultView = {
  plan: { name: reportIr.plan.name, version: reportIr.plan.version, hash: reportIr.hash, currency: "EUR" },
  periods: ["2026-Q1", "2026-Q2"],
  lines: [
    { person: "m1", period: "2026-Q1", component: "override", member: null, amount: "110.00" },
    { person: "m1", period: "2026-Q2", component: "override", member: null, amount: "85.00" },
    { person: "p1", period: "2026-Q1", component: "commission", member: "Cardio", amount: "400.00", status: "paid", trace: tierTrace("8000", "10000", [true, false, false]) },
    { person: "p1", period: "2026-Q2", component: "commission", member: "Cardio", amount: "600.00", status: "paid", trace: tierTrace("11000", "10000", [true, true, false]) },
    { person: "p2", period: "2026-Q1", component: "commission", member: "Cardio", amount: "700.00", status: "paid" },
    { person: "p2", period: "2026-Q2", component: "commission", member: "Cardio", amount: "250.00", status: "capped", trace: tierTrace("5000", "10000", [true, false, false]) },
  ],
  adjustments: [{ person: "p2", period: "2026-Q2", kind: "cap", amount: "-50.00" }],
  // p1 has no Oncology quota: its Oncology commission has no value in either quarter (no line).
  omitted: [
    { person: "p1", period: "2026-Q2", component: "commission", member: "Oncology", reason: "no-value" },
    { person: "p1", period: "2026-Q1", component: "commission", member: "Oncology", reason: "no-value" },
  ],
  totals: [
    { person: "m1", period: "2026-Q1", earned: "110.00", adjustments: "0.00", payable: "110.00" },
    { person: "m1", period: "2026-Q2", earned: "85.00", adjustments: "0.00", payable: "85.00" },
    { person: "p1", period: "2026-Q1", earned: "400.00", adjustments: "0.00", payable: "400.00" },
    { person: "p1", period: "2026-Q2", earned: "600.00", adjustments: "0.00", payable: "600.00" },
    { person: "p2", period: "2026-Q1", earned: "700.00", adjustments: "0.00", payable: "700.00" },
    { person: "p2", period: "2026-Q2", earned: "250.00", adjustments: "-50.00", payable: "200.00" },
  ],
  measures: [
    ...(
      [
        ["p1", "2026-Q1", "8000"],
        ["p1", "2026-Q2", "11000"],
        ["p2", "2026-Q1", "12000"],
        ["p2", "2026-Q2", "5000"],
      ] as const
    ).flatMap(([person, period, revenue]) => [
      { person, period, name: "revenue", kind: "measure" as const, args: ["Cardio"], value: revenue, type: "money[EUR]" },
      { person, period, name: "quota", kind: "quota" as const, args: ["Cardio"], value: "10000", type: "money[EUR]" },
    ]),
  ],
  complete: true,
};

export const HOSTILE = "<script>alert(1)</script>";

export const reportPeople = new Map<string, PersonInfo>([
  ["m1", { id: "m1", name: "Mona Manager", region: "North", level: "Manager", manager: null }],
  ["p1", { id: "p1", name: HOSTILE, region: "North", level: "Rep", manager: "m1" }],
  ["p2", { id: "p2", name: "=HYPERLINK(\"http://x\")", region: "-South", level: "Rep", manager: "m1" }],
]);

export function reportInput(acceptances = "", asOf: string | null = null): ReportInput {
  return {
    ir: reportIr,
    result: reportResult,
    people: reportPeople,
    acceptance: { file: "acceptances.jsonl", log: readAcceptances(acceptances) },
    asOf,
    regionColumn: "region",
    levelColumn: "level",
  };
}
