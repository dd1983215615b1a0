import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { MatrixIR, PlanBody, TiersIR, ValueIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { applyTiers } from "../../src/evaluate/engine.js";
import { applyMatrix, bandIndex } from "../../src/evaluate/matrix.js";
import { indexPlan } from "../../src/evaluate/plan-index.js";
import { monthsSince, parseDate } from "../../src/periods.js";
import { evaluate, explain, loadDataset } from "../../src/index.js";
import { c, col, component, csv, money, plan, reps } from "../helpers/ir.js";

const d = (x: string) => new Dec(x);

/** The matrix of conformance case 18: attainment rows × market-share columns, bonus multipliers. */
function bonusMatrix(boundary: MatrixIR["boundary"] = "lower", over: Partial<MatrixIR> = {}): MatrixIR {
  return {
    id: "matrix:bonus_pct",
    name: "bonus_pct",
    boundary,
    rowType: "ratio",
    columnType: "ratio",
    valueType: "ratio",
    rows: [
      { from: "0", to: "0.9" },
      { from: "0.9", to: "1.1" },
      { from: "1.1", to: null },
    ],
    columns: [
      { from: "0", to: "0.2" },
      { from: "0.2", to: "0.3" },
      { from: "0.3", to: null },
    ],
    cells: [
      ["0", "0.25", "0.5"],
      ["0.5", "1", "1.25"],
      ["1", "1.5", "2"],
    ],
    ...over,
  };
}

function prepared(m: MatrixIR) {
  return indexPlan(plan({ matrices: [m] }).plan).matrices.get(m.name)!;
}

function cell(m: MatrixIR, x: string, y: string): string | null {
  return applyMatrix(prepared(m), d(x), d(y)).value?.toFixed() ?? null;
}

describe("matrix cells", () => {
  it.each([
    // attainment, share, lower, upper, both (hand-read off the grid above)
    ["0.95", "0.25", "1", "1", "1"],
    ["1.1", "0.3", "2", "1", "1"], // on both edges: the higher bands (lower), the lower bands (upper)
    ["0.9", "0.2", "1", "0", "0"], // the row's and column's lower edges
    ["0.8", "0.1999", "0", "0", "0"],
    ["1.2", "0.1", "1", "1", "1"],
    ["0", "0", "0", "0", "0"], // the first band holds its from in every mode
    ["5", "0.9", "2", "2", "2"], // the open last bands
    ["1.1", "0.25", "1.5", "1", "1"], // an edge on the row axis only
    ["0.95", "0.3", "1.25", "1", "1"], // an edge on the column axis only
  ])("attainment %s × share %s: boundary lower %s, upper %s, both %s", (x, y, lower, upper, both) => {
    expect(cell(bonusMatrix("lower"), x, y)).toBe(lower);
    expect(cell(bonusMatrix("upper"), x, y)).toBe(upper);
    expect(cell(bonusMatrix("both"), x, y)).toBe(both);
  });

  it("an input below the first band of either axis matches no band: no value", () => {
    for (const boundary of ["lower", "upper", "both"] as const) {
      expect(cell(bonusMatrix(boundary), "-0.01", "0.25")).toBeNull();
      expect(cell(bonusMatrix(boundary), "0.95", "-0.5")).toBeNull();
    }
    expect(applyMatrix(prepared(bonusMatrix()), d("-1"), d("0.25"))).toMatchObject({ row: -1, column: 1 });
  });

  it("boundary both: an input in a gap of either axis matches no band; the bands' ends are inside", () => {
    const gaps = bonusMatrix("both", {
      rows: [
        { from: "0", to: "0.89" },
        { from: "0.9", to: "1.09" },
        { from: "1.1", to: "3" },
      ],
      columns: [
        { from: "0", to: "0.19" },
        { from: "0.2", to: "0.29" },
        { from: "0.3", to: null },
      ],
    });
    expect(cell(gaps, "0.895", "0.25")).toBeNull();
    expect(cell(gaps, "0.95", "0.195")).toBeNull();
    expect(cell(gaps, "0.89", "0.19")).toBe("0");
    expect(cell(gaps, "1.09", "0.29")).toBe("1");
    expect(cell(gaps, "3", "0.3")).toBe("2");
    expect(cell(gaps, "3.01", "0.3")).toBeNull(); // above a closed last band
  });

  it("money bands and amounts: the cell is the amount", () => {
    const m = bonusMatrix("lower", {
      rowType: "money[EUR]",
      valueType: "money[EUR]",
      rows: [
        { from: "0", to: "100000" },
        { from: "100000", to: null },
      ],
      cells: [
        ["0", "250", "500"],
        ["1000", "1500", "2000"],
      ],
    });
    expect(cell(m, "100000", "0.25")).toBe("1500");
    expect(cell(m, "99999.99", "0.3")).toBe("500");
  });
});

/** Band bounds as sorted distinct integers; `both` may leave gaps, the last band may be open. */
const bandsArb = (withGaps: boolean) =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: -5, max: 30 }), { minLength: 2, maxLength: 6 }), fc.boolean(), fc.array(fc.boolean(), { maxLength: 6 }))
    .map(([points, open, gaps]) => {
      const p = [...points].sort((a, b) => a - b);
      const bands: { from: string; to: string | null }[] = [];
      for (let i = 0; i + 1 < p.length; i++) {
        // With `both`, a band may end one short of the next start (a gap).
        const end = withGaps && gaps[i] && p[i + 1]! - 1 >= p[i]! ? p[i + 1]! - 1 : p[i + 1]!;
        bands.push({ from: String(p[i]), to: String(end) });
      }
      if (open) bands[bands.length - 1] = { ...bands[bands.length - 1]!, to: null };
      return bands;
    });

