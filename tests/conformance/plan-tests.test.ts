/**
 * The `test` blocks written inside the conformance plans (hand-computed expectations in Carrot's
 * own test syntax) pass when run by the runtime's test runner, as `carrot test` runs them.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CASES, compileCase, failingPlanTests } from "./harness.js";

const withTests = readdirSync(CASES)
  .filter((d) => /^\d{2,}-/.test(d) && statSync(join(CASES, d)).isDirectory())
  .filter((d) => (compileCase(d).ir?.tests.length ?? 0) > 0)
  .sort();

describe("test blocks inside the conformance plans", () => {
  it("at least four plans carry test blocks", () => {
    expect(withTests.length).toBeGreaterThanOrEqual(4);
  });
  for (const name of withTests) {
    it(name, () => {
      expect(failingPlanTests(name)).toEqual([]);
    });
  }
});
