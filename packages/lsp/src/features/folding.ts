import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import type { Project } from "../workspace/project.js";

/**
 * Folds every declaration that spans lines (blocks and long expressions), the clauses inside a block
 * that span lines, runs of two or more comment lines, and `// region` … `// endregion` markers.
 * Works on the parse alone, so a file that does not check still folds.
 */
export function foldingRanges(project: Project, uri: string): FoldingRange[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const startLine = doc.lines.positionAt(start).line;
    let endLine = doc.lines.positionAt(end).line;
    // Keep the closing brace visible, as editors do for braces.
    if (kind === undefined && doc.text[end - 1] === "}" && endLine > startLine) endLine--;
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  for (const decl of doc.ast.declarations) {
    add(decl.span.start, decl.span.end);
    for (const child of childSpans(decl)) add(child.start, child.end);
  }
  const imports = doc.ast.imports;
  if (imports.length > 1) add(imports[0].span.start, imports[imports.length - 1].span.end, FoldingRangeKind.Imports);

  // Comment runs: consecutive comment lines (a doc comment and the ordinary comments around it alike).
  const regionStarts: number[] = [];
  let runStart = -1;
  let runEnd = -1;
  let previousLine = -2;
  const flush = () => {
    if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  };
  for (const comment of doc.comments) {
    const line = doc.lines.positionAt(comment.span.start).line;
    const body = comment.text.replace(/^\/+\s*/, "");
    if (/^#?region\b/.test(body)) regionStarts.push(line);
    else if (/^#?endregion\b/.test(body) && regionStarts.length > 0) {
      const startLine = regionStarts.pop()!;
      if (line > startLine) ranges.push({ startLine, endLine: line, kind: FoldingRangeKind.Region });
    }
    const ownLine = doc.text.slice(doc.lines.lineStart(line), comment.span.start).trim() === "";
    if (ownLine && line === previousLine + 1 && runStart >= 0) runEnd = comment.span.end;
    else {
      flush();
      runStart = ownLine ? comment.span.start : -1;
      runEnd = comment.span.end;
    }
    previousLine = ownLine ? line : -2;
  }
  flush();
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return dedupe(ranges);
}

type Spanned = { span: { start: number; end: number } };

function childSpans(decl: import("@carrot/language").Declaration): { start: number; end: number }[] {
  const children: Spanned[] = [];
  switch (decl.kind) {
    case "Component":
      children.push(...decl.clauses);
      break;
    case "Credit":
      children.push(...decl.clauses);
      break;
    case "Test":
      children.push(...decl.statements);
      break;
    case "PayoutRules":
      children.push(...decl.rules);
      break;
    default:
      break;
  }
  return children.map((c) => c.span);
}

function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const key = `${r.startLine}:${r.endLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
