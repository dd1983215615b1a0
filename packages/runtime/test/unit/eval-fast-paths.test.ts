/**
 * The evaluation's integer fast paths against the general Dec path they replace: `DecSum` against
 * the chain `ZERO.plus(a).plus(b)…`, and the untraced marginal tier total (scaled integers) against
 * the traced one (a Dec per slice). Same value, same form, same sign of zero. And the
 * reconciliation's days found by offset (a span under 2^16 days) or in a Map (wider).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr, TiersIR } from "@carrot/ir";
import { Dec, DecSum, ZERO } from "../../src/decimal.js";
import { applyTiers } from "../../src/evaluate/engine.js";
import { indexPlan } from "../../src/evaluate/plan-index.js";
import { evaluate, loadDataset } from "../../src/index.js";
import { SAFE, scaledText as text } from "../helpers/decimal.js";
import { c, col, column_, component, csv, direct, measure, plan, reps, sales, sumOf } from "../helpers/ir.js";

/** Decimals of every kind: cents, many places, near the safe-integer edge, huge, zeros of both signs, non-terminating. */
const decimal: fc.Arbitrary<Dec> = fc.oneof(
  fc.record({ int: fc.bigInt(-10_000_000n, 10_000_000n), scale: fc.integer({ min: 0, max: 4 }) }).map((o) => new Dec(text(o.int, o.scale))),
  fc.record({ int: fc.bigInt(-(10n ** 17n), 10n ** 17n), scale: fc.integer({ min: 0, max: 24 }) }).map((o) => new Dec(text(o.int, o.scale))),
  fc.record({ int: fc.constantFrom(SAFE, SAFE - 1n, -SAFE, SAFE / 10n, SAFE / 100n + 7n), scale: fc.integer({ min: 0, max: 22 }) }).map((o) => new Dec(text(o.int, o.scale))),
  fc.record({ scale: fc.integer({ min: 0, max: 3 }), negZero: fc.boolean() }).map((o) => new Dec(text(0n, o.scale, o.negZero))),
  fc.integer({ min: -1000, max: 1000 }).map((n) => new Dec(n).div(3)),
);

/** Everything that tells two Decs apart. */
function form(x: Dec): unknown[] {
  return [x.valueOf(), x.i, Object.is(x.i, -0), x.s, x.big === null ? null : x.big.toString()];
}

