/** Constant expressions (band bounds, curve points, lookup values, test values): exact decimals with a unit. */
import { Decimal } from "decimal.js";
import type { Expr } from "@carrot/language";
import { T, type Ty } from "./types.js";

export interface Constant {
  value: Decimal;
  type: Ty;
}

// AST nodes are immutable (and shared through the parse cache): their constant value is too.
const memo = new WeakMap<Expr, Constant | null>();
const literalMemo = new Map<string, Constant | null>();
const MAX_LITERALS = 20_000;

/** The value of a numeric constant, or undefined when `e` is not one. */
export function numericConstant(e: Expr): Constant | undefined {
  switch (e.kind) {
    case "NumberLit":
    case "PercentLit":
    case "MoneyLit": {
      // Literals by their text too: an editor's re-parse gives new nodes for the same literals.
      const key = e.kind === "MoneyLit" ? `M${e.amount} ${e.currency.text}` : `${e.kind === "NumberLit" ? "N" : "P"}${e.value}`;
      let c = literalMemo.get(key);
      if (c === undefined) {
        if (literalMemo.size >= MAX_LITERALS) literalMemo.clear();
        literalMemo.set(key, (c = computeConstant(e) ?? null));
      }
      return c ?? undefined;
    }
    case "ParenExpr":
    case "UnaryExpr": {
      let c = memo.get(e);
      if (c === undefined) memo.set(e, (c = computeConstant(e) ?? null));
      return c ?? undefined;
    }
    default:
      return undefined;
  }
}

function computeConstant(e: Expr): Constant | undefined {
  switch (e.kind) {
    case "NumberLit": {
      const v = safeDecimal(e.value);
      return v && { value: v, type: T.numlit(v.isZero()) };
    }
    case "PercentLit": {
      const v = safeDecimal(e.value);
      return v && { value: v.div(100), type: T.ratio };
    }
    case "MoneyLit": {
      const v = safeDecimal(e.amount);
      return v && { value: v, type: T.money(e.currency.text) };
    }
    case "ParenExpr":
      return numericConstant(e.inner);
    case "UnaryExpr": {
      if (e.op !== "-") return undefined;
      const c = numericConstant(e.operand);
      return c && { value: c.value.neg(), type: c.type };
    }
    default:
      return undefined;
  }
}

export function safeDecimal(text: string): Decimal | undefined {
  try {
    const d = new Decimal(text.replace(/_/g, ""));
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

const textMemo = new WeakMap<Decimal, string>();

/** Canonical decimal text: no exponent, no trailing zeros, no negative zero. */
export function canonicalDecimal(d: Decimal): string {
  let text = textMemo.get(d);
  if (text === undefined) textMemo.set(d, (text = computeCanonical(d)));
  return text;
}

function computeCanonical(d: Decimal): string {
  if (d.isZero()) return "0";
  const s = d.toFixed();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
