import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  appendAcceptance,
  buildReport,
  csvCell,
  renderCsvFiles,
  renderHtmlSite,
  renderXlsx,
  statementPath,
} from "../src/index.js";
import { HOSTILE, reportInput, reportIr } from "./helpers/report-fixture.js";

describe("report model", () => {
  const model = buildReport(reportInput());

  it("sums statements and finance to the runtime's totals", () => {
    expect(model.statements.map((s) => [s.person.id, s.total.payable])).toEqual([
      ["m1", "195.00"],
      ["p1", "1000.00"],
      ["p2", "900.00"],
    ]);
    expect(model.finance.total).toEqual({ earned: "2145.00", adjustments: "-50.00", payable: "2095.00" });
    expect(model.finance.byComponent).toEqual([
      { key: "commission", amounts: ["1100.00", "850.00"], total: "1950.00" },
      { key: "override", amounts: ["110.00", "85.00"], total: "195.00" },
    ]);
    expect(model.finance.byRegion.map((r) => [r.key, r.total])).toEqual([
      ["-South", "900.00"],
      ["North", "1195.00"],
    ]);
  });

  it("pairs revenue with its quota and computes range attainment", () => {
    const p1 = model.statements.find((s) => s.person.id === "p1")!;
    // (8,000 + 11,000) / (10,000 + 10,000) = 95%
    expect(p1.attainment).toMatchObject([{ label: "revenue(Cardio)", quota: "quota", total: { actual: "19000.00", quota: "20000.00", ratio: "0.9500" }, bands: ["0", "1", "1.25"] }]);
  });

  it("says what is still needed for the next band, from the last period's trace", () => {
    const p1 = model.statements.find((s) => s.person.id === "p1")!;
    // Q2: 11,000 of 10,000; the next band starts at 125% × 10,000 = 12,500 but pays 0%: no incentive.
    expect(p1.next).toEqual([]);
    const p2 = model.statements.find((s) => s.person.id === "p2")!;
    // Q2: 5,000 of 10,000; the 10% band starts at 10,000: 5,000 more.
    expect(p2.next).toMatchObject([{ component: "commission", member: "Cardio", needed: "5000", target: "10000", reward: "100% band: 10%" }]);
  });

  it("lists components that gave no line, which is not a line of zero", () => {
    const p1 = model.statements.find((s) => s.person.id === "p1")!;
    expect(p1.omitted).toEqual([{ component: "commission", member: "Oncology", periods: ["2026-Q1", "2026-Q2"], reason: "no-value" }]);
    expect(renderHtmlSite(model).get(statementPath("p1"))).toContain("<li>commission (Oncology): 2026-Q1, 2026-Q2</li>");
  });

  it("shows when the range's payables are paid, only for a plan with a pay clause", () => {
    expect(model.statements.every((s) => s.payments === undefined)).toBe(true);
    expect(renderHtmlSite(model).get(statementPath("p1"))).not.toContain("Paid in");
    const payments = [
      { person: "p1", payPeriod: "2026-H1", amount: "1000", periods: ["2026-Q1", "2026-Q2"] },
      { person: "p2", payPeriod: "2026-H1", amount: "900", periods: ["2026-Q1", "2026-Q2"], partial: true as const },
    ];
    const paid = buildReport({ ...reportInput(), result: { ...reportInput().result, payments } });
    expect(paid.statements.find((s) => s.person.id === "p2")!.payments).toEqual([
      { payPeriod: "2026-H1", amount: "900.00", periods: ["2026-Q1", "2026-Q2"], partial: true },
    ]);
    expect(paid.statements.find((s) => s.person.id === "m1")!.payments).toEqual([]);
    const page = renderHtmlSite(paid).get(statementPath("p1"))!;
    expect(page).toContain("<h2>Paid in</h2>");
    expect(page).toMatch(/<td>2026-H1<\/td><td class="num" data-figure="payment:2026-H1"><span>1,000\.00<\/span><\/td><td>2026-Q1, 2026-Q2<\/td>/);
  });

  it("builds a team page for the manager with team attainment", () => {
    expect(model.teams).toHaveLength(1);
    const team = model.teams[0]!;
    expect(team.members.map((m) => m.person.id)).toEqual(["p1", "p2"]);
    // (19,000 + 17,000) / 40,000 = 90%
    expect(team.attainment[0]!.total.ratio).toBe("0.9000");
    expect(team.teamPayable).toBe("1900.00");
    expect(team.managerLines.map((l) => l.total)).toEqual(["195.00"]);
  });

  it("forecasts a partial period from its run rate", () => {
    // Q2 payable 85 + 600 + 200 = 885; Q2 2026 has 91 days, data to 2026-05-15 covers 45: 885 × 91 / 45 = 1789.666… → 1789.67
    const f = buildReport(reportInput("", "2026-05-15")).finance.forecast;
    expect(f).toEqual([
      { period: "2026-Q1", status: "complete", toDate: "1210.00", daysElapsed: 90, periodDays: 90, forecast: "1210.00" },
      { period: "2026-Q2", status: "partial", toDate: "885.00", daysElapsed: 45, periodDays: 91, forecast: "1789.67" },
    ]);
  });

  it("marks statements by acceptance of this plan hash", () => {
    const out = appendAcceptance("", { person: "p1", plan: { name: "x", version: "1", hash: reportIr.hash }, at: "2026-01-05" });
    if (out.kind !== "appended") throw new Error("setup");
    const accepted = buildReport(reportInput(out.text)).statements.map((s) => [s.person.id, s.accepted?.at ?? null]);
    expect(accepted).toEqual([
      ["m1", null],
      ["p1", "2026-01-05"],
      ["p2", null],
    ]);
  });
});

