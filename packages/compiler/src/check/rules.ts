/**
 * Declaration-level semantic checks: the plan header, people and fx tables, credit rules,
 * components, payout rules, tier tables, curves, lookups, tests, cycles and unused declarations.
 * Expression typing is done by the Checker (check.ts); these functions drive it per clause.
 */
import { Decimal } from "decimal.js";
import type { Diagnostic, Expr, Name, PayoutDecl, PayoutRule, PlanDecl, PlanField, Span } from "@carrot/language";
import { Calendar, CALENDAR_YEAR, MONTH_NAMES, type FiscalIR, type PayIR } from "@carrot/ir";
import { diag, replaceFix } from "../diagnostics/catalogue.js";
import type { Resolved } from "../resolve/resolve.js";
import type { CreditSym, Sym, SymbolTable, TableSym } from "../resolve/symbols.js";
import type { LoadedWorkspace } from "../workspace/workspace.js";
import { closest } from "../util/text.js";
import { validDate } from "./calendar.js";
import { stronglyConnected } from "../util/graph.js";
import { numericConstant } from "./constants.js";
import { Checker, creditTables, forEachChild } from "./check.js";
import { personPeriodRead } from "./person-period.js";
import { assignable, T, type Ty } from "./types.js";

export type Grain = "month" | "quarter" | "half" | "year";
export const GRAINS: Grain[] = ["month", "quarter", "half", "year"];
const ROUNDING_MODES = ["half_even", "half_up", "half_down", "up", "down"];
const ROUNDING_ON = ["line", "component", "total"];

export interface PlanHeader {
  decl: PlanDecl;
  uri: string;
  name: string;
  version: string;
  currency: string | undefined;
  effective: { from: string; to: string } | undefined;
  grain: Grain | undefined;
  rounding: { scale: number; mode: string; on: "line" | "component" | "total" };
  /** The payment calendar; undefined without a (valid) `pay` field. */
  pay: PayIR | undefined;
  /** The fiscal year; undefined without a (valid) `fiscal year` field. */
  fiscal: FiscalIR | undefined;
  /** The calendar of the plan's periods (fiscal, else calendar years). */
  calendar: Calendar;
}

function word(name: Name, what: string, allowed: string[], uri: string, out: Diagnostic[]): string | undefined {
  if (name.text === "") return undefined;
  if (allowed.includes(name.text)) return name.text;
  const suggestion = closest(name.text, allowed);
  out.push(
    diag("C0405", { what, value: name.text, allowed: allowed.join(", ") }, uri, name.span, {
      fixes: replaceFix(name.span, suggestion),
    }),
  );
  return undefined;
}

