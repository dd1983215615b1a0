import {
  calendarOf,
  canonicalJson,
  planHash,
  type ColumnIR,
  type ComponentIR,
  type CreditIR,
  type CurveIR,
  type DimensionIR,
  type Expr,
  type LookupIR,
  type MatrixBandIR,
  type MatrixIR,
  type CheckIR,
  type PlanBody,
  type PlanIR,
  type TableIR,
  type TiersIR,
  type ValueIR,
} from "@carrot/ir";
import { constText, exprText } from "./expr-text.js";
import { SECTION_ORDER, type DeclChange, type FieldChange, type PlanDiff, type RowChange, type Section } from "./types.js";

/**
 * A declaration seen by the diff: its settings and clauses as text fields, and, for table-like
 * declarations, its rows keyed so that they are compared row by row rather than by position.
 */
interface Described {
  keyword: string;
  fields: [string, string | null][];
  rows: [string, string][];
  /** Canonical JSON of everything but the name and id: equal identities make a rename. */
  identity: string;
  summary: string;
}

/**
 * Compares two compiled plans by their IR `plan` bodies. Spans, tests and declaration order live
 * outside the body, so formatting-only edits and moved declarations give equal hashes and no change.
 */
export function diffPlans(before: PlanIR, after: PlanIR): PlanDiff {
  const beforeHash = planHash(before.plan);
  const afterHash = planHash(after.plan);
  const changes: DeclChange[] = [];
  if (beforeHash !== afterHash) {
    changes.push(...diffHeader(before.plan, after.plan));
    for (const section of SECTION_ORDER) {
      if (section === "plan" || section === "payout") continue;
      changes.push(...diffSection(section, describeSection(section, before.plan), describeSection(section, after.plan)));
    }
    changes.push(...diffPayoutRules(before.plan, after.plan));
  }
  return {
    before: { name: before.plan.name, version: before.plan.version, hash: beforeHash },
    after: { name: after.plan.name, version: after.plan.version, hash: afterHash },
    semanticChange: beforeHash !== afterHash,
    changes,
    tests: diffTests(before, after),
  };
}

function diffTests(before: PlanIR, after: PlanIR): PlanDiff["tests"] {
  // A test is its name and what it gives and expects (its id only repeats the name).
  const body = (t: PlanIR["tests"][number]): string => canonicalJson({ ...t, id: undefined });
  const a = new Map(before.tests.map((t) => [t.name, body(t)]));
  const b = new Map(after.tests.map((t) => [t.name, body(t)]));
  const sorted = (list: string[]): string[] => list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    added: sorted([...b.keys()].filter((n) => !a.has(n))),
    removed: sorted([...a.keys()].filter((n) => !b.has(n))),
    changed: sorted([...b.keys()].filter((n) => a.has(n) && a.get(n) !== b.get(n))),
  };
}

function diffHeader(a: PlanBody, b: PlanBody): DeclChange[] {
  const fields = compareFields(headerFields(a), headerFields(b));
  return fields.length ? [{ kind: "changed", section: "plan", keyword: "plan", name: b.name, fields, rows: [] }] : [];
}

function headerFields(p: PlanBody): [string, string | null][] {
  return [
    ["name", JSON.stringify(p.name)],
    ["version", JSON.stringify(p.version)],
    ["currency", p.currency],
    ["effective", `${p.effective.from} .. ${p.effective.to}`],
    ["period", p.grain],
    ["rounding", `${p.rounding.scale} ${p.rounding.mode} on ${p.rounding.on}`],
    ["pay", p.pay ? `${p.pay.timing} ${p.pay.grain}` : null],
    ["fiscal year", calendarOf(p).describe()?.replace(/^fiscal year /, "") ?? null],
    ["fx", p.fx ? `from ${p.fx.table}` : null],
  ];
}

function diffPayoutRules(a: PlanBody, b: PlanBody): DeclChange[] {
  const fields = compareFields(payoutFields(a), payoutFields(b));
  return fields.length ? [{ kind: "changed", section: "payout", keyword: "payout", name: "payout", fields, rows: [] }] : [];
}

