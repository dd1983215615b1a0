import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import type { Span } from "@carrot/language";
import { CALENDAR_YEAR, formatDate, type Calendar } from "@carrot/ir";
import type { Sym } from "@carrot/compiler";
import type { Project } from "../workspace/project.js";
import { occurrenceAtPosition, locationOf } from "./navigation.js";
import { BUILTIN_FUNCTIONS, BUILTIN_VALUES } from "./completion.js";

/**
 * Hover: the symbol's signature with its type and unit, its doc comment, and for tier tables,
 * matrices, curves and lookup tables the table itself (rendered as a small markdown table, as written in the plan).
 */
export function hover(project: Project, uri: string, position: Position): Hover | null {
  const occ = occurrenceAtPosition(project, uri, position);
  const doc = project.parsed(uri);
  if (!doc) return null;
  if (!occ) {
    const offset = doc.lines.offsetAt(position);
    const token = doc.tokens.find((t) => t.span.start <= offset && offset <= t.span.end && t.category !== "punctuation");
    const builtin = token ? (BUILTIN_FUNCTIONS[token.text] ?? BUILTIN_VALUES[token.text]) : undefined;
    if (token && builtin && (token.kind === "Identifier" || token.kind.startsWith("Kw_"))) {
      return { contents: { kind: MarkupKind.Markdown, value: `\`${token.text}\` (built-in): ${builtin}` }, range: doc.lines.rangeOf(token.span) };
    }
    if (token && token.kind === "Period") {
      const period = periodHover(token.text, project.checked(uri)?.calendar ?? CALENDAR_YEAR);
      if (period) return { contents: { kind: MarkupKind.Markdown, value: period }, range: doc.lines.rangeOf(token.span) };
    }
    const type = project.checked(uri)?.typeAt(doc.path, offset);
    return type ? { contents: { kind: MarkupKind.Markdown, value: "```carrot\n" + type + "\n```" } } : null;
  }
  const source = (span: Span | undefined) => (span ? (project.store.readFile(occ.symbol.uri) ?? "").slice(span.start, span.end).replace(/\s+/g, " ").trim() : "");
  const parts = ["```carrot\n" + signature(occ.symbol, source) + "\n```"];
  if (occ.symbol.doc) parts.push(occ.symbol.doc);
  if (occ.symbol.kind === "tiers") parts.push(tierUsage(occ.symbol.name));
  const table = tableOf(occ.symbol, source);
  if (table) parts.push(table);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n---\n\n") }, range: locationOf(project, occ.path, occ.span).range };
}

/** A period literal's days on the plan's calendar: `FY2026-Q3`: 2026-10-01 .. 2026-12-31 (92 days). */
export function periodHover(text: string, calendar: Calendar): string | undefined {
  const p = calendar.parse(text);
  if (!p) return undefined;
  const fiscal = calendar.describe();
  return `\`${text}\` (${p.grain}): ${formatDate(p.start)} .. ${formatDate(p.end)}, ${p.end - p.start + 1} days${fiscal ? ` (${fiscal})` : ""}`;
}

type Source = (span: Span | undefined) => string;

function typed(sym: Sym): string {
  return sym.typeText ? `: ${sym.typeText}` : "";
}

