import { describe, expect, it } from "vitest";
import type { MatrixIR } from "@carrot/ir";
import { diffPlans, percentText, renderDiff } from "../src/index.js";
import { component, money, plan, ratio, tiers, valueRef } from "./helpers/ir.js";

const rate = tiers("rate", [
  ["0", "0.8", "0.01"],
  ["0.8", "1", "0.03"],
  ["1", null, "0.05"],
]);

describe("diffPlans", () => {
  it("equal bodies are no semantic change, whatever the source map says", () => {
    const a = plan({ tiers: [rate] });
    const b = { ...plan({ tiers: [rate] }), sourceMap: { files: ["x.carrot"], spans: { "tiers.rate": "0:9:1-14:2" } } };
    const d = diffPlans(a, b);
    expect(d.semanticChange).toBe(false);
    expect(d.changes).toEqual([]);
    expect(renderDiff({ diff: d, impact: null }, "markdown")).toContain("**No semantic change**");
  });

  it("compares tier bands row by row, keyed by their lower bound", () => {
    const b = tiers("rate", [
      ["0", "0.8", "0.01"],
      ["0.8", "1", "0.035"],
      ["1", "1.2", "0.05"],
      ["1.2", null, "0.06"],
    ]);
    const d = diffPlans(plan({ tiers: [rate] }), plan({ tiers: [b] }));
    expect(d.changes).toEqual([
      {
        kind: "changed",
        section: "tiers",
        keyword: "tiers",
        name: "rate",
        fields: [],
        rows: [
          { kind: "changed", key: "80%", before: "80% .. 100% : 3%", after: "80% .. 100% : 3.5%" },
          { kind: "changed", key: "100%", before: "100% .. : 5%", after: "100% .. 120% : 5%" },
          { kind: "added", key: "120%", before: null, after: "120% .. : 6%" },
        ],
      },
    ]);
  });

  it("a removed component with the body of an added one is a rename", () => {
    const a = plan({ components: [component("spif", money("500"))] });
    const b = plan({ components: [component("launch_bonus", money("500"))] });
    const d = diffPlans(a, b);
    expect(d.changes).toEqual([{ kind: "renamed", section: "components", keyword: "component", name: "launch_bonus", from: "spif" }]);
  });

  it("a different body is removed + added, not a rename", () => {
    const a = plan({ components: [component("spif", money("500"))] });
    const b = plan({ components: [component("launch_bonus", money("600"))] });
    expect(diffPlans(a, b).changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["added launch_bonus", "removed spif"]);
  });

  it("shows a changed payout expression as Carrot-like text", () => {
    const mul = (x: ReturnType<typeof ratio>) => ({ op: "mul" as const, type: "money[EUR]", sig: "money*ratio", args: [valueRef("revenue"), x] });
    const d = diffPlans(plan({ components: [component("c", mul(ratio("0.05")))] }), plan({ components: [component("c", mul(ratio("0.06")))] }));
    expect(d.changes[0]).toMatchObject({ kind: "changed", fields: [{ field: "payout", before: "revenue * 5%", after: "revenue * 6%" }] });
  });

  it("reports plan header and payout rule changes", () => {
    const a = plan();
    const b = plan({ version: "2", payout: { cap: { amount: "150000", per: "year" }, guarantee: null, settle: null } });
    const d = diffPlans(a, b);
    expect(d.changes).toEqual([
      { kind: "changed", section: "plan", keyword: "plan", name: "Test plan", fields: [{ field: "version", before: '"1"', after: '"2"' }], rows: [] },
      { kind: "changed", section: "payout", keyword: "payout", name: "payout", fields: [{ field: "cap", before: null, after: "150000 EUR per year" }], rows: [] },
    ]);
  });
});

