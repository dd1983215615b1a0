import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { compile } from "@carrot/compiler";
import { evaluate, loadDataset } from "@carrot/runtime";
import { readTree } from "@carrot/review";
import { describe, expect, it } from "vitest";
import { auditCommand, acceptCommand } from "../src/commands/audit.js";
import { diffCommand } from "../src/commands/diff.js";
import { reportCommand } from "../src/commands/report.js";
import type { Io } from "../src/io.js";

const FIXTURES = resolve(import.meta.dirname, "../../review/test/fixtures");
const GOLDEN = resolve(import.meta.dirname, "../../review/test/golden");
const PLAN = join(FIXTURES, "plans/base.carrot");

function io(cwd = FIXTURES): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    cwd,
    isTTY: false,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "carrot-review-"));
}

/** A private copy of the fixture data (accept writes into it). */
function dataCopy(): string {
  const dir = join(tmp(), "data");
  cpSync(join(FIXTURES, "data"), dir, { recursive: true });
  return dir;
}

/** The runtime's own figures for the fixture, Q1–Q2: what every format must agree with. */
function runtimeTotals(): { total: string; byPerson: Map<string, string> } {
  const c = compile({ root: FIXTURES, entry: "plans/base.carrot" });
  const dir = join(FIXTURES, "data");
  const files = new Map(readdirSync(dir).filter((f) => f.endsWith(".csv")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  const result = evaluate(c.ir!, loadDataset(c.ir!, files), { to: "2026-Q2" });
  const byPerson = new Map<string, bigint>();
  for (const t of result.totals) byPerson.set(t.person, (byPerson.get(t.person) ?? 0n) + BigInt(t.payable.replace(".", "")));
  const total = [...byPerson.values()].reduce((a, b) => a + b, 0n);
  const fmt = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return { total: fmt(total), byPerson: new Map([...byPerson].map(([p, c]) => [p, fmt(c)])) };
}

describe("carrot diff", () => {
  it("prints the Markdown of a rate change with its payout impact", async () => {
    const t = io();
    const code = await diffCommand.run(["plans/base.carrot", "plans/rate-change.carrot", "--data", "data", "--to", "2026-Q2", "--format", "markdown"], t);
    expect(t.err()).toBe("");
    expect(code).toBe(0);
    expect(t.out()).toBe(readFileSync(join(GOLDEN, "diff/rate-change.md"), "utf8"));
  });

  it("reads git revisions, imports included", async () => {
    const repo = tmp();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: repo, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    mkdirSync(join(repo, "plans"));
    writeFileSync(join(repo, "plans/x.carrot"), readFileSync(PLAN, "utf8"));
    git("add", ".");
    git("commit", "-q", "-m", "base");
    writeFileSync(join(repo, "plans/x.carrot"), readFileSync(join(FIXTURES, "plans/new-band.carrot"), "utf8"));
    const t = io(repo);
    expect(await diffCommand.run(["main:plans/x.carrot", "plans/x.carrot", "--format", "json"], t)).toBe(0);
    const json = JSON.parse(t.out());
    expect(json.diff.semanticChange).toBe(true);
    expect(json.diff.changes.map((c: { name: string }) => c.name)).toEqual(["commission_rate"]);
    expect(json.impact).toBeNull();
    // The same revision on both sides: no semantic change.
    const same = io(repo);
    expect(await diffCommand.run(["main:plans/x.carrot", "HEAD:plans/x.carrot"], same)).toBe(0);
    expect(same.out()).toContain("No semantic change");
  });

  it("prints the compiler's diagnostics and exits 1 when a version does not compile", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "broken.carrot"), readFileSync(PLAN, "utf8").replace("payout commission_rate(revenue(c), quota: quota(c))", "payout commission_rat(revenue(c))"));
    const t = io(dir);
    expect(await diffCommand.run([PLAN, "broken.carrot"], t)).toBe(1);
    expect(t.err()).toMatch(/^broken\.carrot:\d+:\d+: error C\d{4} /m);
    expect(t.out()).toBe("");
  });

  it("refuses bad usage and reports a missing revision", async () => {
    await expect(diffCommand.run(["plans/base.carrot"], io())).rejects.toThrow(/old and the new/);
    await expect(diffCommand.run(["plans/base.carrot", "plans/base.carrot", "--format", "xml"], io())).rejects.toThrow(/--format/);
    const t = io();
    expect(await diffCommand.run(["nosuchrev:plans/base.carrot", "plans/base.carrot"], t)).toBe(2);
    expect(t.err()).toMatch(/nosuchrev/);
  });
});

