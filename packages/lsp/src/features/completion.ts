import { CompletionItemKind, type CompletionItem, type Position, type Range } from "vscode-languageserver";
import { KEYWORDS, type Declaration } from "@carrot/language";
import { MONTH_NAMES } from "@carrot/ir";
import type { Sym } from "@carrot/compiler";
import { posix } from "node:path";
import type { Project, ParsedDoc } from "../workspace/project.js";
import { uriToPath } from "../workspace/documents.js";
import type { TokenInfo } from "@carrot/language";
import type { Checked, ColumnSym, DimensionSym } from "../workspace/analysis.js";

/** Keywords that start a top-level declaration. */
export const DECLARATION_KEYWORDS = [
  "plan", "import", "dimension", "input", "people", "fx", "credit", "measure", "quota", "let", "tiers", "matrix", "curve", "table", "component", "payout", "check", "test",
];

/** Keywords that start a clause, by the kind of block they are written in. */
const CLAUSE_KEYWORDS: Partial<Record<Declaration["kind"], string[]>> = {
  Plan: ["version", "currency", "effective", "period", "rounding", "pay every", "pay next", "fiscal year from"],
  Credit: ["from", "dated", "join", "to", "split", "rollup", "depth"],
  Component: ["window", "eligible", "let", "gate", "payout", "floor", "cap", "allow negative", "hold above"],
  PayoutRules: ["cap", "guarantee", "settle cumulative from", "release holds from"],
  Test: ["period", "given", "expect"],
  Curve: ["below"],
  Matrix: ["columns"],
  Check: ["from", "per", "assert", "message", "severity warning"],
};

const EXPRESSION_KEYWORDS = ["if", "then", "else", "and", "or", "not", "in", "otherwise", "where", "true", "false"];
export const BUILTIN_FUNCTIONS: Record<string, string> = {
  sum: "sum(E where C): Σ share × E over credited rows or table rows of the person and period",
  count: "count(R where C): the number of rows",
  avg: "avg(E where C): the share-weighted average; no value without rows",
  min: "min(a, b, ...) or min(E where C)",
  max: "max(a, b, ...) or max(E where C)",
  abs: "abs(x)",
  clamp: "clamp(x, lo, hi)",
  round: "round(x [, scale [, mode]])",
  step_down: "step_down(x, step): the largest multiple of step ≤ x",
  prorate: "prorate(x [, T.from .. T.to]): x × active days / days of the period",
  weighted: "weighted(m, k1: w1, ...): Σ wᵢ·m(kᵢ); the weights add up to 100%",
  convert: "convert(x, CUR): through the fx table",
  days: "days(a, b): calendar days from a to b",
  months_since: "months_since(d): calendar months from the month of d to the month of the period's last day, d's month counting as 1",
  ytd: "ytd(x): x summed over the plan year's periods up to this one",
  qtd: "qtd(x): x summed over the quarter's periods (month grain)",
  cumulative: "cumulative(x): x summed since the plan's start",
  prior: "prior(x): x in the previous period",
};
export const BUILTIN_VALUES: Record<string, string> = {
  person: "the current person's row (person.level, person.region...)",
  period_start: "the first day of the current period",
  period_end: "the last day of the current period",
  reports: "the direct reports of the current person (sum(reports.commission))",
  team: "everyone below the current person (sum(team.commission))",
};
const COLUMN_TYPES = ["money", "ratio", "percent", "number", "count", "date", "period", "text", "bool", "currency", "person"];

/**
 * Completion from the context of the cursor, read off the tokens (so it works on a file that does not
 * parse or check): declaration keywords at the start of a top-level line, clause keywords at the start
 * of a line in a block, columns after `table.`, members of the expected dimension only where one is
 * expected, and otherwise the names in scope, built-ins and expression keywords.
 */
