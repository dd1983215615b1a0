import type { Position, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { KEYWORDS } from "@carrot/language";
import type { Sym } from "@carrot/compiler";
import type { Project } from "../workspace/project.js";
import type { Checked } from "../workspace/analysis.js";
import { occurrenceAtPosition, locationOf } from "./navigation.js";

export type RenameResult = { kind: "edit"; edit: WorkspaceEdit } | { kind: "refused"; message: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORD_SET = new Set(KEYWORDS);

/** The range of the name under the cursor when it can be renamed; null (refused) otherwise. */
export function prepareRename(project: Project, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const occ = occurrenceAtPosition(project, uri, position);
  if (!occ || occ.symbol.kind === "test") return null;
  const range = locationOf(project, occ.path, occ.span).range;
  return { range, placeholder: occ.symbol.name };
}

export function rename(project: Project, uri: string, position: Position, newName: string): RenameResult {
  const occ = occurrenceAtPosition(project, uri, position);
  const checked = project.checked(uri);
  if (!occ || !checked) return { kind: "refused", message: "There is no renameable name here." };
  const symbol = occ.symbol;
  if (symbol.kind === "test") return { kind: "refused", message: "A test is named by its title: edit the string." };
  const quotedMember = symbol.kind === "member" && symbol.decl.name.quoted;
  const problem = quotedMember ? invalidQuotedName(newName) : invalidIdentifier(newName);
  if (problem) return { kind: "refused", message: problem };
  if (newName === symbol.name) return { kind: "edit", edit: { changes: {} } };
  const collision = collidingSymbol(checked, symbol, newName);
  if (collision) return { kind: "refused", message: `'${newName}' is already declared in this scope (${collision}).` };

  const changes: Record<string, TextEdit[]> = {};
  for (const o of checked.occurrencesOf(symbol)) {
    const location = locationOf(project, o.path, o.span);
    const written = project.store.readFile(o.path)?.slice(o.span.start, o.span.end) ?? "";
    // A member written as a string keeps its quotes; a bare name that must become a string gains them.
    const text = written.startsWith('"') || !IDENTIFIER.test(newName) ? JSON.stringify(newName) : newName;
    (changes[location.uri] ??= []).push({ range: location.range, newText: text });
  }
  for (const edits of Object.values(changes)) edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { kind: "edit", edit: { changes } };
}

function invalidIdentifier(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `'${name}' is not a valid name: use letters, digits and '_', not starting with a digit.`;
  if (KEYWORD_SET.has(name)) return `'${name}' is a keyword of the language.`;
  return undefined;
}

function invalidQuotedName(name: string): string | undefined {
  if (name.length === 0) return "A member name cannot be empty.";
  if (/["\\\r\n]/.test(name)) return "A member name cannot contain quotes, backslashes or line breaks.";
  if (IDENTIFIER.test(name) && KEYWORD_SET.has(name)) return `'${name}' is a keyword of the language.`;
  return undefined;
}

/** What the new name would clash with, in the namespace the symbol lives in. */
function collidingSymbol(checked: Checked, symbol: Sym, newName: string): string | undefined {
  const table = checked.table;
  switch (symbol.kind) {
    case "member":
      return symbol.dimension.members.has(newName) ? `a member of ${symbol.dimension.name}` : undefined;
    case "column":
      return symbol.table.columns.has(newName) ? `a column of ${symbol.table.name}` : undefined;
    case "local": {
      const owner = symbol.owner;
      if (owner.locals.has(newName) || owner.forEach?.name === newName) return `a name of component ${owner.name}`;
      return table.globals.has(newName) ? `a ${table.globals.get(newName)!.kind} declaration` : undefined;
    }
    case "param": {
      const owner = symbol.owner;
      if (owner.kind === "value" && owner.params.some((p) => p.name === newName)) return `a parameter of ${owner.name}`;
      if (owner.kind === "component" && owner.locals.has(newName)) return `a let of ${owner.name}`;
      return table.globals.has(newName) ? `a ${table.globals.get(newName)!.kind} declaration` : undefined;
    }
    default: {
      const existing = table.globals.get(newName);
      if (existing) return `a ${existing.kind} declaration`;
      // A global that a local or parameter of the same name would shadow changes meaning silently.
      for (const component of table.components) if (component.locals.has(newName)) return `a let of component ${component.name}`;
      return undefined;
    }
  }
}
