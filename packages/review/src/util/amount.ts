/**
 * Exact fixed-point amounts on BigInt: result lines carry amounts as decimal strings, and the
 * review only adds, subtracts, compares and scales them, so integers in minor units are enough and
 * no binary float ever touches money.
 */

export interface Amount {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export const ZERO_AMOUNT: Amount = { units: 0n, scale: 0 };

/** Parses `1234.50`, `-3`, `.5`; null when the text is not a plain decimal. */
export function parseAmount(text: string): Amount | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) return null;
  const frac = m[3] ?? "";
  const units = BigInt((m[2] || "0") + frac);
  return { units: m[1] === "-" ? -units : units, scale: frac.length };
}

/** Like parseAmount, for text that the runtime produced (always a decimal); non-decimals count as zero. */
export function amountOf(text: string | null | undefined): Amount {
  return (text == null ? null : parseAmount(text)) ?? ZERO_AMOUNT;
}

function rescale(a: Amount, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

export function addAmounts(a: Amount, b: Amount): Amount {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subAmounts(a: Amount, b: Amount): Amount {
  return addAmounts(a, negAmount(b));
}

export function negAmount(a: Amount): Amount {
  return { units: -a.units, scale: a.scale };
}

export function sumAmounts(list: Iterable<Amount>): Amount {
  let total = ZERO_AMOUNT;
  for (const a of list) total = addAmounts(total, a);
  return total;
}

export function compareAmounts(a: Amount, b: Amount): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Amount): boolean {
  return a.units === 0n;
}

export function absAmount(a: Amount): Amount {
  return a.units < 0n ? negAmount(a) : a;
}

/** Divides with half-even rounding to `scale` decimals. */
function divRound(num: bigint, den: bigint): bigint {
  if (den < 0n) return divRound(-num, -den);
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const twice = 2n * (r < 0n ? -r : r);
  const away = num < 0n ? q - 1n : q + 1n;
  if (twice > den) return away;
  if (twice < den) return q;
  return q % 2n === 0n ? q : away;
}

/** a × num / den rounded half-even to `scale` decimals (run-rate forecasts, attainment ratios). */
export function mulDiv(a: Amount, num: bigint, den: bigint, scale: number): Amount {
  if (den === 0n) return ZERO_AMOUNT;
  const up = scale - a.scale;
  const n = up >= 0 ? a.units * num * 10n ** BigInt(up) : a.units * num;
  const d = up >= 0 ? den : den * 10n ** BigInt(-up);
  return { units: divRound(n, d), scale };
}

/** a / b as a ratio rounded to `scale` decimals; null when b is zero. */
export function ratio(a: Amount, b: Amount, scale: number): Amount | null {
  if (b.units === 0n) return null;
  const common = Math.max(a.scale, b.scale);
  return mulDiv({ units: rescale(a, common), scale: 0 }, 1n, rescale(b, common), scale);
}

/** Plain decimal text, padded or rounded (half-even) to `scale` decimals when given; never `-0`. */
export function formatAmount(a: Amount, scale?: number): string {
  let units = a.units;
  let s = a.scale;
  if (scale !== undefined && scale !== s) {
    units = scale > s ? units * 10n ** BigInt(scale - s) : divRound(units, 10n ** BigInt(s - scale));
    s = scale;
  }
  const neg = units < 0n;
  let digits = (neg ? -units : units).toString();
  if (s > 0) {
    digits = digits.padStart(s + 1, "0");
    digits = digits.slice(0, digits.length - s) + "." + digits.slice(digits.length - s);
  }
  if (scale === undefined && s > 0) digits = digits.replace(/\.?0+$/, "");
  return neg && /[1-9]/.test(digits) ? "-" + digits : digits;
}

/** `1234567.5` → `1,234,567.50` for people (terminal, HTML); exports keep the plain form. */
export function groupedAmount(a: Amount, scale = 2): string {
  const plain = formatAmount(a, scale);
  const neg = plain.startsWith("-");
  const [int, frac] = (neg ? plain.slice(1) : plain).split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + grouped + (frac !== undefined ? "." + frac : "");
}

/** A signed delta for people: `+120.00`, `-35.50`, `0.00`. */
export function signedAmount(a: Amount, scale = 2): string {
  const text = groupedAmount(a, scale);
  return a.units > 0n ? "+" + text : text;
}

export function mulAmounts(a: Amount, b: Amount): Amount {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}
