import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RowLines } from "../../src/data/lines.js";
import { decimalAt, loadTable, storeDay, type ColumnData } from "../../src/data/table.js";
import { Dec } from "../../src/decimal.js";
import { parseDate } from "../../src/periods.js";
import { col, table } from "../helpers/ir.js";
import { chunked } from "../helpers/data.js";

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
        const chunks = chunked(text, cuts);
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

describe("row lines stored as runs", () => {
  it("property: lineOf, iteration and filter give the plain array's lines, for any ascending lines", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 1, max: 5 })), { maxLength: 80 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.boolean(), { maxLength: 80 }), (steps, first, drop) => {
        const plain: number[] = [];
        let line = first;
        for (const s of steps) plain.push((line += s));
        const lines = new RowLines();
        for (const l of plain) lines.push(l);
        lines.trimmed();
        expect(lines.length).toBe(plain.length);
        expect(plain.map((_, r) => lines.lineOf(r))).toEqual(plain);
        expect(Array.from(lines)).toEqual(plain);
        expect(lines.runCount).toBe(plain.filter((l, r) => r === 0 || l !== plain[r - 1] + 1).length);
        const keep = (_: number, r: number) => !drop[r];
        const kept = lines.filter(keep);
        const plainKept = plain.filter((_, r) => !drop[r]);
        expect(plainKept.map((_, r) => kept.lineOf(r))).toEqual(plainKept);
        expect(kept.toArray()).toEqual(plainKept);
      }),
    );
  });

  it("property: a loaded table's lines are each accepted record's line, with bad rows, blank lines and quoted multi-line records, for any chunk cuts", () => {
    const t = table("t", [col("id", "text", { key: true }), col("d", "date", { optional: true })]);
    const record = fc.constantFrom("ok", "ok", "ok", "bad", "blank", "quoted", "dup");
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (kinds, cuts) => {
        let text = "id,d\n";
        let line = 2;
        const expected: number[] = [];
        kinds.forEach((k, i) => {
          if (k === "ok") (expected.push(line), (text += `r${i},2026-01-02\n`), line++);
          else if (k === "bad") ((text += `r${i},2026-13-02\n`), line++);
          else if (k === "blank") ((text += "\n"), line++);
          else if (k === "dup") ((text += `r0,2026-01-03\n`), line++);
          else (expected.push(line), (text += `"r${i}\nx",2026-01-02\n`), (line += 2));
        });
        const chunks = chunked(text, cuts);
        const whole = loadTable(t, [text], "t.csv").table;
        const cut = loadTable(t, chunks, "t.csv").table;
        expect(Array.from(cut.lines)).toEqual(Array.from(whole.lines));
        expect(Array.from({ length: cut.rowCount }, (_, r) => cut.lines.lineOf(r))).toEqual(Array.from(whole.lines));
        // The plain expectation (a dup of r0 is accepted when r0 was not an ok row).
        if (!kinds.includes("dup") && !kinds.includes("blank")) expect(Array.from(cut.lines)).toEqual(expected);
      }),
    );
  });
});

describe("compact decimal columns", () => {
  it("property: a loaded decimal column gives each cell's exact value (null when missing), an Int32Array exactly while every cell is a present non-negative-zero int32, for any chunk cuts", () => {
    const t = table("t", [col("id", "text", { key: true }), col("amount", "money[EUR]", { optional: true })]);
    const cell = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String),
      fc.integer({ min: -100000, max: 100000 }).map(String),
      fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`),
      fc.constantFrom("", "-0", "2147483648", "-2147483649", "0.001", "12.5", "99999999999999999999", "123456789012.123456", "1.0000000000001"),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (cells, cuts) => {
        const text = "id,amount\n" + cells.map((c, i) => `r${i},${c}\n`).join("");
        const chunks = chunked(text, cuts);
        const { table: loaded, diagnostics } = loadTable(t, chunks, "t.csv");
        expect(diagnostics).toEqual([]);
        const c = loaded.columns.get("amount")!;
        if (c.kind !== "decimal") throw new Error("not a decimal column");
        const values = cells.map((_, r) => decimalAt(c, r));
        cells.forEach((text, r) => {
          if (text === "") expect(values[r]).toBeNull();
          else expect(values[r]!.eq(new Dec(text))).toBe(true);
        });
        if (c.exact === null) {
          const scaled = Array.from(c.ints);
          const fits = scaled.every((v) => (v | 0) === v && !Object.is(v, -0));
          expect(c.ints instanceof Int32Array).toBe(fits && !cells.includes("-0"));
          expect(c.ints.length).toBe(cells.length);
        }
      }),
    );
  });

  it("a switch to Float64Array mid-file (a missing cell, a large value, a wider scale, -0) keeps the rows before it", () => {
    const t = table("t", [col("id", "text", { key: true }), col("amount", "money[EUR]", { optional: true })]);
    for (const odd of ["", "3000000000", "0.125", "-0"]) {
      const cells = ["1", "-2", "2147483647", odd, "7.5"];
      const { table: loaded } = loadTable(t, "id,amount\n" + cells.map((c, i) => `r${i},${c}\n`).join(""), "t.csv");
      const c = loaded.columns.get("amount")!;
      if (c.kind !== "decimal") throw new Error("not a decimal column");
      expect(cells.map((_, r) => decimalAt(c, r)?.toString() ?? null)).toEqual(
        cells.map((x) => (x === "" ? null : new Dec(x).toString())),
      );
      if (odd !== "0.125") expect(c.ints).toBeInstanceOf(Float64Array);
    }
    const { table: small } = loadTable(t, "id,amount\nr1,1\nr2,2.5\nr3,-3\n", "t.csv");
    const c = small.columns.get("amount")!;
    if (c.kind !== "decimal") throw new Error("not a decimal column");
    expect(c.ints).toBeInstanceOf(Int32Array);
    expect(Array.from(c.ints)).toEqual([10, 25, -30]);
  });
});