describe("payment calendar and holds", () => {
  it("shows a guarantee expression as Carrot-like text and a constant one as an amount", () => {
    const a = plan({ payout: { cap: null, guarantee: { amount: "2000", per: "period", recoverable: true }, settle: null } });
    const prorated = { op: "prorate" as const, type: "money[EUR]", value: money("2000"), by: null };
    const b = plan({ payout: { cap: null, guarantee: { value: prorated, per: "period", recoverable: true }, settle: null } });
    expect(diffPlans(a, b).changes).toMatchObject([
      { section: "payout", fields: [{ field: "guarantee", before: "2000 EUR per period recoverable", after: "prorate(2000 EUR) per period recoverable" }] },
    ]);
  });

  it("lists an added check and a changed assert as fields", () => {
    const share = { op: "column" as const, type: "ratio", table: "allocations", column: "share" };
    const sumShare = { op: "aggregate" as const, type: "ratio", fn: "sum" as const, source: { kind: "table" as const, table: "allocations" }, value: share, where: null };
    const check = (target: string) => ({
      id: "check:shares",
      name: "shares",
      table: "allocations",
      per: ["product"],
      assert: { op: "eq" as const, type: "bool" as const, args: [sumShare, ratio(target)] as [typeof sumShare, ReturnType<typeof ratio>] },
      text: "sum(allocations.share) = 100%",
      message: null,
      severity: "error" as const,
    });
    const a = plan({});
    const b = plan({ checks: [check("1")] });
    expect(diffPlans(a, b).changes).toMatchObject([{ kind: "added", section: "checks", keyword: "check", name: "shares" }]);
    const c = plan({ checks: [check("0.95")] });
    expect(diffPlans(b, c).changes).toMatchObject([
      { kind: "changed", section: "checks", fields: [{ field: "assert", before: "sum(allocations.share) = 100%", after: "sum(allocations.share) = 95%" }] },
    ]);
  });

  it("shows pay, hold and release holds as fields of the plan, the component and the payout rules", () => {
    const bound = { op: "const" as const, type: "money[EUR]", value: "20000" };
    const a = plan({ components: [component("c", bound)] });
    const b = plan({
      pay: { timing: "next", grain: "month" },
      components: [{ ...component("c", bound), hold: { bound, reason: "windfall" } }],
      payout: { cap: null, guarantee: null, settle: null, release: { table: "approvals" } },
    });
    expect(diffPlans(a, b).changes.map((c) => [c.name, c.fields])).toEqual([
      ["Test plan", [{ field: "pay", before: null, after: "next month" }]],
      ["c", [{ field: "hold", before: null, after: 'above 20000 EUR reason "windfall"' }]],
      ["payout", [{ field: "release holds", before: null, after: "from approvals" }]],
    ]);
  });

  it("shows a fiscal year as a field of the plan", () => {
    const b = plan({ fiscal: { start: 4, named: "start" } });
    const c = plan({ fiscal: { start: 4, named: "end" } });
    expect(diffPlans(plan({}), b).changes.map((x) => [x.name, x.fields])).toEqual([["Test plan", [{ field: "fiscal year", before: null, after: "from april named by start" }]]]);
    expect(diffPlans(b, c).changes.map((x) => [x.name, x.fields])).toEqual([
      ["Test plan", [{ field: "fiscal year", before: "from april named by start", after: "from april named by end" }]],
    ]);
  });
});

describe("matrices", () => {
  const grid = (cell: string, over: Partial<MatrixIR> = {}): MatrixIR => ({
    id: "matrix:bonus_pct",
    name: "bonus_pct",
    boundary: "lower",
    rowType: "ratio",
    columnType: "ratio",
    valueType: "ratio",
    rows: [
      { from: "0", to: "0.9" },
      { from: "0.9", to: null },
    ],
    columns: [
      { from: "0", to: "0.2" },
      { from: "0.2", to: null },
    ],
    cells: [
      ["0", "0.25"],
      ["0.5", cell],
    ],
    ...over,
  });

  it("compares a matrix row by row, keyed by the row band's lower bound; the columns are a field", () => {
    const d = diffPlans(plan({ matrices: [grid("1")] }), plan({ matrices: [grid("1.1", { columns: [{ from: "0", to: "0.25" }, { from: "0.25", to: null }] })] }));
    expect(d.changes).toEqual([
      {
        kind: "changed",
        section: "matrices",
        keyword: "matrix",
        name: "bonus_pct",
        fields: [{ field: "columns", before: "0% .. 20%, 20% ..", after: "0% .. 25%, 25% .." }],
        rows: [{ kind: "changed", key: "90%", before: "90% .. : 50%, 100%", after: "90% .. : 50%, 110%" }],
      },
    ]);
  });

  it("an added matrix and its application read as Carrot", () => {
    const x = valueRef("attainment");
    const apply = { op: "matrix" as const, type: "ratio", matrix: "bonus_pct", row: x, column: valueRef("market_share") };
    const pay = (e: typeof apply | ReturnType<typeof ratio>) => ({ op: "mul" as const, type: "money[EUR]", sig: "money*ratio", args: [money("5000"), e] });
    const d = diffPlans(plan({ components: [component("bonus", pay(ratio("1")))] }), plan({ matrices: [grid("1")], components: [component("bonus", pay(apply))] }));
    expect(d.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["added bonus_pct", "changed bonus"]);
    expect(d.changes[1]).toMatchObject({ fields: [{ field: "payout", before: "5000 EUR * 100%", after: "5000 EUR * bonus_pct(attainment, market_share)" }] });
  });
});

