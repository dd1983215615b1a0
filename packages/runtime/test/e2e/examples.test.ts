import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { compile } from "@carrot/compiler";
import type { PlanIR } from "@carrot/ir";
import { evaluate, explain, loadDataset, runTests, toJson, writeJson, type RunResult } from "../../src/index.js";

/** Compiles an example plan with the real compiler and loads its data directory. */
function example(name: string): { ir: PlanIR; files: Record<string, string> } {
  const root = resolve(import.meta.dirname, "../../../../examples", name);
  const compiled = compile({ root, entry: "plan.carrot" });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const dataDir = resolve(root, "data");
  const files = Object.fromEntries(readdirSync(dataDir).filter((f) => f.endsWith(".csv")).map((f) => [f, readFileSync(resolve(dataDir, f), "utf8")]));
  return { ir: compiled.ir!, files };
}

const pick = (r: RunResult, person: string, period: string) => ({
  lines: Object.fromEntries(r.lines.filter((l) => l.person === person && l.period === period).map((l) => [l.member ? `${l.component}(${l.member})` : l.component, l.amount])),
  total: r.totals.find((t) => t.person === person && t.period === period),
  adjustments: r.adjustments.filter((a) => a.person === person && a.period === period).map((a) => `${a.kind} ${a.amount}`),
});

describe("pharma field force (worked payouts of examples/pharma-field-force/README.md)", () => {
  const { ir, files } = example("pharma-field-force");
  const result = evaluate(ir, loadDataset(ir, files));

  it("P03 Q1: three marginal commissions and the curve bonus", () => {
    const p = pick(result, "P03", "2026-Q1");
    expect(p.lines).toMatchObject({ "commission(Cardio)": "3392.00", "commission(Oncology)": "1340.00", "commission(Respiratory)": "1280.00", bonus: "3702.00" });
    expect(p.total?.payable).toBe("9714.00");
  });

  it("P06 Q1 (hired 15 February): prorated bonus; P08 Q1: 60% split; P11 Q3 (leaves 15 August); P10 Q3: return larger than sales", () => {
    expect(pick(result, "P06", "2026-Q1").lines).toMatchObject({ "commission(Cardio)": "680.00", bonus: "962.50" });
    expect(pick(result, "P06", "2026-Q1").total?.payable).toBe("2237.50");
    expect(pick(result, "P08", "2026-Q1").total?.payable).toBe("4611.88");
    expect(pick(result, "P11", "2026-Q3").total?.payable).toBe("3865.00");
    expect(pick(result, "P10", "2026-Q3").lines).toMatchObject({ "commission(Respiratory)": "0.00", bonus: "0.00" });
    expect(pick(result, "P10", "2026-Q3").total?.payable).toBe("3120.00");
  });

  it("P04/P05 swap territories mid-quarter", () => {
    expect(pick(result, "P04", "2026-Q2").lines["commission(Cardio)"]).toBe("2400.00");
    expect(pick(result, "P05", "2026-Q2").lines["commission(Cardio)"]).toBe("1720.00");
  });

  it("P01: the yearly plan cap", () => {
    expect(pick(result, "P01", "2026-Q3").adjustments).toEqual(["cap -5770.00"]);
    expect(pick(result, "P01", "2026-Q3").total?.payable).toBe("5120.00");
    expect(pick(result, "P01", "2026-Q4").total?.payable).toBe("0.00");
  });

  it("M01 Q1: 8% override on the direct reports' commission", () => {
    expect(pick(result, "M01", "2026-Q1").lines.manager_override).toBe("2325.85");
    expect(explain(result, { person: "M01", period: "2026-Q1" })).toContain("sum over reports.commission (P01, P02, P03, P04, P05, P06) = 29073.12");
  });

  it("Q1 reconciliation: 1,564,761.50 in = 1,551,061.50 credited + 13,700.00 uncredited", () => {
    const q1 = result.reconciliation.find((r) => r.table === "sales" && r.period === "2026-Q1")!;
    expect([q1.amountIn, q1.credited, q1.uncredited]).toEqual(["1564761.5", "1551061.5", "13700"]);
    expect(q1.uncreditedRows.map((u) => `${u.key} ${u.reason}`)).toEqual(["INV-0013 no-match", "INV-0033 no-match", "INV-0061 no-match"]);
  });

  it("the plan's own tests pass", () => {
    const outcomes = runTests(ir);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => !o.passed).map((o) => o.name)).toEqual([]);
  });

  it("shuffled sales rows give byte-identical JSON", () => {
    const [header, ...rows] = files["sales.csv"].trimEnd().split("\n");
    const reversed = { ...files, "sales.csv": [header, ...rows.reverse()].join("\n") + "\n" };
    const other = evaluate(ir, loadDataset(ir, reversed));
    expect(toJson(other)).toBe(toJson(result));
  });

  it("the streamed JSON (writeJson, what `carrot run --format json` writes) has toJson's bytes", () => {
    const chunks: string[] = [];
    writeJson(result, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(toJson(result));
  });
});

describe("SaaS account executives (worked payouts of examples/saas-account-executive/README.md)", () => {
  const { ir, files } = example("saas-account-executive");
  const result = evaluate(ir, loadDataset(ir, files));

  it("A01: accelerator with draw recovery in March, clawback in April, late churn in November", () => {
    expect(pick(result, "A01", "2026-03").lines).toMatchObject({ commission: "10000.00", accelerator: "15000.00" });
    expect(pick(result, "A01", "2026-03").total?.payable).toBe("24000.00");
    expect(pick(result, "A01", "2026-04").lines.clawback).toBe("-1200.00");
    expect(pick(result, "A01", "2026-04").total?.payable).toBe("5600.00");
    expect(pick(result, "A01", "2026-11").total?.payable).toBe("13000.00");
  });

  it("A03: the draw builds up and is recovered", () => {
    expect(["2026-03", "2026-04", "2026-05"].map((p) => pick(result, "A03", p).total?.payable)).toEqual(["3000.00", "3000.00", "4480.00"]);
    expect(pick(result, "A03", "2026-05").adjustments).toEqual(["recovery -3520.00"]);
  });

  it("A02: cumulative settlement corrects February's payroll error in May", () => {
    expect(pick(result, "A02", "2026-05").total?.payable).toBe("8400.00");
  });

  it("the plan's own tests pass", () => {
    expect(runTests(ir).filter((o) => !o.passed).map((o) => o.name)).toEqual([]);
  });
});
