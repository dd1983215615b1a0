/** Shape 23: a booking netted against the commission paid on the deal it replaces (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "23-linked-deals";

describe("23 linked deals", () => {
  it("nets the replaced deal's commission, never below zero", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(["2026-01", "2026-02", "2026-03", "2026-04"].map((m) => line(r, "U", m, "commission"))).toEqual(["5000.00", "0", "3000.00", "2000.00"].map(dec));
  });
});