function tierTable(name: string, rows: { from: string; to: string | null }[], values: string[], boundary: TiersIR["boundary"]): TiersIR {
  return {
    id: `tiers:${name}`,
    name,
    mode: "retroactive",
    boundary,
    boundType: "number",
    valueType: "number",
    bands: rows.map((r, i) => ({ ...r, value: values[i]! })),
  };
}

/** `y` is in column band i, written as the comparisons of an if/else chain would test it. */
function columnTest(col: { from: string; to: string | null }, first: boolean, boundary: TiersIR["boundary"], y: Dec): boolean {
  const from = d(col.from);
  const above = boundary === "upper" && !first ? y.gt(from) : y.gte(from);
  if (!above) return false;
  if (col.to === null) return true;
  return boundary === "lower" ? y.lt(d(col.to)) : y.lte(d(col.to));
}

describe("a matrix is the if/else of one tier table per column", () => {
  it("for any bands, boundary and inputs (on and off the edges)", () => {
    const arb = fc
      .constantFrom<MatrixIR["boundary"]>("lower", "upper", "both")
      .chain((boundary) =>
        fc.record({
          boundary: fc.constant(boundary),
          rows: bandsArb(boundary === "both"),
          columns: bandsArb(boundary === "both"),
          seed: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 36, maxLength: 36 }),
          x: fc.oneof(fc.integer({ min: -7, max: 33 }).map(String), fc.integer({ min: -70, max: 330 }).map((n) => String(n / 10))),
          y: fc.oneof(fc.integer({ min: -7, max: 33 }).map(String), fc.integer({ min: -70, max: 330 }).map((n) => String(n / 10))),
        }),
      );
    fc.assert(
      fc.property(arb, ({ boundary, rows, columns, seed, x, y }) => {
        const cells = rows.map((_, r) => columns.map((_, k) => String(seed[(r * 6 + k) % seed.length]! / 100)));
        const m = bonusMatrix(boundary, { rowType: "number", columnType: "number", valueType: "number", rows, columns, cells });
        // if y in column 1 then t1.rate(x) else if y in column 2 then t2.rate(x) ... else no value
        const perColumn = columns.map((_, k) => indexPlan(plan({ tiers: [tierTable(`t${k}`, rows, cells.map((row) => row[k]!), boundary)] }).plan).tiers.get(`t${k}`)!);
        const k = columns.findIndex((col, i) => columnTest(col, i === 0, boundary, d(y)));
        const expected = k < 0 ? null : applyTiers(perColumn[k]!, "rate", d(x), null, false).value;
        const actual = applyMatrix(prepared(m), d(x), d(y)).value;
        expect(actual?.toFixed() ?? null).toBe(expected?.toFixed() ?? null);
        expect(bandIndex(prepared(m).columns, boundary, d(y))).toBe(k);
      }),
      { numRuns: 500 },
    );
  });
});

