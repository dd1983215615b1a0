/** Types and units of expressions (docs/language.md section 2), through real compiles. */
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";

const PRELUDE = `plan "P" {
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}
dimension Category { Cardio, Oncology }
dimension Product of Category { "CARD-A": Cardio  "ONCO-X": Oncology }
people reps { id person key  level text  manager person optional  start date optional }
input sales { id text key  date date  rep person  product Product  amount money  usd money[USD]  units count  share ratio }
credit direct { from sales  to sales.rep }
measure revenue = sum(direct.amount)
measure units = sum(direct.units)
measure att = revenue / 1000 EUR
measure by_cat(c: Category) = sum(direct.amount where direct.product in c)
tiers pct marginal { 0% .. 100% : 2%  100% .. : 5% }
tiers amt retroactive { 0 EUR .. 1000 EUR : 1%  1000 EUR .. : 2% }
curve cv { 0% : 0%  100% : 100% }
table rate by Category { Cardio : 1%  default : 2% }
component c { payout 0 EUR }
`;
const FX = `input rates { currency currency  date date  rate number }\nfx from rates\n`;

/** The type of `measure x = <expr>`, or the codes of the errors it causes. */
function typeOf(expr: string, extra = ""): string {
  const text = `${PRELUDE}${extra}measure x = ${expr}\n`;
  const r = compile({
    root: "/ws",
    entry: "plan.carrot",
    readFile: (p) => (p === "/ws/plan.carrot" ? text : undefined),
  });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return errors.map((d) => d.code).join(",");
  return r.program.symbols.find((s) => s.name === "x" && s.kind === "measure")!.typeText!;
}

describe("operators resolve by unit", () => {
  it.each([
    ["revenue + revenue", "money (EUR)"],
    ["revenue - 100 EUR", "money (EUR)"],
    ["revenue * 2%", "money (EUR)"],
    ["2 * revenue", "money (EUR)"],
    ["units * revenue", "money (EUR)"],
    ["revenue / revenue", "ratio"],
    ["revenue / 2", "money (EUR)"],
    ["revenue / units", "money (EUR)"],
    ["units + units", "count"],
    ["units + 1", "count"],
    ["units * 2", "number"],
    ["units / units", "ratio"],
    ["att + att", "ratio"],
    ["att * att", "ratio"],
    ["att / att", "number"],
    ["att + units", "number"],
    ["1.5 * att", "number"],
    ["-revenue", "money (EUR)"],
    ["period_end - period_start", "count"],
    ["period_start + 1", "date"],
    ["revenue > 0", "bool"],
    ["att >= 1", "bool"],
    ["att >= 80% and revenue > 100 EUR", "bool"],
    ["if att > 1 then revenue else 0 EUR", "money (EUR)"],
    ["revenue otherwise 0 EUR", "money (EUR)"],
    ["sum(direct.usd)", "money[USD]"],
  ])("%s : %s", (expr, expected) => {
    expect(typeOf(expr)).toBe(expected);
  });
});

describe("unit errors", () => {
  it.each([
    ["revenue + units", "C0201"],
    ["revenue - 5%", "C0201"],
    ["revenue + 1", "C0201"],
    ["revenue * revenue", "C0202"],
    ["2 / revenue", "C0202"],
    ["revenue + 1 USD", "C0203"],
    ["revenue + sum(direct.usd)", "C0203"],
    ["revenue > 1 USD", "C0203"],
    ["revenue >= 50%", "C0209"],
    ["att > units", "C0209"],
    ["if att then 1 else 2", "C0204"],
    ["if att > 1 then revenue else 5%", "C0204"],
    ["not revenue", "C0204"],
    ["convert(sum(direct.usd), EUR)", "C0208"],
  ])("%s : %s", (expr, expected) => {
    expect(typeOf(expr)).toBe(expected);
  });
});

