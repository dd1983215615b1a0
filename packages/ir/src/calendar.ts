import type { FiscalIR, Grain } from "./types.js";

/**
 * Periods of a plan's calendar, shared by the compiler (period literals, test periods), the
 * runtime (evaluation periods, period columns of input files) and the review (headings). Dates
 * are day numbers (days since 1970-01-01, UTC, no time zone). Months are always calendar months
 * (`2026-04`); quarters, halves and years are calendar-aligned (`2026-Q2`, `2026-H1`, `2026-Y`)
 * or, with a fiscal year, start at the fiscal year's first month and are named after the fiscal
 * year (`FY2026-Q1`, `FY2026-H1`, `FY2026`).
 */
export interface Period {
  /** `2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`; fiscal: `FY2026-Q1`, `FY2026-H1`, `FY2026`. */
  id: string;
  grain: Grain;
  /** First and last day, inclusive. */
  start: number;
  end: number;
  /** Months since year 0 of the first month: orders periods and finds plan years. */
  startMonth: number;
  months: number;
}

export const GRAIN_MONTHS: Readonly<Record<Grain, number>> = { month: 1, quarter: 3, half: 6, year: 12 };

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

/** Months since year 0 of the month holding a day. */
export function monthOfDay(day: number): number {
  const d = new Date(day * 86400000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthStartDay(absMonth: number): number {
  return Math.round(Date.UTC(Math.floor(absMonth / 12), absMonth % 12, 1) / 86400000);
}

const CALENDAR_ID = /^(\d{4})-(?:(\d{2})|Q([1-4])|H([12])|(Y))$/;
const FISCAL_ID = /^(?:(\d{4})-(\d{2})|FY(\d{4})(?:-Q([1-4])|-H([12]))?)$/;

export const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"] as const;

export class Calendar {
  /** Months from January to the first month of the year (0 for calendar years). */
  private readonly offset: number;
  /** Added to the calendar year a year starts in to get its name (0, or 1 for fiscal years named by their end). */
  private readonly nameShift: number;

  constructor(readonly fiscal: FiscalIR | null = null) {
    this.offset = fiscal ? fiscal.start - 1 : 0;
    this.nameShift = fiscal && fiscal.named === "end" ? 1 : 0;
  }

  /** The period of `grain` starting at month `startMonth` (months since year 0, aligned to the grain). */
  make(grain: Grain, startMonth: number): Period {
    const months = GRAIN_MONTHS[grain];
    const start = monthStartDay(startMonth);
    const end = monthStartDay(startMonth + months) - 1;
    return { id: this.idOf(grain, startMonth), grain, start, end, startMonth, months };
  }

  private idOf(grain: Grain, startMonth: number): string {
    if (grain === "month") return `${Math.floor(startMonth / 12)}-${String((startMonth % 12) + 1).padStart(2, "0")}`;
    const yearStart = startMonth - this.positionInYear(startMonth);
    const year = Math.floor(yearStart / 12) + this.nameShift;
    const index = this.positionInYear(startMonth) / GRAIN_MONTHS[grain] + 1;
    if (!this.fiscal) return grain === "quarter" ? `${year}-Q${index}` : grain === "half" ? `${year}-H${index}` : `${year}-Y`;
    return grain === "quarter" ? `FY${year}-Q${index}` : grain === "half" ? `FY${year}-H${index}` : `FY${year}`;
  }

  /** Months from the start of the (fiscal) year holding month `m`. */
  positionInYear(m: number): number {
    return (((m - this.offset) % 12) + 12) % 12;
  }

  /** The first month of the period of `grain` holding month `m`. */
  alignMonth(grain: Grain, m: number): number {
    const position = this.positionInYear(m);
    return m - (position % GRAIN_MONTHS[grain]);
  }

  periodOfDay(grain: Grain, day: number): Period {
    return this.make(grain, this.alignMonth(grain, monthOfDay(day)));
  }

  /** The periods of `grain` that overlap [from, to], in order. */
  between(grain: Grain, from: number, to: number): Period[] {
    const out: Period[] = [];
    if (to < from) return out;
    let p = this.periodOfDay(grain, from);
    while (p.start <= to) {
      out.push(p);
      p = this.make(grain, p.startMonth + p.months);
    }
    return out;
  }

  /** A period id of this calendar, or null (a calendar quarter in a fiscal plan is not one). */
  parse(text: string): Period | null {
    if (!this.fiscal) {
      const m = CALENDAR_ID.exec(text);
      if (!m) return null;
      const y = Number(m[1]);
      if (m[2] !== undefined) {
        const mo = Number(m[2]);
        return mo >= 1 && mo <= 12 ? this.make("month", y * 12 + mo - 1) : null;
      }
      if (m[3] !== undefined) return this.make("quarter", y * 12 + (Number(m[3]) - 1) * 3);
      if (m[4] !== undefined) return this.make("half", y * 12 + (Number(m[4]) - 1) * 6);
      return this.make("year", y * 12);
    }
    const m = FISCAL_ID.exec(text);
    if (!m) return null;
    if (m[1] !== undefined) {
      const mo = Number(m[2]);
      return mo >= 1 && mo <= 12 ? this.make("month", Number(m[1]) * 12 + mo - 1) : null;
    }
    const yearStart = (Number(m[3]) - this.nameShift) * 12 + this.offset;
    if (m[4] !== undefined) return this.make("quarter", yearStart + (Number(m[4]) - 1) * 3);
    if (m[5] !== undefined) return this.make("half", yearStart + (Number(m[5]) - 1) * 6);
    return this.make("year", yearStart);
  }

  /** How this calendar's period ids look, for messages: `2026-03, 2026-Q1, 2026-H1, 2026-Y`. */
  get examples(): string {
    return this.fiscal ? "2026-03, FY2026-Q1, FY2026-H1, FY2026" : "2026-03, 2026-Q1, 2026-H1, 2026-Y";
  }

  /** The fiscal year as the plan says it (`fiscal year from april named by start`), or null. */
  describe(): string | null {
    return this.fiscal ? `fiscal year from ${MONTH_NAMES[this.fiscal.start - 1]} named by ${this.fiscal.named}` : null;
  }
}

/** Calendar-aligned quarters, halves and years (a plan without `fiscal year`). */
export const CALENDAR_YEAR = new Calendar(null);

/** The calendar of a plan (its `fiscal` year, else calendar years). */
export function calendarOf(plan: { fiscal?: FiscalIR }): Calendar {
  return plan.fiscal ? new Calendar(plan.fiscal) : CALENDAR_YEAR;
}
