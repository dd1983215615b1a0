/**
 * Shared steps of the commands: compile a plan file (or read a built IR), print diagnostics, load a
 * data folder. Diagnostics go to stderr as `path:line:col: severity CODE message`.
 */
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { compile, formatDiagnostic, sortDiagnostics, type CompileResult } from "@carrot/compiler";
import { planIrSchema, type PlanIR } from "@carrot/ir";
import type { Diagnostic } from "@carrot/language";
import type { DataDiagnostic, Dataset } from "@carrot/runtime";
import { loadDataDir, loadDataFiles, type LoadOptions } from "@carrot/runtime/node";
import { displayPath, workspaceRoot } from "./files.js";
import type { Io } from "./io.js";

export interface LoadedPlan {
  ir: PlanIR;
  /** Absolute path of the plan (or IR) file. */
  path: string;
  /** The plan's source files (absolute path → text); empty when loaded from a built IR. */
  sources: Map<string, string>;
}

/** Prints compiler diagnostics of one compile result; returns the number of errors. */
export function printCompileDiagnostics(result: CompileResult, diagnostics: Diagnostic[], io: Io): number {
  let errors = 0;
  for (const d of sortDiagnostics(diagnostics)) {
    const file = result.program.files.get(d.uri);
    const text = file?.text ?? safeRead(d.uri);
    io.stderr.write(formatDiagnostic(d, text, displayPath(d.uri, io.cwd)) + "\n");
    if (d.severity === "error") errors++;
  }
  return errors;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/**
 * A plan from `path`: a `.carrot` file is compiled (diagnostics printed, warnings included unless
 * `quiet`); a `.json` file is read as a built IR and validated. Undefined when it cannot be used.
 */
export function loadPlan(path: string, io: Io, options: { quiet?: boolean } = {}): LoadedPlan | undefined {
  const abs = resolve(io.cwd, path);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    // reported below
  }
  if (!isFile) {
    io.stderr.write(`carrot: no such plan file: ${path}\n`);
    return undefined;
  }
  if (abs.endsWith(".json")) return loadBuiltIr(abs, io);
  const result = compile({ root: workspaceRoot(abs), entry: abs });
  const shown = options.quiet ? result.diagnostics.filter((d) => d.severity === "error") : result.diagnostics;
  const errors = printCompileDiagnostics(result, shown, io);
  if (errors > 0 || !result.ir) {
    io.stderr.write(`carrot: ${displayPath(abs, io.cwd)} has ${errors} error${errors === 1 ? "" : "s"}; nothing was run\n`);
    return undefined;
  }
  const sources = new Map<string, string>();
  for (const [uri, file] of result.program.files) sources.set(uri, file.text);
  return { ir: result.ir, path: abs, sources };
}

function loadBuiltIr(abs: string, io: Io): LoadedPlan | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(abs, "utf8"));
  } catch (error) {
    io.stderr.write(`carrot: ${displayPath(abs, io.cwd)} is not JSON: ${(error as Error).message}\n`);
    return undefined;
  }
  const parsed = planIrSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.stderr.write(
      `carrot: ${displayPath(abs, io.cwd)} is not a Carrot IR: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "schema mismatch"}\n`,
    );
    return undefined;
  }
  return { ir: parsed.data as PlanIR, path: abs, sources: new Map() };
}

/** Loads a data folder or a list of CSV files (comma-separated or repeated). */
export async function loadData(ir: PlanIR, data: string | string[], io: Io, options: LoadOptions = {}): Promise<Dataset> {
  const paths = (Array.isArray(data) ? data : [data]).flatMap((d) => d.split(",")).map((p) => resolve(io.cwd, p));
  if (paths.length === 1 && statSync(paths[0]!, { throwIfNoEntry: false })?.isDirectory()) {
    return loadDataDir(ir, paths[0]!, options);
  }
  return loadDataFiles(ir, paths, options);
}

export function formatDataDiagnostic(d: DataDiagnostic): string {
  const where = [d.file, d.row !== null ? `row ${d.row}` : null, d.column !== null ? `column ${d.column}` : null]
    .filter((x) => x !== null)
    .join(", ");
  const ctx = d.context
    ? Object.entries(d.context)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")
    : "";
  const head = `${where ? where + ": " : ""}${d.severity} ${d.code} ${d.message}${ctx ? ` (${ctx})` : ""}`;
  const detail = d.detail ? `\n  ${d.detail}` : "";
  return d.help ? `${head}${detail}\n  help: ${d.help}` : head + detail;
}

/** Prints data diagnostics; returns the number of errors. */
export function printDataDiagnostics(diagnostics: readonly DataDiagnostic[], io: Io): number {
  let errors = 0;
  for (const d of diagnostics) {
    io.stderr.write(formatDataDiagnostic(d) + "\n");
    if (d.severity === "error") errors++;
  }
  return errors;
}