/** The plan header of the workspace: exactly one `plan` (in plan mode), its fields checked. */
export function checkPlanHeader(ws: LoadedWorkspace, requirePlan: boolean, out: Diagnostic[]): PlanHeader | undefined {
  const plans: { decl: PlanDecl; uri: string }[] = [];
  for (const f of ws.files.values())
    for (const d of f.ast.declarations) if (d.kind === "Plan") plans.push({ decl: d, uri: f.uri });
  if (plans.length === 0) {
    if (requirePlan) out.push(diag("C0501", {}, ws.entry, { start: 0, end: 0 }));
    return undefined;
  }
  for (const extra of plans.slice(1)) {
    out.push(
      diag(
        "C0505",
        {},
        extra.uri,
        { start: extra.decl.span.start, end: extra.decl.title.span.end },
        { related: [{ uri: plans[0].uri, span: plans[0].decl.title.span, message: "The plan is declared here" }] },
      ),
    );
  }
  const { decl, uri } = plans[0];
  const header: PlanHeader = {
    decl,
    uri,
    name: decl.title.value,
    version: "",
    currency: undefined,
    effective: undefined,
    grain: undefined,
    rounding: { scale: 2, mode: "half_even", on: "line" },
    pay: undefined,
    fiscal: undefined,
    calendar: CALENDAR_YEAR,
  };
  let payField: Extract<PlanField, { kind: "PlanPay" }> | undefined;
  const seen = new Set<string>();
  const fieldName: Record<string, string> = {
    PlanVersion: "version",
    PlanCurrency: "currency",
    PlanEffective: "effective",
    PlanPeriod: "period",
    PlanRounding: "rounding",
    PlanPay: "pay",
    PlanFiscal: "fiscal year",
  };
  for (const f of decl.fields) {
    const fname = fieldName[f.kind];
    if (seen.has(fname)) {
      out.push(diag("C0503", { field: fname }, uri, f.span));
      continue;
    }
    seen.add(fname);
    switch (f.kind) {
      case "PlanVersion":
        header.version = f.value.value;
        break;
      case "PlanCurrency":
        if (/^[A-Z]{3}$/.test(f.code.text)) header.currency = f.code.text;
        else if (f.code.text !== "") {
          const s = f.code.text.toUpperCase();
          out.push(
            diag("C0210", { name: f.code.text, suggestion: /^[A-Z]{3}$/.test(s) ? s : undefined }, uri, f.code.span, {
              fixes: replaceFix(f.code.span, /^[A-Z]{3}$/.test(s) ? s : undefined),
            }),
          );
        }
        break;
      case "PlanEffective": {
        const a = f.from.kind === "DateLit" ? f.from.value : undefined;
        const b = f.to.kind === "DateLit" ? f.to.value : undefined;
        if (f.from.kind !== "DateLit" && f.from.kind !== "ErrorExpr")
          out.push(
            diag(
              "C0204",
              { expected: "a date", actual: "not a date literal", what: "The start of `effective`" },
              uri,
              f.from.span,
            ),
          );
        if (f.to.kind !== "DateLit" && f.to.kind !== "ErrorExpr")
          out.push(
            diag(
              "C0204",
              { expected: "a date", actual: "not a date literal", what: "The end of `effective`" },
              uri,
              f.to.span,
            ),
          );
        if (a && b) {
          if (!validDate(a) || !validDate(b))
            out.push(
              diag(
                "C0504",
                { detail: `Not a calendar date: ${!validDate(a) ? a : b}` },
                uri,
                !validDate(a) ? f.from.span : f.to.span,
              ),
            );
          else if (a > b)
            out.push(diag("C0504", { detail: `The effective dates are reversed: ${a} is after ${b}` }, uri, f.span));
          else header.effective = { from: a, to: b };
        }
        break;
      }
      case "PlanPeriod":
        header.grain = word(f.grain, "period", GRAINS, uri, out) as Grain | undefined;
        break;
      case "PlanRounding": {
        const c = numericConstant(f.scale);
        if (!c || c.type.kind !== "numlit" || !c.value.isInteger() || c.value.lt(0) || c.value.gt(12)) {
          if (f.scale.kind !== "ErrorExpr")
            out.push(
              diag("C0504", { detail: "The rounding scale must be a whole number from 0 to 12" }, uri, f.scale.span),
            );
        } else header.rounding.scale = c.value.toNumber();
        const mode = word(f.mode, "rounding mode", ROUNDING_MODES, uri, out);
        if (mode) header.rounding.mode = mode;
        if (f.on) {
          const on = word(f.on, "rounding level", ROUNDING_ON, uri, out);
          if (on) header.rounding.on = on as "line" | "component" | "total";
        }
        break;
      }
      case "PlanPay": {
        const grain = word(f.grain, "pay period", GRAINS, uri, out) as Grain | undefined;
        if (grain) {
          header.pay = { timing: f.timing, grain };
          payField = f;
        }
        break;
      }
      case "PlanFiscal": {
        const month = word(f.month, "month", [...MONTH_NAMES], uri, out);
        const named = f.named ? word(f.named, "fiscal year naming", ["start", "end"], uri, out) : "end";
        if (month === "january")
          out.push(diag("C0504", { detail: "A fiscal year from january is the calendar year: leave `fiscal year` out" }, uri, f.month.span));
        else if (month && named) {
          header.fiscal = { start: MONTH_NAMES.indexOf(month as (typeof MONTH_NAMES)[number]) + 1, named: named as "start" | "end" };
          header.calendar = new Calendar(header.fiscal);
        }
        break;
      }
    }
  }
  // Each pay period pays whole plan periods: a finer pay grain would split an earned period.
  if (header.pay && payField && header.grain && GRAINS.indexOf(header.pay.grain) < GRAINS.indexOf(header.grain)) {
    out.push(diag("C0506", { pay: header.pay.grain, grain: header.grain }, uri, payField.grain.span));
    header.pay = undefined;
  }
  for (const field of ["currency", "effective", "period"]) {
    if (!seen.has(field)) out.push(diag("C0502", { field }, uri, decl.title.span));
  }
  return header;
}

/** Exactly one people table, with `id person key`; reserved columns typed as documented. */
export function checkTables(table: SymbolTable, requirePlan: boolean, entry: string, out: Diagnostic[]) {
  const people = table.tables.filter((t) => t.role === "people");
  if (people.length > 1) {
    for (const p of people.slice(1))
      out.push(
        diag("C0120", { count: people.length }, p.uri, p.nameSpan, {
          related: [{ uri: people[0].uri, span: people[0].nameSpan, message: "The first people table" }],
        }),
      );
  } else if (people.length === 0 && requirePlan) {
    out.push(diag("C0120", { count: 0 }, entry, { start: 0, end: 0 }));
  }
  for (const p of people) {
    const id = p.columns.get("id");
    if (!id || id.decl.type.name.text !== "person" || !id.decl.key)
      out.push(diag("C0121", { table: p.name }, p.uri, id ? id.decl.span : p.nameSpan));
    const expect: Record<string, string> = { manager: "person", start: "date", end: "date" };
    for (const [col, ty] of Object.entries(expect)) {
      const c = p.columns.get(col);
      if (c && c.decl.type.name.text !== ty && c.decl.type.name.text !== "")
        out.push(diag("C0122", { column: col, expected: ty }, c.uri, c.decl.type.span));
    }
  }
  for (const t of table.tables) {
    for (const c of t.columns.values()) {
      const ty = c.decl.type;
      if ((ty.currency || ty.currencyColumn) && ty.name.text !== "money") {
        out.push(
          diag(
            "C0204",
            { expected: "money", actual: ty.name.text, what: `A column with a currency ('${c.name}')` },
            c.uri,
            ty.span,
          ),
        );
      }
      if (ty.currency && !/^[A-Z]{3}$/.test(ty.currency.text))
        out.push(diag("C0210", { name: ty.currency.text }, c.uri, ty.currency.span));
      if (ty.currencyColumn) {
        const cc = t.columns.get(ty.currencyColumn.text);
        if (cc && cc.decl.type.name.text !== "currency")
          out.push(diag("C0122", { column: cc.name, expected: "currency" }, cc.uri, cc.decl.type.span));
      }
    }
  }
}

