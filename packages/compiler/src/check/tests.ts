/**
 * Checks of `test` blocks: targets, arguments, constants, rows and periods. Gives each test in a
 * checked form that lowering copies into the IR (cells already as CSV text).
 */
import type { Diagnostic, Expr, Span, TestDecl } from "@carrot/language";
import { CALENDAR_YEAR, type TestIR } from "@carrot/ir";
import { diag, replaceFix } from "../diagnostics/catalogue.js";
import { closest } from "../util/text.js";
import type { ComponentSym, MemberSym, SymbolTable, TableSym, ValueSym } from "../resolve/symbols.js";
import { canonicalDecimal, numericConstant } from "./constants.js";
import type { Checker } from "./check.js";
import type { PlanHeader } from "./rules.js";
import { assignable, irType, T, type Ty } from "./types.js";
import { periodBounds } from "./calendar.js";

/** A checked test: the IR's test (lowering adds its id) with the declaration it comes from. */
export interface CheckedTest extends Omit<TestIR, "id"> {
  decl: TestDecl;
  uri: string;
}

export function checkTests(
  ck: Checker,
  table: SymbolTable,
  header: PlanHeader | undefined,
  out: Diagnostic[],
): CheckedTest[] {
  const plan = header?.currency;
  const titles = new Map<string, TestDecl>();
  const result: CheckedTest[] = [];
  for (const t of table.tests) {
    const uri = t.uri;
    const decl = t.decl;
    if (titles.has(decl.title.value)) out.push(diag("C0605", { title: decl.title.value }, uri, decl.title.span));
    titles.set(decl.title.value, decl);
    const ctest: CheckedTest = {
      decl,
      uri,
      name: decl.title.value,
      period: null,
      givenValues: [],
      givenRows: [],
      expects: [],
    };
    let ok = true;
    const ctx = { uri, owner: undefined, row: undefined };
    /** A constant of type `want`, as canonical text. */
    const constant = (e: Expr, want: Ty, what: string): string | undefined => {
      const t0 = ck.expr(e, ctx, want);
      if (t0.kind === "error") return undefined;
      const c = numericConstant(e);
      if (c) {
        if (!assignable(c.type, want, plan) && !(want.kind === "number" && c.type.kind !== "money")) {
          out.push(diag("C0603", { what, detail: `expected ${ck.show(want)}, got ${ck.show(c.type)}` }, uri, e.span));
          return undefined;
        }
        if (want.kind === "money" && c.type.kind === "money" && (c.type.currency ?? plan) !== (want.currency ?? plan)) {
          out.push(diag("C0603", { what, detail: `expected ${ck.show(want)}, got ${ck.show(c.type)}` }, uri, e.span));
          return undefined;
        }
        return canonicalDecimal(c.value);
      }
      const text = literalText(e, ck);
      if (text === undefined) {
        out.push(diag("C0522", { what }, uri, e.span));
        return undefined;
      }
      if (!assignable(t0, want, plan)) {
        out.push(diag("C0603", { what, detail: `expected ${ck.show(want)}, got ${ck.show(t0)}` }, uri, e.span));
        return undefined;
      }
      return text;
    };
    /** Member names of the arguments; `at` is where a wrong count is reported (the target's name). */
    const args = (exprs: Expr[] | undefined, sym: ValueSym | ComponentSym, at: Span): string[] | undefined => {
      const params = sym.kind === "value" ? sym.params : sym.forEach ? [sym.forEach] : [];
      const given = exprs ?? [];
      const allowed = sym.kind === "component" ? given.length <= params.length : given.length === params.length;
      if (!allowed) {
        out.push(
          diag(
            "C0205",
            {
              name: sym.name,
              expected: `${params.length} argument${params.length === 1 ? "" : "s"}`,
              actual: given.length,
            },
            uri,
            given[params.length]?.span ?? at,
          ),
        );
        return undefined;
      }
      const names: string[] = [];
      for (const a of given) {
        const r = ck.resolved.resolutions.get(a);
        if (r?.kind === "sym" && r.sym.kind === "member") names.push(r.sym.name);
        else {
          if (r?.kind !== "error")
            out.push(diag("C0603", { what: `An argument of '${sym.name}'`, detail: "expected a member" }, uri, a.span));
          return undefined;
        }
      }
      return names;
    };
    for (const st of decl.statements) {
      switch (st.kind) {
        case "TestPeriod": {
          const p = st.period;
          if (p.kind !== "PeriodLit") {
            if (p.kind !== "ErrorExpr")
              out.push(diag("C0604", { detail: "A test period is a period literal such as 2026-Q1" }, uri, p.span));
            ok = false;
            break;
          }
          const grain = header?.grain;
          const b = periodBounds(p.value, header?.calendar ?? CALENDAR_YEAR);
          if (grain && b?.grain !== grain) {
            const calendar = header?.calendar ?? CALENDAR_YEAR;
            const detail = b || !calendar.fiscal ? `${p.value} is not a ${grain} period (the plan's grain)` : `${p.value} is not a period of the plan's ${calendar.describe()} (${calendar.examples})`;
            out.push(diag("C0604", { detail }, uri, p.span));
            ok = false;
            break;
          }
          if (b && header?.effective && (b.to < header.effective.from || b.from > header.effective.to)) {
            out.push(
              diag(
                "C0604",
                {
                  detail: `${p.value} is outside the plan's effective dates (${header.effective.from} .. ${header.effective.to})`,
                },
                uri,
                p.span,
              ),
            );
            ok = false;
            break;
          }
          ck.out.types.set(p, T.period);
          ctest.period = p.value;
          break;
        }
        case "GivenValue": {
          const r = ck.resolved.resolutions.get(st.name);
          if (r?.kind !== "sym" || r.sym.kind !== "value") {
            ok = false;
            break;
          }
          const sym = r.sym;
          const a = args(st.args, sym, st.name.span);
          const ty = ck.valueType(sym);
          const v =
            ty.kind === "error"
              ? undefined
              : constant(st.value, ty.kind === "numlit" ? T.number : ty, `The given value of '${sym.name}'`);
          if (!a || v === undefined) ok = false;
          else ctest.givenValues.push({ name: sym.name, args: a, value: v, type: irType(ty, plan) });
          break;
        }
        case "GivenRow": {
          const r = ck.resolved.resolutions.get(st.table);
          if (r?.kind !== "sym" || r.sym.kind !== "table") {
            ok = false;
            break;
          }
          const tbl: TableSym = r.sym;
          const row: Record<string, string> = {};
          const seen = new Set<string>();
          for (const f of st.fields) {
            const col = tbl.columns.get(f.name.text);
            if (!col) {
              ok = false;
              continue;
            }
            if (seen.has(col.name)) {
              out.push(diag("C0602", { detail: `The column '${col.name}' is given twice` }, uri, f.name.span));
              ok = false;
              continue;
            }
            seen.add(col.name);
            const ty = ck.columnType(col);
            const want = ty.kind === "money" && ty.currency === "*" ? T.money(undefined) : ty;
            const cellTy = ty.kind === "money" && ty.currency === "*" ? undefined : want;
            const v = cellTy
              ? cellText(f.value, cellTy, ck, uri, out, `The cell '${col.name}'`)
              : moneyAnyCell(f.value, ck, uri, out);
            if (v === undefined) ok = false;
            else row[col.name] = v;
            const ccol = col.decl.type.currencyColumn?.text;
            const amountCurrency = f.value.kind === "MoneyLit" ? f.value.currency.text : undefined;
            const currencyField = ccol ? st.fields.find((g) => g.name.text === ccol) : undefined;
            const given =
              currencyField?.value.kind === "NameRef"
                ? currencyField.value.name.text
                : currencyField?.value.kind === "StringLit"
                  ? currencyField.value.value
                  : undefined;
            if (amountCurrency && given && amountCurrency !== given) {
              out.push(
                diag(
                  "C0602",
                  { detail: `The amount is in ${amountCurrency} but the row's '${ccol}' is ${given}` },
                  uri,
                  f.value.span,
                ),
              );
              ok = false;
            }
          }
          for (const col of tbl.columns.values()) {
            if (col.decl.key && !seen.has(col.name)) {
              out.push(
                diag(
                  "C0602",
                  { detail: `The row of '${tbl.name}' needs its key column '${col.name}'` },
                  uri,
                  st.table.span,
                ),
              );
              ok = false;
            }
          }
          ctest.givenRows.push({ table: tbl.name, row });
          break;
        }
        case "Expect": {
          const person = st.person ? st.person.value : null;
          if (st.target.text === "total") {
            const want = T.money(plan);
            const v = constant(st.value, want, "The expected total");
            if (st.args && st.args.length > 0) {
              out.push(
                diag("C0205", { name: "total", expected: "no arguments", actual: st.args.length }, uri, st.target.span),
              );
              ok = false;
            }
            if (v === undefined) ok = false;
            else
              ctest.expects.push({
                target: "total",
                name: "total",
                args: [],
                person,
                value: v,
                type: irType(want, plan),
              });
            break;
          }
          const r = ck.resolved.resolutions.get(st.target);
          if (r?.kind !== "sym" || (r.sym.kind !== "value" && r.sym.kind !== "component")) {
            ok = false;
            break;
          }
          const sym = r.sym;
          const a = args(st.args, sym, st.target.span);
          const ty = sym.kind === "component" ? ck.componentType() : ck.valueType(sym);
          const v =
            ty.kind === "error"
              ? undefined
              : constant(st.value, ty.kind === "numlit" ? T.number : ty, `The expected value of '${sym.name}'`);
          if (!a || v === undefined) ok = false;
          else
            ctest.expects.push({
              target: sym.kind === "component" ? "component" : "value",
              name: sym.name,
              args: a,
              person,
              value: v,
              type: irType(ty, plan),
            });
          break;
        }
      }
    }
    // With people rows given, an expectation `for "x"` must name one of them: anyone else is not
    // a participant of the test (a typo in the id would otherwise fail with an empty result).
    const peopleTable = table.tables.find((tb) => tb.role === "people");
    const ids = ctest.givenRows
      .filter((g) => g.table === peopleTable?.name && g.row.id !== undefined)
      .map((g) => g.row.id);
    if (ids.length > 0) {
      for (const st of decl.statements) {
        if (st.kind !== "Expect" || !st.person || ids.includes(st.person.value)) continue;
        const suggestion = closest(st.person.value, ids);
        out.push(
          diag("C0606", { person: st.person.value, people: ids.join(", "), suggestion }, uri, st.person.span, {
            fixes: replaceFix(st.person.span, suggestion && JSON.stringify(suggestion)),
          }),
        );
        ok = false;
      }
    }
    if (ok) result.push(ctest);
  }
  return result;
}

