import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Expr, TiersIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { applyTiers } from "../../src/evaluate/engine.js";
import { indexPlan } from "../../src/evaluate/plan-index.js";
import { evaluate, loadDataset } from "../../src/index.js";
import { component, csv, money, plan, reps, value } from "../helpers/ir.js";

const commissionBands = [
  { from: "0", to: "0.8", value: "0.01" },
  { from: "0.8", to: "1", value: "0.03" },
  { from: "1", to: "1.5", value: "0.05" },
  { from: "1.5", to: null, value: "0" },
];

function tiers(mode: TiersIR["mode"], bands: TiersIR["bands"], boundary: TiersIR["boundary"] = "lower"): TiersIR {
  return { id: `tiers.t`, name: "t", mode, boundary, boundType: "ratio", valueType: "ratio", bands };
}

function prepared(t: TiersIR) {
  return indexPlan(plan({ tiers: [t] }).plan).tiers.get("t")!;
}

const d = (x: string) => new Dec(x);

describe("tiers", () => {
  it("marginal: each band pays its rate on its slice (120k against a 100k quota)", () => {
    // 0–80k × 1% = 800; 80k–100k × 3% = 600; 100k–120k × 5% = 1000 → 2400.
    const r = applyTiers(prepared(tiers("marginal", commissionBands)), "payout", d("120000"), d("100000"));
    expect(r.value?.toFixed()).toBe("2400");
    expect(r.bands.map((b) => b.slice)).toEqual(["80000", "20000", "20000", "0"]);
  });

  it("marginal: a negative value earns nothing", () => {
    expect(applyTiers(prepared(tiers("marginal", commissionBands)), "payout", d("-5000"), d("100000")).value?.toFixed()).toBe("0");
  });

  it("retroactive: exactly 100% belongs to the upper band with boundary lower, to the lower band with boundary upper", () => {
    // lower: [1, 1.5) reached → 5% × 100000 = 5000; upper: (0.8, 1] reached → 3% × 100000 = 3000.
    expect(applyTiers(prepared(tiers("retroactive", commissionBands, "lower")), "payout", d("100000"), d("100000")).value?.toFixed()).toBe("5000");
    expect(applyTiers(prepared(tiers("retroactive", commissionBands, "upper")), "payout", d("100000"), d("100000")).value?.toFixed()).toBe("3000");
    // upper: the first band includes its from: 0 → 1% × 0.
    expect(applyTiers(prepared(tiers("retroactive", commissionBands, "upper")), "payout", d("0"), d("100000")).value?.toFixed()).toBe("0");
  });

  it("amount: the reached band's amount; both: a value in a gap has no value", () => {
    const bands = [
      { from: "0", to: "4999", value: "100" },
      { from: "5000", to: "9999", value: "250" },
    ];
    expect(applyTiers(prepared(tiers("amount", bands, "both")), "payout", d("5000"), null).value?.toFixed()).toBe("250");
    expect(applyTiers(prepared(tiers("amount", bands, "both")), "payout", d("4999.5"), null).value).toBeNull();
    expect(applyTiers(prepared(tiers("amount", bands, "both")), "payout", d("9999"), null).value?.toFixed()).toBe("250");
  });

  it("interpolated: full bands below plus the reached band prorated", () => {
    const bands = [
      { from: "0", to: "100", value: "1000" },
      { from: "100", to: "200", value: "2000" },
    ];
    // 150: 1000 + 2000 × (150 − 100) / (200 − 100) = 2000; above the last band: 3000.
    expect(applyTiers(prepared(tiers("interpolated", bands)), "payout", d("150"), null).value?.toFixed()).toBe("2000");
    expect(applyTiers(prepared(tiers("interpolated", bands)), "payout", d("250"), null).value?.toFixed()).toBe("3000");
  });

  it("rate: the value of the band reached, by x / quota", () => {
    expect(applyTiers(prepared(tiers("marginal", commissionBands)), "rate", d("90000"), d("100000")).value?.toFixed()).toBe("0.03");
  });

  it("property: marginal payout = sum of the band slices' payouts, never negative", () => {
    const t = prepared(tiers("marginal", commissionBands));
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 100_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (cents, quota) => {
        const r = applyTiers(t, "payout", d(String(cents)).div(100), d(String(quota)));
        const sum = r.bands.reduce((s, b) => s.plus(b.payout ?? "0"), new Dec(0));
        expect(r.value!.eq(sum)).toBe(true);
        expect(r.value!.isNegative() && !r.value!.isZero()).toBe(false);
      }),
    );
  });

  it("property: retroactive payout = rate of the reached band × amount", () => {
    const t = prepared(tiers("retroactive", commissionBands));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        const x = d(String(cents)).div(100);
        const q = d("100000");
        const rate = applyTiers(t, "rate", x, q).value!;
        expect(applyTiers(t, "payout", x, q).value!.eq(rate.times(x))).toBe(true);
      }),
    );
  });
});

