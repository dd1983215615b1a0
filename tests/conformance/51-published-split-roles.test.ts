/** Shape 51: a published glossary's split-commission examples (SDR/AE, territory overlap, hand-off), figures from case.md. */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "51-published-split-roles";
const M = "2026-03";

describe("51 split commission by role", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("SDR/AE: 2% of the SDR's 15% share plus 50 per meeting = 350; the AE's 10% of 85% = 8,500", () => {
    expect(line(r, "sdr", M, "commission")).toBe(dec("300.00"));
    expect(line(r, "sdr", M, "meeting_fee")).toBe(dec("50.00"));
    expect(payable(r, "sdr", M)).toBe(dec("350.00"));
    expect(payable(r, "ae", M)).toBe(dec("8500.00"));
    expect(line(r, "ae", M, "meeting_fee")).toBeUndefined();
  });

  it("territory overlap 60/40 of 100,000 at 10%: 6,000 and 4,000", () => {
    expect(payable(r, "repA", M)).toBe(dec("6000.00"));
    expect(payable(r, "repB", M)).toBe(dec("4000.00"));
  });

  it("hand-off 60/40 of 80,000 at 10%: the departing rep 4,800 (credited after leaving), the new rep 3,200", () => {
    expect(payable(r, "leaver", M)).toBe(dec("4800.00"));
    expect(payable(r, "newrep", M)).toBe(dec("3200.00"));
  });

  it("every deal is credited once in full", () => {
    expect(reconciles(r)).toBe(true);
    const deals = r.reconciliation.filter((x) => x.table === "deals" && x.period === M);
    expect(deals.map((x) => dec(x.credited))).toEqual([dec("280000.00")]);
  });
});
