import type { SemanticTokensLegend } from "vscode-languageserver";
import type { Sym } from "@carrot/compiler";
import type { Project } from "../workspace/project.js";
import type { Occurrence } from "../workspace/analysis.js";

const TOKEN_TYPES = [
  "keyword", "string", "number", "comment", "operator", "type", "enum", "enumMember", "struct", "property",
  "function", "variable", "parameter", "method", "event",
] as const;
const TOKEN_MODIFIERS = ["declaration", "documentation", "readonly", "defaultLibrary"] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const BUILTIN_NAMES = new Set([
  "sum", "count", "avg", "min", "max", "abs", "clamp", "round", "step_down", "prorate", "weighted", "convert", "days", "months_since",
  "ytd", "qtd", "cumulative", "prior", "person", "period_start", "period_end", "reports", "team",
]);

/**
 * Full semantic tokens: lexical classes from the parse (so a broken file is still coloured) and, for
 * names, the kind of symbol they denote in the checked plan (a keyword used as a column is a property).
 */
export function semanticTokens(project: Project, uri: string): number[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const checked = project.checked(uri);
  const occurrences = new Map<number, Occurrence>();
  if (checked) for (const occ of checked.occurrences) if (occ.path === doc.path) occurrences.set(occ.span.start, occ);

  const entries: { start: number; length: number; type: TokenType; modifiers: Modifier[] }[] = [];
  for (const comment of doc.comments) {
    entries.push({ start: comment.span.start, length: comment.span.end - comment.span.start, type: "comment", modifiers: comment.kind === "doc" ? ["documentation"] : [] });
  }
  let previousKind = "";
  for (const token of doc.tokens) {
    const occ = occurrences.get(token.span.start);
    const length = token.span.end - token.span.start;
    const classified = occ && occ.span.end === token.span.end ? symbolClass(occ) : lexicalClass(token.category, token.text, previousKind);
    if (classified) entries.push({ start: token.span.start, length, ...classified });
    previousKind = token.kind;
  }
  entries.sort((a, b) => a.start - b.start);

  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const entry of entries) {
    const position = doc.lines.positionAt(entry.start);
    const deltaLine = position.line - line;
    const deltaStart = deltaLine === 0 ? position.character - character : position.character;
    data.push(deltaLine, deltaStart, entry.length, TOKEN_TYPES.indexOf(entry.type), modifierBits(entry.modifiers));
    line = position.line;
    character = position.character;
  }
  return data;
}

function lexicalClass(category: string, text: string, previousKind: string): { type: TokenType; modifiers: Modifier[] } | undefined {
  switch (category) {
    case "keyword":
      return { type: "keyword", modifiers: [] };
    case "string":
      return { type: "string", modifiers: [] };
    case "number":
    case "percent":
    case "date":
    case "period":
      return { type: "number", modifiers: [] };
    case "operator":
      return { type: "operator", modifiers: [] };
    case "identifier":
      if (previousKind === "Number" && /^[A-Z]{3}$/.test(text)) return { type: "type", modifiers: [] };
      if (BUILTIN_NAMES.has(text)) return { type: "function", modifiers: ["defaultLibrary"] };
      return { type: "variable", modifiers: [] };
    default:
      return undefined;
  }
}

function symbolClass(occ: Occurrence): { type: TokenType; modifiers: Modifier[] } {
  const modifiers: Modifier[] = occ.declaration ? ["declaration"] : [];
  return { type: symbolType(occ.symbol), modifiers };
}

function symbolType(sym: Sym): TokenType {
  switch (sym.kind) {
    case "dimension":
      return "enum";
    case "member":
      return "enumMember";
    case "table":
    case "lookup":
      return "struct";
    case "column":
      return "property";
    case "credit":
      return "event";
    case "value":
      return sym.params.length > 0 ? "function" : "variable";
    case "tiers":
    case "matrix":
    case "curve":
      return "function";
    case "component":
      return "method";
    case "param":
      return "parameter";
    case "local":
      return "variable";
    case "test":
      return "string";
  }
}

function modifierBits(modifiers: Modifier[]): number {
  let bits = 0;
  for (const m of modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
  return bits;
}
