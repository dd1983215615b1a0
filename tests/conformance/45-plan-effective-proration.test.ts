/** Proration counts only days inside the plan's effective dates (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "45-plan-effective-proration";

describe("45 proration within the plan's effective dates", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("full quarters inside the plan pay the full target; sales outside the plan are not paid", () => {
    expect(line(r, "A", "2026-Q2", "target_bonus")).toBe(dec("9000.00"));
    expect(line(r, "A", "2026-Q3", "target_bonus")).toBe(dec("9000.00"));
    expect(line(r, "A", "2026-Q1", "commission")).toBe(dec("100.00"));
    expect(line(r, "A", "2026-Q4", "commission")).toBe(dec("0"));
    expect(r.reconciliation.flatMap((x) => x.uncreditedRows.map((u) => [u.key, u.reason])).sort()).toEqual([
      ["S-1", "outside-plan"],
      ["S-3", "outside-plan"],
    ]);
  });

  // Was bug B17: prorate() ignored the plan's effective dates; fixed in the runtime (8c82a70).
  it("the first and last quarters are prorated to the plan's days", () => {
    expect(line(r, "A", "2026-Q1", "target_bonus")).toBe(dec("4500.00"));
    expect(line(r, "H", "2026-Q1", "target_bonus")).toBe(dec("3100.00"));
    expect(line(r, "A", "2026-Q4", "target_bonus")).toBe(dec("5967.39"));
  });
});
