import { Decimal } from "decimal.js";
import type { RoundingMode } from "@carrot/ir";

/**
 * decimal.js with the runtime's settings: 28 significant digits for divisions (docs/language.md §5),
 * cloned so that other packages using decimal.js in the same process keep their own settings.
 * `Dec` below keeps a value in this form only when it has no exact small fixed-point form.
 */
const Big = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 60 });
type Big = Decimal;

/** Largest scale of the integer form: 10^22 is the largest power of ten that is an exact double. */
const MAX_SCALE = 22;
const POW: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);
const SAFE = Number.MAX_SAFE_INTEGER;
const HALF_EVEN = 6;

export type DecValue = Dec | number | string;

/**
 * The runtime's exact decimal number: a safe integer `i` scaled by 10^`s` (0 ≤ s ≤ 22) while the
 * value has such a form, else a decimal.js value (the clone above: huge values, many places, or a
 * division that does not terminate). Every operation gives exactly what the decimal.js clone gives:
 * integer results of +, −, × are exact in both (at most 16 digits, within decimal.js's 28), a
 * division takes the integer path only when its quotient is exact, and anything else is computed
 * by decimal.js itself. The form is canonical (no trailing zero in `i` when s > 0; a value with an
 * integer form always has it), so equal values have equal fields, as decimal.js objects do. The
 * sign of zero is kept as decimal.js keeps it (JS doubles follow the same IEEE 754 rules).
 */
export class Dec {
  /** The scaled integer (−0 for negative zero); 0 when `big` holds the value. */
  readonly i: number;
  /** The scale of `i`: value = i / 10^s. */
  readonly s: number;
  /** The decimal.js value when it has no integer form, else null. */
  readonly big: Big | null;

