/**
 * zod schema of the IR: the runtime validates every IR it is given against it (a service may load
 * plan.ir.json written by another version of the compiler).
 */
import { z } from "zod";
import { COMPARISONS } from "./types.js";
import type * as T from "./types.js";

const type = z.string().min(1);
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a canonical decimal");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const roundingMode = z.enum(["half_even", "half_up", "half_down", "up", "down"]);
const aggFn = z.enum(["sum", "count", "avg", "min", "max"]);

export const exprSchema: z.ZodType<T.Expr> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z.object({ op: z.literal("const"), type, value: z.string() }),
    z.object({ op: z.literal("param"), type, name: z.string() }),
    z.object({ op: z.literal("local"), type, name: z.string() }),
    z.object({ op: z.literal("value"), type, name: z.string(), args: z.array(exprSchema) }),
    z.object({ op: z.literal("component"), type, name: z.string(), args: z.array(exprSchema) }),
    z.object({ op: z.literal("person"), type, column: z.string() }),
    z.object({ op: z.literal("period_start"), type: z.literal("date") }),
    z.object({ op: z.literal("period_end"), type: z.literal("date") }),
    z.object({ op: z.literal("column"), type, table: z.string(), column: z.string() }),
    z.object({
      op: z.literal("aggregate"),
      type,
      fn: aggFn,
      source: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("credit"), rule: z.string() }),
        z.object({ kind: z.literal("table"), table: z.string() }),
      ]),
      value: exprSchema.nullable(),
      where: exprSchema.nullable(),
    }),
    z.object({
      op: z.literal("team"),
      type,
      scope: z.enum(["reports", "team"]),
      fn: aggFn,
      target: z
        .object({ kind: z.enum(["component", "value"]), name: z.string(), args: z.array(exprSchema) })
        .nullable(),
    }),
    z.object({
      op: z.literal("accumulate"),
      type,
      fn: z.enum(["ytd", "qtd", "cumulative", "prior"]),
      value: exprSchema,
    }),
    ...(["add", "sub", "mul", "div", "neg"] as const).map((op) =>
      z.object({ op: z.literal(op), type, sig: z.string(), args: z.array(exprSchema).min(1).max(2) }),
    ),
    ...COMPARISONS.map((op) =>
      z.object({ op: z.literal(op), type: z.literal("bool"), args: z.tuple([exprSchema, exprSchema]) }),
    ),
    z.object({ op: z.literal("and"), type: z.literal("bool"), args: z.array(exprSchema).min(2) }),
    z.object({ op: z.literal("or"), type: z.literal("bool"), args: z.array(exprSchema).min(2) }),
    z.object({ op: z.literal("not"), type: z.literal("bool"), args: z.tuple([exprSchema]) }),
    z.object({ op: z.literal("if"), type, args: z.tuple([exprSchema, exprSchema, exprSchema]) }),
    z.object({ op: z.literal("otherwise"), type, args: z.tuple([exprSchema, exprSchema]) }),
    z.object({
      op: z.literal("in_range"),
      type: z.literal("bool"),
      value: exprSchema,
      from: exprSchema,
      to: exprSchema.nullable(),
    }),
    z.object({ op: z.literal("in_member"), type: z.literal("bool"), value: exprSchema, member: exprSchema }),
    z.object({ op: z.literal("ancestor"), type, dimension: z.string(), value: exprSchema }),
    z.object({
      op: z.literal("tier"),
      type,
      table: z.string(),
      apply: z.enum(["payout", "rate"]),
      value: exprSchema,
      quota: exprSchema.nullable(),
      negative: z.literal(true).optional(),
    }),
    z.object({ op: z.literal("matrix"), type, matrix: z.string(), row: exprSchema, column: exprSchema }),
    z.object({ op: z.literal("curve"), type, curve: z.string(), value: exprSchema }),
    z.object({ op: z.literal("lookup"), type, table: z.string(), keys: z.array(exprSchema) }),
    z.object({
      op: z.literal("builtin"),
      type,
      fn: z.enum(["min", "max", "abs", "clamp", "round", "step_down", "days", "months_since"]),
      args: z.array(exprSchema),
      rounding: z.object({ scale: z.number().int().min(0).max(12), mode: roundingMode }).nullable(),
    }),
    z.object({
      op: z.literal("prorate"),
      type,
      value: exprSchema,
      by: z.object({ table: z.string(), from: z.string(), to: z.string() }).nullable(),
    }),
    z.object({ op: z.literal("convert"), type, currency: z.string(), value: exprSchema }),
  ]),
) as z.ZodType<T.Expr>;

const param = z.object({ name: z.string(), dimension: z.string() });

