/**
 * Cutting the token stream into top-level declarations before parsing. Each declaration is parsed
 * on its own, so a broken one is reported once and never disturbs its neighbours (no cascades),
 * and recovery always resumes at the next declaration keyword.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "../lexer/tokens.js";

const K = T.Keyword;

/** Keywords that start a declaration, with the token kinds that may follow them there. */
const DECLARATION_STARTS: ReadonlyMap<TokenType, (next: IToken | undefined) => boolean> = (() => {
  const isName = (t: IToken | undefined) => t !== undefined && T.isAnyName(t.tokenType);
  const isString = (t: IToken | undefined) => t?.tokenType === T.StringLiteral || t?.tokenType === T.UnterminatedString;
  const entries: [string, (next: IToken | undefined) => boolean][] = [
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
    ["curve", isName],
    ["table", isName],
    ["component", isName],
  ];
  return new Map(entries.map(([word, follows]) => [K[word]!, follows]));
})();

/** Declaration keywords that never appear at the start of a line inside a block. */
const BLOCK_FREE_STARTS: ReadonlySet<TokenType> = new Set(
  ["import", "plan", "test", "fx", "dimension", "input", "people", "credit", "measure", "tiers", "curve", "table", "component"].map(
    (word) => K[word]!,
  ),
);

export function isDeclarationStart(tokens: readonly IToken[], index: number): boolean {
  const follows = DECLARATION_STARTS.get(tokens[index]!.tokenType);
  return follows !== undefined && follows(tokens[index + 1]);
}

/** Half-open token index ranges [start, end). */
export interface Chunk {
  start: number;
  end: number;
}

/** Cuts at every declaration keyword outside brackets (brace, paren and bracket depth 0). */
export function splitDeclarations(tokens: readonly IToken[], start = 0, end = tokens.length): Chunk[] {
  const chunks: Chunk[] = [];
  let depth = 0;
  let chunkStart = start;
  for (let i = start; i < end; i++) {
    const type = tokens[i]!.tokenType;
    if (depth === 0 && i > chunkStart && isDeclarationStart(tokens, i)) {
      chunks.push({ start: chunkStart, end: i });
      chunkStart = i;
    }
    if (type === T.LBrace || type === T.LParen || type === T.LBracket) depth++;
    else if ((type === T.RBrace || type === T.RParen || type === T.RBracket) && depth > 0) depth--;
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
    if (!BLOCK_FREE_STARTS.has(t.tokenType) || !isDeclarationStart(tokens, i)) continue;
    const previous = tokens[i - 1]!;
    const gap = text.slice(previous.startOffset + previous.image.length, t.startOffset);
    if (gap.includes("\n") || gap.includes("\r")) points.push(i);
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
