import fc from "fast-check";
import { Decimal as BaseDecimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { addAmounts, formatAmount, mulDiv, parseAmount, payoutImpact, sumAmounts, type ResultView } from "../src/index.js";

// The oracle must be exact: decimal.js keeps 20 significant digits by default, so a × n / d past
// 10^17 would be rounded once by the oracle and again by toDecimalPlaces (seen with seed 1706606184).
const Decimal = BaseDecimal.clone({ precision: 80 });

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, "0");
    const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return (neg ? "-" : "") + text;
  });

describe("exact amounts agree with decimal.js", () => {
  it("addition and half-even rounding", () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 4 }), (a, b, scale) => {
        const ours = formatAmount(addAmounts(parseAmount(a)!, parseAmount(b)!), scale);
        const theirs = new Decimal(a).plus(b).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
        // decimal.js keeps a negative zero ("-0.00"); amounts never print one.
        expect(ours).toBe((theirs.isZero() ? new Decimal(0) : theirs).toFixed(scale));
      }),
    );
  });

  it("a × n / d rounded half-even", () => {
    fc.assert(
      fc.property(decimalText, fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }), (a, n, d) => {
        const ours = formatAmount(mulDiv(parseAmount(a)!, n, d, 2), 2);
        const theirs = new Decimal(a).times(n.toString()).div(d.toString()).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
        expect(ours).toBe((theirs.isZero() ? new Decimal(0) : theirs).toFixed(2));
      }),
    );
  });
});

describe("payout impact", () => {
  const line = fc.record({
    person: fc.constantFrom("p1", "p2", "__proto__", "constructor"),
    component: fc.constantFrom("a", "b", "c"),
    period: fc.constantFrom("2026-Q1", "2026-Q2"),
    amount: decimalText.map((t) => formatAmount(parseAmount(t)!, 2)),
  });
  const run = (lines: { person: string; component: string; period: string; amount: string }[]): ResultView => {
    const totals = new Map<string, string[]>();
    for (const l of lines) totals.set(`${l.person}\u0000${l.period}`, [...(totals.get(`${l.person}\u0000${l.period}`) ?? []), l.amount]);
    return {
      plan: { name: "P", version: "1", hash: "h" },
      periods: ["2026-Q1", "2026-Q2"],
      lines: lines.map((l) => ({ ...l, member: null })),
      adjustments: [],
      totals: [...totals].map(([key, amounts]) => {
        const [person, period] = key.split("\u0000") as [string, string];
        const sum = formatAmount(sumAmounts(amounts.map((a) => parseAmount(a)!)), 2);
        return { person, period, earned: sum, adjustments: "0", payable: sum };
      }),
    };
  };

  it("loses nothing: component, region and person deltas all add up to the total delta", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (before, after) => {
        const impact = payoutImpact(run(before), run(after), new Map(), { regionColumn: null });
        const sum = (list: { delta: string }[]) => formatAmount(sumAmounts(list.map((x) => parseAmount(x.delta)!)), 2);
        expect(sum(impact.byComponent)).toBe(impact.total.delta);
        expect(sum(impact.byRegion)).toBe(impact.total.delta);
        expect(sum(impact.people)).toBe(impact.total.delta);
        expect(sum(impact.rows)).toBe(impact.total.delta);
      }),
    );
  });
});
