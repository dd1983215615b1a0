/**
 * The CLI as a process: the built bin (`npm test` builds dist first), real files, exit codes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planIrSchema } from "@carrot/ir";

const root = resolve(__dirname, "../../..");
const bin = join(root, "packages/cli/bin/carrot.js");
const pharma = "examples/pharma-field-force";

function carrot(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, "packages/cli/dist/main.js"))) {
    const build = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b"], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`tsc -b failed:\n${build.stdout}${build.stderr}`);
  }
});

describe("carrot (no command, unknown command, bad options)", () => {
  it("prints the overview and exits 2 without a command", () => {
    const r = carrot([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("usage: carrot <command>");
    for (const c of ["check", "build", "run", "test", "explain", "fmt", "lsp"]) expect(r.stdout).toContain(`  ${c}`);
  });

  it("refuses an unknown command and an unknown option with exit 2", () => {
    expect(carrot(["frobnicate"]).code).toBe(2);
    const r = carrot(["check", "--nope", "examples"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option --nope");
  });

  it("reports a missing file without a stack trace", () => {
    const r = carrot(["check", "no/such/dir"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such file or folder");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("carrot check", () => {
  it("passes on the examples", () => {
    const r = carrot(["check", "examples/"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/files? checked: 0 errors/);
  });

  it("locates errors as path:line:col and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const bad = join(dir, "bad.carrot");
    writeFileSync(bad, 'plan "x" {\n  currency EUR\n}\nmeasure m = sum(nosuch.amount)\ncomponent c { payout 10 EUR + 3 }\n');
    const r = carrot(["check", bad], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("bad.carrot:"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => /^bad\.carrot:4:\d+: error C\d{4} /.test(l))).toBe(true);
    expect(lines.some((l) => /^bad\.carrot:5:\d+: error C\d{4} /.test(l))).toBe(true);
  });

  it("gives JSON diagnostics with --format json", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    writeFileSync(join(dir, "lib.carrot"), "measure m = 1 EUR + 2\n");
    const r = carrot(["check", "lib.carrot", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string; severity: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ file: "lib.carrot", line: 1, severity: "error" });
    expect(rows[0]!.code).toMatch(/^C\d{4}$/);
  });
});

describe("carrot build", () => {
  it("writes the same IR bytes twice, valid against the schema", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const a = carrot(["build", `${pharma}/plan.carrot`, "-o", join(dir, "a.json")]);
    const b = carrot(["build", `${pharma}/plan.carrot`, "-o", join(dir, "b.json")]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const bytes = readFileSync(join(dir, "a.json"), "utf8");
    expect(readFileSync(join(dir, "b.json"), "utf8")).toBe(bytes);
    expect(planIrSchema.safeParse(JSON.parse(bytes)).success).toBe(true);
    expect(a.stderr).toMatch(/sha256:[0-9a-f]{64}/);
  });
});

describe("carrot run", () => {
  it("gives byte-identical JSON when every CSV's rows are shuffled, with the reconciliation", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const shuffled = join(dir, "data");
    cpSync(join(root, pharma, "data"), shuffled, { recursive: true });
    for (const f of readdirSync(shuffled).filter((n) => n.endsWith(".csv"))) {
      const [header, ...rows] = readFileSync(join(shuffled, f), "utf8").trimEnd().split("\n");
      // a fixed permutation: reversed, then odd rows before even rows
      const perm = rows.reverse().filter((_, i) => i % 2 === 1).concat(rows.filter((_, i) => i % 2 === 0));
      writeFileSync(join(shuffled, f), [header, ...perm].join("\n") + "\n");
    }
    const a = carrot(["run", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--format", "json", "--out", join(dir, "a.json")]);
    const b = carrot(["run", `${pharma}/plan.carrot`, "--data", shuffled, "--format", "json", "--out", join(dir, "b.json")]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const bytes = readFileSync(join(dir, "a.json"), "utf8");
    expect(readFileSync(join(dir, "b.json"), "utf8")).toBe(bytes);
    const result = JSON.parse(bytes);
    expect(result.reconciliation.length).toBeGreaterThan(0);
    expect(result.reconciliation.some((r: { uncreditedRows: unknown[] }) => r.uncreditedRows.length > 0)).toBe(true);
  });

  it("restricts to one period and prints a table or CSV", () => {
    const table = carrot(["run", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--period", "2026-Q1"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("2026-Q1");
    expect(table.stdout).not.toContain("2026-Q2");
    const csv = carrot(["run", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--period", "2026-Q1", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n")[0]).toMatch(/person/);
  });

  it("writes statements", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const r = carrot(["run", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--statements", join(dir, "st")]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "st")).length).toBeGreaterThan(1);
  });

  it("exits 1 with file, row and column on bad data", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const data = join(dir, "data");
    cpSync(join(root, pharma, "data"), data, { recursive: true });
    const salesFile = readdirSync(data).find((f) => f.startsWith("sales"))!;
    const [header, first, ...rest] = readFileSync(join(data, salesFile), "utf8").trimEnd().split("\n");
    const cols = header!.split(",");
    const cells = first!.split(",");
    cells[cols.indexOf("amount")] = "12,5x".replace(",", "");
    writeFileSync(join(data, salesFile), [header, cells.join(","), ...rest].join("\n") + "\n");
    const r = carrot(["run", `${pharma}/plan.carrot`, "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${salesFile.replace(".", "\\.")}, row 2, column amount`));
  });

  it("exits 1 on a failed check, with the group's rows under the message", () => {
    const c34 = "tests/conformance/34-derived-quotas";
    const r = carrot(["run", `${c34}/checks.carrot`, "--data", `${c34}/data-checks`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "allocations.csv, row 2, column product: error R0050 the regional shares of a product must add up to 100% (product ONC-1): sum(allocations.share) = 95%\n  rows 2, 4 of allocations.csv\n  help:",
    );
  });
});

describe("carrot test and explain", () => {
  it("runs every plan's tests and ends with the counts", () => {
    const r = carrot(["test", "examples/"]);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.code).toBe(0);
  });

  it("reports a failing test with expected and actual, exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const plan = readFileSync(join(root, pharma, "plan.carrot"), "utf8");
    const broken = plan.replace(/expect ([^\n]*?)= ([0-9.]+) EUR/, (_m, what: string, amount: string) => `expect ${what}= ${(Number(amount) + 1).toFixed(2)} EUR`);
    expect(broken).not.toBe(plan);
    cpSync(join(root, pharma), join(dir, "p"), { recursive: true });
    writeFileSync(join(dir, "p/plan.carrot"), broken);
    const r = carrot(["test", "p"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL");
    expect(r.stdout).toMatch(/expected [0-9.]+/);
    expect(r.stdout).toMatch(/^\d+ passed, [1-9]\d* failed$/m);
  });

  it("explains a payout", () => {
    const people = readFileSync(join(root, pharma, "data/reps.csv"), "utf8").split("\n")[1]!.split(",")[0]!;
    const r = carrot(["explain", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--person", people, "--period", "2026-Q1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(people);
    expect(r.stdout).toContain("2026-Q1");
  });
});

describe("carrot fmt", () => {
  it("finds the examples formatted", () => {
    const r = carrot(["fmt", "--check", "examples/"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("refuses to format a file with syntax errors and leaves it untouched", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-"));
    const file = join(dir, "broken.carrot");
    writeFileSync(file, "measure m = (1 +\n");
    const r = carrot(["fmt", "--write", file], dir);
    expect(r.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe("measure m = (1 +\n");
    expect(r.stderr).toMatch(/^broken\.carrot:\d+:\d+: error P\d{4}/m);
  });
});

describe("carrot audit --verify", () => {
  it("verifies a bundle folder as a process, and exits 1 naming the changed results line or the missing input", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-cli-audit-"));
    const out = join(dir, "bundle");
    expect(carrot(["audit", `${pharma}/plan.carrot`, "--data", `${pharma}/data`, "--period", "2026-Q1", "--out", out]).code).toBe(0);
    const good = carrot(["audit", "--verify", out]);
    expect(good.stdout).toMatch(/Bundle verified\.\n$/);
    expect(good.code).toBe(0);

    const results = join(out, "results.json");
    const original = readFileSync(results, "utf8");
    const lines = original.split("\n");
    const at = lines.findIndex((l) => /"amount": "\d+\.\d\d"/.test(l));
    lines[at] = lines[at]!.replace(/("amount": "\d+\.\d)(\d)"/, (_, head: string, d: string) => `${head}${(Number(d) + 1) % 10}"`);
    writeFileSync(results, lines.join("\n"));
    const changed = carrot(["audit", "--verify", out]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`FAIL  results.json: line ${at + 1}: bundle has ${lines[at]!.trim()}, recomputed ${original.split("\n")[at]!.trim()}\n`);
    expect(changed.stderr).toMatch(/Bundle verification FAILED\.\n$/);

    writeFileSync(results, original);
    rmSync(join(out, "inputs", "coverage.csv"));
    const missing = carrot(["audit", "--verify", out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("FAIL  file inputs/coverage.csv: listed in the manifest but missing\n");
    expect(missing.stderr).toContain("FAIL  results.json: line ");
  });
});
