/** Exact decimal arithmetic past 2^53 (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, measure, runCase } from "./harness.js";

const CASE = "38-large-amounts";
const M = "2026-01";

describe("38 large amounts", () => {
  it("sums, counts, averages and rates stay exact", () => {
    expect(compileErrors(CASE)).toEqual([]);
    const r = runCase(CASE);
    expect(measure(r, "A", M, "total")).toBe(dec("135107988821114.92"));
    expect(measure(r, "A", M, "units_sold")).toBe(dec("9007199254740996"));
    expect(measure(r, "A", M, "average_sale")).toBe(dec("33776997205278.73"));
    expect(line(r, "A", M, "commission")).toBe(dec("13510798882111.49"));
    expect(line(r, "A", M, "per_unit")).toBe(dec("90071992547409.96"));
  });
});