describe("matrix in a plan", () => {
  const measure = (name: string): ValueIR => ({ id: `measure:${name}`, name, kind: "measure", params: [], type: "ratio", body: c("0", "ratio") });
  const body: Partial<PlanBody> = {
    tables: [reps()],
    values: [measure("attainment"), measure("market_share")],
    matrices: [bonusMatrix()],
    components: [
      component("bonus", {
        op: "mul",
        type: "money[EUR]",
        sig: "money*ratio",
        args: [
          money("5000"),
          { op: "matrix", type: "ratio", matrix: "bonus_pct", row: { op: "value", type: "ratio", name: "attainment", args: [] }, column: { op: "value", type: "ratio", name: "market_share", args: [] } },
        ],
      }),
    ],
  };
  function run(attainment: string, share: string) {
    const ir = plan(body);
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,") });
    return evaluate(ir, data, {
      periods: ["2026-Q1"],
      overrides: [
        { person: "p1", period: "2026-Q1", name: "attainment", value: attainment },
        { person: "p1", period: "2026-Q1", name: "market_share", value: share },
      ],
    });
  }

  it("pays the cell, traces both bands and explains them", () => {
    const r = run("1.1", "0.3");
    expect(r.lines[0]).toMatchObject({ component: "bonus", amount: "10000.00" });
    expect(r.lines[0]!.trace.steps.find((s) => s.kind === "matrix")).toEqual({
      kind: "matrix",
      matrix: "bonus_pct",
      row: { input: "1.1", band: "1.1 .. " },
      column: { input: "0.3", band: "0.3 .. " },
      value: "2",
    });
    expect(explain(r, { person: "p1", period: "2026-Q1" })).toContain("matrix bonus_pct at 1.1 (band 1.1 .. ) × 0.3 (band 0.3 .. ) = 2");
  });

  it("no band on an axis: no value, so no line, and the trace says which axis", () => {
    const r = run("-0.1", "0.25");
    expect(r.lines.filter((l) => l.component === "bonus")).toEqual([]);
    expect(r.omitted).toHaveLength(1);
    expect(r.omitted[0]!.trace.steps.find((s) => s.kind === "matrix")).toEqual({
      kind: "matrix",
      matrix: "bonus_pct",
      row: { input: "-0.1", band: null },
      column: { input: "0.25", band: "0.2 .. 0.3" },
      value: null,
    });
  });
});

describe("months_since", () => {
  const day = (t: string) => parseDate(t)!;
  it("counts calendar months to the period's last day, the start month as 1", () => {
    // Hired 2026-03-17: 1 in March, 2 in April; the quarter Q2 ends in June: 4.
    expect(monthsSince(day("2026-03-17"), day("2026-03-31"))).toBe(1);
    expect(monthsSince(day("2026-03-17"), day("2026-04-30"))).toBe(2);
    expect(monthsSince(day("2026-03-17"), day("2026-06-30"))).toBe(4);
    expect(monthsSince(day("2025-12-31"), day("2026-01-31"))).toBe(2);
    // After the period: zero or negative.
    expect(monthsSince(day("2026-04-01"), day("2026-03-31"))).toBe(0);
    expect(monthsSince(day("2026-07-01"), day("2026-03-31"))).toBe(-3);
  });

  it("in a plan: per period from the person's start; no value without a start", () => {
    const ir = plan({
      grain: "month",
      tables: [reps(col("level", "text", { optional: true }))],
      components: [
        component("tenure", {
          op: "mul",
          type: "money[EUR]",
          sig: "money*count",
          args: [money("1"), { op: "builtin", type: "count", fn: "months_since", args: [{ op: "person", type: "date", column: "start" }], rounding: null }],
        }),
      ],
    });
    const data = loadDataset(ir, { reps: csv("id,manager,start,end,level", "p1,,2026-03-17,,", "p2,,,,") });
    const r = evaluate(ir, data, { periods: ["2026-03", "2026-04", "2026-06"] });
    const p1 = r.lines.filter((l) => l.person === "p1").map((l) => [l.period, l.amount]);
    expect(p1).toEqual([
      ["2026-03", "1.00"],
      ["2026-04", "2.00"],
      ["2026-06", "4.00"],
    ]);
    expect(r.lines.filter((l) => l.person === "p2")).toEqual([]);
    expect(r.omitted.filter((l) => l.person === "p2").map((l) => l.period)).toEqual(["2026-03", "2026-04", "2026-06"]);
    // In a quarterly plan the period's last day is the quarter's: Q1 (March) gives 1, Q2 (June) 4.
    const quarterly = plan({ ...ir.plan, grain: "quarter" });
    const q = evaluate(quarterly, loadDataset(quarterly, { reps: csv("id,manager,start,end,level", "p1,,2026-03-17,,") }), { periods: ["2026-Q1", "2026-Q2"] });
    expect(q.lines.map((l) => [l.period, l.amount])).toEqual([
      ["2026-Q1", "1.00"],
      ["2026-Q2", "4.00"],
    ]);
  });
});
