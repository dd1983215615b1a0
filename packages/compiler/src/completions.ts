/**
 * Completion candidates at a position, for the language server. Works from the symbol table and
 * the text around the cursor, so it answers on a file that does not parse or type-check.
 */
import type { Span } from "@carrot/language";
import { creditColumns } from "./resolve/resolve.js";
import {
  BUILTIN_FUNCTIONS,
  BUILTIN_VALUES,
  symbolKindLabel,
  type ColumnSym,
  type Sym,
  type SymbolTable,
} from "./resolve/symbols.js";

export interface Completion {
  label: string;
  /** `measure`, `column`, `member`, `function`, `keyword`, ... */
  kind: string;
  detail?: string;
  doc?: string;
  symbol?: Sym;
}

const IDENT = /[A-Za-z0-9_]/;

/** The identifier being typed at `offset` (possibly empty) and, after `x.`, the object name `x`. */
export function wordAt(text: string, offset: number): { prefix: string; object: string | undefined; span: Span } {
  let start = offset;
  while (start > 0 && IDENT.test(text[start - 1])) start--;
  const prefix = text.slice(start, offset);
  let object: string | undefined;
  if (text[start - 1] === ".") {
    let o = start - 1;
    while (o > 0 && IDENT.test(text[o - 1])) o--;
    object = text.slice(o, start - 1) || undefined;
  }
  return { prefix, object, span: { start, end: offset } };
}

export function completionsAt(table: SymbolTable, uri: string, text: string, offset: number): Completion[] {
  const { prefix, object } = wordAt(text, offset);
  const fromSym = (s: Sym): Completion => ({
    label: s.name,
    kind: symbolKindLabel(s),
    detail: s.typeText,
    doc: s.doc,
    symbol: s,
  });
  let items: Completion[];
  if (object !== undefined) {
    items = membersOf(table, object).map(fromSym);
    if (table.tiers.some((t) => t.name === object))
      items.push({ label: "rate", kind: "function", detail: "the rate of the band the value reaches" });
  } else {
    items = [];
    // Parameters and component lets of the declaration around the cursor come first.
    for (const s of table.all) {
      if (s.uri !== uri || s.span.start > offset || offset > s.span.end) continue;
      if (s.kind === "value") items.push(...s.params.map(fromSym));
      if (s.kind === "component") {
        if (s.forEach) items.push(fromSym(s.forEach));
        items.push(...[...s.locals.values()].map(fromSym));
      }
    }
    items.push(...[...table.globals.values()].map(fromSym));
    for (const [name, members] of table.members) {
      if (members.length === 1) items.push(fromSym(members[0]));
      else items.push(...members.map((m) => ({ ...fromSym(m), label: `${m.dimension.name}.${name}` })));
    }
    items.push(...BUILTIN_VALUES.map((v) => ({ label: v, kind: "keyword" })));
    items.push(...BUILTIN_FUNCTIONS.map((f) => ({ label: f, kind: "function" })));
  }
  const seen = new Set<string>();
  return items
    .filter((c) => c.label.toLowerCase().startsWith(prefix.toLowerCase()))
    .filter((c) => (seen.has(c.label) ? false : (seen.add(c.label), true)))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** What may follow `name.`: columns of a table or credit rule, members of a dimension, people columns after `person`, components after `reports`/`team`. */
function membersOf(table: SymbolTable, name: string): Sym[] {
  if (name === "person") {
    const people = table.tables.find((t) => t.role === "people");
    return people ? [...people.columns.values()] : [];
  }
  if (name === "reports" || name === "team")
    return [...table.components, ...table.values.filter((v) => v.params.length === 0)];
  const g = table.globals.get(name);
  if (!g) return [];
  if (g.kind === "table") return [...g.columns.values()];
  if (g.kind === "dimension") return [...g.members.values()];
  if (g.kind === "credit") {
    const out: ColumnSym[] = [];
    const names = new Set<string>();
    for (const cols of creditColumns(g))
      for (const c of cols.values()) if (!names.has(c.name)) (names.add(c.name), out.push(c));
    return out;
  }
  return [];
}
