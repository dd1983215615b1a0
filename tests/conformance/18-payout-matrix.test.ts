/** Shape 18: a two-input payout matrix, written as one tier table per column (case.md). */
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
});
