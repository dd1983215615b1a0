/** Shape 10: the multiplier of the band reached applies to the whole overage (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, payable, runCase } from "./harness.js";

const CASE = "10-accelerator-on-overage";
const Q = "2026-Q1";

describe("10 accelerator on the overage", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("below quota: base only, the accelerator is a gated zero", () => {
    expect(line(r, "A1", Q, "base_commission")).toBe(dec("19000.00"));
    expect(line(r, "A1", Q, "accelerator")).toBe(dec("0"));
    expect(lineStatus(r, "A1", Q, "accelerator")).toBe("gated");
  });

  it("exactly 120% takes the x2 band on the whole overage", () => {
    expect(line(r, "A2", Q, "accelerator")).toBe(dec("8000.00"));
    expect(payable(r, "A2", Q)).toBe(dec("28000.00"));
  });

  it("155% takes x3 on the whole overage, not band by band", () => {
    expect(line(r, "A3", Q, "accelerator")).toBe(dec("33000.00"));
    expect(payable(r, "A3", Q)).toBe(dec("53000.00"));
  });

  it("exactly 100%: the overage is zero", () => {
    expect(line(r, "A4", Q, "accelerator")).toBe(dec("0"));
    expect(payable(r, "A4", Q)).toBe(dec("20000.00"));
  });
});
