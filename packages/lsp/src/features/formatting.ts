import type { TextEdit } from "vscode-languageserver";
import { format } from "prettier-plugin-carrot";
import type { Project } from "../workspace/project.js";
import { minimalEdits } from "../text/minimalEdits.js";

/**
 * Formats through the formatter and answers with the smallest set of edits from the current text to
 * the canonical one. A file with syntax errors is left untouched (the formatter refuses it). The
 * document's own line endings are kept.
 */
export function formatting(project: Project, uri: string): TextEdit[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const result = format(doc.text, { uri: doc.path });
  if (!result.ok) return [];
  const bom = doc.text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const target = bom + (doc.text.includes("\r\n") ? result.text.replace(/\n/g, "\r\n") : result.text);
  return minimalEdits(doc.text, target).map((edit) => ({ range: doc.lines.rangeOf(edit.span), newText: edit.newText }));
}
