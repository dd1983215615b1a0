import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "@carrot/compiler";
import { evaluate, toTable, traceLines, runTests } from "@carrot/runtime";
import { loadDataDir } from "@carrot/runtime/node";

const root = resolve(__dirname, "../../../..");
const example = resolve(root, "examples/pharma-field-force");

describe("toTable", () => {
  it("ends with the reconciliation: in = credited + uncredited, and every uncredited row with its reason", async () => {
    const { ir } = compile({ root, entry: resolve(example, "plan.carrot") });
    const result = evaluate(ir!, await loadDataDir(ir!, resolve(example, "data")));
    const text = toTable(result);
    expect(text).toContain("reconciliation (in = credited + uncredited):");
    for (const r of result.reconciliation) {
      // every period's line carries the three sums, shown with two decimals
      const line = text.split("\n").find((l) => l.includes(` ${r.period} `) && l.trimStart().startsWith(r.table));
      expect(line, r.period).toBeDefined();
      expect(line).toMatch(/\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d\d$/);
    }
    const uncredited = result.reconciliation.flatMap((r) => r.uncreditedRows);
    expect(uncredited.length).toBeGreaterThan(0);
    expect(text).toContain(`uncredited rows (${uncredited.length}):`);
    for (const u of uncredited) expect(text).toMatch(new RegExp(`${u.key}\\s+\\d+\\.\\d\\d\\s+${u.reason}`));
  });
});

describe("traceLines", () => {
  it("renders a test expectation's trace as explain does", () => {
    const { ir } = compile({ root, entry: resolve(example, "plan.carrot") });
    const outcome = runTests(ir!).find((t) => t.expectations.some((e) => e.target === "component" && e.trace));
    expect(outcome).toBeDefined();
    const expectation = outcome!.expectations.find((e) => e.target === "component" && e.trace)!;
    const lines = traceLines(expectation.trace!);
    expect(lines[0]).toMatch(/^ {2}rule component:/);
    expect(lines.length).toBeGreaterThan(1);
  });
});
