/** Shape 18: a two-input payout matrix, as one tier table per column and as a `matrix` (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "18-payout-matrix";
const Q = "2026-Q1";

describe("18 payout matrix", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("picks the cell by both inputs, edges belonging to the higher band", () => {
    expect(line(r, "X1", Q, "bonus")).toBe(dec("5000.00"));
    expect(line(r, "X2", Q, "bonus")).toBe(dec("10000.00"));
    expect(line(r, "X3", Q, "bonus")).toBe(dec("0"));
    expect(line(r, "X4", Q, "bonus")).toBe(dec("5000.00"));
  });

  it("a matrix declaration gives the same bonuses, with the cell traced by both bands", () => {
    expect(compileErrors(CASE, "plan-matrix.carrot")).toEqual([]);
    const m = runCase(CASE, {}, undefined, "plan-matrix.carrot");
    expect(["X1", "X2", "X3", "X4"].map((p) => line(m, p, Q, "bonus"))).toEqual(["5000.00", "10000.00", "0", "5000.00"].map(dec));
    expect(["X1", "X2", "X3", "X4"].map((p) => line(m, p, Q, "bonus"))).toEqual(["X1", "X2", "X3", "X4"].map((p) => line(r, p, Q, "bonus")));
    const x2 = m.lines.find((l) => l.person === "X2" && l.component === "bonus")!;
    expect(x2.trace.steps.find((s) => s.kind === "matrix")).toEqual({
      kind: "matrix",
      matrix: "bonus_pct",
      row: { input: "1.1", band: "1.1 .. " },
      column: { input: "0.3", band: "0.3 .. " },
      value: "2",
    });
  });
});