function literalText(e: Expr, ck: Checker): string | undefined {
  switch (e.kind) {
    case "DateLit":
    case "PeriodLit":
      return e.value;
    case "BoolLit":
      return String(e.value);
    case "StringLit":
      return ck.out.memberOf.get(e)?.name ?? e.value;
    case "NameRef": {
      const m: MemberSym | undefined = ck.out.memberOf.get(e) ?? memberRes(e, ck);
      return m?.name;
    }
    case "PathExpr": {
      const r = ck.resolved.resolutions.get(e);
      return r?.kind === "sym" && r.sym.kind === "member" ? r.sym.name : undefined;
    }
    default:
      return undefined;
  }
}

function memberRes(e: Expr, ck: Checker): MemberSym | undefined {
  const r = ck.resolved.resolutions.get(e);
  return r?.kind === "sym" && r.sym.kind === "member" ? r.sym : undefined;
}

/** A row cell: a constant of the column's type, as the CSV text the runtime's loader reads. */
function cellText(e: Expr, want: Ty, ck: Checker, uri: string, out: Diagnostic[], what: string): string | undefined {
  const plan = ck.plan.currency;
  if (want.kind === "member" && e.kind === "NameRef") {
    // Cells name members of the column's dimension (the resolver left these names to us).
    for (let d: typeof want.dim | undefined = want.dim; d; d = undefined) {
      const m = d.members.get(e.name.text);
      if (m) {
        ck.out.memberOf.set(e, m);
        ck.out.types.set(e, want);
        ck.resolved.references.push({ symbol: m, uri, span: e.span });
        return m.name;
      }
    }
    out.push(diag("C0110", { name: e.name.text, dimension: want.dim.name }, uri, e.span));
    return undefined;
  }
  if (want.kind === "currency" && (e.kind === "NameRef" || e.kind === "StringLit")) {
    const code = e.kind === "NameRef" ? e.name.text : e.value;
    if (/^[A-Z]{3}$/.test(code)) {
      ck.out.types.set(e, T.currency);
      return code;
    }
    out.push(diag("C0210", { name: code }, uri, e.span));
    return undefined;
  }
  if (e.kind === "NameRef") {
    out.push(diag("C0602", { detail: `${what} must be a constant ${ck.show(want)}` }, uri, e.span));
    return undefined;
  }
  const t = ck.expr(e, { uri, owner: undefined, row: undefined }, want);
  if (t.kind === "error") return undefined;
  const c = numericConstant(e);
  if (c) {
    const okUnit =
      want.kind === "money"
        ? c.type.kind === "money" && (c.type.currency ?? plan) === (want.currency ?? plan)
        : assignable(c.type, want, plan) || (want.kind === "number" && c.type.kind !== "money");
    if (!okUnit) {
      out.push(diag("C0602", { detail: `${what} must be ${ck.show(want)}, not ${ck.show(c.type)}` }, uri, e.span));
      return undefined;
    }
    if (c.type.kind === "numlit") ck.out.coerced.set(e, want);
    return canonicalDecimal(c.value);
  }
  const text = literalText(e, ck);
  if (text === undefined || !assignable(t, want, plan)) {
    out.push(diag("C0602", { detail: `${what} must be a constant ${ck.show(want)}` }, uri, e.span));
    return undefined;
  }
  return text;
}

/** A cell of a `money(col)` column: any currency (its currency is in the other column). */
function moneyAnyCell(e: Expr, ck: Checker, uri: string, out: Diagnostic[]): string | undefined {
  const c = numericConstant(e);
  if (!c || (c.type.kind !== "money" && c.type.kind !== "numlit")) {
    out.push(diag("C0602", { detail: "A money cell must be an amount such as 100 EUR" }, uri, e.span));
    return undefined;
  }
  ck.expr(e, { uri, owner: undefined, row: undefined });
  return canonicalDecimal(c.value);
}
