/** Shape 24: per-account time windows and employment on a date (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "24-relative-windows";
const Q = "2026-Q1";

describe("24 relative time windows", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("the new-logo rate follows each account's own 180-day window, edge included", () => {
    expect(line(r, "W", Q, "commission")).toBe(dec("2040.00"));
    expect(line(r, "V", Q, "commission")).toBe(dec("240.00"));
  });

  it("the bonus needs employment on the quarter's last day", () => {
    expect(line(r, "W", Q, "retention_bonus")).toBe(dec("1000.00"));
    expect(line(r, "Z", Q, "retention_bonus")).toBe(dec("1000.00"));
    expect(r.lines.some((l) => l.person === "V" && l.component === "retention_bonus")).toBe(false);
    expect(payable(r, "V", "2026-Q2")).toBeUndefined();
  });
});
