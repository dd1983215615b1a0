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

const GRAIN_MONTHS = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/** The period of `grain` that contains a `YYYY-MM-DD` date (`2026-05-15`, quarter → `2026-Q2`). */
export function periodOfDate(grain: keyof typeof GRAIN_MONTHS, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const index = Math.floor((month - 1) / GRAIN_MONTHS[grain]);
  switch (grain) {
    case "month":
      return `${year}-${String(month).padStart(2, "0")}`;
    case "quarter":
      return `${year}-Q${index + 1}`;
    case "half":
      return `${year}-H${index + 1}`;
    case "year":
      return `${year}-Y`;
  }
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const d = new Date(text + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
