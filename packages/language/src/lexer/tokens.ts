/**
 * The token vocabulary of Carrot (docs/language.md, section 1).
 *
 * Keywords are reserved only where the grammar gives them a meaning: every keyword carries the
 * `AnyName` category so it can be a column name, a member after `.`, a declaration name, etc.
 * `ExprName` is the smaller set of tokens that may start an expression as a bare name: identifiers
 * plus the "soft" keywords that are also ordinary nouns (`amount`, `total`, `person`, ...) or
 * functions (`quota(c)`, `cumulative(x)`). Clause keywords stay out of it so that an expression
 * never swallows the keyword that starts the next clause.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const AnyName = createToken({ name: "AnyName", pattern: Lexer.NA });
export const ExprName = createToken({ name: "ExprName", pattern: Lexer.NA });

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyName, ExprName],
});

/** Every keyword of the language, in the order of docs/language.md. */
// prettier-ignore
export const KEYWORDS: readonly string[] = Object.freeze([
  "plan", "import", "from", "dimension", "of", "input", "people", "fx", "credit", "measure",
  "quota", "let", "tiers", "curve", "table", "by", "component", "for", "each", "payout", "test",
  "given", "expect", "and", "or", "not", "if", "then", "else", "in", "otherwise", "where", "true",
  "false", "key", "optional", "marginal", "retroactive", "amount", "interpolated", "boundary",
  "lower", "upper", "both", "below", "eligible", "gate", "floor", "cap", "per", "window", "allow",
  "negative", "settle", "cumulative", "guarantee", "recoverable", "nonrecoverable", "join", "to",
  "split", "rollup", "depth", "dated", "version", "currency", "effective", "period", "rounding",
  "on", "line", "total", "year", "person", "default", "carry", "hold", "above", "reason", "release",
  "holds", "pay", "every", "next", "matrix", "columns", "check", "assert", "message", "severity",
  "warning", "fiscal", "named",
]);

/**
 * Keywords that may also be used as a bare name at the start of an expression: nouns that plans
 * naturally use as column, measure or local names, and the built-ins spelt like keywords.
 */
// prettier-ignore
export const SOFT_KEYWORDS: ReadonlySet<string> = new Set([
  "person", "quota", "cumulative", "amount", "total", "year", "line", "key", "version", "currency",
  "depth", "boundary", "lower", "upper", "both", "marginal", "retroactive", "interpolated", "above",
  "reason", "holds", "every", "next", "matrix", "columns", "check", "assert", "message", "severity",
  "warning", "fiscal", "named",
]);

function keywordTokenName(word: string): string {
  return "Kw_" + word;
}

/** Keyword token types by their word. */
export const Keyword: Readonly<Record<string, TokenType>> = Object.freeze(
  Object.fromEntries(
    KEYWORDS.map((word) => [
      word,
      createToken({
        name: keywordTokenName(word),
        pattern: new RegExp(word + "(?![A-Za-z0-9_])"),
        label: `'${word}'`,
        categories: SOFT_KEYWORDS.has(word) ? [AnyName, ExprName] : [AnyName],
        start_chars_hint: [word.charCodeAt(0)],
      }),
    ]),
  ),
);

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** `///` starts a doc comment; `////` and more is an ordinary comment (a ruler, commented-out doc). */
export const DocComment = createToken({
  name: "DocComment",
  pattern: /\/\/\/(?!\/)[^\r\n]*/,
  group: "comments",
});
export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\r\n]*/,
  group: "comments",
});

// Literals. Order matters: Date before Period (`2026-03-01` vs `2026-03`), both before Number
// (`2026`), Percent before Number (`12.5%`).
export const DateLiteral = createToken({
  name: "Date",
  pattern: /\d{4}-\d{2}-\d{2}(?![A-Za-z0-9_])/,
  label: "a date",
  start_chars_hint: [..."0123456789"].map((c) => c.charCodeAt(0)),
});
export const PeriodLiteral = createToken({
  name: "Period",
  // Calendar periods (`2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`) and fiscal ones (`FY2026-Q1`, `FY2026`).
  pattern: /(?:\d{4}-(?:Q[1-4]|H[12]|Y|\d{2})|FY\d{4}(?:-Q[1-4]|-H[12])?)(?![A-Za-z0-9_])/,
  label: "a period",
  start_chars_hint: [..."0123456789F"].map((c) => c.charCodeAt(0)),
});
export const PercentLiteral = createToken({
  name: "Percent",
  pattern: /\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?%/,
  label: "a percentage",
  start_chars_hint: [..."0123456789"].map((c) => c.charCodeAt(0)),
});
export const NumberLiteral = createToken({
  name: "Number",
  pattern: /\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?/,
  label: "a number",
});

/** Both terminated and unterminated strings are strings to the parser; the lexer reports the latter. */
export const StringLiteral = createToken({
  name: "String",
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: "a string",
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  label: "a string",
  categories: [StringLiteral],
});

// Punctuation and operators: longer first.
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./, label: "'..'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/, label: "'!='" });
export const LtEq = createToken({ name: "LtEq", pattern: /<=/, label: "'<='" });
export const GtEq = createToken({ name: "GtEq", pattern: />=/, label: "'>='" });
export const Lt = createToken({ name: "Lt", pattern: /</, label: "'<'" });
export const Gt = createToken({ name: "Gt", pattern: />/, label: "'>'" });
export const Eq = createToken({ name: "Eq", pattern: /=/, label: "'='" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "'-'" });
export const Star = createToken({ name: "Star", pattern: /\*/, label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: /\//, label: "'/'" });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/, label: "'}'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });

// prettier-ignore
export const OPERATOR_TOKENS: readonly TokenType[] = [
  DotDot, NotEq, LtEq, GtEq, Lt, Gt, Eq, Plus, Minus, Star, Slash,
];
// prettier-ignore
export const PUNCTUATION_TOKENS: readonly TokenType[] = [
  Dot, LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon,
];

/** The lexer's token order (first match wins, so longer or more specific patterns come first). */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  DateLiteral,
  PeriodLiteral,
  PercentLiteral,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  ...KEYWORDS.map((word) => Keyword[word]!),
  Identifier,
  ...OPERATOR_TOKENS,
  ...PUNCTUATION_TOKENS,
  AnyName,
  ExprName,
];

/** True for identifiers and keywords: the tokens accepted where a name is expected. */
export function isAnyName(type: TokenType): boolean {
  return type === Identifier || (type.CATEGORIES?.includes(AnyName) ?? false);
}
