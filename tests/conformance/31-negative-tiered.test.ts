/** Net-refund months under tiered commission with and without allow negative (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult, TraceStep } from "@carrot/runtime";
import { compileErrors, dec, line, runCase } from "./harness.js";

const CASE = "31-negative-tiered";

describe("31 negative measures under tiers", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("January: positive sales through each table", () => {
    expect(line(r, "N", "2026-01", "flat_clawback")).toBe(dec("1000.00"));
    expect(line(r, "N", "2026-01", "marginal_clawback")).toBe(dec("1500.00"));
    expect(line(r, "N", "2026-01", "straight_clawback")).toBe(dec("2000.00"));
  });

  it("February: a flat rate claws back, a floored tier pays zero", () => {
    expect(line(r, "N", "2026-02", "flat_clawback")).toBe(dec("-250.00"));
    expect(line(r, "N", "2026-02", "marginal_floored")).toBe(dec("0"));
  });

  // Was bug B8 (docs/conformance.md): `allow negative` had no effect inside a tier table; fixed in
  // the runtime (ed7cc4d).
  it("February: a marginal table with allow negative claws back at the first band's rate", () => {
    expect(line(r, "N", "2026-02", "marginal_clawback")).toBe(dec("-250.00"));
  });

  // Same for retroactive tables, which gave no value (no line at all) below the first band.
  it("February: a straight table with allow negative claws back at the first band's rate", () => {
    expect(line(r, "N", "2026-02", "straight_clawback")).toBe(dec("-250.00"));
  });

  // Was bug B11: the clawback's tier trace listed no band; fixed in the runtime (e0e77f3).
  it("the clawback's trace shows the band and rate applied", () => {
    const steps = r.lines.find((l) => l.person === "N" && l.period === "2026-02" && l.component === "marginal_clawback")?.trace.steps ?? [];
    const tier = steps.find((s): s is Extract<TraceStep, { kind: "tier" }> => s.kind === "tier");
    expect(tier?.bands.filter((b) => b.reached).map((b) => [dec(b.from), dec(b.value)])).toEqual([[dec("0"), dec("0.05")]]);
  });
});
