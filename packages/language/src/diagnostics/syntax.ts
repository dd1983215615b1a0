/**
 * The catalogue of syntax diagnostics (P-codes) and the constructors the lexer and parser use.
 * Codes are stable: tests, docs and editors refer to them.
 */
import type { Span } from "../ast/types.js";
import type { Diagnostic, DiagnosticFix, DiagnosticInfo } from "./types.js";

export const P_UNKNOWN_CHARACTER = "P0001";
export const P_UNTERMINATED_STRING = "P0002";
export const P_UNEXPECTED_TOKEN = "P0003";
export const P_NESTING_TOO_DEEP = "P0004";
export const P_EXPECTED_DECLARATION = "P0005";
export const P_INVALID_ESCAPE = "P0006";
export const P_INTERNAL_ERROR = "P0007";

export const SYNTAX_DIAGNOSTICS: readonly DiagnosticInfo[] = Object.freeze([
  {
    code: P_UNKNOWN_CHARACTER,
    severity: "error",
    title: "Unknown character",
    explanation:
      "The text contains characters that are not part of any Carrot token (for example `$`, `#`, `!` alone, or a non-ASCII letter outside a string). Each run of such characters is reported once and skipped.",
    help: "Remove the characters, or put the text in a string or a `//` comment.",
    example: "let bonus = 100 EUR # flat",
  },
  {
    code: P_UNTERMINATED_STRING,
    severity: "error",
    title: "Unterminated string",
    explanation: 'A string starts with `"` but the line ends before its closing `"`. Strings may not span lines.',
    help: 'Add the closing `"` on the same line.',
    example: 'plan "Field plan {',
  },
  {
    code: P_UNEXPECTED_TOKEN,
    severity: "error",
    title: "Syntax error",
    explanation:
      "The parser met a token that does not fit the grammar at this point (docs/language.md, section 6). The rest of the declaration is parsed as well as possible; other declarations are not affected.",
    help: "Read the message: it says what was expected here. Compare with the grammar of the declaration.",
    example: "measure revenue = ",
  },
  {
    code: P_NESTING_TOO_DEEP,
    severity: "error",
    title: "Nesting too deep",
    explanation:
      "Parentheses, brackets, braces or prefix operators are nested more than 256 levels deep. The declaration is skipped rather than risk exhausting the parser's stack.",
    help: "Flatten the expression: name intermediate values with `let`.",
    example: "let x = ((((((((((((((( ... 1 ... )))))))))))))))",
  },
  {
    code: P_EXPECTED_DECLARATION,
    severity: "error",
    title: "Expected a declaration",
    explanation:
      "At the top level of a file only `import` and declarations (`plan`, `dimension`, `input`, `people`, `fx`, `credit`, `measure`, `quota`, `let`, `tiers`, `curve`, `table`, `component`, `payout`, `test`) may appear. The stray text up to the next declaration is reported once and skipped.",
    help: "Start the line with a declaration keyword, or remove the stray text.",
    example: "revenue = sum(sales.amount)",
  },
  {
    code: P_INVALID_ESCAPE,
    severity: "error",
    title: "Invalid escape sequence",
    explanation: 'Inside a string, a backslash may only start `\\"`, `\\\\`, `\\n` or `\\t`.',
    help: "Write `\\\\` for a backslash.",
    example: 'import "..\\shared\\catalogue.carrot"',
  },
  {
    code: P_INTERNAL_ERROR,
    severity: "error",
    title: "Internal parser error",
    explanation:
      "The parser failed unexpectedly on this file. This is a bug in Carrot, not in the plan; the file is reported as unparsed instead of crashing the tool.",
    help: "Please report the file that triggers it.",
    example: "// no known plan triggers it; it replaces a crash of the parser",
  },
] satisfies DiagnosticInfo[]);

const HELP_BY_CODE: ReadonlyMap<string, string> = new Map(SYNTAX_DIAGNOSTICS.map((d) => [d.code, d.help]));

/** A syntax error diagnostic with the catalogue's help text (and a fix when one is obvious). */
export function syntaxError(code: string, message: string, uri: string, span: Span, fix?: DiagnosticFix): Diagnostic {
  const diagnostic: Diagnostic = { code, severity: "error", message, uri, span };
  const help = HELP_BY_CODE.get(code);
  if (help !== undefined) diagnostic.help = help;
  if (fix !== undefined) diagnostic.fixes = [fix];
  return diagnostic;
}

/** A fix that inserts `text` at `offset`. */
export function insertFix(title: string, offset: number, text: string): DiagnosticFix {
  return { title, edits: [{ span: { start: offset, end: offset }, newText: text }] };
}
