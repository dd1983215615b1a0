/** Quarterly pay, holds above 3,000 released by an approvals row (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, compileErrors, dec, line, lineStatus, payable, runCase } from "./harness.js";

const CASE = "82-quarterly-pay-holds";
const h1 = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
const paid = (r: RunResult, person: string, payPeriod: string) => r.payments.find((p) => p.person === person && p.payPeriod === payPeriod);

describe("82 quarterly pay, review holds", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("lines keep their amounts; held, released and the exact bound", () => {
    expect(line(r, "A", "2026-02", "commission")).toBe(dec("3500.00"));
    expect(lineStatus(r, "A", "2026-02", "commission")).toBe("paid");
    expect(line(r, "A", "2026-03", "commission")).toBe(dec("3000.00"));
    expect(lineStatus(r, "A", "2026-03", "commission")).toBe("paid");
    expect(line(r, "A", "2026-06", "commission")).toBe(dec("4000.00"));
    expect(lineStatus(r, "A", "2026-06", "commission")).toBe("held");
    expect(adjustment(r, "A", "2026-06", "hold")).toBe(dec("-4000.00"));
    expect(lineStatus(r, "B", "2026-03", "commission")).toBe("paid");
    expect(adjustment(r, "B", "2026-03", "hold")).toBeUndefined();
  });

  it("monthly payables", () => {
    expect(h1.map((m) => payable(r, "A", m))).toEqual(["2000.00", "3500.00", "3000.00", "1200.00", "0", "0"].map(dec));
    expect(h1.map((m) => payable(r, "B", m))).toEqual(["0", "0", "4500.00", "1000.00", "0", "0"].map(dec));
  });

  it("quarterly payments", () => {
    expect(dec(paid(r, "A", "2026-Q1")?.amount)).toBe(dec("8500.00"));
    expect(paid(r, "A", "2026-Q1")?.periods).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(dec(paid(r, "A", "2026-Q2")?.amount)).toBe(dec("1200.00"));
    expect(dec(paid(r, "B", "2026-Q1")?.amount)).toBe(dec("4500.00"));
    expect(dec(paid(r, "B", "2026-Q2")?.amount)).toBe(dec("1000.00"));
  });
});