/** The fx declaration (at most one) and the shape of its table. */
export function checkFx(ws: LoadedWorkspace, resolved: Resolved, out: Diagnostic[]): TableSym | undefined {
  const fxs: { table: Name; uri: string; span: Span }[] = [];
  for (const f of ws.files.values())
    for (const d of f.ast.declarations) if (d.kind === "Fx") fxs.push({ table: d.table, uri: f.uri, span: d.span });
  for (const extra of fxs.slice(1))
    out.push(diag("C0523", { what: "A plan has at most one `fx` declaration" }, extra.uri, extra.span));
  if (fxs.length === 0) return undefined;
  const r = resolved.resolutions.get(fxs[0].table);
  if (r?.kind !== "sym" || r.sym.kind !== "table") return undefined;
  const t = r.sym;
  for (const [col, ty] of [
    ["currency", "currency"],
    ["date", "date"],
    ["rate", "number"],
  ]) {
    const c = t.columns.get(col);
    if (!c)
      out.push(
        diag("C0122", { column: `${t.name}.${col}`, expected: ty }, fxs[0].uri, fxs[0].table.span, {
          help: `An fx table has the columns \`currency currency\`, \`date date\` and \`rate number\`.`,
        }),
      );
    else if (c.decl.type.name.text !== ty)
      out.push(diag("C0122", { column: col, expected: ty }, c.uri, c.decl.type.span));
  }
  return t;
}

export interface PayoutInfo {
  cap: { amount: string; per: "period" | "year" } | null;
  /** A constant guarantee keeps its `amount` (as in the IR); any other is an expression to lower. */
  guarantee:
    | { amount: string; per: "period"; recoverable: boolean }
    | { expr: Expr; per: "period"; recoverable: boolean }
    | null;
  settle: { table: string; carry: boolean } | null;
  /** Left out (not null) without a `release holds` rule, as in the IR. */
  release?: { table: string };
}

const PAYOUT_RULE_WORDS: Record<PayoutRule["kind"], string> = {
  PlanCap: "cap",
  Guarantee: "guarantee",
  Settle: "settle",
  Release: "release holds",
};

/** The release table names held lines: `person person`, `period period` and `component text`. */
function checkReleaseTable(t: TableSym, rule: Extract<PayoutRule, { kind: "Release" }>, uri: string, out: Diagnostic[]) {
  let ok = true;
  for (const [col, ty] of [
    ["person", "person"],
    ["period", "period"],
    ["component", "text"],
  ]) {
    const c = t.columns.get(col);
    const actual = c?.decl.type.name.text;
    if (actual === ty) continue;
    ok = false;
    if (actual === "") continue;
    out.push(
      c
        ? diag("C0524", { table: t.name, column: col, expected: ty, actual }, c.uri, c.decl.type.span)
        : diag("C0524", { table: t.name, column: col, expected: ty }, uri, rule.table.span),
    );
  }
  return ok;
}

export function checkPayoutBlocks(
  ws: LoadedWorkspace,
  resolved: Resolved,
  ck: Checker,
  planCurrency: string | undefined,
  out: Diagnostic[],
): PayoutInfo {
  const blocks: { decl: PayoutDecl; uri: string }[] = [];
  for (const f of ws.files.values())
    for (const d of f.ast.declarations) if (d.kind === "PayoutRules") blocks.push({ decl: d, uri: f.uri });
  for (const extra of blocks.slice(1))
    out.push(
      diag("C0521", {}, extra.uri, { start: extra.decl.span.start, end: extra.decl.span.start + "payout".length }),
    );
  const info: PayoutInfo = { cap: null, guarantee: null, settle: null };
  const b = blocks[0];
  if (!b) return info;
  const seen = new Set<string>();
  const money = (e: Expr, what: string): string | undefined => {
    const c = numericConstant(e);
    if (!c) {
      if (e.kind !== "ErrorExpr") out.push(diag("C0522", { what }, b.uri, e.span));
      return undefined;
    }
    if (
      !assignable(c.type, T.money(planCurrency), planCurrency) ||
      (c.type.kind === "money" && c.type.currency !== undefined && c.type.currency !== planCurrency)
    ) {
      out.push(
        diag(
          "C0204",
          {
            expected: `money${planCurrency ? ` (${planCurrency})` : ""}`,
            actual:
              c.type.kind === "money" ? `money[${c.type.currency}]` : c.type.kind === "numlit" ? "number" : c.type.kind,
            what,
          },
          b.uri,
          e.span,
        ),
      );
      return undefined;
    }
    return c.value.toFixed();
  };
  for (const r of b.decl.rules) {
    const key = r.kind;
    if (seen.has(key)) {
      out.push(
        diag(
          "C0512",
          { clause: PAYOUT_RULE_WORDS[key], owner: "payout" },
          b.uri,
          r.span,
        ),
      );
      continue;
    }
    seen.add(key);
    if (r.kind === "PlanCap") {
      const amount = money(r.value, "The plan cap");
      const per = word(r.per, "cap period", ["period", "year"], b.uri, out);
      if (amount !== undefined && per) info.cap = { amount, per: per as "period" | "year" };
    } else if (r.kind === "Guarantee") {
      // A guarantee may vary per person and period (`prorate(2000 USD)`, `if person.level = ...`);
      // a constant stays a plain amount, as before guarantees took expressions.
      const constant = numericConstant(r.value) !== undefined;
      const amount = constant ? money(r.value, "The guarantee") : undefined;
      const typed =
        constant ||
        ck.expect(r.value, { uri: b.uri, owner: undefined, row: undefined }, T.money(planCurrency), "The guarantee").kind !==
          "error";
      const per = word(r.per, "guarantee period", ["period"], b.uri, out);
      if (per && amount !== undefined) info.guarantee = { amount, per: "period", recoverable: r.recoverable };
      else if (per && !constant && typed) info.guarantee = { expr: r.value, per: "period", recoverable: r.recoverable };
    } else if (r.kind === "Release") {
      const res = resolved.resolutions.get(r.table);
      if (res?.kind === "sym" && res.sym.kind === "table" && checkReleaseTable(res.sym, r, b.uri, out))
        info.release = { table: res.sym.name };
    } else {
      const res = resolved.resolutions.get(r.table);
      if (res?.kind === "sym" && res.sym.kind === "table") {
        const t = res.sym;
        for (const [col, ty] of [
          ["person", "person"],
          ["period", "period"],
          ["amount", "money"],
        ]) {
          const c = t.columns.get(col);
          if (!c)
            out.push(
              diag("C0122", { column: `${t.name}.${col}`, expected: ty }, b.uri, r.table.span, {
                help: "A payments table has the columns `person person`, `period period` and `amount money`.",
              }),
            );
          else if (c.decl.type.name.text !== ty)
            out.push(diag("C0122", { column: col, expected: ty }, c.uri, c.decl.type.span));
        }
        info.settle = { table: t.name, carry: r.carry };
      }
    }
  }
  return info;
}

