/** Shape 5: revenue, units, margin (floored per sale) and ARR bases (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "05-commission-bases";
const M = "2026-01";

describe("05 commission bases", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("revenue, units and ARR", () => {
    expect(line(r, "M1", M, "on_revenue")).toBe(dec("486.02"));
    expect(line(r, "M1", M, "on_units")).toBe(dec("316.00"));
    expect(line(r, "M1", M, "on_arr")).toBe(dec("240.00"));
  });

  it("margin floored at zero sale by sale (written with if/then/else)", () => {
    expect(line(r, "M1", M, "on_margin")).toBe(dec("733.64"));
  });

  // Was bug B1 (docs/conformance.md): the scalar max(a, b) inside sum(...) was rejected with C0206;
  // fixed in the compiler (bc59fb3).
  it("margin floored with max(..., 0 EUR) inside sum compiles and pays the same", () => {
    expect(compileErrors(CASE, "plan-max.carrot")).toEqual([]);
    const rm = runCase(CASE, {}, undefined, "plan-max.carrot");
    expect(line(rm, "M1", M, "on_margin")).toBe(dec("733.64"));
  });
});
