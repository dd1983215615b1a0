/**
 * The compiler's entry points: workspace → resolve → check → lower, and the Program that the
 * language server queries (symbols, references, types at a position).
 */
import type { Diagnostic, Span } from "@carrot/language";
import { CALENDAR_YEAR, type Calendar, type PlanIR } from "@carrot/ir";
import { diag } from "./diagnostics/catalogue.js";
import { sortDiagnostics } from "./diagnostics/format.js";
import { Checker, curveTypes, matrixTypes, tierTypes } from "./check/check.js";
import {
  checkComponents,
  checkCredits,
  checkCurves,
  checkCycles,
  checkFx,
  checkLookups,
  checkPayoutBlocks,
  checkPlanHeader,
  checkTables,
  checkTiers,
  checkMatrices,
  checkUnused,
} from "./check/rules.js";
import { checkTests } from "./check/tests.js";
import { showType, type Ty } from "./check/types.js";
import { lowerProgram } from "./lower/lower.js";
import { checkChecks } from "./check/checks.js";
import { dumpTypes } from "./check/print.js";
import { completionsAt, type Completion } from "./completions.js";
import { dumpResolved } from "./resolve/print.js";
import { dumpWorkspace } from "./workspace/print.js";
import { resolveAll } from "./resolve/resolve.js";
import { emptySymbolTable, symbolKindLabel, type Reference, type Sym, type SymbolTable } from "./resolve/symbols.js";
import { readFileOrUndefined } from "./workspace/files.js";
import { loadWorkspace, normalisePath, type LoadedFile, type ReadFile } from "./workspace/workspace.js";

export interface CompileOptions {
  /** Workspace root: imports may not leave it; source-map paths are relative to it. */
  root: string;
  /** The plan file (absolute, or relative to root). */
  entry: string;
  /** Defaults to reading the file system. Return undefined for a missing file. */
  readFile?: ReadFile;
  /**
   * Lower to IR when the plan is clean (default true). An editor that only needs diagnostics and
   * symbols passes false: lowering reports nothing a clean check has not, and costs as much again.
   */
  lower?: boolean;
}

export interface CheckFilesOptions {
  root: string;
  /** Files to check together as a library (no plan header required). */
  files: string[];
  readFile?: ReadFile;
}

/** A declared symbol as the editor sees it. */
export interface SymbolInfo {
  symbol: Sym;
  /** `measure`, `component`, `input table`, `member`, ... */
  kind: string;
  name: string;
  uri: string;
  /** The declaring name (go-to-definition target). */
  span: Span;
  /** The whole declaration. */
  declarationSpan: Span;
  doc: string | undefined;
  /** The symbol's type, e.g. `money (EUR)`, `ratio`, `Category`. */
  typeText: string | undefined;
}

export interface Program {
  root: string;
  entry: string;
  /** Parsed files by uri (absolute path); `file.parsed` is the parser's ParseResult. */
  files: Map<string, LoadedFile>;
  /** The plan's calendar (its `fiscal year`, else calendar years): what a period literal means. */
  calendar: Calendar;
  table: SymbolTable;
  symbols: SymbolInfo[];
  references: Reference[];
  /** The symbol declared or referenced at an offset of a file. */
  symbolAt(uri: string, offset: number): SymbolInfo | undefined;
  /** The innermost typed expression at an offset: its type text and span. */
  typeAt(uri: string, offset: number): { type: string; span: Span } | undefined;
  /** Every reference to a symbol (its declaration not included). */
  referencesTo(symbol: Sym): Reference[];
  /** Completion candidates at an offset (names in scope, or what may follow `x.`), filtered by the word typed. */
  completionsAt(uri: string, offset: number): Completion[];
  /** Dumps of the passes, for tests and debugging: files and imports, resolutions, expression types. */
  dump(pass: "workspace" | "resolved" | "types", uri?: string): string;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** undefined when any diagnostic is an error. */
  ir: PlanIR | undefined;
  program: Program;
}

export function compile(options: CompileOptions): CompileResult {
  return guarded(options.root, [options.entry], true, options.readFile ?? readFileOrUndefined, options.lower ?? true);
}

/** Check library files (no plan header, no people table needed; no IR). */
export function checkFiles(options: CheckFilesOptions): CompileResult {
  return guarded(options.root, options.files, false, options.readFile ?? readFileOrUndefined, false);
}

