/** An eligibility condition without value must be reported, not silently false (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, omitted, runCase } from "./harness.js";

const CASE = "40-unknown-eligibility";
const M = "2026-01";

describe("40 unknown eligibility", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("eligible reps are paid, managers get no line", () => {
    expect(line(r, "B", M, "allowance")).toBe(dec("100.00"));
    expect(line(r, "M", M, "allowance")).toBeUndefined();
    expect(omitted(r, "M", M, "allowance")).toBe(false);
  });

  // Was bug B10: an eligibility without value dropped the person silently; fixed in the runtime
  // (e0e77f3).
  it("a blank level is reported: an omitted line or a diagnostic names Ada", () => {
    const reported = omitted(r, "A", M, "allowance") || r.diagnostics.some((d) => JSON.stringify(d).includes('"A"'));
    expect(reported).toBe(true);
  });
});
