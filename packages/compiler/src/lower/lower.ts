/**
 * The lower pass: typed AST → IR. Operators are already resolved by unit (the checker's types),
 * literals are folded into canonical decimals, members become `const member[D]`, `weighted` is
 * expanded to additions of products, declarations are sorted by name and components get a
 * dependency order. Runs only on a program without errors.
 */
import type { Expr as AstExpr, Span } from "@carrot/language";
import {
  IR_FORMAT,
  IR_VERSION,
  planHash,
  type ComponentIR,
  type CreditIR,
  type CurveIR,
  type DimensionIR,
  type Expr,
  type LookupIR,
  type PlanBody,
  type PlanIR,
  type RoundingMode,
  type TableIR,
  type TestIR,
  type TiersIR,
  type MatrixIR,
  type CheckIR,
  type ValueIR,
} from "@carrot/ir";
import { Decimal } from "decimal.js";
import type { Checker } from "../check/check.js";
import { curveTypes, matrixTypes, tierTypes } from "../check/check.js";
import { canonicalDecimal, numericConstant } from "../check/constants.js";
import { creditDated, type PayoutInfo, type PlanHeader } from "../check/rules.js";
import type { CheckInfo } from "../check/checks.js";
import type { CheckedTest } from "../check/tests.js";
import { irType, T, unitName, type Ty } from "../check/types.js";
import type { ComponentSym, Sym, SymbolTable } from "../resolve/symbols.js";
import type { LoadedWorkspace } from "../workspace/workspace.js";
import { postOrder } from "../util/graph.js";

