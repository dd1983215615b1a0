import type { LineTrace, RunResult, TraceStep } from "./types.js";

export interface ExplainQuery {
  person: string;
  period: string;
  component?: string;
}

const MAX_KEYS = 10;

/**
 * A readable derivation of a person's pay in a period (or of one component): every line with its
 * trace (values, aggregates with their row keys, bands, gate/cap/floor), adjustments and the total.
 */
export function explain(result: RunResult, query: ExplainQuery): string {
  const out: string[] = [];
  const lines = result.lines.filter(
    (l) => l.person === query.person && l.period === query.period && (!query.component || l.component === query.component),
  );
  const omitted = result.omitted.filter(
    (l) => l.person === query.person && l.period === query.period && (!query.component || l.component === query.component),
  );
  out.push(`${query.person}, ${query.period}${query.component ? `, ${query.component}` : ""} (${result.plan.name} ${result.plan.version})`);
  if (lines.length === 0 && omitted.length === 0) {
    out.push("  no line: the person is not evaluated in this period, or not eligible for the component");
  }
  for (const l of lines) {
    out.push("");
    out.push(`${l.component}${l.member ? `(${l.member})` : ""} = ${l.amount} ${result.plan.currency} [${l.status}]`);
    renderTrace(l.trace, out);
  }
  for (const l of omitted) {
    out.push("");
    out.push(`${l.component}${l.member ? `(${l.member})` : ""}: no line (the payout has no value)`);
    renderTrace(l.trace, out);
  }
  if (!query.component) {
    const adjustments = result.adjustments.filter((a) => a.person === query.person && a.period === query.period);
    if (adjustments.length) {
      out.push("");
      out.push("adjustments:");
      for (const a of adjustments) out.push(`  ${a.kind}${a.component ? ` (${a.component})` : ""}: ${a.amount} — ${a.detail}`);
    }
    const total = result.totals.find((t) => t.person === query.person && t.period === query.period);
    if (total) {
      out.push("");
      out.push(`earned ${total.earned} + adjustments ${total.adjustments} = payable ${total.payable} ${result.plan.currency}`);
    }
  }
  const paid = paidIn(result, query.person, query.period);
  if (paid) out.push("", paid);
  return out.join("\n") + "\n";
}

/** When the period's payable is paid (plans with a `pay` clause). */
function paidIn(result: RunResult, person: string, period: string): string | undefined {
  const payment = result.payments?.find((p) => p.person === person && p.periods.includes(period));
  if (!payment) return undefined;
  const others = payment.periods.filter((p) => p !== period);
  const together = others.length ? `, with ${others.join(", ")}` : "";
  return `${period} is paid in ${payment.payPeriod}${together}: payment ${payment.amount} ${result.plan.currency}${payment.partial ? " (partial: the run left out periods it also pays)" : ""}`;
}

function renderTrace(trace: LineTrace, out: string[]): void {
  out.push(`  rule ${trace.rule}${trace.source ? ` at ${trace.source}` : ""}`);
  const shown = new Set<string>();
  for (const step of trace.steps) renderStep(step, out, "  ", shown);
}

/**
 * A line's trace (or a value's steps) as readable lines, as `explain` prints them: what a failing
 * `carrot test` shows under expected and actual.
 */
export function traceLines(trace: LineTrace | TraceStep[]): string[] {
  const out: string[] = [];
  if (Array.isArray(trace)) {
    const shown = new Set<string>();
    for (const step of trace) renderStep(step, out, "", shown);
  } else {
    renderTrace(trace, out);
  }
  return out;
}