describe("DecSum", () => {
  it("property: add and addSum give exactly the chain of plus", () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 12 }), fc.array(decimal, { maxLength: 6 }), (xs, ys) => {
        const sum = new DecSum();
        let chain = ZERO;
        for (const x of xs) {
          sum.add(x);
          chain = chain.plus(x);
          expect(form(sum.value())).toEqual(form(chain));
        }
        const other = new DecSum();
        let otherChain = ZERO;
        for (const y of ys) {
          other.add(y);
          otherChain = otherChain.plus(y);
        }
        sum.addSum(other);
        expect(form(sum.value())).toEqual(form(chain.plus(otherChain)));
        expect(form(sum.reset().value())).toEqual(form(ZERO));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("marginal tiers in scaled integers", () => {
  /** Increasing bounds from zero, the last band open or closed, rates of any sign and scale. */
  const table = fc
    .tuple(
      fc.array(fc.tuple(decimal.filter((x) => !x.isNegative() && !x.isZero()), decimal), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      fc.constantFrom<TiersIR["boundary"]>("lower", "upper", "both"),
    )
    .map(([steps, open, boundary]) => {
      let from = ZERO;
      const bands = steps.map(([width, rate], k) => {
        const to = open && k === steps.length - 1 ? null : from.plus(width);
        const band = { from: from.toFixed(), to: to === null ? null : to.toFixed(), value: rate.toFixed() };
        if (to !== null) from = to;
        return band;
      });
      const ir: TiersIR = { id: "tiers.t", name: "t", mode: "marginal", boundary, boundType: "ratio", valueType: "ratio", bands };
      return indexPlan(plan({ tiers: [ir] }).plan).tiers.get("t")!;
    });

  it("property: the untraced total is the traced total, with and without quota", () => {
    fc.assert(
      fc.property(table, decimal, fc.option(decimal, { nil: null }), (t, x, quota) => {
        const traced = applyTiers(t, "payout", x, quota, true);
        const untraced = applyTiers(t, "payout", x, quota, false);
        expect(untraced.value === null ? null : form(untraced.value)).toEqual(traced.value === null ? null : form(traced.value));
        // Again with the bands cached for this quota.
        const again = applyTiers(t, "payout", x, quota, false);
        expect(again.value === null ? null : form(again.value)).toEqual(traced.value === null ? null : form(traced.value));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("reconciliation by day", () => {
  // Days spanning less than 2^16 are found by offset in an array, others in a Map: the same groups.
  const ir = plan({
    tables: [reps(), sales()],
    credits: [{ ...direct(), dated: "date" }],
    values: [],
    components: [component("pay", sumOf("direct", "amount"))],
  });
  const people = csv("id,manager,start,end", "p1,,,", "p2,,,");

  it("property: rows dated centuries away only add their own outside-plan groups", () => {
    const row = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), rep: fc.constantFrom("p1", "p2", ""), cents: fc.integer({ min: -10_000, max: 1_000_000 }) });
    const far = fc.record({ year: fc.constantFrom(1850, 1901, 2199, 2250), month: fc.integer({ min: 1, max: 12 }), cents: fc.integer({ min: 0, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.array(far, { minLength: 1, maxLength: 4 }), (rows, farRows) => {
        const amount = (cents: number) => new Dec(cents).div(100).toFixed(2);
        const near = rows.map((x, i) => `s${i},2026-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")},${x.rep},${amount(x.cents)}`);
        const away = farRows.map((x, i) => `f${i},${x.year}-${String(x.month).padStart(2, "0")}-01,p1,${amount(x.cents)}`);
        const header = "id,date,rep,amount";
        const without = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...near) }), { trace: false });
        const withFar = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...near, ...away) }), { trace: false });
        const inPlan = (r: typeof without) => r.reconciliation.filter((x) => x.period.startsWith("2026"));
        expect(inPlan(withFar)).toEqual(inPlan(without));
        const farGroups = withFar.reconciliation.filter((x) => !x.period.startsWith("2026"));
        const expected = new Map<string, string[]>();
        farRows.forEach((x, i) => {
          const period = `${x.year}-Q${Math.floor((x.month - 1) / 3) + 1}`; // the helper's plan is quarterly
          expected.set(period, [...(expected.get(period) ?? []), `f${i}`].sort());
        });
        expect(new Map(farGroups.map((g) => [g.period, g.uncreditedRows.map((u) => u.key)]))).toEqual(expected);
        for (const g of farGroups) {
          expect(g.uncreditedRows.every((u) => u.reason === "outside-plan")).toBe(true);
          expect(g.credited).toBe("0");
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("reads through a bound parameter", () => {
  // `revenue(c)`, `quota(c)` (a lookup) and the whole-run partition of `revenue` find their slot,
  // row and partition once per bound parameters (`Params.found`): the same figures as the same
  // reads with the member written as a constant (found from the member each time), for every
  // member, in a `for each` line, in a value with the parameter, and in measures.
  const dims = [
    { id: "dim.Category", name: "Category", parent: null, members: [{ name: "A", parent: null }, { name: "B", parent: null }] },
    { id: "dim.Product", name: "Product", parent: "Category", members: [{ name: "P1", parent: "A" }, { name: "P2", parent: "A" }, { name: "P3", parent: "B" }, { name: "P4", parent: null }] },
  ];
  const cParam: Expr = { op: "param", type: "member[Category]", name: "c" };
  const member = (m: string): Expr => ({ op: "const", type: "member[Category]", value: m });
  const revenue = (arg: Expr): Expr => ({ op: "value", type: "money[EUR]", name: "revenue", args: [arg] });
  const quota = (arg: Expr): Expr => ({ op: "value", type: "money[EUR]", name: "quota", args: [arg] });
  const both = (arg: Expr): Expr => ({ op: "add", type: "money[EUR]", sig: "money+money", args: [revenue(arg), quota(arg)] });
  const cat = [{ name: "c", dimension: "Category" }];
  const ir = plan({
    grain: "month",
    dimensions: dims,
    tables: [reps(), sales(col("product", "member[Product]", { optional: true }))],
    credits: [{ ...direct(), dated: "date" }],
    lookups: [{ id: "table.q", name: "q", keys: ["Category"], valueType: "money[EUR]", rows: [{ keys: ["A"], value: "1000.5" }, { keys: null, value: "7" }] }],
    values: [
      measure("revenue", sumOf("direct", "amount", { op: "in_member", type: "bool", value: column_("direct", "product", "member[Product]"), member: cParam }), cat),
      measure("quota", { op: "lookup", type: "money[EUR]", table: "q", keys: [cParam] }, cat, "quota"),
      measure("both", both(cParam), cat),
    ],
    components: [
      component("each", both(cParam), { forEach: { name: "c", dimension: "Category" }, allowNegative: true }),
      component("nested", { op: "value", type: "money[EUR]", name: "both", args: [cParam] }, { forEach: { name: "c", dimension: "Category" }, allowNegative: true }),
      component("a", both(member("A")), { allowNegative: true }),
      component("b", both(member("B")), { allowNegative: true }),
    ],
  });
  const row = fc.record({
    month: fc.integer({ min: 1, max: 3 }),
    rep: fc.constantFrom("p1", "p2", ""),
    product: fc.constantFrom("P1", "P2", "P3", "P4", ""),
    cents: fc.integer({ min: -10_000, max: 1_000_000 }),
  });

  it("property: the same lines and measures as the reads of constant members", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const text = rows.map((x, i) => `s${i},2026-0${x.month}-10,${x.rep},${new Dec(x.cents).div(100).toFixed(2)},${x.product}`);
        const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,", "p2,p1,,"), sales: csv("id,date,rep,amount,product", ...text) });
        for (const trace of [false, true]) {
          const r = evaluate(ir, data, { trace, periods: ["2026-01", "2026-02", "2026-03"] });
          const amount = (l: { person: string; period: string }, comp: string, m: string | null) =>
            r.lines.find((x) => x.person === l.person && x.period === l.period && x.component === comp && x.member === m)?.amount;
          for (const l of r.lines.filter((x) => x.component === "a" || x.component === "b")) {
            const m = l.component.toUpperCase();
            expect(amount(l, "each", m)).toBe(l.amount);
            expect(amount(l, "nested", m)).toBe(l.amount);
          }
          // The measure both(c) per member is the constant member's line (amounts within 2 places).
          const lines = r.lines.filter((x) => x.component === "a" || x.component === "b");
          expect(lines.length).toBe(12);
          for (const l of lines) {
            const m = r.measures.find((x) => x.name === "both" && x.person === l.person && x.period === l.period && x.args.join() === l.component.toUpperCase());
            expect(m?.value === undefined || m.value === null ? null : new Dec(m.value).toFixed(2)).toBe(l.amount);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("curves", () => {
  // A segment whose rise / run is exact interpolates with that slope (one product instead of a
  // product and a quotient): the same Dec as the formula a.y + (x − a.x) · rise / run, for any
  // points and inputs, including quotients that do not terminate and zeros of either sign.
  const place = fc.record({ int: fc.bigInt(-5_000n, 5_000n), scale: fc.integer({ min: 0, max: 3 }) }).map((o) => text(o.int, o.scale));
  const input = fc.oneof(
    place,
    fc.record({ int: fc.bigInt(-(10n ** 15n), 10n ** 15n), scale: fc.integer({ min: 0, max: 22 }) }).map((o) => text(o.int, o.scale)),
    fc.constantFrom("0", "-0", "1.000000000000001", "0.3333333333333333333"),
  );
  // Runs of every kind: most with an exact slope (a power of 2 and 5 divides), some without.
  const run = fc.oneof(fc.constantFrom("0.2", "0.25", "0.5", "1", "2", "4", "5", "8", "10", "0.125", "1.6", "0.001"), place.filter((x) => new Dec(x).gt(0)));
  const points = fc.tuple(place, fc.array(fc.tuple(run, place), { minLength: 0, maxLength: 3 }), place).map(([x0, steps, y0]) => {
    let x = new Dec(x0);
    const out = [{ x: x.toFixed(), y: y0 }];
    for (const [r, y] of steps) {
      x = x.plus(r);
      out.push({ x: x.toFixed(), y });
    }
    return out;
  });

  it("property: the same value, form and sign of zero as the formula", () => {
    fc.assert(
      fc.property(points, fc.option(place, { nil: null }), fc.array(input, { minLength: 1, maxLength: 6 }), (pts, below, xs) => {
        const ir = plan({
          tables: [reps()],
          curves: [{ id: "curve.c", name: "c", xType: "ratio", yType: "ratio", below, points: pts }],
          values: [
            measure("x", c("0", "ratio")),
            measure("y", { op: "curve", type: "ratio", curve: "c", value: { op: "value", type: "ratio", name: "x", args: [] } }),
          ],
          components: [],
        });
        const people = xs.map((_, k) => `p${k},,,`);
        const overrides = xs.map((x, k) => ({ person: `p${k}`, name: "x", value: x }));
        const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", ...people) }), { trace: false, overrides, periods: ["2026-Q1"] });
        const P = pts.map((p) => ({ x: new Dec(p.x), y: new Dec(p.y) }));
        xs.forEach((text, k) => {
          const x = new Dec(text);
          let want: Dec;
          if (x.lt(P[0].x)) want = below === null ? P[0].y : new Dec(below);
          else if (x.gte(P[P.length - 1].x)) want = P[P.length - 1].y;
          else {
            let i = 0;
            while (!(x.gte(P[i].x) && x.lt(P[i + 1].x))) i++;
            want = P[i].y.plus(x.minus(P[i].x).times(P[i + 1].y.minus(P[i].y)).div(P[i + 1].x.minus(P[i].x)));
          }
          const got = r.measures.find((m) => m.person === `p${k}` && m.name === "y");
          expect(got?.value, `${text} on ${JSON.stringify(pts)}`).toBe(want.toFixed());
        });
      }),
      { numRuns: 150 },
    );
  });

  it("property: x · slope equals (x · rise) / run as Dec whenever the slope is exact and x · rise is safe", () => {
    fc.assert(
      fc.property(place, fc.oneof(run, run.map((r) => `-${r}`), place), input, (riseText, runText, xText) => {
        const rise = new Dec(riseText);
        const run = new Dec(runText);
        const d = new Dec(xText);
        if (run.isZero()) return;
        const slope = rise.div(run);
        if (slope.big !== null || !(Math.abs(slope.i * run.i) <= Number.MAX_SAFE_INTEGER) || !slope.times(run).eq(rise)) return;
        if (d.big !== null || !(Math.abs(d.i * rise.i) <= Number.MAX_SAFE_INTEGER)) return;
        expect(form(d.times(slope))).toEqual(form(d.times(rise).div(run)));
      }),
      { numRuns: 5000 },
    );
  });
});
