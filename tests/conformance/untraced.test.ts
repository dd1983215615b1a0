/**
 * Every plan of every conformance case (each `.carrot` file of its folder) and every example, run
 * without traces: the same figures, statuses, adjustments, totals, measures, payments,
 * reconciliation and diagnostics as the traced run, byte for byte once serialised without the
 * traces. The untraced run takes its own fast paths (plain memos, lines memoised as their amount,
 * integer tier totals and sums, reused environments): this pins that they agree with the general
 * path on every shape the cases cover.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toJson, type RunResult } from "@carrot/runtime";
import { EXAMPLES, runExample } from "../examples/harness.js";
import { CASES, compileCase, runCase } from "./harness.js";

const EMPTY = { rule: "", source: null, steps: [] };

/** The result's canonical JSON with every trace emptied (the only thing `trace: false` leaves out). */
function withoutTraces(r: RunResult): string {
  return toJson({
    ...r,
    lines: r.lines.map((l) => ({ ...l, trace: { ...EMPTY, rule: l.trace.rule, source: l.trace.source } })),
    omitted: r.omitted.map((o) => ({ ...o, trace: { ...EMPTY, rule: o.trace.rule, source: o.trace.source } })),
  });
}

const plans = readdirSync(CASES)
  .filter((d) => /^\d{2,}-/.test(d) && statSync(join(CASES, d)).isDirectory())
  .sort()
  .flatMap((name) =>
    readdirSync(join(CASES, name))
      .filter((f) => f.endsWith(".carrot"))
      .sort()
      .map((file) => [name, file] as const),
  );

describe("untraced runs give the traced figures", () => {
  for (const [name, file] of plans) {
    it(`${name}/${file}`, () => {
      if (!compileCase(name, file).ir) return; // a plan pinned as not compiling has nothing to run
      const traced = runCase(name, {}, undefined, file);
      const untraced = runCase(name, { trace: false }, undefined, file);
      expect(withoutTraces(untraced)).toBe(withoutTraces(traced));
      expect(untraced.lines.every((l) => l.trace.steps.length === 0)).toBe(true);
    });
  }
  for (const example of EXAMPLES) {
    it(`example ${example}`, () => {
      expect(withoutTraces(runExample(example, { trace: false }))).toBe(withoutTraces(runExample(example)));
    });
  }
});