describe("hostile data", () => {
  const model = buildReport(reportInput());

  it("escapes names in every HTML page", () => {
    const site = renderHtmlSite(model);
    for (const [path, html] of site) {
      expect(html, path).not.toContain("<script>");
      expect(html, path).not.toMatch(/<script/i);
    }
    expect(site.get(statementPath("p1"))).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("neutralises formulas in CSV, numbers stay plain", () => {
    const csv = renderCsvFiles(model).get("totals.csv")!;
    expect(csv).toContain(`p2,"'=HYPERLINK(""http://x"")",'-South,Rep`);
    expect(csv).toContain(",-50.00,200.00\r\n");
    expect(csvCell({ kind: "number", value: "-12.50", format: "money" })).toBe("-12.50");
    expect(csvCell({ kind: "text", value: "-12.50" })).toBe("'-12.50");
    expect(csvCell({ kind: "text", value: "@SUM(A1)" })).toBe("'@SUM(A1)");
    expect(csvCell({ kind: "text", value: "+1" })).toBe("'+1");
    expect(csvCell({ kind: "text", value: HOSTILE })).toBe(HOSTILE);
  });

  it("writes an xlsx whose amounts are numbers and whose formulas are text", async () => {
    const bytes = await renderXlsx(model);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const totals = wb.getWorksheet("totals")!;
    const rows = totals.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows[0]!.slice(1);
    expect(header).toEqual(["person", "name", "region", "level", "accepted", "period", "earned", "adjustments", "payable"]);
    const p2q2 = rows.find((r) => r[1] === "p2" && r[6] === "2026-Q2")!;
    expect(p2q2[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(p2q2[3]).toBe("'-South");
    expect(p2q2[8]).toBe(-50);
    expect(typeof p2q2[9]).toBe("number");
    // Every payable figure of the sheet agrees with the model's exact figure at the plan's scale.
    const exact = model.statements.flatMap((s) => [...s.perPeriod.map((p) => p.payable), s.total.payable]);
    const sheet = rows.slice(1).map((r) => (r[9] as number).toFixed(2));
    expect(sheet).toEqual(exact);
  });
});
