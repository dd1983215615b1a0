/** Decimal texts for the property tests of `Dec` and the evaluation's integer fast paths. */

/** A decimal text of `int / 10^scale` (a negative zero when `negZero` and `int` is 0). */
export function scaledText(int: bigint, scale: number, negZero = false): string {
  const negative = int < 0n || (int === 0n && negZero);
  let digits = (int < 0n ? -int : int).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** `Number.MAX_SAFE_INTEGER`, the edge of `Dec`'s scaled-integer form. */
export const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
