/**
 * Shared plumbing of the example tests: compile an example plan, load its `data/` folder, run it,
 * and read figures out of the result. Figures are compared as exact decimals (`3392.00` = `3392`),
 * so the tests pin amounts, not how the runtime chooses to print trailing zeros.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { compile } from "@carrot/compiler";
import type { PlanIR } from "@carrot/ir";
import { evaluate, loadDataset, type EvaluateOptions, type RunResult } from "@carrot/runtime";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EXAMPLES = ["pharma-field-force", "saas-account-executive", "multi-currency"] as const;
export type Example = (typeof EXAMPLES)[number];

export const examplePath = (example: Example, ...parts: string[]): string => join(ROOT, "examples", example, ...parts);

export interface CompileDiagnostic {
  code: string;
  severity: string;
  message: string;
}

export interface Compiled {
  ir: PlanIR | undefined;
  diagnostics: CompileDiagnostic[];
}

const compiledCache = new Map<Example, Compiled>();

export function compileExample(example: Example): Compiled {
  const cached = compiledCache.get(example);
  if (cached) return cached;
  const out = compile({ root: ROOT, entry: examplePath(example, "plan.carrot") });
  const compiled: Compiled = { ir: out.ir ?? undefined, diagnostics: out.diagnostics };
  compiledCache.set(example, compiled);
  return compiled;
}

/** The example's CSV files keyed by file name, as `loadDataset` takes them. */
export function readData(example: Example): Record<string, string> {
  const dir = examplePath(example, "data");
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()) {
    files[name] = readFileSync(join(dir, name), "utf8");
  }
  return files;
}

export function runExample(example: Example, options: EvaluateOptions = {}, files: Record<string, string> = readData(example)): RunResult {
  const { ir, diagnostics } = compileExample(example);
  if (!ir) throw new Error(`${example} did not compile:\n${diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
  return evaluate(ir, loadDataset(ir, files), options);
}

// ---------------------------------------------------------------------------------------------
// Reading figures out of a result

export function lineAmount(result: RunResult, person: string, period: string, component: string, member: string | null = null): string | undefined {
  return result.lines.find((l) => l.person === person && l.period === period && l.component === component && l.member === member)?.amount;
}

export function lineOf(result: RunResult, person: string, period: string, component: string, member: string | null = null) {
  return result.lines.find((l) => l.person === person && l.period === period && l.component === component && l.member === member);
}

export function totalOf(result: RunResult, person: string, period: string) {
  return result.totals.find((t) => t.person === person && t.period === period);
}

export function adjustmentsOf(result: RunResult, person: string, period: string, kind?: string) {
  return result.adjustments.filter((a) => a.person === person && a.period === period && (kind === undefined || a.kind === kind));
}

export function measureOf(result: RunResult, person: string, period: string, name: string, args: string[] = []): string | null | undefined {
  return result.measures.find((m) => m.person === person && m.period === period && m.name === name && m.args.join(",") === args.join(","))?.value;
}

/** Sum of decimal strings, exactly. */
export function sumOf(amounts: (string | undefined)[]): string {
  return amounts.reduce((acc: Decimal, a) => acc.plus(a ?? "0"), new Decimal(0)).toFixed();
}

/**
 * `expect(amount(x)).toBe(amount("3392.00"))`: the canonical text of a decimal (no trailing zeros),
 * or `undefined`/`null` unchanged so a missing figure fails with a readable message.
 */
export function amount(text: string | null | undefined): string | null | undefined {
  if (text === null || text === undefined) return text;
  return new Decimal(text).toFixed();
}

/** Rows of a CSV text, header excluded, as objects. The example files hold no quoted commas. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i], cell])));
}

/** The same CSV with its data rows in another (deterministic) order: a reversal then an interleave. */
export function reorderRows(text: string): string {
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  const reversed = [...lines].reverse();
  const odd = reversed.filter((_, i) => i % 2 === 1);
  const even = reversed.filter((_, i) => i % 2 === 0);
  return [header, ...odd, ...even].join("\n") + "\n";
}
