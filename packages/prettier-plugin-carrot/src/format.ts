/**
 * `format(text)`: the canonical text of a Carrot file, or the reasons it cannot be formatted.
 * Text with syntax errors is refused rather than damaged, and so is any output that would not
 * parse back to the same tree with the same comments (a safety net: the formatter never changes
 * what a plan means).
 */
import { parse, type Comment, type Diagnostic, type SourceFile, type DiagnosticInfo } from "@carrot/language";
import { printSourceFile } from "./print.js";
import { SourceText } from "./source.js";

export interface FormatOptions {
  /** Used in diagnostics; defaults to `untitled.carrot`. */
  uri?: string;
  /** The line width long expressions are broken at; defaults to 100. */
  printWidth?: number;
}

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

export const DEFAULT_PRINT_WIDTH = 100;

/** Diagnostic code of a formatting refused because the output would differ in meaning (a formatter bug). */
export const FORMAT_UNSAFE = "F0001";

/** The formatter's own diagnostics (docs/diagnostics.md is generated from every catalogue). */
export const FORMAT_DIAGNOSTICS: DiagnosticInfo[] = [
  {
    code: FORMAT_UNSAFE,
    severity: "error",
    title: "Formatting refused: the result would change the plan",
    explanation:
      "The formatter re-parses what it prints and compares it with the original (the tree without positions, and every comment). When they differ it refuses and leaves the file untouched, rather than change the plan's meaning or lose a comment. This is a formatter bug.",
    help: "Report the file. Meanwhile put `// prettier-ignore` before the declaration concerned: the rest of the file is formatted and that declaration is kept as written.",
    example: "// no known plan triggers it; it guards against formatter bugs",
  },
];

export function format(text: string, options: FormatOptions = {}): FormatResult {
  const uri = options.uri ?? "untitled.carrot";
  const width = options.printWidth ?? DEFAULT_PRINT_WIDTH;
  // Diagnostics are returned with spans in the caller's text, so that text is parsed first.
  const original = parse(text, uri);
  const errors = original.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  // The printer works on `\n` line ends: every span below refers to the normalised text.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const before = normalized === text ? original : parse(normalized, uri);

  const output = printSourceFile(new SourceText(normalized), before.file, before.comments, width);
  const problem = differenceAfterFormatting(before, parse(output, uri));
  if (problem !== undefined) {
    return {
      ok: false,
      diagnostics: [
        {
          code: FORMAT_UNSAFE,
          severity: "error",
          message: `The formatter would change this file (${problem}); it was left as it is.`,
          uri,
          span: { start: 0, end: 0 },
          help: "This is a formatter bug: please report it with the file. Add `// prettier-ignore` before the declaration concerned to format the rest.",
        },
      ],
    };
  }
  return { ok: true, text: output };
}

interface Parsed {
  file: SourceFile;
  comments: Comment[];
  diagnostics: Diagnostic[];
}

function differenceAfterFormatting(before: Parsed, after: Parsed): string | undefined {
  if (after.diagnostics.some((d) => d.severity === "error")) return "the output has syntax errors";
  if (after.diagnostics.length !== before.diagnostics.length) return "the output has different diagnostics";
  if (structure(after.file) !== structure(before.file)) return "the output parses to a different tree";
  const commentTexts = (cs: Comment[]) => cs.map((c) => `${c.kind}:${c.text.trimEnd()}`).join("\n");
  if (commentTexts(after.comments) !== commentTexts(before.comments)) return "comments would move or change";
  return undefined;
}

/**
 * The tree without source positions: two formattings of one plan have the same structure. Doc
 * comments are compared without trailing whitespace, which the canonical form drops.
 */
export function structure(file: SourceFile): string {
  return JSON.stringify(file, (key, value) => {
    if (key === "span" || key === "uri") return undefined;
    if (key === "doc" && typeof value === "string") return value.replace(/[ \t]+$/gm, "");
    return value;
  });
}
