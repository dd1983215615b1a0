import type { CurveIR, PlanIR, TiersIR } from "@carrot/ir";
import { constText } from "../diff/expr-text.js";
import { compareAmounts, formatAmount, mulAmounts, parseAmount, subAmounts } from "../util/amount.js";
import type { StepView } from "../result-view.js";

/** What a person still needs to reach the next tier band or curve point, read from a line's trace. */
export interface NextStep {
  component: string;
  member: string | null;
  /** `tiers` or `curve` name. */
  source: string;
  kind: "tier" | "curve";
  /** The current input (revenue, attainment…). */
  current: string;
  /** The input value where the next band or point starts. */
  target: string;
  /** target − current. */
  needed: string;
  /** The input's type: `money[EUR]`, `ratio`… */
  unit: string;
  /** The next band's value or the next point's y, as the plan writes it. */
  reward: string;
}

interface TierStep {
  kind: "tier";
  table: string;
  input: string;
  quota: string | null;
  bands: { from: string; to: string | null; value: string; reached: boolean }[];
}
interface CurveStep {
  kind: "curve";
  curve: string;
  input: string;
}

/** The tier and curve steps of a trace, depth first (nested under the values that used them). */
function collect(steps: readonly StepView[], out: (TierStep | CurveStep)[]): void {
  for (const step of steps) {
    if (step.kind === "tier") out.push(step as TierStep);
    if (step.kind === "curve") out.push(step as CurveStep);
    const nested = (step as { steps?: unknown }).steps;
    if (Array.isArray(nested)) collect(nested as StepView[], out);
  }
}

function nextTier(step: TierStep, tiers: TiersIR | undefined, unitFallback: string): Omit<NextStep, "component" | "member"> | null {
  const input = parseAmount(step.input);
  if (!input || !Array.isArray(step.bands)) return null;
  const quota = step.quota === null ? null : parseAmount(step.quota);
  for (const band of step.bands) {
    const from = parseAmount(band.from);
    if (!from) continue;
    const target = quota ? mulAmounts(from, quota) : from;
    if (compareAmounts(target, input) > 0) {
      // A band that pays nothing more (a 0% cap band) is no incentive to reach: stop there.
      const value = parseAmount(band.value);
      if (value && value.units === 0n && tiers?.mode !== "amount") return null;
      const valueType = tiers?.valueType ?? "number";
      return {
        source: step.table,
        kind: "tier",
        current: formatAmount(input),
        target: formatAmount(target),
        needed: formatAmount(subAmounts(target, input)),
        unit: quota ? unitFallback : (tiers?.boundType ?? unitFallback),
        reward: `${constText(tiers?.boundType ?? "number", band.from)} band: ${constText(valueType, band.value)}`,
      };
    }
  }
  return null;
}

function nextPoint(step: CurveStep, curve: CurveIR | undefined): Omit<NextStep, "component" | "member"> | null {
  const input = parseAmount(step.input);
  if (!input || !curve) return null;
  for (const point of curve.points) {
    const x = parseAmount(point.x);
    if (x && compareAmounts(x, input) > 0) {
      return {
        source: curve.name,
        kind: "curve",
        current: formatAmount(input),
        target: formatAmount(x),
        needed: formatAmount(subAmounts(x, input)),
        unit: curve.xType,
        reward: `${constText(curve.xType, point.x)} pays ${constText(curve.yType, point.y)}`,
      };
    }
  }
  return null;
}

/**
 * The next band or point for each tier or curve a line went through. With `quota:`, bands are in
 * quota units, so the target is `from × quota` in the measure's own unit (money).
 */
export function nextSteps(
  ir: PlanIR,
  line: { component: string; member: string | null; trace?: { steps: readonly StepView[] } },
): NextStep[] {
  if (!line.trace) return [];
  const found: (TierStep | CurveStep)[] = [];
  collect(line.trace.steps, found);
  const moneyType = `money[${ir.plan.currency}]`;
  const out: NextStep[] = [];
  const seen = new Set<string>();
  for (const step of found) {
    const next =
      step.kind === "tier"
        ? nextTier(step, ir.plan.tiers.find((t) => t.name === step.table), moneyType)
        : nextPoint(step, ir.plan.curves.find((c) => c.name === step.curve));
    if (!next) continue;
    const key = `${next.kind}:${next.source}:${next.current}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ component: line.component, member: line.member, ...next });
  }
  return out;
}
