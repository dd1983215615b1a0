/**
 * Types with units (docs/language.md section 2) and the unit algebra of the operators.
 * `numlit` is the type of a plain number literal: it takes the unit of what it is combined with
 * (`attainment >= 1`, `units + 1`), so that constants need no unit annotations.
 */
import type { DimensionSym } from "../resolve/symbols.js";

export type Ty =
  /** `currency` undefined: the plan currency (unknown in a library file); `*`: per row (`money(col)`). */
  | { kind: "money"; currency?: string }
  | { kind: "ratio" }
  | { kind: "number" }
  | { kind: "count" }
  | { kind: "numlit"; zero: boolean }
  | { kind: "date" }
  | { kind: "period" }
  | { kind: "text" }
  | { kind: "bool" }
  | { kind: "currency" }
  | { kind: "person" }
  | { kind: "member"; dim: DimensionSym }
  /** A part failed to resolve or type: silences every check built on it. */
  | { kind: "error" };

export const T = {
  ratio: { kind: "ratio" } as Ty,
  number: { kind: "number" } as Ty,
  count: { kind: "count" } as Ty,
  date: { kind: "date" } as Ty,
  period: { kind: "period" } as Ty,
  text: { kind: "text" } as Ty,
  bool: { kind: "bool" } as Ty,
  currency: { kind: "currency" } as Ty,
  person: { kind: "person" } as Ty,
  error: { kind: "error" } as Ty,
  money: (currency?: string): Ty => (currency === undefined ? { kind: "money" } : { kind: "money", currency }),
  numlit: (zero: boolean): Ty => ({ kind: "numlit", zero }),
};

export function showType(t: Ty, planCurrency?: string): string {
  switch (t.kind) {
    case "money":
      if (t.currency === "*") return "money (per-row currency)";
      return t.currency && t.currency !== planCurrency
        ? `money[${t.currency}]`
        : planCurrency
          ? `money (${planCurrency})`
          : "money";
    case "numlit":
      return "number";
    case "member":
      return t.dim.name;
    default:
      return t.kind;
  }
}

/** The IR's type string. */
export function irType(t: Ty, planCurrency: string | undefined): string {
  switch (t.kind) {
    case "money":
      return `money[${t.currency ?? planCurrency ?? "*"}]`;
    case "numlit":
      return "number";
    case "member":
      return `member[${t.dim.name}]`;
    case "error":
      return "error";
    default:
      return t.kind;
  }
}

/** The unit name used in the IR's operator signatures (`money*ratio`). */
export function unitName(t: Ty): string {
  switch (t.kind) {
    case "numlit":
      return "number";
    case "member":
      return "member";
    default:
      return t.kind;
  }
}

export const isNumeric = (t: Ty) =>
  t.kind === "ratio" || t.kind === "number" || t.kind === "count" || t.kind === "numlit";
export const isError = (t: Ty) => t.kind === "error";

export function sameCurrency(a: Ty & { kind: "money" }, b: Ty & { kind: "money" }, plan: string | undefined): boolean {
  const ca = a.currency ?? plan;
  const cb = b.currency ?? plan;
  // A per-row currency (`money(col)`) matches only itself: anything else needs convert(...).
  if (ca === "*" || cb === "*") return ca === cb;
  return ca === undefined || cb === undefined || ca === cb;
}

/** Can a value of type `actual` stand where `expected` is required? */
export function assignable(actual: Ty, expected: Ty, plan: string | undefined): boolean {
  if (actual.kind === "error" || expected.kind === "error") return true;
  if (expected.kind === "money") {
    if (actual.kind === "money") return sameCurrency(actual, expected, plan);
    return actual.kind === "numlit" && actual.zero;
  }
  if (actual.kind === "numlit")
    return (
      expected.kind === "ratio" || expected.kind === "number" || expected.kind === "count" || expected.kind === "numlit"
    );
  if (expected.kind === "number") return actual.kind === "number" || actual.kind === "count" || actual.kind === "ratio";
  // Members convert to no other dimension implicitly: `x.Category` or `in` say it explicitly.
  if (expected.kind === "member") return actual.kind === "member" && actual.dim === expected.dim;
  return actual.kind === expected.kind;
}