/** Credit rules: required clauses, clause types, the dating column. */
export function checkCredits(ck: Checker, table: SymbolTable, out: Diagnostic[]) {
  for (const c of table.credits) {
    const byKind = new Map<string, number>();
    for (const cl of c.decl.clauses) {
      byKind.set(cl.kind, (byKind.get(cl.kind) ?? 0) + 1);
      if (byKind.get(cl.kind) === 2)
        out.push(diag("C0512", { clause: cl.kind.replace("Credit", "").toLowerCase(), owner: c.name }, c.uri, cl.span));
    }
    const has = (k: string) => byKind.has(k);
    // A source or joined table that failed to resolve is already reported: its row clauses stay silent.
    const unresolved = c.decl.clauses.some(
      (cl) =>
        (cl.kind === "CreditFrom" && !c.source) ||
        (cl.kind === "CreditJoin" && !c.join) ||
        (cl.kind === "CreditRollup" && !c.rollup),
    );
    const rowTables = creditTables(c);
    const rowCtx = ck.rowCtx(c.uri, c, rowTables);
    if (has("CreditRollup")) {
      for (const cl of c.decl.clauses) {
        if (
          cl.kind === "CreditFrom" ||
          cl.kind === "CreditJoin" ||
          cl.kind === "CreditTo" ||
          cl.kind === "CreditSplit" ||
          cl.kind === "CreditDated"
        ) {
          out.push(
            diag(
              "C0513",
              {
                rule: c.name,
                detail: "a `rollup` rule takes only `depth`; it credits the rows of the rule it rolls up",
              },
              c.uri,
              cl.span,
            ),
          );
        }
      }
      for (let r = c.rollup, n = 0; r && n < 100; r = r.rollup, n++) {
        if (r === c) {
          out.push(diag("C0301", { cycle: `${c.name} → … → ${c.name} (rollup)` }, c.uri, c.nameSpan));
          c.rollup = undefined;
          break;
        }
      }
    } else {
      if (!has("CreditFrom")) out.push(diag("C0510", { rule: c.name, clause: "from" }, c.uri, c.nameSpan));
      if (!has("CreditTo")) out.push(diag("C0510", { rule: c.name, clause: "to" }, c.uri, c.nameSpan));
    }
    for (const cl of c.decl.clauses) {
      if (unresolved && cl.kind !== "CreditDepth") continue;
      switch (cl.kind) {
        case "CreditDepth": {
          if (!has("CreditRollup"))
            out.push(
              diag("C0513", { rule: c.name, detail: "`depth` applies only to a `rollup` rule" }, c.uri, cl.span),
            );
          const v = numericConstant(cl.depth);
          if (!v || v.type.kind !== "numlit" || !v.value.isInteger() || v.value.lte(0))
            out.push(
              diag("C0513", { rule: c.name, detail: "`depth` must be a positive whole number" }, c.uri, cl.depth.span),
            );
          else ck.out.types.set(cl.depth, T.count);
          break;
        }
        case "CreditDated": {
          if (has("CreditRollup")) break;
          // The date is computed once per source row, before any person is known: only the source
          // row (not the joined one) and row-independent functions can be read.
          const t = ck.expect(cl.date, ck.rowCtx(c.uri, c, c.source ? [c.source] : []), T.date, "`dated`");
          const personal = t.kind === "error" ? undefined : perPersonPart(ck, cl.date);
          if (personal)
            out.push(
              diag(
                "C0513",
                {
                  rule: c.name,
                  detail: `\`dated\` is computed for each row before crediting: it can read the source row, not ${personal.what}`,
                },
                c.uri,
                personal.span,
              ),
            );
          break;
        }
        case "CreditJoin":
          if (!has("CreditRollup")) ck.expect(cl.on, rowCtx, T.bool, "The join condition");
          break;
        case "CreditTo":
          if (!has("CreditRollup")) ck.expect(cl.person, rowCtx, T.person, "The credited person (`to`)");
          break;
        case "CreditSplit":
          if (!has("CreditRollup")) ck.expect(cl.share, rowCtx, T.ratio, "The share (`split`)");
          break;
        default:
          break;
      }
    }
    if (!has("CreditRollup") && !has("CreditDated") && c.source) {
      const dates = [...c.source.columns.values()].filter((col) => col.decl.type.name.text === "date");
      if (dates.length !== 1)
        out.push(diag("C0511", { rule: c.name, table: c.source.name, count: dates.length }, c.uri, c.nameSpan));
    }
  }
}