export function completion(project: Project, uri: string, position: Position): CompletionItem[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const offset = doc.lines.offsetAt(position);
  if (insideComment(doc, offset)) return [];
  const checked = project.checked(uri);
  const ctx = contextAt(doc, offset);
  if (ctx.inString) {
    const previous = ctx.before[ctx.before.length - 1]?.text;
    if (previous === "import" || previous === "from") return importPathItems(project, doc, ctx);
    // `sales.product = "CA|`: members of the expected dimension, written as strings.
    const dim = checked ? expectedDimension(doc, checked, ctx) : undefined;
    return dim ? memberItems(dim, ctx, true) : [];
  }
  const imported = importedNameItems(project, doc, ctx);
  if (imported) return imported;
  return itemsFor(doc, checked, ctx);
}

/** `import "./|`: the other `.carrot` files of the workspace, relative to this file. */
function importPathItems(project: Project, doc: ParsedDoc, ctx: Context): CompletionItem[] {
  const from = posix.dirname(doc.path);
  const items: CompletionItem[] = [];
  for (const other of project.store.allUris()) {
    const path = uriToPath(other);
    if (path === doc.path) continue;
    let relative = posix.relative(from, path);
    if (!relative.startsWith(".")) relative = "./" + relative;
    items.push({ label: relative, kind: CompletionItemKind.File, textEdit: { range: ctx.replace, newText: relative }, filterText: relative });
  }
  return items;
}

/** `import { | } from "./file.carrot"`: the declarations of that file not imported yet. */
function importedNameItems(project: Project, doc: ParsedDoc, ctx: Context): CompletionItem[] | undefined {
  const before = ctx.before;
  let i = before.length - 1;
  while (i >= 0 && (isWord(before[i]) || before[i].kind === "Comma")) i--;
  if (before[i]?.kind !== "LBrace" || before[i - 1]?.text !== "import") return undefined;
  const after = doc.tokens.filter((t) => t.span.start >= ctx.offset);
  const close = after.findIndex((t) => t.kind === "RBrace");
  const file = close >= 0 && after[close + 1]?.text === "from" ? after[close + 2] : undefined;
  if (!file || file.kind !== "String") return [];
  const target = posix.resolve(posix.dirname(doc.path), file.text.slice(1, -1));
  const declared = project.parsed(project.store.uriOf(target));
  if (!declared) return [];
  const already = new Set(before.slice(i + 1).filter(isWord).map((t) => t.text));
  const items: CompletionItem[] = [];
  for (const decl of declared.ast.declarations) {
    const name = nameOf(decl);
    if (name && !already.has(name)) items.push({ label: name, kind: CompletionItemKind.Reference, detail: decl.kind.toLowerCase() });
  }
  return items;
}

/** The dimension whose member is expected at an offset (used by quick fixes for unknown bare names). */
export function expectedDimensionAt(doc: ParsedDoc, checked: Checked, offset: number): DimensionSym | undefined {
  return expectedDimension(doc, checked, contextAt(doc, offset));
}

interface Context {
  offset: number;
  /** Tokens before the word being typed. */
  before: TokenInfo[];
  /** The word being typed (up to the cursor), if any. */
  prefix: string;
  inString: boolean;
  /** What a completion replaces: the word (or string content) typed so far, up to the cursor. */
  replace: Range;
  atLineStart: boolean;
  /** The top-level declaration around the cursor, when the cursor is inside its braces or body. */
  decl: Declaration | undefined;
  /** Brace depth at the cursor. */
  depth: number;
  /** Inside an unclosed `(` or `[` (a line break there continues the expression). */
  insideParens: boolean;
}

function insideComment(doc: ParsedDoc, offset: number): boolean {
  return doc.comments.some((c) => c.span.start < offset && offset <= c.span.end);
}

function isWord(t: TokenInfo | undefined): boolean {
  return t !== undefined && (t.kind === "Identifier" || t.kind.startsWith("Kw_"));
}

