import { planIrSchema, type PlanIR } from "@carrot/ir";
import type { DataDiagnostic } from "../diagnostics.js";

const JITLESS = { jitless: true } as const;

/**
 * Checks that a value (typically parsed from plan.ir.json) is a plan IR this runtime can evaluate.
 * Every schema problem is an R0001 diagnostic naming the path inside the IR.
 *
 * The schema is checked without zod's compiled fast path (`jitless`): the same checks and issues,
 * but zod's first parse no longer generates and compiles a parser per object shape (~20 ms of a
 * run's fixed cost; a process typically validates one IR, so that code never paid back).
 */
export function validateIr(value: unknown): { ok: true; ir: PlanIR } | { ok: false; diagnostics: DataDiagnostic[] } {
  const parsed = planIrSchema.safeParse(value, JITLESS);
  if (parsed.success) return { ok: true, ir: value as PlanIR };
  return {
    ok: false,
    diagnostics: parsed.error.issues.slice(0, 20).map((issue) => ({
      code: "R0001",
      severity: "error" as const,
      message: `invalid IR at ${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`,
      file: null,
      row: null,
      column: null,
      help: "Rebuild the IR with the compiler of the same Carrot version as the runtime.",
    })),
  };
}
