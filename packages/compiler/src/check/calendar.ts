/** Calendar checks of date and period literals, on the plan's calendar (@carrot/ir `Calendar`). */
import { formatDate, parseDate, type Calendar, type Grain } from "@carrot/ir";

export function validDate(s: string): boolean {
  return parseDate(s) !== null;
}

/** First and last day (YYYY-MM-DD) and grain of a period literal of the plan's calendar, or undefined. */
export function periodBounds(p: string, calendar: Calendar): { from: string; to: string; grain: Grain } | undefined {
  const period = calendar.parse(p);
  return period ? { from: formatDate(period.start), to: formatDate(period.end), grain: period.grain } : undefined;
}
