import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver";
import { KEYWORDS, type Diagnostic } from "@carrot/language";
import type { Project } from "../workspace/project.js";
import { carrotDiagnosticsOf } from "./diagnostics.js";
import { expectedDimensionAt } from "./completion.js";

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
    if (d.span.end < from || d.span.start > to) continue;
    const diagnosticRange = doc.lines.rangeOf(d.span);
    const matching = contextDiagnostics.filter((c) => c.code === d.code && sameRange(c.range, diagnosticRange));
    const fixes = d.fixes ?? [];
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        ...(matching.length > 0 ? { diagnostics: matching } : {}),
        isPreferred: fixes.length === 1,
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: doc.lines.rangeOf(e.span), newText: e.newText })) } },
      });
    }
    if (d.code === "C0110" || d.code === "C0101") {
      const add = addMemberAction(project, uri, d);
      if (add) actions.push({ ...add, ...(matching.length > 0 ? { diagnostics: matching } : {}) });
    }
  }
  return actions;
}

/**
 * "Add 'X' to dimension D" for an unknown member (C0110), or an unknown bare name where a member is
 * expected (C0101). Only for dimensions without a parent level:
 * a member of a hierarchy needs a parent member, which only the author can choose.
 */
function addMemberAction(project: Project, uri: string, d: Diagnostic): CodeAction | undefined {
  const checked = project.checked(uri);
  const doc = project.parsed(uri);
  if (!checked || !doc) return undefined;
  let memberName: string;
  let dim: ReturnType<typeof checked.table.globals.get>;
  if (d.code === "C0110") {
    const match = /^'(.+)' is not a member of '([A-Za-z_][A-Za-z0-9_]*)'/.exec(d.message);
    if (!match) return undefined;
    memberName = match[1];
    dim = checked.table.globals.get(match[2]);
  } else {
    // An unknown bare name where a member of a known dimension is expected (`x.category = Respiratory`).
    memberName = doc.text.slice(d.span.start, d.span.end);
    dim = expectedDimensionAt(doc, checked, d.span.start);
  }
  if (!dim) return undefined;
  const dimensionName = dim.name;
  if (dim?.kind !== "dimension" || dim.decl.parent || dim.members.has(memberName)) return undefined;
  const target = project.parsed(project.store.uriOf(dim.uri));
  if (!target) return undefined;
  const written = /^[A-Za-z_][A-Za-z0-9_]*$/.test(memberName) && !KEYWORD_SET.has(memberName) ? memberName : JSON.stringify(memberName);
  const members = dim.decl.members;
  const last = members[members.length - 1];
  let offset: number;
  let newText: string;
  if (!last) {
    offset = target.text.indexOf("{", dim.decl.name.span.end) + 1;
    if (offset <= 0) return undefined;
    newText = ` ${written} `;
  } else if (members.length > 1 && target.lines.positionAt(members[0].span.start).line !== target.lines.positionAt(last.span.start).line) {
    // One member per line: add a line with the same indentation.
    const lineStart = target.lines.lineStart(target.lines.positionAt(last.span.start).line);
    offset = last.span.end;
    newText = "\n" + target.text.slice(lineStart, last.span.start) + written;
  } else {
    const separator = target.text.slice(members.length > 1 ? members[members.length - 2].span.end : last.span.end, last.span.start).includes(",") || members.length === 1 ? ", " : " ";
    offset = last.span.end;
    newText = separator + written;
  }
  const at = target.lines.positionAt(offset);
  return {
    title: `Add '${memberName}' to dimension ${dimensionName}`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [target.uri]: [{ range: { start: at, end: at }, newText }] } },
  };
}

const KEYWORD_SET = new Set(KEYWORDS);

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
