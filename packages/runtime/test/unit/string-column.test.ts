import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { StringColumn } from "../../src/data/strings.js";
import { loadTable } from "../../src/data/table.js";
import { col, table } from "../helpers/ir.js";

/** A column in each form, filled with `cells` (the coded one's dictionary: the distinct cells seen so far). */
function columns(cells: (string | null)[]): StringColumn[] {
  const dict: string[] = [];
  const find = (text: string) => dict.indexOf(text);
  const coded = StringColumn.coded("c", dict, find);
  const packed = StringColumn.packed("p");
  const array = StringColumn.array("a");
  for (const cell of cells) {
    if (cell !== null && !dict.includes(cell)) dict.push(cell);
    coded.push(cell);
    packed.push(cell);
    array.push(cell);
  }
  return [coded, packed, array];
}

// The loader never stores "" (an empty cell is a missing one).
const cell = fc.option(fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), { freq: 4 });

describe("StringColumn", () => {
  it("property: codes, packed text and an array read the same cells, before and after finish, retain and values", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 3000 }), fc.func(fc.boolean()), (cells, keepOf) => {
        for (const c of columns(cells)) {
          const read = () => Array.from({ length: c.length }, (_, r) => c.reader()(r));
          expect(read()).toEqual(cells);
          expect(Array.from({ length: c.length }, (_, r) => c.at(r))).toEqual(cells);
          const shared = c.sharedReader();
          expect(Array.from({ length: c.length }, (_, r) => shared(r))).toEqual(cells);
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
    expect([id.isPacked(), rep.coded()?.dict, p.coded()?.codes]).toEqual([true, ["r1"], new Int32Array([0, 0])]);
    expect([id.values, rep.values, p.values, q.values]).toEqual([
      ["x1", "x2"],
      ["r1", "r1"],
      ["A", "A"],
      ["2026-01", null],
    ]);
  });
});