function contextAt(doc: ParsedDoc, offset: number): Context {
  const tokens = doc.tokens;
  let end = 0;
  while (end < tokens.length && tokens[end].span.start < offset) end++;
  let before = tokens.slice(0, end);
  let prefix = "";
  let inString = false;
  const last = before[before.length - 1];
  if (last && last.span.start + last.text.length >= offset) {
    if (isWord(last)) {
      prefix = last.text.slice(0, offset - last.span.start);
      before = before.slice(0, -1);
    } else if (last.kind === "String" || last.kind === "UnterminatedString") {
      const closed = last.kind === "String" && last.span.start + last.text.length === offset;
      if (!closed) {
        inString = true;
        prefix = last.text.slice(1, offset - last.span.start);
        before = before.slice(0, -1);
      }
    }
  }
  const wordStart = offset - prefix.length - (inString ? 1 : 0);
  const lineStart = doc.lines.lineStart(doc.lines.positionAt(wordStart).line);
  const atLineStart = doc.text.slice(lineStart, wordStart).trim() === "";
  let depth = 0;
  let open = 0;
  for (const t of before) {
    if (t.kind === "LBrace") {
      depth++;
      open = 0;
    } else if (t.kind === "RBrace") {
      depth = Math.max(0, depth - 1);
      open = 0;
    } else if (t.kind === "LParen" || t.kind === "LBracket") open++;
    else if (t.kind === "RParen" || t.kind === "RBracket") open = Math.max(0, open - 1);
  }
  const decl = doc.ast.declarations.find((d) => d.span.start < wordStart && wordStart <= d.span.end + (depth > 0 ? 1 : 0));
  const replace = { start: doc.lines.positionAt(offset - prefix.length), end: doc.lines.positionAt(offset) };
  return { offset, before, prefix, inString, replace, atLineStart, decl: depth > 0 || open > 0 || !atLineStart ? decl : undefined, depth, insideParens: open > 0 };
}

const CONTINUES_EXPRESSION = new Set(["Eq", "NotEq", "Lt", "LtEq", "Gt", "GtEq", "Plus", "Minus", "Star", "Slash", "LParen", "LBracket", "Comma", "Colon", "DotDot"]);

function itemsFor(doc: ParsedDoc, checked: Checked | undefined, ctx: Context): CompletionItem[] {
  const before = ctx.before;
  const prev = before[before.length - 1];
  const prev2 = before[before.length - 2];
  const prevName = prev?.kind ?? "";
  const prevWord = isWord(prev) ? prev!.text : undefined;

  if (prevName === "Dot" && prev2) return afterDot(doc, checked, ctx, prev2);

  const continuing = ctx.insideParens || CONTINUES_EXPRESSION.has(prevName) || ["and", "or", "not", "in", "if", "then", "else", "otherwise", "where"].includes(prevWord ?? "");
  if (ctx.depth === 0 && ctx.atLineStart && !continuing) return keywordItems(DECLARATION_KEYWORDS);

  const byKeyword = afterKeyword(doc, checked, ctx, before);
  if (byKeyword) return byKeyword;

  if (ctx.depth > 0 && ctx.decl && ctx.atLineStart && !continuing) {
    const clauses = CLAUSE_KEYWORDS[ctx.decl.kind];
    if (ctx.decl.kind === "Table" && checked) return tableKeyItems(checked, ctx.decl, 0);
    if (ctx.decl.kind === "Input" || ctx.decl.kind === "Dimension") return [];
    if (clauses) return keywordItems(clauses);
  }
  if (!checked) return keywordItems(EXPRESSION_KEYWORDS);
  const fields = givenRowFields(checked, before);
  if (fields) return fields;
  const dim = expectedDimension(doc, checked, ctx);
  if (dim) return memberItems(dim, ctx, false);
  // `t(x, |`: an argument of a tier table's application may also be its `allow negative` flag.
  if (prevName === "Comma" && tierApplicationAround(checked, before)) return [...expressionItems(checked, ctx), ...keywordItems(["allow negative"])];
  return expressionItems(checked, ctx);
}

/** Whether the innermost open `(` before the cursor is the application of a tier table (`t(`, not `t.rate(`). */
function tierApplicationAround(checked: Checked, before: TokenInfo[]): boolean {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const kind = before[i].kind;
    if (kind === "RParen" || kind === "RBracket") depth++;
    else if (kind === "LBracket") {
      if (depth === 0) return false;
      depth--;
    } else if (kind === "LParen") {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = before[i - 1];
      if (!isWord(callee) || before[i - 2]?.kind === "Dot") return false;
      return checked.table.globals.get(callee!.text)?.kind === "tiers";
    } else if (kind === "LBrace" || kind === "RBrace") return false;
  }
  return false;
}

