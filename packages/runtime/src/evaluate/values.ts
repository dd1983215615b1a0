import { Dec, decText } from "../decimal.js";
import { formatDate } from "../periods.js";

/**
 * A run-time value: a Decimal (money, ratio, number, count), a date as a day number, a string
 * (text, member, person, currency, period), a boolean, or null: *no value* (docs/language.md §2).
 */
export type Value = Dec | number | string | boolean | null;

export function isDec(v: Value): v is Dec {
  return typeof v === "object" && v !== null;
}

export function showValue(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === "number") return formatDate(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  return decText(v);
}

/** Orders two values of the same kind; null when they cannot be compared. */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (isDec(a) && isDec(b)) return a.cmp(b);
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  return null;
}
