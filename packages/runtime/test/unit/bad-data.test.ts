import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate, loadDataset, loadTable } from "../../src/index.js";
import { loadDataDir } from "../../src/node/index.js";
import { col, component, csv, direct, plan, reps, sumOf, table } from "../helpers/ir.js";

const dims = [{ id: "dim.Product", name: "Product", parent: null, members: [{ name: "CARD-A", parent: null }] }];
const salesTable = table("sales", [
  col("id", "text", { key: true }),
  col("date", "date"),
  col("rep", "person"),
  col("product", "member[Product]"),
  col("amount", "money[EUR]"),
  col("share", "ratio", { optional: true }),
  col("units", "count", { optional: true }),
  col("won", "bool", { optional: true }),
  col("period", "period", { optional: true }),
]);
const ir = plan({ dimensions: dims, tables: [reps(), salesTable], credits: [direct()], components: [component("pay", sumOf("direct", "amount"))] });
const people = csv("id,manager,start,end", "p1,,,", "constructor,,,", "__proto__,,,");
const header = "id,date,rep,product,amount,share,units,won,period";

function diagnosticsOf(...rows: string[]) {
  const data = loadDataset(ir, { reps: people, sales: csv(header, ...rows) });
  return data.diagnostics.map((d) => [d.code, d.file, d.row, d.column]);
}