/**
 * The first part of a `dated` expression that has a value only for a person in a period (a
 * measure, a component, `person.x`, `period_end`, `months_since`…) or that aggregates rows: the
 * date of a row is known before it is credited to anyone.
 */
function perPersonPart(ck: Checker, e: Expr): { what: string; span: Span } | undefined {
  const read = personPeriodRead(ck, e) ?? (ck.out.calls.get(e)?.kind === "aggregate" ? "an aggregate" : null);
  if (read) return { what: read, span: e.span };
  let found: { what: string; span: Span } | undefined;
  forEachChild(e, (child) => {
    found ??= perPersonPart(ck, child);
  });
  return found;
}

/**
 * What dates a credit rule's rows: the explicit `dated` clause (a plain source column by name, else
 * the expression) or the source's only date column.
 */
export function creditDated(ck: Checker, c: CreditSym): string | Expr | null {
  for (const cl of c.decl.clauses) {
    if (cl.kind !== "CreditDated") continue;
    const col = ck.out.columns.get(cl.date);
    return col && col.table === c.source ? col.name : cl.date;
  }
  if (!c.source) return null;
  const dates = [...c.source.columns.values()].filter((col) => col.decl.type.name.text === "date");
  return dates.length === 1 ? dates[0].name : null;
}

export function checkComponents(ck: Checker, table: SymbolTable, out: Diagnostic[]) {
  const money = T.money(ck.plan.currency);
  for (const c of table.components) {
    const ctx = { uri: c.uri, owner: c as Sym, row: undefined };
    const seen = new Map<string, number>();
    for (const cl of c.decl.clauses) {
      if (cl.kind !== "Let") {
        seen.set(cl.kind, (seen.get(cl.kind) ?? 0) + 1);
        if (seen.get(cl.kind) === 2)
          out.push(diag("C0512", { clause: clauseWord(cl.kind), owner: c.name }, c.uri, cl.span));
      }
      switch (cl.kind) {
        case "Window":
          for (const [e, what] of [
            [cl.from, "The start of the window"],
            [cl.to, "The end of the window"],
          ] as const) {
            if (e.kind !== "DateLit") {
              if (e.kind !== "ErrorExpr") out.push(diag("C0522", { what }, c.uri, e.span));
            } else if (!validDate(e.value)) {
              out.push(diag("C0212", { text: e.value, what: "calendar date" }, c.uri, e.span));
            } else ck.out.types.set(e, T.date);
          }
          if (cl.from.kind === "DateLit" && cl.to.kind === "DateLit" && cl.from.value > cl.to.value)
            out.push(
              diag(
                "C0504",
                { detail: `The window is reversed: ${cl.from.value} is after ${cl.to.value}` },
                c.uri,
                cl.span,
              ),
            );
          break;
        case "Eligible":
          ck.expect(cl.condition, ctx, T.bool, "The `eligible` condition");
          break;
        case "Gate":
          ck.expect(cl.condition, ctx, T.bool, "The `gate` condition");
          break;
        case "Let": {
          const l = c.locals.get(cl.name.text);
          if (l && l.clause === cl) ck.localType(l);
          else ck.expr(cl.value, ctx);
          break;
        }
        case "Payout":
          ck.expect(cl.value, ctx, money, "The payout");
          break;
        case "Floor":
          ck.expect(cl.value, ctx, money, "The floor");
          break;
        case "Cap":
          ck.expect(cl.value, ctx, money, "The cap");
          if (cl.per) word(cl.per, "cap period", ["period", "year"], c.uri, out);
          break;
        case "Hold":
          ck.expect(cl.bound, ctx, money, "The hold bound");
          break;
        default:
          break;
      }
    }
    if (!seen.has("Payout")) out.push(diag("C0520", { name: c.name }, c.uri, c.nameSpan));
    c.typeText = ck.show(money);
  }
}

function clauseWord(kind: string): string {
  return kind === "AllowNegative" ? "allow negative" : kind.toLowerCase();
}

