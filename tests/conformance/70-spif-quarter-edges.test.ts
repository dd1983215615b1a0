/** A SPIF window from 16 March to 15 April in a quarterly plan; sales dated outside the plan year (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "70-spif-quarter-edges";

describe("70 SPIF window across a quarter end", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("both edges of the window count, the days either side do not", () => {
    expect(line(r, "S", "2026-Q1", "nova_spif")).toBe(dec("400.00"));
    expect(line(r, "S", "2026-Q2", "nova_spif")).toBe(dec("200.00"));
    expect(line(r, "S", "2026-Q3", "nova_spif")).toBeUndefined();
    expect(line(r, "S", "2026-Q4", "nova_spif")).toBeUndefined();
  });

  it("commission on every sale inside the plan year, nothing for those outside", () => {
    expect(line(r, "S", "2026-Q1", "commission")).toBe(dec("750.00"));
    expect(line(r, "S", "2026-Q2", "commission")).toBe(dec("1000.00"));
    expect(line(r, "S", "2026-Q3", "commission")).toBe(dec("0"));
    expect(line(r, "S", "2026-Q4", "commission")).toBe(dec("0"));
    expect(payable(r, "S", "2026-Q1")).toBe(dec("1150.00"));
    expect(payable(r, "S", "2026-Q2")).toBe(dec("1200.00"));
  });

  it("the sales dated outside the plan year are reported uncredited, outside-plan", () => {
    const rows = r.reconciliation.flatMap((x) => x.uncreditedRows).map((u) => [u.key, u.reason, dec(u.amount)]);
    expect(rows.sort()).toEqual([["O1", "outside-plan", dec("9000")], ["O2", "outside-plan", dec("8000")]]);
    expect(reconciles(r)).toBe(true);
  });
});
