import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "@carrot/compiler";
import { serializeIr } from "@carrot/ir";
import { explain } from "../../src/index.js";

const repo = resolve(import.meta.dirname, "../../../..");

describe("docs/embedding.md", () => {
  it("shows the example service verbatim", () => {
    const example = readFileSync(join(repo, "examples/embedding/payroll-service.mjs"), "utf8");
    expect(readFileSync(join(repo, "docs/embedding.md"), "utf8")).toContain(example);
  });

  it("the example service runs a period of the pharma example from plan.ir.json", async () => {
    const root = join(repo, "examples/pharma-field-force");
    const compiled = compile({ root, entry: "plan.carrot" });
    const dir = mkdtempSync(join(tmpdir(), "carrot-embed-"));
    const irPath = join(dir, "plan.ir.json");
    writeFileSync(irPath, serializeIr(compiled.ir!));
    const { runPeriod } = await import("../../../../examples/embedding/payroll-service.mjs");
    const run = await runPeriod(irPath, join(root, "data"), "2026-Q1");
    expect(run.result.totals.find((t: { person: string }) => t.person === "P03")?.payable).toBe("9714.00");
    expect(explain(run.result, { person: "P03", period: "2026-Q1" })).toContain("bonus = 3702.00 EUR");
    // The data has uncredited rows but no bad rows: the run is complete.
    expect(run.ok).toBe(true);

    writeFileSync(irPath, JSON.stringify({ format: "carrot-ir", version: 99 }));
    const bad = await runPeriod(irPath, join(root, "data"), "2026-Q1");
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0].code).toBe("R0001");
  });
});
