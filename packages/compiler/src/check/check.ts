/**
 * The check pass: the type (with unit) of every expression, the meaning of every call, and the
 * semantic errors of expressions. Declaration-shape checks (tiers, curves, plan header...) live in
 * rules.ts. An expression whose part failed gets the `error` type and nothing above it is reported.
 */
import type { Argument, CallExpr, Diagnostic, Expr, Name } from "@carrot/language";
import { diag, replaceFix } from "../diagnostics/catalogue.js";
import type { Resolved } from "../resolve/resolve.js";
import { creditColumns } from "../resolve/resolve.js";
import type {
  ColumnSym,
  ComponentSym,
  CreditSym,
  CurveSym,
  DimensionSym,
  LocalSym,
  MemberSym,
  Resolution,
  Sym,
  TableSym,
  TiersSym,
  MatrixSym,
  ValueSym,
} from "../resolve/symbols.js";
import { closest } from "../util/text.js";
import { periodBounds, validDate } from "./calendar.js";
import { stronglyConnected } from "../util/graph.js";
import { numericConstant } from "./constants.js";
import { arithResult, assignable, comparable, isNumeric, showType, T, type ArithOp, type Ty } from "./types.js";
import { Decimal } from "decimal.js";
import type { Calendar } from "@carrot/ir";

export type AggFn = "sum" | "count" | "avg" | "min" | "max";
export type AggSource = { kind: "credit"; rule: CreditSym } | { kind: "table"; table: TableSym };

/** What a CallExpr (or an IndexExpr, or a bare NameRef that denotes a call) means. */
export type CallInfo =
  | { kind: "value"; sym: ValueSym; args: Expr[] }
  | { kind: "component"; sym: ComponentSym; args: Expr[] }
  | { kind: "tier"; sym: TiersSym; apply: "payout" | "rate"; value: Expr; quota: Expr | undefined; negative: boolean }
  | { kind: "matrix"; sym: MatrixSym; row: Expr; column: Expr }
  | { kind: "curve"; sym: CurveSym; value: Expr }
  | { kind: "aggregate"; fn: AggFn; source: AggSource; value: Expr | undefined; where: Expr | undefined }
  | { kind: "team"; fn: AggFn; scope: "reports" | "team"; target: { sym: ComponentSym | ValueSym } | undefined }
  | {
      kind: "builtin";
      fn: "min" | "max" | "abs" | "clamp" | "round" | "step_down" | "days" | "months_since";
      args: Expr[];
      rounding: { scale: number; mode: string } | undefined;
    }
  | { kind: "accumulate"; fn: "ytd" | "qtd" | "cumulative" | "prior"; value: Expr }
  | { kind: "prorate"; value: Expr; by: { table: TableSym; from: ColumnSym; to: ColumnSym } | undefined }
  | { kind: "weighted"; sym: ValueSym; weights: { member: MemberSym; weight: Expr }[] }
  | { kind: "convert"; value: Expr; currency: string };

export interface PlanInfo {
  currency: string | undefined;
  fx: boolean;
  /** Whose period literals are valid (`2026-Q1`, or `FY2026-Q1` with a fiscal year). */
  calendar: Calendar;
}

export interface Checked {
  types: Map<Expr, Ty>;
  /** A literal's unit when it took the unit of its context (`0` as money, `1` as a ratio). */
  coerced: Map<Expr, Ty>;
  /** String literals and ambiguous bare names that denote a member of the expected dimension. */
  memberOf: Map<Expr, MemberSym>;
  calls: Map<Expr, CallInfo>;
  /** Row-reading expressions: `sales.amount` → the column it reads. */
  columns: Map<Expr, ColumnSym>;
  valueTypes: Map<ValueSym, Ty>;
  localTypes: Map<LocalSym, Ty>;
  /** Definition dependencies (values, components, lets), for cycles and component order. */
  deps: Map<Sym, Set<Sym>>;
  diagnostics: Diagnostic[];
}

interface Ctx {
  uri: string;
  owner: Sym | undefined;
  /** Tables whose columns can be read here (inside aggregates, credit clauses, prorate ranges). */
  row: Set<TableSym> | undefined;
}

const ROUNDING_MODES = ["half_even", "half_up", "half_down", "up", "down"];

export class Checker {
  readonly out: Checked = {
    types: new Map(),
    coerced: new Map(),
    memberOf: new Map(),
    calls: new Map(),
    columns: new Map(),
    valueTypes: new Map(),
    localTypes: new Map(),
    deps: new Map(),
    diagnostics: [],
  };
  private readonly inProgress = new Set<Sym>();
  /** Inside the right side of `x in M`: a member of an ancestor dimension is accepted there. */
  private ancestorsAllowed = false;

  constructor(
    readonly resolved: Resolved,
    readonly plan: PlanInfo,
  ) {}

  private report(d: Diagnostic) {
    this.out.diagnostics.push(d);
  }

  private res(node: object): Resolution | undefined {
    return this.resolved.resolutions.get(node);
  }

  private dep(ctx: Ctx, sym: Sym) {
    if (!ctx.owner) return;
    let s = this.out.deps.get(ctx.owner);
    if (!s) this.out.deps.set(ctx.owner, (s = new Set()));
    s.add(sym);
  }

  show(t: Ty): string {
    return showType(t, this.plan.currency);
  }

  // ------------------------------------------------------------------ declaration-level typing

  valueType(v: ValueSym): Ty {
    const known = this.out.valueTypes.get(v);
    if (known) return known;
    if (this.inProgress.has(v)) return T.error; // a cycle: reported by the cycle check
    this.inProgress.add(v);
    const t = this.expr(v.decl.body, { uri: v.uri, owner: v, row: undefined });
    this.inProgress.delete(v);
    this.out.valueTypes.set(v, t);
    v.typeText = this.show(t);
    return t;
  }

  /**
   * Type every value, each after the values it reads: typing on demand would recurse once per
   * link of a chain of measures, and plans may chain more of them than the stack holds.
   */
  typeAllValues(values: ValueSym[]) {
    const reads = (v: ValueSym): ValueSym[] => {
      const out: ValueSym[] = [];
      const stack: Expr[] = [v.decl.body];
      while (stack.length > 0) {
        const e = stack.pop()!;
        const r = this.res(e);
        if (r?.kind === "sym" && r.sym.kind === "value") out.push(r.sym);
        else if (r?.kind === "teamTarget" && r.target.kind === "value") out.push(r.target);
        forEachChild(e, (c) => stack.push(c));
      }
      return out;
    };
    // Tarjan gives each strongly connected group after the groups it reads.
    for (const group of stronglyConnected(values, reads)) {
      if (group.length === 1 && !reads(group[0]).includes(group[0])) {
        this.valueType(group[0]);
        continue;
      }
      // A cycle (C0301, reported from the dependencies recorded here): inside it, a reference to a
      // member of the group is typed `error` at once instead of following the loop.
      for (const v of group) this.inProgress.add(v);
      for (const v of group) {
        const t = this.expr(v.decl.body, { uri: v.uri, owner: v, row: undefined });
        this.out.valueTypes.set(v, t);
        v.typeText = this.show(t);
      }
      for (const v of group) this.inProgress.delete(v);
    }
  }

  localType(l: LocalSym): Ty {
    const known = this.out.localTypes.get(l);
    if (known) return known;
    if (this.inProgress.has(l)) return T.error;
    this.inProgress.add(l);
    const t = this.expr(l.clause.value, { uri: l.uri, owner: l, row: undefined });
    this.inProgress.delete(l);
    this.out.localTypes.set(l, t);
    l.typeText = this.show(t);
    return t;
  }

  componentType(): Ty {
    return T.money(this.plan.currency);
  }

  /** Check an expression against an expected type; reports C0204 with `what` naming the position. */
  expect(e: Expr, ctx: Ctx, expected: Ty, what: string): Ty {
    const t = this.expr(e, ctx, expected);
    if (!assignable(t, expected, this.plan.currency)) {
      if (t.kind === "money" && expected.kind === "money")
        this.report(diag("C0203", { left: this.show(t), right: this.show(expected) }, ctx.uri, e.span));
      else this.report(diag("C0204", { expected: this.show(expected), actual: this.show(t), what }, ctx.uri, e.span));
      return T.error;
    }
    if (t.kind === "numlit") this.coerceLiteral(e, expected);
    return t;
  }

