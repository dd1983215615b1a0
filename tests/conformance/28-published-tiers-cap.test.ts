/** Published-example style: three marginal tiers on quarterly revenue, capped at 150% (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, lineStatus, runCase } from "./harness.js";

const CASE = "28-published-tiers-cap";
const Q = "2026-Q1";

describe("28 three-tier marginal commission with a 150% cap", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("below and inside the accelerated slices", () => {
    expect(line(r, "T1", Q, "commission")).toBe(dec("12000.00"));
    expect(line(r, "T2", Q, "commission")).toBe(dec("19800.00"));
    expect(lineStatus(r, "T2", Q, "commission")).toBe("paid");
  });

  it("capped at 150% of on-target commission", () => {
    expect(line(r, "T3", Q, "commission")).toBe(dec("22500.00"));
    expect(lineStatus(r, "T3", Q, "commission")).toBe("capped");
    expect(line(r, "T4", Q, "commission")).toBe(dec("22500.00"));
  });
});
