/** Split shares outside 0..100% and non-positive exchange rates are data errors (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, runCase } from "./harness.js";

const CASE = "43-impossible-shares-rates";

describe("43 impossible shares and rates", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  // Was bug B14: shares of 150% and -50% passed because they add up to 100%; fixed in the runtime
  // (fbd479d: R0031).
  it("a share outside 0..100% is reported (or S-1 left uncredited) and the run is incomplete", () => {
    const reported =
      r.diagnostics.some((d) => d.file === "deal_team.csv" && (d.row === 2 || d.row === 3)) ||
      r.reconciliation.some((x) => x.uncreditedRows.some((u) => u.key === "S-1"));
    expect(reported).toBe(true);
    expect(r.complete).toBe(false);
  });

  // Was bug B15: exchange rates of 0 and -1.2 were used as given; fixed in the runtime (fbd479d: R0032).
  it("a zero or negative exchange rate is a data error and the run is incomplete", () => {
    expect(r.diagnostics.filter((d) => d.file === "fx_rates.csv").map((d) => d.row).sort()).toEqual([2, 3]);
    expect(r.complete).toBe(false);
  });
});