describe("bad data gives a diagnostic naming file, row and column; the row is quarantined", () => {
  it("each kind of bad cell", () => {
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,\"1,234.50\",,,,")).toEqual([["R0021", "sales.csv", 2, "amount"]]);
    expect(diagnosticsOf("s1,10/01/2026,p1,CARD-A,1,,,,")).toEqual([["R0022", "sales.csv", 2, "date"]]);
    expect(diagnosticsOf("s1,2026-02-30,p1,CARD-A,1,,,,")).toEqual([["R0022", "sales.csv", 2, "date"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-Z,1,,,,")).toEqual([["R0024", "sales.csv", 2, "product"]]);
    expect(diagnosticsOf("s1,2026-01-10,p404,CARD-A,1,,,,")).toEqual([["R0025", "sales.csv", 2, "rep"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,,,,,")).toEqual([["R0020", "sales.csv", 2, "amount"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,1,,1.5,,")).toEqual([["R0021", "sales.csv", 2, "units"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,1,,,yes,")).toEqual([["R0027", "sales.csv", 2, "won"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,1,,,,Q1-2026")).toEqual([["R0023", "sales.csv", 2, "period"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,1,,,,", "s1,2026-01-11,p1,CARD-A,2,,,,")).toEqual([["R0026", "sales.csv", 3, "id"]]);
    expect(diagnosticsOf("s1,2026-01-10,p1,CARD-A,1")).toEqual([["R0014", "sales.csv", 2, null]]);
  });

  it("an unknown person is reported but the row is kept, so reconciliation shows it as uncredited", () => {
    const data = loadDataset(ir, { reps: people, sales: csv(header, "s1,2026-01-10,p404,CARD-A,12,,,,") });
    expect(data.tables.get("sales")!.rowCount).toBe(1);
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.reconciliation[0].uncreditedRows.map((u) => [u.key, u.reason, u.amount])).toEqual([["s1", "unknown-person", "12"]]);
  });

  it("accepts percent as 40% or 0.4, CRLF and a BOM", () => {
    const data = loadDataset(ir, { reps: people, sales: "\ufeff" + [header, "s1,2026-01-10,p1,CARD-A,1,40%,,,", "s2,2026-01-10,p1,CARD-A,1,0.4,,,"].join("\r\n") });
    expect(data.diagnostics).toEqual([]);
    const share = data.tables.get("sales")!.columns.get("share")!;
    expect(share.kind === "decimal" ? [Array.from(share.ints), share.scale] : null).toEqual([[40, 40], 2]);
  });

  it("missing column, extra column (warning), empty file, binary file, missing file", () => {
    const missing = loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount,share,units,won,period", "s1,2026-01-10,p1,1,,,,") });
    expect(missing.diagnostics.map((d) => [d.code, d.row, d.column])).toEqual([["R0010", 1, "product"]]);
    expect(missing.tables.get("sales")!.quarantined).toEqual([2]);
    const extra = loadDataset(ir, { reps: people, sales: csv(header + ",comment", "s1,2026-01-10,p1,CARD-A,1,,,,,hi") });
    expect(extra.diagnostics.map((d) => [d.code, d.severity, d.column])).toEqual([["R0011", "warning", "comment"]]);
    expect(loadDataset(ir, { reps: people, sales: "" }).diagnostics.map((d) => d.code)).toEqual(["R0012"]);
    expect(loadDataset(ir, { reps: people, sales: "PK\u0003\u0004\u0000\u0000binary" }).diagnostics.map((d) => d.code)).toEqual(["R0013"]);
    expect(loadDataset(ir, { reps: people }).diagnostics.map((d) => [d.code, d.file])).toEqual([["R0002", "sales.csv"]]);
  });

  it("the result says rows were quarantined, and never throws", () => {
    const data = loadDataset(ir, { reps: people, sales: csv(header, "s1,2026-01-10,p1,CARD-A,abc,,,,", "s2,2026-01-10,p1,CARD-A,5,,,,") });
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.complete).toBe(false);
    expect(r.dataQuality.find((q) => q.table === "sales")).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsQuarantined: 1 });
    expect(r.lines.find((l) => l.person === "p1")?.amount).toBe("5.00");
  });

  it("ids like __proto__ and constructor behave like any id", () => {
    const data = loadDataset(ir, { reps: people, sales: csv(header, "__proto__,2026-01-10,__proto__,CARD-A,7,,,,", "toString,2026-01-10,constructor,CARD-A,3,,,,") });
    expect(data.diagnostics).toEqual([]);
    const r = evaluate(ir, data, { periods: ["2026-Q1"] });
    expect(r.lines.map((l) => [l.person, l.amount])).toEqual([
      ["__proto__", "7.00"],
      ["constructor", "3.00"],
      ["p1", "0.00"],
    ]);
  });

  it("a manager who is not a person is reported and ignored, the person kept", () => {
    const data = loadDataset(ir, { reps: csv("id,manager,start,end", "p1,ghost,,"), sales: csv(header) });
    expect(data.diagnostics.map((d) => [d.code, d.file, d.row, d.column])).toEqual([["R0025", "reps.csv", 2, "manager"]]);
    expect(data.tables.get("reps")!.rowCount).toBe(1);
  });

  it("the node loader streams files from a directory and reports unused files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-runtime-"));
    writeFileSync(join(dir, "reps.csv"), people);
    writeFileSync(join(dir, "sales.csv"), csv(header, "s1,2026-01-10,p1,CARD-A,12.5,,,,"));
    writeFileSync(join(dir, "salez.csv"), "x\n");
    const data = await loadDataDir(ir, dir);
    expect(data.diagnostics.map((d) => [d.code, d.file])).toEqual([["R0003", "salez.csv"]]);
    expect(evaluate(ir, data, { periods: ["2026-Q1"] }).lines.find((l) => l.person === "p1")?.amount).toBe("12.50");
  });

  it("loadTable works on its own, without dimension or people context", () => {
    const { table: t, diagnostics } = loadTable(salesTable, csv(header, "s1,2026-01-10,anyone,ANY,1,,,,"), "sales.csv");
    expect(diagnostics).toEqual([]);
    expect(t.rowCount).toBe(1);
  });
});

describe("nothing throws on user input", () => {
  it("property: arbitrary CSV text loads and evaluates to diagnostics, never an exception", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 10 }), { maxLength: 12 }), (raw, cells) => {
        const structured = [header, ...cells.map((row) => row.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join("\n");
        for (const text of [raw, structured, header + "\n" + raw]) {
          const data = loadDataset(ir, { reps: people, sales: text });
          const result = evaluate(ir, data);
          expect(Array.isArray(result.diagnostics)).toBe(true);
          for (const d of data.diagnostics) expect(d.file).not.toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });
});
