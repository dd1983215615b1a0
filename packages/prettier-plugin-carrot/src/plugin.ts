/**
 * The prettier plugin: prettier parses with `parsers.carrot` and prints with `printers["carrot-ast"]`,
 * whose output is exactly `format(text)`. The root node carries only texts: no `comments` property
 * and no child nodes, so prettier's own comment attachment never runs (the formatter places comments
 * itself). The formatting happens once, in `parse`, which receives the same options as `print`.
 * Only prettier's types are imported: `format` users (the language server, the CLI) do not load prettier.
 */
import type { AstPath, Parser, Plugin, Printer, SupportLanguage } from "prettier";
import { DEFAULT_PRINT_WIDTH, format } from "./format.js";
import { SourceText } from "./source.js";

export interface CarrotRoot {
  kind: "CarrotRoot";
  /** The text prettier gave (without a BOM: prettier takes it off and puts it back). */
  text: string;
  /** Its canonical form. */
  formatted: string;
}

export const languages: SupportLanguage[] = [
  {
    name: "Carrot",
    parsers: ["carrot"],
    extensions: [".carrot"],
    vscodeLanguageIds: ["carrot"],
  },
];

interface PrettierSyntaxError extends SyntaxError {
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export const parsers: Record<string, Parser<CarrotRoot>> = {
  carrot: {
    astFormat: "carrot-ast",
    parse(text: string, options?: { filepath?: string; printWidth?: number }): CarrotRoot {
      const result = format(text, { uri: options?.filepath ?? "untitled.carrot", printWidth: options?.printWidth });
      if (!result.ok) throw syntaxError(text, result.diagnostics);
      return { kind: "CarrotRoot", text, formatted: result.text };
    },
    locStart: () => 0,
    locEnd: (node: CarrotRoot) => node.text.length,
  },
};

export const printers: Record<string, Printer<CarrotRoot>> = {
  "carrot-ast": {
    print(path: AstPath<CarrotRoot>) {
      // A plain string is a complete prettier document (prettier converts its newlines to `endOfLine`);
      // returning it keeps prettier out of this package's runtime dependencies.
      return path.node.formatted;
    },
  },
};

/** The canonical style is 100 columns wide, prettier's default is 80: the plugin states its own. */
export const defaultOptions = { printWidth: DEFAULT_PRINT_WIDTH };

function syntaxError(
  text: string,
  diagnostics: readonly { code: string; message: string; span: { start: number; end: number } }[],
): PrettierSyntaxError {
  const first = diagnostics[0];
  // `format` reports spans in the text it was given, which is this one.
  const source = new SourceText(text);
  const start = source.position(first?.span.start ?? 0);
  const end = source.position(first?.span.end ?? 0);
  const message = first ? `${first.message} [${first.code}]` : "Cannot format this file";
  const error = new SyntaxError(`${message} (${start.line}:${start.column})`) as PrettierSyntaxError;
  error.loc = { start, end };
  return error;
}

const plugin: Plugin<CarrotRoot> = { languages, parsers, printers, defaultOptions };
export default plugin;
