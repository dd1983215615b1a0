/** Shape 57: a published prorated clawback: the commission of the months not served, clawed back at cancellation (case.md). */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, reconciles, runCase } from "./harness.js";

const CASE = "57-published-prorated-clawback";

describe("57 prorated clawback", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission of 10% in the month of signing", () => {
    expect(line(r, "ag1", "2026-01", "commission")).toBe(dec("1200.00"));
    expect(line(r, "ag1", "2026-02", "commission")).toBe(dec("600.00"));
    expect(line(r, "ag2", "2026-03", "commission")).toBe(dec("2400.00"));
  });

  it("the published case: 6 months served of 12 claws back 50% (600 of 1,200)", () => {
    expect(line(r, "ag1", "2026-07", "clawback")).toBe(dec("-600.00"));
    expect(payable(r, "ag1", "2026-07")).toBe(dec("-600.00"));
  });

  it("3 months served: 9/12 of 600; 9 months served: 3/12 of 2,400; cancelled in its month of signing: all of it", () => {
    expect(line(r, "ag1", "2026-05", "clawback")).toBe(dec("-450.00"));
    expect(line(r, "ag2", "2026-12", "clawback")).toBe(dec("-600.00"));
    expect(line(r, "ag2", "2026-04", "clawback")).toBe(dec("-360.00"));
    expect(payable(r, "ag2", "2026-04")).toBe(dec("0.00"));
  });

  it("the year nets 750 and 1,800; the books balance", () => {
    const year = (p: string) =>
      r.totals.filter((t) => t.person === p).reduce((a, t) => a.plus(t.payable), new Decimal(0)).toFixed();
    expect(year("ag1")).toBe(dec("750.00"));
    expect(year("ag2")).toBe(dec("1800.00"));
    expect(reconciles(r)).toBe(true);
  });
});