  /**
   * `new Dec(x)` from a number, a decimal text (anything decimal.js accepts) or a Dec. The two
   * other parameters are internal: an already canonical integer form, or a decimal.js value.
   */
  constructor(v: DecValue, scale?: number, big?: Big | null) {
    if (scale !== undefined) {
      this.i = v as number;
      this.s = scale;
      this.big = big ?? null;
      return;
    }
    if (v instanceof Dec) {
      this.i = v.i;
      this.s = v.s;
      this.big = v.big;
      return;
    }
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      this.i = v;
      this.s = 0;
      this.big = null;
      return;
    }
    const d = typeof v === "string" ? parseFast(v) : null;
    const c = d ?? fromBig(new Big(v));
    this.i = c.i;
    this.s = c.s;
    this.big = c.big;
  }

  /** The exact value `int / 10^scale` of a safe integer (a column's scaled cell, a sum of them). */
  static scaled(int: number, scale: number): Dec {
    if (!Number.isSafeInteger(int)) return fromBig(new Big(int).div(new Big(10).pow(scale)));
    return scale === 0 ? new Dec(int, 0, null) : canon(int, scale);
  }

  static max(...values: DecValue[]): Dec {
    return maxOrMin(values, -1);
  }

  static min(...values: DecValue[]): Dec {
    return maxOrMin(values, 1);
  }

  plus(y: DecValue): Dec {
    return addSigned(this, y instanceof Dec ? y : new Dec(y), 1);
  }

  minus(y: DecValue): Dec {
    return addSigned(this, y instanceof Dec ? y : new Dec(y), -1);
  }

  times(y: DecValue): Dec {
    const b = y instanceof Dec ? y : new Dec(y);
    if (this.big === null && b.big === null) {
      // A product within the safe range is exact (a larger true product rounds to at least 2^53).
      const r = this.i * b.i;
      if (r <= SAFE && r >= -SAFE) {
        const s = this.s + b.s;
        if (s === 0) return new Dec(r, 0, null);
        return canonOrBig(r, s);
      }
    }
    return fromBig(toBig(this).times(toBig(b)));
  }

  div(y: DecValue): Dec {
    const b = y instanceof Dec ? y : new Dec(y);
    if (this.big === null && b.big === null && b.i !== 0) {
      const q = intQuotient(this.i, this.s, b.i, b.s);
      if (q !== null) return q;
    }
    return fromBig(toBig(this).div(toBig(b)));
  }

  neg(): Dec {
    return this.big === null ? new Dec(-this.i, this.s, null) : new Dec(0, 0, this.big.neg());
  }

  abs(): Dec {
    return this.big === null ? new Dec(Math.abs(this.i), this.s, null) : new Dec(0, 0, this.big.abs());
  }

  floor(): Dec {
    if (this.big !== null) return fromBig(this.big.floor());
    if (this.s === 0) return this;
    // Canonical with s > 0: i has a non-zero remainder.
    const p = POW[this.s];
    const q = truncDiv(this.i, p);
    return new Dec(this.i - q * p < 0 ? q - 1 : q, 0, null);
  }

  /** decimal.js's comparedTo: −1, 0, 1, or NaN when either is NaN. */
  cmp(y: DecValue): number {
    const b = y instanceof Dec ? y : new Dec(y);
    if (this.big === null && b.big === null) {
      let x = this.i;
      let z = b.i;
      // Scaling up may leave the safe range; the double is then at least 2^53 in magnitude, more
      // than the other side, so the comparison is still right.
      if (this.s < b.s) x *= POW[b.s - this.s];
      else if (this.s > b.s) z *= POW[this.s - b.s];
      return x < z ? -1 : x > z ? 1 : 0;
    }
    if (this.big === null) return mixedCmp(this.i, this.s, b.big!);
    if (b.big === null) return -mixedCmp(b.i, b.s, this.big);
    return this.big.cmp(b.big);
  }

  eq(y: DecValue): boolean {
    return this.cmp(y) === 0;
  }

  lt(y: DecValue): boolean {
    return this.cmp(y) < 0;
  }

  lte(y: DecValue): boolean {
    const k = this.cmp(y);
    return k < 0 || k === 0;
  }

  gt(y: DecValue): boolean {
    return this.cmp(y) > 0;
  }

  gte(y: DecValue): boolean {
    const k = this.cmp(y);
    return k > 0 || k === 0;
  }

  isZero(): boolean {
    return this.big === null ? this.i === 0 : this.big.isZero();
  }

  /** True for negative values and for negative zero, as decimal.js's isNegative. */
  isNegative(): boolean {
    return this.big === null ? this.i < 0 || (this.i === 0 && 1 / this.i < 0) : this.big.isNegative();
  }

  /** Rounded to `dp` decimal places with a decimal.js rounding mode (0..8; default half-even). */
  toDecimalPlaces(dp?: number, rm?: number): Dec {
    if (dp === undefined) return this;
    if (this.big === null && validInt(dp) && (rm === undefined || validMode(rm))) {
      if (this.s <= dp) return this;
      const q = roundInt(this.i, this.s - dp, rm ?? HALF_EVEN);
      return q === 0 ? new Dec(this.i < 0 ? -0 : 0, 0, null) : canon(q, dp);
    }
    return fromBig(toBig(this).toDecimalPlaces(dp, rm as Decimal.Rounding));
  }

  /** Plain text without exponent; with `dp`, rounded (half-even unless `rm`) and padded to dp places. */
  toFixed(dp?: number, rm?: number): string {
    if (this.big !== null) return dp === undefined ? this.big.toFixed() : this.big.toFixed(dp, rm as Decimal.Rounding);
    if (dp === undefined) return fixedText(this.i, this.s, this.s);
    if (!validInt(dp) || !(rm === undefined || validMode(rm))) return toBig(this).toFixed(dp, rm as Decimal.Rounding);
    if (this.s <= dp) return fixedText(this.i, this.s, dp);
    // The sign is the value's before rounding, as decimal.js does: (-0.001).toFixed(2) is "-0.00".
    const q = roundInt(this.i, this.s - dp, rm ?? HALF_EVEN);
    const text = fixedText(Math.abs(q), dp, dp);
    return this.i < 0 ? `-${text}` : text;
  }

  toString(): string {
    // The integer form's exponent is between −22 and 15: never exponential (toExpNeg −40, toExpPos 60).
    return this.big === null ? fixedText(this.i, this.s, this.s) : this.big.toString();
  }

  /** As decimal.js: the text, with "-0" for negative zero. */
  valueOf(): string {
    if (this.big !== null) return this.big.valueOf();
    return this.i === 0 && 1 / this.i < 0 ? "-0" : fixedText(this.i, this.s, this.s);
  }

  toJSON(): string {
    return this.valueOf();
  }

  toNumber(): number {
    // One correctly rounded division of exact doubles: the same double as parsing the text.
    return this.big === null ? (this.s === 0 ? this.i : this.i / POW[this.s]) : this.big.toNumber();
  }

  /** Places after the point without trailing zeros. */
  decimalPlaces(): number {
    return this.big === null ? this.s : this.big.decimalPlaces();
  }
}

