import type { Grain } from "@carrot/ir";

/**
 * Calendar arithmetic on dates as day numbers (days since 1970-01-01, UTC, no time zone) and on
 * calendar-aligned periods. A plan year is the 12 months from the plan's effective start.
 */

export interface Period {
  /** `2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`. */
  id: string;
  grain: Grain;
  /** First and last day, inclusive. */
  start: number;
  end: number;
  /** Months since year 0 of the first month: orders periods and finds plan years. */
  startMonth: number;
  months: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / 86400000);
}

export function formatDate(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

function monthStartDay(absMonth: number): number {
  return Math.round(Date.UTC(Math.floor(absMonth / 12), absMonth % 12, 1) / 86400000);
}

const GRAIN_MONTHS: Record<Grain, number> = { month: 1, quarter: 3, half: 6, year: 12 };

function makePeriod(grain: Grain, startMonth: number): Period {
  const months = GRAIN_MONTHS[grain];
  const year = Math.floor(startMonth / 12);
  const m = startMonth % 12;
  const id =
    grain === "month"
      ? `${year}-${String(m + 1).padStart(2, "0")}`
      : grain === "quarter"
        ? `${year}-Q${m / 3 + 1}`
        : grain === "half"
          ? `${year}-H${m / 6 + 1}`
          : `${year}-Y`;
  return { id, grain, start: monthStartDay(startMonth), end: monthStartDay(startMonth + months) - 1, startMonth, months };
}

const PERIOD_RE = /^(\d{4})-(?:(\d{2})|Q([1-4])|H([12])|(Y))$/;

export function parsePeriod(text: string): Period | null {
  const m = PERIOD_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] !== undefined) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? makePeriod("month", y * 12 + mo - 1) : null;
  }
  if (m[3] !== undefined) return makePeriod("quarter", y * 12 + (Number(m[3]) - 1) * 3);
  if (m[4] !== undefined) return makePeriod("half", y * 12 + (Number(m[4]) - 1) * 6);
  return makePeriod("year", y * 12);
}

export function periodOfDay(grain: Grain, day: number): Period {
  const d = new Date(day * 86400000);
  const abs = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const months = GRAIN_MONTHS[grain];
  return makePeriod(grain, abs - (abs % months));
}

/** The periods of `grain` that overlap [from, to], in order. */
export function periodsBetween(grain: Grain, from: number, to: number): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  let p = periodOfDay(grain, from);
  while (p.start <= to) {
    out.push(p);
    p = makePeriod(grain, p.startMonth + p.months);
  }
  return out;
}

export function monthOfDay(day: number): number {
  const d = new Date(day * 86400000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * `months_since(d)` on the period ending on `periodEnd`: calendar months from the month of `d` to
 * the month of `periodEnd`, the month of `d` counting as 1 (zero or negative when d is later).
 */
export function monthsSince(day: number, periodEnd: number): number {
  return monthOfDay(periodEnd) - monthOfDay(day) + 1;
}
