import { Decimal } from "decimal.js";
import type { RoundingMode } from "@carrot/ir";

/**
 * The runtime's own Decimal constructor: 28 significant digits for divisions (docs/language.md §5),
 * cloned so that other packages using decimal.js in the same process keep their own settings.
 */
export const Dec = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 60 });
export type Dec = Decimal;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_even: Decimal.ROUND_HALF_EVEN,
  half_up: Decimal.ROUND_HALF_UP,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

export function roundDec(value: Decimal, scale: number, mode: RoundingMode): Decimal {
  return value.toDecimalPlaces(scale, MODES[mode]);
}

/** Plain decimal text without exponent; `scale` pads trailing zeros (amounts of result lines). */
export function decText(value: Decimal, scale?: number): string {
  const v = value.isZero() ? ZERO : value; // no "-0"
  return scale === undefined ? v.toFixed() : v.toFixed(scale);
}

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses `1234.50`, `-3`, `.5`; null when the text is not a plain decimal (no exponent, no separators). */
export function parseDecimalText(text: string): Decimal | null {
  return DECIMAL_RE.test(text) ? new Dec(text) : null;
}
