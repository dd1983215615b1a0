import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { auditCommand } from "../src/commands/audit.js";
import type { Io } from "../src/io.js";

// `carrot audit --verify` reads the bundle folder in slices (never a file whole): what it catches,
// and the messages it gives, are those of a bundle read into memory.

const FIXTURES = resolve(import.meta.dirname, "../../review/test/fixtures");
const PLAN = join(FIXTURES, "plans/base.carrot");

function io(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    cwd: FIXTURES,
    isTTY: false,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

async function bundle(): Promise<string> {
  const data = join(mkdtempSync(join(tmpdir(), "carrot-audit-verify-")), "data");
  cpSync(join(FIXTURES, "data"), data, { recursive: true });
  const out = join(data, "..", "bundle");
  const t = io();
  expect(await auditCommand.run([PLAN, "--data", data, "--to", "2026-Q2", "--out", out], t)).toBe(0);
  return out;
}

async function verify(dir: string): Promise<{ code: number; failed: string[] }> {
  const t = io();
  const code = await auditCommand.run(["--verify", dir], t);
  const failed = (t.out() + t.err()).split("\n").filter((l) => l.startsWith("FAIL"));
  return { code, failed };
}

/** The 1-based number of the line of `text` that holds byte `at`, and that line. */
function lineAt(text: Buffer, at: number): { line: number; text: string } {
  const start = text.lastIndexOf(0x0a, at - 1) + 1;
  const end = text.indexOf(0x0a, at);
  let line = 1;
  for (let i = text.indexOf(0x0a); i >= 0 && i < start; i = text.indexOf(0x0a, i + 1)) line++;
  return { line, text: text.subarray(start, end < 0 ? text.length : end).toString("utf8").trim() };
}

describe("carrot audit --verify of a bundle folder, read in slices", () => {
  it("passes on a good bundle", async () => {
    const t = io();
    expect(await auditCommand.run(["--verify", await bundle()], t)).toBe(0);
    expect(t.out()).toMatch(/ok {4}results\.json: recomputed byte for byte\nok {4}reconciliation\.json: recomputed byte for byte\nBundle verified\.\n$/);
  });

  it("names the line of results.json changed in its middle, with both versions", async () => {
    const dir = await bundle();
    const path = join(dir, "results.json");
    const original = readFileSync(path);
    const at = original.indexOf('"amount": "142.50"') + '"amount": "142.5'.length;
    const { line, text } = lineAt(original, at);
    writeFileSync(path, Buffer.concat([original.subarray(0, at), Buffer.from("1"), original.subarray(at + 1)]));
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.failed).toEqual([
      expect.stringMatching(/^FAIL {2}file results\.json: SHA-256 sha256:[0-9a-f]{64} differs from the manifest's sha256:[0-9a-f]{64}$/),
      `FAIL  results.json: line ${line}: bundle has ${text.replace("142.50", "142.51")}, recomputed ${text}`,
    ]);
  });

  it("catches a truncated results.json, and extra bytes at its end", async () => {
    const dir = await bundle();
    const path = join(dir, "results.json");
    const original = readFileSync(path);
    const cut = Math.floor(original.length / 2);
    const { line, text } = lineAt(original, cut);
    const head = original.subarray(original.lastIndexOf(0x0a, cut - 1) + 1, cut).toString("utf8").trim();
    truncateSync(path, cut);
    const truncated = await verify(dir);
    expect(truncated.code).toBe(1);
    expect(truncated.failed.slice(1)).toEqual([`FAIL  results.json: line ${line}: bundle has ${head}, recomputed ${text}`]);

    writeFileSync(path, original);
    appendFileSync(path, "  extra\n");
    const longer = await verify(dir);
    expect(longer.code).toBe(1);
    const lines = original.toString("utf8").split("\n").length;
    expect(longer.failed).toEqual([
      expect.stringMatching(/^FAIL {2}file results\.json: SHA-256 /),
      `FAIL  results.json: line ${lines}: bundle has extra, recomputed (end of file)`,
    ]);
  });

  it("catches a file replaced by a folder", async () => {
    const dir = await bundle();
    rmSync(join(dir, "results.json"));
    mkdirSync(join(dir, "results.json"));
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.failed).toEqual(["FAIL  file results.json: listed in the manifest but missing", "FAIL  results.json: line 1: bundle has (end of file), recomputed {"]);

    const input = await bundle();
    rmSync(join(input, "inputs", "quotas.csv"));
    mkdirSync(join(input, "inputs", "quotas.csv"));
    writeFileSync(join(input, "inputs", "quotas.csv", "quotas.csv"), readFileSync(join(FIXTURES, "data", "quotas.csv")));
    const i = await verify(input);
    expect(i.code).toBe(1);
    expect(i.failed.slice(0, 3)).toEqual([
      "FAIL  file inputs/quotas.csv: listed in the manifest but missing",
      "FAIL  file inputs/quotas.csv/quotas.csv: not listed in the manifest",
      "FAIL  inputs.json: the input files do not match inputs.json",
    ]);
    expect(i.failed.slice(3).map((l) => l.split(":")[0])).toEqual(["FAIL  results.json"]); // quotas are not in the reconciliation
  });

  it("catches a missing input", async () => {
    const dir = await bundle();
    rmSync(join(dir, "inputs", "quotas.csv"));
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.failed.slice(0, 2)).toEqual(["FAIL  file inputs/quotas.csv: listed in the manifest but missing", "FAIL  inputs.json: the input files do not match inputs.json"]);
    expect(v.failed.slice(2).map((l) => l.split(":")[0])).toEqual(["FAIL  results.json"]); // quotas are not in the reconciliation
  });
});
