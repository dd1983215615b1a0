/** `t(x, allow negative)`: checked only on a tier table's application, lowered to `negative: true` when written (bug B19). */
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";

const HEADER = `plan "P" {
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}
people reps { id person key }
input sales { id text key  date date  rep person  amount money }
credit direct { from sales  to sales.rep }
measure revenue = sum(direct.amount)
quota target = 100000 EUR
tiers t retroactive { 0% .. 100% : 4%  100% .. : 6% }
tiers m marginal { 0 EUR .. 100000 EUR : 4%  100000 EUR .. : 6% }
tiers bonus amount { 0 EUR .. 100000 EUR : 0 EUR  100000 EUR .. : 500 EUR }
`;

function compiled(body: string) {
  const text = HEADER + body;
  const r = compile({ root: "/ws", entry: "plan.carrot", readFile: (p) => (p === "/ws/plan.carrot" ? text : undefined) });
  // C0901 (an unused table of the header) left out.
  const codes = r.diagnostics.filter((d) => d.code !== "C0901").map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
  return { r, codes };
}

/** Every `tier` op of the IR, in order. */
function tierOps(ir: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      if ((v as { op?: unknown }).op === "tier") out.push(v as Record<string, unknown>);
      Object.values(v).forEach(visit);
    }
  };
  visit(ir);
  return out;
}

describe("checking `allow negative` in a call", () => {
  it("is accepted last in a tier table's application, with or without quota:", () => {
    expect(compiled("let a = t(revenue, quota: target, allow negative)\nlet b = m(revenue, allow negative)\ncomponent c { payout a + b }\n").codes).toEqual([]);
  });
  it("is rejected on t.rate (a rate, not a payout)", () => {
    expect(compiled("let r = t.rate(revenue, quota: target, allow negative)\ncomponent c { payout revenue * r }\n").codes).toEqual(["C0213 allow negative"]);
  });
  it("is rejected on a call that is not a tier table's application", () => {
    expect(compiled("let a = round(revenue, allow negative)\ncomponent c { payout a }\n").codes).toEqual(["C0213 allow negative"]);
    expect(compiled("let a = max(revenue, 0 EUR, allow negative)\ncomponent c { payout a }\n").codes).toEqual(["C0213 allow negative"]);
  });
  it("is rejected on an amount table (a band's amount: no first band's rate to price a negative value at)", () => {
    const r = compiled("let a = bonus(revenue, allow negative)\ncomponent c { payout a }\n");
    expect(r.codes).toEqual(["C0213 allow negative"]);
    expect(r.r.diagnostics.find((d) => d.code === "C0213")?.message).toContain("amount or interpolated table");
  });
  it("is rejected when written twice, or before an argument", () => {
    expect(compiled("let a = m(revenue, allow negative, allow negative)\ncomponent c { payout a }\n").codes).toEqual(["C0213 allow negative"]);
    expect(compiled("let a = m(allow negative, revenue)\ncomponent c { payout a }\n").codes).toEqual(["C0213 allow negative"]);
  });
  it("is not a value: `allow` alone is a syntax error", () => {
    expect(compiled("let a = m(revenue, allow)\ncomponent c { payout a }\n").codes.some((c) => c.startsWith("P"))).toBe(true);
  });
});

describe("lowering `allow negative`", () => {
  it("sets negative: true on the tier op only where written", () => {
    const { r, codes } = compiled(
      "let a = t(revenue, quota: target, allow negative)\nlet b = m(revenue)\nlet c = t.rate(revenue, quota: target)\ncomponent k { payout a + b + revenue * c }\n",
    );
    expect(codes).toEqual([]);
    const ops = tierOps(r.ir);
    expect(ops.map((o) => [o.table, o.apply, o.negative])).toEqual(
      expect.arrayContaining([
        ["t", "payout", true],
        ["m", "payout", undefined],
        ["t", "rate", undefined],
      ]),
    );
    expect(ops.filter((o) => "negative" in o)).toHaveLength(1);
  });
  it("changes the plan's hash (it changes what the plan pays)", () => {
    const body = (flag: string) => `let a = m(revenue${flag})\ncomponent k { payout a }\n`;
    const a = compiled(body("")).r.ir!;
    const b = compiled(body(", allow negative")).r.ir!;
    expect(a.hash).not.toBe(b.hash);
  });
});