/** Completions decided by the keyword (or keyword pattern) right before the cursor. */
function afterKeyword(doc: ParsedDoc, checked: Checked | undefined, ctx: Context, before: TokenInfo[]): CompletionItem[] | undefined {
  const w = (i: number) => {
    const t = before[before.length - i];
    return t ? t.text : undefined;
  };
  const table = checked?.table;
  const names = (kind: Sym["kind"], role?: string) =>
    table ? [...table.globals.values()].filter((s) => s.kind === kind && (role === undefined || (s.kind === "table" && s.role === role))) : [];
  const kw = (...words: string[]) => keywordItems(words);
  const last = w(1);
  if (ctx.decl?.kind === "Credit" && (last === "from" || last === "join")) return symbolItems(names("table", "input"));
  if (ctx.decl?.kind === "Credit" && last === "rollup") return symbolItems(names("credit"));
  // A check reads an input table (or the people table), grouped by its columns (`per T.c`).
  if (ctx.decl?.kind === "Check" && (last === "from" || last === "per")) return symbolItems(names("table"));
  if (ctx.decl?.kind === "Check" && last === "severity") return kw("warning", "error");
  if (last === "from" && w(2) === "holds") return symbolItems(names("table", "input"));
  if (last === "release" && ctx.decl?.kind === "PayoutRules") return kw("holds");
  if (last === "holds" && ctx.decl?.kind === "PayoutRules") return kw("from");
  if (ctx.decl?.kind === "Plan" && last === "pay") return kw("every", "next");
  if (ctx.decl?.kind === "Plan" && (last === "every" || last === "next") && w(2) === "pay") return kw("month", "quarter", "half", "year");
  // `fiscal year from april named by start`
  if (ctx.decl?.kind === "Plan" && last === "fiscal") return kw("year");
  if (ctx.decl?.kind === "Plan" && last === "year" && w(2) === "fiscal") return kw("from");
  if (ctx.decl?.kind === "Plan" && last === "from" && w(2) === "year" && w(3) === "fiscal") return kw(...MONTH_NAMES.slice(1));
  if (ctx.decl?.kind === "Plan" && w(4) === "fiscal") return kw("named");
  if (ctx.decl?.kind === "Plan" && last === "named") return kw("by");
  if (ctx.decl?.kind === "Plan" && last === "by" && w(2) === "named") return kw("start", "end");
  if (last === "hold" && ctx.decl?.kind === "Component") return kw("above");
  if ((last === "from" && (w(2) === "fx" || w(2) === "cumulative")) || last === "fx") return last === "fx" ? kw("from") : symbolItems(names("table", "input"));
  if (last === "of" && w(3) === "dimension") return symbolItems(names("dimension"));
  if (last === "by" && w(3) === "table") return symbolItems(names("dimension"));
  if (before[before.length - 1]?.kind === "Comma") {
    // `table t by A, |`
    const i = before.map((t) => t.text).lastIndexOf("by");
    if (i >= 0 && before[i - 2]?.text === "table" && !before.slice(i).some((t) => t.kind === "LBrace")) return symbolItems(names("dimension"));
  }
  if (last === "tiers" || w(2) === "tiers") return w(2) === "tiers" ? kw("marginal", "retroactive", "amount", "interpolated") : [];
  if (w(3) === "tiers") return kw("boundary");
  if (w(2) === "matrix") return kw("boundary");
  if (last === "boundary") return kw("lower", "upper", "both");
  if (ctx.decl?.kind === "Plan" && last === "period") return kw("month", "quarter", "half", "year");
  if (ctx.decl?.kind === "Plan" && w(2) === "rounding") return kw("half_even", "half_up", "half_down", "up", "down");
  if (ctx.decl?.kind === "Plan" && w(3) === "rounding") return kw("on");
  if (last === "on" && ctx.decl?.kind === "Plan") return kw("line", "component", "total");
  if (last === "per") return ctx.decl?.kind === "PayoutRules" ? kw("period", "year") : kw("year", "period");
  if (ctx.decl?.kind === "PayoutRules" && last === "period" && w(2) === "per") return kw("recoverable", "nonrecoverable");
  if (last === "allow") return kw("negative");
  if (ctx.decl?.kind === "Test" && last === "expect") return [...symbolItems(names("component")), ...symbolItems(names("value")), ...kw("total")];
  if (ctx.decl?.kind === "Test" && last === "given") return [...symbolItems(names("value")), ...symbolItems(names("table"))];
  if (last === "settle") return kw("cumulative");
  if (last === "cumulative" && ctx.decl?.kind === "PayoutRules") return kw("from");
  if (last === "for" && ctx.decl?.kind === "Component") return kw("each");
  // `param: |` in `for each c: |` and `measure m(c: |`: a dimension.
  if (before[before.length - 1]?.kind === "Colon" && isWord(before[before.length - 2])) {
    const owner = w(3);
    if (owner === "each" || ((owner === "(" || owner === ",") && (ctx.decl?.kind === "Value" || isValueHeader(before)))) return symbolItems(names("dimension"));
  }
  // Column type in an input: `name |`.
  if ((ctx.decl?.kind === "Input" || inputHeaderBefore(before)) && ctx.depth === 1 && isWord(before[before.length - 1])) {
    const t = before[before.length - 1];
    const lineStart = doc.lines.lineStart(doc.lines.positionAt(t.span.start).line);
    if (doc.text.slice(lineStart, t.span.start).trim() === "") return [...keywordItems(COLUMN_TYPES), ...symbolItems(names("dimension"))];
    return kw("key", "optional");
  }
  return undefined;
}