function payoutFields(p: PlanBody): [string, string | null][] {
  const { cap, guarantee, settle, release } = p.payout;
  const money = (amount: string): string => constText(`money[${p.currency}]`, amount);
  return [
    ["cap", cap ? `${money(cap.amount)} per ${cap.per}` : null],
    [
      "guarantee",
      guarantee
        ? `${"amount" in guarantee ? money(guarantee.amount) : exprText(guarantee.value)} per ${guarantee.per} ${guarantee.recoverable ? "recoverable" : "nonrecoverable"}`
        : null,
    ],
    ["settle", settle ? `cumulative from ${settle.table}${settle.carry ? " carry" : ""}` : null],
    ["release holds", release ? `from ${release.table}` : null],
  ];
}

function describeSection(section: Section, p: PlanBody): Map<string, Described> {
  const out = new Map<string, Described>();
  const put = <T extends { name: string }>(list: T[], describe: (d: T) => Described): void => {
    for (const d of list) out.set(d.name, describe(d));
  };
  switch (section) {
    case "dimensions":
      put(p.dimensions, describeDimension);
      break;
    case "tables":
      put(p.tables, describeTable);
      break;
    case "credits":
      put(p.credits, describeCredit);
      break;
    case "values":
      put(p.values, describeValue);
      break;
    case "tiers":
      put(p.tiers, describeTiers);
      break;
    case "matrices":
      put(p.matrices ?? [], describeMatrix);
      break;
    case "curves":
      put(p.curves, describeCurve);
      break;
    case "lookups":
      put(p.lookups, describeLookup);
      break;
    case "components":
      put(p.components, describeComponent);
      break;
    case "checks":
      put(p.checks ?? [], describeCheck);
      break;
    case "plan":
    case "payout":
      break;
  }
  return out;
}

/** Canonical JSON of a declaration without what names it (and, for components, its derived order). */
function identityOf(decl: object): string {
  const { id: _id, name: _name, order: _order, ...rest } = decl as Record<string, unknown>;
  return canonicalJson(rest);
}

const expr = (e: Expr | null): string | null => (e ? exprText(e) : null);

function describeDimension(d: DimensionIR): Described {
  return {
    keyword: "dimension",
    fields: [
      ["of", d.parent],
      ["order", d.members.map((m) => m.name).join(", ")],
    ],
    rows: d.members.map((m) => [m.name, m.parent ? `${m.name}: ${m.parent}` : m.name]),
    identity: identityOf(d),
    summary: `${d.members.length} member${d.members.length === 1 ? "" : "s"}${d.parent ? ` of ${d.parent}` : ""}`,
  };
}

function columnText(c: ColumnIR): string {
  const type = c.currencyColumn ? `money(${c.currencyColumn})` : c.type;
  return [c.name, type, c.key ? "key" : "", c.optional ? "optional" : ""].filter(Boolean).join(" ");
}

function describeTable(t: TableIR): Described {
  return {
    keyword: t.role === "people" ? "people" : "input",
    fields: [
      ["role", t.role],
      ["order", t.columns.map((c) => c.name).join(", ")],
    ],
    rows: t.columns.map((c) => [c.name, columnText(c)]),
    identity: identityOf(t),
    summary: `${t.columns.length} column${t.columns.length === 1 ? "" : "s"}`,
  };
}

function describeCredit(c: CreditIR): Described {
  return {
    keyword: "credit",
    fields: [
      ["from", c.source],
      ["dated", typeof c.dated === "string" || c.dated === null ? c.dated : exprText(c.dated)],
      ["join", c.join ? `${c.join.table} on ${exprText(c.join.on)}` : null],
      ["to", expr(c.to)],
      ["split", expr(c.split)],
      ["rollup", c.rollup ? `${c.rollup.rule}${c.rollup.depth === null ? "" : ` depth ${c.rollup.depth}`}` : null],
    ],
    rows: [],
    identity: identityOf(c),
    summary: c.rollup ? `rollup ${c.rollup.rule}` : `from ${c.source ?? "?"}`,
  };
}

function valueSignature(v: ValueIR): string {
  return v.params.length ? `(${v.params.map((p) => `${p.name}: ${p.dimension}`).join(", ")})` : "";
}