export interface LowerInput {
  ws: LoadedWorkspace;
  table: SymbolTable;
  ck: Checker;
  header: PlanHeader;
  payout: PayoutInfo;
  /** The plan's checks, sorted by name (as checkChecks gives them). */
  checks?: CheckInfo[];
  fxTable: string | null;
  tests: CheckedTest[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function lowerProgram(input: LowerInput): PlanIR {
  const { ws, table, ck, header } = input;
  const cur = header.currency;
  const lx = new ExprLowering(ck, cur);
  const files = [...ws.files.values()].map((f) => f.relPath).sort();
  const spans: Record<string, string> = {};
  const mark = (id: string, uri: string, span: Span) => {
    const f = ws.files.get(uri);
    if (f) spans[id] = `${files.indexOf(f.relPath)}:${f.lines.range(span)}`;
  };
  mark("plan", header.uri, header.decl.span);

  const dimensions: DimensionIR[] = table.dimensions.map((d) => {
    mark(`dimension:${d.name}`, d.uri, d.span);
    return {
      id: `dimension:${d.name}`,
      name: d.name,
      parent: d.parentDim?.name ?? null,
      members: [...d.members.values()].map((m) => ({ name: m.name, parent: m.parentMember?.name ?? null })),
    };
  });
  const tables: TableIR[] = table.tables.map((t) => {
    mark(`table:${t.name}`, t.uri, t.span);
    return {
      id: `table:${t.name}`,
      name: t.name,
      role: t.role,
      columns: [...t.columns.values()].map((c) => ({
        name: c.name,
        type: irType(ck.columnType(c), cur),
        key: c.decl.key,
        optional: c.decl.optional,
        currencyColumn: c.decl.type.currencyColumn?.text ?? null,
      })),
    };
  });
  const loweredDated = (d: ReturnType<typeof creditDated>) => (d === null || typeof d === "string" ? d : lx.expr(d));
  const credits: CreditIR[] = table.credits.map((c) => {
    mark(`credit:${c.name}`, c.uri, c.span);
    const clause = <K extends string>(k: K) => c.decl.clauses.find((x) => x.kind === k);
    const join = clause("CreditJoin") as Extract<(typeof c.decl.clauses)[number], { kind: "CreditJoin" }> | undefined;
    const to = clause("CreditTo") as Extract<(typeof c.decl.clauses)[number], { kind: "CreditTo" }> | undefined;
    const split = clause("CreditSplit") as
      Extract<(typeof c.decl.clauses)[number], { kind: "CreditSplit" }> | undefined;
    const depth = clause("CreditDepth") as
      Extract<(typeof c.decl.clauses)[number], { kind: "CreditDepth" }> | undefined;
    for (const cl of c.decl.clauses)
      mark(`credit:${c.name}/${cl.kind.replace("Credit", "").toLowerCase()}`, c.uri, cl.span);
    return {
      id: `credit:${c.name}`,
      name: c.name,
      source: c.rollup ? null : (c.source?.name ?? null),
      dated: c.rollup ? null : loweredDated(creditDated(ck, c)),
      join: join && c.join && !c.rollup ? { table: c.join.name, on: lx.expr(join.on) } : null,
      to: to && !c.rollup ? lx.expr(to.person) : null,
      split: split && !c.rollup ? lx.expr(split.share) : null,
      rollup: c.rollup
        ? { rule: c.rollup.name, depth: depth ? numericConstant(depth.depth)!.value.toNumber() : null }
        : null,
    };
  });
  const values: ValueIR[] = table.values.map((v) => {
    const id = `${v.keyword}:${v.name}`;
    mark(id, v.uri, v.span);
    return {
      id,
      name: v.name,
      kind: v.keyword,
      params: v.params.map((p) => ({ name: p.name, dimension: p.dimension!.name })),
      type: irType(ck.valueType(v), cur),
      body: lx.expr(v.decl.body, ck.valueType(v)),
    };
  });
  const tiers: TiersIR[] = table.tiers.map((t) => {
    const id = `tiers:${t.name}`;
    mark(id, t.uri, t.span);
    const { boundType, valueType } = tierTypes(t);
    return {
      id,
      name: t.name,
      mode: t.decl.mode.text as TiersIR["mode"],
      boundary: (t.decl.boundary?.text ?? "lower") as TiersIR["boundary"],
      boundType: irType(boundType ?? T.number, cur),
      valueType: irType(valueType ?? T.number, cur),
      bands: t.decl.bands.map((b, i) => {
        mark(`${id}/band:${i + 1}`, t.uri, b.span);
        return { from: constText(b.from), to: b.to ? constText(b.to) : null, value: constText(b.value) };
      }),
    };
  });
  const matrices: MatrixIR[] = table.matrices.map((m) => {
    const id = `matrix:${m.name}`;
    mark(id, m.uri, m.span);
    const { rowType, columnType, valueType } = matrixTypes(m);
    const band = (b: { from: AstExpr; to?: AstExpr }) => ({ from: constText(b.from), to: b.to ? constText(b.to) : null });
    return {
      id,
      name: m.name,
      boundary: (m.decl.boundary?.text ?? "lower") as MatrixIR["boundary"],
      rowType: irType(rowType ?? T.number, cur),
      columnType: irType(columnType ?? T.number, cur),
      valueType: irType(valueType ?? T.number, cur),
      rows: m.decl.rows.map((r, i) => {
        mark(`${id}/row:${i + 1}`, m.uri, r.span);
        return band(r.band);
      }),
      columns: m.decl.columns.map(band),
      cells: m.decl.rows.map((r) => r.values.map((v) => constText(v))),
    };
  });
  const curves: CurveIR[] = table.curves.map((c) => {
    const id = `curve:${c.name}`;
    mark(id, c.uri, c.span);
    const { xType, yType } = curveTypes(c);
    const below = c.decl.points.find((p) => p.below);
    return {
      id,
      name: c.name,
      xType: irType(xType ?? T.number, cur),
      yType: irType(yType ?? T.number, cur),
      below: below ? constText(below.y) : null,
      points: c.decl.points.filter((p) => !p.below && p.x).map((p) => ({ x: constText(p.x!), y: constText(p.y) })),
    };
  });
  const lookups: LookupIR[] = table.lookups.map((l) => {
    const id = `lookup:${l.name}`;
    mark(id, l.uri, l.span);
    return {
      id,
      name: l.name,
      keys: l.keyDims.map((d) => d!.name),
      valueType: irType(ck.lookupValueType(l), cur),
      rows: l.decl.rows.map((r) => ({ keys: r.keys ? r.keys.map((k) => k.text) : null, value: constText(r.value) })),
    };
  });
  const order = componentOrder(table.components, ck.out.deps);
  const components: ComponentIR[] = table.components.map((c) => {
    const id = `component:${c.name}`;
    mark(id, c.uri, c.span);
    const ir: ComponentIR = {
      id,
      name: c.name,
      order: order.get(c)!,
      forEach: c.forEach ? { name: c.forEach.name, dimension: c.forEach.dimension!.name } : null,
      window: null,
      eligible: null,
      lets: [],
      gate: null,
      payout: { op: "const", type: irType(T.money(cur), cur), value: "0" },
      floor: null,
      cap: null,
      allowNegative: false,
    };
    const money = T.money(cur);
    for (const cl of c.decl.clauses) {
      switch (cl.kind) {
        case "Window":
          mark(`${id}/window`, c.uri, cl.span);
          ir.window = { from: (cl.from as { value: string }).value, to: (cl.to as { value: string }).value };
          break;
        case "Eligible":
          mark(`${id}/eligible`, c.uri, cl.span);
          ir.eligible = lx.expr(cl.condition);
          break;
        case "Gate":
          mark(`${id}/gate`, c.uri, cl.span);
          ir.gate = lx.expr(cl.condition);
          break;
        case "Let":
          mark(`${id}/let:${cl.name.text}`, c.uri, cl.span);
          ir.lets.push({ name: cl.name.text, value: lx.expr(cl.value) });
          break;
        case "Payout":
          mark(`${id}/payout`, c.uri, cl.span);
          ir.payout = lx.expr(cl.value, money);
          break;
        case "Floor":
          mark(`${id}/floor`, c.uri, cl.span);
          ir.floor = lx.expr(cl.value, money);
          break;
        case "Cap":
          mark(`${id}/cap`, c.uri, cl.span);
          ir.cap = { value: lx.expr(cl.value, money), per: cl.per?.text === "year" ? "year" : "line" };
          break;
        case "AllowNegative":
          ir.allowNegative = true;
          break;
        case "Hold":
          mark(`${id}/hold`, c.uri, cl.span);
          ir.hold = { bound: lx.expr(cl.bound, money), reason: cl.reason?.value ?? null };
          break;
      }
    }
    return ir;
  });
  const checks: CheckIR[] = (input.checks ?? []).map((c) => {
    const id = `check:${c.name}`;
    mark(id, c.uri, c.decl.span);
    return {
      id,
      name: c.name,
      table: c.table.name,
      per: c.per.map((col) => col.name),
      assert: lx.expr(c.assert),
      text: c.assertText,
      message: c.message,
      severity: c.severity,
    };
  });
  const payoutDecl = [...ws.files.values()]
    .flatMap((f) => f.ast.declarations.map((d) => ({ d, uri: f.uri })))
    .find((x) => x.d.kind === "PayoutRules");
  if (payoutDecl) mark("payout", payoutDecl.uri, payoutDecl.d.span);

  const plan: PlanBody = {
    name: header.name,
    version: header.version,
    currency: cur!,
    effective: header.effective!,
    grain: header.grain!,
    rounding: { scale: header.rounding.scale, mode: header.rounding.mode as RoundingMode, on: header.rounding.on },
    ...(header.pay ? { pay: header.pay } : {}),
    ...(header.fiscal ? { fiscal: header.fiscal } : {}),
    dimensions: dimensions.sort(byName),
    tables: tables.sort(byName),
    fx: input.fxTable ? { table: input.fxTable } : null,
    credits: credits.sort(byName),
    values: values.sort(byName),
    tiers: tiers.sort(byName),
    ...(matrices.length > 0 ? { matrices: matrices.sort(byName) } : {}),
    curves: curves.sort(byName),
    lookups: lookups.sort(byName),
    components: components.sort(byName),
    payout: lowerPayout(input.payout, lx, cur),
    ...(checks.length > 0 ? { checks } : {}),
  };
  const tests: TestIR[] = input.tests
    .map((t) => {
      const id = `test:${t.name}`;
      mark(id, t.uri, t.decl.span);
      return {
        id,
        name: t.name,
        period: t.period,
        givenValues: t.givenValues,
        givenRows: t.givenRows,
        expects: t.expects,
      };
    })
    .sort(byName);
  const sortedSpans: Record<string, string> = {};
  for (const k of Object.keys(spans).sort()) sortedSpans[k] = spans[k];
  return {
    format: IR_FORMAT,
    version: IR_VERSION,
    hash: planHash(plan),
    plan,
    tests,
    sourceMap: { files, spans: sortedSpans },
  };
}

/** The payout rules as the IR holds them: a guarantee that is not a constant lowered as a money expression. */
function lowerPayout(p: PayoutInfo, lx: ExprLowering, cur: string | undefined): PlanBody["payout"] {
  const g = p.guarantee;
  if (!g || !("expr" in g)) return p as PlanBody["payout"];
  return { ...p, guarantee: { value: lx.expr(g.expr, T.money(cur)), per: g.per, recoverable: g.recoverable } };
}

function constText(e: AstExpr): string {
  const c = numericConstant(e);
  return c ? canonicalDecimal(c.value) : "0";
}

/** Components in dependency order (a component after those it reads, through values and lets too); ties by name. */
export function componentOrder(components: ComponentSym[], deps: Map<Sym, Set<Sym>>): Map<ComponentSym, number> {
  // The components a symbol reads, looking through values and lets, computed dependencies first
  // (plans chain measures deeper than the stack would allow recursively).
  const memo = new Map<Sym, Set<ComponentSym>>();
  const EMPTY = new Set<ComponentSym>();
  for (const s of postOrder<Sym>(components, (x) => deps.get(x) ?? [])) {
    let out: Set<ComponentSym> = EMPTY;
    for (const d of deps.get(s) ?? []) {
      const add = d.kind === "component" ? [d] : (memo.get(d) ?? EMPTY);
      for (const c of add) {
        if (out === EMPTY) out = new Set();
        out.add(c);
      }
    }
    memo.set(s, out);
  }
  const readsOf = (s: Sym) => memo.get(s) ?? EMPTY;
  // Kahn's algorithm, taking the smallest name among the ready components each time.
  const sorted = [...components].sort(byName);
  const waitingOn = new Map<ComponentSym, number>();
  const readers = new Map<ComponentSym, ComponentSym[]>();
  for (const c of sorted) {
    const reads = [...readsOf(c)].filter((d) => d !== c);
    waitingOn.set(c, reads.length);
    for (const d of reads) {
      const list = readers.get(d);
      if (list) list.push(c);
      else readers.set(d, [c]);
    }
  }
  const order = new Map<ComponentSym, number>();
  // `ready` stays sorted by name: binary insertion instead of sorting at every step.
  const ready = sorted.filter((c) => waitingOn.get(c) === 0);
  const insertReady = (c: ComponentSym) => {
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byName(ready[mid], c) < 0) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, c);
  };
  while (order.size < sorted.length) {
    if (ready.length === 0) insertReady(sorted.find((c) => !order.has(c))!); // only on a cycle, already an error
    const next = ready.shift()!;
    if (order.has(next)) continue;
    order.set(next, order.size);
    for (const r of readers.get(next) ?? []) {
      const n = waitingOn.get(r)! - 1;
      waitingOn.set(r, n);
      if (n === 0 && !order.has(r)) insertReady(r);
    }
  }
  return order;
}

