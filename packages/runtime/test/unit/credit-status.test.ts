import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CreditIR } from "@carrot/ir";
import { Dec } from "../../src/decimal.js";
import { RowDetails } from "../../src/evaluate/packed.js";
import { compactDays } from "../../src/evaluate/credit.js";
import { evaluate, loadDataset, toJson } from "../../src/index.js";
import { col, column_, component, csv, plan, reps, sumOf, table, value } from "../helpers/ir.js";
import { shuffle } from "../helpers/data.js";

// Crediting keeps one state byte per source row, the details of uncredited rows only, and shares
// the date column when one rule dates the rows: these properties pin that the reconciliation is
// what the rules say, row by row, whatever the storage.

describe("RowDetails", () => {
  it("property: sparse, then dense past its threshold, it reads back what a Map would", () => {
    const op = fc.record({ row: fc.integer({ min: 0, max: 199 }), text: fc.option(fc.constantFrom("a", "b", "c", "dated 2026-01-01"), { nil: null }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 64 }), (ops, denseAfter) => {
        const details = new RowDetails(200, denseAfter);
        const model = new Map<number, string>();
        for (const { row, text } of ops) {
          if (text === null) {
            details.delete(row);
            model.delete(row);
          } else {
            details.set(row, text);
            model.set(row, text);
          }
        }
        for (let r = 0; r < 200; r++) expect(details.get(r)).toBe(model.get(r) ?? null);
      }),
    );
  });
});

describe("compactDays", () => {
  it("property: reads back every day exactly (NaN and -0 too), in 4 bytes a day when all are integers within 2^24", () => {
    const day = fc.oneof(fc.integer({ min: -16777216, max: 16777216 }), fc.constantFrom(NaN, -0, 16777217, -16777217, 20000.5, 2 ** 40));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 50 }), (values) => {
        const days = compactDays(Float64Array.from(values));
        values.forEach((v, i) => expect(Object.is(days[i], v)).toBe(true));
        const small = values.every((v) => v !== v || (Number.isInteger(v) && Math.abs(v) <= 16777216));
        expect(days instanceof Float32Array).toBe(small);
      }),
    );
  });
});

const people = csv("id,manager,start,end", "mgr,,,", "p1,mgr,,", "p2,mgr,,", "p3,,,");
const twoDates = table("sales", [col("id", "text", { key: true }), col("date", "date"), col("booked", "date"), col("rep", "person", { optional: true }), col("amount", "money[EUR]")]);
const dated = (name: string, column: string): CreditIR => ({
  id: `credit.${name}`,
  name,
  source: "sales",
  dated: column,
  join: null,
  to: column_("sales", "rep", "person"),
  split: null,
  rollup: null,
});
const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