describe("calls, aggregates and built-ins", () => {
  it.each([
    ["count(direct)", "count"],
    ["count(sales)", "count"],
    ["avg(direct.amount)", "money (EUR)"],
    ["min(direct.amount where direct.units > 0)", "money (EUR)"],
    ["sum(direct.units where direct.product in Cardio)", "count"],
    ['sum(direct.amount where direct.product = "CARD-A")', "money (EUR)"],
    ["sum(direct.amount where direct.product.Category = Cardio)", "money (EUR)"],
    ["sum(sales.amount)", "money (EUR)"],
    ["sum(max(direct.amount, 0 EUR))", "money (EUR)"],
    ["sum(min(direct.units, 10) where direct.amount > 0)", "count"],
    ["sum(direct.amount) / count(direct)", "money (EUR)"],
    ["count(reports)", "count"],
    ["sum(reports.c)", "money (EUR)"],
    ["min(revenue, 100 EUR)", "money (EUR)"],
    ["max(att, 1)", "ratio"],
    ["clamp(att, 0%, 150%)", "ratio"],
    ["abs(revenue)", "money (EUR)"],
    ["round(revenue, 2, half_up)", "money (EUR)"],
    ["step_down(att, 10%)", "ratio"],
    ["days(period_start, period_end)", "count"],
    ["prorate(1000 EUR)", "money (EUR)"],
    ["ytd(revenue)", "money (EUR)"],
    ["prior(att)", "ratio"],
    ["by_cat(Cardio)", "money (EUR)"],
    ['by_cat("Oncology")', "money (EUR)"],
    ["weighted(by_cat, Cardio: 60%, Oncology: 40%)", "money (EUR)"],
    ["pct(att)", "ratio"],
    ["pct(revenue, quota: by_cat(Cardio))", "money (EUR)"],
    ["pct.rate(att)", "ratio"],
    ["amt(revenue)", "money (EUR)"],
    ["cv(att)", "ratio"],
    ["rate[Cardio]", "ratio"],
    ["c", "money (EUR)"],
    ["person.level", "text"],
    ["Category.Cardio", "Category"],
    ["convert(sum(direct.usd), EUR)", "money (EUR)"],
  ])("%s : %s", (expr, expected) => {
    expect(typeOf(expr, expr.startsWith("convert") ? FX : "")).toBe(expected);
  });

  it.each([
    ["revenue(Cardio)", "C0205"],
    ["by_cat()", "C0205"],
    ["by_cat(Cardio, Oncology)", "C0205"],
    ['by_cat("Cardoi")', "C0110"],
    ["by_cat(Product.Cardio)", "C0110"],
    ["pct(revenue)", "C0204"],
    ["pct(att, cap: 1)", "C0206"],
    ["pct", "C0114"],
    ["rate[Cardio, Oncology]", "C0205"],
    ["revenue[Cardio]", "C0114"],
    ["round(revenue, 2, halfup)", "C0405"],
    ["round(revenue, 20)", "C0206"],
    ["sum(revenue)", "C0206"],
    ["weighted(by_cat, Cardio: 60%, Oncology: 30%)", "C0430"],
    ["person.levle", "C0107"],
    ["sales.amount", "C0113"],
    ["reports", "C0114"],
    ["min(revenue)", "C0206"],
    ["days(period_start)", "C0205"],
    ["sum(direct.amount where direct.product = Cardio)", "C0209"],
    ['sum(direct.amount where direct.product = "Cardio")', "C0110"],
    ['sum(direct.amount where direct.product in "Cardio")', "money (EUR)"],
    ["abs(1, 2)", "C0205"],
    // A member of an expression that has none (was an internal error, C0999, at lowering).
    ["abs(revenue).amount", "C0107"],
    ["(revenue).amount * 2%", "C0107"],
    ["pct.rate(att).rate(att)", "C0107"],
  ])("%s : %s", (expr, expected) => {
    expect(typeOf(expr)).toBe(expected);
  });
});

describe("no cascades", () => {
  it("an unknown name is reported once, whatever is built on it", () => {
    expect(typeOf("(revenu * 2% + 1 EUR) / sum(direct.amount) > 50% and att > 1")).toBe("C0101");
  });
  it("an unknown column inside an aggregate is reported once", () => {
    expect(typeOf("sum(direct.amout where direct.units > 0) * revenue")).toBe("C0107");
  });
});