/** Tier tables: kind, boundary, constant bounds and values of one unit, band order, overlaps and gaps. */
export function checkTiers(table: SymbolTable, out: Diagnostic[]) {
  for (const t of table.tiers) {
    const uri = t.uri;
    const mode = word(t.decl.mode, "tier kind", ["marginal", "retroactive", "amount", "interpolated"], uri, out);
    const boundary = t.decl.boundary
      ? (word(t.decl.boundary, "boundary", ["lower", "upper", "both"], uri, out) ?? "lower")
      : "lower";
    const bands = t.decl.bands;
    if (bands.length === 0) {
      out.push(diag("C0407", { name: t.name }, uri, t.nameSpan));
      continue;
    }
    let boundType: Ty | undefined;
    let valueType: Ty | undefined;
    let ok = true;
    const unitOf = (e: Expr, what: string, current: Ty | undefined): [Decimal | undefined, Ty | undefined] => {
      const c = numericConstant(e);
      if (!c) {
        if (e.kind !== "ErrorExpr") out.push(diag("C0522", { what }, uri, e.span));
        ok = false;
        return [undefined, current];
      }
      const ty = c.type.kind === "numlit" ? T.number : c.type;
      if (current && !sameConstUnit(current, ty)) {
        out.push(
          diag(
            "C0406",
            { what: `In '${t.name}'`, detail: `${what} is ${unitText(ty)} but the others are ${unitText(current)}` },
            uri,
            e.span,
          ),
        );
        ok = false;
        return [undefined, current];
      }
      return [c.value, current ?? ty];
    };
    const parsed: { from?: Decimal; to?: Decimal; open: boolean; span: Span }[] = [];
    for (const b of bands) {
      let from: Decimal | undefined;
      let to: Decimal | undefined;
      [from, boundType] = unitOf(b.from, "a band bound", boundType);
      if (b.to) [to, boundType] = unitOf(b.to, "a band bound", boundType);
      [, valueType] = unitOf(b.value, "a band value", valueType);
      parsed.push({ from, to, open: !b.to, span: b.span });
    }
    if (valueType && mode && (mode === "amount" || mode === "interpolated") !== (valueType.kind === "money")) {
      const wanted =
        mode === "amount" || mode === "interpolated" ? "amounts (money)" : "rates (percent) or multipliers (number)";
      out.push(
        diag(
          "C0406",
          { what: `In '${t.name}'`, detail: `the values of a ${mode} table are ${wanted}` },
          uri,
          t.decl.mode.span,
        ),
      );
      ok = false;
    }
    if (!ok) continue;
    if (mode === "interpolated" && parsed[parsed.length - 1].open)
      out.push(
        diag(
          "C0404",
          { name: t.name, detail: "the last band of an interpolated table must be closed" },
          uri,
          parsed[parsed.length - 1].span,
        ),
      );
    checkBandOrder(t.name, undefined, bands, parsed, boundary, uri, out);
  }
}

interface ParsedBand {
  from?: Decimal;
  to?: Decimal;
  open: boolean;
  span: Span;
}

/**
 * The band rules shared by tier tables and both axes of a matrix (`axis` names the matrix's axis):
 * only the last band open (C0404), increasing (C0401), no overlap (C0402), no gap except with
 * `boundary both` (C0403).
 */
function checkBandOrder(
  name: string,
  axis: string | undefined,
  bands: readonly { from: Expr; to?: Expr }[],
  parsed: readonly ParsedBand[],
  boundary: string,
  uri: string,
  out: Diagnostic[],
) {
  const which = axis === undefined ? {} : { axis };
  parsed.forEach((b, i) => {
    if (b.open && i !== parsed.length - 1)
      out.push(diag("C0404", { name, detail: `only the last ${axis ? `${axis} ` : ""}band may be open` }, uri, b.span));
  });
  for (let i = 0; i < parsed.length; i++) {
    const b = parsed[i];
    if (b.from && b.to && (boundary === "both" ? b.to.lt(b.from) : b.to.lte(b.from))) {
      out.push(
        diag("C0401", { name, ...which }, uri, b.span, {
          help: "A band runs from its lower bound to a higher upper bound.",
        }),
      );
      continue;
    }
    const prev = parsed[i - 1];
    if (!prev || !prev.from || !b.from) continue;
    if (b.from.lt(prev.from)) {
      out.push(diag("C0401", { name, ...which }, uri, b.span));
      continue;
    }
    if (!prev.to) continue; // open band not last: reported above
    if (boundary === "both" ? b.from.lte(prev.to) : b.from.lt(prev.to))
      out.push(diag("C0402", { name, ...which }, uri, b.span));
    else if (boundary !== "both" && b.from.gt(prev.to))
      out.push(
        diag("C0403", { name, ...which }, uri, b.span, {
          fixes: [
            {
              title: `Start the band at the previous band's end`,
              edits: [{ span: bands[i].from.span, newText: exprSource(bands[i - 1].to!) }],
            },
          ],
        }),
      );
  }
}

/**
 * Matrices: each axis's bands follow the tier rules under the matrix's boundary; bounds are
 * constants of one unit per axis, cells constants of one unit (C0409), one cell per column (C0408).
 */