  /** Money or a number; else C0204 naming `what` at `at` (the caller then gives up on the expression). */
  private numberOrMoney(t: Ty, what: string, at: Expr, ctx: Ctx): boolean {
    if (t.kind === "money" || isNumeric(t)) return true;
    this.report(diag("C0204", { expected: "a number or money", actual: this.show(t), what }, ctx.uri, at.span));
    return false;
  }

  rowCtx(uri: string, owner: Sym | undefined, tables: TableSym[]): Ctx {
    return { uri, owner, row: new Set(tables) };
  }

  // ------------------------------------------------------------------ expressions

  expr(e: Expr, ctx: Ctx, expected?: Ty): Ty {
    const t = this.exprInner(e, ctx, expected);
    this.out.types.set(e, t);
    return t;
  }

  private exprInner(e: Expr, ctx: Ctx, expected: Ty | undefined): Ty {
    switch (e.kind) {
      case "NumberLit": {
        const c = numericConstant(e);
        return c ? c.type : T.error;
      }
      case "PercentLit":
        return T.ratio;
      case "MoneyLit":
        return this.moneyLiteral(e.currency, ctx);
      case "DateLit":
        if (!validDate(e.value)) {
          this.report(diag("C0212", { text: e.value, what: "calendar date" }, ctx.uri, e.span));
          return T.error;
        }
        return T.date;
      case "PeriodLit":
        if (!periodBounds(e.value, this.plan.calendar)) {
          const fiscal = this.plan.calendar.describe();
          const what = fiscal ? `period of the plan's ${fiscal} (${this.plan.calendar.examples})` : "period";
          this.report(diag("C0212", { text: e.value, what }, ctx.uri, e.span));
          return T.error;
        }
        return T.period;
      case "BoolLit":
        return T.bool;
      case "StringLit":
        if (expected?.kind === "member") return this.stringMember(e, e.value, expected.dim, ctx);
        if (expected?.kind === "person") return T.person;
        return T.text;
      case "ErrorExpr":
        return T.error;
      case "ParenExpr":
        return this.expr(e.inner, ctx, expected);
      case "NameRef":
        return this.nameRef(e, ctx, expected);
      case "PathExpr":
        return this.path(e, ctx);
      case "CallExpr":
        return this.call(e, ctx, expected);
      case "IndexExpr":
        return this.index(e, ctx);
      case "UnaryExpr": {
        if (e.op === "not") {
          this.expect(e.operand, ctx, T.bool, "The operand of `not`");
          return T.bool;
        }
        const t = this.expr(e.operand, ctx, expected);
        if (t.kind === "error") return t;
        if (!this.numberOrMoney(t, "The operand of unary `-`", e.operand, ctx)) return T.error;
        return t;
      }
      case "BinaryExpr":
        return this.binary(e, ctx, expected);
      case "InExpr":
        return this.inExpr(e, ctx);
      case "IfExpr": {
        this.expect(e.condition, ctx, T.bool, "The condition of `if`");
        const a = this.expr(e.then, ctx, expected);
        const b = this.expr(e.else, ctx, expected ?? a);
        return this.unify(e.then, a, e.else, b, ctx, "The branches of `if`");
      }
      case "RangeExpr":
        this.report(
          diag("C0204", { expected: "a value", actual: "a range", what: "This expression" }, ctx.uri, e.span, {
            help: "A range `a .. b` is only allowed after `in` and as the second argument of `prorate`.",
          }),
        );
        return T.error;
    }
  }

  /** The common type of two alternatives (if branches, `otherwise`). */
  private unify(le: Expr, l: Ty, re: Expr, r: Ty, ctx: Ctx, what: string): Ty {
    if (l.kind === "error" || r.kind === "error") return T.error;
    if (l.kind === "numlit" && r.kind !== "numlit") {
      if (assignable(l, r, this.plan.currency)) {
        this.coerceLiteral(le, r);
        return r;
      }
    } else if (r.kind === "numlit" && l.kind !== "numlit") {
      if (assignable(r, l, this.plan.currency)) {
        this.coerceLiteral(re, l);
        return l;
      }
    } else if (assignable(r, l, this.plan.currency))
      return l.kind === "member" && r.kind === "member" && l.dim !== r.dim
        ? assignable(l, r, this.plan.currency)
          ? r
          : l
        : l;
    else if (assignable(l, r, this.plan.currency)) return r;
    if (l.kind === "money" && r.kind === "money")
      this.report(diag("C0203", { left: this.show(l), right: this.show(r) }, ctx.uri, re.span));
    else this.report(diag("C0204", { expected: this.show(l), actual: this.show(r), what }, ctx.uri, re.span));
    return T.error;
  }

  private moneyLiteral(code: Name, ctx: Ctx): Ty {
    if (!/^[A-Z]{3}$/.test(code.text)) {
      const upper = code.text.toUpperCase();
      const suggestion = /^[A-Z]{3}$/.test(upper) ? upper : undefined;
      this.report(
        diag("C0210", { name: code.text, suggestion }, ctx.uri, code.span, {
          fixes: replaceFix(code.span, suggestion),
        }),
      );
      return T.error;
    }
    return T.money(code.text === this.plan.currency ? undefined : code.text);
  }

  private stringMember(e: Expr, text: string, dim: DimensionSym, ctx: Ctx): Ty {
    for (let d: DimensionSym | undefined = dim; d; d = this.ancestorsAllowed ? d.parentDim : undefined) {
      const m = d.members.get(text);
      if (m) {
        this.out.memberOf.set(e, m);
        this.resolved.references.push({ symbol: m, uri: ctx.uri, span: e.span });
        return { kind: "member", dim: d };
      }
    }
    const suggestion = closest(text, dim.members.keys());
    this.report(
      diag("C0110", { name: text, dimension: dim.name, suggestion }, ctx.uri, e.span, {
        fixes: replaceFix(e.span, suggestion && JSON.stringify(suggestion)),
      }),
    );
    return T.error;
  }

  private symType(sym: Sym, e: Expr, ctx: Ctx): Ty {
    switch (sym.kind) {
      case "member":
        return { kind: "member", dim: sym.dimension };
      case "param":
        return sym.dimension ? { kind: "member", dim: sym.dimension } : T.error;
      case "local":
        this.dep(ctx, sym);
        return this.localType(sym);
      case "value":
        this.dep(ctx, sym);
        if (sym.params.length > 0) {
          this.report(
            diag(
              "C0205",
              { name: sym.name, expected: plural(sym.params.length, "argument"), actual: 0 },
              ctx.uri,
              e.span,
            ),
          );
          return T.error;
        }
        this.out.calls.set(e, { kind: "value", sym, args: [] });
        return this.valueType(sym);
      case "component":
        this.dep(ctx, sym);
        this.out.calls.set(e, { kind: "component", sym, args: [] });
        return this.componentType();
      default:
        this.report(
          diag("C0114", { name: sym.name, kind: kindLabel(sym), usage: "as a value" }, ctx.uri, e.span, {
            help: usageHelp(sym),
          }),
        );
        return T.error;
    }
  }

