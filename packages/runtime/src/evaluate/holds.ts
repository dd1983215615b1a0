import type { HoldIR, PlanIR } from "@carrot/ir";
import type { TableData } from "../data/table.js";
import { decText, type Dec } from "../decimal.js";
import type { DataDiagnostic } from "../diagnostics.js";
import type { TraceStep } from "../result/types.js";
import { isDec, type Value } from "./values.js";

/**
 * Review holds (`hold above B reason "..."` on a component, `release holds from T` in `payout`).
 *
 * A line whose final amount is above its bound keeps its amount but is held: the period's totals
 * take it back with a `hold` adjustment, so plan caps, guarantees, draws and settlement see only
 * what is due. A row of the release table naming the line's person, period and component pays it
 * instead. A release row that pays no held line is reported, never silently ignored.
 */

/** What a line above its hold bound carries to the period's totals. */
export interface HeldLine {
  /** The bound as text; null when it had no value (the line is held: it cannot be shown to be under it). */
  bound: string | null;
  reason: string | null;
  released: boolean;
}

/**
 * Whether a line of `amount` is above the hold bound (exactly at the bound is not), and how it is
 * traced. Undefined when the line is under its bound: nothing to hold, nothing to trace.
 */
export function holdLine(
  hold: HoldIR,
  bound: Value,
  amount: Dec,
  release: () => boolean,
): { held: HeldLine; step: TraceStep } | undefined {
  const known = isDec(bound);
  if (known && !amount.gt(bound)) return undefined;
  const released = release();
  const held: HeldLine = { bound: known ? decText(bound) : null, reason: hold.reason, released };
  return { held, step: { kind: "hold", bound: held.bound, reason: held.reason, released } };
}

/** The `hold` adjustment's detail: `held for review: windfall (above 20000)`. */
export function holdDetail(held: HeldLine, member: string | null): string {
  const why = held.reason === null ? "held for review" : `held for review: ${held.reason}`;
  const bound = held.bound === null ? "the bound has no value" : `above ${held.bound}`;
  return `${why} (${bound})${member === null ? "" : `, member ${member}`}`;
}

/** The rows of the release table by the line they name, and which of them released a held line. */
export class Releases {
  private readonly rows = new Map<string, number[]>();
  private readonly used = new Set<string>();
  private readonly table: TableData | undefined;

  constructor(ir: PlanIR, tables: ReadonlyMap<string, TableData>) {
    const name = ir.plan.payout.release?.table;
    this.table = name === undefined ? undefined : tables.get(name);
    const t = this.table;
    const person = t?.columns.get("person");
    const period = t?.columns.get("period");
    const component = t?.columns.get("component");
    if (!t || person?.kind !== "string" || period?.kind !== "string" || component?.kind !== "string") return;
    for (let r = 0; r < t.rowCount; r++) {
      const p = person.values[r];
      const q = period.values[r];
      const c = component.values[r];
      if (p === null || q === null || c === null) continue;
      const key = lineKey(p, q, c);
      const list = this.rows.get(key);
      if (list) list.push(r);
      else this.rows.set(key, [r]);
    }
  }

  /** Whether a release row names the line; such rows count as used. */
  release(person: string, period: string, component: string): boolean {
    const key = lineKey(person, period, component);
    if (!this.rows.has(key)) return false;
    this.used.add(key);
    return true;
  }

  /**
   * Warnings for the release rows that paid no held line: rows of an evaluated period, or of no
   * period of the plan at all. Rows of plan periods the run did not evaluate are left for the run
   * that does.
   */
  unmatched(evaluated: ReadonlySet<string>, planPeriods: ReadonlySet<string>): DataDiagnostic[] {
    const t = this.table;
    if (!t) return [];
    const out: DataDiagnostic[] = [];
    for (const [key, rows] of this.rows) {
      if (this.used.has(key)) continue;
      const [person, period, component] = key.split("\u0000") as [string, string, string];
      if (planPeriods.has(period) && !evaluated.has(period)) continue;
      const why = planPeriods.has(period)
        ? `${person} has no held '${component}' line in ${period}`
        : `${period} is not a period of the plan`;
      for (const r of rows) {
        out.push({
          code: "R0046",
          severity: "warning",
          message: `release of ${person}, ${period}, '${component}' releases nothing: ${why}`,
          file: t.file,
          row: r < t.rowCount ? t.lines.lineOf(r) : null,
          column: null,
          help: "Check the row's person, period and component against the held lines of the run (status `held`), or remove the row.",
          context: { person, period, component },
        });
      }
    }
    return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

function lineKey(person: string, period: string, component: string): string {
  return `${person}\u0000${period}\u0000${component}`;
}

