import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { Diagnostic } from "@carrot/language";
import type { Project } from "../workspace/project.js";
import { LineIndex } from "../text/lineIndex.js";

/**
 * The diagnostics of one document: its syntax diagnostics and the semantic diagnostics of the plan
 * it belongs to that fall in it. Each carries its stable code, a link to the code's documentation and
 * the help text; related locations point into the files they name.
 */
export function toLspDiagnostics(project: Project, uri: string): LspDiagnostic[] {
  const diagnostics = carrotDiagnosticsOf(project, uri);
  const doc = project.parsed(uri);
  if (!doc) return [];
  return diagnostics.map((d) => toLsp(project, d, doc.lines));
}

/** The compiler's diagnostics for a document, without duplicates (a file's parse errors are reported by both passes). */
export function carrotDiagnosticsOf(project: Project, uri: string): Diagnostic[] {
  // Checking first lets the parse come from the compiler's own (each file is parsed once per change).
  const checked = project.checked(uri);
  const doc = project.parsed(uri);
  if (!doc) return [];
  const all = [...doc.diagnostics, ...(checked?.diagnostics.filter((d) => d.uri === doc.path) ?? [])];
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of all) {
    const key = `${d.code}:${d.span.start}:${d.span.end}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  return unique.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : 1));
}

function toLsp(project: Project, d: Diagnostic, lines: LineIndex): LspDiagnostic {
  const result: LspDiagnostic = {
    range: lines.rangeOf(d.span),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : d.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: d.code,
    source: "carrot",
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
  };
  const docs = project.diagnosticsDocsUrl;
  if (docs) result.codeDescription = { href: `${docs}#${d.code.toLowerCase()}` };
  if (d.related && d.related.length > 0) {
    result.relatedInformation = d.related.map((r) => {
      const relatedLines = r.uri === d.uri ? lines : linesOf(project, r.uri);
      return {
        location: { uri: project.store.uriOf(r.uri), range: relatedLines.rangeOf(r.span) },
        message: r.message,
      };
    });
  }
  return result;
}

function linesOf(project: Project, path: string): LineIndex {
  return new LineIndex(project.store.readFile(path) ?? "");
}
