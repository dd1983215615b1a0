/**
 * `check NAME { from T  per T.c, ...  assert COND  [message "..."]  [severity warning] }`: a data
 * validation rule (docs/language.md §3 `check`). COND is evaluated once per group of T's rows (by
 * the `per` columns), before crediting and for no person or period, so it may read only what has a
 * value there: constants, constant lets, lookups, tiers and curves of those, the group's `per`
 * columns, and aggregates over T (C0525 otherwise).
 */
import type { CheckDecl, Diagnostic, Expr } from "@carrot/language";
import { diag } from "../diagnostics/catalogue.js";
import type { Resolved } from "../resolve/resolve.js";
import type { ColumnSym, TableSym } from "../resolve/symbols.js";
import type { LoadedWorkspace } from "../workspace/workspace.js";
import { forEachChild, type Checker } from "./check.js";
import { personPeriodRead } from "./person-period.js";
import { T } from "./types.js";

export interface CheckInfo {
  name: string;
  uri: string;
  decl: CheckDecl;
  table: TableSym;
  per: ColumnSym[];
  assert: Expr;
  /** The assert as written (the default message). */
  assertText: string;
  message: string | null;
  severity: "error" | "warning";
}

export function checkChecks(ws: LoadedWorkspace, resolved: Resolved, ck: Checker, out: Diagnostic[]): CheckInfo[] {
  const infos: CheckInfo[] = [];
  const seen = new Set<string>();
  for (const f of ws.files.values()) {
    for (const d of f.ast.declarations) {
      if (d.kind !== "Check") continue;
      const name = d.name.text;
      if (name !== "" && seen.has(name)) out.push(diag("C0109", { name, owner: "the plan's checks" }, f.uri, d.name.span));
      seen.add(name);
      const clauses = new Map<string, number>();
      for (const cl of d.clauses) {
        clauses.set(cl.kind, (clauses.get(cl.kind) ?? 0) + 1);
        if (clauses.get(cl.kind) === 2)
          out.push(diag("C0512", { clause: cl.kind.replace("Check", "").toLowerCase(), owner: name }, f.uri, cl.span));
      }
      const nameEnd = { start: d.span.start, end: d.name.span.end };
      for (const [kind, word] of [
        ["CheckFrom", "from"],
        ["CheckAssert", "assert"],
      ])
        if (!clauses.has(kind) && name !== "") out.push(diag("C0526", { check: name, clause: word }, f.uri, nameEnd));
      const from = d.clauses.find((c) => c.kind === "CheckFrom");
      const assert = d.clauses.find((c) => c.kind === "CheckAssert");
      const res = from ? resolved.resolutions.get(from.table) : undefined;
      const table = res?.kind === "sym" && res.sym.kind === "table" ? res.sym : undefined;
      if (!table || !assert) continue;
      const per: ColumnSym[] = [];
      let ok = true;
      for (const cl of d.clauses) {
        if (cl.kind !== "CheckPer") continue;
        for (const c of cl.columns) {
          if (c.kind === "ErrorExpr") {
            ok = false;
            continue;
          }
          const r = resolved.resolutions.get(c);
          const col = c.kind === "PathExpr" && r?.kind === "sym" && r.sym.kind === "column" ? r.sym : undefined;
          if (col && col.table === table) per.push(col);
          else {
            ok = false;
            if (r?.kind !== "error") out.push(diag("C0527", { text: f.text.slice(c.span.start, c.span.end), table: table.name }, f.uri, c.span));
          }
        }
      }
      const ctx = ck.rowCtx(f.uri, undefined, [table]);
      const t = ck.expect(assert.condition, ctx, T.bool, "The check's assert");
      if (t.kind === "error") ok = false;
      if (!readable(assert.condition, table, new Set(per), name, f.uri, ck, resolved, out)) ok = false;
      let severity: "error" | "warning" = "error";
      const sev = d.clauses.find((c) => c.kind === "CheckSeverity");
      if (sev && sev.level.text !== "") {
        if (sev.level.text === "warning" || sev.level.text === "error") severity = sev.level.text;
        else {
          ok = false;
          out.push(diag("C0405", { what: "check severity", value: sev.level.text, allowed: "warning, error" }, f.uri, sev.level.span));
        }
      }
      const message = d.clauses.find((c) => c.kind === "CheckMessage");
      if (!ok) continue;
      infos.push({
        name,
        uri: f.uri,
        decl: d,
        table,
        per,
        assert: assert.condition,
        assertText: f.text.slice(assert.condition.span.start, assert.condition.span.end).replace(/\s+/g, " "),
        message: message ? message.text.value : null,
        severity,
      });
    }
  }
  return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Reports (C0525) what the assert reads that has no value outside a person and period. */
function readable(
  root: Expr,
  table: TableSym,
  per: Set<ColumnSym>,
  check: string,
  uri: string,
  ck: Checker,
  resolved: Resolved,
  out: Diagnostic[],
): boolean {
  let ok = true;
  const reject = (what: string, e: Expr) => {
    ok = false;
    out.push(diag("C0525", { what, check }, uri, e.span));
  };
  const walk = (e: Expr, inAggregate: boolean): void => {
    const read = personPeriodRead(ck, e);
    if (read) return reject(read.charAt(0).toUpperCase() + read.slice(1), e);
    const call = ck.out.calls.get(e);
    if (call) {
      switch (call.kind) {
        case "convert":
          return reject("`convert`", e);
        case "tier":
        case "matrix":
        case "curve":
          return reject(`The ${call.kind === "tier" ? "tier table" : call.kind} '${call.sym.name}'`, e);
        case "builtin":
          if (call.fn !== "min" && call.fn !== "max" && call.fn !== "abs") return reject(`\`${call.fn}\``, e);
          break;
        case "aggregate":
          if (call.source.kind === "credit") return reject(`The credit rule '${call.source.rule.name}'`, e);
          if (call.source.table !== table) return reject(`The table '${call.source.table.name}' (not '${table.name}')`, e);
          if (inAggregate) break;
          forEachChild(e, (c) => walk(c, true));
          return;
        default:
          break;
      }
    }
    const col = ck.out.columns.get(e);
    if (col) {
      if (col.table !== table) return reject(`The table '${col.table.name}' (not '${table.name}')`, e);
      if (!inAggregate && !per.has(col))
        return reject(`The column '${table.name}.${col.name}' outside an aggregate (it is not a \`per\` column)`, e);
      return;
    }
    const r = resolved.resolutions.get(e);
    if (r?.kind === "ancestor") return reject(`The ancestor level '${r.dimension.name}'`, e);
    forEachChild(e, (c) => walk(c, inAggregate));
  };
  walk(root, false);
  return ok;
}
