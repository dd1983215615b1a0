/**
 * Text → tokens. Comments go to their own list (kept for the formatter and doc comments); lexing
 * never fails: unknown characters and unterminated strings become diagnostics.
 */
import { Lexer, type IToken } from "chevrotain";
import type { Comment } from "../ast/types.js";
import type { Diagnostic } from "../diagnostics/types.js";
import {
  insertFix,
  P_INVALID_ESCAPE,
  P_UNKNOWN_CHARACTER,
  P_UNTERMINATED_STRING,
  syntaxError,
} from "../diagnostics/syntax.js";
import { ALL_TOKENS, DocComment, StringLiteral, UnterminatedString } from "./tokens.js";

const carrotLexer = new Lexer([...ALL_TOKENS], {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
});

export interface LexResult {
  /** Significant tokens, in order. */
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

export function lex(text: string, uri: string): LexResult {
  const result = carrotLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const error of result.errors) {
    const start = error.offset;
    const end = start + Math.max(1, error.length);
    const chars = text.slice(start, end);
    const shown = chars.length > 20 ? chars.slice(0, 20) + "…" : chars;
    diagnostics.push(
      syntaxError(
        P_UNKNOWN_CHARACTER,
        chars.length === 1 ? `unknown character '${shown}'` : `unknown characters '${shown}'`,
        uri,
        { start, end },
        {
          title: chars.length === 1 ? "Remove the character" : "Remove the characters",
          edits: [{ span: { start, end }, newText: "" }],
        },
      ),
    );
  }
  for (const token of result.tokens) {
    // Offset-only tracking is the fastest, but the parser's node locations need end offsets.
    token.endOffset = token.startOffset + token.image.length - 1;
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(
        syntaxError(
          P_UNTERMINATED_STRING,
          "unterminated string: add the closing '\"' on this line",
          uri,
          { start: token.startOffset, end: token.startOffset + token.image.length },
          insertFix("Close the string", token.startOffset + token.image.length, '"'),
        ),
      );
    }
    if (token.tokenType === StringLiteral || token.tokenType === UnterminatedString) {
      checkEscapes(token, uri, diagnostics);
    }
  }
  const comments: Comment[] = (result.groups["comments"] ?? []).map((token) => ({
    kind: token.tokenType === DocComment ? "doc" : "line",
    text: token.image,
    span: { start: token.startOffset, end: token.startOffset + token.image.length },
  }));
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { tokens: result.tokens, comments, diagnostics };
}

function checkEscapes(token: IToken, uri: string, diagnostics: Diagnostic[]): void {
  const image = token.image;
  for (let i = 1; i < image.length; i++) {
    if (image[i] !== "\\") continue;
    const next = image[i + 1];
    if (next === undefined) continue; // a trailing backslash of an unterminated string: already reported
    if (next !== '"' && next !== "\\" && next !== "n" && next !== "t") {
      const start = token.startOffset + i;
      diagnostics.push(
        syntaxError(
          P_INVALID_ESCAPE,
          `invalid escape sequence '\\${next}' in a string`,
          uri,
          { start, end: start + 2 },
          insertFix("Escape the backslash", start, "\\"),
        ),
      );
    }
    i++;
  }
}

/** The value of a string token: quotes removed, escapes resolved (invalid escapes keep their character). */
export function unquote(image: string): string {
  const closed = image.length >= 2 && image.endsWith('"') && !isEscapedAt(image, image.length - 1);
  const body = image.slice(1, closed ? image.length - 1 : image.length);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) break;
    out += next === "n" ? "\n" : next === "t" ? "\t" : next;
    i++;
  }
  return out;
}

function isEscapedAt(image: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && image[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}
