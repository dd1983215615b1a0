import type { Location, Position } from "vscode-languageserver";
import type { Span } from "@carrot/language";
import type { Project } from "../workspace/project.js";
import type { Occurrence } from "../workspace/analysis.js";
import { LineIndex } from "../text/lineIndex.js";

/** The symbol occurrence under the cursor, in the checked plan of the document. */
export function occurrenceAtPosition(project: Project, uri: string, position: Position): Occurrence | undefined {
  const doc = project.parsed(uri);
  const checked = project.checked(uri);
  if (!doc || !checked) return undefined;
  return checked.occurrenceAt(doc.path, doc.lines.offsetAt(position));
}

export function definition(project: Project, uri: string, position: Position): Location[] {
  const occ = occurrenceAtPosition(project, uri, position);
  if (!occ) return [];
  return [locationOf(project, occ.symbol.uri, occ.symbol.nameSpan)];
}

export function references(project: Project, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const occ = occurrenceAtPosition(project, uri, position);
  const checked = project.checked(uri);
  if (!occ || !checked) return [];
  return checked
    .occurrencesOf(occ.symbol)
    .filter((o) => includeDeclaration || !o.declaration)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start))
    .map((o) => locationOf(project, o.path, o.span));
}

export function locationOf(project: Project, path: string, span: Span): Location {
  const uri = project.store.uriOf(path);
  const doc = project.parsed(uri);
  const lines = doc?.lines ?? new LineIndex(project.store.readFile(path) ?? "");
  return { uri, range: lines.rangeOf(span) };
}
