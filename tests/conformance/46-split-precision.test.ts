/** Split shares with twenty decimals credit exactly (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, measure, reconciles, runCase } from "./harness.js";

const CASE = "46-split-precision";
const Q = "2026-Q1";

describe("46 split precision", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("credits each share exactly", () => {
    expect(measure(r, "A", Q, "revenue")).toBe(dec("1501.2295678901234567889"));
    expect(measure(r, "B", Q, "revenue")).toBe(dec("2498.7604321098765432109"));
    expect(measure(r, "C", Q, "revenue")).toBe(dec("1000.0000000000000000002"));
  });

  it("pays the rounded commission and accounts for every sale", () => {
    expect(["A", "B", "C"].map((p) => line(r, p, Q, "commission"))).toEqual(["150.12", "249.88", "100.00"].map(dec));
    expect(reconciles(r)).toBe(true);
    expect(r.reconciliation.flatMap((x) => x.uncreditedRows)).toEqual([]);
  });
});
