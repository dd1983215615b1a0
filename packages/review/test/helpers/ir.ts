import { componentIr, planIr, type ComponentIR, type Expr, type PlanBody, type PlanIR, type TiersIR } from "@carrot/ir";

/** Small hand-built IR for unit tests that must not depend on the compiler. */
export const money = (value: string): Expr => ({ op: "const", type: "money[EUR]", value });
export const ratio = (value: string): Expr => ({ op: "const", type: "ratio", value });
export const valueRef = (name: string, args: Expr[] = []): Expr => ({ op: "value", type: "money[EUR]", name, args });

export function tiers(name: string, bands: [string, string | null, string][]): TiersIR {
  return {
    id: `tiers.${name}`,
    name,
    mode: "marginal",
    boundary: "lower",
    boundType: "ratio",
    valueType: "ratio",
    bands: bands.map(([from, to, value]) => ({ from, to, value })),
  };
}

export function component(name: string, payout: Expr, order = 0): ComponentIR {
  return componentIr(name, payout, { order });
}

export function plan(patch: Partial<PlanBody> = {}): PlanIR {
  return planIr(patch);
}
