import { calendarOf, type PlanIR } from "@carrot/ir";
import { evaluate, type Dataset, type RunResult } from "@carrot/runtime";
import type { RunOptions } from "../audit/bundle.js";
import { dayNumberToIso, isRealDate, periodOfDate } from "../util/period.js";

/** The periods a command evaluates, from `--period P[,P…]` or `--from`/`--to` (periods or dates). */
export interface PeriodSelection {
  run: RunOptions;
  /** When `--to` was a date: the forecast counts data up to it at most. */
  toDate: string | null;
}

export function selectPeriods(
  ir: PlanIR,
  options: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
): PeriodSelection | { error: string } {
  if (options.period !== undefined && (options.from !== undefined || options.to !== undefined)) {
    return { error: "give either --period or --from/--to, not both" };
  }
  const asPeriod = (text: string, flag: string): string | { error: string } => {
    const calendar = calendarOf(ir.plan);
    if (isRealDate(text)) return periodOfDate(ir.plan.grain, text, calendar);
    if (calendar.parse(text)) return text;
    return { error: `${flag} ${JSON.stringify(text)} is neither a date (2026-05-15) nor a period (${calendar.examples})` };
  };
  if (options.period !== undefined) {
    const periods: string[] = [];
    for (const p of options.period.split(",").map((s) => s.trim()).filter(Boolean)) {
      const one = asPeriod(p, "--period");
      if (typeof one !== "string") return one;
      periods.push(one);
    }
    if (!periods.length) return { error: "--period needs at least one period" };
    return { run: { periods: [...new Set(periods)].sort(), from: null, to: null }, toDate: null };
  }
  const from = options.from === undefined ? null : asPeriod(options.from, "--from");
  const to = options.to === undefined ? null : asPeriod(options.to, "--to");
  if (from !== null && typeof from !== "string") return from;
  if (to !== null && typeof to !== "string") return to;
  return {
    run: { periods: null, from, to },
    toDate: options.to !== undefined && isRealDate(options.to) ? options.to : null,
  };
}

/** Evaluates with the selected periods: the one place the review runs a plan. */
export function evaluateRun(ir: PlanIR, dataset: Dataset, run: RunOptions): RunResult {
  return evaluate(ir, dataset, {
    ...(run.periods ? { periods: run.periods } : {}),
    ...(run.from ? { from: run.from } : {}),
    ...(run.to ? { to: run.to } : {}),
  });
}

/**
 * The last date of the transactions that credit rules read (their `dated` column): how far the
 * data goes, for the run-rate forecast.
 */
export function latestDataDate(ir: PlanIR, dataset: Dataset): string | null {
  let latest: number | null = null;
  for (const credit of ir.plan.credits) {
    if (!credit.source) continue;
    const table = dataset.tables.get(credit.source);
    // A computed date (`dated bookings.date + 90`) is read through the source's date column.
    const columnName =
      typeof credit.dated === "string" ? credit.dated : table?.ir.columns.find((c) => c.type === "date")?.name;
    const column = columnName ? table?.columns.get(columnName) : undefined;
    if (!column || column.kind !== "date") continue;
    for (const day of column.days) if (day === day && (latest === null || day > latest)) latest = day;
  }
  return latest === null ? null : dayNumberToIso(latest);
}
