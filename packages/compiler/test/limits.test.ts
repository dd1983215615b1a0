/** Plans bigger or deeper than usual: long chains of definitions compile; nothing ever throws. */
import { expect, it } from "vitest";
import { compile } from "../src/index.js";

const HEADER = [
  `plan "P" { currency EUR  effective 2026-01-01 .. 2026-12-31  period quarter }`,
  "people reps { id person key }",
];
const run = (lines: string[]) => {
  const text = lines.join("\n");
  return compile({ root: "/ws", entry: "plan.carrot", readFile: () => text });
};

it("chains of thousands of measures and components, declared last-first, compile in order", () => {
  const n = 3000;
  const lines = [...HEADER];
  for (let i = n; i > 0; i--)
    lines.push(`measure m${i} = m${i - 1} + 1 EUR`, `component k${i} { payout k${i - 1} + m${i} }`);
  lines.push("measure m0 = 1 EUR", "component k0 { payout 1 EUR }");
  const r = run(lines);
  expect(r.diagnostics).toEqual([]);
  expect(r.ir!.plan.components.find((c) => c.name === `k${n}`)!.order).toBe(n);
  expect(r.ir!.plan.values.find((v) => v.name === `m${n}`)!.type).toBe("money[EUR]");
});

it("a cycle through thousands of measures is reported once", () => {
  const n = 3000;
  const lines = [...HEADER];
  for (let i = 0; i < n; i++) lines.push(`measure m${i} = m${(i + 1) % n} + 1 EUR`);
  lines.push("component c { payout m0 }");
  const r = run(lines);
  expect(r.diagnostics.map((d) => d.code)).toEqual(["C0301"]);
});

it("an expression too deep to follow is a diagnostic, not a crash", () => {
  const r = run([...HEADER, `component c { payout ${Array.from({ length: 20000 }, () => "1 EUR").join(" + ")} }`]);
  expect(r.diagnostics.every((d) => d.code === "C0999")).toBe(true);
});
