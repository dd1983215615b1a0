/**
 * Cutting the token stream into top-level declarations before parsing. Each declaration is parsed
 * on its own, so a broken one is reported once and never disturbs its neighbours (no cascades),
 * and recovery always resumes at the next declaration keyword.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "../lexer/tokens.js";

const K = T.Keyword;

/** Keywords that start a declaration, with the token kinds that may follow them there. */
const DECLARATION_STARTS: ReadonlyMap<TokenType, (next: IToken | undefined, after: IToken | undefined) => boolean> = (() => {
  const isName = (t: IToken | undefined) => t !== undefined && T.isAnyName(t.tokenType);
  const isString = (t: IToken | undefined) => t?.tokenType === T.StringLiteral || t?.tokenType === T.UnterminatedString;
  const entries: [string, (next: IToken | undefined, after: IToken | undefined) => boolean][] = [
    ["import", (t) => isString(t) || t?.tokenType === T.LBrace],
    ["plan", isString],
    ["test", isString],
    ["fx", (t) => t?.tokenType === K["from"]],
    ["payout", (t) => t?.tokenType === T.LBrace],
    ["dimension", isName],
    ["input", isName],
    ["people", isName],
    ["credit", isName],
    ["measure", isName],
    ["quota", isName],
    ["let", isName],
    ["tiers", isName],
    // `table matrix by Level`: a matrix is a name and then its block or its boundary (or, while it
    // is being typed, nothing more before the next declaration).
    [
      "matrix",
      (t, after) =>
        isName(t) &&
        (after === undefined ||
          after.tokenType === T.LBrace ||
          after.tokenType === K["boundary"] ||
          isDeclarationKeyword(after)),
    ],
    // `check` is also a plain name (a measure or column called check): a check declaration is a
    // name and then its block (or, while it is being typed, nothing more before the next declaration).
    [
      "check",
      (t, after) => isName(t) && (after === undefined || after.tokenType === T.LBrace || isDeclarationKeyword(after)),
    ],
    ["curve", isName],
    ["table", isName],
    ["component", isName],
  ];
  return new Map(entries.map(([word, follows]) => [K[word]!, follows]));
})();

/** Declaration keywords that never appear at the start of a line inside a block. */
const BLOCK_FREE_STARTS: ReadonlySet<TokenType> = new Set(
  [
    "import",
    "plan",
    "test",
    "fx",
    "dimension",
    "input",
    "people",
    "credit",
    "measure",
    "tiers",
    "curve",
    "table",
    "component",
  ].map((word) => K[word]!),
);

export function isDeclarationStart(tokens: readonly IToken[], index: number): boolean {
  const follows = DECLARATION_STARTS.get(tokens[index]!.tokenType);
  return follows !== undefined && follows(tokens[index + 1], tokens[index + 2]);
}

/** A declaration keyword (the parser then says what is missing after it, e.g. while typing). */
export function isDeclarationKeyword(token: IToken): boolean {
  return DECLARATION_STARTS.has(token.tokenType);
}

function isFirstOnLine(tokens: readonly IToken[], index: number, text: string): boolean {
  if (index === 0) return true;
  const previous = tokens[index - 1]!;
  const gap = text.slice(previous.startOffset + previous.image.length, tokens[index]!.startOffset);
  return gap.includes("\n") || gap.includes("\r");
}

/**
 * Declaration keywords that are also bare names in expressions (`quota(c)`, `matrix[k]` for a table
 * named matrix): first on a line they continue an expression unless a name follows them.
 */
const EXPRESSION_STARTS: ReadonlySet<TokenType> = new Set([K["quota"]!, K["matrix"]!, K["check"]!]);

/** Half-open token index ranges [start, end). */
export interface Chunk {
  start: number;
  end: number;
}

/**
 * Cuts the token stream where declarations start: at a declaration keyword outside braces that is
 * followed by what that declaration needs (so `measure plan = 1` does not cut at `plan`, nor
 * `quota(c)` in an expression), or, outside any bracket, at a declaration keyword other than
 * `quota` and `matrix` first on its line (a declaration being typed: `component` alone). Parentheses do not
 * count for the first rule: an unclosed `(` must not swallow the following declarations.
 */
export function splitDeclarations(tokens: readonly IToken[], text: string, start = 0, end = tokens.length): Chunk[] {
  const chunks: Chunk[] = [];
  let braces = 0;
  let brackets = 0;
  let chunkStart = start;
  for (let i = start; i < end; i++) {
    const type = tokens[i]!.tokenType;
    if (braces === 0 && i > chunkStart && DECLARATION_STARTS.has(type)) {
      const cut =
        isDeclarationStart(tokens, i) ||
        (brackets === 0 && !EXPRESSION_STARTS.has(type) && isFirstOnLine(tokens, i, text));
      if (cut) {
        chunks.push({ start: chunkStart, end: i });
        chunkStart = i;
        brackets = 0;
      }
    }
    if (type === T.LBrace) braces++;
    else if (type === T.RBrace && braces > 0) braces--;
    else if (type === T.LParen || type === T.LBracket) brackets++;
    else if ((type === T.RParen || type === T.RBracket) && brackets > 0) brackets--;
  }
  if (chunkStart < end) chunks.push({ start: chunkStart, end });
  return chunks;
}

/**
 * For a chunk that failed to parse, probably because a bracket was left open: the places where a
 * new declaration plainly starts (a declaration keyword first on its line), so that one missing
 * `}` does not swallow the rest of the file.
 */
export function resyncPoints(tokens: readonly IToken[], chunk: Chunk, text: string): number[] {
  const points: number[] = [];
  for (let i = chunk.start + 1; i < chunk.end; i++) {
    const t = tokens[i]!;
    if (BLOCK_FREE_STARTS.has(t.tokenType) && isDeclarationStart(tokens, i) && isFirstOnLine(tokens, i, text)) {
      points.push(i);
    }
  }
  return points;
}

export const MAX_NESTING = 256;

/**
 * The first token that nests deeper than MAX_NESTING (brackets, or a run of prefix operators),
 * if any. Checked before parsing because the recursive-descent parser would exhaust the stack.
 */
export function findExcessiveNesting(tokens: readonly IToken[], chunk: Chunk): IToken | undefined {
  let depth = 0;
  let prefixRun = 0;
  for (let i = chunk.start; i < chunk.end; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === T.LBrace || type === T.LParen || type === T.LBracket) {
      depth++;
      if (depth > MAX_NESTING) return t;
    } else if ((type === T.RBrace || type === T.RParen || type === T.RBracket) && depth > 0) {
      depth--;
    }
    if (type === T.Minus || type === K["not"] || type === K["if"]) {
      prefixRun++;
      if (prefixRun + depth > MAX_NESTING) return t;
    } else if (type !== T.LParen) {
      prefixRun = 0;
    }
  }
  return undefined;
}