describe("carrot report", () => {
  const totals = runtimeTotals();

  it("writes a static HTML site whose totals agree with the runtime, names escaped", async () => {
    const out = join(tmp(), "site");
    const t = io();
    expect(await reportCommand.run([PLAN, "--data", join(FIXTURES, "data"), "--to", "2026-Q2", "--format", "html", "--out", out], t)).toBe(0);
    const files = [...readTree(out).keys()];
    expect(files.filter((f) => !f.includes("/"))).toEqual(["finance.html", "index.html"]);
    expect(files.filter((f) => f.startsWith("statements/"))).toHaveLength(5);
    expect(files.filter((f) => f.startsWith("teams/"))).toHaveLength(1);
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toMatch(new RegExp(`data-figure="total-payable"><span>${totals.total.replace(/\B(?=(\d{3})+(?!\d))/, ",")}</span>`));
    for (const [path, html] of readTree(out)) {
      expect(html.toString(), path).not.toMatch(/<script/i);
      // Readable offline: no external resource (the hostile link stays text, the SVG namespace is not fetched).
      expect(html.toString(), path).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
      expect(html.toString(), path).not.toMatch(/<link|@import|url\(/i);
    }
    expect(index).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("exports CSV and xlsx with the same totals, formulas neutralised, numbers numeric", async () => {
    const csvDir = join(tmp(), "csv");
    expect(await reportCommand.run([PLAN, "--data", join(FIXTURES, "data"), "--to", "2026-Q2", "--format", "csv", "--out", csvDir], io())).toBe(0);
    const finance = readFileSync(join(csvDir, "finance.csv"), "utf8");
    expect(finance).toContain(`total,payable,2026-Q1..2026-Q2,${totals.total}\r\n`);
    const csvTotals = readFileSync(join(csvDir, "totals.csv"), "utf8");
    expect(csvTotals).toContain(`d1,"'=HYPERLINK(""http://evil.example"",""x"")",South`);
    for (const [person, payable] of totals.byPerson) expect(csvTotals).toMatch(new RegExp(`^${person},.*,2026-Q1\\.\\.2026-Q2,[^,]*,[^,]*,${payable}\\r$`, "m"));

    const xlsx = join(tmp(), "report.xlsx");
    expect(await reportCommand.run([PLAN, "--data", join(FIXTURES, "data"), "--to", "2026-Q2", "--format", "xlsx", "--out", xlsx], io())).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows = (wb.getWorksheet("totals")!.getSheetValues().filter(Boolean) as unknown[][]).slice(1);
    const range = rows.filter((r) => r[6] === "2026-Q1..2026-Q2");
    const cents = range.reduce((s, r) => s + Math.round((r[9] as number) * 100), 0);
    expect((cents / 100).toFixed(2)).toBe(totals.total);
    expect(range.find((r) => r[1] === "d1")![2]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    const financeRows = wb.getWorksheet("finance")!.getSheetValues().filter(Boolean) as unknown[][];
    expect(financeRows.find((r) => r[1] === "total" && r[2] === "payable" && r[3] === "2026-Q1..2026-Q2")![4]).toBe(Number(totals.total));
  });

  it("marks statements of people who did not accept this plan version", async () => {
    const data = dataCopy();
    const t = io();
    expect(await acceptCommand.run([PLAN, "--person", "a1", "--at", "2026-01-05", "--data", data], t)).toBe(0);
    expect(t.out()).toMatch(/a1 accepted Review Fixture Plan 1 \(sha256:[0-9a-f]{64}\) on 2026-01-05/);
    const again = io();
    expect(await acceptCommand.run([PLAN, "--person", "a1", "--at", "2026-02-01", "--data", data], again)).toBe(0);
    expect(again.out()).toMatch(/already accepted/);
    expect(readFileSync(join(data, "acceptances.jsonl"), "utf8").trim().split("\n")).toHaveLength(1);
    const typo = io();
    expect(await acceptCommand.run([PLAN, "--person", "a2", "--at", "2026-02-01", "--data", data], typo)).toBe(1);
    expect(typo.err()).toMatch(/'a2' is not in the people table/);
    const out = join(tmp(), "site");
    const r = io();
    expect(await reportCommand.run([PLAN, "--data", data, "--to", "2026-Q2", "--format", "html", "--out", out], r)).toBe(0);
    expect(r.out()).toMatch(/4 statements are marked/);
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index.match(/not accepted/g)).toHaveLength(4);
    expect(index).toContain("accepted 2026-01-05");
  });

  it("lists data problems and marks the figures incomplete, never dropping a row silently", async () => {
    const data = dataCopy();
    writeFileSync(join(data, "sales.csv"), readFileSync(join(data, "sales.csv"), "utf8") + "s10,2026-02-30,a1,Cardio,12\n");
    const out = join(tmp(), "site");
    const t = io();
    expect(await reportCommand.run([PLAN, "--data", data, "--to", "2026-Q2", "--format", "html", "--out", out], t)).toBe(0);
    expect(t.err()).toMatch(/sales\.csv, row 11, column date: error R0022/);
    expect(t.out()).toMatch(/these figures leave something out/);
    expect(readFileSync(join(out, "index.html"), "utf8")).toMatch(/these figures leave something out/);
  });

  it("refuses to write into a folder that holds something else", async () => {
    const out = tmp();
    writeFileSync(join(out, "precious.txt"), "keep me");
    const t = io();
    expect(await reportCommand.run([PLAN, "--data", join(FIXTURES, "data"), "--format", "html", "--out", out], t)).toBe(2);
    expect(readFileSync(join(out, "precious.txt"), "utf8")).toBe("keep me");
    // A person's own site is not an earlier report, even with an index.html.
    const site = tmp();
    writeFileSync(join(site, "index.html"), "<!DOCTYPE html><title>my site</title>");
    expect(await reportCommand.run([PLAN, "--data", join(FIXTURES, "data"), "--format", "html", "--out", site], io())).toBe(2);
    expect(readFileSync(join(site, "index.html"), "utf8")).toContain("my site");
  });

  it("replaces its own earlier output, leaving no stale page", async () => {
    const out = join(tmp(), "site");
    const args = [PLAN, "--data", join(FIXTURES, "data"), "--to", "2026-Q2", "--format", "html", "--out", out];
    expect(await reportCommand.run(args, io())).toBe(0);
    writeFileSync(join(out, "statements", "stale.html"), "old");
    expect(await reportCommand.run(args, io())).toBe(0);
    expect(existsSync(join(out, "statements", "stale.html"))).toBe(false);
  });
});

describe("carrot audit", () => {
  async function bundle(data: string): Promise<string> {
    const out = join(tmp(), "bundle");
    const t = io();
    expect(await auditCommand.run([PLAN, "--data", data, "--to", "2026-Q2", "--out", out], t)).toBe(0);
    expect(t.err()).toBe("");
    return out;
  }
  async function verify(dir: string): Promise<{ code: number; text: string }> {
    const t = io();
    const code = await auditCommand.run(["--verify", dir], t);
    return { code, text: t.out() + t.err() };
  }
  const edit = (path: string, from: string, to: string) => {
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };

  it("gives byte-identical bundles for the same inputs, and they verify", async () => {
    const data = dataCopy();
    expect(await acceptCommand.run([PLAN, "--person", "b1", "--at", "2026-01-07", "--data", data], io())).toBe(0);
    const a = readTree(await bundle(data));
    const b = readTree(await bundle(data));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, bytes] of a) expect(Buffer.compare(bytes, b.get(path)!), path).toBe(0);
    expect([...a.keys()]).toEqual([
      "inputs.json",
      "inputs/acceptances.jsonl",
      "inputs/quotas.csv",
      "inputs/reps.csv",
      "inputs/sales.csv",
      "manifest.json",
      "plan.ir.json",
      "plan/carrot.workspace",
      // Paths relative to the plan's workspace root (packages/review holds a package.json).
      "plan/test/fixtures/plans/base.carrot",
      "reconciliation.json",
      "results.json",
    ]);
    const manifest = JSON.parse(a.get("manifest.json")!.toString());
    expect(manifest.tool).toEqual({ name: "carrot", version: expect.any(String) });
    expect(manifest.plan.entry).toBe("test/fixtures/plans/base.carrot");
    const results = a.get("results.json")!.toString();
    expect(results).toContain('"trace"');
  });

  it("--verify passes on a good bundle and fails on a changed amount, input file or acceptance record", async () => {
    const data = dataCopy();
    expect(await acceptCommand.run([PLAN, "--person", "b1", "--at", "2026-01-07", "--data", data], io())).toBe(0);
    expect(await acceptCommand.run([PLAN, "--person", "c1", "--at", "2026-01-08", "--data", data], io())).toBe(0);
    const good = await verify(await bundle(data));
    expect(good.text).toMatch(/Bundle verified/);
    expect(good.code).toBe(0);

    const amount = await bundle(data);
    edit(join(amount, "results.json"), '"142.50"', '"142.51"');
    const a = await verify(amount);
    expect(a.code).toBe(1);
    expect(a.text).toMatch(/FAIL {2}results\.json/);

    const input = await bundle(data);
    edit(join(input, "inputs/sales.csv"), "s9,2026-05-02,d1,Oncology,7000", "s9,2026-05-02,d1,Oncology,7001");
    const i = await verify(input);
    expect(i.code).toBe(1);
    expect(i.text).toMatch(/FAIL {2}file inputs\/sales\.csv/);
    expect(i.text).toMatch(/FAIL {2}results\.json/);

    const record = await bundle(data);
    edit(join(record, "inputs/acceptances.jsonl"), '"at":"2026-01-07"', '"at":"2026-01-06"');
    const r = await verify(record);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/FAIL {2}acceptances: acceptances\.jsonl line 1/);
  });

  it("--verify fails on a file slipped into the bundle", async () => {
    const dir = await bundle(dataCopy());
    writeFileSync(join(dir, "inputs", "extra.csv"), "id\n");
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.text).toMatch(/FAIL {2}file inputs\/extra\.csv: not listed in the manifest/);
  });

  it("--verify on something that is not a bundle fails cleanly", async () => {
    const t = io();
    expect(await auditCommand.run(["--verify", join(FIXTURES, "data")], t)).toBe(1);
    expect(t.err()).toMatch(/manifest\.json is missing/);
    expect(existsSync(join(FIXTURES, "data", "manifest.json"))).toBe(false);
  });
});
