import type { IToken } from "chevrotain";
import type { Span } from "../ast/types.js";
import * as T from "./tokens.js";

/** A significant token, as editors (semantic tokens) and the TextMate corpus test see it. */
export interface TokenInfo {
  /** The token type name: `Identifier`, `Kw_measure`, `Number`, `DotDot`, ... */
  kind: string;
  text: string;
  span: Span;
  category: "keyword" | "identifier" | "number" | "string" | "date" | "period" | "percent" | "operator" | "punctuation";
}

const OPERATORS = new Set(T.OPERATOR_TOKENS);

export function tokenCategory(token: IToken): TokenInfo["category"] {
  const type = token.tokenType;
  if (type === T.Identifier) return "identifier";
  if (type === T.NumberLiteral) return "number";
  if (type === T.StringLiteral || type === T.UnterminatedString) return "string";
  if (type === T.DateLiteral) return "date";
  if (type === T.PeriodLiteral) return "period";
  if (type === T.PercentLiteral) return "percent";
  if (OPERATORS.has(type)) return "operator";
  if (type.name.startsWith("Kw_")) return "keyword";
  return "punctuation";
}

export function tokenInfo(token: IToken): TokenInfo {
  return {
    kind: token.tokenType.name,
    text: token.image,
    span: { start: token.startOffset, end: token.startOffset + token.image.length },
    category: tokenCategory(token),
  };
}