function isValueHeader(before: TokenInfo[]): boolean {
  for (let i = before.length - 1; i >= 0; i--) {
    const image = before[i].text;
    if (image === "=" || image === "{" || image === "}") return false;
    if (image === "measure" || image === "quota" || image === "let") return true;
  }
  return false;
}

function inputHeaderBefore(before: TokenInfo[]): boolean {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const name = before[i].kind;
    if (name === "RBrace") depth++;
    else if (name === "LBrace") {
      if (depth === 0) return before[i - 2]?.text === "input" || before[i - 2]?.text === "people";
      depth--;
    }
  }
  return false;
}

/** After `x.`: columns of a table or credit rule, the person's columns, a dimension's members, `rate`. */
function afterDot(doc: ParsedDoc, checked: Checked | undefined, ctx: Context, object: TokenInfo): CompletionItem[] {
  if (!checked || !isWord(object)) return [];
  const occ = checked.occurrenceAt(doc.path, object.span.start + object.text.length);
  let sym: Sym | undefined = occ?.symbol;
  if (!sym) {
    if (object.text === "person") {
      const people = checked.table.tables.find((t) => t.role === "people");
      return people ? columnItems([...people.columns.values()]) : [];
    }
    if (object.text === "reports" || object.text === "team") return symbolItems(checked.table.components);
    sym = checked.table.globals.get(object.text);
  }
  if (!sym) return [];
  switch (sym.kind) {
    case "table":
      return columnItems([...sym.columns.values()]);
    case "credit": {
      const columns = new Map<string, ColumnSym>();
      for (let c: typeof sym | undefined = sym, guard = 0; c && guard < 16; c = c.rollup, guard++) {
        for (const t of [c.source, c.join]) if (t) for (const col of t.columns.values()) if (!columns.has(col.name)) columns.set(col.name, col);
      }
      return columnItems([...columns.values()]);
    }
    case "dimension":
      return memberItems(sym, ctx, false);
    case "tiers":
      return [{ label: "rate", kind: CompletionItemKind.Method, detail: `${sym.name}.rate(x): the rate of the band x reaches` }];
    case "column": {
      // `sales.product.|`: the ancestor levels of a member-typed column.
      const dim = checked.table.globals.get(sym.decl.type.name.text);
      const levels: DimensionSym[] = [];
      for (let d = dim?.kind === "dimension" ? dim.parentDim : undefined, guard = 0; d && guard < 16; d = d.parentDim, guard++) levels.push(d);
      return symbolItems(levels);
    }
    default:
      return [];
  }
}

