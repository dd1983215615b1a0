import type { BundleInput } from "../../src/index.js";

/** The plan a test bundle records. */
export const TEST_PLAN = { name: "P", version: "1", hash: "sha256:" + "c".repeat(64) };

/** A small audit bundle's input (one plan file, no inputs, no run options), with `over` replacing fields. */
export function bundleInput(over: Partial<BundleInput> = {}): BundleInput {
  return {
    tool: { name: "carrot", version: "0.0.0" },
    plan: TEST_PLAN,
    planSources: new Map([["plan.carrot", 'plan "P" {}\n']]),
    entry: "plan.carrot",
    irJson: "{}\n",
    inputs: new Map(),
    run: { periods: null, from: null, to: null },
    resultJson: "",
    reconciliationJson: "{}\n",
    ...over,
  };
}
