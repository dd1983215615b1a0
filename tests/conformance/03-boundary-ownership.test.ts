/** Shape 3: boundary ownership chosen by the author (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "03-boundary-ownership";
const M = "2026-01";

describe("03 boundary ownership", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("10,000 exactly: upper band when lower-inclusive, lower band when upper-inclusive", () => {
    expect(line(r, "B1", M, "commission_from")).toBe(dec("700.00"));
    expect(line(r, "B1", M, "commission_up_to")).toBe(dec("500.00"));
    expect(line(r, "B1", M, "band_bonus")).toBe(dec("500"));
  });

  it("20,000 exactly, booked on the month's last day", () => {
    expect(line(r, "B3", M, "commission_from")).toBe(dec("1800.00"));
    expect(line(r, "B3", M, "commission_up_to")).toBe(dec("1400.00"));
  });

  it("a value in a gap of both-inclusive bands earns no line, or falls through to the flat rate", () => {
    expect(omitted(r, "B2", M, "band_bonus")).toBe(true);
    expect(line(r, "B2", M, "band_bonus_or_flat")).toBe(dec("50.00"));
    expect(line(r, "B2", M, "commission_from")).toBe(dec("249.98"));
    expect(line(r, "B2", M, "commission_up_to")).toBe(dec("249.98"));
  });
});
