/** Shape 27: a mid-quarter move between plan versions, no double credit (case.md). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { CASES, caseData, compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "27-plan-version-move";
const Q = "2026-Q1";

describe("27 moving between plan versions", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("each sale under the version in force on its date, the switch day under the new one", () => {
    expect(line(r, "K", Q, "commission", "V1")).toBe(dec("500.00"));
    expect(line(r, "K", Q, "commission", "V2")).toBe(dec("1200.00"));
  });

  it("the target bonus prorated by days under each version", () => {
    expect(line(r, "K", Q, "bonus", "V1")).toBe(dec("1500.00"));
    expect(line(r, "K", Q, "bonus", "V2")).toBe(dec("3000.00"));
    expect(line(r, "K", "2026-Q2", "bonus", "V2")).toBe(dec("6000.00"));
    expect(line(r, "K", "2026-Q2", "bonus", "V1")).toBe(dec("0"));
  });

  // Was bug B4 (docs/conformance.md): an overlap paid S-2 under both versions, silently; fixed in
  // the runtime (ed7cc4d: one credit per person and row, warning R0045).
  it("overlapping assignments never credit the same sale twice to the same person", () => {
    const files = { ...caseData(CASE), "assignments.csv": readFileSync(join(CASES, CASE, "data-overlap", "assignments.csv"), "utf8") };
    const o = runCase(CASE, {}, files);
    const reported =
      o.diagnostics.some((d) => JSON.stringify(d).includes("S-2")) || o.reconciliation.some((x) => x.uncreditedRows.some((u) => u.key === "S-2"));
    const creditedOnce = line(o, "K", Q, "commission", "V1") === dec("500.00") || line(o, "K", Q, "commission", "V2") === dec("400.00");
    expect(reported || creditedOnce).toBe(true);
  });
});
