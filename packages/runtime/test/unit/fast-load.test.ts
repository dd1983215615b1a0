import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsv } from "../../src/data/csv.js";
import { CsvTableLoader, dayOfBytes, dayOfChars, detach, loadTable, SLICE, TableBuilder, type LoadContext, type TableData } from "../../src/data/table.js";
import { parseDate } from "../../src/periods.js";
import { col, table } from "../helpers/ir.js";
import { chunked } from "../helpers/data.js";

/**
 * The loader reads an unquoted one-line record in place (the fast path) and hands anything else to
 * the general path (`TableBuilder.addRecord`, fed `CsvRecord`s). Whatever the text and however it
 * is cut into chunks, the fast path must give exactly what the general path alone gives: the same
 * columns, lines, quarantined lines and diagnostics (code, file, row, column, message, in order).
 */

const dims = [
  { id: "dim.Product", name: "Product", parent: null, members: [{ name: "CARD-A", parent: null }, { name: "CARD-B", parent: null }] },
];
const context: LoadContext = { dimensions: dims, people: new Set(["p1", "p2", "__proto__"]) };

const cellPools: Record<string, string[]> = {
  text: ["s1", "s2", "s3", "", "__proto__", "a-much-longer-transaction-id-0001", "x y", "\u{1F600}", "a\u{1F600}b"],
  date: ["2026-01-10", "2024-02-29", "2026-02-30", "2025-02-29", "0026-01-01", "0099-12-31", "0100-03-01", "9999-12-31", "10/01/2026", "2026-1-1", "2026-13-01", "2026-00-10", "", "1969-12-31"],
  person: ["p1", "p2", "p404", "", "__proto__", "P1"],
  member: ["CARD-A", "CARD-B", "CARD-Z", "", "card-a"],
  money: ["1", "12.5", "-3.25", "+7", "0.001", "1e5", "1,5", "", ".5", "5.", "-0", "99999999999999999999", "123456789012.123456", "12%", "."],
  ratio: ["40%", "0.4", "100%", "1.005%", "", "-5%", "%"],
  count: ["3", "3.00", "3.5", "", "-2"],
  bool: ["true", "false", "yes", "", "TRUE"],
  period: ["2026-03", "2026-Q1", "2026-H2", "2026-Y", "Q1-2026", "", "2026-13"],
  currency: ["EUR", "USD", "eur", "EURO", ""],
};

