import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { StringColumn } from "../../src/data/strings.js";
import { CsvTableLoader, loadTable } from "../../src/data/table.js";
import { col, table } from "../helpers/ir.js";

/** A column in each form, filled with `cells` (the coded one's dictionary: the distinct cells seen so far). */
function columns(cells: (string | null)[]): StringColumn[] {
  const dict: string[] = [];
  const find = (text: string) => dict.indexOf(text);
  const coded = StringColumn.coded("c", dict, find);
  const packed = StringColumn.packed("p");
  const packedText = StringColumn.packedText("t");
  const array = StringColumn.array("a");
  for (const cell of cells) {
    if (cell !== null && !dict.includes(cell)) dict.push(cell);
    coded.push(cell);
    packed.push(cell);
    packedText.push(cell);
    array.push(cell);
  }
  return [coded, packed, packedText, array];
}

/** `c` reads `cells` by its reader, by `at` and by its shared reader. */
function expectCells(c: StringColumn, cells: (string | null)[]): void {
  expect(Array.from({ length: c.length }, (_, r) => c.reader()(r))).toEqual(cells);
  expect(Array.from({ length: c.length }, (_, r) => c.at(r))).toEqual(cells);
  const shared = c.sharedReader();
  expect(Array.from({ length: c.length }, (_, r) => shared(r))).toEqual(cells);
}

// The loader never stores "" (an empty cell is a missing one).
const cell = fc.option(fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), { freq: 4 });

/** Ids of the numbered form (one prefix, one width) mixed with near misses: other widths, prefixes, digits, big numbers. */
const idCell = fc.option(
  fc.oneof(
    { weight: 12, arbitrary: fc.nat({ max: 9_999_999 }).map((n) => `T${String(n).padStart(7, "0")}`) },
    { weight: 12, arbitrary: fc.nat({ max: 60 }).map((n) => `T${String(n).padStart(7, "0")}`) },
    { weight: 1, arbitrary: fc.nat({ max: 99_999_999 }).map((n) => `T${String(n).padStart(8, "0")}`) },
    { weight: 1, arbitrary: fc.nat({ max: 9_999_999 }).map((n) => `U${String(n).padStart(7, "0")}`) },
    { weight: 1, arbitrary: fc.constantFrom("T", "0000000", "T000000x", "T-000001", "T00000\u0661\u0662", "é0000001", "T0000001 ") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }) },
  ),
  { freq: 10 },
);

/** Ids that all have the numbered form of the first one (width 1 to 15, numbers up to the width's limit). */
const numberedCells = fc
  .tuple(fc.constantFrom("", "T", "INV-", "é-", "a-much-longer-prefix-"), fc.integer({ min: 1, max: 15 }))
  .chain(([prefix, width]) =>
    fc.array(fc.option(fc.bigInt({ min: 0n, max: 10n ** BigInt(width) - 1n }).map((n) => prefix + n.toString().padStart(width, "0")), { freq: 8 }), { maxLength: 300 }),
  );

