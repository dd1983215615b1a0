/** Data validation rules (`check`, gap G13): grouping, figures, detail, severity and order. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CheckIR, Expr } from "@carrot/ir";
import { evaluate, loadDataset } from "../../src/index.js";
import { CHECK_ROWS_LISTED } from "../../src/evaluate/checks.js";
import { c, col, column_, component, csv, money, plan, reps, table } from "../helpers/ir.js";

const allocations = table("allocations", [
  col("product", "text", { key: true }),
  col("region", "text", { key: true }),
  col("share", "percent"),
]);
const share = column_("allocations", "share", "ratio");
const agg = (fn: "sum" | "count" | "min" | "max" | "avg", value: Expr | null, where: Expr | null = null): Expr => ({
  op: "aggregate",
  type: fn === "count" ? "count" : "ratio",
  fn,
  source: { kind: "table", table: "allocations" },
  value,
  where,
});
const eq = (a: Expr, b: Expr): Expr => ({ op: "eq", type: "bool", args: [a, b] });

function check(name: string, assert: Expr, extra: Partial<CheckIR> = {}): CheckIR {
  return { id: `check:${name}`, name, table: "allocations", per: ["product"], assert, text: "sum(allocations.share) = 100%", message: null, severity: "error", ...extra };
}

function run(checks: CheckIR[], rows: string[]) {
  const ir = plan({ tables: [reps(), allocations], components: [component("pay", money("0"))], checks });
  return evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), allocations: csv("product,region,share", ...rows) }));
}

const sumIs100 = eq(agg("sum", share), c("1", "ratio"));

describe("checks", () => {
  it("a lookup by a blank key takes the table's default, as in the engine", () => {
    const targets = table("targets", [col("id", "text", { key: true }), col("region", "member[Region]", { optional: true }), col("share", "percent")]);
    const ir = plan({
      dimensions: [{ id: "dim.Region", name: "Region", parent: null, members: [{ name: "N", parent: null }, { name: "S", parent: null }] }],
      tables: [reps(), targets],
      lookups: [{ id: "table.expected", name: "expected", keys: ["Region"], valueType: "ratio", rows: [{ keys: ["N"], value: "0.6" }, { keys: null, value: "0.4" }] }],
      components: [component("pay", money("0"))],
      checks: [
        {
          ...check("as_expected", eq(column_("targets", "share", "ratio"), { op: "lookup", type: "ratio", table: "expected", keys: [column_("targets", "region", "member[Region]")] })),
          table: "targets",
          per: ["id"],
        },
      ],
    });
    // a: N → 60% = 60%; b: blank → default 40% = 40%; c: blank → 40% ≠ 50%, the one failure.
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), targets: csv("id,region,share", "a,N,60%", "b,,40%", "c,,50%") }));
    expect(r.diagnostics.map((d) => [d.code, d.row])).toEqual([["R0050", 4]]);
  });

  it("one diagnostic per failing group, at its first row, with its figure and rows", () => {
    // A: 60% + 35% = 95% (lines 2 and 4); B: 50% + 50% = 100%; C: 120% alone (line 6).
    const r = run([check("shares", sumIs100)], ["A,N,60%", "B,N,50%", "A,S,35%", "B,S,50%", "C,N,120%"]);
    expect(r.complete).toBe(false);
    expect(r.diagnostics).toEqual([
      {
        code: "R0050",
        severity: "error",
        message: "sum(allocations.share) = 100% (product A): sum(allocations.share) = 95%",
        file: "allocations.csv",
        row: 2,
        column: "product",
        help: "Correct the rows so that the check 'shares' holds (sum(allocations.share) = 100%), or the check itself.",
        detail: "rows 2, 4 of allocations.csv",
      },
      expect.objectContaining({ message: "sum(allocations.share) = 100% (product C): sum(allocations.share) = 120%", row: 6, detail: "row 6 of allocations.csv" }),
    ]);
  });

  it("without per, one group of all rows; a warning keeps the run complete", () => {
    // count = 3 rows, max share 70%: the assert count(allocations) = 2 fails once.
    const r = run([check("two", eq(agg("count", null), c("2", "count")), { per: [], severity: "warning", message: "two rows expected" })], ["A,N,20%", "A,S,70%", "B,N,10%"]);
    expect(r.complete).toBe(true);
    expect(r.diagnostics).toMatchObject([{ severity: "warning", message: "two rows expected: count(allocations) = 3", row: 2, column: null, detail: "rows 2, 3, 4 of allocations.csv" }]);
  });

  it("without per, an empty table is one group with no rows", () => {
    const r = run([check("some", { op: "gt", type: "bool", args: [agg("count", null), c("0", "count")] }, { per: [], text: "count(allocations) > 0" })], []);
    expect(r.diagnostics).toMatchObject([{ code: "R0050", message: "count(allocations) > 0: count(allocations) = 0", row: null, column: null, detail: "no rows in allocations.csv" }]);
  });

  it("a check of the people table: a blank per cell is its own group, shown (blank); `in` follows the hierarchy", () => {
    const region = col("region", "member[Region]", { optional: true });
    const ir = plan({
      dimensions: [
        { id: "dimension:Zone", name: "Zone", parent: null, members: [{ name: "Europe", parent: null }] },
        { id: "dimension:Region", name: "Region", parent: "Zone", members: [{ name: "North", parent: "Europe" }, { name: "South", parent: "Europe" }] },
      ],
      tables: [reps(region)],
      components: [component("pay", money("0"))],
      checks: [
        {
          id: "check:europe",
          name: "europe",
          table: "reps",
          per: ["region"],
          assert: { op: "in_member", type: "bool", value: column_("reps", "region", "member[Region]"), member: c("Europe", "member[Zone]") },
          text: "reps.region in Europe",
          message: null,
          severity: "warning",
        },
      ],
    });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end,region", "a,,,,North", "b,,,,", "c,,,,South") }));
    expect(r.complete).toBe(true);
    expect(r.diagnostics).toMatchObject([{ code: "R0050", severity: "warning", message: "reps.region in Europe (region (blank)): the check has no value", row: 3, detail: "row 3 of reps.csv" }]);
  });

  it("where filters the group's rows; the group's per column reads directly", () => {
    // Per product, the shares above 10% must sum to 90% when the product is A, else to 100%.
    const above10: Expr = { op: "gt", type: "bool", args: [share, c("0.1", "ratio")] };
    const target: Expr = { op: "if", type: "ratio", args: [eq(column_("allocations", "product", "text"), c("A", "text")), c("0.9", "ratio"), c("1", "ratio")] };
    const r = run([check("filtered", eq(agg("sum", share, above10), target))], ["A,N,60%", "A,S,30%", "A,E,10%", "B,N,100%"]);
    expect(r.diagnostics).toEqual([]);
  });

  it("an assert without value (a division by zero) is reported as such", () => {
    const ratio: Expr = { op: "div", type: "ratio", sig: "ratio/ratio", args: [agg("sum", share), agg("sum", share)] };
    const r = run([check("ratio", eq(ratio, c("1", "ratio")), { text: "sum / sum = 1" })], ["A,N,0%", "B,N,10%"]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["sum / sum = 1 (product A): sum(allocations.share) = 0%, sum(allocations.share) = 0%: the check has no value"]);
  });

  it(`the detail lists the first ${CHECK_ROWS_LISTED} rows, then a count`, () => {
    const rows = Array.from({ length: 25 }, (_, i) => `A,R${i},1%`);
    const [d] = run([check("shares", sumIs100)], rows).diagnostics;
    expect(d.detail).toBe(`rows ${Array.from({ length: 20 }, (_, i) => i + 2).join(", ")} and 5 more of allocations.csv`);
    expect(d.message).toBe("sum(allocations.share) = 100% (product A): sum(allocations.share) = 25%");
  });

  it("checks in name order, groups in key order", () => {
    const r = run([check("z_last", sumIs100), check("a_first", sumIs100)], ["B,N,10%", "A,N,10%"]);
    expect(r.diagnostics.map((d) => `${d.help!.split("'")[1]} ${d.row}`)).toEqual(["a_first 3", "a_first 2", "z_last 3", "z_last 2"]);
  });

  it("property: the diagnostics do not depend on the order of the rows", () => {
    const rowArb = fc.uniqueArray(
      fc.record({ product: fc.constantFrom("A", "B", "C"), region: fc.constantFrom("N", "S", "E", "W"), share: fc.integer({ min: 0, max: 100 }) }),
      { selector: (r) => `${r.product}|${r.region}`, minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(rowArb, fc.integer(), (rows, seed) => {
        const lines = rows.map((r) => `${r.product},${r.region},${r.share}%`);
        const shuffled = [...lines].sort((a, b) => ((hash(a) ^ seed) >>> 0) - ((hash(b) ^ seed) >>> 0));
        // Rows move, so row numbers do: compare what each diagnostic says about which rows.
        const view = (ls: string[]) =>
          run([check("shares", sumIs100)], ls).diagnostics.map((d) => [d.message, d.detail!.replace(/\d+/g, (n) => ls[Number(n) - 2] ?? n)]);
        const sorted = (v: string[][]) => v.map(([m, rowsText]) => [m, rowsText.split(" of ")[0].replace(/^rows? /, "").split(", ").sort().join(", ")]);
        expect(sorted(view(shuffled))).toEqual(sorted(view(lines)));
      }),
      { numRuns: 60 },
    );
  });
});

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}
