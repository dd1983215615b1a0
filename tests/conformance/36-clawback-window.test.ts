/** Clawback of cancellations within 90 days of booking, edge day included (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "36-clawback-window";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"];

describe("36 clawback window", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("cancellations up to day 90 claw back their part; day 91 does not", () => {
    expect(months.map((m) => line(r, "R", m, "clawback"))).toEqual(["0", "0", "-400.00", "-4000.00", "0"].map(dec));
  });

  it("statements net to the commission kept", () => {
    expect(months.map((m) => payable(r, "R", m))).toEqual(["6000.00", "1000.00", "-400.00", "-4000.00", "0"].map(dec));
  });
});
