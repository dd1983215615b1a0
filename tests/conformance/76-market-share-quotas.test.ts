/** Quotas by territory override or level standard, retroactive category rates, market-share bonus (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, measure, omitted, payable, reconciles, runCase } from "./harness.js";

const CASE = "76-market-share-quotas";

describe("76 quotas by territory and level, market-share bonus", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the territory's quota wins over the level's; 0 means not promoted", () => {
    expect(measure(r, "R3", "2026-Q1", "category_quota", ["Cardio"])).toBe(dec("120000"));
    expect(measure(r, "R3", "2026-Q1", "category_quota", ["Oncology"])).toBe(dec("50000"));
    expect(measure(r, "R2", "2026-Q1", "category_quota", ["Cardio"])).toBe(dec("150000"));
    expect(line(r, "R2", "2026-Q1", "commission", "Oncology")).toBe(dec("0"));
    expect(lineStatus(r, "R2", "2026-Q1", "commission", "Oncology")).toBe("gated");
  });

  it("retroactive rate by attainment band, boundaries to the upper band", () => {
    expect(line(r, "R1", "2026-Q1", "commission", "Cardio")).toBe(dec("3600.00"));
    expect(line(r, "R1", "2026-Q1", "commission", "Oncology")).toBe(dec("3000.00"));
    expect(line(r, "R2", "2026-Q1", "commission", "Cardio")).toBe(dec("5999.96"));
    expect(line(r, "R3", "2026-Q1", "commission", "Cardio")).toBe(dec("4320.00"));
    expect(line(r, "R3", "2026-Q1", "commission", "Oncology")).toBe(dec("900.00"));
    expect(line(r, "R1", "2026-Q2", "commission", "Cardio")).toBe(dec("0"));
  });

  it("market-share bonus by band times the level factor; no figure, no line", () => {
    expect(line(r, "R1", "2026-Q1", "market_share_bonus")).toBe(dec("2500.00"));
    expect(line(r, "R2", "2026-Q1", "market_share_bonus")).toBe(dec("1500.00"));
    expect(line(r, "R3", "2026-Q1", "market_share_bonus")).toBe(dec("0"));
    expect(line(r, "R1", "2026-Q2", "market_share_bonus")).toBe(dec("1000.00"));
    expect(line(r, "R3", "2026-Q2", "market_share_bonus")).toBe(dec("2500.00"));
    expect(omitted(r, "R2", "2026-Q2", "market_share_bonus")).toBe(true);
  });

  it("payables and reconciliation", () => {
    expect(payable(r, "R1", "2026-Q1")).toBe(dec("9100.00"));
    expect(payable(r, "R2", "2026-Q1")).toBe(dec("7499.96"));
    expect(payable(r, "R3", "2026-Q1")).toBe(dec("5220.00"));
    expect(payable(r, "R2", "2026-Q2")).toBe(dec("0"));
    expect(reconciles(r)).toBe(true);
  });
});
