import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadTable, storeDay, type ColumnData } from "../../src/data/table.js";
import { parseDate } from "../../src/periods.js";
import { col, table } from "../helpers/ir.js";

/**
 * Compact column forms must hold exactly what the plain ones hold: dates as a Float32Array while
 * every day is an integer within ±2^24 (a Float64Array from the first that is not), whatever the
 * values and wherever the switch comes.
 */

const day = fc.oneof(
  fc.integer({ min: -(2 ** 24), max: 2 ** 24 }),
  fc.integer({ min: -1e6, max: 3e6 }),
  fc.constant(NaN),
  fc.constantFrom(2 ** 24 + 1, -(2 ** 24) - 1, 0.5, 1e12, -0.25),
);

describe("compact date columns", () => {
  it("property: storing days gives the plain values; a Float32Array exactly while every day fits one", () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), (days) => {
        const column: ColumnData & { kind: "date" } = { kind: "date", name: "d", days: new Float32Array(days.length) };
        days.forEach((d, r) => storeDay(column, r, d));
        expect(Array.from(column.days)).toEqual(days);
        const fits = days.every((d) => d !== d || Math.fround(d) === d);
        expect(column.days instanceof Float32Array).toBe(fits);
      }),
    );
  });

  it("property: a loaded date column is a Float32Array of parseDate's days (NaN for a missing cell), for any chunk cuts", () => {
    const t = table("t", [col("id", "text", { key: true }), col("d", "date", { optional: true })]);
    const date = fc.oneof(
      fc.constant(""),
      fc.tuple(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(
        ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
      ),
    );
    fc.assert(
      fc.property(fc.array(date, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (dates, cuts) => {
        const text = "id,d\n" + dates.map((d, i) => `r${i},${d}\n`).join("");
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let at = 0;
        for (const p of points) (chunks.push(text.slice(at, p)), (at = p));
        chunks.push(text.slice(at));
        const { table: loaded, diagnostics } = loadTable(t, chunks, "t.csv");
        expect(diagnostics).toEqual([]);
        const c = loaded.columns.get("d")!;
        if (c.kind !== "date") throw new Error("not a date column");
        expect(c.days).toBeInstanceOf(Float32Array);
        expect(Array.from(c.days)).toEqual(dates.map((d) => (d === "" ? NaN : parseDate(d))));
      }),
    );
  });
});
