/** Category rates with brand exceptions, a launch SPIF per net unit in a date window (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, payable, reconciles, runCase } from "./harness.js";

const CASE = "74-launch-spif-hierarchy";

describe("74 launch SPIF and category rates", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("commission per sale: category rate, brand exceptions, default", () => {
    expect(line(r, "P1", "2026-03", "commission")).toBe(dec("4290.00"));
    expect(line(r, "P1", "2026-04", "commission")).toBe(dec("370.00"));
    expect(line(r, "P1", "2026-05", "commission")).toBe(dec("800.00"));
  });

  it("launch SPIF on net units of 16 March - 30 April only", () => {
    expect(line(r, "P1", "2026-03", "launch_spif")).toBe(dec("3000.00"));
    expect(line(r, "P1", "2026-04", "launch_spif")).toBe(dec("500.00"));
    expect(line(r, "P1", "2026-05", "launch_spif")).toBeUndefined();
    expect(line(r, "P2", "2026-04", "launch_spif")).toBe(dec("100.00"));
    expect(line(r, "P2", "2026-03", "launch_spif")).toBe(dec("0"));
  });

  it("a month of net returns pays no commission", () => {
    expect(line(r, "P2", "2026-04", "commission")).toBe(dec("0"));
    expect(lineStatus(r, "P2", "2026-04", "commission")).toBe("negative-floored");
    expect(payable(r, "P2", "2026-04")).toBe(dec("100.00"));
  });

  it("payables and reconciliation", () => {
    expect(payable(r, "P1", "2026-03")).toBe(dec("7290.00"));
    expect(payable(r, "P1", "2026-04")).toBe(dec("870.00"));
    expect(payable(r, "P1", "2026-05")).toBe(dec("800.00"));
    const apr = r.reconciliation.find((x) => x.table === "sales" && x.period === "2026-04");
    expect(dec(apr?.amountIn)).toBe(dec("1300"));
    expect(reconciles(r)).toBe(true);
  });
});
