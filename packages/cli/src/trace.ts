import type { LineTrace, TraceStep } from "@carrot/runtime";

/** A failing test's trace, as indented lines (interim: compact JSON per step). */
export function renderTrace(trace: LineTrace | TraceStep[]): string[] {
  const steps = Array.isArray(trace) ? trace : trace.steps;
  const head = Array.isArray(trace) ? [] : [`rule ${trace.rule}${trace.source ? ` at ${trace.source}` : ""}`];
  return [...head, ...steps.map((s) => JSON.stringify(s))];
}
