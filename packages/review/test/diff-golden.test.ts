import { describe, expect, it } from "vitest";
import { diffPlans, impactOnData, renderDiff, type PayoutImpact } from "../src/index.js";
import { expectGolden, fixtureData, fixturePlan } from "./helpers/fixtures.js";

const RUN = { periods: null, from: null, to: "2026-Q2" };
const base = fixturePlan("base");

async function report(name: string): Promise<{ impact: PayoutImpact; markdown: string; json: string; table: string }> {
  const next = fixturePlan(name);
  const diff = diffPlans(base, next);
  const impact = await impactOnData(base, next, fixtureData(), RUN);
  return {
    impact,
    markdown: renderDiff({ diff, impact }, "markdown"),
    json: renderDiff({ diff, impact }, "json"),
    table: renderDiff({ diff, impact }, "table"),
  };
}

const delta = (impact: PayoutImpact, person: string, component: string): string | undefined =>
  impact.rows.find((r) => r.person === person && r.component === component)?.delta;

describe("semantic diff of plan versions (goldens: UPDATE_GOLDEN=1 to re-record)", () => {
  for (const name of ["rate-change", "new-band", "renamed", "moved", "formatting"]) {
    it(`${name}: Markdown and JSON`, async () => {
      const r = await report(name);
      expectGolden(`diff/${name}.md`, r.markdown);
      expectGolden(`diff/${name}.json`, r.json);
      expectGolden(`diff/${name}.txt`, r.table);
    });
  }

  it("formatting-only and moved declarations are no semantic change with equal hashes", () => {
    for (const name of ["moved", "formatting"]) {
      const d = diffPlans(base, fixturePlan(name));
      expect(d.semanticChange).toBe(false);
      expect(d.before.hash).toBe(d.after.hash);
      expect(d.changes).toEqual([]);
    }
  });

  it("a rate change shows the band row and hand-computed payout deltas", async () => {
    const { impact } = await report("rate-change");
    // The accelerator band goes from 10% to 12%: +2% of each slice above 100% of quota.
    // a1 Q1 Cardio: 12,000 on 10,000 → 2,000 above → +40.00
    expect(delta(impact, "a1", "commission")).toBe("40.00");
    // c1 Q1 Cardio: 5,000 on 4,000 → 1,000 above → +20.00
    expect(delta(impact, "c1", "commission")).toBe("20.00");
    // d1 Q2 Oncology: 7,000 on 6,000 → 1,000 above → +20.00
    expect(delta(impact, "d1", "commission")).toBe("20.00");
    // m1 override: 10% of the reports' extra commission: Q1 10% × 60 = 6.00, Q2 10% × 20 = 2.00
    expect(delta(impact, "m1", "manager_override")).toBe("8.00");
    expect(impact.total).toEqual({ before: "2477.50", after: "2565.50", delta: "88.00" });
    expect(impact.movers.map((m) => [m.person, m.delta])).toEqual([
      ["a1", "40.00"],
      ["c1", "20.00"],
      ["d1", "20.00"],
      ["m1", "8.00"],
    ]);
    // Regions come from the people table's `region` column: North a1 + m1, South c1 + d1.
    expect(impact.byRegion).toEqual([
      { region: "North", before: "1277.50", after: "1325.50", delta: "48.00" },
      { region: "South", before: "1200.00", after: "1240.00", delta: "40.00" },
    ]);
  });

  it("a new tier band changes only the people above it", async () => {
    const { impact } = await report("new-band");
    // 120%.. now pays 15%: only c1 (125% in Q1) has a slice above 120%: 200 × 5% more = +10.00
    expect(impact.movers.map((m) => [m.person, m.delta])).toEqual([
      ["c1", "10.00"],
      ["m1", "1.00"],
    ]);
  });

  it("a renamed component is a rename, and payouts move from one name to the other", async () => {
    const { impact } = await report("renamed");
    expect(diffPlans(base, fixturePlan("renamed")).changes).toEqual([
      { kind: "renamed", section: "components", keyword: "component", name: "onco_bonus", from: "oncology_spif" },
    ]);
    expect(impact.total.delta).toBe("0.00");
    expect(impact.byComponent.filter((c) => c.component.includes("onc"))).toEqual([
      { component: "onco_bonus", before: "0.00", after: "250.00", delta: "250.00" },
      { component: "oncology_spif", before: "250.00", after: "0.00", delta: "-250.00" },
    ]);
  });
});
