import { componentIr, planIr, type ComponentIR, type CreditIR, type Expr, type PlanBody, type PlanIR, type TableIR, type TestIR } from "@carrot/ir";

/** Small builders of hand-written IR for the runtime's tests (the compiler is not a dependency). */

export function plan(body: Partial<PlanBody>, tests: TestIR[] = []): PlanIR {
  return planIr(body, { tests, sourceMap: { files: ["plan.carrot"], spans: {} } });
}

export function col(name: string, type: string, opts: { key?: boolean; optional?: boolean; currencyColumn?: string } = {}) {
  return { name, type, key: opts.key ?? false, optional: opts.optional ?? false, currencyColumn: opts.currencyColumn ?? null };
}

export function table(name: string, columns: ReturnType<typeof col>[], role: "input" | "people" = "input"): TableIR {
  return { id: `input.${name}`, name, role, columns };
}

export const reps = (...extra: ReturnType<typeof col>[]): TableIR =>
  table(
    "reps",
    [col("id", "person", { key: true }), col("manager", "person", { optional: true }), col("start", "date", { optional: true }), col("end", "date", { optional: true }), ...extra],
    "people",
  );

export const sales = (...extra: ReturnType<typeof col>[]): TableIR =>
  table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person", { optional: true }), col("amount", "money[EUR]"), ...extra]);

export function direct(name = "direct", source = "sales", column = "rep"): CreditIR {
  return { id: `credit.${name}`, name, source, dated: null, join: null, to: column_(source, column, "person"), split: null, rollup: null };
}

/**
 * Credit rule `name`: each row of `source` joined to the rows of `joinTable` whose `on[0]` equals
 * the source's `on[1]` (text), crediting the joined row's `person` by its `share` (of `shareType`).
 */
export function joinCredit(name: string, source: string, joinTable: string, on: [string, string], person = "person", share = "share", shareType = "ratio"): CreditIR {
  return {
    id: `credit.${name}`,
    name,
    source,
    dated: "date",
    join: { table: joinTable, on: { op: "eq", type: "bool", args: [column_(joinTable, on[0], "text"), column_(source, on[1], "text")] } },
    to: column_(joinTable, person, "person"),
    split: column_(joinTable, share, shareType),
    rollup: null,
  };
}

export const c = (value: string, type = "number"): Expr => ({ op: "const", type, value });
export const money = (value: string): Expr => c(value, "money[EUR]");
export const ratio = (value: string): Expr => c(value, "ratio");
export function column_(table: string, column: string, type = "money[EUR]"): Expr {
  return { op: "column", type, table, column };
}
export const value = (name: string, type = "money[EUR]", ...args: Expr[]): Expr => ({ op: "value", type, name, args });
export const sumOf = (rule: string, column: string, where: Expr | null = null): Expr => ({
  op: "aggregate",
  type: "money[EUR]",
  fn: "sum",
  source: { kind: "credit", rule },
  value: column_(rule, column),
  where,
});
export const arith = (op: "add" | "sub" | "mul" | "div", a: Expr, b: Expr, type = "money[EUR]"): Expr => ({ op, type, sig: `${a.type}${op}${b.type}`, args: [a, b] });

export function measure(name: string, body: Expr, params: { name: string; dimension: string }[] = [], kind: "measure" | "quota" | "let" = "measure") {
  return { id: `${kind}.${name}`, name, kind, params, type: body.type, body };
}

export function component(name: string, payout: Expr, extra: Partial<ComponentIR> = {}): ComponentIR {
  return componentIr(name, payout, extra);
}

export function csv(header: string, ...rows: string[]): string {
  return [header, ...rows].join("\n") + "\n";
}

/** Dimensions Category (the keys of `products`, in order) and Product (each category's products, its parent). */
export function productDims(products: Record<string, string[]>) {
  return [
    { id: "dim.Category", name: "Category", parent: null, members: Object.keys(products).map((name) => ({ name, parent: null })) },
    { id: "dim.Product", name: "Product", parent: "Category", members: Object.entries(products).flatMap(([category, names]) => names.map((name) => ({ name, parent: category }))) },
  ];
}

/** Two categories over three products (CARD-A, CARD-B → Cardio; ONCO-X → Onco). */
export const categoryDims = productDims({ Cardio: ["CARD-A", "CARD-B"], Onco: ["ONCO-X"] });