/**
 * A running sum `ZERO.plus(a).plus(b)…` without a Dec per partial sum: a scaled integer at the
 * largest scale added so far while every operand and partial sum is a safe integer there, else the
 * Dec chain from the exact partial sum on. Exactly the chain's result: the partial sums are the
 * same exact values (the chain's canonical ones have a smaller or equal scale, so they are safe
 * too), and the doubles add in the same order, so a zero has the same sign.
 */
export class DecSum {
  private i = 0;
  private s = 0;
  /** The chain's partial sum once the integer form was left. */
  private dec: Dec | null = null;

  /** Back to zero (one accumulator serves many sums). */
  reset(): this {
    this.i = 0;
    this.s = 0;
    this.dec = null;
    return this;
  }

  /** `sum = sum.plus(d)`. */
  add(d: Dec): void {
    if (this.dec === null && d.big === null && this.addInt(d.i, d.s)) return;
    this.dec = this.value().plus(d);
  }

  /** `sum = sum.plus(other's sum)`. */
  addSum(other: DecSum): void {
    if (this.dec === null && other.dec === null && this.addInt(other.i, other.s)) return;
    this.dec = this.value().plus(other.value());
  }

  private addInt(i: number, s: number): boolean {
    let x = this.i;
    let z = i;
    let scale = this.s;
    if (scale < s) {
      x *= POW[s - scale];
      scale = s;
    } else if (scale > s) z *= POW[scale - s];
    const r = x + z;
    if (!(x <= SAFE && x >= -SAFE && z <= SAFE && z >= -SAFE && r <= SAFE && r >= -SAFE)) return false;
    this.i = r;
    this.s = scale;
    return true;
  }

  value(): Dec {
    return this.dec ?? Dec.scaled(this.i, this.s);
  }
}

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_even: Decimal.ROUND_HALF_EVEN,
  half_up: Decimal.ROUND_HALF_UP,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

export function roundDec(value: Dec, scale: number, mode: RoundingMode): Dec {
  return value.toDecimalPlaces(scale, MODES[mode]);
}

/** The decimal.js rounding mode (`toDecimalPlaces`'s) of a plan's rounding mode. */
export function decimalMode(mode: RoundingMode): number {
  return MODES[mode];
}

/** Plain decimal text without exponent; `scale` pads trailing zeros (amounts of result lines). */
export function decText(value: Dec, scale?: number): string {
  // An amount already at most at the scale (a line's, a total's): its text directly.
  if (value.big === null && scale !== undefined && value.s <= scale && validInt(scale)) return fixedText(value.i === 0 ? 0 : value.i, value.s, scale);
  const v = value.isZero() ? ZERO : value; // no "-0"
  return scale === undefined ? v.toFixed() : v.toFixed(scale);
}

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses `1234.50`, `-3`, `.5`; null when the text is not a plain decimal (no exponent, no separators). */
export function parseDecimalText(text: string): Dec | null {
  return DECIMAL_RE.test(text) ? new Dec(text) : null;
}