function describeValue(v: ValueIR): Described {
  return {
    keyword: v.kind,
    fields: [
      ["kind", v.kind],
      ["parameters", valueSignature(v) || null],
      ["type", v.type],
      ["formula", exprText(v.body)],
    ],
    rows: [],
    identity: identityOf(v),
    summary: `${valueSignature(v)} = ${exprText(v.body)}`,
  };
}

function describeTiers(t: TiersIR): Described {
  const bound = (v: string): string => constText(t.boundType, v);
  return {
    keyword: "tiers",
    fields: [
      ["kind", t.mode],
      ["boundary", t.boundary],
      ["bound type", t.boundType],
      ["value type", t.valueType],
    ],
    // Bands are keyed by their lower bound: a changed rate keeps its row, an inserted band is one added row.
    rows: t.bands.map((b) => [
      bound(b.from),
      `${bound(b.from)} ..${b.to === null ? "" : " " + bound(b.to)} : ${constText(t.valueType, b.value)}`,
    ]),
    identity: identityOf(t),
    summary: `${t.mode}, ${t.bands.length} band${t.bands.length === 1 ? "" : "s"}`,
  };
}

function describeMatrix(m: MatrixIR): Described {
  const band = (type: string, b: MatrixBandIR): string =>
    `${constText(type, b.from)} ..${b.to === null ? "" : " " + constText(type, b.to)}`;
  return {
    keyword: "matrix",
    fields: [
      ["boundary", m.boundary],
      ["row type", m.rowType],
      ["column type", m.columnType],
      ["value type", m.valueType],
      ["columns", m.columns.map((c) => band(m.columnType, c)).join(", ")],
    ],
    // Rows are keyed by their lower bound, as tier bands: a changed cell keeps its row.
    rows: m.rows.map((r, i) => [
      constText(m.rowType, r.from),
      `${band(m.rowType, r)} : ${(m.cells[i] ?? []).map((c) => constText(m.valueType, c)).join(", ")}`,
    ]),
    identity: identityOf(m),
    summary: `${m.rows.length} × ${m.columns.length} cells`,
  };
}

function describeCheck(c: CheckIR): Described {
  return {
    keyword: "check",
    fields: [
      ["from", c.table],
      ["per", c.per.length ? c.per.map((col) => `${c.table}.${col}`).join(", ") : null],
      ["assert", exprText(c.assert)],
      ["message", c.message],
      ["severity", c.severity],
    ],
    rows: [],
    identity: identityOf(c),
    summary: `${c.severity === "warning" ? "warning" : "error"} per ${c.per.length ? c.per.join(", ") : "table"}`,
  };
}

function describeCurve(c: CurveIR): Described {
  return {
    keyword: "curve",
    fields: [
      ["x type", c.xType],
      ["y type", c.yType],
      ["below", c.below === null ? null : constText(c.yType, c.below)],
    ],
    rows: c.points.map((p) => [constText(c.xType, p.x), `${constText(c.xType, p.x)} : ${constText(c.yType, p.y)}`]),
    identity: identityOf(c),
    summary: `${c.points.length} point${c.points.length === 1 ? "" : "s"}`,
  };
}

function describeLookup(l: LookupIR): Described {
  return {
    keyword: "table",
    fields: [
      ["by", l.keys.join(", ")],
      ["value type", l.valueType],
      ["order", l.rows.map((r) => (r.keys === null ? "default" : r.keys.join(", "))).join("; ")],
    ],
    rows: l.rows.map((r) => {
      const key = r.keys === null ? "default" : r.keys.map((k) => constText("member[]", k)).join(", ");
      return [key, `${key} : ${constText(l.valueType, r.value)}`];
    }),
    identity: identityOf(l),
    summary: `by ${l.keys.join(", ")}, ${l.rows.length} row${l.rows.length === 1 ? "" : "s"}`,
  };
}