  private nameRef(e: Extract<Expr, { kind: "NameRef" }>, ctx: Ctx, expected: Ty | undefined): Ty {
    const r = this.res(e);
    if (!r || r.kind === "error") return T.error;
    switch (r.kind) {
      case "sym":
        if (
          r.sym.kind === "member" &&
          expected?.kind === "member" &&
          !assignable({ kind: "member", dim: r.sym.dimension }, expected, undefined)
        ) {
          // A bare name that is a member of another dimension too: prefer the expected one.
          const m = expected.dim.members.get(e.name.text);
          if (m) {
            this.out.memberOf.set(e, m);
            return { kind: "member", dim: expected.dim };
          }
        }
        return this.symType(r.sym, e, ctx);
      case "members": {
        if (expected?.kind === "member") {
          for (let d: DimensionSym | undefined = expected.dim; d; d = this.ancestorsAllowed ? d.parentDim : undefined) {
            const m = r.candidates.find((c) => c.dimension === d);
            if (m) {
              this.out.memberOf.set(e, m);
              this.resolved.references.push({ symbol: m, uri: ctx.uri, span: e.span });
              return { kind: "member", dim: d };
            }
          }
        }
        this.report(
          diag(
            "C0112",
            { name: e.name.text, dimensions: r.candidates.map((c) => c.dimension.name).join(", ") },
            ctx.uri,
            e.span,
            {
              fixes: r.candidates.map((c) => ({
                title: `Write '${c.dimension.name}.${c.name}'`,
                edits: [{ span: e.span, newText: `${c.dimension.name}.${e.name.text}` }],
              })),
            },
          ),
        );
        return T.error;
      }
      case "builtin":
        if (r.name === "person") return T.person;
        if (r.name === "period_start" || r.name === "period_end") return T.date;
        this.report(
          diag("C0114", { name: r.name, kind: "set of people", usage: "as a value" }, ctx.uri, e.span, {
            help: `Aggregate it: \`count(${r.name})\` or \`sum(${r.name}.<component>)\`.`,
          }),
        );
        return T.error;
      case "function":
        this.report(
          diag("C0114", { name: r.name, kind: "built-in function", usage: "without calling it" }, ctx.uri, e.span),
        );
        return T.error;
      default:
        return T.error;
    }
  }

  private path(e: Extract<Expr, { kind: "PathExpr" }>, ctx: Ctx): Ty {
    const r = this.res(e);
    if (!r || r.kind === "error") return T.error;
    switch (r.kind) {
      case "sym": {
        const s = r.sym;
        if (s.kind === "member") return { kind: "member", dim: s.dimension };
        if (s.kind === "column") {
          this.out.columns.set(e, s);
          if (!ctx.row) {
            this.report(diag("C0113", { name: `${s.table.name}.${s.name}` }, ctx.uri, e.span));
            return T.error;
          }
          if (!ctx.row.has(s.table)) {
            this.report(
              diag("C0113", { name: exprText(e) }, ctx.uri, e.span, {
                help: `Only the rows of ${[...ctx.row].map((t) => `'${t.name}'`).join(" and ") || "no table"} are available here.`,
              }),
            );
            return T.error;
          }
          return this.columnType(s);
        }
        return T.error;
      }
      case "personAttr":
        return this.columnType(r.column);
      case "tierRate":
        this.report(
          diag(
            "C0114",
            { name: `${r.tiers.name}.rate`, kind: "tier lookup", usage: "without an argument" },
            ctx.uri,
            e.span,
            { help: `Write \`${r.tiers.name}.rate(x)\`.` },
          ),
        );
        return T.error;
      case "teamTarget":
        this.report(
          diag(
            "C0114",
            { name: exprText(e), kind: "set of values over people", usage: "as a single value" },
            ctx.uri,
            e.span,
            { help: `Aggregate it: \`sum(${exprText(e)})\`.` },
          ),
        );
        return T.error;
      case "ancestor": {
        const t = this.expr(e.object, ctx);
        if (t.kind === "error") return t;
        if (t.kind !== "member" || !t.dim.parentDim || !isAncestor(r.dimension, t.dim)) {
          this.report(
            diag(
              "C0204",
              {
                expected: `a member of a dimension below '${r.dimension.name}'`,
                actual: this.show(t),
                what: `The object of '.${r.dimension.name}'`,
              },
              ctx.uri,
              e.object.span,
            ),
          );
          return T.error;
        }
        return { kind: "member", dim: r.dimension };
      }
      default:
        return T.error;
    }
  }

  columnType(c: ColumnSym): Ty {
    const ty = c.decl.type;
    const dimRes = this.res(ty.name);
    if (dimRes?.kind === "sym" && dimRes.sym.kind === "dimension") return { kind: "member", dim: dimRes.sym };
    switch (ty.name.text) {
      case "money":
        if (ty.currencyColumn) return T.money("*");
        if (ty.currency) return T.money(ty.currency.text === this.plan.currency ? undefined : ty.currency.text);
        return T.money();
      case "ratio":
      case "percent":
        return T.ratio;
      case "number":
        return T.number;
      case "count":
        return T.count;
      case "date":
        return T.date;
      case "period":
        return T.period;
      case "text":
        return T.text;
      case "bool":
        return T.bool;
      case "currency":
        return T.currency;
      case "person":
        return T.person;
      default:
        return T.error;
    }
  }

