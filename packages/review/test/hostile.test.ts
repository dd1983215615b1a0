import { describe, expect, it } from "vitest";
import { diffPlans, fileSlug, payoutImpact, renderDiff, statementPath, type ResultView } from "../src/index.js";
import { plan } from "./helpers/ir.js";

const result = (amount: string): ResultView => ({
  plan: { name: "P", version: "1", hash: "h" },
  periods: ["2026-Q1"],
  lines: [{ person: "x", period: "2026-Q1", component: "c", member: null, amount }],
  adjustments: [],
  totals: [{ person: "x", period: "2026-Q1", earned: amount, adjustments: "0", payable: amount }],
});

describe("hostile ids and names", () => {
  it("file names from ids stay inside their folder and are unique per exact id", () => {
    for (const id of ["../../etc/passwd", "/abs", "a/b", "..", "", "__proto__", "con", "ü"]) {
      const path = statementPath(id);
      expect(path).toMatch(/^statements\/[A-Za-z0-9_-]+-[0-9a-f]{8}\.html$/);
      expect(path.slice("statements/".length)).not.toContain("..");
    }
    expect(fileSlug("a b")).not.toBe(fileSlug("a_b"));
  });

  it("Markdown and terminal output keep names inert", () => {
    const name = "<img src=x onerror=alert(1)> | **bold** \u001b[31mred";
    const people = new Map([["x", { id: "x", name, region: "`tick`", level: null, manager: null }]]);
    const impact = payoutImpact(result("10"), result("12"), people, { regionColumn: "region" });
    const report = { diff: diffPlans(plan(), plan()), impact };
    const md = renderDiff(report, "markdown");
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*bold\\*\\*");
    const table = renderDiff(report, "table");
    expect(table).not.toContain("\u001b");
    expect(table).toContain("\\u001b[31mred");
    expect(JSON.parse(renderDiff(report, "json")).impact.movers[0].name).toBe(name);
  });
});