describe("row status of several dated rules", () => {
  it("property: each row is reconciled in its earliest date's period with the most telling reason, for shuffled rows too", () => {
    // `a` dates rows by `date`, `b` by `booked` (names in that order): a reason of equal rank keeps a's detail.
    const ir = plan({
      tables: [reps(), twoDates],
      credits: [dated("b", "booked"), dated("a", "date")],
      values: [],
      components: [component("pay", sumOf("a", "amount")), component("team", sumOf("b", "amount"))],
    });
    const day = fc.record({ year: fc.constantFrom(2025, 2026, 2026, 2026, 2027), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    const row = fc.record({ date: day, booked: day, rep: fc.constantFrom("p1", "p2", "p3", "", "ghost"), cents: fc.integer({ min: -10_000, max: 1_000_000 }) });
    const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer(), (rows, seed) => {
        const lines = rows.map((x, i) => `s${i},${iso(x.date)},${iso(x.booked)},${x.rep},${new Dec(x.cents).div(100).toFixed(2)}`);
        const header = "id,date,booked,rep,amount";
        const a = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...lines) }));
        const b = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...shuffle(lines, seed)) }));
        // (Rows with an unknown person are reported by file line, which the shuffle changes.)
        expect(JSON.stringify([b.reconciliation, b.lines])).toBe(JSON.stringify([a.reconciliation, a.lines]));

        // The model: per rule, outside the plan, else no person, else unknown person, else credited.
        const rank = ["unknown-person", "split-not-100", "no-person", "no-match", "no-date", "outside-plan"];
        const expected = new Map<string, { rows: number; uncredited: [string, string, string][] }>();
        rows.forEach((x, i) => {
          const outcome = (d: string): [string, string] | null =>
            !d.startsWith("2026")
              ? ["outside-plan", `dated ${d}, outside 2026-01-01 .. 2026-12-31`]
              : x.rep === ""
                ? ["no-person", "the credited person is empty"]
                : x.rep === "ghost"
                  ? ["unknown-person", "'ghost' is not in the people table"]
                  : null;
          const byA = outcome(iso(x.date));
          const byB = outcome(iso(x.booked));
          const credited = byA === null || byB === null;
          const reason = credited ? null : rank.indexOf(byB![0]) < rank.indexOf(byA![0]) ? byB! : byA!;
          const earliest = iso(x.date) < iso(x.booked) ? iso(x.date) : iso(x.booked);
          const period = quarterOf(earliest);
          if (!period.startsWith("2026") && reason?.[0] !== "outside-plan") return;
          let g = expected.get(period);
          if (!g) expected.set(period, (g = { rows: 0, uncredited: [] }));
          g.rows++;
          if (reason) g.uncredited.push([`s${i}`, reason[0], reason[1]]);
        });
        const got = new Map(a.reconciliation.map((r) => [r.period, { rows: r.rows, uncredited: r.uncreditedRows.map((u) => [u.key, u.reason, u.detail]) }]));
        for (const g of expected.values()) g.uncredited.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
        expect(got).toEqual(expected);
        for (const rec of a.reconciliation) expect(new Dec(rec.amountIn).eq(new Dec(rec.credited).plus(rec.uncredited))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("property: a rollup credits each manager the reports' rows once, in the rows' periods, for shuffled rows too", () => {
    const ir = plan({
      tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person", { optional: true }), col("amount", "money[EUR]")])],
      credits: [dated("direct", "date"), { id: "credit.team", name: "team", source: null, dated: null, join: null, to: null, split: null, rollup: { rule: "direct", depth: null } }],
      values: [],
      components: [component("pay", sumOf("direct", "amount")), component("override", sumOf("team", "amount"))],
    });
    const row = fc.record({ month: fc.integer({ min: 1, max: 12 }), rep: fc.constantFrom("p1", "p2", "p3", "mgr"), cents: fc.integer({ min: 0, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer(), (rows, seed) => {
        const lines = rows.map((x, i) => `s${i},2026-${String(x.month).padStart(2, "0")}-15,${x.rep},${new Dec(x.cents).div(100).toFixed(2)}`);
        const a = evaluate(ir, loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", ...lines) }));
        const b = evaluate(ir, loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", ...shuffle(lines, seed)) }));
        expect(toJson(b)).toBe(toJson(a));
        // mgr manages p1 and p2: the override is the sum of their rows per quarter.
        for (let q = 1; q <= 4; q++) {
          const want = rows
            .filter((x) => (x.rep === "p1" || x.rep === "p2") && Math.floor((x.month - 1) / 3) + 1 === q)
            .reduce((s, x) => s.plus(new Dec(x.cents).div(100)), new Dec(0));
          const line = a.lines.find((l) => l.person === "mgr" && l.period === `2026-Q${q}` && l.component === "override");
          expect(new Dec(line?.amount ?? "0").eq(want)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("split credit without a join", () => {
  it("property: a row is credited at its share only when the share is 100%, traced or not, for shuffled rows too", () => {
    const ir = plan({
      tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person"), col("share", "ratio"), col("amount", "money[EUR]")])],
      credits: [{ ...dated("direct", "date"), split: column_("sales", "share", "ratio") }],
      values: [],
      components: [component("pay", sumOf("direct", "amount"))],
    });
    const row = fc.record({ month: fc.integer({ min: 1, max: 12 }), rep: fc.constantFrom("p1", "p2", "mgr"), share: fc.constantFrom("100%", "1", "50%", "0.999"), cents: fc.integer({ min: 0, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer(), (rows, seed) => {
        const lines = rows.map((x, i) => `s${i},2026-${String(x.month).padStart(2, "0")}-15,${x.rep},${x.share},${new Dec(x.cents).div(100).toFixed(2)}`);
        const header = "id,date,rep,share,amount";
        const a = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...lines) }));
        const b = evaluate(ir, loadDataset(ir, { reps: people, sales: csv(header, ...shuffle(lines, seed)) }), { trace: false });
        expect(JSON.stringify(b.totals)).toBe(JSON.stringify(a.totals));
        expect(JSON.stringify(b.reconciliation)).toBe(JSON.stringify(a.reconciliation));
        for (const person of ["p1", "p2", "mgr"]) {
          for (let q = 1; q <= 4; q++) {
            const mine = rows.filter((x) => x.rep === person && Math.floor((x.month - 1) / 3) + 1 === q);
            const want = mine.filter((x) => x.share === "100%" || x.share === "1").reduce((s, x) => s.plus(new Dec(x.cents).div(100)), new Dec(0));
            const line = a.lines.find((l) => l.person === person && l.period === `2026-Q${q}` && l.component === "pay");
            expect(new Dec(line?.amount ?? "0").eq(want)).toBe(true);
          }
        }
        const uncredited = a.reconciliation.flatMap((r) => r.uncreditedRows.map((u) => u.key)).sort();
        expect(uncredited).toEqual(rows.flatMap((x, i) => (x.share === "50%" || x.share === "0.999" ? [`s${i}`] : [])).sort());
      }),
      { numRuns: 40 },
    );
  });
});

describe("reconciliation sums", () => {
  it("property: amount in and credited are the exact sums, also when integer partial sums would leave the safe range", () => {
    const ir = plan({
      tables: [reps(), table("sales", [col("id", "text", { key: true }), col("date", "date"), col("rep", "person", { optional: true }), col("amount", "money[EUR]")])],
      credits: [dated("direct", "date")],
      values: [],
      components: [component("pay", sumOf("direct", "amount"))],
    });
    // Cents up to 2^53 - 1: two of them already leave the safe integers.
    const cents = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(9007199254740991, -9007199254740991, 4503599627370496));
    const row = fc.record({ rep: fc.constantFrom("p1", ""), cents });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        const lines = rows.map((x, i) => `s${i},2026-01-15,${x.rep},${new Dec(x.cents).div(100).toFixed(2)}`);
        const r = evaluate(ir, loadDataset(ir, { reps: people, sales: csv("id,date,rep,amount", ...lines) }), { trace: false });
        const exact = (keep: (x: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((s, x) => s.plus(new Dec(x.cents).div(100)), new Dec(0));
        const rec = r.reconciliation.find((x) => x.period === "2026-Q1");
        if (rows.length === 0) return;
        expect(new Dec(rec!.amountIn).eq(exact(() => true))).toBe(true);
        expect(new Dec(rec!.credited).eq(exact((x) => x.rep === "p1"))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
