/** A reporting-line cycle terminates and is reported as a data error (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "44-reporting-cycle";
const Q = "2026-Q1";

describe("44 reporting-line cycle", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("evaluation terminates and commissions are right", () => {
    expect(["A", "B", "C", "E"].map((p) => line(r, p, Q, "commission"))).toEqual(["100.00", "0", "100.00", "100.00"].map(dec));
  });

  // Was bug B16: a cycle (A <-> B) and a self-manager (C) were not reported; fixed in the runtime
  // (fbd479d: R0033 on each row).
  it("the cycle and the self-manager are reported and the run is incomplete", () => {
    const rows = r.diagnostics.filter((d) => d.file === "reps.csv").map((d) => d.row);
    expect(rows).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(r.complete).toBe(false);
  });
});
