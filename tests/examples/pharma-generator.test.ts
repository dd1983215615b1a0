/**
 * examples/pharma-field-force/generate.mjs: same arguments, same bytes; the files have the shape
 * the plan declares; a territory's coverage shares add up to exactly 100% on every covered day; and
 * the generated data run through the plan with every invoice accounted for.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { afterAll, describe, expect, test } from "vitest";
import { evaluate, loadDataset } from "@carrot/runtime";
import { amount, compileExample, csvRows, examplePath, sumOf } from "./harness.js";

const GENERATOR = examplePath("pharma-field-force", "generate.mjs");
const scratch = mkdtempSync(join(tmpdir(), "carrot-pharma-gen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generate(dir: string, ...args: string[]): Record<string, string> {
  const out = join(scratch, dir);
  execFileSync(process.execPath, [GENERATOR, "--out", out, ...args], { stdio: "pipe" });
  return Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), "utf8")]));
}

describe("pharma data generator", () => {
  const first = generate("a", "--reps", "40", "--rows", "3000");

  test("is deterministic, and the seed changes the data", () => {
    expect(generate("b", "--reps", "40", "--rows", "3000")).toEqual(first);
    expect(generate("c", "--reps", "40", "--rows", "3000", "--seed", "7")["sales.csv"]).not.toBe(first["sales.csv"]);
  });

  test("writes the four input tables with the requested sizes", () => {
    expect(Object.keys(first)).toEqual(["coverage.csv", "quotas.csv", "reps.csv", "sales.csv"]);
    expect(csvRows(first["sales.csv"])).toHaveLength(3000);
    const reps = csvRows(first["reps.csv"]);
    // 40 reps, one manager per six reps, plus the replacement hires
    expect(reps.filter((p) => p.id.startsWith("P"))).toHaveLength(40);
    expect(reps.filter((p) => p.level === "Manager")).toHaveLength(7);
    for (const name of Object.keys(first)) {
      const header = first[name].split("\n")[0];
      expect(header, name).toBe(readFileSync(examplePath("pharma-field-force", "data", name), "utf8").split("\n")[0]);
    }
  });

  test("coverage shares of a territory add up to 100% on every covered day", () => {
    const coverage = csvRows(first["coverage.csv"]);
    const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400000;
    for (const territory of new Set(coverage.map((c) => c.territory))) {
      const rows = coverage.filter((c) => c.territory === territory);
      // Shares can only change where a coverage row starts or ends: check those days and the next.
      const next = (d: string) => new Date((days(d) + 1) * 86400000).toISOString().slice(0, 10);
      const probes = new Set(rows.flatMap((c) => [c.start, c.end, c.end && next(c.end)].filter((d) => d !== "")));
      for (const day of probes) {
        const covering = rows.filter((c) => days(c.start) <= days(day) && (c.end === "" || days(day) <= days(c.end)));
        if (covering.length === 0) continue;
        const total = covering.reduce((acc, c) => acc.plus(c.share.replace("%", "")), new Decimal(0));
        expect(total.toFixed(), `${territory} on ${day}`).toBe("100");
      }
    }
  });

  test("rejects bad arguments with exit code 2 and a usage line", () => {
    const bad = spawnSync(process.execPath, [GENERATOR, "--reps", "many", "--out", join(scratch, "bad")], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--reps needs a whole number/);
    const noOut = spawnSync(process.execPath, [GENERATOR, "--reps", "3"], { encoding: "utf8" });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/usage/);
  });

  test("the plan runs on generated data and accounts for every invoice", () => {
    const { ir } = compileExample("pharma-field-force");
    const data = loadDataset(ir!, first);
    expect(data.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const result = evaluate(ir!, data, { trace: false });
    for (const q of result.dataQuality) expect(q.rowsQuarantined, q.file).toBe(0);
    for (const rec of result.reconciliation) {
      expect(amount(sumOf([rec.credited, rec.uncredited])), `${rec.table} ${rec.period}`).toBe(amount(rec.amountIn));
    }
    // every invoice is in exactly one reconciliation bucket (a period, or outside the plan)
    const rowsSeen = result.reconciliation.filter((rec) => rec.table === "sales").reduce((n, rec) => n + rec.rows, 0);
    expect(rowsSeen).toBe(3000);
    // a split territory never leaves a row with shares that do not add up to 100%
    const reasons = new Set(result.reconciliation.flatMap((rec) => rec.uncreditedRows.map((u) => u.reason)));
    expect(reasons.has("split-not-100")).toBe(false);
    expect(result.totals.length).toBeGreaterThan(0);
  });
});