// --- the integer form ----------------------------------------------------------------------------

/**
 * Whether `d` divides `x` (safe integers, d ≠ 0), without `%`: on doubles `%` is a call to fmod,
 * several times slower than a division. Exact: when d divides x the quotient is an exact double and
 * times d gives x back; otherwise the true product q·d is not x, and its rounded double is not x
 * either (it is exact below 2^53, and at least 2^53 > |x| above).
 */
function divides(d: number, x: number): boolean {
  return Math.trunc(x / d) * d === x;
}

/** `r / 10^s` (r a safe integer, s ≥ 0) without trailing zeros; the decimal.js form past MAX_SCALE. */
function canonOrBig(r: number, s: number): Dec {
  while (s > 0 && divides(10, r)) {
    r /= 10;
    s--;
  }
  return s <= MAX_SCALE ? new Dec(r, s, null) : new Dec(0, 0, new Big(`${r}e-${s}`));
}

/** canonOrBig for s ≤ MAX_SCALE. */
function canon(r: number, s: number): Dec {
  if (s > MAX_SCALE) return canonOrBig(r, s);
  while (s > 0 && divides(10, r)) {
    r /= 10;
    s--;
  }
  return new Dec(r, s, null);
}

/**
 * Compares i / 10^s with a decimal.js value by sign and exponent (the first digit's place), as
 * decimal.js's comparedTo does first; only values of the same sign and exponent compare digits.
 */
function mixedCmp(i: number, s: number, b: Big): number {
  const bd = b.d;
  if (!bd || i === 0 || bd[0] === 0) return new Big(i).cmp(b); // NaN, ±Infinity or a zero
  const negative = i < 0;
  if (negative !== b.s < 0) return negative ? -1 : 1;
  const n = negative ? -i : i;
  let digits = 1;
  while (digits < 16 && n >= POW[digits]) digits++;
  const e = digits - 1 - s;
  if (e !== b.e) return e > b.e !== negative ? 1 : -1;
  return toBig(new Dec(i, s, null)).cmp(b);
}

/** decimal.js's fields, written directly by toBig (as its own constructor does). */
interface BigFields {
  s: number;
  e: number;
  d: number[];
}

/**
 * The exact decimal.js value of a Dec, built from the integer without text: decimal.js keeps the
 * digits in base-1e7 words aligned on the point (value = Σ d[k]·10^(7·(⌊e/7⌋−k)), no zero word at
 * the end), e the exponent of the first digit, s the sign.
 */
function toBig(x: Dec): Big {
  if (x.big !== null) return x.big;
  const i = x.i;
  if (i === 0) return new Big(i); // keeps the sign of zero
  let n = i < 0 ? -i : i;
  let digits = 1;
  while (digits < 16 && n >= POW[digits]) digits++;
  const words: number[] = [];
  // The lowest digit (10^-s) sits t places above a multiple of 7.
  const t = -x.s - 7 * Math.floor(-x.s / 7);
  if (t > 0) {
    const p = POW[7 - t];
    const r = n % p;
    if (r !== 0 || words.length > 0) words.push(r * POW[t]);
    n = (n - r) / p;
  }
  while (n > 0) {
    const r = n % 1e7;
    if (r !== 0 || words.length > 0) words.push(r);
    n = (n - r) / 1e7;
  }
  words.reverse();
  const b = new Big(1);
  const f = b as unknown as BigFields;
  f.s = i < 0 ? -1 : 1;
  f.e = digits - 1 - x.s;
  f.d = words;
  return b;
}

