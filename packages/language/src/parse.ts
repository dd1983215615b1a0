/**
 * `parse`: text → AST + comments + tokens + syntax diagnostics. Never throws.
 *
 * Pipeline: lex (./lexer) → cut into top-level declarations (./parser/chunks) → parse each with the
 * shared Chevrotain parser (./parser/parser) → CST → AST (./ast/from-cst) → attach doc comments.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import { EOF } from "chevrotain";
import { toTopLevel } from "./ast/from-cst.js";
import type { Comment, Declaration, Import, SourceFile, Span } from "./ast/types.js";
import {
  P_EXPECTED_DECLARATION,
  P_INTERNAL_ERROR,
  P_NESTING_TOO_DEEP,
  P_UNEXPECTED_TOKEN,
  P_UNKNOWN_CHARACTER,
  P_UNTERMINATED_STRING,
  insertFix,
  syntaxError,
} from "./diagnostics/syntax.js";
import type { Diagnostic, DiagnosticFix } from "./diagnostics/types.js";
import { lex } from "./lexer/lexer.js";
import { tokenInfo, type TokenInfo } from "./lexer/token-info.js";
import {
  findExcessiveNesting,
  isDeclarationKeyword,
  MAX_NESTING,
  resyncPoints,
  splitDeclarations,
  type Chunk,
} from "./parser/chunks.js";
import { blockItemMessage, nameRoleMessage } from "./parser/messages.js";
import { parseDeclaration } from "./parser/parser.js";
import { ChunkCache } from "./parser/chunk-cache.js";

export interface ParseResult {
  file: SourceFile;
  comments: Comment[];
  diagnostics: Diagnostic[];
  tokens: TokenInfo[];
}

export function parse(text: string, uri: string): ParseResult {
  try {
    return parseUnsafe(text, uri);
  } catch (error) {
    // Last resort: the normal paths report problems as diagnostics and never get here.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      file: { kind: "SourceFile", uri, imports: [], declarations: [], span: { start: 0, end: text.length } },
      comments: [],
      diagnostics: [
        syntaxError(P_INTERNAL_ERROR, `internal parser error: ${detail}`, uri, {
          start: 0,
          end: Math.min(text.length, 1),
        }),
      ],
      tokens: [],
    };
  }
}

function parseUnsafe(text: string, uri: string): ParseResult {
  const lexed = lex(text, uri);
  const tokens = lexed.tokens;
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  const imports: Import[] = [];
  const declarations: Declaration[] = [];
  const context: ChunkContext = { text, uri, tokens, lexerDiagnostics: lexed.diagnostics };

  const cache = new ChunkCache(uri);
  const add = (node: Import | Declaration): void => {
    if (node.kind === "Import") imports.push(node);
    else declarations.push(node);
  };
  for (const chunk of splitDeclarations(tokens, text)) {
    const start = tokens[chunk.start]!.startOffset;
    const source = text.slice(start, tokens[chunk.end - 1]!.endOffset! + 1);
    const reused = cache.take(source, start);
    if (reused !== undefined) {
      add(reused);
      continue;
    }
    const outcomes = parseChunkWithResync(chunk, context);
    const only = outcomes.length === 1 ? outcomes[0]! : undefined;
    if (only?.node !== undefined && only.diagnostic === undefined) cache.keep(source, start, only.node);
    for (const outcome of outcomes) {
      if (outcome.diagnostic !== undefined) diagnostics.push(outcome.diagnostic);
      if (outcome.node !== undefined) add(outcome.node);
    }
  }
  cache.commit();

  attachDocComments(declarations, lexed.comments, text);
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const result = {
    file: { kind: "SourceFile", uri, imports, declarations, span: { start: 0, end: text.length } },
    comments: lexed.comments,
    diagnostics,
  } as Omit<ParseResult, "tokens"> as ParseResult;
  // Token infos are for editors; the compiler never reads them, so a large file does not pay for
  // a second million objects unless someone asks.
  let infos: TokenInfo[] | undefined;
  Object.defineProperty(result, "tokens", {
    enumerable: true,
    get: () => (infos ??= tokens.map(tokenInfo)),
    set: (value: TokenInfo[]) => {
      infos = value;
    },
  });
  return result;
}

interface ChunkContext {
  text: string;
  uri: string;
  tokens: IToken[];
  lexerDiagnostics: Diagnostic[];
}

interface ChunkOutcome {
  node?: Import | Declaration;
  diagnostic?: Diagnostic;
}

/** Parses a chunk; if it is broken and hides further declarations (an unclosed `{`), splits it there. */
function parseChunkWithResync(chunk: Chunk, context: ChunkContext): ChunkOutcome[] {
  const first = parseChunk(chunk, context);
  if (first.diagnostic === undefined) return [first];
  const points = resyncPoints(context.tokens, chunk, context.text);
  if (points.length === 0) return [first];
  const bounds = [chunk.start, ...points, chunk.end];
  const outcomes: ChunkOutcome[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    outcomes.push(parseChunk({ start: bounds[i]!, end: bounds[i + 1]! }, context));
  }
  return outcomes;
}

