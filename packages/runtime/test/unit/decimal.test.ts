import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, ONE, ZERO, decText, parseDecimalText, roundDec } from "../../src/decimal.js";
import { SAFE, scaledText as text } from "../helpers/decimal.js";

// The runtime's Dec keeps a scaled safe integer where it can and decimal.js otherwise; every result
// must be exactly what the plain decimal.js clone (the runtime's number type before) gives.
const Ref = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 60 });
type Ref = Decimal;

const edges = [0n, 1n, 5n, 10n, 15n, 25n, 999_999_999_999_999n, 10n ** 15n, SAFE - 1n, SAFE, SAFE + 1n, SAFE * 10n, 2n ** 60n, 10n ** 20n, 10n ** 28n];

/** Operands of every kind: small, huge, many places, negatives, zeros, the safe-integer edge. */
const operand = fc
  .oneof(
    fc.record({ int: fc.bigInt(-1_000_000n, 1_000_000n), scale: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ int: fc.bigInt(-(10n ** 17n), 10n ** 17n), scale: fc.integer({ min: 0, max: 24 }) }),
    fc.record({ int: fc.bigInt(-(10n ** 34n), 10n ** 34n), scale: fc.integer({ min: 0, max: 34 }) }),
    fc.record({
      int: fc.tuple(fc.constantFrom(...edges), fc.constantFrom(1n, -1n), fc.bigInt(-2n, 2n)).map(([e, s, d]) => e * s + d),
      scale: fc.integer({ min: 0, max: 24 }),
    }),
    fc.record({ int: fc.constant(0n), scale: fc.integer({ min: 0, max: 3 }), negZero: fc.boolean() }),
  )
  .map((o) => text(o.int, o.scale, "negZero" in o ? o.negZero : false));

const roundingMode = fc.integer({ min: 0, max: 8 });

/** Everything observable of a value: texts, places, signs, the number. */
function observe(x: Dec | Ref): unknown[] {
  const finite = x instanceof Dec ? x.big === null || x.big.isFinite() : x.isFinite();
  return [
    x.toFixed(),
    x.toString(),
    x.valueOf(),
    Object.is(x.toNumber(), -0) ? "-0" : x.toNumber(),
    finite ? [x.toFixed(0), x.toFixed(2), x.toFixed(5), x.toFixed(3, Decimal.ROUND_DOWN), x.toFixed(1, Decimal.ROUND_UP)] : null,
    x.decimalPlaces(),
    x.isZero(),
    x.isNegative(),
  ];
}

/** The same value is always in the same form: the integer form whenever it has one. */
function expectCanonical(x: Dec): void {
  const again = new Dec(x.valueOf());
  expect([x.i, x.s, x.big === null]).toEqual([again.i, again.s, again.big === null]);
  if (x.big === null) {
    expect(Number.isSafeInteger(x.i)).toBe(true);
    expect(x.s === 0 || x.i % 10 !== 0).toBe(true);
  }
}

type Op = "plus" | "minus" | "times" | "div";
const OPS: Op[] = ["plus", "minus", "times", "div"];

