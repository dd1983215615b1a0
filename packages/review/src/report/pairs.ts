import type { Expr, PlanIR } from "@carrot/ir";

/** A measure reported against a quota: `revenue` against `quota`, with the tier table that pays on it. */
export interface AttainmentPair {
  measure: string;
  quota: string;
  /** The tier table applied with `quota:` (its bands are drawn on the chart), or null. */
  tiers: string | null;
}

function walk(node: unknown, visit: (e: Expr) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node !== null && typeof node === "object") {
    if (typeof (node as { op?: unknown }).op === "string") visit(node as Expr);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

const sameArgs = (a: Expr[], b: Expr[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Which measure is attainment against which quota, read from the plan itself: a tier applied with
 * `quota: q(..)` to `m(..)`, or a division `m(..) / q(..)`. Statements need it to show "revenue
 * 92,400 of 80,000 (115.5%)" without the plan author having to say it twice.
 */
export function attainmentPairs(ir: PlanIR): AttainmentPair[] {
  const quotas = new Set(ir.plan.values.filter((v) => v.kind === "quota").map((v) => v.name));
  const measures = new Set(ir.plan.values.filter((v) => v.kind === "measure").map((v) => v.name));
  const found = new Map<string, AttainmentPair>();
  const add = (measure: string, quota: string, tiers: string | null): void => {
    const key = JSON.stringify([measure, quota]);
    const known = found.get(key);
    if (!known || (known.tiers === null && tiers !== null)) found.set(key, { measure, quota, tiers });
  };
  walk([ir.plan.values.map((v) => v.body), ir.plan.components], (e) => {
    if (e.op === "tier" && e.quota?.op === "value" && quotas.has(e.quota.name) && e.value.op === "value" && measures.has(e.value.name)) {
      if (sameArgs(e.value.args, e.quota.args)) add(e.value.name, e.quota.name, e.table);
    }
    if (e.op === "div") {
      const [x, q] = e.args;
      if (x?.op === "value" && q?.op === "value" && measures.has(x.name) && quotas.has(q.name) && sameArgs(x.args, q.args)) {
        add(x.name, q.name, null);
      }
    }
  });
  return [...found.values()].sort((a, b) => (a.measure + "\u0000" + a.quota < b.measure + "\u0000" + b.quota ? -1 : 1));
}

/**
 * Ratio measures that are not merely one pair's division (`overall_attainment`): shown as
 * attainment on their own.
 */
export function ratioMeasures(ir: PlanIR, pairs: AttainmentPair[]): string[] {
  return ir.plan.values
    .filter((v) => v.kind === "measure" && v.type === "ratio")
    .filter((v) => {
      if (v.body.op !== "div") return true;
      const [x, q] = v.body.args;
      return !pairs.some((p) => x?.op === "value" && q?.op === "value" && x.name === p.measure && q.name === p.quota);
    })
    .map((v) => v.name)
    .sort();
}