describe("percentText", () => {
  it("shifts the decimal point exactly", () => {
    expect(["0.05", "1", "0.125", "-0.5", "0", "12.3456"].map(percentText)).toEqual(["5%", "100%", "12.5%", "-50%", "0%", "1234.56%"]);
  });
});

describe("row-by-row comparison of curves, lookups and dimensions", () => {
  it("keys curve points by x and lookup rows by key", () => {
    const curve = (points: [string, string][]) => ({ id: "curve.c", name: "c", xType: "ratio", yType: "ratio", below: null, points: points.map(([x, y]) => ({ x, y })) });
    const lookup = (rows: [string[] | null, string][]) => ({ id: "lookup.t", name: "t", keys: ["Level"], valueType: "money[EUR]", rows: rows.map(([keys, value]) => ({ keys, value })) });
    const a = plan({ curves: [curve([["0.8", "0.5"], ["1", "1"]])], lookups: [lookup([[["Junior"], "4000"], [null, "1000"]])] });
    const b = plan({ curves: [curve([["0.8", "0.5"], ["1", "1.1"], ["1.2", "1.5"]])], lookups: [lookup([[["Junior"], "4500"], [["Lead"], "9000"], [null, "1000"]])] });
    const changes = diffPlans(a, b).changes;
    expect(changes.map((c) => (c.kind === "changed" ? [c.name, c.rows.map((r) => `${r.kind} ${r.key}: ${r.before} -> ${r.after}`)] : c.kind))).toEqual([
      ["c", ["changed 100%: 100% : 100% -> 100% : 110%", "added 120%: null -> 120% : 150%"]],
      ["t", ["changed Junior: Junior : 4000 EUR -> Junior : 4500 EUR", "added Lead: null -> Lead : 9000 EUR"]],
    ]);
  });

  it("reports reordered dimension members as an order change", () => {
    const dim = (members: string[]) => ({ id: "dimension.D", name: "D", parent: null, members: members.map((name) => ({ name, parent: null })) });
    const d = diffPlans(plan({ dimensions: [dim(["A", "B"])] }), plan({ dimensions: [dim(["B", "A"])] }));
    expect(d.changes).toMatchObject([{ kind: "changed", name: "D", fields: [{ field: "order", before: "A, B", after: "B, A" }], rows: [] }]);
  });
});

describe("tests of the plan", () => {
  it("are listed as added, removed or changed, without being a semantic change", () => {
    const t = (name: string, value: string) => ({ id: `test:${name}`, name, period: null, givenValues: [], givenRows: [], expects: [{ target: "total" as const, name: "total", args: [], person: null, value, type: "money[EUR]" }] });
    const a = { ...plan(), tests: [t("keeps", "1"), t("edited", "2"), t("dropped", "3")] };
    const b = { ...plan(), tests: [t("keeps", "1"), t("edited", "2.5"), t("new one", "4")] };
    const d = diffPlans(a, b);
    expect(d.semanticChange).toBe(false);
    expect(d.tests).toEqual({ added: ["new one"], removed: ["dropped"], changed: ["edited"] });
    expect(renderDiff({ diff: d, impact: null }, "markdown")).toContain('- added test "new one"');
  });
});