export function checkMatrices(table: SymbolTable, out: Diagnostic[]) {
  for (const m of table.matrices) {
    const uri = m.uri;
    const boundary = m.decl.boundary ? (word(m.decl.boundary, "boundary", ["lower", "upper", "both"], uri, out) ?? "lower") : "lower";
    if (m.decl.rows.length === 0) {
      out.push(diag("C0407", { name: m.name }, uri, m.nameSpan));
      continue;
    }
    let ok = true;
    const axis = (bands: { from: Expr; to?: Expr; span: Span }[], label: string): ParsedBand[] => {
      let unit: Ty | undefined;
      const bound = (e: Expr): Decimal | undefined => {
        const c = numericConstant(e);
        if (!c) {
          if (e.kind !== "ErrorExpr") out.push(diag("C0522", { what: `A ${label} band bound` }, uri, e.span));
          ok = false;
          return undefined;
        }
        const ty = c.type.kind === "numlit" ? T.number : c.type;
        if (unit && !sameConstUnit(unit, ty)) {
          out.push(
            diag(
              "C0406",
              { what: `In '${m.name}'`, detail: `a ${label} band bound is ${unitText(ty)} but the others are ${unitText(unit)}` },
              uri,
              e.span,
            ),
          );
          ok = false;
          return undefined;
        }
        unit ??= ty;
        return c.value;
      };
      return bands.map((b) => ({ from: bound(b.from), to: b.to ? bound(b.to) : undefined, open: !b.to, span: b.span }));
    };
    const columns = axis(m.decl.columns, "column");
    const rows = axis(m.decl.rows.map((r) => r.band), "row");
    let valueType: Ty | undefined;
    for (const r of m.decl.rows) {
      if (r.values.length !== m.decl.columns.length) {
        out.push(diag("C0408", { name: m.name, expected: m.decl.columns.length, actual: r.values.length }, uri, r.span));
        ok = false;
      }
      for (const v of r.values) {
        const c = numericConstant(v);
        if (!c) {
          if (v.kind !== "ErrorExpr") out.push(diag("C0522", { what: "A matrix cell" }, uri, v.span));
          ok = false;
          continue;
        }
        const ty = c.type.kind === "numlit" ? T.number : c.type;
        if (valueType && !sameConstUnit(valueType, ty)) {
          out.push(diag("C0409", { name: m.name, actual: unitText(ty), expected: unitText(valueType) }, uri, v.span));
          ok = false;
        } else valueType ??= ty;
      }
    }
    if (!ok) continue;
    checkBandOrder(m.name, "column", m.decl.columns, columns, boundary, uri, out);
    checkBandOrder(m.name, "row", m.decl.rows.map((r) => r.band), rows, boundary, uri, out);
  }
}

function exprSource(e: Expr): string {
  const c = numericConstant(e);
  if (!c) return "";
  if (e.kind === "PercentLit") return `${e.value}%`;
  if (e.kind === "MoneyLit") return `${e.amount} ${e.currency.text}`;
  return c.value.toFixed();
}

function sameConstUnit(a: Ty, b: Ty): boolean {
  if (a.kind === "money" && b.kind === "money") return a.currency === b.currency;
  return a.kind === b.kind;
}

function unitText(t: Ty): string {
  if (t.kind === "money") return t.currency ? `money (${t.currency})` : "money";
  if (t.kind === "ratio") return "a percent";
  return t.kind === "numlit" ? "a number" : `a ${t.kind}`;
}

export function checkCurves(table: SymbolTable, out: Diagnostic[]) {
  for (const c of table.curves) {
    const uri = c.uri;
    const pts = c.decl.points.filter((p) => !p.below);
    if (pts.length === 0) {
      out.push(diag("C0407", { name: c.name }, uri, c.nameSpan));
      continue;
    }
    const belows = c.decl.points.filter((p) => p.below);
    for (const extra of belows.slice(1)) out.push(diag("C0512", { clause: "below", owner: c.name }, uri, extra.span));
    let xT: Ty | undefined;
    let yT: Ty | undefined;
    let ok = true;
    const unit = (e: Expr, what: string, cur: Ty | undefined): [Decimal | undefined, Ty | undefined] => {
      const k = numericConstant(e);
      if (!k) {
        if (e.kind !== "ErrorExpr") out.push(diag("C0522", { what }, uri, e.span));
        ok = false;
        return [undefined, cur];
      }
      const ty = k.type.kind === "numlit" ? T.number : k.type;
      if (cur && !sameConstUnit(cur, ty)) {
        out.push(
          diag(
            "C0406",
            { what: `In '${c.name}'`, detail: `${what} is ${unitText(ty)} but the others are ${unitText(cur)}` },
            uri,
            e.span,
          ),
        );
        ok = false;
        return [undefined, cur];
      }
      return [k.value, cur ?? ty];
    };
    // `below 80% : 0%` names the cliff's position: it is not a point of the curve, and it must be
    // where the curve starts (the value below the first point is what `below` gives).
    const xs: (Decimal | undefined)[] = [];
    const belowXs: { x: Decimal | undefined; e: Expr }[] = [];
    for (const p of c.decl.points) {
      if (p.x) {
        let x: Decimal | undefined;
        [x, xT] = unit(p.x, "a point's x", xT);
        if (p.below) belowXs.push({ x, e: p.x });
        else xs.push(x);
      }
      [, yT] = unit(p.y, "a point's y", yT);
    }
    if (!ok) continue;
    for (let i = 1; i < xs.length; i++) {
      if (xs[i] && xs[i - 1] && xs[i]!.lte(xs[i - 1]!)) {
        out.push(diag("C0410", { name: c.name }, uri, pts[i].x!.span));
        break;
      }
    }
    for (const b of belowXs) {
      if (b.x && xs[0] && !b.x.eq(xs[0])) {
        out.push(
          diag(
            "C0406",
            { what: `In '${c.name}'`, detail: "the `below` cliff must be at the first point's x" },
            uri,
            b.e.span,
            {
              help: "Write `below X : y` with X the x of the first point (or just `below : y`).",
            },
          ),
        );
      }
    }
  }
}

