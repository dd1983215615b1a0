/** Shape 14: a curve with a cliff and a bounded individual modifier (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "14-cliff-and-modifier";
const Q = "2026-Q1";

describe("14 cliff curve and individual modifier", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("below the cliff nothing; exactly on it, the jump to 50%", () => {
    expect(line(r, "C1", Q, "bonus")).toBe(dec("0"));
    expect(line(r, "C2", Q, "bonus")).toBe(dec("5500.00"));
  });

  it("interpolated, flat beyond the last point, modifier clamped to 0.8 .. 1.2", () => {
    expect(line(r, "C3", Q, "bonus")).toBe(dec("18000.00"));
    expect(line(r, "C4", Q, "bonus")).toBe(dec("16000.00"));
    expect(line(r, "C5", Q, "bonus")).toBe(dec("7125.00"));
  });

  // Was bug B2 (docs/conformance.md): the documented `below 80% : 0%` was rejected with C0410;
  // fixed in the compiler (bc59fb3).
  it("the cliff written `below 80% : 0%` as docs/language.md shows compiles and pays the same", () => {
    expect(compileErrors(CASE, "plan-below-x.carrot")).toEqual([]);
    const rb = runCase(CASE, {}, undefined, "plan-below-x.carrot");
    expect(line(rb, "C1", Q, "bonus")).toBe(dec("0"));
    expect(line(rb, "C2", Q, "bonus")).toBe(dec("5500.00"));
  });
});