/** Expression lowering, reading the checker's types, coercions and call meanings. */
class ExprLowering {
  constructor(
    private readonly ck: Checker,
    private readonly cur: string | undefined,
  ) {}

  private typeOf(e: AstExpr): Ty {
    return this.ck.out.coerced.get(e) ?? this.ck.out.types.get(e) ?? T.error;
  }

  private t(e: AstExpr): string {
    return irType(this.typeOf(e), this.cur);
  }

  expr(e: AstExpr, want?: Ty): Expr {
    const ir = this.lower(e);
    // A bare literal in a typed position (`floor 0`, `let x = 5`) takes that position's unit.
    if (
      ir.op === "const" &&
      want &&
      (want.kind === "money" || want.kind === "ratio" || want.kind === "count") &&
      (ir.type === "number" || ir.type === "count")
    ) {
      return { ...ir, type: irType(want, this.cur) };
    }
    return ir;
  }

  private lower(e: AstExpr): Expr {
    const ck = this.ck;
    const type = this.t(e);
    const member = ck.out.memberOf.get(e);
    if (member) return { op: "const", type: `member[${member.dimension.name}]`, value: member.name };
    // Numeric constants (`5%`, `-1`, `(2.50 EUR)`) fold to one canonical decimal, in the unit they took.
    const folded = numericConstant(e);
    if (folded) return { op: "const", type, value: canonicalDecimal(folded.value) };
    const call = ck.out.calls.get(e);
    if (call) {
      switch (call.kind) {
        case "value":
          return { op: "value", type, name: call.sym.name, args: call.args.map((a) => this.lower(a)) };
        case "component":
          return { op: "component", type, name: call.sym.name, args: call.args.map((a) => this.lower(a)) };
        case "tier":
          return {
            op: "tier",
            type,
            table: call.sym.name,
            apply: call.apply,
            value: this.lower(call.value),
            quota: call.quota ? this.lower(call.quota) : null,
            // Only when written: every other plan's IR (and hash) stays as it was.
            ...(call.negative ? { negative: true as const } : {}),
          };
        case "matrix":
          return { op: "matrix", type, matrix: call.sym.name, row: this.lower(call.row), column: this.lower(call.column) };
        case "curve":
          return { op: "curve", type, curve: call.sym.name, value: this.lower(call.value) };
        case "aggregate":
          return {
            op: "aggregate",
            type,
            fn: call.fn,
            source:
              call.source.kind === "credit"
                ? { kind: "credit", rule: call.source.rule.name }
                : { kind: "table", table: call.source.table.name },
            value: call.value ? this.lower(call.value) : null,
            where: call.where ? this.lower(call.where) : null,
          };
        case "team":
          return {
            op: "team",
            type,
            scope: call.scope,
            fn: call.fn,
            target: call.target
              ? {
                  kind: call.target.sym.kind === "component" ? "component" : "value",
                  name: call.target.sym.name,
                  args: [],
                }
              : null,
          };
        case "builtin":
          return {
            op: "builtin",
            type,
            fn: call.fn,
            args: call.args.map((a) => this.lower(a)),
            rounding: call.rounding ? { scale: call.rounding.scale, mode: call.rounding.mode as RoundingMode } : null,
          };
        case "accumulate":
          return { op: "accumulate", type, fn: call.fn, value: this.lower(call.value) };
        case "prorate":
          return {
            op: "prorate",
            type,
            value: this.lower(call.value),
            by: call.by ? { table: call.by.table.name, from: call.by.from.name, to: call.by.to.name } : null,
          };
        case "convert":
          return { op: "convert", type, currency: call.currency, value: this.lower(call.value) };
        case "weighted": {
          const vt = irType(ck.valueType(call.sym), this.cur);
          const unit = unitName(ck.valueType(call.sym));
          const terms: Expr[] = call.weights.map((w) => ({
            op: "mul",
            type,
            sig: `${unit}*ratio`,
            args: [
              {
                op: "value",
                type: vt,
                name: call.sym.name,
                args: [{ op: "const", type: `member[${w.member.dimension.name}]`, value: w.member.name }],
              },
              { op: "const", type: "ratio", value: constText(w.weight) },
            ],
          }));
          return terms.reduce((acc, term) => ({
            op: "add",
            type,
            sig: `${unitName(this.typeOf(e))}+${unitName(this.typeOf(e))}`,
            args: [acc, term],
          }));
        }
      }
    }
    switch (e.kind) {
      case "NumberLit":
      case "PercentLit":
      case "MoneyLit":
        return { op: "const", type, value: constText(e) };
      case "DateLit":
      case "PeriodLit":
        return { op: "const", type, value: e.value };
      case "StringLit":
        return { op: "const", type, value: e.value };
      case "BoolLit":
        return { op: "const", type: "bool", value: String(e.value) };
      case "ParenExpr":
        return this.lower(e.inner);
      case "NameRef": {
        const r = ck.resolved.resolutions.get(e);
        if (r?.kind === "sym") {
          const s = r.sym;
          if (s.kind === "local") return { op: "local", type, name: s.name };
          if (s.kind === "param") return { op: "param", type, name: s.name };
          if (s.kind === "member") return { op: "const", type: `member[${s.dimension.name}]`, value: s.name };
        }
        if (r?.kind === "builtin") {
          if (r.name === "person") return { op: "person", type: "person", column: "id" };
          if (r.name === "period_start" || r.name === "period_end") return { op: r.name, type: "date" };
        }
        throw new Error(`lower: unexpected name '${e.name.text}'`);
      }
      case "PathExpr": {
        const r = ck.resolved.resolutions.get(e);
        if (r?.kind === "sym" && r.sym.kind === "column")
          return { op: "column", type, table: r.sym.table.name, column: r.sym.name };
        if (r?.kind === "sym" && r.sym.kind === "member")
          return { op: "const", type: `member[${r.sym.dimension.name}]`, value: r.sym.name };
        if (r?.kind === "personAttr") return { op: "person", type, column: r.column.name };
        if (r?.kind === "ancestor")
          return { op: "ancestor", type, dimension: r.dimension.name, value: this.lower(e.object) };
        throw new Error(`lower: unexpected path '.${e.member.text}'`);
      }
      case "IndexExpr": {
        const r = ck.resolved.resolutions.get(e.object);
        const name = r?.kind === "sym" ? r.sym.name : "";
        return { op: "lookup", type, table: name, keys: e.keys.map((k) => this.lower(k)) };
      }
      case "UnaryExpr": {
        const inner = this.lower(e.operand);
        if (e.op === "not") return { op: "not", type: "bool", args: [inner] };
        if (inner.op === "const") return { ...inner, value: canonicalDecimal(new Decimal(inner.value).neg()) };
        return { op: "neg", type, sig: unitName(this.typeOf(e.operand)), args: [inner] };
      }
      case "BinaryExpr": {
        const l = this.lower(e.left);
        const r = this.lower(e.right);
        switch (e.op) {
          case "and":
          case "or":
            return { op: e.op, type: "bool", args: [l, r] };
          case "otherwise":
            return { op: "otherwise", type, args: [l, r] };
          case "=":
          case "!=":
          case "<":
          case "<=":
          case ">":
          case ">=": {
            const op = ({ "=": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge" } as const)[e.op];
            return { op, type: "bool", args: [l, r] };
          }
          default: {
            const op = ({ "+": "add", "-": "sub", "*": "mul", "/": "div" } as const)[e.op];
            return {
              op,
              type,
              sig: `${unitName(this.typeOf(e.left))}${e.op}${unitName(this.typeOf(e.right))}`,
              args: [l, r],
            };
          }
        }
      }
      case "InExpr":
        if (e.range)
          return {
            op: "in_range",
            type: "bool",
            value: this.lower(e.value),
            from: this.lower(e.from),
            to: e.to ? this.lower(e.to) : null,
          };
        return { op: "in_member", type: "bool", value: this.lower(e.value), member: this.lower(e.from) };
      case "IfExpr":
        return { op: "if", type, args: [this.lower(e.condition), this.lower(e.then), this.lower(e.else)] };
      default:
        throw new Error(`lower: unexpected ${e.kind}`);
    }
  }
}