function parseChunk(chunk: Chunk, context: ChunkContext): ChunkOutcome {
  const { tokens, uri } = context;
  const firstToken = tokens[chunk.start]!;
  const lastToken = tokens[chunk.end - 1]!;
  if (!isDeclarationKeyword(firstToken)) {
    const message = `expected a declaration, found '${shorten(firstToken.image)}'`;
    return { diagnostic: syntaxError(P_EXPECTED_DECLARATION, message, uri, spanBetween(firstToken, lastToken)) };
  }
  const tooDeep = findExcessiveNesting(tokens, chunk);
  if (tooDeep !== undefined) {
    return { diagnostic: nestingDiagnostic(tooDeep, uri) };
  }
  const slice = tokens.slice(chunk.start, chunk.end);
  let result;
  try {
    result = parseDeclaration(slice, context.text);
  } catch (error) {
    if (error instanceof RangeError) return { diagnostic: nestingDiagnostic(firstToken, uri) };
    throw error;
  }
  const node = toTopLevel(result.cst);
  const error = result.errors[0];
  if (error === undefined) return node === undefined ? {} : { node };
  const span = errorSpan(error, lastToken);
  const nextToken = tokens[chunk.end];
  const chunkEnd = nextToken === undefined ? context.text.length : nextToken.startOffset;
  const errorAtEnd = span.start >= lastToken.startOffset + lastToken.image.length;
  // A lexer error earlier in the declaration (skipped unknown characters, a string that swallowed
  // the rest of its line) usually explains the parse error that follows it: report the cause only.
  const explained = context.lexerDiagnostics.some(
    (d) =>
      (d.code === P_UNKNOWN_CHARACTER || d.code === P_UNTERMINATED_STRING) &&
      d.span.start >= firstToken.startOffset &&
      d.span.start <= (errorAtEnd ? chunkEnd : span.start),
  );
  if (explained) return node === undefined ? {} : { node };
  const message = errorMessage(error, slice, span);
  const placed = placeMissing(message, slice, span, context.text);
  const diagnostic = syntaxError(P_UNEXPECTED_TOKEN, message, uri, placed, missingPunctuationFix(error, placed));
  return node === undefined ? { diagnostic } : { node, diagnostic };
}

/** The parser's expectation, placed: `expected X after 'previous token'`. */
function errorMessage(error: IRecognitionException, slice: IToken[], span: Span): string {
  const index = slice.findIndex((t) => t.startOffset >= span.start && span.start < t.startOffset + t.image.length);
  const atEnd = index === -1;
  const found = atEnd ? undefined : slice[index]!;
  if (found !== undefined) {
    const inBlock = blockItemMessage(error, shorten(found.image));
    if (inBlock !== undefined) return inBlock;
  }
  if (!error.message.startsWith("expected")) return error.message;
  const previous = atEnd ? slice[slice.length - 1] : slice[index - 1];
  const expected = nameRoleMessage(error, previous?.image) ?? error.message;
  return previous === undefined ? expected : `${expected} after '${shorten(previous.image)}'`;
}

