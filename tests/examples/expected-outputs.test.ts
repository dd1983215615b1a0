/**
 * Each example's committed expected outputs: the payout lines and totals (`expected/payouts.csv`,
 * as `carrot run --format csv` writes them) and the reconciliation (`expected/reconciliation.json`).
 * A change to the compiler or the runtime that moves any figure shows here as a diff to review.
 * Re-record with `UPDATE_GOLDEN=1 npx vitest run tests/examples` after reviewing why they moved.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@carrot/ir";
import { toCsv } from "@carrot/runtime";
import { EXAMPLES, examplePath, runExample } from "./harness.js";

const update = process.env.UPDATE_GOLDEN === "1";

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    if (!update) throw new Error(`missing golden ${path}; record it with UPDATE_GOLDEN=1`);
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe.each(EXAMPLES)("%s expected outputs", (example) => {
  it("payout lines, adjustments and totals match expected/payouts.csv", () => {
    if (update) mkdirSync(examplePath(example, "expected"), { recursive: true });
    const result = runExample(example);
    expect(result.complete).toBe(true);
    golden(examplePath(example, "expected", "payouts.csv"), toCsv(result));
  });

  it("the reconciliation matches expected/reconciliation.json", () => {
    const result = runExample(example);
    golden(examplePath(example, "expected", "reconciliation.json"), canonicalJson(result.reconciliation, true));
  });
});
