/**
 * Period ids (`2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`; fiscal `FY2026-Q1`) to bounds, for
 * forecasts and headings, on the plan's calendar (@carrot/ir `Calendar`). Dates are `YYYY-MM-DD`
 * strings; day counts are calendar days, both ends inclusive.
 */
import { CALENDAR_YEAR, formatDate, parseDate, type Calendar, type Grain } from "@carrot/ir";

export interface PeriodBounds {
  start: string;
  end: string;
  days: number;
}

/** The bounds of a period id of the plan's calendar (`2026-Q1`; fiscal `FY2026-Q1`), or null. */
export function periodBounds(id: string, calendar: Calendar = CALENDAR_YEAR): PeriodBounds | null {
  const p = calendar.parse(id);
  return p ? { start: formatDate(p.start), end: formatDate(p.end), days: p.end - p.start + 1 } : null;
}

/** Days from `a` to `b` inclusive (`2026-01-01`..`2026-01-31` is 31); 0 when b is before a. */
export function daysInclusive(a: string, b: string): number {
  const d = Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000) + 1;
  return Math.max(0, d);
}

export function dayNumberToIso(day: number): string {
  return formatDate(day);
}

/** The period of `grain` in the plan's calendar that contains a `YYYY-MM-DD` date (`2026-05-15`, quarter → `2026-Q2`). */
export function periodOfDate(grain: Grain, date: string, calendar: Calendar = CALENDAR_YEAR): string {
  return calendar.periodOfDay(grain, parseDate(date) ?? 0).id;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const d = new Date(text + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
