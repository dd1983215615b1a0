import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver";
import type { Declaration, Name, Span } from "@carrot/language";
import type { LineIndex } from "../text/lineIndex.js";
import type { Project } from "../workspace/project.js";

/** The outline of one file: declarations, with their members, columns, bands, points, rows and clauses. */
export function documentSymbols(project: Project, uri: string): DocumentSymbol[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  return doc.ast.declarations.map((decl) => declarationSymbol(decl, doc.lines)).filter((s): s is DocumentSymbol => s !== undefined);
}

/** Declarations of every file under the workspace root (and open files) whose name matches the query. */
export function workspaceSymbols(project: Project, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const uri of project.store.allUris()) {
    const doc = project.parsed(uri);
    if (!doc) continue;
    for (const decl of doc.ast.declarations) {
      const symbol = declarationSymbol(decl, doc.lines);
      if (!symbol) continue;
      const candidates = [symbol, ...(decl.kind === "Dimension" ? (symbol.children ?? []) : [])];
      for (const s of candidates) {
        if (!fuzzyMatch(query, s.name)) continue;
        out.push({
          name: s.name,
          kind: s.kind,
          location: { uri, range: s.selectionRange },
          ...(s === symbol ? {} : { containerName: symbol.name }),
        });
      }
    }
  }
  return out;
}

/** The query's characters appear in order in the name (case-insensitive), as editors expect. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

function declarationSymbol(decl: Declaration, lines: LineIndex): DocumentSymbol | undefined {
  const make = (name: string, detail: string, kind: SymbolKind, span: Span, selection: Span, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    if (name === "") return undefined;
    return {
      name,
      detail,
      kind,
      range: lines.rangeOf(span),
      selectionRange: lines.rangeOf(within(selection, span)),
      ...(children && children.length > 0 ? { children } : {}),
    };
  };
  const leaf = (name: Name, detail: string, kind: SymbolKind, span: Span) => make(name.text, detail, kind, span, name.span);
  const defined = (list: (DocumentSymbol | undefined)[]) => list.filter((s): s is DocumentSymbol => s !== undefined);
  switch (decl.kind) {
    case "Plan":
      return make(decl.title.value || "plan", "plan", SymbolKind.Module, decl.span, decl.title.span);
    case "Dimension":
      return make(
        decl.name.text,
        decl.parent ? `dimension of ${decl.parent.text}` : "dimension",
        SymbolKind.Enum,
        decl.span,
        decl.name.span,
        defined(decl.members.map((m) => leaf(m.name, m.parent ? m.parent.text : "", SymbolKind.EnumMember, m.span))),
      );
    case "Input":
      return make(
        decl.name.text,
        decl.role === "people" ? "people" : "input",
        SymbolKind.Struct,
        decl.span,
        decl.name.span,
        defined(decl.columns.map((c) => leaf(c.name, c.type.name.text, SymbolKind.Field, c.span))),
      );
    case "Fx":
      return make(`fx ${decl.table.text}`, "fx", SymbolKind.Object, decl.span, decl.table.span);
    case "Credit":
      return make(decl.name.text, "credit", SymbolKind.Event, decl.span, decl.name.span);
    case "Value":
      return make(
        decl.name.text,
        decl.keyword + (decl.params ? `(${decl.params.map((p) => `${p.name.text}: ${p.type.text}`).join(", ")})` : ""),
        decl.keyword === "let" ? SymbolKind.Constant : SymbolKind.Function,
        decl.span,
        decl.name.span,
      );
    case "Tiers":
      return make(decl.name.text, `tiers ${decl.mode.text}`, SymbolKind.Array, decl.span, decl.name.span);
    case "Matrix":
      return make(decl.name.text, `matrix ${decl.rows.length} × ${decl.columns.length}`, SymbolKind.Array, decl.span, decl.name.span);
    case "Curve":
      return make(decl.name.text, "curve", SymbolKind.Array, decl.span, decl.name.span);
    case "Table":
      return make(decl.name.text, `table by ${decl.keys.map((k) => k.text).join(", ")}`, SymbolKind.Object, decl.span, decl.name.span);
    case "Component":
      return make(
        decl.name.text,
        decl.forEach ? `component for each ${decl.forEach.name.text}: ${decl.forEach.type.text}` : "component",
        SymbolKind.Class,
        decl.span,
        decl.name.span,
        defined(
          decl.clauses.map((c) => (c.kind === "Let" ? leaf(c.name, "let", SymbolKind.Variable, c.span) : undefined)),
        ),
      );
    case "PayoutRules":
      return make("payout", "plan-level rules", SymbolKind.Namespace, decl.span, { start: decl.span.start, end: decl.span.start + "payout".length });
    case "Check": {
      const from = decl.clauses.find((c) => c.kind === "CheckFrom");
      return make(decl.name.text, from ? `check of ${from.table.text}` : "check", SymbolKind.Boolean, decl.span, decl.name.span);
    }
    case "Test":
      return make(decl.title.value || "test", "test", SymbolKind.Method, decl.span, decl.title.span);
  }
}

/** LSP requires the selection range inside the full range; a recovered parse may not guarantee it. */
function within(inner: Span, outer: Span): Span {
  if (inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end) return inner;
  return { start: outer.start, end: outer.start };
}