/** A decimal.js result in canonical form: the integer form whenever the value has one. */
function fromBig(b: Big): Dec {
  const d = b.d;
  // At most 16 digits span at most 4 words; decimal.js's 28-digit results take 4 or 5.
  if (d && d.length && d.length <= 4) {
    if (d[0] === 0) return new Dec(b.s < 0 ? -0 : 0, 0, null);
    // decimal.js keeps base-1e7 words aligned on the point: value = Σ d[k]·10^(7·(E−k)), E = ⌊e/7⌋,
    // the last word possibly with trailing zeros.
    const n = d.length;
    let last = d[n - 1];
    let tz = 0;
    while (last !== 0 && last % 10 === 0) {
      last /= 10;
      tz++;
    }
    const exp = 7 * (Math.floor(b.e / 7) - (n - 1)) + tz; // value = ±C·10^exp, C without trailing zeros
    const digits = b.e + 1 - (exp < 0 ? exp : 0);
    if (digits <= 16 && -exp <= MAX_SCALE && last !== 0) {
      let c = 0;
      for (let k = 0; k < n - 1; k++) c = c * 1e7 + d[k];
      c = c * POW[7 - tz] + last;
      if (exp > 0) c *= POW[exp];
      if (c <= SAFE) return new Dec(b.s < 0 ? -c : c, exp < 0 ? -exp : 0, null);
    }
  }
  return new Dec(0, 0, b);
}

/** What `scanDecimal` read of a cell. */
export interface DecimalScan {
  negative: boolean;
  /** The digits as an integer (inexact past 2^53: callers check). */
  int: number;
  digits: number;
  /** Digits after the point, and how many of those at the end are zeros. */
  fraction: number;
  trailingZeros: number;
  /** A `%` ended the cell (percent columns only). */
  percent: boolean;
}

/**
 * Scans `text[start, end)` as `[+-]digits[.digits]` (or `.digits`), and `…%` when `percentAllowed`,
 * without regular expressions or intermediate strings; false when it is something else. Shared by
 * `new Dec(text)` and the loader's text readers (its byte reader has its own, on bytes).
 */
export function scanDecimal(text: string, start: number, end: number, percentAllowed: boolean, out: DecimalScan): boolean {
  out.percent = false;
  if (percentAllowed && end > start && text.charCodeAt(end - 1) === 37 /* % */) {
    out.percent = true;
    end--;
  }
  let i = start;
  out.negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */ || first === 43 /* + */) {
    out.negative = first === 45;
    i++;
  }
  let int = 0;
  let digits = 0;
  let fraction = 0;
  let trailingZeros = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      if (dot) {
        fraction++;
        trailingZeros = c === 48 ? trailingZeros + 1 : 0;
      }
    } else if (c === 46 /* . */ && !dot) dot = true;
    else return false;
  }
  out.int = int;
  out.digits = digits;
  out.fraction = fraction;
  out.trailingZeros = trailingZeros;
  return true;
}

const FAST_SCAN: DecimalScan = { negative: false, int: 0, digits: 0, fraction: 0, trailingZeros: 0, percent: false };

/** A plain decimal text whose digits make a safe integer and of at most 22 places, read without decimal.js; else null. */
function parseFast(text: string): Dec | null {
  const scan = FAST_SCAN;
  // At least one digit: "", "-", "." and "-." are decimal.js's to reject.
  if (!scanDecimal(text, 0, text.length, false, scan) || scan.digits === 0 || scan.int > SAFE) return null;
  let int = scan.int;
  let scale = scan.fraction;
  if (scale > 0) {
    while (scale > 0 && divides(10, int)) {
      int /= 10;
      scale--;
    }
    if (scale > MAX_SCALE) return null;
  }
  return new Dec(scan.negative ? -int : int, scale, null);
}

/**
 * The exact quotient (x / 10^sx) / (z / 10^sz) in the integer form, or null when it does not
 * terminate or does not fit (decimal.js then computes it, rounded to 28 digits). z ≠ 0.
 */