describe("tiers and curves inside a plan", () => {
  const revenue: Expr = value("revenue");
  const quota: Expr = value("quota");
  const curveX: Expr = { op: "div", type: "ratio", sig: "money/money", args: [revenue, quota] };
  const ir = plan({
    tables: [reps()],
    values: [
      { id: "m.revenue", name: "revenue", kind: "measure", params: [], type: "money[EUR]", body: money("0") },
      { id: "q.quota", name: "quota", kind: "quota", params: [], type: "money[EUR]", body: money("0") },
    ],
    tiers: [tiers("marginal", commissionBands)],
    curves: [
      {
        id: "curve.bonus",
        name: "bonus",
        xType: "ratio",
        yType: "ratio",
        below: "0",
        points: [
          { x: "0.8", y: "0.5" },
          { x: "1", y: "1" },
          { x: "1.2", y: "1.5" },
        ],
      },
      { id: "curve.flat", name: "flat", xType: "ratio", yType: "ratio", below: null, points: [{ x: "0.8", y: "0.5" }, { x: "1", y: "1" }] },
    ],
    components: [
      component("commission", { op: "tier", type: "money[EUR]", table: "t", apply: "payout", value: revenue, quota }),
      component("bonus", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [money("1000"), { op: "curve", type: "ratio", curve: "bonus", value: curveX }] }),
      component("flat_bonus", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [money("1000"), { op: "curve", type: "ratio", curve: "flat", value: curveX }] }),
    ],
  });
  const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") });
  const at = (rev: string) => {
    const r = evaluate(ir, data, { periods: ["2026-Q1"], overrides: [{ person: "p1", name: "revenue", value: rev }, { person: "p1", name: "quota", value: "100000" }] });
    return Object.fromEntries(r.lines.map((l) => [l.component, l.amount]));
  };

  it("interpolates the curve linearly, flat above, cliff below (or flat without `below`)", () => {
    // 90%: 50% + (90 − 80) × (100 − 50) / (100 − 80) = 75% → 750.00; 130%: flat at 150%; 79%: cliff 0, flat 50%.
    expect(at("90000")).toEqual({ bonus: "750.00", commission: "1100.00", flat_bonus: "750.00" });
    expect(at("130000").bonus).toBe("1500.00");
    expect(at("79000")).toMatchObject({ bonus: "0.00", flat_bonus: "500.00" });
    expect(at("120000").commission).toBe("2400.00");
  });

  it("traces the bands and the curve segment", () => {
    const r = evaluate(ir, data, { periods: ["2026-Q1"], overrides: [{ person: "p1", name: "revenue", value: "90000" }, { person: "p1", name: "quota", value: "100000" }] });
    const bonus = r.lines.find((l) => l.component === "bonus")!;
    expect(bonus.trace.steps.find((s) => s.kind === "curve")).toMatchObject({ segment: "0.8→1 (0.5→1)", value: "0.75" });
    const commission = r.lines.find((l) => l.component === "commission")!;
    const tier = commission.trace.steps.find((s) => s.kind === "tier");
    expect(tier && tier.kind === "tier" ? tier.bands.map((b) => b.payout) : null).toEqual(["800", "300", "0", "0"]);
  });

  it("allow negative: a negative value is clawed back at the first band's rate (marginal and retroactive)", () => {
    const negIr = plan({
      tables: [reps()],
      values: [{ id: "m.revenue", name: "revenue", kind: "measure", params: [], type: "money[EUR]", body: money("0") }],
      tiers: [tiers("marginal", commissionBands), { ...tiers("retroactive", commissionBands), id: "tiers.r", name: "r" }],
      components: [
        component("marginal_neg", { op: "tier", type: "money[EUR]", table: "t", apply: "payout", value: revenue, quota: null }, { allowNegative: true }),
        component("retro_neg", { op: "tier", type: "money[EUR]", table: "r", apply: "payout", value: revenue, quota: null }, { allowNegative: true }),
        component("marginal_floored", { op: "tier", type: "money[EUR]", table: "t", apply: "payout", value: revenue, quota: null }),
      ],
    });
    const r = evaluate(negIr, loadDataset(negIr, { reps: csv("id,manager,start,end", "p1,,,") }), { periods: ["2026-Q1"], overrides: [{ person: "p1", name: "revenue", value: "-5000" }] });
    // The trace shows the first band as the one applied.
    const tier = r.lines.find((l) => l.component === "marginal_neg")!.trace.steps.find((s) => s.kind === "tier");
    expect(tier && tier.kind === "tier" ? tier.bands.filter((b) => b.reached).map((b) => [b.from, b.value, b.payout]) : null).toEqual([["0", "0.01", "-50"]]);
    // −5000 × 1% = −50.00; without allow negative the marginal table pays 0.
    expect(r.lines.map((l) => [l.component, l.amount])).toEqual([
      ["marginal_floored", "0.00"],
      ["marginal_neg", "-50.00"],
      ["retro_neg", "-50.00"],
    ]);
  });

  it("a zero quota gives no value (no line) and a division-by-zero diagnostic, never a crash", () => {
    const r = evaluate(ir, data, { periods: ["2026-Q1"], overrides: [{ person: "p1", name: "revenue", value: "1" }, { person: "p1", name: "quota", value: "0" }] });
    expect(r.lines.map((l) => l.component)).toEqual(["commission"]);
    expect(r.omitted.map((l) => l.component).sort()).toEqual(["bonus", "flat_bonus"]);
    expect(r.diagnostics.some((x) => x.code === "R0040")).toBe(true);
  });
});

