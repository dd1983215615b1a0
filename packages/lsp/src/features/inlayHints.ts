import { InlayHintKind, type InlayHint, type Range } from "vscode-languageserver";
import type { Project } from "../workspace/project.js";

/** `let rate: ratio = 8%`: the type and unit the checker inferred for each `let`, after its name. */
export function inlayHints(project: Project, uri: string, range: Range): InlayHint[] {
  const doc = project.parsed(uri);
  const checked = project.checked(uri);
  if (!doc || !checked) return [];
  const from = doc.lines.offsetAt(range.start);
  const to = doc.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const occ of checked.occurrences) {
    if (!occ.declaration || occ.path !== doc.path) continue;
    const sym = occ.symbol;
    const isLet = sym.kind === "local" || (sym.kind === "value" && sym.keyword === "let");
    if (!isLet || !sym.typeText || sym.typeText === "error") continue;
    if (occ.span.end < from || occ.span.end > to) continue;
    hints.push({ position: doc.lines.positionAt(occ.span.end), label: `: ${sym.typeText}`, kind: InlayHintKind.Type });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