function describeComponent(c: ComponentIR): Described {
  const fields: [string, string | null][] = [
    ["for each", c.forEach ? `${c.forEach.name}: ${c.forEach.dimension}` : null],
    ["window", c.window ? `${c.window.from} .. ${c.window.to}` : null],
    ["eligible", expr(c.eligible)],
  ];
  const lets = new Map(c.lets.map((l) => [l.name, exprText(l.value)]));
  fields.push(["lets", c.lets.map((l) => l.name).join(", ") || null]);
  for (const [name, text] of lets) fields.push([`let ${name}`, text]);
  fields.push(
    ["gate", expr(c.gate)],
    ["payout", exprText(c.payout)],
    ["floor", expr(c.floor)],
    ["cap", c.cap ? `${exprText(c.cap.value)}${c.cap.per === "year" ? " per year" : ""}` : null],
    ["allow negative", c.allowNegative ? "yes" : null],
    ["hold", c.hold ? `above ${exprText(c.hold.bound)}${c.hold.reason === null ? "" : ` reason ${JSON.stringify(c.hold.reason)}`}` : null],
  );
  return {
    keyword: "component",
    fields,
    rows: [],
    identity: identityOf(c),
    summary: `payout ${exprText(c.payout)}`,
  };
}

function compareFields(a: [string, string | null][], b: [string, string | null][]): FieldChange[] {
  const before = new Map(a);
  const after = new Map(b);
  const names = [...a.map(([n]) => n), ...b.map(([n]) => n).filter((n) => !before.has(n))];
  const out: FieldChange[] = [];
  for (const field of names) {
    const x = before.get(field) ?? null;
    const y = after.get(field) ?? null;
    if (x !== y) out.push({ field, before: x, after: y });
  }
  // `lets` lists the names in order; it is only news when the set of lets is equal but reordered.
  const lets = out.find((f) => f.field === "lets");
  if (lets && out.some((f) => f.field.startsWith("let "))) out.splice(out.indexOf(lets), 1);
  return out;
}

function compareRows(a: [string, string][], b: [string, string][]): RowChange[] {
  const before = new Map(a);
  const after = new Map(b);
  const out: RowChange[] = [];
  // Rows in the new version's order, removed rows where they stood in the old one.
  const keys = [...b.map(([k]) => k)];
  a.forEach(([k], i) => {
    if (!after.has(k)) {
      const next = a.slice(i + 1).find(([n]) => after.has(n));
      const at = next ? keys.indexOf(next[0]) : keys.length;
      keys.splice(at, 0, k);
    }
  });
  for (const key of keys) {
    const x = before.get(key) ?? null;
    const y = after.get(key) ?? null;
    if (x === y) continue;
    out.push({ kind: x === null ? "added" : y === null ? "removed" : "changed", key, before: x, after: y });
  }
  return out;
}

function diffSection(section: Section, a: Map<string, Described>, b: Map<string, Described>): DeclChange[] {
  const removed = [...a.keys()].filter((n) => !b.has(n)).sort();
  const added = new Set([...b.keys()].filter((n) => !a.has(n)).sort());
  const out: DeclChange[] = [];
  for (const name of removed) {
    const old = a.get(name)!;
    const twin = [...added].find((n) => b.get(n)!.identity === old.identity && b.get(n)!.keyword === old.keyword);
    if (twin !== undefined) {
      added.delete(twin);
      out.push({ kind: "renamed", section, keyword: old.keyword, name: twin, from: name });
    } else {
      out.push({ kind: "removed", section, keyword: old.keyword, name, summary: old.summary });
    }
  }
  for (const name of added) {
    const d = b.get(name)!;
    out.push({ kind: "added", section, keyword: d.keyword, name, summary: d.summary });
  }
  for (const [name, old] of a) {
    const now = b.get(name);
    if (!now || now.identity === old.identity) continue;
    let fields = compareFields(old.fields, now.fields);
    const rows = compareRows(old.rows, now.rows);
    // Row order is only worth a line when no row was added or removed (a pure reordering).
    if (rows.some((r) => r.kind !== "changed")) fields = fields.filter((f) => f.field !== "order");
    if (fields.length === 0 && rows.length === 0) {
      fields = [{ field: "definition", before: old.identity, after: now.identity }];
    }
    out.push({ kind: "changed", section, keyword: now.keyword, name, fields, rows });
  }
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
