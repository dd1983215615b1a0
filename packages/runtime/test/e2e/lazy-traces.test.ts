import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compile } from "@carrot/compiler";
import type { Expr, PlanIR } from "@carrot/ir";
import { evaluate, explain, loadDataset, toJson, writeJson, type EvaluateOptions, type RunResult } from "../../src/index.js";
import { evaluateEagerTraces } from "../../src/evaluate/evaluate.js";
import { Engine } from "../../src/evaluate/engine.js";
import { shuffle } from "../helpers/data.js";
import { arith, c, col, component, csv, direct, measure, money, plan, ratio, reps, sales, sumOf, value } from "../helpers/ir.js";

// A traced run keeps no trace: each is computed when read, by replaying its person on a traced
// engine (lazy-trace.ts). The bytes must be those of the traces built during the run (the eager
// path, kept for these tests), on every example plan and every conformance case, for shuffled rows,
// selected periods and any reading order.

const ROOT = resolve(import.meta.dirname, "../../../..");

interface Case {
  name: string;
  ir: PlanIR;
  files: Record<string, string>;
}

function readData(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .sort()
      .map((f) => [f, readFileSync(resolve(dir, f), "utf8")]),
  );
}

/** Every plan of the examples and conformance cases that compiles, with its data folder. */
function cases(): Case[] {
  const out: Case[] = [];
  const add = (name: string, dir: string, root: string): void => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".carrot")).sort()) {
      const compiled = compile({ root, entry: resolve(dir, file) });
      if (!compiled.ir || compiled.diagnostics.some((d) => d.severity === "error")) continue;
      out.push({ name: `${name}/${file}`, ir: compiled.ir, files: readData(resolve(dir, "data")) });
    }
  };
  for (const example of readdirSync(resolve(ROOT, "examples")).sort()) {
    const dir = resolve(ROOT, "examples", example);
    if (existsSync(resolve(dir, "plan.carrot"))) add(example, dir, dir);
  }
  const conformance = resolve(ROOT, "tests/conformance");
  for (const name of readdirSync(conformance).sort()) {
    const dir = resolve(conformance, name);
    if (existsSync(resolve(dir, "case.md"))) add(name, dir, ROOT);
  }
  return out;
}

const ALL = cases();

/** Each data file's rows in another order (files with quotes keep theirs: a quoted cell may hold a line break). */
function shuffled(files: Record<string, string>, seed: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      if (text.includes('"')) return [name, text];
      const [header, ...rows] = text.trimEnd().split(/\r?\n/);
      return [name, [header, ...shuffle(rows, seed)].join("\n") + "\n"];
    }),
  );
}

function streamed(result: RunResult): string {
  const chunks: string[] = [];
  writeJson(result, (c) => chunks.push(c));
  return chunks.join("");
}

function both(c: Case, files: Record<string, string>, options: EvaluateOptions = {}): { lazy: RunResult; eager: RunResult } {
  return { lazy: evaluate(c.ir, loadDataset(c.ir, files), options), eager: evaluateEagerTraces(c.ir, loadDataset(c.ir, files), options) };
}