/** The last line of "nothing throws on user input": an internal failure becomes a diagnostic. */
function guarded(root: string, entries: string[], planMode: boolean, readFile: ReadFile, lower: boolean): CompileResult {
  try {
    return analyse(root, entries, planMode, readFile, lower);
  } catch (error) {
    const entry = normalisePath(entries[0] ?? root);
    const detail =
      error instanceof RangeError
        ? "the plan nests deeper than the compiler can follow"
        : error instanceof Error
          ? error.message
          : String(error);
    const empty: SymbolTable = emptySymbolTable();
    return {
      diagnostics: [diag("C0999", { detail }, entry, { start: 0, end: 0 })],
      ir: undefined,
      program: makeProgram(root, entry, new Map(), empty, [], new Map(), new Map(), undefined, CALENDAR_YEAR),
    };
  }
}

function analyse(root: string, entries: string[], planMode: boolean, readFile: ReadFile, lower: boolean): CompileResult {
  const ws = loadWorkspace({ root, readFile }, entries);
  const diagnostics: Diagnostic[] = [...ws.diagnostics];
  if (ws.files.size === 0) {
    const uri = normalisePath(entries[0] ?? root);
    diagnostics.push(diag("C0103", { path: entries[0] ?? "" }, uri, { start: 0, end: 0 }));
  }
  const resolved = resolveAll(ws);
  diagnostics.push(...resolved.diagnostics);
  const header = checkPlanHeader(ws, planMode && ws.files.size > 0, diagnostics);
  const fxTable = checkFx(ws, resolved, diagnostics);
  const ck = new Checker(resolved, { currency: header?.currency, fx: fxTable !== undefined || hasFx(ws), calendar: header?.calendar ?? CALENDAR_YEAR });
  checkTables(resolved.table, planMode && ws.files.size > 0, ws.entry, diagnostics);
  const payout = checkPayoutBlocks(ws, resolved, ck, header?.currency, diagnostics);
  ck.typeAllValues(resolved.table.values);
  checkCredits(ck, resolved.table, diagnostics);
  checkComponents(ck, resolved.table, diagnostics);
  checkTiers(resolved.table, diagnostics);
  checkMatrices(resolved.table, diagnostics);
  checkCurves(resolved.table, diagnostics);
  checkLookups(resolved.table, resolved, diagnostics);
  const checks = checkChecks(ws, resolved, ck, diagnostics);
  const tests = checkTests(ck, resolved.table, header, diagnostics);
  checkCycles(ck.out.deps, diagnostics);
  diagnostics.push(...ck.out.diagnostics);
  if (planMode) checkUnused(resolved.table, resolved, diagnostics);
  annotateSymbols(resolved.table, ck);

  let ir: PlanIR | undefined;
  const hasError = () => diagnostics.some((d) => d.severity === "error");
  if (lower && planMode && header && !hasError()) {
    try {
      ir = lowerProgram({ ws, table: resolved.table, ck, header, payout, fxTable: fxTable?.name ?? null, tests, checks });
    } catch (error) {
      diagnostics.push(
        diag("C0999", { detail: error instanceof Error ? error.message : String(error) }, ws.entry, {
          start: 0,
          end: 0,
        }),
      );
    }
  }
  // A node typed twice (an error path re-checking its arguments) must not give a rename two edits.
  // Keyed without building a string per reference: the editor recompiles on every edit.
  const seenRefs = new Map<Sym, Map<string, Set<number>>>();
  const references = resolved.references.filter((r) => {
    let byUri = seenRefs.get(r.symbol);
    if (!byUri) seenRefs.set(r.symbol, (byUri = new Map()));
    let spans = byUri.get(r.uri);
    if (!spans) byUri.set(r.uri, (spans = new Set()));
    const key = r.span.start * 2 ** 24 + (r.span.end - r.span.start);
    return spans.has(key) ? false : (spans.add(key), true);
  });
  const program = makeProgram(
    root,
    ws.entry,
    ws.files,
    resolved.table,
    references,
    ck.out.types,
    ck.out.coerced,
    header?.currency,
    header?.calendar ?? CALENDAR_YEAR,
  );
  return { diagnostics: sortDiagnostics(diagnostics), ir, program };
}

function hasFx(ws: ReturnType<typeof loadWorkspace>): boolean {
  for (const f of ws.files.values()) if (f.ast.declarations.some((d) => d.kind === "Fx")) return true;
  return false;
}