function intQuotient(x: number, sx: number, z: number, sz: number): Dec | null {
  let n: number;
  let scale: number;
  if (divides(z, x)) {
    n = x / z; // exact: an integer quotient of safe integers
    scale = sx - sz;
  } else {
    // x/z terminates iff the part of z without factors 2 and 5 divides x.
    const f = factorsOf(z);
    if (f.k > MAX_SCALE || !divides(f.rest, x)) return null;
    // x/z = (x/rest) · 2^(k−p2) · 5^(k−p5) / 10^k (one of the two powers is 1)
    n = ((z < 0 ? -x : x) / f.rest) * f.times;
    if (!(n <= SAFE && n >= -SAFE)) return null;
    scale = sx - sz + f.k;
  }
  if (scale < 0) {
    if (-scale > MAX_SCALE) return null;
    n *= POW[-scale];
    if (!(n <= SAFE && n >= -SAFE)) return null;
    scale = 0;
  }
  return canonOrBig(n, scale);
}

/**
 * |z| as 2^p2 · 5^p5 · rest, with k = max(p2, p5) and `times` = 2^(k−p2) · 5^(k−p5) (exact while
 * k ≤ 22): kept for the divisor of the last quotient that was not an integer (divisors repeat: a
 * curve's segment, a quota).
 */
const lastFactors = { z: NaN, rest: 1, k: 0, times: 1 };

function factorsOf(z: number): typeof lastFactors {
  const f = lastFactors;
  if (f.z === z) return f;
  let d = z < 0 ? -z : z;
  let p2 = 0;
  let p5 = 0;
  while (divides(10, d)) {
    d /= 10;
    p2++;
    p5++;
  }
  while (divides(2, d)) {
    d /= 2;
    p2++;
  }
  while (divides(5, d)) {
    d /= 5;
    p5++;
  }
  f.z = z;
  f.rest = d;
  f.k = p2 > p5 ? p2 : p5;
  f.times = 2 ** (f.k - p2) * 5 ** (f.k - p5);
  return f;
}

/**
 * `x / p` truncated toward zero, exactly, for a safe integer x and p = 10^k (k ≥ 1), without `%`
 * (fmod): the double x / p is within 0.1 of the true quotient, so its truncation is off by at most
 * one, which the remainder shows; q·p is exact (a multiple of 10 below 2^54: even), and so is x − q·p.
 */
function truncDiv(x: number, p: number): number {
  const q = Math.trunc(x / p);
  const r = x - q * p;
  if (x < 0) return r > 0 ? q + 1 : r <= -p ? q - 1 : q;
  return r < 0 ? q - 1 : r >= p ? q + 1 : q;
}

/**
 * `x / 10^k` rounded to an integer with a decimal.js rounding mode (x a safe integer, 1 ≤ k ≤ 22).
 * A result of zero comes back as +0; callers give it the sign decimal.js keeps.
 */
function roundInt(x: number, k: number, rm: number): number {
  const p = POW[k];
  const q = truncDiv(x, p) + 0; // toward zero (+0 for a zero)
  const r = x - q * p; // exact, with x's sign
  if (r === 0) return q;
  const negative = x < 0;
  const twice = 2 * (r < 0 ? -r : r); // exact
  let away: boolean;
  switch (rm) {
    case 0: // ROUND_UP: away from zero
      away = true;
      break;
    case 1: // ROUND_DOWN
      away = false;
      break;
    case 2: // ROUND_CEIL
      away = !negative;
      break;
    case 3: // ROUND_FLOOR
      away = negative;
      break;
    case 4: // ROUND_HALF_UP
      away = twice >= p;
      break;
    case 5: // ROUND_HALF_DOWN
      away = twice > p;
      break;
    case 6: // ROUND_HALF_EVEN
      away = twice > p || (twice === p && !divides(2, q));
      break;
    case 7: // ROUND_HALF_CEIL
      away = twice > p || (twice === p && !negative);
      break;
    default: // ROUND_HALF_FLOOR
      away = twice > p || (twice === p && negative);
  }
  return away ? (negative ? q - 1 : q + 1) : q + 0;
}