export function signature(sym: Sym, source: Source): string {
  switch (sym.kind) {
    case "dimension":
      return `dimension ${sym.name}${sym.parentDim ? ` of ${sym.parentDim.name}` : ""} { ${[...sym.members.keys()].map(quoteIfNeeded).join(", ")} }`;
    case "member":
      return `${sym.dimension.name}.${quoteIfNeeded(sym.name)}${sym.parentMember ? ` (in ${sym.parentMember.dimension.name}.${quoteIfNeeded(sym.parentMember.name)})` : ""}`;
    case "table":
      return `${sym.role} ${sym.name} { ${[...sym.columns.values()].map((c) => `${c.name} ${source(c.decl.type.span)}`).join(", ")} }`;
    case "column":
      return `${sym.table.name}.${sym.name}: ${source(sym.decl.type.span)}${sym.decl.key ? " key" : ""}${sym.decl.optional ? " optional" : ""}`;
    case "credit":
      return `credit ${sym.name}${sym.source ? ` (from ${sym.source.name}${sym.join ? `, join ${sym.join.name}` : ""})` : ""}`;
    case "value":
      return `${sym.keyword} ${sym.name}${sym.decl.params ? `(${sym.params.map((p) => `${p.name}: ${source(p.decl.type.span)}`).join(", ")})` : ""}${typed(sym)}`;
    case "tiers":
      return `tiers ${sym.name} ${sym.decl.mode.text}${sym.decl.boundary ? ` boundary ${sym.decl.boundary.text}` : ""}${typed(sym)}`;
    case "matrix":
      return `matrix ${sym.name}${sym.decl.boundary ? ` boundary ${sym.decl.boundary.text}` : ""}${typed(sym)}`;
    case "curve":
      return `curve ${sym.name}${typed(sym)}`;
    case "lookup":
      return `table ${sym.name} by ${sym.decl.keys.map((k) => k.text).join(", ")}${typed(sym)}`;
    case "component":
      return `component ${sym.name}${sym.forEach ? ` for each ${sym.forEach.name}: ${source(sym.forEach.decl.type.span)}` : ""}${typed(sym)}`;
    case "param":
      return `(parameter) ${sym.name}: ${source(sym.decl.type.span)}`;
    case "local":
      return `(let in ${sym.owner.name}) ${sym.name}${typed(sym)}`;
    case "test":
      return `test ${JSON.stringify(sym.name)}`;
  }
}

/** How a tier table is applied: its arguments, and `allow negative`. */
export function tierUsage(name: string): string {
  return (
    `Applied as \`${name}(x)\`, or \`${name}(x, quota: q)\` (the bands in units of the quota); ` +
    `\`${name}(x, allow negative)\` (the flag last) prices a negative value at the first band's rate, as inside a component that says \`allow negative\`; ` +
    `\`${name}.rate(x)\` gives the rate of the band reached.`
  );
}

function tableOf(sym: Sym, source: Source): string | undefined {
  switch (sym.kind) {
    case "tiers": {
      const head = `| from | to | ${sym.decl.mode.text === "amount" || sym.decl.mode.text === "interpolated" ? "amount" : "rate"} |\n|---:|---:|---:|`;
      const rows = sym.decl.bands.map((b) => `| ${cell(source(b.from.span))} | ${b.to ? cell(source(b.to.span)) : "…"} | ${cell(source(b.value.span))} |`);
      return rows.length > 0 ? [head, ...rows].join("\n") : undefined;
    }
    case "matrix": {
      // The grid as written: a header row of column bands, then each row band and its cells.
      const band = (b: { from: { span: Span }; to?: { span: Span } }) =>
        cell(`${source(b.from.span)} .. ${b.to ? source(b.to.span) : "…"}`);
      const columns = sym.decl.columns.map(band);
      const head = `| | ${columns.join(" | ")} |\n|---|${columns.map(() => "---:|").join("")}`;
      const rows = sym.decl.rows.map((r) => `| ${band(r.band)} | ${r.values.map((v) => cell(source(v.span))).join(" | ")} |`);
      return rows.length > 0 ? [head, ...rows].join("\n") : undefined;
    }
    case "curve": {
      const head = "| x | y |\n|---:|---:|";
      const rows = sym.decl.points.map((p) => `| ${p.below ? "below" : cell(source(p.x?.span))} | ${cell(source(p.y.span))} |`);
      return rows.length > 0 ? [head, ...rows].join("\n") : undefined;
    }
    case "lookup": {
      const keys = sym.decl.keys.map((k) => k.text);
      const head = `| ${keys.join(" | ")} | value |\n|${keys.map(() => "---|").join("")}---:|`;
      const rows = sym.decl.rows.map((r) => `| ${r.keys ? r.keys.map((k) => cell(quoteIfNeeded(k.text))).join(" | ") : ["default", ...keys.slice(1).map(() => "")].join(" | ")} | ${cell(source(r.value.span))} |`);
      return rows.length > 0 ? [head, ...rows].join("\n") : undefined;
    }
    default:
      return undefined;
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name);
}
