/**
 * The adapter between the editor and the compiler: the only module that calls `parse` and `compile`.
 * Everything else in the server works on `ParsedDoc` and `Checked`.
 */
import { parse, type Comment, type Diagnostic, type SourceFile, type Span, type TokenInfo, type ParseResult } from "@carrot/language";
import { checkFiles, compile, type Sym, type SymbolTable } from "@carrot/compiler";
import type { DocumentStore } from "./documents.js";
import type { Calendar } from "@carrot/ir";

export interface ParseOutput {
  ast: SourceFile;
  tokens: TokenInfo[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

export function parseDocument(text: string, path: string): ParseOutput {
  return outputOf(parse(text, path));
}

/**
 * The parse as the editor keeps it. `tokens` stays lazy, as the parser made it: only semantic
 * tokens, hover and completion read them, and building them on every check costs as much as the
 * check's resolution pass.
 */
export function outputOf(result: ParseResult): ParseOutput {
  return {
    ast: result.file,
    get tokens() {
      return result.tokens;
    },
    comments: result.comments,
    diagnostics: result.diagnostics,
  };
}

export type DimensionSym = Extract<Sym, { kind: "dimension" }>;
export type ColumnSym = Extract<Sym, { kind: "column" }>;

/** An occurrence of a symbol in a file: a reference or the symbol's own declaration name. */
export interface Occurrence {
  symbol: Sym;
  path: string;
  span: Span;
  declaration: boolean;
}

/** A checked plan: the compiler's view of an entry file and everything it imports. */
export interface Checked {
  entry: string;
  /** Paths of the plan's files. */
  files: string[];
  /** The compiler's parse of each file, with the text it parsed (reused so no file is parsed twice). */
  parses: Map<string, { text: string; output: ParseOutput }>;
  /** Syntax and semantic diagnostics of every file of the plan. */
  diagnostics: Diagnostic[];
  table: SymbolTable;
  occurrences: Occurrence[];
  /** The occurrence whose span contains the offset (touching its end counts, for a cursor after a name). */
  occurrenceAt(path: string, offset: number): Occurrence | undefined;
  occurrencesOf(symbol: Sym): Occurrence[];
  /** The type of the innermost expression at the offset, as the checker shows it. */
  typeAt(path: string, offset: number): string | undefined;
  /** The dimension of the innermost member-typed expression at the offset. */
  memberDimensionAt(path: string, offset: number): DimensionSym | undefined;
  /** The plan's calendar (what a period literal such as `FY2026-Q3` means). */
  calendar: Calendar;
}

/**
 * Checks the plan whose entry file is `entry` (a file with a `plan` header), or a library file on its
 * own (`isPlan` false: no header or people table required).
 */
export function checkPlan(store: DocumentStore, entry: string, isPlan: boolean): Checked {
  const root = store.root ?? dirnameOf(entry);
  const result = isPlan
    ? compile({ root, entry, readFile: store.readFile, lower: false })
    : checkFiles({ root, files: [entry], readFile: store.readFile });
  const program = result.program;
  const occurrences: Occurrence[] = [];
  for (const info of program.symbols) occurrences.push({ symbol: info.symbol, path: info.uri, span: info.span, declaration: true });
  for (const ref of program.references) occurrences.push({ symbol: ref.symbol, path: ref.uri, span: ref.span, declaration: false });
  const byPath = new Map<string, Occurrence[]>();
  const bySymbol = new Map<Sym, Occurrence[]>();
  for (const occ of occurrences) {
    push(byPath, occ.path, occ);
    push(bySymbol, occ.symbol, occ);
  }
  for (const list of byPath.values()) list.sort((a, b) => a.span.start - b.span.start);
  const typeAt = (path: string, offset: number) => program.typeAt(path, offset)?.type;
  return {
    entry,
    files: [...program.files.keys()],
    parses: new Map(
      [...program.files.values()].map((f) => [
        f.uri,
        { text: f.text, output: outputOf(f.parsed) },
      ]),
    ),
    diagnostics: result.diagnostics,
    table: program.table,
    calendar: program.calendar,
    occurrences,
    occurrenceAt(path, offset) {
      let best: Occurrence | undefined;
      for (const occ of byPath.get(path) ?? []) {
        if (occ.span.start > offset) break;
        if (offset <= occ.span.end && (!best || occ.span.end - occ.span.start <= best.span.end - best.span.start)) best = occ;
      }
      return best;
    },
    occurrencesOf(symbol) {
      return bySymbol.get(symbol) ?? [];
    },
    typeAt,
    memberDimensionAt(path, offset) {
      const type = typeAt(path, offset);
      const sym = type === undefined ? undefined : program.table.globals.get(type);
      return sym?.kind === "dimension" ? sym : undefined;
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dirnameOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