const shapes = [
  table("t", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person", { optional: true }), col("product", "member[Product]"), col("amount", "money[EUR]")]),
  table("t", [
    col("rep", "person", { key: true }),
    col("period", "period", { key: true }),
    col("share", "ratio", { optional: true }),
    col("units", "count", { optional: true }),
    col("won", "bool", { optional: true }),
    col("ccy", "currency", { optional: true }),
  ]),
  table("t", [col("date", "date", { key: true }), col("amount", "money[EUR]", { optional: true }), col("note", "text", { optional: true })]),
  table("t", [col("product", "member[Product]", { key: true, optional: true }), col("amount", "number", { optional: true }), col("other", "member[Nowhere]", { optional: true })]),
  table("t", [col("id", "text", { key: true, optional: true }), col("end", "date", { optional: true })]),
];

function poolOf(type: string): string[] {
  if (type.startsWith("member")) return cellPools.member;
  if (type.startsWith("money") || type === "number") return cellPools.money;
  return cellPools[type] ?? cellPools.text;
}

/** The general path alone: every record parsed to fields and given to `addRecord`. */
function loadGeneral(t: ReturnType<typeof table>, text: string, within: LoadContext = context) {
  const builder = new TableBuilder(t, "t.csv", within);
  for (const record of parseCsv(text)) builder.addRecord(record);
  return builder.finish();
}

/** The header line of `t`, with a column "ignored" second when `extraColumn`. */
function headerOf(t: ReturnType<typeof table>, extraColumn: boolean): string {
  const names = t.columns.map((c) => c.name);
  return (extraColumn ? [...names.slice(0, 1), "ignored", ...names.slice(1)] : names).join(",");
}

/** A row's fields: its cells (and "zz" second, the ignored column's, when `extraColumn`), the first quoted when `how` is "quote". */
function fieldsOf(cells: readonly string[], extraColumn: boolean, how: string): string[] {
  const fields = extraColumn ? [cells[0], "zz", ...cells.slice(1)] : [...cells];
  if (how === "quote") fields[0] = `"${fields[0]}"`;
  return fields;
}

function plain(table: TableData) {
  return {
    rowCount: table.rowCount,
    rowsRead: table.rowsRead,
    unusable: table.unusable,
    lines: Array.from(table.lines),
    quarantined: table.quarantined,
    columns: [...table.columns.values()].map((c) =>
      c.kind === "decimal"
        ? { scale: c.scale, ints: Array.from(c.ints).map((v) => (Object.is(v, -0) ? "-0" : v)), exact: c.exact?.map((d) => d?.toString() ?? null) ?? null }
        : c.kind === "date"
          ? Array.from(c.days)
          : c.values,
    ),
  };
}


describe("the fast loading path", () => {
  it("property: gives exactly the general path's table and diagnostics, for any rows and chunk cuts", () => {
    const row = (t: ReturnType<typeof table>) =>
      fc.tuple(
        fc.tuple(...t.columns.map((c) => fc.constantFrom(...poolOf(c.type)))),
        fc.constantFrom("ok", "ok", "ok", "ok", "quote", "short", "long", "blank", "crlf"),
      );
    fc.assert(
      fc.property(
        fc.nat(shapes.length - 1).chain((s) => fc.tuple(fc.constant(s), fc.array(row(shapes[s]), { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean())),
        ([s, rows, cuts, extraColumn]) => {
          const t = shapes[s];
          const lines = [headerOf(t, extraColumn)];
          for (const [cells, how] of rows) {
            const fields = fieldsOf(cells, extraColumn, how);
            if (how === "short") fields.pop();
            if (how === "long") fields.push("x");
            lines.push(how === "blank" ? "" : fields.join(",") + (how === "crlf" ? "\r" : ""));
          }
          const text = lines.join("\n") + "\n";
          const expected = loadGeneral(t, text);
          for (const input of [text, chunked(text, cuts)]) {
            const got = loadTable(t, input, "t.csv", context);
            expect(got.diagnostics).toEqual(expected.diagnostics);
            expect(plain(got.table)).toEqual(plain(expected.table));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("property: the byte path (a UTF-8 file's bytes, cut anywhere, even inside a character) gives exactly the general path's table and diagnostics", () => {
    const extra = ["café", "€5", "x\u00a0y", "p\u00e9"];
    const row = (t: ReturnType<typeof table>) =>
      fc.tuple(
        fc.tuple(...t.columns.map((c) => fc.constantFrom(...poolOf(c.type), ...extra))),
        fc.constantFrom("ok", "ok", "ok", "ok", "ok", "quote", "multiline", "short", "long", "blank", "crlf", "cr", "quote-inside"),
      );
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        fc.nat(shapes.length - 1).chain((s) =>
          fc.tuple(fc.constant(s), fc.array(row(shapes[s]), { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), fc.constantFrom("", "\ufeff", "\ufeff\ufeff"), fc.boolean()),
        ),
        ([s, rows, cuts, extraColumn, bom, finalNewline]) => {
          const t = shapes[s];
          const lines = [headerOf(t, extraColumn)];
          for (const [cells, how] of rows) {
            const fields = fieldsOf(cells, extraColumn, how);
            if (how === "multiline") fields[fields.length - 1] = `"${fields[fields.length - 1]}\n,""x"""`;
            if (how === "quote-inside") fields[0] = `${fields[0]}"`;
            if (how === "cr") fields[0] = `${fields[0]}\r`;
            if (how === "short") fields.pop();
            if (how === "long") fields.push("x");
            lines.push(how === "blank" ? "" : fields.join(",") + (how === "crlf" ? "\r" : ""));
          }
          const text = bom + lines.join("\n") + (finalNewline ? "\n" : "");
          const expected = loadGeneral(t, text);
          const bytes = encoder.encode(text);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const loader = new CsvTableLoader(t, "t.csv", context);
          let at = 0;
          for (const p of [...points, bytes.length]) {
            loader.pushBytes(Buffer.from(bytes.subarray(at, p)));
            at = p;
          }
          const got = loader.end();
          expect(got.diagnostics).toEqual(expected.diagnostics);
          expect(plain(got.table)).toEqual(plain(expected.table));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("text is read as UTF-8 bytes in slices that never split a surrogate pair (an emoji across a slice's end)", () => {
    const t = shapes[2];
    for (const shift of [0, 1, 2, 3]) {
      const header = "date,amount,note\n";
      const filler = "2026-01-10,1,x\n";
      // The emoji's two halves sit on both sides of character SLICE (65,536) for one of the shifts.
      const before = header + filler.repeat(Math.floor((SLICE - header.length - 40) / filler.length)) + "2026-01-11,2,";
      const pad = "a".repeat(SLICE - before.length - 1 + shift - 1);
      const text = before + pad + "\u{1F600}é" + "\n2026-01-12,3,z\n";
      const expected = loadGeneral(t, text);
      for (const input of [text, chunked(text, [SLICE - 1, SLICE + 1, 2 * SLICE])]) {
        const got = loadTable(t, input, "t.csv", context);
        expect(got.diagnostics).toEqual(expected.diagnostics);
        expect(plain(got.table)).toEqual(plain(expected.table));
      }
      const notes = expected.table.columns.get("note");
      expect(notes?.kind === "string" && notes.values.some((v) => v?.endsWith("\u{1F600}é"))).toBe(true);
    }
  });

  it("property: dates read from bytes are the dates read from char codes", () => {
    const text = fc
      .tuple(fc.integer({ min: 0, max: 10_999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.nat(9), fc.constantFrom("", "x", "/", "é"))
      .map(([y, m, d, at, junk]) => {
        const date = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        return junk === "" ? date : date.slice(0, at) + junk + date.slice(at + 1);
      });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 50 }), (dates) => {
        for (const date of dates) {
          const bytes = new TextEncoder().encode(`${date},`);
          const fast = dayOfBytes(bytes, 0);
          const chars = dayOfChars(date, 0, date.length);
          if (date.length === 10) expect(fast !== fast ? "none" : fast).toEqual(chars !== chars ? "none" : chars);
          else expect(fast !== fast || date.length === 10).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a later cell of wider scale, a switch to exact decimals and a duplicate after many rows give the general path's result", () => {
    const t = shapes[0];
    const many = Array.from({ length: 3000 }, (_, i) => `s${i},2026-01-10,p1,CARD-A,${i}.5`);
    const text = ["id,date,rep,product,amount", ...many, "x1,2026-01-10,p1,CARD-A,1.25", "x2,2026-01-10,p1,CARD-A,99999999999999.99", "s7,2026-01-10,p1,CARD-A,1", "x3,2026-01-10,p1,CARD-A,,"].join("\n");
    const expected = loadGeneral(t, text);
    const got = loadTable(t, text, "t.csv", context);
    expect(got.diagnostics).toEqual(expected.diagnostics);
    expect(got.diagnostics.map((d) => [d.code, d.row])).toEqual([
      ["R0026", 3004],
      ["R0014", 3005],
    ]);
    expect(plain(got.table)).toEqual(plain(expected.table));
  });

  it("cells the byte reader writes in place that their column cannot hold as it is (wider codes, an int32 overflow, a first missing decimal) give the general path's result, across growth", () => {
    // 400 people: codes past 127 (Int8Array → Int16Array); an amount past int32 and a first missing
    // amount (Int32Array → Float64Array); missing managers and dates; 5,000 rows (the columns grow).
    const people = new Set(Array.from({ length: 400 }, (_, i) => `p${i}`));
    const within: LoadContext = { dimensions: dims, people };
    const t = table("t", [
      col("id", "text", { key: true }),
      col("rep", "person"),
      col("manager", "person", { optional: true }),
      col("product", "member[Product]", { optional: true }),
      col("amount", "money[EUR]", { optional: true }),
      col("units", "count", { optional: true }),
      col("date", "date", { optional: true }),
    ]);
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const amount = i === 2500 ? "" : i === 3000 ? "99999999.99" : `${i}.25`;
      const units = i === 4000 ? "3000000000" : i === 4001 ? "" : `${i}`;
      const date = i % 11 === 0 ? "" : `2026-0${1 + (i % 9)}-1${i % 10}`;
      return `T${String(i).padStart(6, "0")},p${(i * 7) % 400},${i % 5 === 0 ? "" : `p${(i * 13) % 400}`},${i % 3 === 0 ? "" : "CARD-A"},${amount},${units},${date}`;
    });
    const text = ["id,rep,manager,product,amount,units,date", ...rows, "T004999,p1,,,1,1,", "T009999,p999,,,1,1,"].join("\n") + "\n";
    const expected = loadGeneral(t, text, within);
    expect(expected.diagnostics.map((d) => [d.code, d.row])).toEqual([
      ["R0026", 5002],
      ["R0025", 5003],
    ]);
    const bytes = new TextEncoder().encode(text);
    for (const cuts of [[], [1000, 70_000, 100_001]]) {
      const loader = new CsvTableLoader(t, "t.csv", within);
      let at = 0;
      for (const p of [...cuts, bytes.length]) {
        loader.pushBytes(bytes.subarray(at, p));
        at = p;
      }
      const got = loader.end();
      const rep = got.table.columns.get("rep");
      expect(rep?.kind === "string" && rep.coded()?.codes).toBeInstanceOf(Int16Array); // before `plain` reads `values`
      const amount = got.table.columns.get("amount");
      expect(amount?.kind === "decimal" && amount.ints).toBeInstanceOf(Float64Array);
      expect(got.diagnostics).toEqual(expected.diagnostics);
      expect(plain(got.table)).toEqual(plain(expected.table));
    }
  });

  it("duplicate keys in a file sorted by its key, then out of order, give the general path's result", () => {
    const t = shapes[0];
    const sorted = Array.from({ length: 5000 }, (_, i) => `k${String(i).padStart(5, "0")},2026-01-10,p1,CARD-A,1`);
    const text = ["id,date,rep,product,amount", ...sorted, "k04999,2026-01-10,p1,CARD-A,1", "k00007,2026-01-10,p1,CARD-A,1", "k00006x,2026-01-10,p1,CARD-A,1", "k00006x,2026-01-10,p1,CARD-A,1", "k09999,2026-01-10,p1,CARD-A,1"].join("\n");
    const expected = loadGeneral(t, text);
    const got = loadTable(t, text, "t.csv", context);
    expect(got.diagnostics).toEqual(expected.diagnostics);
    expect(got.diagnostics.map((d) => [d.code, d.row])).toEqual([
      ["R0026", 5002],
      ["R0026", 5003],
      ["R0026", 5005],
    ]);
    expect(plain(got.table)).toEqual(plain(expected.table));
  });

  it("property: a stored cell's detached copy equals the cell, whatever its characters (lone surrogates, quotes, escapes)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), (a, b) => {
        for (const text of [a, b, `${a}"\\\u2028${b}`]) expect(detach(text)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("property: dates read from char codes are parseDate's day numbers (or left to parseDate)", () => {
    const text = fc.tuple(fc.integer({ min: 0, max: 10_999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 })).map(
      ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    );
    fc.assert(
      fc.property(text, (date) => {
        const fast = dayOfChars(`,${date},`, 1, date.length + 1);
        if (fast === fast) expect(fast).toBe(parseDate(date));
        else expect(date.length !== 10 || Number(date.slice(0, 4)) < 100 || parseDate(date) === null).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
