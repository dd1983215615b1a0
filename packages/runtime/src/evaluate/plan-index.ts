import type { ComponentIR, CreditIR, CurveIR, LookupIR, PlanBody, TiersIR, ValueIR } from "@carrot/ir";
import { Dec } from "../decimal.js";
import type { BandTrace } from "../result/types.js";
import { prepareMatrix, type PreparedMatrix } from "./matrix.js";

/** The plan's declarations by name, with decimals parsed once and member hierarchies flattened. */
export interface PlanIndex {
  plan: PlanBody;
  values: Map<string, ValueIR>;
  components: Map<string, ComponentIR>;
  credits: Map<string, CreditIR>;
  tiers: Map<string, PreparedTiers>;
  matrices: Map<string, PreparedMatrix>;
  curves: Map<string, PreparedCurve>;
  lookups: Map<string, PreparedLookup>;
  /** dimension → its members in declared order. */
  members: Map<string, string[]>;
  /** dimension → member → the member and its ancestors, nearest first, as [dimension, member]. */
  ancestry: Map<string, Map<string, [string, string][]>>;
}

export interface PreparedTiers {
  ir: TiersIR;
  bands: { from: Dec; to: Dec | null; value: Dec }[];
  /** The bands as trace text (canonical decimals of the IR). */
  texts: { from: string; to: string | null; value: string }[];
  /** Marginal trace of a band the value does not reach (shared by every trace). */
  unreached: BandTrace[];
}

export interface PreparedCurve {
  ir: CurveIR;
  below: Dec | null;
  points: { x: Dec; y: Dec }[];
}

export interface PreparedLookup {
  ir: LookupIR;
  rows: Map<string, Dec>;
  fallback: Dec | null;
}

export function indexPlan(plan: PlanBody): PlanIndex {
  const dims = new Map(plan.dimensions.map((d) => [d.name, d]));
  const members = new Map(plan.dimensions.map((d) => [d.name, d.members.map((m) => m.name)]));
  const ancestry = new Map<string, Map<string, [string, string][]>>();
  for (const d of plan.dimensions) {
    const chains = new Map<string, [string, string][]>();
    for (const m of d.members) {
      const chain: [string, string][] = [[d.name, m.name]];
      let dim = d;
      let parent = m.parent;
      const seen = new Set<string>([d.name]);
      while (dim.parent && parent !== null && !seen.has(dim.parent)) {
        const up = dims.get(dim.parent);
        if (!up) break;
        seen.add(up.name);
        chain.push([up.name, parent]);
        parent = up.members.find((x) => x.name === parent)?.parent ?? null;
        dim = up;
      }
      chains.set(m.name, chain);
    }
    ancestry.set(d.name, chains);
  }
  return {
    plan,
    values: new Map(plan.values.map((v) => [v.name, v])),
    components: new Map(plan.components.map((c) => [c.name, c])),
    credits: new Map(plan.credits.map((c) => [c.name, c])),
    tiers: new Map(
      plan.tiers.map((t) => [
        t.name,
        {
          ir: t,
          bands: t.bands.map((b) => ({ from: new Dec(b.from), to: b.to === null ? null : new Dec(b.to), value: new Dec(b.value) })),
          texts: t.bands.map((b) => ({ from: b.from, to: b.to, value: b.value })),
          unreached: t.bands.map((b) => ({ from: b.from, to: b.to, value: b.value, slice: "0", payout: "0", reached: false })),
        },
      ]),
    ),
    matrices: new Map((plan.matrices ?? []).map((m) => [m.name, prepareMatrix(m)])),
    curves: new Map(
      plan.curves.map((c) => [
        c.name,
        { ir: c, below: c.below === null ? null : new Dec(c.below), points: c.points.map((p) => ({ x: new Dec(p.x), y: new Dec(p.y) })) },
      ]),
    ),
    lookups: new Map(
      plan.lookups.map((l) => {
        const rows = new Map<string, Dec>();
        let fallback: Dec | null = null;
        for (const r of l.rows) {
          if (r.keys === null) fallback = new Dec(r.value);
          else rows.set(r.keys.join("\u0001"), new Dec(r.value));
        }
        return [l.name, { ir: l, rows, fallback }];
      }),
    ),
    members,
    ancestry,
  };
}

/** The member and its ancestors, nearest first (just the member when it is unknown). */
export function ancestorsOf(index: PlanIndex, dimension: string, member: string): [string, string][] {
  return index.ancestry.get(dimension)?.get(member) ?? [[dimension, member]];
}

/** `member[Product]` → `Product`. */
export function memberDimension(type: string): string | null {
  const m = /^member\[(.+)\]$/.exec(type);
  return m ? m[1] : null;
}

/** `money[EUR]` → `EUR`; `money[*]` → `*`; null when not money. */
export function moneyCurrency(type: string): string | null {
  const m = /^money\[(.+)\]$/.exec(type);
  return m ? m[1] : type === "money" ? "" : null;
}