export type ArithOp = "+" | "-" | "*" | "/";

/**
 * The result of `l op r`, or the code of the unit error. Money operands must be of the same
 * currency for + and - (checked by the caller, which knows the plan currency).
 */
export function arithResult(op: ArithOp, l: Ty, r: Ty): Ty | "C0201" | "C0202" | "C0204" {
  if (l.kind === "error" || r.kind === "error") return T.error;
  const lm = l.kind === "money";
  const rm = r.kind === "money";
  if (op === "+" || op === "-") {
    if (lm && rm) return l.currency === "*" ? r : l;
    if (lm && r.kind === "numlit" && r.zero) return l;
    if (rm && l.kind === "numlit" && l.zero) return r;
    if (lm || rm) return isNumeric(lm ? r : l) ? "C0201" : "C0204";
    if (l.kind === "date" && op === "+" && (r.kind === "count" || r.kind === "numlit")) return T.date;
    if (l.kind === "date" && op === "-" && r.kind === "date") return T.count;
    if (l.kind === "date" && op === "-" && (r.kind === "count" || r.kind === "numlit")) return T.date;
    if (!isNumeric(l) || !isNumeric(r)) return "C0204";
    return combineDimensionless(op, l, r);
  }
  if (op === "*") {
    if (lm && rm) return "C0202";
    if (lm) return isNumeric(r) ? l : "C0204";
    if (rm) return isNumeric(l) ? r : "C0204";
    if (!isNumeric(l) || !isNumeric(r)) return "C0204";
    return combineDimensionless(op, l, r);
  }
  // division
  if (lm && rm) return T.ratio;
  if (lm) return isNumeric(r) ? l : "C0204";
  if (rm) return isNumeric(l) ? "C0202" : "C0204";
  if (!isNumeric(l) || !isNumeric(r)) return "C0204";
  if (l.kind === "count" && r.kind === "count") return T.ratio;
  return combineDimensionless(op, l, r);
}

function combineDimensionless(op: ArithOp, l: Ty, r: Ty): Ty {
  if (l.kind === "numlit" && r.kind === "numlit") return T.numlit(false);
  // Under + and - a literal takes the unit of the other side (`units + 1` is a count); under * and
  // / it is a plain number (`units * 2` is a number, as count × number is).
  const lu = l.kind === "numlit" ? (op === "+" || op === "-" ? r : T.number) : l;
  const ru = r.kind === "numlit" ? (op === "+" || op === "-" ? l : T.number) : r;
  if (lu.kind === "count" && ru.kind === "count")
    return op === "+" || op === "-" ? T.count : op === "/" ? T.ratio : T.number;
  if (lu.kind === "ratio" && ru.kind === "ratio") return op === "/" ? T.number : T.ratio;
  return T.number;
}

/** Comparison compatibility: same unit (and currency), dimensionless quantities among themselves except ratio with count. */
export function comparable(l: Ty, r: Ty, plan: string | undefined): boolean | "currency" {
  if (l.kind === "error" || r.kind === "error") return true;
  if (l.kind === "money" && r.kind === "money") return sameCurrency(l, r, plan) ? true : "currency";
  if (l.kind === "money") return r.kind === "numlit" && r.zero;
  if (r.kind === "money") return l.kind === "numlit" && l.zero;
  if (isNumeric(l) && isNumeric(r))
    return !((l.kind === "ratio" && r.kind === "count") || (l.kind === "count" && r.kind === "ratio"));
  if (l.kind === "member" && r.kind === "member") return l.dim === r.dim;
  return l.kind === r.kind;
}
