import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver";
import type { Project } from "../workspace/project.js";
import { carrotDiagnosticsOf } from "./diagnostics.js";

/**
 * Quick fixes: the compiler's own fixes (did-you-mean replacements, a band that fills a gap between
 * tier bands, a member added to its dimension...) for the diagnostics under the cursor. The edits
 * come from the compiler; this only maps them to the editor's positions.
 */
export function codeActions(project: Project, uri: string, range: Range, contextDiagnostics: LspDiagnostic[]): CodeAction[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const from = doc.lines.offsetAt(range.start);
  const to = doc.lines.offsetAt(range.end);
  const actions: CodeAction[] = [];
  for (const d of carrotDiagnosticsOf(project, uri)) {
    if (!d.fixes || d.fixes.length === 0) continue;
    if (d.span.end < from || d.span.start > to) continue;
    const diagnosticRange = doc.lines.rangeOf(d.span);
    const matching = contextDiagnostics.filter((c) => c.code === d.code && sameRange(c.range, diagnosticRange));
    for (const fix of d.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        ...(matching.length > 0 ? { diagnostics: matching } : {}),
        isPreferred: d.fixes.length === 1,
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: doc.lines.rangeOf(e.span), newText: e.newText })) } },
      });
    }
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
