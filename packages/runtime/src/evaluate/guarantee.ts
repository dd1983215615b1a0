/**
 * The plan-level guarantee's amount for one person and period (docs/language.md, payout rules).
 * A constant guarantee is the same for everyone; an expression (`prorate(2000 USD)`, `if
 * person.level = Senior then 3000 EUR else 2000 EUR`) is evaluated per person and period, rounded
 * to the plan's scale (it tops up a payable, so it is money paid), and gives no guarantee when it
 * has no value: that is reported (R0047), never read as zero.
 */
import type { GuaranteeIR, RoundingMode } from "@carrot/ir";
import { Dec, decText, roundDec } from "../decimal.js";
import { Env, type Fn, type PersonPeriod } from "./context.js";
import type { Engine } from "./engine.js";
import { isDec } from "./values.js";

export interface GuaranteeAmount {
  amount: Dec;
  /** The amount as adjustment details print it (a constant: as the plan wrote it). */
  text: string;
}

export type GuaranteeRule = (pp: PersonPeriod) => GuaranteeAmount | null;

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

export function guaranteeRule(
  engine: Engine,
  g: GuaranteeIR,
  rounding: { scale: number; mode: RoundingMode },
): GuaranteeRule {
  if ("amount" in g) {
    const fixed: GuaranteeAmount = { amount: new Dec(g.amount), text: g.amount };
    return () => fixed;
  }
  let fn: Fn | null = null;
  return (pp) => {
    fn ??= engine.compile(g.value, { row: null, where: "payout guarantee" });
    const v = fn(new Env(pp, NO_PARAMS, null, null));
    if (!isDec(v)) {
      engine.report(
        "R0047",
        `guarantee:${pp.person}:${pp.period.id}`,
        `the guarantee has no value for ${pp.person} in ${pp.period.id}: no guarantee that period`,
        pp,
      );
      return null;
    }
    const amount = roundDec(v, rounding.scale, rounding.mode);
    return { amount, text: decText(amount, rounding.scale) };
  };
}