/**
 * The dimension whose member is expected at the cursor: the right side of a comparison or `in`
 * with a member on the left, an argument of a measure or component with a dimension parameter, a
 * key of a lookup `t[...]`, a key of a `weighted(...)` weight, a field of a `given` row.
 */
function expectedDimension(doc: ParsedDoc, checked: Checked, ctx: Context): DimensionSym | undefined {
  const before = ctx.before;
  const prev = before[before.length - 1];
  if (!prev) return undefined;
  const prevName = prev.kind;
  if (prevName === "Eq" || prevName === "NotEq" || prev.text === "in") {
    const left = before[before.length - 2];
    if (left) {
      const dim = checked.memberDimensionAt(doc.path, left.span.start + left.text.length);
      if (dim) return dim;
    }
  }
  // Inside brackets or parentheses: find the opener and the argument index.
  let depth = 0;
  let index = 0;
  let named = false;
  for (let i = before.length - 1; i >= 0; i--) {
    const name = before[i].kind;
    if (name === "RParen" || name === "RBracket" || name === "RBrace") depth++;
    else if (name === "LParen" || name === "LBracket" || name === "LBrace") {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = before[i - 1];
      if (!callee || !isWord(callee)) return undefined;
      const sym = checked.table.globals.get(callee.text);
      if (name === "LBracket") return sym?.kind === "lookup" ? sym.keyDims[index] : undefined;
      if (name === "LBrace") return givenFieldDimension(checked, before, i, callee.text);
      if (callee.text === "weighted" && index >= 1 && !named) {
        const measure = before[i + 1] ? checked.table.globals.get(before[i + 1].text) : undefined;
        return measure?.kind === "value" ? measure.params[0]?.dimension : undefined;
      }
      if (named) return undefined;
      if (sym?.kind === "value") return sym.params[index]?.dimension;
      if (sym?.kind === "component") return index === 0 ? sym.forEach?.dimension : undefined;
      return undefined;
    } else if (depth === 0 && name === "Comma") {
      index++;
      named = false;
    } else if (depth === 0 && name === "Colon") named = true;
  }
  return undefined;
}

/** `given reps { id: "p1", |`: the columns of the table not given yet in the row. */
function givenRowFields(checked: Checked, before: TokenInfo[]): CompletionItem[] | undefined {
  const prev = before[before.length - 1];
  if (prev?.kind !== "LBrace" && prev?.kind !== "Comma") return undefined;
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const kind = before[i].kind;
    if (kind === "RParen" || kind === "RBracket" || kind === "RBrace") depth++;
    else if (kind === "LParen" || kind === "LBracket") {
      if (depth === 0) return undefined;
      depth--;
    } else if (kind === "LBrace") {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (before[i - 2]?.text !== "given") return undefined;
      const table = checked.table.globals.get(before[i - 1]?.text ?? "");
      if (table?.kind !== "table") return undefined;
      const given = new Set(before.slice(i + 1).filter((t, j, row) => row[j + 1]?.kind === "Colon").map((t) => t.text));
      return columnItems([...table.columns.values()].filter((c) => !given.has(c.name)));
    }
  }
  return undefined;
}

/** `given reps { level: |`: the dimension of the column named before the colon. */
function givenFieldDimension(checked: Checked, before: TokenInfo[], braceIndex: number, tableName: string): DimensionSym | undefined {
  const table = checked.table.globals.get(tableName);
  if (table?.kind !== "table") return undefined;
  const colon = before[before.length - 1];
  const field = before[before.length - 2];
  if (colon?.kind !== "Colon" || !field || before.length - 2 <= braceIndex) return undefined;
  const column = table.columns.get(field.text);
  const dim = column ? checked.table.globals.get(column.decl.type.name.text) : undefined;
  return dim?.kind === "dimension" ? dim : undefined;
}

function tableKeyItems(checked: Checked, decl: Declaration, index: number): CompletionItem[] {
  if (decl.kind !== "Table") return [];
  const sym = checked.table.globals.get(decl.name.text);
  const dim = sym?.kind === "lookup" ? sym.keyDims[index] : undefined;
  const items: CompletionItem[] = [];
  for (let d = dim, guard = 0; d && guard < 16; d = d.parentDim, guard++) items.push(...memberItems(d, undefined, false));
  items.push({ label: "default", kind: CompletionItemKind.Keyword });
  return items;
}

