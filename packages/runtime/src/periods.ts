import { formatDate, monthOfDay, parseDate, type Period } from "@carrot/ir";

/**
 * Dates as day numbers (days since 1970-01-01, UTC). The plan's periods come from its calendar
 * (`calendarOf(plan)` in @carrot/ir, shared with the compiler and the review: calendar-aligned, or
 * its fiscal year). A plan year is the 12 months from the plan's effective start, or with
 * `fiscal year`, the fiscal year.
 */
export { formatDate, monthOfDay, parseDate, type Period };

/**
 * `months_since(d)` on the period ending on `periodEnd`: calendar months from the month of `d` to
 * the month of `periodEnd`, the month of `d` counting as 1 (zero or negative when d is later).
 */
export function monthsSince(day: number, periodEnd: number): number {
  return monthOfDay(periodEnd) - monthOfDay(day) + 1;
}
