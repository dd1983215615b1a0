import { describe, expect, it } from "vitest";
import { appendAcceptance, buildBundle, sha256Of, verifyBundle, writeBundle, type BundleFileEntry, type BundleFiles, type Content, type Recomputed, type RecomputeRequest } from "../src/index.js";
import { TEST_PLAN, bundleInput } from "./helpers/bundle.js";

const plan = TEST_PLAN;

/** A stand-in for compile + evaluate: the "result" is the sum of the amount column of sales.csv. */
function fakeRecompute(req: RecomputeRequest): Recomputed {
  const sales = String(req.inputs.get("sales.csv") ?? "");
  const total = sales
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .reduce((s, l) => s + BigInt(l.split(",")[1]!.replace(".", "")), 0n);
  return { kind: "ok", planHash: plan.hash, irJson: "{}\n", resultJson: `{"total":"${total}"}\n`, reconciliationJson: `{"rows":${sales.split("\n").length - 2}}\n` };
}

function bundle(sales: string): BundleFiles {
  const acceptance = appendAcceptance("", { person: "p1", plan, at: "2026-01-05" });
  if (acceptance.kind !== "appended") throw new Error("setup");
  const inputs = new Map([
    ["sales.csv", sales],
    ["acceptances.jsonl", acceptance.text],
  ]);
  const fake = fakeRecompute({ planSources: new Map(), entry: "plan.carrot", inputs, run: { periods: null, from: null, to: null } });
  if (fake.kind !== "ok") throw new Error("setup");
  const out = buildBundle(bundleInput({ inputs, resultJson: fake.resultJson, reconciliationJson: fake.reconciliationJson }));
  if (out.kind !== "ok") throw new Error(out.message);
  return out.files;
}

describe("audit bundle (pure core)", () => {
  const sales = "id,amount\ns1,10.50\ns2,20.00\n";

  it("is byte-identical for the same inputs, files sorted", () => {
    const a = bundle(sales);
    const b = bundle(sales);
    expect([...a.keys()]).toEqual([...a.keys()].sort());
    expect([...a]).toEqual([...b]);
    expect(String(a.get("manifest.json"))).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("verifies a good bundle", async () => {
    const report = await verifyBundle(bundle(sales), fakeRecompute);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("fails on a changed amount, input file or acceptance record", async () => {
    const amount = bundle(sales);
    amount.set("results.json", String(amount.get("results.json")).replace("3050", "3051"));
    const input = bundle(sales);
    input.set("inputs/sales.csv", sales.replace("20.00", "20.01"));
    const record = bundle(sales);
    record.set("inputs/acceptances.jsonl", String(record.get("inputs/acceptances.jsonl")).replace("2026-01-05", "2026-01-04"));
    for (const [files, failing] of [
      [amount, ["file results.json", "results.json"]],
      [input, ["file inputs/sales.csv", "inputs.json", "results.json"]],
      [record, ["file inputs/acceptances.jsonl", "inputs.json", "acceptances"]],
    ] as const) {
      const report = await verifyBundle(files, fakeRecompute);
      expect(report.ok).toBe(false);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(failing);
    }
  });

  it("reports a missing manifest instead of throwing", async () => {
    const files = bundle(sales);
    files.delete("manifest.json");
    expect((await verifyBundle(files, fakeRecompute)).ok).toBe(false);
    files.set("manifest.json", "not json");
    expect((await verifyBundle(files, fakeRecompute)).checks[0]).toMatchObject({ name: "manifest", ok: false });
  });
});

describe("audit bundle: results streamed (longer than one string in a large run)", () => {
  const sales = "id,amount\ns1,10.50\ns2,20.00\n";
  const results = ['{\n  "lines": [\n', '    {"a": "1"},\n    {"b": "é"}\n', "  ]\n}\n"];
  const producer: Content = (write) => results.forEach((chunk) => write(chunk));
  const input = (resultJson: Content) => bundleInput({ inputs: new Map([["sales.csv", sales]]), resultJson });

  it("a producer's chunks give the same bytes and hashes as the joined text", () => {
    const streamed = buildBundle(input(producer));
    const whole = buildBundle(input(results.join("")));
    if (streamed.kind !== "ok" || whole.kind !== "ok") throw new Error("setup");
    expect([...streamed.files]).toEqual([...whole.files]);
  });

  it("a sink sees each file once, in path order, the manifest last, with each file's SHA-256 and size", () => {
    const seen: [string, string][] = [];
    const outcome = writeBundle(input(producer), {
      put(path: string, content: Content): BundleFileEntry {
        const parts: string[] = [];
        if (typeof content === "function") content((c) => parts.push(String(c)));
        else parts.push(typeof content === "string" ? content : Buffer.from(content).toString("utf8"));
        seen.push([path, parts.join("")]);
        const text = parts.join("");
        return { path, sha256: sha256Of(text), bytes: Buffer.byteLength(text) };
      },
    });
    expect(outcome).toEqual({ kind: "ok", files: seen.length });
    const paths = seen.map(([p]) => p);
    expect(paths.at(-1)).toBe("manifest.json");
    expect(paths.slice(0, -1)).toEqual([...paths.slice(0, -1)].sort());
    const manifest = JSON.parse(seen.at(-1)![1]);
    const results = manifest.files.find((f: BundleFileEntry) => f.path === "results.json");
    expect(results).toEqual({ path: "results.json", sha256: sha256Of(resultsText()), bytes: Buffer.byteLength(resultsText()) });
  });
  const resultsText = () => results.join("");

  it("verify compares a streamed recomputation byte for byte and names the first line that differs", async () => {
    const built = buildBundle(input(results.join("")));
    if (built.kind !== "ok") throw new Error("setup");
    const recompute = (text: Content) => (): Recomputed => ({ kind: "ok", planHash: plan.hash, irJson: "{}\n", resultJson: text, reconciliationJson: "{}\n" });
    const same = await verifyBundle(built.files, recompute(producer));
    expect(same.checks.find((c) => c.name === "results.json")).toEqual({ name: "results.json", ok: true, detail: "recomputed byte for byte" });
    const changed: Content = (write) => results.forEach((chunk) => write(chunk.replace("é", "e")));
    const detail = (await verifyBundle(built.files, recompute(changed))).checks.find((c) => c.name === "results.json");
    expect(detail).toEqual({ name: "results.json", ok: false, detail: 'line 4: bundle has {"b": "é"}, recomputed {"b": "e"}' });
    const shorter: Content = (write) => write(results[0]);
    expect((await verifyBundle(built.files, recompute(shorter))).checks.find((c) => c.name === "results.json")?.detail).toBe(
      'line 3: bundle has {"a": "1"},, recomputed (end of file)',
    );
    const longer: Content = (write) => results.concat(["extra\n"]).forEach((chunk) => write(chunk));
    expect((await verifyBundle(built.files, recompute(longer))).checks.find((c) => c.name === "results.json")?.detail).toBe(
      "line 7: bundle has (end of file), recomputed extra",
    );
  });
});
