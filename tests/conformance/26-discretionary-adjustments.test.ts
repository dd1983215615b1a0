/** Shape 26: discretionary adjustments as data; windfalls to review (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { adjustment, caseData, compileErrors, dec, line, lineStatus, payable, runCase } from "./harness.js";

const CASE = "26-discretionary-adjustments";

describe("26 discretionary adjustments", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("approved adjustments are paid as their own line, traced to their rows", () => {
    expect(line(r, "J", "2026-01", "commission")).toBe(dec("3000.00"));
    expect(line(r, "J", "2026-01", "discretionary")).toBe(dec("300.00"));
    expect(payable(r, "J", "2026-01")).toBe(dec("3300.00"));
    const trace = r.lines.find((l) => l.person === "J" && l.period === "2026-01" && l.component === "discretionary")?.trace;
    const keys = trace?.steps.flatMap((s) => (s.kind === "aggregate" ? s.keys : []));
    expect(keys).toEqual(["ADJ-1", "ADJ-2"]);
  });

  it("a self-approved adjustment is not paid", () => {
    expect(line(r, "J", "2026-02", "discretionary")).toBe(dec("0"));
  });

  it("a windfall above 20,000 is held for review, not paid", () => {
    expect(compileErrors(CASE, "plan-hold.carrot")).toEqual([]);
    const held = runCase(CASE, {}, undefined, "plan-hold.carrot");
    expect(line(held, "J", "2026-02", "commission")).toBe(dec("25000.00"));
    expect(lineStatus(held, "J", "2026-02", "commission")).toBe("held");
    expect(adjustment(held, "J", "2026-02", "hold")).toBe(dec("-25000"));
    expect(held.adjustments.find((a) => a.kind === "hold")?.detail).toBe("held for review: windfall (above 20000)");
    expect(payable(held, "J", "2026-02")).toBe(dec("0"));
    // January is under the bound: paid as before.
    expect(lineStatus(held, "J", "2026-01", "commission")).toBe("paid");
    expect(payable(held, "J", "2026-01")).toBe(dec("3300.00"));
    const step = held.lines.find((l) => l.period === "2026-02" && l.component === "commission")?.trace.steps.at(-1);
    expect(step).toEqual({ kind: "hold", bound: "20000", reason: "windfall", released: false });
  });

  it("a release row pays the held windfall", () => {
    const files = { ...caseData(CASE), "approvals.csv": "person,period,component,approver\nJ,2026-02,commission,M\n" };
    const released = runCase(CASE, {}, files, "plan-hold.carrot");
    expect(lineStatus(released, "J", "2026-02", "commission")).toBe("paid");
    expect(adjustment(released, "J", "2026-02", "hold")).toBeUndefined();
    expect(payable(released, "J", "2026-02")).toBe(dec("25000.00"));
    const step = released.lines.find((l) => l.period === "2026-02" && l.component === "commission")?.trace.steps.at(-1);
    expect(step).toEqual({ kind: "hold", bound: "20000", reason: "windfall", released: true });
    expect(released.diagnostics).toEqual([]);
  });

  it("a release row that names no held line is reported with its file and row", () => {
    const files = { ...caseData(CASE), "approvals.csv": "person,period,component,approver\nJ,2026-01,commission,M\nJ,2026-02,commission,M\n" };
    const r2 = runCase(CASE, {}, files, "plan-hold.carrot");
    expect(payable(r2, "J", "2026-02")).toBe(dec("25000.00"));
    expect(r2.diagnostics.map((d) => [d.code, d.severity, d.file, d.row])).toEqual([["R0046", "warning", "approvals.csv", 2]]);
  });
});