export function checkLookups(table: SymbolTable, resolved: Resolved, out: Diagnostic[]) {
  for (const l of table.lookups) {
    const uri = l.uri;
    const seen = new Map<string, Span>();
    let vT: Ty | undefined;
    for (const row of l.decl.rows) {
      const keyText = row.keys ? row.keys.map((k) => k.text).join(", ") : "default";
      if (row.keys && row.keys.length !== l.decl.keys.length) {
        out.push(
          diag(
            "C0421",
            { name: l.name, expected: l.decl.keys.length, actual: row.keys.length },
            uri,
            row.keys.length ? { start: row.keys[0].span.start, end: row.keys[row.keys.length - 1].span.end } : row.span,
          ),
        );
      } else if (!row.keys || row.keys.every((k) => resolved.resolutions.get(k)?.kind === "sym")) {
        const prev = seen.get(keyText);
        if (prev)
          out.push(
            diag(
              "C0420",
              { name: l.name, key: row.keys ? keyText : "`default`" },
              uri,
              row.keys ? { start: row.keys[0].span.start, end: row.keys[row.keys.length - 1].span.end } : row.span,
              { related: [{ uri, span: prev, message: "The first row with this key" }] },
            ),
          );
        else seen.set(keyText, row.span);
      }
      const c = numericConstant(row.value);
      if (!c) {
        if (row.value.kind !== "ErrorExpr") out.push(diag("C0522", { what: "A lookup value" }, uri, row.value.span));
        continue;
      }
      const ty = c.type.kind === "numlit" ? T.number : c.type;
      if (vT && !sameConstUnit(vT, ty))
        out.push(
          diag(
            "C0406",
            { what: `In '${l.name}'`, detail: `this value is ${unitText(ty)} but the others are ${unitText(vT)}` },
            uri,
            row.value.span,
          ),
        );
      vT ??= ty;
    }
  }
}

/** Cycles between values, components and component lets. */
export function checkCycles(deps: Map<Sym, Set<Sym>>, out: Diagnostic[]) {
  const byId = (a: Sym, b: Sym) => a.id - b.id;
  const nodes = [...deps.keys()].sort(byId);
  const edges = (s: Sym) => [...(deps.get(s) ?? [])].sort(byId);
  for (const scc of stronglyConnected(nodes, edges)) {
    const v = scc[0];
    if (scc.length === 1 && !deps.get(v)?.has(v)) continue;
    scc.sort(byId);
    const first = scc[0];
    const path = cyclePath(first, new Set(scc), deps);
    out.push(
      diag("C0301", { cycle: path.map((s) => s.name).join(" → ") }, first.uri, first.nameSpan, {
        related: scc
          .slice(1)
          .map((s) => ({ uri: s.uri, span: s.nameSpan, message: `'${s.name}' is part of the cycle` })),
      }),
    );
  }
}

function cyclePath(start: Sym, inScc: Set<Sym>, deps: Map<Sym, Set<Sym>>): Sym[] {
  // Breadth-first from start back to start within the component: the shortest cycle.
  const prev = new Map<Sym, Sym>();
  const queue: Sym[] = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(deps.get(v) ?? [])].sort((a, b) => a.id - b.id)) {
      if (!inScc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x: Sym | undefined = v; x && x !== start; x = prev.get(x)) path.splice(1, 0, x);
        path.push(start);
        return path;
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Dimensions, input tables, lets, tier tables, curves, lookups and component lets that nothing reads. */
export function checkUnused(table: SymbolTable, resolved: Resolved, out: Diagnostic[]) {
  const used = new Set<Sym>();
  for (const r of resolved.references) {
    used.add(r.symbol);
    if (r.symbol.kind === "member") used.add(r.symbol.dimension);
  }
  // An ambiguous member (C0112) was meant for one of its dimensions: none of them is unused.
  for (const res of resolved.resolutions.values())
    if (res.kind === "members") for (const m of res.candidates) used.add(m.dimension);
  const candidates: Sym[] = [
    ...table.dimensions,
    ...table.tables.filter((t) => t.role === "input"),
    ...table.values.filter((v) => v.keyword === "let"),
    ...table.tiers,
    ...table.matrices,
    ...table.curves,
    ...table.lookups,
    ...table.components.flatMap((c) => [...c.locals.values()]),
  ];
  for (const s of candidates) {
    if (used.has(s) || s.name === "") continue;
    const kind =
      s.kind === "value"
        ? "let"
        : s.kind === "local"
          ? "component let"
          : s.kind === "tiers"
            ? "tier table"
            : s.kind === "lookup"
              ? "lookup table"
              : s.kind === "table"
                ? "input table"
                : s.kind;
    out.push(diag("C0901", { name: s.name, kind }, s.uri, s.nameSpan));
  }
}