describe("Dec equals the decimal.js clone", () => {
  it("property: construction from text, and every observation of the value", () => {
    fc.assert(
      fc.property(operand, (a) => {
        const x = new Dec(a);
        expect(observe(x)).toEqual(observe(new Ref(a)));
        expectCanonical(x);
        expect(observe(new Dec(x))).toEqual(observe(x));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: +, −, ×, ÷ give the same value, text and form", () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        for (const op of OPS) {
          const got = new Dec(a)[op](new Dec(b));
          const want = new Ref(a)[op](new Ref(b));
          expect(observe(got), `${a} ${op} ${b}`).toEqual(observe(want));
          if (want.isFinite()) expectCanonical(got);
          // Operands given as text or number are read the same way.
          expect(new Dec(a)[op](b).valueOf()).toBe(want.valueOf());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("property: an integer form meeting a decimal.js form (non-terminating quotients, huge values)", () => {
    const bigForm = fc.tuple(operand, fc.constantFrom("3", "7", "-11", "0.0003", "1e-30", "1e25")).map(([a, d]) => [a, d] as const);
    fc.assert(
      fc.property(operand, bigForm, (a, [b, d]) => {
        const x = new Dec(a);
        const y = new Dec(b).div(d);
        const rx = new Ref(a);
        const ry = new Ref(b).div(d);
        for (const op of OPS) {
          expect(observe(x[op](y)), `${a} ${op} ${b}/${d}`).toEqual(observe(rx[op](ry)));
          expect(observe(y[op](x))).toEqual(observe(ry[op](rx)));
        }
        expect(x.cmp(y)).toBe(rx.cmp(ry));
        expect(y.cmp(x)).toBe(ry.cmp(rx));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: comparisons across scales and forms", () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        const x = new Dec(a);
        const y = new Dec(b);
        const rx = new Ref(a);
        const ry = new Ref(b);
        expect([x.cmp(y), x.eq(y), x.lt(y), x.lte(y), x.gt(y), x.gte(y)]).toEqual([rx.cmp(ry), rx.eq(ry), rx.lt(ry), rx.lte(ry), rx.gt(ry), rx.gte(ry)]);
        expect(observe(Dec.max(x, y))).toEqual(observe(Ref.max(rx, ry)));
        expect(observe(Dec.min(x, y))).toEqual(observe(Ref.min(rx, ry)));
        expect(observe(Dec.min(y, x, y))).toEqual(observe(Ref.min(ry, rx, ry)));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: rounding to places in every mode, floor, neg, abs", () => {
    fc.assert(
      fc.property(operand, fc.integer({ min: 0, max: 30 }), roundingMode, (a, dp, rm) => {
        const x = new Dec(a);
        const r = new Ref(a);
        expect(observe(x.toDecimalPlaces(dp, rm)), `${a} to ${dp} mode ${rm}`).toEqual(observe(r.toDecimalPlaces(dp, rm as Decimal.Rounding)));
        expect(observe(x.toDecimalPlaces(dp))).toEqual(observe(r.toDecimalPlaces(dp)));
        expect(x.toFixed(dp, rm)).toBe(r.toFixed(dp, rm as Decimal.Rounding));
        expect(observe(x.floor())).toEqual(observe(r.floor()));
        expect(observe(x.neg())).toEqual(observe(r.neg()));
        expect(observe(x.abs())).toEqual(observe(r.abs()));
        expectCanonical(x.toDecimalPlaces(dp, rm));
        expectCanonical(x.floor());
      }),
      { numRuns: 2000 },
    );
  });

  it("property: many dividends by one divisor (its factors are kept between quotients), and ties rounded at the safe edge", () => {
    const divisor = fc.oneof(operand, fc.constantFrom("0.2", "-0.25", "8", "3", "-6", "0.0016", "1.28", "2.5", "-1e-20", "7e-21"));
    fc.assert(
      fc.property(divisor, fc.array(operand, { minLength: 1, maxLength: 8 }), (d, xs) => {
        for (const a of xs) {
          const got = new Dec(a).div(new Dec(d));
          const want = new Ref(a).div(new Ref(d));
          expect(observe(got), `${a} / ${d}`).toEqual(observe(want));
          if (want.isFinite()) expectCanonical(got);
        }
      }),
      { numRuns: 1000 },
    );
    // x·10^k + half a unit (a tie) and one unit either side, near 2^53, in every mode.
    const tie = fc.tuple(fc.bigInt(-(SAFE / 10n ** 4n), SAFE / 10n ** 4n), fc.integer({ min: 1, max: 4 }), fc.bigInt(-1n, 1n), roundingMode);
    fc.assert(
      fc.property(tie, ([q, k, d, rm]) => {
        const p = 10n ** BigInt(k);
        let int = q * p + (q < 0n ? -p / 2n : p / 2n) + d;
        if (int > SAFE) int = SAFE;
        if (int < -SAFE) int = -SAFE;
        const a = text(int, k, false);
        const x = new Dec(a);
        const r = new Ref(a);
        for (const dp of [0, 1]) {
          expect(observe(x.toDecimalPlaces(dp, rm)), `${a} to ${dp} mode ${rm}`).toEqual(observe(r.toDecimalPlaces(dp, rm as Decimal.Rounding)));
          expect(x.toFixed(dp, rm)).toBe(r.toFixed(dp, rm as Decimal.Rounding));
        }
        expect(observe(x.floor())).toEqual(observe(r.floor()));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: chains of operations stay identical (leaving the integer form and coming back)", () => {
    const step = fc.tuple(fc.constantFrom<Op | "round" | "floor" | "neg">(...OPS, "round", "floor", "neg"), operand, fc.integer({ min: 0, max: 4 }), roundingMode);
    fc.assert(
      fc.property(operand, fc.array(step, { minLength: 1, maxLength: 12 }), (start, steps) => {
        let x = new Dec(start);
        let r: Ref = new Ref(start);
        for (const [op, b, dp, rm] of steps) {
          if (op === "round") {
            x = x.toDecimalPlaces(dp, rm);
            r = r.toDecimalPlaces(dp, rm as Decimal.Rounding);
          } else if (op === "floor" || op === "neg") {
            x = x[op]();
            r = r[op]();
          } else {
            x = x[op](b);
            r = r[op](b);
          }
          expect(observe(x)).toEqual(observe(r));
          if (!r.isFinite()) break;
          expectCanonical(x);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("property: numbers as operands and the scaled-integer constructor", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 0.1, 2 ** 53, -(2 ** 60), 1e21)), (n) => {
        expect(observe(new Dec(n))).toEqual(observe(new Ref(n)));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 30 }), (int, scale) => {
        const x = Dec.scaled(int, scale);
        expect(observe(x)).toEqual(observe(new Ref(int).div(new Ref(10).pow(scale))));
        expectCanonical(x);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("Dec edges", () => {
  it("0.1 + 0.2 is 0.3, exactly", () => {
    const x = new Dec("0.1").plus("0.2");
    expect(x.toFixed()).toBe("0.3");
    expect(x.eq("0.3")).toBe(true);
    expect([x.i, x.s, x.big]).toEqual([3, 1, null]);
  });

  it("1/3 and 2/3 are decimal.js's 28 digits, and round like it", () => {
    const third = ONE.div(3);
    expect(third.big).not.toBeNull();
    expect(third.toFixed()).toBe("0.3333333333333333333333333333");
    const twoThirds = new Dec(2).div(3);
    expect(twoThirds.toFixed()).toBe("0.6666666666666666666666666667");
    expect(twoThirds.toFixed(2)).toBe("0.67");
    expect(roundDec(twoThirds, 2, "down").toFixed()).toBe("0.66");
    expect(roundDec(twoThirds, 2, "half_even")).toEqual(new Dec("0.67"));
    // Three thirds are not one (28 digits), as in decimal.js.
    expect(third.plus(third).plus(third).toFixed()).toBe("0.9999999999999999999999999999");
    expect(third.times(3).toFixed()).toBe("0.9999999999999999999999999999");
  });

  it("a division that terminates stays in the integer form", () => {
    const x = new Dec("123456.78").div(100000);
    expect([x.i, x.s, x.big]).toEqual([12345678, 7, null]);
    expect(x.toFixed()).toBe("1.2345678");
    expect(new Dec(1).div(8).toFixed()).toBe("0.125");
    expect(new Dec("-7.5").div("0.25").valueOf()).toBe("-30");
  });

  it("negative zero: kept as decimal.js keeps it, never printed", () => {
    const negZero = new Dec(0).times(-5);
    expect(negZero.isZero()).toBe(true);
    expect(negZero.isNegative()).toBe(true);
    expect(negZero.toFixed()).toBe("0");
    expect(negZero.toFixed(2)).toBe("0.00");
    expect(negZero.valueOf()).toBe("-0");
    expect(decText(negZero, 2)).toBe("0.00");
    expect(new Dec("-0.001").toFixed(2)).toBe("-0.00");
    expect(new Dec("-0.001").toDecimalPlaces(2, Decimal.ROUND_DOWN).isNegative()).toBe(true);
    expect(decText(new Dec("-0.001").toDecimalPlaces(2, Decimal.ROUND_DOWN))).toBe("0");
    expect(negZero.plus(ZERO).isNegative()).toBe(false);
    expect(negZero.minus(ZERO).isNegative()).toBe(true);
  });

  it("10^20 and values past the safe integers use decimal.js and come back", () => {
    const big = new Dec(10).times(10 ** 9).times(10 ** 10);
    expect(big.toFixed()).toBe("100000000000000000000");
    expect(big.big).not.toBeNull();
    const back = big.minus("99999999999999999999.5");
    expect(back.toFixed()).toBe("0.5");
    expect([back.i, back.s, back.big]).toEqual([5, 1, null]);
    const edge = new Dec(Number.MAX_SAFE_INTEGER);
    expect(edge.big).toBeNull();
    expect(edge.plus(1).toFixed()).toBe("9007199254740992");
    expect(edge.plus(1).big).not.toBeNull();
    expect(edge.plus(1).minus(2).big).toBeNull();
    expect(new Dec("0.0000000000000000000000001").times(10000).toFixed()).toBe("0.000000000000000000001");
  });

  it("comparisons across scales that would overflow when aligned", () => {
    const huge = new Dec(Number.MAX_SAFE_INTEGER);
    const tiny = new Dec("0.0000000000000000000001");
    expect(huge.gt(tiny)).toBe(true);
    expect(tiny.lt(huge)).toBe(true);
    expect(huge.neg().lt(tiny.neg())).toBe(true);
    expect(new Dec("1.5").eq("1.50")).toBe(true);
    expect(new Dec("1.50")).toEqual(new Dec("1.5"));
  });

  it("texts decimal.js rejects are rejected; texts it reads are read the same", () => {
    for (const bad of ["", "-", ".", "1.2.3", " 1", "1,5", "abc"]) expect(() => new Dec(bad)).toThrow();
    for (const ok of ["1.", ".5", "+3", "-.25", "1e3", "0x10", "007.500", "-0.000"]) expect(new Dec(ok).valueOf()).toBe(new Ref(ok).valueOf());
    expect(parseDecimalText("1e3")).toBeNull();
    expect(parseDecimalText("12.50")?.toFixed()).toBe("12.5");
  });

  it("division by zero gives decimal.js's Infinity and NaN", () => {
    expect(new Dec(1).div(0).toFixed()).toBe("Infinity");
    expect(new Dec(-1).div(0).toFixed()).toBe("-Infinity");
    expect(ZERO.div(0).toFixed()).toBe("NaN");
  });
});