function validInt(dp: number): boolean {
  return typeof dp === "number" && dp >= 0 && dp <= 1e9 && Math.floor(dp) === dp;
}

function validMode(rm: number): boolean {
  return typeof rm === "number" && rm >= 0 && rm <= 8 && Math.floor(rm) === rm;
}

/** ".0" … ".9", ".00" … ".99", ".000" … ".999": the fraction texts of 1 to 3 places. */
const FRACTIONS: readonly (readonly string[])[] = [[], ...[10, 100, 1000].map((p) => Array.from({ length: p }, (_, k) => `.${String(p + k).slice(1)}`))];

const ZERO_TEXTS: readonly string[] = ["0", "0.0", "0.00", "0.000"];

/** Text of |x| / 10^s (x a safe integer) with `places` ≥ s places, and "-" when x < 0. */
function fixedText(x: number, s: number, places: number): string {
  const negative = x < 0;
  if (places > 0 && places <= 3) {
    // Money amounts: the integer part's text and a fraction text from a table (two strings made, not five).
    const n = (negative ? -x : x) * POW[places - s];
    if (n <= 0x7fffffff) {
      // In int32 (a double % is a call to fmod), the fraction's text from a table.
      const p = places === 2 ? 100 : places === 1 ? 10 : 1000;
      const m = n | 0;
      if (m === 0) return ZERO_TEXTS[places]; // "0.00": one shared string
      const frac = m % p;
      const text = String((m - frac) / p) + FRACTIONS[places][frac];
      return negative ? `-${text}` : text;
    }
  }
  let digits = String(negative ? -x : x);
  if (s > 0) {
    if (digits.length <= s) digits = "0".repeat(s + 1 - digits.length) + digits;
    digits = `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`;
    if (places > s) digits += "0".repeat(places - s);
  } else if (places > 0) digits += `.${"0".repeat(places)}`;
  return negative ? `-${digits}` : digits;
}

/** `a + b` (sign 1) or `a − b` (sign −1): scales aligned in integers while they stay safe, else decimal.js. */
function addSigned(a: Dec, b: Dec, sign: 1 | -1): Dec {
  if (a.big === null && b.big === null) {
    // x ± 0 is x and 0 + y is y when the other side is not zero (so no sign of zero to settle): no new Dec.
    if (b.i === 0 && a.i !== 0) return a;
    if (a.i === 0 && b.i !== 0 && sign === 1) return b;
    let x = a.i;
    let z = b.i;
    let s = a.s;
    let aligned = true;
    if (s !== b.s) {
      if (s < b.s) {
        x *= POW[b.s - s];
        s = b.s;
      } else z *= POW[s - b.s];
      aligned = x <= SAFE && x >= -SAFE && z <= SAFE && z >= -SAFE;
    }
    if (aligned) {
      const r = sign === 1 ? x + z : x - z;
      if (r <= SAFE && r >= -SAFE) return s === 0 ? new Dec(r, 0, null) : canon(r, s);
    }
  }
  return fromBig(sign === 1 ? toBig(a).plus(toBig(b)) : toBig(a).minus(toBig(b)));
}

/** decimal.js's maxOrMin: n = −1 for max, 1 for min; on a tie a negative (max) or positive (min) x gives way. */
function maxOrMin(values: DecValue[], n: number): Dec {
  let x = values[0] instanceof Dec ? values[0] : new Dec(values[0]);
  for (let k = 1; k < values.length; k++) {
    const v = values[k];
    const y = v instanceof Dec ? v : new Dec(v);
    if (y.big !== null && y.big.isNaN()) return y;
    const c = x.cmp(y);
    if (c === n || (c === 0 && (x.isNegative() ? -1 : 1) === n)) x = y;
  }
  return x;
}