/** Type texts for hover on declarations that the checker did not reach (tables, dimensions...). */
function annotateSymbols(table: SymbolTable, ck: Checker) {
  for (const s of table.all) {
    if (s.typeText) continue;
    switch (s.kind) {
      case "column":
        s.typeText = ck.show(ck.columnType(s));
        break;
      case "member":
        s.typeText = s.dimension.name;
        break;
      case "param":
        s.typeText = s.dimension?.name;
        break;
      case "lookup":
        s.typeText = `${s.keyDims.map((d) => d?.name ?? "?").join(", ")} → ${ck.show(ck.lookupValueType(s))}`;
        break;
      case "tiers": {
        const { boundType, valueType, mode } = tierTypes(s);
        const show = (t: Ty | undefined) => (t ? ck.show(t) : "?");
        s.typeText = `${mode} tiers: ${show(boundType)} bands → ${show(valueType)}`;
        break;
      }
      case "matrix": {
        const { rowType, columnType, valueType } = matrixTypes(s);
        const show = (t: Ty | undefined) => (t ? ck.show(t) : "?");
        s.typeText = `matrix: ${show(rowType)} rows × ${show(columnType)} columns → ${show(valueType)}`;
        break;
      }
      case "curve": {
        const { xType, yType } = curveTypes(s);
        s.typeText = `curve: ${xType ? ck.show(xType) : "?"} → ${yType ? ck.show(yType) : "?"}`;
        break;
      }
      case "credit":
        s.typeText = s.rollup
          ? `rollup of ${s.rollup.name}`
          : `credits rows of ${
              [s.source, s.join]
                .filter((t) => t)
                .map((t) => t!.name)
                .join(" joined with ") || "?"
            }`;
        break;
      case "dimension":
        s.typeText = `dimension of ${s.members.size} member${s.members.size === 1 ? "" : "s"}${s.parentDim ? `, under ${s.parentDim.name}` : ""}`;
        break;
      default:
        break;
    }
  }
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function makeProgram(
  root: string,
  entry: string,
  files: Map<string, LoadedFile>,
  table: SymbolTable,
  references: Reference[],
  types: Map<object, Ty>,
  coerced: Map<object, Ty>,
  planCurrency: string | undefined,
  calendar: Calendar,
): Program {
  const info = (s: Sym): SymbolInfo => ({
    symbol: s,
    kind: symbolKindLabel(s),
    name: s.name,
    uri: s.uri,
    span: s.nameSpan,
    declarationSpan: s.span,
    doc: s.doc,
    typeText: s.typeText,
  });
  const symbols = table.all.filter((s) => s.name !== "").map(info);
  const infoBySym = new Map(symbols.map((i) => [i.symbol, i]));
  return {
    root,
    entry,
    files,
    calendar,
    table,
    symbols,
    references,
    symbolAt(uri, offset) {
      let best: { sym: Sym; span: Span } | undefined;
      const consider = (sym: Sym, span: Span) => {
        if (!contains(span, offset)) return;
        if (!best || span.end - span.start < best.span.end - best.span.start) best = { sym, span };
      };
      for (const r of references) if (r.uri === uri) consider(r.symbol, r.span);
      for (const s of table.all) if (s.uri === uri) consider(s, s.nameSpan);
      return best && infoBySym.get(best.sym);
    },
    typeAt(uri, offset) {
      const file = files.get(uri);
      if (!file) return undefined;
      let found: { type: string; span: Span } | undefined;
      const visit = (node: unknown) => {
        if (!node || typeof node !== "object") return;
        if (Array.isArray(node)) {
          node.forEach(visit);
          return;
        }
        const n = node as { span?: Span };
        if (n.span && !contains(n.span, offset)) return;
        const t = coerced.get(node) ?? types.get(node);
        if (t && n.span) found = { type: showType(t, planCurrency), span: n.span };
        for (const [k, v] of Object.entries(node)) if (k !== "span" && v && typeof v === "object") visit(v);
      };
      visit(file.ast.declarations);
      return found;
    },
    referencesTo(symbol) {
      return references.filter((r) => r.symbol === symbol);
    },
    completionsAt(uri, offset) {
      const file = files.get(uri);
      return file ? completionsAt(table, uri, file.text, offset) : [];
    },
    dump(pass, uri) {
      if (pass === "workspace") return dumpWorkspace({ files });
      if (pass === "resolved") return dumpResolved(table, references, files);
      const file = files.get(uri ?? entry);
      return file ? dumpTypes(file, types, coerced, planCurrency) : "";
    },
  };
}
