import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../../src/index.js";
import { loadDataFiles } from "../../src/node/index.js";
import { CsvTableLoader } from "../../src/data/table.js";
import { col, plan, reps, table } from "../helpers/ir.js";

const sales = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("amount", "money[EUR]"), col("note", "text", { optional: true })]);
const ir = plan({ tables: [reps(), sales] });
const people = "id,manager,start,end\np1,,,\np2,p1,,\n";

describe("the node loader reads files in 64 KiB slices", () => {
  it("a file of many slices (multi-byte characters and quoted line breaks across slice ends) loads as its text does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-node-load-"));
    const rows = ["id,date,rep,amount,note"];
    for (let i = 0; i < 20_000; i++) {
      const note = i % 7 === 0 ? `"café, ""n°${i}""\nline two"` : i % 5 === 0 ? "€ à ü" : "";
      const amount = i % 997 === 0 ? "bad" : `${i}.${i % 100}`;
      rows.push(`s${i % 19_000},2026-0${1 + (i % 9)}-1${i % 10},${i % 3 === 0 ? "p404" : "p1"},${amount},${note}`);
    }
    const text = rows.join("\r\n") + "\r\n";
    expect(text.length).toBeGreaterThan(10 * 65536);
    writeFileSync(join(dir, "reps.csv"), people);
    writeFileSync(join(dir, "sales.csv"), text);
    const progress: number[] = [];
    const fromFiles = await loadDataFiles(ir, [join(dir, "reps.csv"), join(dir, "sales.csv")], { onProgress: (read) => progress.push(read) });
    const fromText = loadDataset(ir, { reps: people, sales: text });
    expect(fromFiles.diagnostics).toEqual(fromText.diagnostics);
    expect(fromFiles.diagnostics.length).toBeGreaterThan(1000);
    const a = fromFiles.tables.get("sales")!;
    const b = fromText.tables.get("sales")!;
    expect([a.rowCount, a.rowsRead, Array.from(a.lines), a.quarantined]).toEqual([b.rowCount, b.rowsRead, Array.from(b.lines), b.quarantined]);
    expect([...a.columns.values()].map((c) => (c.kind === "string" ? c.values : c.kind === "date" ? Array.from(c.days) : c.kind === "decimal" ? Array.from(c.ints) : c.values))).toEqual(
      [...b.columns.values()].map((c) => (c.kind === "string" ? c.values : c.kind === "date" ? Array.from(c.days) : c.kind === "decimal" ? Array.from(c.ints) : c.values)),
    );
    // Read in slices of at most 64 KiB: one progress report per slice.
    const steps = progress.map((p, i) => p - (i === 0 ? 0 : progress[i - 1]));
    expect(Math.max(...steps)).toBeLessThanOrEqual(65536);
  });

  it("small files (a BOM, CRLF, no final line break, only a header, empty, an incomplete UTF-8 character) load as their text does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-node-load-"));
    writeFileSync(join(dir, "reps.csv"), people);
    const cases: (string | Buffer)[] = [
      "\ufeffid,date,rep,amount,note\r\ns1,2026-01-10,p1,1.5,\r\ns2,2026-01-11,p2,2,x",
      "id,date,rep,amount,note",
      "",
      Buffer.from([0xe2, 0x82]),
      "id,date,rep,amount,note\n\"s1\",2026-01-10,p1,1,\"a\nb\"\ns2,2026-01-10,p404,1,",
    ];
    for (const content of cases) {
      writeFileSync(join(dir, "sales.csv"), content);
      const fromFiles = await loadDataFiles(ir, [join(dir, "reps.csv"), join(dir, "sales.csv")]);
      const fromText = loadDataset(ir, { reps: people, sales: typeof content === "string" ? content : new TextDecoder().decode(content) });
      expect(fromFiles.diagnostics).toEqual(fromText.diagnostics);
      const a = fromFiles.tables.get("sales")!;
      const b = fromText.tables.get("sales")!;
      expect([a.rowCount, a.rowsRead, Array.from(a.lines), a.quarantined]).toEqual([b.rowCount, b.rowsRead, Array.from(b.lines), b.quarantined]);
      expect([...a.columns.values()].map((c) => (c.kind === "string" ? c.values : c.kind === "date" ? Array.from(c.days) : c.kind === "decimal" ? Array.from(c.ints) : c.values))).toEqual(
        [...b.columns.values()].map((c) => (c.kind === "string" ? c.values : c.kind === "date" ? Array.from(c.days) : c.kind === "decimal" ? Array.from(c.ints) : c.values)),
      );
    }
  });

  it("a large binary file is rejected after its first slice, and reading stops there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-node-load-"));
    const binary = Buffer.alloc(8 << 20, 0);
    binary.write("PK\u0003\u0004", 0, "latin1");
    writeFileSync(join(dir, "reps.csv"), people);
    writeFileSync(join(dir, "sales.csv"), binary);
    let read = 0;
    let total = 0;
    const data = await loadDataFiles(ir, [join(dir, "reps.csv"), join(dir, "sales.csv")], {
      onProgress: (r, t) => {
        read = r;
        total = t;
      },
    });
    expect(data.diagnostics.map((d) => [d.code, d.file])).toEqual([["R0013", "sales.csv"]]);
    expect(total).toBe(people.length + (8 << 20));
    expect(read).toBeLessThanOrEqual(people.length + 65536);
  });

  it("a file that cannot be read is reported (R0002) with the system's reason, and the table is evaluated as empty (as before the slices)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-node-load-"));
    writeFileSync(join(dir, "reps.csv"), people);
    mkdirSync(join(dir, "sales.csv"));
    const data = await loadDataFiles(ir, [join(dir, "reps.csv"), join(dir, "sales.csv")]);
    expect(data.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ["R0012", "sales.csv", "the file is empty: no header row for input 'sales'"],
      ["R0002", "sales.csv", "cannot read sales.csv: EISDIR: illegal operation on a directory, read"],
    ]);
    expect(data.tables.get("sales")!.rowCount).toBe(0);
  });
});

describe("columns sized from the input's size", () => {
  it("a wrong expected size (far too large or too small) changes nothing but the room reserved", () => {
    const header = "id,date,rep,amount,note\n";
    const rows = Array.from({ length: 3000 }, (_, i) => `s${i},2026-01-1${i % 10},p1,${i}.5,${i > 2000 ? "a longer note ".repeat(5) : ""}\n`).join("");
    const bytes = new TextEncoder().encode(header + rows);
    const load = (expected: number | null) => {
      const loader = new CsvTableLoader(sales, "sales.csv", { dimensions: [], people: new Set(["p1"]) });
      if (expected !== null) loader.expectBytes(expected);
      for (let at = 0; at < bytes.length; at += 4096) loader.pushBytes(bytes.subarray(at, at + 4096));
      return loader.end();
    };
    const plain = load(null);
    for (const expected of [bytes.length, bytes.length * 1000, 10, 4097]) {
      const got = load(expected);
      expect(got.diagnostics).toEqual(plain.diagnostics);
      expect(got.table.rowCount).toBe(3000);
      for (const col of got.table.columns.values()) {
        if (col.kind === "decimal") expect(col.ints.length).toBe(3000);
        else if (col.kind === "date") expect(col.days.length).toBe(3000);
        else if (col.kind === "string") expect(col.values).toEqual((plain.table.columns.get(col.name) as typeof col).values);
      }
    }
  });
});