describe("traces computed when read equal the traces built during the run", () => {
  it("covers the examples and the conformance cases", () => {
    expect(ALL.length).toBeGreaterThan(40);
    expect(ALL.filter((c) => !c.name.match(/^\d/)).length).toBeGreaterThanOrEqual(3);
  });

  it.each(ALL.map((c) => [c.name, c] as const))("%s: toJson, writeJson and JSON.stringify byte for byte", (_, c) => {
    const { lazy, eager } = both(c, c.files);
    const expected = toJson(eager);
    expect(toJson(lazy)).toBe(expected);
    // Read again (the replayed people are dropped from the cache): the same bytes.
    expect(streamed(lazy)).toBe(expected);
    // JSON.stringify sees the accessor too, with the keys in the eager lines' order.
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    // Spread and structuredClone copy the trace; the review reads lines so.
    expect(lazy.lines.map((l) => ({ ...l }))).toEqual(eager.lines);
    expect(structuredClone(lazy.omitted)).toEqual(eager.omitted);
  });

  it.each(ALL.map((c) => [c.name, c] as const))("%s: traces read in reverse order, and explain, as eager", (_, c) => {
    const { lazy, eager } = both(c, c.files);
    for (let i = lazy.lines.length - 1; i >= 0; i--) expect(lazy.lines[i].trace).toEqual(eager.lines[i].trace);
    for (let i = lazy.omitted.length - 1; i >= 0; i--) expect(lazy.omitted[i].trace).toEqual(eager.omitted[i].trace);
    for (const t of eager.totals.slice(0, 20)) {
      expect(explain(lazy, { person: t.person, period: t.period })).toBe(explain(eager, { person: t.person, period: t.period }));
    }
    // Reading changed nothing already in the result.
    expect(toJson(lazy)).toBe(toJson(eager));
  });

  it("property: shuffled rows, selected periods, any first read: the eager bytes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        (c, seed, selection, first) => {
          const files = shuffled(c.files, seed);
          const periods = evaluate(c.ir, loadDataset(c.ir, files), { trace: false, measures: false }).periods;
          const options: EvaluateOptions =
            selection === 0 || periods.length === 0
              ? {}
              : selection === 1
                ? { periods: [periods[periods.length - 1]] }
                : selection === 2
                  ? { from: periods[Math.floor(periods.length / 2)] }
                  : { to: periods[0], measures: false };
          const { lazy, eager } = both(c, files, options);
          // One trace read out of order before the rest.
          if (lazy.lines.length > 0) expect(lazy.lines[first % lazy.lines.length].trace).toEqual(eager.lines[first % lazy.lines.length].trace);
          expect(toJson(lazy)).toBe(toJson(eager));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// Generated plans: a random subset of components reading teams, reports, ytd and prior values,
// with eligibility that can have no value (omitted lines), holds, a yearly cap, a guarantee
// expression; random reporting lines (cycles included), sales, periods and row order.
const person = (column: string, type = "number"): Expr => ({ op: "person", type, column });
const revenue = measure("revenue", sumOf("direct", "amount"));
const share = measure("share", arith("div", value("revenue"), person("divisor"), "money[EUR]"));
const teamOf = (scope: "team" | "reports", name: string): Expr => ({ op: "team", type: "money[EUR]", scope, fn: "sum", target: { kind: "component", name, args: [] } });
const acc = (fn: "ytd" | "prior", name: string): Expr => ({ op: "accumulate", type: "money[EUR]", fn, value: value(name) });
const GENERATED = {
  pay: component("pay", arith("mul", value("revenue"), ratio("0.1")), { hold: { bound: money("150"), reason: "big" }, cap: { value: money("400"), per: "year" } }),
  ytd_pay: component("ytd_pay", arith("mul", acc("ytd", "revenue"), ratio("0.01"))),
  prior_pay: component("prior_pay", arith("mul", acc("prior", "share"), ratio("0.02")), {
    eligible: { op: "gt", type: "bool", args: [person("divisor"), c("0")] },
  }),
  team_override: component("team_override", arith("mul", teamOf("team", "pay"), ratio("0.05")), { order: 1 }),
  reports_override: component("reports_override", arith("mul", teamOf("reports", "ytd_pay"), ratio("0.5")), { order: 1 }),
};

const generatedSale = fc.record({ month: fc.integer({ min: 1, max: 12 }), rep: fc.integer({ min: 0, max: 5 }), cents: fc.integer({ min: -20_000, max: 300_000 }) });

describe("generated plans and data", () => {
  it("property: lazy traces are the eager bytes", () => {
    fc.assert(
      fc.property(
        fc.subarray(Object.keys(GENERATED) as (keyof typeof GENERATED)[], { minLength: 1 }),
        fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom("", "0", "1", "3"), { minLength: 6, maxLength: 6 }),
        fc.array(generatedSale, { maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (names, managers, divisors, sales_, guarantee, somePeriods, seed) => {
          const ir = plan({
            tables: [reps(col("divisor", "number", { optional: true })), sales()],
            credits: [direct()],
            values: [revenue, share],
            components: names.map((n) => GENERATED[n]),
            payout: { cap: null, guarantee: guarantee ? { value: arith("mul", value("revenue"), ratio("0.001")), per: "period", recoverable: true } : null, settle: null },
          });
          const people = managers.map((m, i) => `p${i},${m < 0 || m === i ? "" : `p${m}`},${i === 4 ? "2026-05-01" : ""},,${divisors[i]}`);
          const rows = sales_.map((s, i) => `s${i},2026-${String(s.month).padStart(2, "0")}-10,p${s.rep},${(s.cents / 100).toFixed(2)}`);
          const files = {
            reps: csv("id,manager,start,end,divisor", ...shuffle(people, seed)),
            sales: csv("id,date,rep,amount", ...shuffle(rows, seed + 1)),
          };
          const options: EvaluateOptions = somePeriods ? { periods: ["2026-Q3", "2026-Q2"] } : {};
          const lazy = evaluate(ir, loadDataset(ir, files), options);
          const eager = evaluateEagerTraces(ir, loadDataset(ir, files), options);
          if (lazy.lines.length > 0) expect(lazy.lines[(seed >>> 0) % lazy.lines.length].trace).toEqual(eager.lines[(seed >>> 0) % lazy.lines.length].trace);
          expect(toJson(lazy)).toBe(toJson(eager));
          expect(streamed(lazy)).toBe(toJson(eager));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a reference cycle (R0042): traces replayed in the run's order give the eager bytes", () => {
    // a → b → a: which of the two shows no value depends on where the cycle was entered.
    const ir = plan({
      tables: [reps(col("divisor", "number", { optional: true })), sales()],
      credits: [direct()],
      values: [measure("a", arith("add", value("b"), money("1"))), measure("b", arith("add", value("a"), money("2")))],
      components: [
        component("first", { op: "otherwise", type: "money[EUR]", args: [value("b"), money("5")] }),
        component("second", { op: "otherwise", type: "money[EUR]", args: [value("a"), money("7")] }),
        component("team", arith("mul", teamOf("team", "second"), ratio("0.1")), { order: 1 }),
      ],
    });
    // m1's team line enters r1's cycle at `a` (through `second`) before r1's own lines enter it at `b`.
    const files = { reps: csv("id,manager,start,end,divisor", "m1,,,,", "r1,m1,,,", "r2,r1,,,"), sales: csv("id,date,rep,amount", "s1,2026-01-10,r1,10") };
    const lazy = evaluate(ir, loadDataset(ir, files));
    const eager = evaluateEagerTraces(ir, loadDataset(ir, files));
    expect(lazy.diagnostics.some((d) => d.code === "R0042")).toBe(true);
    expect(toJson(lazy)).toBe(toJson(eager));
    // A trace read first out of order still has its line's rule.
    const again = evaluate(ir, loadDataset(ir, files));
    expect(again.lines.at(-1)!.trace.rule).toBe(eager.lines.at(-1)!.trace.rule);
  });

  it("a traced line's trace is an own enumerable accessor; assigning it keeps the value", () => {
    const ir = plan({ tables: [reps(), sales()], credits: [direct()], values: [revenue], components: [GENERATED.pay] });
    const r = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), sales: csv("id,date,rep,amount", "s1,2026-01-10,p1,10") }));
    const line = r.lines[0];
    const d = Object.getOwnPropertyDescriptor(line, "trace")!;
    expect(typeof d.get).toBe("function");
    expect(d.enumerable).toBe(true);
    expect(Object.keys(line)).toEqual(["person", "period", "component", "member", "amount", "status", "trace"]);
    expect(Object.keys(r.omitted[0] ?? { person: 0, period: 0, component: 0, member: 0, reason: 0, trace: 0 })).toEqual(["person", "period", "component", "member", "reason", "trace"]);
    const mine = { rule: "x", source: null, steps: [] };
    line.trace = mine;
    expect(line.trace).toBe(mine);
    expect(JSON.parse(JSON.stringify(line)).trace).toEqual(mine);
    // Untraced: a plain data property, as before.
    const untraced = evaluate(ir, loadDataset(ir, { reps: csv("id,manager,start,end", "p1,,,"), sales: csv("id,date,rep,amount", "s1,2026-01-10,p1,10") }), { trace: false });
    expect(Object.getOwnPropertyDescriptor(untraced.lines[0], "trace")!.get).toBeUndefined();
  });
});

describe("what a trace read may not change", () => {
  const ir = plan({ tables: [reps(col("divisor", "number", { optional: true })), sales()], credits: [direct()], values: [revenue, share], components: [GENERATED.pay, GENERATED.team_override] });
  const files = { reps: csv("id,manager,start,end,divisor", "m1,,,,", "p1,m1,,,1", "p2,m1,,,0"), sales: csv("id,date,rep,amount", "s1,2026-01-10,p1,10", "s2,2026-02-10,p2,2000") };

  it("overrides changed by the caller after the run: traces show the run's", () => {
    const overrides = [{ person: "p1", name: "revenue", args: [] as string[], value: "5000" }];
    const lazy = evaluate(ir, loadDataset(ir, files), { overrides });
    const eager = evaluateEagerTraces(ir, loadDataset(ir, files), { overrides });
    overrides[0].value = "1";
    overrides.push({ person: "p2", name: "revenue", args: [], value: "7" });
    expect(toJson(lazy)).toBe(toJson(eager));
  });

  it("an internal error while tracing: the figures stay, the trace says so, the next reads work again", () => {
    const eager = evaluateEagerTraces(ir, loadDataset(ir, files));
    const lazy = evaluate(ir, loadDataset(ir, files));
    const line = Engine.prototype.line;
    let fail = true;
    const spy = vi.spyOn(Engine.prototype, "line").mockImplementation(function (this: Engine, ...args) {
      if (this.traceOn && fail) {
        fail = false;
        throw new Error("boom");
      }
      return line.apply(this, args);
    });
    try {
      expect(lazy.lines[0].trace.steps).toEqual([{ kind: "note", message: "trace not available: internal error: boom" }]);
      expect(lazy.lines[0].trace).toEqual(eager.lines[0].trace);
      expect(lazy.lines.map((l) => l.trace)).toEqual(eager.lines.map((l) => l.trace));
      expect(lazy.diagnostics).toEqual(eager.diagnostics);
    } finally {
      spy.mockRestore();
    }
  });
});
