/**
 * What has a value only for a person in a period. Two places evaluate an expression before any
 * person or period exists: a credit rule's `dated` (once per source row, before crediting: C0513)
 * and a `check`'s assert (once per group of rows, before crediting: C0525). Both ask this one
 * classifier, so they agree on what a person-period read is; each adds only its own rules (a check
 * may aggregate its table, `dated` may read the source row).
 */
import type { Expr } from "@carrot/language";
import type { ValueSym } from "../resolve/symbols.js";
import type { Checker } from "./check.js";
import { numericConstant } from "./constants.js";

/** A `let` without parameters whose body is a constant: it has a value before any person or period. */
export function constantLet(v: ValueSym): boolean {
  return v.keyword === "let" && v.params.length === 0 && numericConstant(v.decl.body) !== undefined;
}

/**
 * What this node itself (not its children) reads that has a value only for a person in a period,
 * as a noun phrase for a message (`the measure 'target'`, `` `period_end` ``); null when nothing.
 */
export function personPeriodRead(ck: Checker, e: Expr): string | null {
  const call = ck.out.calls.get(e);
  if (call) {
    switch (call.kind) {
      case "value":
        return constantLet(call.sym) ? null : `the ${call.sym.keyword} '${call.sym.name}'`;
      case "weighted":
        return `the ${call.sym.keyword} '${call.sym.name}'`;
      case "component":
        return `the component '${call.sym.name}'`;
      case "team":
        return `\`${call.scope}\``;
      case "accumulate":
        return `\`${call.fn}\``;
      case "prorate":
        return "`prorate`";
      case "builtin":
        // Months from a date to the end of the period evaluated.
        return call.fn === "months_since" ? "`months_since`" : null;
      default:
        return null;
    }
  }
  const r = ck.resolved.resolutions.get(e);
  switch (r?.kind) {
    case "builtin":
      return `\`${r.name}\``;
    case "personAttr":
      return `\`person.${r.column.name}\``;
    case "teamTarget":
      return `\`${r.scope}\``;
    case "sym":
      if (r.sym.kind === "component") return `the component '${r.sym.name}'`;
      if (r.sym.kind === "credit") return `the credit rule '${r.sym.name}'`;
      if (r.sym.kind === "value" && !constantLet(r.sym)) return `the ${r.sym.keyword} '${r.sym.name}'`;
      return null;
    default:
      return null;
  }
}