export const planBodySchema = z.object({
  name: z.string(),
  version: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  effective: z.object({ from: date, to: date }),
  grain: z.enum(["month", "quarter", "half", "year"]),
  rounding: z.object({
    scale: z.number().int().min(0).max(12),
    mode: roundingMode,
    on: z.enum(["line", "component", "total"]),
  }),
  pay: z.object({ timing: z.enum(["every", "next"]), grain: z.enum(["month", "quarter", "half", "year"]) }).optional(),
  fiscal: z.object({ start: z.number().int().min(2).max(12), named: z.enum(["start", "end"]) }).optional(),
  dimensions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parent: z.string().nullable(),
      members: z.array(z.object({ name: z.string(), parent: z.string().nullable() })),
    }),
  ),
  tables: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(["input", "people"]),
      columns: z.array(
        z.object({
          name: z.string(),
          type,
          key: z.boolean(),
          optional: z.boolean(),
          currencyColumn: z.string().nullable(),
        }),
      ),
    }),
  ),
  fx: z.object({ table: z.string() }).nullable(),
  credits: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string().nullable(),
      dated: z.union([z.string(), exprSchema]).nullable(),
      join: z.object({ table: z.string(), on: exprSchema }).nullable(),
      to: exprSchema.nullable(),
      split: exprSchema.nullable(),
      rollup: z.object({ rule: z.string(), depth: z.number().int().positive().nullable() }).nullable(),
    }),
  ),
  values: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(["measure", "quota", "let"]),
      params: z.array(param),
      type,
      body: exprSchema,
    }),
  ),
  tiers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mode: z.enum(["marginal", "retroactive", "amount", "interpolated"]),
      boundary: z.enum(["lower", "upper", "both"]),
      boundType: type,
      valueType: type,
      bands: z.array(z.object({ from: decimal, to: decimal.nullable(), value: decimal })),
    }),
  ),
  matrices: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        boundary: z.enum(["lower", "upper", "both"]),
        rowType: type,
        columnType: type,
        valueType: type,
        rows: z.array(z.object({ from: decimal, to: decimal.nullable() })).min(1),
        columns: z.array(z.object({ from: decimal, to: decimal.nullable() })).min(1),
        cells: z.array(z.array(decimal)),
      }).refine((m) => m.cells.length === m.rows.length && m.cells.every((r) => r.length === m.columns.length), {
        message: "a matrix has one row of cells per row band and one cell per column band",
      }),
    )
    .optional(),
  curves: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      xType: type,
      yType: type,
      below: decimal.nullable(),
      points: z.array(z.object({ x: decimal, y: decimal })),
    }),
  ),
  lookups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      keys: z.array(z.string()),
      valueType: type,
      rows: z.array(z.object({ keys: z.array(z.string()).nullable(), value: decimal })),
    }),
  ),
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      order: z.number().int().min(0),
      forEach: param.nullable(),
      window: z.object({ from: date, to: date }).nullable(),
      eligible: exprSchema.nullable(),
      lets: z.array(z.object({ name: z.string(), value: exprSchema })),
      gate: exprSchema.nullable(),
      payout: exprSchema,
      floor: exprSchema.nullable(),
      cap: z.object({ value: exprSchema, per: z.enum(["line", "year"]) }).nullable(),
      allowNegative: z.boolean(),
      hold: z.object({ bound: exprSchema, reason: z.string().nullable() }).optional(),
    }),
  ),
  payout: z.object({
    cap: z.object({ amount: decimal, per: z.enum(["period", "year"]) }).nullable(),
    guarantee: z
      .union([
        z.object({ amount: decimal, per: z.literal("period"), recoverable: z.boolean() }),
        z.object({ value: exprSchema, per: z.literal("period"), recoverable: z.boolean() }),
      ])
      .nullable(),
    settle: z.object({ table: z.string(), carry: z.boolean() }).nullable(),
    release: z.object({ table: z.string() }).optional(),
  }),
  checks: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        table: z.string(),
        per: z.array(z.string()),
        assert: exprSchema,
        text: z.string(),
        message: z.string().nullable(),
        severity: z.enum(["error", "warning"]),
      }),
    )
    .optional(),
});

export const testSchema = z.object({
  id: z.string(),
  name: z.string(),
  period: z.string().nullable(),
  givenValues: z.array(z.object({ name: z.string(), args: z.array(z.string()), value: z.string(), type })),
  givenRows: z.array(z.object({ table: z.string(), row: z.record(z.string(), z.string()) })),
  expects: z.array(
    z.object({
      target: z.enum(["component", "value", "total"]),
      name: z.string(),
      args: z.array(z.string()),
      person: z.string().nullable(),
      value: z.string(),
      type,
    }),
  ),
});

export const planIrSchema = z.object({
  format: z.literal("carrot-ir"),
  version: z.literal(1),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  plan: planBodySchema,
  tests: z.array(testSchema),
  sourceMap: z.object({ files: z.array(z.string()), spans: z.record(z.string(), z.string()) }),
});