function renderStep(step: TraceStep, out: string[], indent: string, shown: Set<string>): void {
  const v = (x: string | null): string => x ?? "no value";
  switch (step.kind) {
    case "window":
      out.push(`${indent}window ${step.from} .. ${step.to}: overlaps the period`);
      break;
    case "eligible":
      out.push(`${indent}eligible: ${step.value}`);
      break;
    case "let":
      out.push(`${indent}let ${step.name} = ${v(step.value)}`);
      break;
    case "value": {
      const name = `${step.name}${step.args.length ? `(${step.args.join(", ")})` : ""}`;
      const again = shown.has(name);
      out.push(`${indent}${step.valueKind} ${name} = ${v(step.value)}${step.overridden ? " (given)" : ""}${again ? " (see above)" : ""}${step.source && !again ? `  [${step.source}]` : ""}`);
      if (!again) {
        shown.add(name);
        for (const s of step.steps) renderStep(s, out, indent + "  ", shown);
      }
      break;
    }
    case "aggregate": {
      const listed = (keys: string[]): string => keys.slice(0, MAX_KEYS).join(", ") + (keys.length > MAX_KEYS ? `, … (${keys.length - MAX_KEYS} more)` : "");
      out.push(`${indent}${step.fn} over ${step.source}: ${v(step.value)} from ${step.rows} row(s)${step.keys.length ? `: ${listed(step.keys)}` : ""}`);
      if (step.skipped) out.push(`${indent}  ${step.skipped.length} of them without value, skipped: ${listed(step.skipped)}`);
      break;
    }
    case "team":
      out.push(`${indent}${step.fn} over ${step.scope}${step.target ? `.${step.target}` : ""} (${step.people.join(", ") || "nobody"}) = ${v(step.value)}`);
      break;
    case "tier": {
      out.push(`${indent}tiers ${step.table} (${step.mode}, boundary ${step.boundary}) of ${step.input}${step.quota ? ` against quota ${step.quota}` : ""} = ${v(step.value)}`);
      for (const b of step.bands) {
        const range = `${b.from} .. ${b.to ?? ""}`;
        if (b.slice !== null) {
          if (b.slice !== "0") out.push(`${indent}  band ${range} @ ${b.value}: slice ${b.slice} → ${b.payout}`);
        } else if (b.reached || b.payout !== null) {
          out.push(`${indent}  band ${range} → ${b.value}${b.reached ? " (reached)" : ""}${b.payout !== null ? `: ${b.payout}` : ""}`);
        }
      }
      break;
    }
    case "matrix": {
      const band = (b: string | null) => (b === null ? "no band" : `band ${b}`);
      out.push(
        `${indent}matrix ${step.matrix} at ${step.row.input} (${band(step.row.band)}) × ${step.column.input} (${band(step.column.band)}) = ${v(step.value)}`,
      );
      break;
    }
    case "curve":
      out.push(`${indent}curve ${step.curve} at ${step.input}: segment ${step.segment} = ${step.value}`);
      break;
    case "lookup":
      out.push(`${indent}${step.table}[${step.keys.map((k) => k ?? "no value").join(", ")}]: row ${step.row} = ${v(step.value)}`);
      break;
    case "accumulate":
      out.push(`${indent}${step.fn} = ${v(step.value)} (${step.periods.map((p) => `${p.period}: ${v(p.value)}`).join(", ")})`);
      break;
    case "component":
      out.push(`${indent}component ${step.name}${step.member ? `(${step.member})` : ""} = ${v(step.value)}`);
      break;
    case "prorate":
      out.push(`${indent}prorated ${step.days}/${step.periodDays} days = ${v(step.value)}`);
      break;
    case "convert":
      out.push(`${indent}convert ${step.from} → ${step.to} on ${step.date} at ${step.rate ?? "no rate"}`);
      break;
    case "gate":
      out.push(`${indent}gate: ${step.passed ? "passed" : "closed (line of zero)"}`);
      break;
    case "payout":
      out.push(`${indent}payout = ${v(step.value)}`);
      break;
    case "floor":
      out.push(`${indent}floor ${step.bound}: ${step.applied ? "applied" : "not reached"}`);
      break;
    case "cap":
      out.push(
        `${indent}cap ${step.bound} per ${step.per}${step.ytdBefore !== null ? ` (${step.ytdBefore} earlier this year${step.earnedBefore !== undefined ? `, ${step.earnedBefore} earned` : ""})` : ""}: ${step.applied ? "applied" : "not reached"}`,
      );
      break;
    case "negative-floored":
      out.push(`${indent}negative payout ${step.before} floored at 0`);
      break;
    case "rounding":
      out.push(`${indent}rounded ${step.before} → ${step.after} (${step.scale} places, ${step.mode})`);
      break;
    case "hold": {
      const bound = step.bound === null ? "a bound with no value" : `the hold bound ${step.bound}`;
      const reason = step.reason === null ? "" : ` (${step.reason})`;
      out.push(`${indent}above ${bound}${reason}: ${step.released ? "released by a release row, paid" : "held for review, not paid"}`);
      break;
    }
    case "note":
      out.push(`${indent}note: ${step.message}`);
      break;
  }
}