  private binary(e: Extract<Expr, { kind: "BinaryExpr" }>, ctx: Ctx, expected: Ty | undefined): Ty {
    switch (e.op) {
      case "and":
      case "or":
        this.expect(e.left, ctx, T.bool, `The left operand of \`${e.op}\``);
        this.expect(e.right, ctx, T.bool, `The right operand of \`${e.op}\``);
        return T.bool;
      case "otherwise": {
        const l = this.expr(e.left, ctx, expected);
        const r = this.expr(e.right, ctx, l.kind === "error" || l.kind === "numlit" ? expected : l);
        return this.unify(e.left, l, e.right, r, ctx, "The fallback of `otherwise`");
      }
      case "=":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        // A string or ambiguous member on one side takes the dimension of the other side.
        const lFirst = !(isMemberLike(e.left) && !isMemberLike(e.right));
        const [a, b] = lFirst ? [e.left, e.right] : [e.right, e.left];
        const ta = this.expr(a, ctx);
        const tb = this.expr(b, ctx, ta.kind === "member" || ta.kind === "person" ? ta : undefined);
        const [l, r] = lFirst ? [ta, tb] : [tb, ta];
        const ok = comparable(l, r, this.plan.currency);
        if (ok === "currency") this.report(diag("C0203", { left: this.show(l), right: this.show(r) }, ctx.uri, e.span));
        else if (!ok) {
          const hierarchy =
            l.kind === "member" && r.kind === "member" && (isAncestor(l.dim, r.dim) || isAncestor(r.dim, l.dim));
          this.report(
            diag(
              "C0209",
              { left: this.show(l), right: this.show(r) },
              ctx.uri,
              e.span,
              hierarchy
                ? {
                    help: "Members of different levels are not equal; test membership with `in` (`product in Cardio`) or compare at one level (`product.Category = Cardio`).",
                  }
                : {},
            ),
          );
        } else {
          if (e.op !== "=" && e.op !== "!=" && l.kind !== "error" && r.kind !== "error" && !orderable(l)) {
            this.report(
              diag("C0209", { left: this.show(l), right: this.show(r) }, ctx.uri, e.span, {
                help: `${this.show(l)} values have no order; only \`=\` and \`!=\` apply.`,
              }),
            );
          }
          this.coerceLiteralPair(e.left, l, e.right, r);
        }
        return T.bool;
      }
      default: {
        const op = e.op as ArithOp;
        const l = this.expr(e.left, ctx);
        const r = this.expr(e.right, ctx);
        const out = arithResult(op, l, r);
        if (typeof out === "string") {
          const args = { op, left: this.show(l), right: this.show(r) };
          if (out === "C0204")
            this.report(
              diag(
                "C0204",
                {
                  expected: "numbers, money or dates",
                  actual: `${this.show(l)} ${op} ${this.show(r)}`,
                  what: `The operands of \`${op}\``,
                },
                ctx.uri,
                e.span,
              ),
            );
          else this.report(diag(out, args, ctx.uri, e.span));
          return T.error;
        }
        if ((op === "+" || op === "-") && l.kind === "money" && r.kind === "money" && l.currency !== r.currency) {
          const lc = l.currency ?? this.plan.currency;
          const rc = r.currency ?? this.plan.currency;
          if (lc && rc && lc !== rc && lc !== "*" && rc !== "*") {
            this.report(diag("C0203", { left: this.show(l), right: this.show(r) }, ctx.uri, e.span));
            return T.error;
          }
        }
        // `date + 90`: the literal is a number of days (a count), not a date.
        if ((op === "+" || op === "-") && l.kind === "date" && r.kind === "numlit") this.coerceLiteral(e.right, T.count);
        else if (op === "+" || op === "-") this.coerceLiteralPair(e.left, l, e.right, r);
        return out;
      }
    }
  }

  /** Under + - and comparisons a literal takes the other operand's unit (recorded for lowering). */
  private coerceLiteralPair(le: Expr, l: Ty, re: Expr, r: Ty) {
    if (l.kind === "numlit" && r.kind !== "numlit" && r.kind !== "error") this.coerceLiteral(le, r);
    if (r.kind === "numlit" && l.kind !== "numlit" && l.kind !== "error") this.coerceLiteral(re, l);
  }

  /** Only literals change unit; a `let` holding a literal keeps its declared (number) type. */
  private coerceLiteral(e: Expr, to: Ty) {
    if (numericConstant(e)) this.out.coerced.set(e, to);
  }

  private inExpr(e: Extract<Expr, { kind: "InExpr" }>, ctx: Ctx): Ty {
    const v = this.expr(e.value, ctx);
    if (e.range) {
      const a = this.expr(e.from, ctx, v);
      if (!comparable(v, a, this.plan.currency) || (v.kind !== "error" && !orderable(v))) {
        this.report(diag("C0209", { left: this.show(v), right: this.show(a) }, ctx.uri, e.span));
        return T.bool;
      }
      this.coerceLiteralPair(e.value, v, e.from, a);
      if (e.to) {
        const b = this.expr(e.to, ctx, v);
        if (!comparable(v, b, this.plan.currency))
          this.report(diag("C0209", { left: this.show(v), right: this.show(b) }, ctx.uri, e.to.span));
        else this.coerceLiteralPair(e.value, v, e.to, b);
      }
      return T.bool;
    }
    this.ancestorsAllowed = true;
    const m = this.expr(e.from, ctx, v.kind === "member" ? v : undefined);
    this.ancestorsAllowed = false;
    if (v.kind === "error" || m.kind === "error") return T.bool;
    if (v.kind !== "member" || m.kind !== "member" || !(v.dim === m.dim || isAncestor(m.dim, v.dim))) {
      this.report(
        diag("C0209", { left: this.show(v), right: this.show(m) }, ctx.uri, e.span, {
          help: "`x in M` needs a member x and a member M of x's dimension or of one of its ancestors; for a range write `x in a .. b`.",
        }),
      );
    }
    return T.bool;
  }

  private index(e: Extract<Expr, { kind: "IndexExpr" }>, ctx: Ctx): Ty {
    const r = e.object.kind === "NameRef" ? this.res(e.object) : undefined;
    if (r?.kind === "error") {
      e.keys.forEach((k) => this.expr(k, ctx));
      return T.error;
    }
    if (r?.kind !== "sym" || r.sym.kind !== "lookup") {
      if (r?.kind === "sym")
        this.report(
          diag("C0114", { name: r.sym.name, kind: kindLabel(r.sym), usage: "with `[ ]`" }, ctx.uri, e.object.span, {
            help: usageHelp(r.sym),
          }),
        );
      else this.report(diag("C0207", { text: "This expression" }, ctx.uri, e.object.span));
      e.keys.forEach((k) => this.expr(k, ctx));
      return T.error;
    }
    const l = r.sym;
    if (e.keys.length !== l.keyDims.length) {
      this.report(
        diag(
          "C0205",
          { name: l.name, expected: plural(l.keyDims.length, "key"), actual: e.keys.length },
          ctx.uri,
          e.span,
        ),
      );
      e.keys.forEach((k) => this.expr(k, ctx));
      return T.error;
    }
    let failed = false;
    e.keys.forEach((k, i) => {
      const dim = l.keyDims[i];
      if (!dim) {
        this.expr(k, ctx);
        failed = true;
        return;
      }
      if (this.expect(k, ctx, { kind: "member", dim }, `Key ${i + 1} of '${l.name}'`).kind === "error") failed = true;
    });
    const vt = this.lookupValueType(l);
    return failed ? T.error : vt;
  }

  lookupValueType(l: import("../resolve/symbols.js").LookupSym): Ty {
    const first = l.decl.rows.map((row) => numericConstant(row.value)).find((c) => c !== undefined);
    if (!first) return T.error;
    return first.type.kind === "numlit" ? T.number : first.type;
  }

  // ------------------------------------------------------------------ calls

  private call(e: CallExpr, ctx: Ctx, expected: Ty | undefined): Ty {
    const callee = e.callee;
    const r = callee.kind === "NameRef" || callee.kind === "PathExpr" ? this.res(callee) : undefined;
    const checkArgs = () => {
      e.args.forEach((a) => this.expr(a.value, ctx));
      if (e.where) this.expr(e.where, ctx);
    };
    if (!r) {
      this.report(diag("C0207", { text: "This expression" }, ctx.uri, callee.span));
      checkArgs();
      return T.error;
    }
    if (r.kind === "error") {
      checkArgs();
      return T.error;
    }
    if (e.flags) {
      const tiers = r.kind === "sym" && r.sym.kind === "tiers" ? r.sym : null;
      const mode = tiers ? tierTypes(tiers).mode : "";
      this.callFlags(e, ctx, r.kind === "tierRate" ? "rate" : mode === "amount" || mode === "interpolated" ? "amounts" : tiers ? "tier" : "other");
    }
    if (e.where && !(r.kind === "function" && ["sum", "count", "avg", "min", "max"].includes(r.name))) {
      this.report(
        diag(
          "C0206",
          { name: exprText(callee), detail: "only aggregates (sum, count, avg, min, max) take `where`" },
          ctx.uri,
          e.where.span,
        ),
      );
    }
    if (r.kind === "function") return this.builtin(r.name, e, ctx, expected);
    if (r.kind === "tierRate") return this.tierCall(r.tiers, "rate", e, ctx);
    if (r.kind !== "sym") {
      this.report(diag("C0207", { text: `'${exprText(callee)}'` }, ctx.uri, callee.span));
      checkArgs();
      return T.error;
    }
    const s = r.sym;
    switch (s.kind) {
      case "value": {
        this.dep(ctx, s);
        if (!this.positional(e, ctx, s.name)) return T.error;
        if (e.args.length !== s.params.length) {
          this.report(
            diag(
              "C0205",
              { name: s.name, expected: plural(s.params.length, "argument"), actual: e.args.length },
              ctx.uri,
              e.span,
            ),
          );
          checkArgs();
          return T.error;
        }
        let failed = false;
        e.args.forEach((a, i) => {
          const dim = s.params[i].dimension;
          if (!dim) {
            this.expr(a.value, ctx);
            failed = true;
          } else if (
            this.expect(a.value, ctx, { kind: "member", dim }, `Argument ${i + 1} of '${s.name}'`).kind === "error"
          )
            failed = true;
        });
        this.out.calls.set(e, { kind: "value", sym: s, args: e.args.map((a) => a.value) });
        const t = this.valueType(s);
        return failed ? T.error : t;
      }
      case "component": {
        this.dep(ctx, s);
        if (!this.positional(e, ctx, s.name)) return T.error;
        const max = s.forEach ? 1 : 0;
        if (e.args.length > max) {
          this.report(
            diag(
              "C0205",
              { name: s.name, expected: s.forEach ? "at most 1 argument" : "no arguments", actual: e.args.length },
              ctx.uri,
              e.span,
            ),
          );
          checkArgs();
          return T.error;
        }
        const dim = s.forEach?.dimension;
        if (e.args.length === 1) {
          if (!dim) {
            checkArgs();
            return T.error;
          }
          if (
            this.expect(e.args[0].value, ctx, { kind: "member", dim }, `The argument of '${s.name}'`).kind === "error"
          )
            return T.error;
        }
        this.out.calls.set(e, { kind: "component", sym: s, args: e.args.map((a) => a.value) });
        return this.componentType();
      }
      case "tiers":
        return this.tierCall(s, "payout", e, ctx);
      case "matrix":
        return this.matrixCall(s, e, ctx);
      case "curve": {
        if (!this.positional(e, ctx, s.name)) return T.error;
        if (e.args.length !== 1) {
          this.report(diag("C0205", { name: s.name, expected: "1 argument", actual: e.args.length }, ctx.uri, e.span));
          checkArgs();
          return T.error;
        }
        const { xType, yType } = curveTypes(s);
        const x = this.expr(e.args[0].value, ctx, xType);
        if (x.kind === "error" || !xType || !yType) return T.error;
        if (!sameUnit(x, xType, this.plan.currency)) {
          this.report(
            diag(
              "C0204",
              { expected: this.show(xType), actual: this.show(x), what: `The argument of the curve '${s.name}'` },
              ctx.uri,
              e.args[0].value.span,
            ),
          );
          return T.error;
        }
        if (x.kind === "numlit") this.coerceLiteral(e.args[0].value, xType);
        this.out.calls.set(e, { kind: "curve", sym: s, value: e.args[0].value });
        return yType;
      }
      default:
        this.report(
          diag("C0114", { name: s.name, kind: kindLabel(s), usage: "as a function" }, ctx.uri, callee.span, {
            help: usageHelp(s),
          }),
        );
        checkArgs();
        return T.error;
    }
  }

  /**
   * `allow negative` among the arguments: only on a tier table's application (`t(x, allow
   * negative)`, `t(x, quota: q, allow negative)`), once, after the arguments.
   */
  private callFlags(e: CallExpr, ctx: Ctx, target: "tier" | "rate" | "amounts" | "other"): void {
    const flags = e.flags ?? [];
    const name = exprText(e.callee);
    if (target !== "tier") {
      const detail =
        target === "rate"
          ? `'${name}' gives the rate of the band reached, not a payout: it takes no flag`
          : target === "amounts"
            ? `'${name}' gives the amount of a band (an amount or interpolated table): a negative value has no first band's rate to be priced at`
            : `'${name}' is not a tier table: only the application of a tier table takes it`;
      for (const f of flags) this.report(diag("C0213", { detail }, ctx.uri, f.span));
      return;
    }
    // The position of the last argument among the arguments and flags (−1: no argument).
    const taken = new Set(flags.map((f) => f.position));
    let lastArg = -1;
    for (let k = 0; k < e.args.length + flags.length; k++) if (!taken.has(k)) lastArg = k;
    flags.forEach((f, i) => {
      if (i > 0) this.report(diag("C0213", { detail: `it is written twice in '${name}(...)'` }, ctx.uri, f.span));
      else if (f.position < lastArg)
        this.report(diag("C0213", { detail: `it goes last, after the arguments of '${name}(...)'` }, ctx.uri, f.span));
    });
  }

  /** Reject named arguments where only positional ones are allowed. */
  private positional(e: CallExpr, ctx: Ctx, name: string): boolean {
    const named = e.args.find((a) => a.name);
    if (!named) return true;
    this.report(
      diag("C0206", { name, detail: `'${named.name!.text}:' is not a parameter` }, ctx.uri, named.name!.span),
    );
    e.args.forEach((a) => this.expr(a.value, ctx));
    return false;
  }

  private tierCall(s: TiersSym, apply: "payout" | "rate", e: CallExpr, ctx: Ctx): Ty {
    const label = apply === "rate" ? `${s.name}.rate` : s.name;
    const positional = e.args.filter((a) => !a.name);
    const named = e.args.filter((a) => a.name);
    const bad = named.find((a) => a.name!.text !== "quota") ?? (named.length > 1 ? named[1] : undefined);
    if (bad) {
      this.report(
        diag(
          "C0206",
          { name: label, detail: `'${bad.name!.text}:' is not a parameter (only 'quota:')` },
          ctx.uri,
          bad.name!.span,
        ),
      );
      e.args.forEach((a) => this.expr(a.value, ctx));
      return T.error;
    }
    if (positional.length !== 1) {
      this.report(
        diag(
          "C0205",
          { name: label, expected: "1 argument (and an optional quota:)", actual: positional.length },
          ctx.uri,
          e.span,
        ),
      );
      e.args.forEach((a) => this.expr(a.value, ctx));
      return T.error;
    }
    const valueArg = positional[0].value;
    const quotaArg = named[0]?.value;
    const { boundType, valueType, mode } = tierTypes(s);
    const x = this.expr(valueArg, ctx);
    const q = quotaArg ? this.expr(quotaArg, ctx) : undefined;
    if (x.kind === "error" || q?.kind === "error" || !boundType || !valueType) return T.error;
    if (quotaArg && q) {
      if (!sameUnit(x, q, this.plan.currency) || x.kind === "numlit") {
        this.report(
          diag(
            "C0204",
            {
              expected: this.show(x),
              actual: this.show(q),
              what: `The quota of '${label}' (in the unit of the value)`,
            },
            ctx.uri,
            quotaArg.span,
          ),
        );
        return T.error;
      }
      if (boundType.kind !== "ratio" && boundType.kind !== "numlit") {
        this.report(
          diag(
            "C0204",
            {
              expected: "percent bands",
              actual: `${this.show(boundType)} bands`,
              what: `With 'quota:', the bands of '${s.name}'`,
            },
            ctx.uri,
            quotaArg.span,
          ),
        );
        return T.error;
      }
    } else if (!sameUnit(x, boundType, this.plan.currency)) {
      this.report(
        diag(
          "C0204",
          {
            expected: this.show(boundType),
            actual: this.show(x),
            what: `The value applied to '${label}' (the unit of its bands)`,
          },
          ctx.uri,
          valueArg.span,
          {
            help:
              boundType.kind === "ratio" && x.kind === "money"
                ? `The bands are percents: pass an attainment, or the quota with \`${s.name}(x, quota: q)\`.`
                : undefined,
          },
        ),
      );
      return T.error;
    } else if (x.kind === "numlit") this.coerceLiteral(valueArg, boundType);
    const negative = apply === "payout" && (e.flags?.length ?? 0) > 0;
    this.out.calls.set(e, { kind: "tier", sym: s, apply, value: valueArg, quota: quotaArg, negative });
    if (apply === "rate" || mode === "amount" || mode === "interpolated") return valueType;
    // marginal and retroactive multiply the value by the band's rate
    const out = arithResult("*", x, valueType);
    if (typeof out === "string") {
      this.report(
        diag(
          "C0204",
          {
            expected: "a value that the band rates can multiply",
            actual: this.show(x),
            what: `The value applied to '${label}'`,
          },
          ctx.uri,
          valueArg.span,
        ),
      );
      return T.error;
    }
    return out.kind === "numlit" ? T.number : out;
  }

  /** `m(x, y)`: x in the unit of the row bands, y in the unit of the column bands; gives a cell. */
  private matrixCall(s: MatrixSym, e: CallExpr, ctx: Ctx): Ty {
    if (!this.positional(e, ctx, s.name)) return T.error;
    if (e.args.length !== 2) {
      this.report(
        diag("C0205", { name: s.name, expected: "2 arguments (the row input, then the column input)", actual: e.args.length }, ctx.uri, e.span),
      );
      e.args.forEach((a) => this.expr(a.value, ctx));
      return T.error;
    }
    const { rowType, columnType, valueType } = matrixTypes(s);
    let failed = false;
    const axes: [Expr, Ty | undefined, string][] = [
      [e.args[0].value, rowType, "row"],
      [e.args[1].value, columnType, "column"],
    ];
    for (const [arg, bound, axis] of axes) {
      const x = this.expr(arg, ctx, bound);
      if (x.kind === "error" || !bound) {
        failed = true;
        continue;
      }
      if (!sameUnit(x, bound, this.plan.currency)) {
        this.report(
          diag(
            "C0204",
            {
              expected: this.show(bound),
              actual: this.show(x),
              what: `The ${axis} input of the matrix '${s.name}' (the unit of its ${axis} bands)`,
            },
            ctx.uri,
            arg.span,
          ),
        );
        failed = true;
      } else if (x.kind === "numlit") this.coerceLiteral(arg, bound);
    }
    if (failed || !valueType) return T.error;
    this.out.calls.set(e, { kind: "matrix", sym: s, row: e.args[0].value, column: e.args[1].value });
    return valueType;
  }

  private argCount(e: CallExpr, ctx: Ctx, name: string, min: number, max: number): boolean {
    if (e.args.length >= min && e.args.length <= max) return true;
    const expected =
      min === max
        ? plural(min, "argument")
        : max === Infinity
          ? `at least ${plural(min, "argument")}`
          : `${min} to ${max} arguments`;
    this.report(diag("C0205", { name, expected, actual: e.args.length }, ctx.uri, e.span));
    e.args.forEach((a) => this.expr(a.value, ctx));
    return false;
  }

  private builtin(
    fn: import("../resolve/symbols.js").BuiltinFunction,
    e: CallExpr,
    ctx: Ctx,
    expected: Ty | undefined,
  ): Ty {
    const isAggregate =
      fn === "sum" ||
      fn === "count" ||
      fn === "avg" ||
      ((fn === "min" || fn === "max") && (e.args.length === 1 || e.where !== undefined));
    if (fn !== "weighted" && !isAggregate && !this.positional(e, ctx, fn)) return T.error;
    if (isAggregate) return this.aggregate(fn as AggFn, e, ctx);
    switch (fn) {
      case "min":
      case "max":
      case "clamp":
      case "step_down": {
        const [min, max] = fn === "clamp" ? [3, 3] : fn === "step_down" ? [2, 2] : [2, Infinity];
        if (!this.argCount(e, ctx, fn, min, max)) return T.error;
        let t: Ty | undefined;
        let first: Expr | undefined;
        for (const a of e.args) {
          const at = this.expr(a.value, ctx, expected);
          if (at.kind === "error") return this.rest(e, ctx, a);
          if (!this.numberOrMoney(at, `An argument of '${fn}'`, a.value, ctx)) return this.rest(e, ctx, a);
          if (!t || !first) {
            t = at;
            first = a.value;
          } else {
            t = this.unify(first, t, a.value, at, ctx, `The arguments of '${fn}'`);
            if (t.kind === "error") return this.rest(e, ctx, a);
          }
        }
        this.out.calls.set(e, { kind: "builtin", fn, args: e.args.map((a) => a.value), rounding: undefined });
        return t ?? T.error;
      }
      case "abs": {
        if (!this.argCount(e, ctx, fn, 1, 1)) return T.error;
        const t = this.expr(e.args[0].value, ctx, expected);
        if (t.kind === "error") return t;
        if (!this.numberOrMoney(t, "The argument of 'abs'", e.args[0].value, ctx)) return T.error;
        this.out.calls.set(e, { kind: "builtin", fn, args: [e.args[0].value], rounding: undefined });
        return t;
      }
      case "round": {
        if (!this.argCount(e, ctx, fn, 1, 3)) return T.error;
        const t = this.expr(e.args[0].value, ctx, expected);
        let rounding: { scale: number; mode: string } | undefined;
        if (e.args.length >= 2) {
          const se = e.args[1].value;
          const c = numericConstant(se);
          if (!c || c.type.kind !== "numlit" || !c.value.isInteger() || c.value.lt(0) || c.value.gt(12)) {
            this.report(
              diag(
                "C0206",
                { name: "round", detail: "the scale must be a whole number from 0 to 12" },
                ctx.uri,
                se.span,
              ),
            );
            return T.error;
          }
          this.out.types.set(se, T.count);
          rounding = { scale: c.value.toNumber(), mode: "half_even" };
          if (e.args.length === 3) {
            const me = e.args[2].value;
            const word = me.kind === "NameRef" ? me.name.text : undefined;
            if (!word || !ROUNDING_MODES.includes(word)) {
              const suggestion = word ? closest(word, ROUNDING_MODES) : undefined;
              this.report(
                diag(
                  "C0405",
                  { what: "rounding mode", value: word ?? exprText(me), allowed: ROUNDING_MODES.join(", ") },
                  ctx.uri,
                  me.span,
                  { fixes: replaceFix(me.span, suggestion) },
                ),
              );
              return T.error;
            }
            rounding.mode = word;
          }
        }
        if (t.kind === "error") return t;
        if (!this.numberOrMoney(t, "The argument of 'round'", e.args[0].value, ctx)) return T.error;
        this.out.calls.set(e, { kind: "builtin", fn, args: [e.args[0].value], rounding });
        return t;
      }
      case "days": {
        if (!this.argCount(e, ctx, fn, 2, 2)) return T.error;
        const a = this.expect(e.args[0].value, ctx, T.date, "The first argument of 'days'");
        const b = this.expect(e.args[1].value, ctx, T.date, "The second argument of 'days'");
        if (a.kind === "error" || b.kind === "error") return T.error;
        this.out.calls.set(e, { kind: "builtin", fn, args: e.args.map((x) => x.value), rounding: undefined });
        return T.count;
      }
      case "months_since": {
        if (!this.argCount(e, ctx, fn, 1, 1)) return T.error;
        const d = this.expect(e.args[0].value, ctx, T.date, "The argument of 'months_since'");
        if (d.kind === "error") return T.error;
        this.out.calls.set(e, { kind: "builtin", fn, args: [e.args[0].value], rounding: undefined });
        return T.count;
      }
      case "ytd":
      case "qtd":
      case "cumulative":
      case "prior": {
        if (!this.argCount(e, ctx, fn, 1, 1)) return T.error;
        const t = this.expr(e.args[0].value, ctx, expected);
        if (t.kind === "error") return t;
        if (fn !== "prior" && !this.numberOrMoney(t, `The argument of '${fn}'`, e.args[0].value, ctx)) return T.error;
        this.out.calls.set(e, { kind: "accumulate", fn, value: e.args[0].value });
        return t.kind === "numlit" ? T.number : t;
      }
      case "prorate":
        return this.prorate(e, ctx, expected);
      case "weighted":
        return this.weighted(e, ctx);
      case "convert": {
        if (!this.argCount(e, ctx, fn, 2, 2)) return T.error;
        const t = this.expr(e.args[0].value, ctx);
        const ce = e.args[1].value;
        const code = ce.kind === "NameRef" ? ce.name.text : undefined;
        if (!code || !/^[A-Z]{3}$/.test(code)) {
          this.report(
            diag(
              "C0210",
              {
                name: code ?? exprText(ce),
                suggestion: code && /^[a-z]{3}$/.test(code) ? code.toUpperCase() : undefined,
              },
              ctx.uri,
              ce.span,
            ),
          );
          return T.error;
        }
        if (t.kind === "error") return t;
        if (t.kind !== "money") {
          this.report(
            diag(
              "C0204",
              { expected: "money", actual: this.show(t), what: "The first argument of 'convert'" },
              ctx.uri,
              e.args[0].value.span,
            ),
          );
          return T.error;
        }
        if (!this.plan.fx) {
          this.report(diag("C0208", {}, ctx.uri, e.callee.span));
          return T.error;
        }
        this.out.calls.set(e, { kind: "convert", value: e.args[0].value, currency: code });
        return T.money(code === this.plan.currency ? undefined : code);
      }
      default:
        return T.error;
    }
  }

  /** Type the remaining arguments after a failure (for references and hover), returning error. */
  private rest(e: CallExpr, ctx: Ctx, failed: Argument): Ty {
    let after = false;
    for (const a of e.args) {
      if (after) this.expr(a.value, ctx);
      if (a === failed) after = true;
    }
    return T.error;
  }

  private prorate(e: CallExpr, ctx: Ctx, expected: Ty | undefined): Ty {
    if (!this.argCount(e, ctx, "prorate", 1, 2)) return T.error;
    const t = this.expr(e.args[0].value, ctx, expected);
    let by: { table: TableSym; from: ColumnSym; to: ColumnSym } | undefined;
    if (e.args.length === 2) {
      const re = e.args[1].value;
      const cols =
        re.kind === "RangeExpr" && re.to
          ? [re.from, re.to].map((x) => (x.kind === "PathExpr" ? this.res(x) : undefined))
          : [];
      const [a, b] = cols;
      if (a?.kind === "error" || b?.kind === "error") return T.error;
      if (!(
        a?.kind === "sym" &&
        a.sym.kind === "column" &&
        b?.kind === "sym" &&
        b.sym.kind === "column" &&
        a.sym.table === b.sym.table
      )) {
        this.report(
          diag(
            "C0206",
            {
              name: "prorate",
              detail: "the second argument must be a range of two date columns of one table, `T.start .. T.end`",
            },
            ctx.uri,
            re.span,
          ),
        );
        return T.error;
      }
      const rowCtx = this.rowCtx(ctx.uri, ctx.owner, [a.sym.table]);
      const rng = re as Extract<Expr, { kind: "RangeExpr" }>;
      const fa = this.expect(rng.from, rowCtx, T.date, "The start of the proration range");
      const fb = this.expect(rng.to!, rowCtx, T.date, "The end of the proration range");
      if (fa.kind === "error" || fb.kind === "error") return T.error;
      const personColumns = [...a.sym.table.columns.values()].filter((c) => c.decl.type.name.text === "person");
      if (personColumns.length !== 1) {
        this.report(
          diag(
            "C0206",
            {
              name: "prorate",
              detail: `'${a.sym.table.name}' needs exactly one person column to find the person's rows`,
            },
            ctx.uri,
            re.span,
          ),
        );
        return T.error;
      }
      by = { table: a.sym.table, from: a.sym, to: b.sym };
    }
    if (t.kind === "error") return t;
    if (!this.numberOrMoney(t, "The argument of 'prorate'", e.args[0].value, ctx)) return T.error;
    this.out.calls.set(e, { kind: "prorate", value: e.args[0].value, by });
    return t.kind === "numlit" ? T.number : t;
  }

  private weighted(e: CallExpr, ctx: Ctx): Ty {
    if (e.args.length < 2 || e.args[0].name) {
      this.report(
        diag(
          "C0205",
          { name: "weighted", expected: "a measure and at least one `member: weight`", actual: e.args.length },
          ctx.uri,
          e.span,
        ),
      );
      e.args.forEach((a) => this.expr(a.value, ctx));
      return T.error;
    }
    const me = e.args[0].value;
    const r = me.kind === "NameRef" ? this.res(me) : undefined;
    const weights: { member: MemberSym; weight: Expr }[] = [];
    let failed = r?.kind === "error";
    let sym: ValueSym | undefined;
    if (!failed) {
      if (r?.kind === "sym" && r.sym.kind === "value" && r.sym.params.length === 1) {
        sym = r.sym;
        this.dep(ctx, sym);
      } else {
        this.report(
          diag(
            "C0206",
            { name: "weighted", detail: "the first argument must name a measure with one parameter" },
            ctx.uri,
            me.span,
          ),
        );
        failed = true;
      }
    }
    let total = new Decimal(0);
    const seen = new Set<string>();
    for (const a of e.args.slice(1)) {
      const w = this.expr(a.value, ctx);
      if (!a.name) {
        this.report(
          diag("C0206", { name: "weighted", detail: "each weight is written `member: weight`" }, ctx.uri, a.span),
        );
        failed = true;
        continue;
      }
      const mr = this.res(a.name);
      if (mr?.kind === "sym" && mr.sym.kind === "member") {
        if (seen.has(mr.sym.name)) {
          this.report(diag("C0109", { name: mr.sym.name, owner: "weighted" }, ctx.uri, a.name.span));
          failed = true;
        }
        seen.add(mr.sym.name);
        weights.push({ member: mr.sym, weight: a.value });
      } else failed = true;
      const c = numericConstant(a.value);
      if (!c || (c.type.kind !== "ratio" && c.type.kind !== "numlit")) {
        if (w.kind !== "error") this.report(diag("C0522", { what: "A weight (a percent)" }, ctx.uri, a.value.span));
        failed = true;
        continue;
      }
      if (c.type.kind === "numlit") this.coerceLiteral(a.value, T.ratio);
      total = total.plus(c.value);
    }
    if (failed || !sym) return T.error;
    if (!total.eq(1)) {
      const pct = total
        .times(100)
        .toFixed()
        .replace(/(\.\d*?)0+$/, "$1")
        .replace(/\.$/, "");
      this.report(diag("C0430", { total: `${pct}%` }, ctx.uri, e.span));
      return T.error;
    }
    this.out.calls.set(e, { kind: "weighted", sym, weights });
    const vt = this.valueType(sym);
    if (vt.kind === "error") return vt;
    const out = arithResult("*", vt, T.ratio);
    return typeof out === "string" ? T.error : out;
  }

  private aggregate(fn: AggFn, e: CallExpr, ctx: Ctx): Ty {
    if (e.args.length !== 1 || e.args[0].name) {
      this.report(
        diag(
          "C0205",
          { name: fn, expected: "1 argument (and an optional `where`)", actual: e.args.length },
          ctx.uri,
          e.span,
        ),
      );
      e.args.forEach((a) => this.expr(a.value, ctx));
      return T.error;
    }
    const arg = e.args[0].value;
    const argRes = arg.kind === "NameRef" || arg.kind === "PathExpr" ? this.res(arg) : undefined;
    // Over the reporting line: sum(reports.commission), count(team).
    if (argRes?.kind === "builtin" && (argRes.name === "reports" || argRes.name === "team")) {
      if (fn !== "count") {
        this.report(
          diag(
            "C0204",
            {
              expected: "a component or measure of the people",
              actual: "the set of people",
              what: `The argument of '${fn}'`,
            },
            ctx.uri,
            arg.span,
            { help: `Write \`${fn}(${argRes.name}.<component>)\` or \`count(${argRes.name})\`.` },
          ),
        );
        return T.error;
      }
      if (e.where)
        this.report(
          diag("C0206", { name: fn, detail: "`where` is not available over reports or team" }, ctx.uri, e.where.span),
        );
      this.out.calls.set(e, { kind: "team", fn, scope: argRes.name, target: undefined });
      return T.count;
    }
    if (argRes?.kind === "teamTarget") {
      if (e.where)
        this.report(
          diag("C0206", { name: fn, detail: "`where` is not available over reports or team" }, ctx.uri, e.where.span),
        );
      const target = argRes.target;
      if (target.kind === "value" && target.params.length > 0) {
        this.report(
          diag(
            "C0205",
            { name: target.name, expected: plural(target.params.length, "argument"), actual: 0 },
            ctx.uri,
            arg.span,
          ),
        );
        return T.error;
      }
      const t = target.kind === "component" ? this.componentType() : this.valueType(target);
      if (target.kind === "component" && target !== ctx.owner) this.dep(ctx, target);
      this.out.calls.set(e, { kind: "team", fn, scope: argRes.scope, target: { sym: target } });
      if (fn === "count") return T.count;
      if (t.kind !== "error" && !this.numberOrMoney(t, `The values of '${fn}'`, arg, ctx)) return T.error;
      return t;
    }
    // count(R) over a credit rule or a table
    let source: AggSource | undefined;
    let valueExpr: Expr | undefined = arg;
    if (fn === "count" && argRes?.kind === "sym" && (argRes.sym.kind === "credit" || argRes.sym.kind === "table")) {
      source =
        argRes.sym.kind === "credit" ? { kind: "credit", rule: argRes.sym } : { kind: "table", table: argRes.sym };
      valueExpr = undefined;
      this.out.types.set(arg, T.count);
    } else {
      source = this.inferSource(fn, arg, e.where, ctx);
      if (!source) {
        // still type the parts so that their own errors (and hovers) appear
        return T.error;
      }
    }
    const tables = source.kind === "table" ? [source.table] : creditTables(source.rule);
    const rowCtx = this.rowCtx(ctx.uri, ctx.owner, tables);
    let t: Ty = T.count;
    if (valueExpr) {
      t = this.expr(valueExpr, rowCtx);
      if (
        t.kind !== "error" &&
        fn !== "count" &&
        t.kind !== "money" &&
        !isNumeric(t) &&
        !((fn === "min" || fn === "max") && t.kind === "date")
      ) {
        this.report(
          diag(
            "C0204",
            { expected: "a number or money", actual: this.show(t), what: `The values of '${fn}'` },
            ctx.uri,
            valueExpr.span,
          ),
        );
        t = T.error;
      } else if (t.kind === "money" && t.currency === "*" && fn !== "count") {
        this.report(
          diag(
            "C0211",
            { fn: fn === "sum" ? "sum" : fn === "avg" ? "average" : `take the ${fn} of` },
            ctx.uri,
            valueExpr.span,
            {
              help: `Convert each row: \`${fn}(convert(${exprText(valueExpr)}, ${this.plan.currency ?? "EUR"}))\` (needs an \`fx\` declaration).`,
            },
          ),
        );
        t = T.error;
      }
    }
    if (e.where) this.expect(e.where, rowCtx, T.bool, "The `where` condition");
    if (t.kind === "error") return t;
    this.out.calls.set(e, {
      kind: "aggregate",
      fn,
      source,
      value: fn === "count" ? undefined : valueExpr,
      where: e.where,
    });
    if (fn === "count") return T.count;
    if (fn === "avg" && t.kind === "count") return T.number;
    return t.kind === "numlit" ? T.number : t;
  }

  /** The rows an aggregate reads: the one credit rule or input table its columns name. */
  private inferSource(fn: AggFn, arg: Expr, where: Expr | undefined, ctx: Ctx): AggSource | undefined {
    const owners: Sym[] = [];
    const visit = (x: Expr) => {
      if (x.kind === "PathExpr") {
        const o = x.object.kind === "NameRef" ? this.res(x.object) : undefined;
        if (o?.kind === "sym" && (o.sym.kind === "credit" || o.sym.kind === "table")) {
          if (!owners.includes(o.sym)) owners.push(o.sym);
          return;
        }
      }
      if (x.kind === "CallExpr") {
        const c = x.callee.kind === "NameRef" ? this.res(x.callee) : undefined;
        // A nested aggregate has its own rows; min/max with several arguments are plain functions.
        const aggregate =
          c?.kind === "function" &&
          (["sum", "count", "avg"].includes(c.name) ||
            ((c.name === "min" || c.name === "max") && (x.args.length === 1 || x.where !== undefined)));
        if (aggregate) return;
      }
      forEachChild(x, visit);
    };
    visit(arg);
    if (where) visit(where);
    const hasError = (x: Expr): boolean => {
      const r = this.res(x);
      if (r?.kind === "error") return true;
      let found = false;
      forEachChild(x, (c) => {
        if (!found && hasError(c)) found = true;
      });
      return found;
    };
    const credit = owners.filter((s): s is CreditSym => s.kind === "credit");
    const tables = owners.filter((s): s is TableSym => s.kind === "table");
    if (credit.length === 1) {
      const allowed = creditTables(credit[0]);
      const stray = tables.find((t) => !allowed.includes(t));
      if (!stray) return { kind: "credit", rule: credit[0] };
    } else if (credit.length === 0 && tables.length === 1) {
      return { kind: "table", table: tables[0] };
    }
    if (hasError(arg) || (where && hasError(where))) {
      this.expr(arg, { ...ctx, row: new Set(this.resolved.table.tables) });
      return undefined;
    }
    const detail =
      owners.length === 0
        ? "it reads no rows: aggregate a column of a credit rule or input table, e.g. `sum(sales.amount)`"
        : `it reads rows of ${owners.map((o) => `'${o.name}'`).join(" and ")}; an aggregate reads one credit rule or one input table`;
    this.report(diag("C0206", { name: fn, detail }, ctx.uri, arg.span));
    this.expr(arg, { ...ctx, row: new Set(this.resolved.table.tables) });
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

export function creditTables(c: CreditSym): TableSym[] {
  return creditColumns(c)
    .map((cols) => [...cols.values()][0]?.table)
    .filter((t): t is TableSym => t !== undefined);
}

function isAncestor(anc: DimensionSym, d: DimensionSym): boolean {
  for (let x = d.parentDim; x; x = x.parentDim) if (x === anc) return true;
  return false;
}

function orderable(t: Ty): boolean {
  return t.kind === "money" || isNumeric(t) || t.kind === "date" || t.kind === "period";
}

function isMemberLike(e: Expr): boolean {
  return e.kind === "StringLit" || e.kind === "NameRef";
}

/** Same unit, for values applied to tier bands and curves (a literal fits any dimensionless unit). */
function sameUnit(a: Ty, b: Ty, plan: string | undefined): boolean {
  if (a.kind === "error" || b.kind === "error") return true;
  if (a.kind === "money" && b.kind === "money")
    return a.currency === "*" || (a.currency ?? plan) === (b.currency ?? plan);
  if (a.kind === "numlit") return isNumeric(b);
  if (b.kind === "numlit") return a.kind === "number" || a.kind === "count";
  if (a.kind === "count" && b.kind === "number") return true;
  return a.kind === b.kind;
}

export function tierTypes(s: TiersSym): { boundType: Ty | undefined; valueType: Ty | undefined; mode: string } {
  const bound = s.decl.bands.map((b) => numericConstant(b.from)).find((c) => c !== undefined);
  const value = s.decl.bands.map((b) => numericConstant(b.value)).find((c) => c !== undefined);
  const norm = (t: Ty | undefined) => (t?.kind === "numlit" ? T.number : t);
  return { boundType: norm(bound?.type), valueType: norm(value?.type), mode: s.decl.mode.text };
}

/** The units of a matrix's row bounds, column bounds and cells (from their first constants). */
export function matrixTypes(s: MatrixSym): { rowType: Ty | undefined; columnType: Ty | undefined; valueType: Ty | undefined } {
  const first = (es: Expr[]) => es.map((x) => numericConstant(x)).find((c) => c !== undefined)?.type;
  const norm = (t: Ty | undefined) => (t?.kind === "numlit" ? T.number : t);
  return {
    rowType: norm(first(s.decl.rows.map((r) => r.band.from))),
    columnType: norm(first(s.decl.columns.map((c) => c.from))),
    valueType: norm(first(s.decl.rows.flatMap((r) => r.values))),
  };
}

export function curveTypes(s: CurveSym): { xType: Ty | undefined; yType: Ty | undefined } {
  const x = s.decl.points.map((p) => (p.x ? numericConstant(p.x) : undefined)).find((c) => c !== undefined);
  const y = s.decl.points.map((p) => numericConstant(p.y)).find((c) => c !== undefined);
  const norm = (t: Ty | undefined) => (t?.kind === "numlit" ? T.number : t);
  return { xType: norm(x?.type), yType: norm(y?.type) };
}

export function forEachChild(e: Expr, f: (c: Expr) => void): void {
  switch (e.kind) {
    case "PathExpr":
      f(e.object);
      return;
    case "CallExpr":
      f(e.callee);
      e.args.forEach((a) => f(a.value));
      if (e.where) f(e.where);
      return;
    case "IndexExpr":
      f(e.object);
      e.keys.forEach(f);
      return;
    case "UnaryExpr":
      f(e.operand);
      return;
    case "BinaryExpr":
      f(e.left);
      f(e.right);
      return;
    case "InExpr":
      f(e.value);
      f(e.from);
      if (e.to) f(e.to);
      return;
    case "IfExpr":
      f(e.condition);
      f(e.then);
      f(e.else);
      return;
    case "ParenExpr":
      f(e.inner);
      return;
    case "RangeExpr":
      f(e.from);
      if (e.to) f(e.to);
      return;
    default:
      return;
  }
}

export function exprText(e: Expr): string {
  switch (e.kind) {
    case "NameRef":
      return e.name.text;
    case "PathExpr":
      return `${exprText(e.object)}.${e.member.text}`;
    default:
      return "this expression";
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function kindLabel(s: Sym): string {
  return (
    (
      {
        value: s.kind === "value" ? s.keyword : "",
        table: "input table",
        lookup: "lookup table",
        tiers: "tier table",
        matrix: "matrix",
        credit: "credit rule",
        local: "let",
        param: "parameter",
      } as Record<string, string>
    )[s.kind] || s.kind
  );
}

function usageHelp(s: Sym): string | undefined {
  switch (s.kind) {
    case "tiers":
      return `Apply it: \`${s.name}(x)\`, \`${s.name}(x, quota: q)\` or \`${s.name}.rate(x)\`.`;
    case "matrix":
      return `Apply it: \`${s.name}(row_input, column_input)\`.`;
    case "curve":
      return `Apply it: \`${s.name}(x)\`.`;
    case "lookup":
      return `Look it up: \`${s.name}[key]\`.`;
    case "table":
    case "credit":
      return `Aggregate its rows: \`sum(${s.name}.<column>)\` or \`count(${s.name})\`.`;
    case "dimension":
      return `Name a member: \`${s.name}.<member>\`.`;
    default:
      return undefined;
  }
}
