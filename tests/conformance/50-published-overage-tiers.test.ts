/** Shape 50: a published accelerator question, its worked example and its "all four tiers" case (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "50-published-overage-tiers";

describe("50 accelerator slices over quota", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the published example: 2,500 x 125% + 1,500 x 150% at 140% of quota", () => {
    expect(line(r, "r140", "2026-01", "accelerator_pay")).toBe(dec("5375.00"));
  });

  it("205% of quota reaches all four tiers; exactly quota earns nothing", () => {
    expect(line(r, "r205", "2026-01", "accelerator_pay")).toBe(dec("16625.00"));
    expect(line(r, "r100", "2026-01", "accelerator_pay")).toBe(dec("0.00"));
  });
});
