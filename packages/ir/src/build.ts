import { planHash } from "./canonical.js";
import type { ComponentIR, Expr, PlanBody, PlanIR, SourceMap, TestIR } from "./types.js";

/**
 * A complete IR from a partial plan body: everything not given is empty or neutral (a calendar-2026
 * quarterly EUR plan, rounding 2 half_even on lines), and the hash is computed. For tests and for
 * services that write small plans by hand instead of compiling them.
 */
export function planIr(body: Partial<PlanBody>, extra: { tests?: TestIR[]; sourceMap?: SourceMap } = {}): PlanIR {
  const plan: PlanBody = {
    name: "Test plan",
    version: "1",
    currency: "EUR",
    effective: { from: "2026-01-01", to: "2026-12-31" },
    grain: "quarter",
    rounding: { scale: 2, mode: "half_even", on: "line" },
    dimensions: [],
    tables: [],
    fx: null,
    credits: [],
    values: [],
    tiers: [],
    curves: [],
    lookups: [],
    components: [],
    payout: { cap: null, guarantee: null, settle: null },
    ...body,
  };
  return {
    format: "carrot-ir",
    version: 1,
    hash: planHash(plan),
    plan,
    tests: extra.tests ?? [],
    sourceMap: extra.sourceMap ?? { files: [], spans: {} },
  };
}

/** A component paying `payout`, with no clauses unless `extra` gives them. */
export function componentIr(name: string, payout: Expr, extra: Partial<ComponentIR> = {}): ComponentIR {
  return {
    id: `component.${name}`,
    name,
    order: 0,
    forEach: null,
    window: null,
    eligible: null,
    lets: [],
    gate: null,
    payout,
    floor: null,
    cap: null,
    allowNegative: false,
    ...extra,
  };
}
