/**
 * Plumbing of the conformance cases: compile `tests/conformance/<case>/plan.carrot`, load the
 * case's `data/*.csv`, run it, and read figures out of the result as canonical decimal text, so a
 * test pins an amount (`1200.00` = `1200`) and never how the runtime prints trailing zeros.
 *
 * The expected figures of every case are computed by hand in its `case.md`; nothing here reads
 * Carrot's output back into an expectation.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { compile } from "@carrot/compiler";
import type { PlanIR } from "@carrot/ir";
import { evaluate, loadDataset, runTests, type EvaluateOptions, type RunResult } from "@carrot/runtime";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CASES = fileURLToPath(new URL(".", import.meta.url));

export interface CompiledCase {
  ir: PlanIR | undefined;
  diagnostics: { code: string; severity: string; message: string }[];
}

const cache = new Map<string, CompiledCase>();

/** Compile a case's plan (`plan.carrot`, or another plan file of the case folder). */
export function compileCase(name: string, file = "plan.carrot"): CompiledCase {
  const key = `${name}/${file}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = compile({ root: ROOT, entry: join(CASES, name, file) });
  const compiled: CompiledCase = { ir: out.ir ?? undefined, diagnostics: out.diagnostics };
  cache.set(key, compiled);
  return compiled;
}

/** Error diagnostics of a compile, as `CODE message` lines (empty when the plan compiles). */
export function compileErrors(name: string, file = "plan.carrot"): string[] {
  return compileCase(name, file)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);
}

export function caseData(name: string): Record<string, string> {
  const dir = join(CASES, name, "data");
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv")).sort()) files[f] = readFileSync(join(dir, f), "utf8");
  return files;
}

export function runCase(name: string, options: EvaluateOptions = {}, files: Record<string, string> = caseData(name), file = "plan.carrot"): RunResult {
  const { ir, diagnostics } = compileCase(name, file);
  if (!ir) throw new Error(`${name} did not compile:\n${diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
  return evaluate(ir, loadDataset(ir, files), options);
}

/** The plan's own `test` blocks: names of those that failed (empty when all pass). */
export function failingPlanTests(name: string, file = "plan.carrot"): string[] {
  const { ir } = compileCase(name, file);
  if (!ir) return [`${name} did not compile`];
  return runTests(ir)
    .filter((t) => !t.passed)
    .map((t) => t.name);
}

/** Canonical text of an exact decimal; undefined/null pass through so a missing figure reads as such. */
export function dec(text: string | null | undefined): string | null | undefined {
  if (text === null || text === undefined) return text;
  return new Decimal(text).toFixed();
}

/** The amount of one component line (undefined when there is no line). */
export function line(r: RunResult, person: string, period: string, component: string, member: string | null = null) {
  return dec(r.lines.find((l) => l.person === person && l.period === period && l.component === component && l.member === member)?.amount);
}

export function lineStatus(r: RunResult, person: string, period: string, component: string, member: string | null = null) {
  return r.lines.find((l) => l.person === person && l.period === period && l.component === component && l.member === member)?.status;
}

/** True when the component's payout had no value: no line at all, reported as omitted. */
export function omitted(r: RunResult, person: string, period: string, component: string, member: string | null = null): boolean {
  const hasLine = r.lines.some((l) => l.person === person && l.period === period && l.component === component && l.member === member);
  const isOmitted = r.omitted.some((l) => l.person === person && l.period === period && l.component === component && l.member === member);
  return !hasLine && isOmitted;
}

export function payable(r: RunResult, person: string, period: string) {
  return dec(r.totals.find((t) => t.person === person && t.period === period)?.payable);
}

export function earned(r: RunResult, person: string, period: string) {
  return dec(r.totals.find((t) => t.person === person && t.period === period)?.earned);
}

/** Sum of the adjustment lines of one kind (undefined when there is none). */
export function adjustment(r: RunResult, person: string, period: string, kind: string) {
  const found = r.adjustments.filter((a) => a.person === person && a.period === period && a.kind === kind);
  if (found.length === 0) return undefined;
  return found.reduce((acc, a) => acc.plus(a.amount), new Decimal(0)).toFixed();
}

export function measure(r: RunResult, person: string, period: string, name: string, args: string[] = []) {
  return dec(r.measures.find((m) => m.person === person && m.period === period && m.name === name && m.args.join(",") === args.join(","))?.value);
}

/** Every input row accounted for: per table and period, in = credited + uncredited. */
export function reconciles(r: RunResult): boolean {
  return r.reconciliation.every((x) => new Decimal(x.amountIn).equals(new Decimal(x.credited).plus(x.uncredited)));
}
