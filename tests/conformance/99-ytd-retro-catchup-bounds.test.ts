/** Year-to-date tiers paid as catch-ups, marginal vs retroactive, on the bounds; a return clawed back (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "99-ytd-retro-catchup-bounds";
const qs = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];

describe("99 year-to-date catch-up on the bounds", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("marginal", () => {
    expect(qs.map((p) => line(r, "K", p, "marginal"))).toEqual(["1800.00", "1500.00", "1500.00", "-500.00"].map(dec));
  });
  it("retroactive, bound in the band above", () => {
    expect(qs.map((p) => line(r, "K", p, "retro_from"))).toEqual(["3000.00", "1500.00", "3900.00", "-2900.00"].map(dec));
  });
  it("retroactive, bound in the band below", () => {
    expect(qs.map((p) => line(r, "K", p, "retro_up_to"))).toEqual(["1800.00", "2700.00", "1500.00", "-500.00"].map(dec));
  });
  it("Q4 payable", () => {
    expect(payable(r, "K", "2026-Q4")).toBe(dec("-3900.00"));
  });
});
