/**
 * Every conformance case, run again with the rows of each data file in another order (reversed,
 * then odd rows before even rows): the results must be identical, byte for byte once serialised.
 * Same plan + same data = same output, whatever the row order. And in every case the books balance:
 * rows in = credited + uncredited, and the uncredited rows listed add up to the uncredited total.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { toJson, type RunResult } from "@carrot/runtime";
import { CASES, caseData, compileCase, runCase } from "./harness.js";

function reorder(text: string): string {
  const [header, ...rows] = text.trimEnd().split(/\r?\n/);
  const reversed = [...rows].reverse();
  return [header, ...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)].join("\n") + "\n";
}

/**
 * The result's canonical JSON, except that data diagnostics are compared as a set without their row
 * numbers: a reported row moves with the reordering, and its diagnostic must name where it now is.
 */
function canonical(r: RunResult): string {
  const diagnostics = r.diagnostics.map((d) => JSON.stringify({ ...d, row: null })).sort();
  return toJson({ ...r, diagnostics: [] }) + diagnostics.join("\n");
}

const cases = readdirSync(CASES)
  .filter((d) => /^\d{2,}-/.test(d) && statSync(join(CASES, d)).isDirectory())
  .sort();

describe("conformance cases do not depend on input row order", () => {
  for (const name of cases) {
    it(name, () => {
      if (!compileCase(name).ir) return; // a case pinned as not compiling has nothing to run
      const files = caseData(name);
      const shuffled = Object.fromEntries(Object.entries(files).map(([f, text]) => [f, reorder(text)]));
      expect(canonical(runCase(name, {}, shuffled))).toBe(canonical(runCase(name, {}, files)));
    });
  }
});

describe("conformance cases account for every credited row", () => {
  for (const name of cases) {
    it(name, () => {
      if (!compileCase(name).ir) return;
      const r = runCase(name);
      for (const x of r.reconciliation) {
        expect(new Decimal(x.amountIn).equals(new Decimal(x.credited).plus(x.uncredited)), `${x.table} ${x.period}`).toBe(true);
        const listed = x.uncreditedRows.reduce((s, u) => s.plus(u.amount), new Decimal(0));
        expect(listed.equals(x.uncredited), `${x.table} ${x.period} uncredited rows`).toBe(true);
      }
    });
  }
});
