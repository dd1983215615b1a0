/**
 * Period ids (`2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`) to calendar bounds, for forecasts and
 * headings. Dates are `YYYY-MM-DD` strings; day counts are calendar days, both ends inclusive.
 */
export interface PeriodBounds {
  start: string;
  end: string;
  days: number;
}

const RE = /^(\d{4})-(?:(\d{2})|Q([1-4])|H([12])|(Y))$/;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function periodBounds(id: string): PeriodBounds | null {
  const m = RE.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  const [first, months] =
    m[2] !== undefined ? [Number(m[2]) - 1, 1] : m[3] !== undefined ? [(Number(m[3]) - 1) * 3, 3] : m[4] !== undefined ? [(Number(m[4]) - 1) * 6, 6] : [0, 12];
  if (first < 0 || first > 11) return null;
  const start = Date.UTC(year, first, 1);
  const next = Date.UTC(year, first + months, 1);
  return { start: iso(start), end: iso(next - 86400000), days: Math.round((next - start) / 86400000) };
}

/** Days from `a` to `b` inclusive (`2026-01-01`..`2026-01-31` is 31); 0 when b is before a. */
export function daysInclusive(a: string, b: string): number {
  const d = Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000) + 1;
  return Math.max(0, d);
}

export function dayNumberToIso(day: number): string {
  return iso(day * 86400000);
}