/** Punctuation whose absence has one obvious repair: insert it. */
const INSERTABLE = new Set([")", "]", "}", ":", "..", "=", ","]);

function missingPunctuationFix(error: IRecognitionException, at: Span): DiagnosticFix | undefined {
  if (error.name !== "MismatchedTokenException") return undefined;
  const expected = /^expected '(.+)'$/.exec(error.message)?.[1];
  if (expected === undefined || !INSERTABLE.has(expected)) return undefined;
  // A closer is only obviously missing at a line end; before a token (`f(x y)`) the mistake is
  // more likely elsewhere (a missing comma). Other punctuation goes before the token, spaced.
  const closer = expected === ")" || expected === "]" || expected === "}";
  if (closer && at.start !== at.end) return undefined;
  const text = at.start === at.end ? expected : `${expected} `;
  return insertFix(`Insert '${expected}'`, at.start, text);
}

/**
 * Something missing at the end of a line (`let a =` then a new line) is reported where it is
 * missing, right after the last token of that line, not on whatever the next line starts with.
 */
function placeMissing(message: string, slice: IToken[], span: Span, text: string): Span {
  if (!message.startsWith("expected")) return span;
  const index = slice.findIndex((t) => t.startOffset === span.start);
  const previous = index > 0 ? slice[index - 1]! : undefined;
  if (previous === undefined) return span;
  const end = previous.startOffset + previous.image.length;
  const gap = text.slice(end, span.start);
  return gap.includes("\n") || gap.includes("\r") ? { start: end, end } : span;
}

function nestingDiagnostic(at: IToken, uri: string): Diagnostic {
  return syntaxError(
    P_NESTING_TOO_DEEP,
    `nesting too deep: more than ${MAX_NESTING} levels of brackets or prefix operators`,
    uri,
    tokenSpan(at),
  );
}

/** Where a parse error points: its token, or just after the declaration's last token at its end. */
function errorSpan(error: IRecognitionException, lastToken: IToken): Span {
  const t = error.token;
  if (t === undefined || t.tokenType === EOF || Number.isNaN(t.startOffset) || t.isInsertedInRecovery === true) {
    const end = lastToken.startOffset + lastToken.image.length;
    return { start: end, end };
  }
  // Text left over after a complete declaration is all ignored: cover all of it, so that every
  // token of the file is part of a declaration or under a diagnostic.
  if (error.name === "NotAllInputParsedException") {
    return { start: t.startOffset, end: lastToken.startOffset + lastToken.image.length };
  }
  return tokenSpan(t);
}

function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

function spanBetween(first: IToken, last: IToken): Span {
  return { start: first.startOffset, end: last.startOffset + last.image.length };
}

function shorten(image: string): string {
  return image.length > 24 ? image.slice(0, 24) + "…" : image;
}

/**
 * `///` lines directly above a declaration (only whitespace in between, no blank line) become its
 * `doc`, without the slashes and one following space.
 */
function attachDocComments(declarations: Declaration[], comments: Comment[], text: string): void {
  if (comments.length === 0) return;
  let c = 0;
  for (const declaration of declarations) {
    while (c < comments.length && comments[c]!.span.end <= declaration.span.start) c++;
    const lines: string[] = [];
    let boundary = declaration.span.start;
    for (let k = c - 1; k >= 0; k--) {
      const comment = comments[k]!;
      if (comment.kind !== "doc" || !isBlankWithAtMostOneNewline(text.slice(comment.span.end, boundary))) break;
      lines.unshift(comment.text.slice(3).replace(/^ /, ""));
      boundary = comment.span.start;
    }
    if (lines.length > 0) declaration.doc = lines.join("\n");
  }
}

function isBlankWithAtMostOneNewline(gap: string): boolean {
  if (!/^[ \t\r\n]*$/.test(gap)) return false;
  return gap.split("\n").length <= 2;
}
