/** Shape 11: tiers reset each month vs tiers on year-to-date attainment (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "11-reset-vs-ytd";
const months = ["2026-01", "2026-02", "2026-03", "2026-04"];

describe("11 reset vs year-to-date tiers", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("reset: each month tiered alone", () => {
    expect(months.map((m) => line(r, "Y", m, "reset_monthly"))).toEqual(["300.00", "1100.00", "400.00", "0"].map(dec));
  });

  it("year to date: each month pays the increment of the year-to-date commission", () => {
    expect(months.map((m) => line(r, "Y", m, "on_ytd"))).toEqual(["300.00", "900.00", "300.00", "0"].map(dec));
  });
});