describe("StringColumn", () => {
  it("property: codes, packed text and an array read the same cells, before and after finish, retain and values", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 3000 }), fc.func(fc.boolean()), (cells, keepOf) => {
        for (const c of columns(cells)) {
          const read = () => Array.from({ length: c.length }, (_, r) => c.reader()(r));
          expectCells(c, cells);
          expect([c.at(-1), c.at(c.length), c.reader()(c.length + 5)]).toEqual([null, null, null]);
          c.finish();
          expect(read()).toEqual(cells);
          const keep = cells.map((_, r) => keepOf(r));
          c.retain((r) => keep[r]);
          const kept = cells.filter((_, r) => keep[r]);
          expect(read()).toEqual(kept);
          expect(c.values).toEqual(kept);
          // Once read as an array, the column is that array (writes to it are what is read).
          if (kept.length > 0) {
            c.values[0] = null;
            expect(c.at(0)).toBeNull();
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("property: ids (numbered while every cell is one prefix and one width of digits, else packed) read back exactly", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(idCell, { maxLength: 2000 }), numberedCells), fc.func(fc.boolean()), (cells, keepOf) => {
        for (const c of columns(cells)) {
          const read = () => Array.from({ length: c.length }, (_, r) => c.reader()(r));
          expectCells(c, cells);
          c.finish();
          expect(read()).toEqual(cells);
          const keep = cells.map((_, r) => keepOf(r));
          c.retain((r) => keep[r]);
          expect(read()).toEqual(cells.filter((_, r) => keep[r]));
          expect(c.values).toEqual(cells.filter((_, r) => keep[r]));
        }
      }),
      { numRuns: 80 },
    );
  });

  it("a coded column lets go of its lookup when finished (the loader is not kept alive by it): a cell pushed afterwards is still read back exactly", () => {
    const dict = ["a", "b"];
    const c = StringColumn.coded("c", dict, (text) => dict.indexOf(text));
    c.push("b");
    c.pushCode(0);
    c.finish();
    c.push("a");
    c.push("zz");
    c.push(null);
    expect(c.values).toEqual(["b", "a", "a", "zz", null]);
  });

  it("transaction ids of one prefix and width are stored as numbers (4 bytes a row, 8 beyond int32), and the first other cell turns the column into packed text", () => {
    const c = StringColumn.packed("id");
    for (let i = 0; i < 5000; i++) c.push(i % 10 === 3 ? null : `INV-${String(i).padStart(6, "0")}`);
    expect(c.numbered()).toMatchObject({ prefix: "INV-", width: 6 });
    expect(c.numbered()!.nums).toBeInstanceOf(Int32Array);
    c.finish();
    expect(c.numbered()!.nums.length).toBe(5000);
    expect([c.at(0), c.at(3), c.at(4999)]).toEqual(["INV-000000", null, "INV-004999"]);

    const wide = StringColumn.packed("id");
    wide.push("X000000000001");
    wide.push("X999999999999");
    expect(wide.numbered()!.nums).toBeInstanceOf(Float64Array);
    expect(wide.values).toEqual(["X000000000001", "X999999999999"]);

    const mixed = StringColumn.packed("id");
    for (let i = 0; i < 100; i++) mixed.push(`T${String(i).padStart(7, "0")}`);
    mixed.push("T123"); // another width: not the same text as T0000123
    expect(mixed.numbered()).toBeNull();
    expect(mixed.isPacked()).toBe(true);
    expect([mixed.at(99), mixed.at(100), mixed.length]).toEqual(["T0000099", "T123", 101]);
  });

  it("property: a text key column finds exactly the duplicates a Set of the key texts finds (numbered, packed, sorted or not)", () => {
    const t = table("t", [col("id", "text", { key: true }), col("n", "number")]);
    fc.assert(
      fc.property(fc.array(idCell, { maxLength: 400 }), fc.boolean(), (cells, sorted) => {
        const keys = cells.filter((k): k is string => k !== null && !k.includes(",") && !k.includes('"') && !/[\r\n\u0000\ufffd\ufeff]/.test(k));
        if (sorted) keys.sort();
        const text = "id,n\n" + keys.map((k, i) => `${k},${i}`).join("\n") + "\n";
        const { table: loaded, diagnostics } = loadTable(t, text, "t.csv");
        const seen = new Set<string>();
        const duplicates: number[] = [];
        const kept: string[] = [];
        keys.forEach((k, i) => {
          if (seen.has(k)) duplicates.push(i + 2);
          else kept.push(k);
          seen.add(k);
        });
        expect(diagnostics.filter((d) => d.code === "R0026").map((d) => d.row)).toEqual(duplicates);
        expect(loaded.quarantined).toEqual(duplicates);
        expect((loaded.columns.get("id") as StringColumn).values).toEqual(kept);
        // The same from the file's bytes (keys checked by their bytes, or their numbers while numbered).
        const loader = new CsvTableLoader(t, "t.csv", { dimensions: [], people: null });
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 997) loader.pushBytes(bytes.subarray(at, at + 997));
        const fromBytes = loader.end();
        expect(fromBytes.diagnostics).toEqual(diagnostics);
        expect((fromBytes.table.columns.get("id") as StringColumn).values).toEqual(kept);
      }),
      { numRuns: 150 },
    );
  });

  it("a shared reader of packed text gives one string per row, however often and in whatever order it is read", () => {
    const c = StringColumn.packed("p");
    const n = 20_000;
    for (let r = 0; r < n; r++) c.push(r % 7 === 0 ? null : `key-${r}`);
    c.finish();
    const a = c.sharedReader();
    const first = Array.from({ length: n }, (_, k) => a((k * 7919) % n));
    const b = c.sharedReader();
    for (let k = 0; k < n; k++) {
      const r = (k * 7919) % n;
      expect(b(r)).toBe(r % 7 === 0 ? null : `key-${r}`);
      if (first[k] !== null) expect(Object.is(b(r), first[k])).toBe(true);
    }
  });

  it("codes are kept in the narrowest signed array holding them (Int8, Int16, Int32), widened as the dictionary grows, missing cells kept", () => {
    const dict: string[] = [];
    const c = StringColumn.coded("c", dict, (t) => dict.indexOf(t));
    const kinds = new Set<string>();
    const expected: (string | null)[] = [];
    for (let k = 0; k < 40_000; k++) {
      dict.push(`p${k}`);
      c.pushCode(k);
      expected.push(`p${k}`);
      if (k % 1000 === 0) {
        c.pushCode(-1);
        expected.push(null);
      }
      kinds.add(c.coded()!.codes.constructor.name);
    }
    expect([...kinds]).toEqual(["Int8Array", "Int16Array", "Int32Array"]);
    c.finish();
    expect(Array.from({ length: c.length }, (_, r) => c.at(r))).toEqual(expected);
    c.retain((r) => r % 2 === 0);
    expect(c.values).toEqual(expected.filter((_, r) => r % 2 === 0));
  });

  it("a coded column meeting a string outside its dictionary keeps every cell (as an array from then on)", () => {
    const dict = ["a", "b"];
    const c = StringColumn.coded("c", dict, (t) => dict.indexOf(t));
    c.pushCode(1);
    c.push("a");
    c.push(null);
    c.push("zz");
    c.pushCode(0);
    expect(c.coded()).toBeNull();
    expect(c.values).toEqual(["b", "a", null, "zz", "a"]);
  });

  it("the loader stores person ids and members as codes and free text packed", () => {
    const dims = [{ id: "dim.P", name: "P", parent: null, members: [{ name: "A", parent: null }] }];
    const t = table("t", [col("id", "text", { key: true }), col("rep", "person"), col("p", "member[P]"), col("q", "period", { optional: true })]);
    const { table: loaded } = loadTable(t, "id,rep,p,q\nx1,r1,A,2026-01\nx2,r1,A,\n", "t.csv", { dimensions: dims, people: null });
    const [id, rep, p, q] = ["id", "rep", "p", "q"].map((n) => loaded.columns.get(n) as StringColumn);
    expect([id.isPacked(), rep.coded()?.dict, p.coded()?.codes]).toEqual([true, ["r1"], new Int8Array([0, 0])]);
    expect([id.values, rep.values, p.values, q.values]).toEqual([
      ["x1", "x2"],
      ["r1", "r1"],
      ["A", "A"],
      ["2026-01", null],
    ]);
  });
});