function expressionItems(checked: Checked, ctx: Context): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (item: CompletionItem) => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    items.push(item);
  };
  // Locals and parameters of the enclosing declaration first: they shadow globals.
  const owner = ctx.decl ? checked.table.globals.get(nameOf(ctx.decl) ?? "") : undefined;
  if (owner?.kind === "component") {
    if (owner.forEach) add(symbolItem(owner.forEach));
    for (const local of owner.locals.values()) add(symbolItem(local));
  } else if (owner?.kind === "value") for (const p of owner.params) add(symbolItem(p));
  for (const sym of [...checked.table.globals.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) add(symbolItem(sym));
  for (const [name, detail] of Object.entries(BUILTIN_FUNCTIONS)) add({ label: name, kind: CompletionItemKind.Function, detail });
  for (const [name, detail] of Object.entries(BUILTIN_VALUES)) add({ label: name, kind: CompletionItemKind.Variable, detail });
  for (const dim of checked.table.dimensions) for (const m of memberItems(dim, ctx, false)) add(m);
  for (const k of keywordItems(EXPRESSION_KEYWORDS)) add(k);
  return items;
}

function nameOf(decl: Declaration): string | undefined {
  return "name" in decl && decl.name && typeof decl.name === "object" && "text" in decl.name ? decl.name.text : undefined;
}

function keywordItems(words: string[]): CompletionItem[] {
  return words.map((w) => ({ label: w, kind: CompletionItemKind.Keyword }));
}

function columnItems(columns: ColumnSym[]): CompletionItem[] {
  return columns.map((c) => ({ label: c.name, kind: CompletionItemKind.Field, detail: `${c.table.name}.${c.name}: ${c.decl.type.name.text}` }));
}

/**
 * Members as completion items. A member that is not an identifier (`"CARD-A"`) is inserted as a
 * string; inside a string only the content is replaced. The explicit range matters: editors' word
 * ranges stop at `-`, which would duplicate half of `"RESP-AIR"`.
 */
function memberItems(dim: DimensionSym, ctx: Context | undefined, asString: boolean): CompletionItem[] {
  return [...dim.members.values()].map((m) => {
    const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.name) && !KEYWORD_SET.has(m.name);
    const text = asString || bare ? m.name : JSON.stringify(m.name);
    return {
      label: text,
      kind: CompletionItemKind.EnumMember,
      detail: `${dim.name}${m.parentMember ? ` (${m.parentMember.name})` : ""}`,
      ...(ctx ? { textEdit: { range: ctx.replace, newText: text }, filterText: text } : {}),
    };
  });
}

const KEYWORD_SET = new Set<string>(KEYWORDS);

function symbolItems(syms: Sym[]): CompletionItem[] {
  return syms.map(symbolItem);
}

function symbolItem(sym: Sym): CompletionItem {
  const kind = ((): CompletionItemKind => {
    switch (sym.kind) {
      case "dimension":
        return CompletionItemKind.Enum;
      case "member":
        return CompletionItemKind.EnumMember;
      case "table":
      case "lookup":
        return CompletionItemKind.Struct;
      case "column":
        return CompletionItemKind.Field;
      case "credit":
        return CompletionItemKind.Module;
      case "value":
        return sym.params.length > 0 ? CompletionItemKind.Function : CompletionItemKind.Variable;
      case "tiers":
      case "matrix":
      case "curve":
        return CompletionItemKind.Function;
      case "component":
        return CompletionItemKind.Method;
      case "param":
      case "local":
        return CompletionItemKind.Variable;
      case "test":
        return CompletionItemKind.Text;
    }
  })();
  const detail = sym.kind === "value" ? `${sym.keyword}${sym.typeText ? `: ${sym.typeText}` : ""}` : sym.typeText ? `${sym.kind}: ${sym.typeText}` : sym.kind;
  return { label: sym.name, kind, detail, ...(sym.doc ? { documentation: sym.doc } : {}) };
}
