/** A SPIF with an inclusive date window on one product (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "35-spif";

describe("35 SPIF", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("counts Nova units on both window edges, not the day before or after", () => {
    expect(line(r, "P", "2026-05", "nova_spif")).toBe(dec("450.00"));
    expect(line(r, "P", "2026-06", "nova_spif")).toBe(dec("150.00"));
  });

  it("regular commission alongside, and no SPIF line outside the window's months", () => {
    expect(payable(r, "P", "2026-05")).toBe(dec("950.00"));
    expect(payable(r, "P", "2026-06")).toBe(dec("350.00"));
    expect(line(r, "P", "2026-04", "nova_spif")).toBeUndefined();
    expect(line(r, "P", "2026-07", "nova_spif")).toBeUndefined();
  });
});
