import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, appendFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUNDLE_SIGNATURE,
  buildBundle,
  folderBundle,
  memoryBundle,
  readTree,
  treeSink,
  verifyBundle,
  writeBundle,
  type BundleSource,
  type Content,
  type Recomputed,
  type RecomputeRequest,
} from "../src/index.js";
import { TEST_PLAN, bundleInput } from "./helpers/bundle.js";

const plan = TEST_PLAN;

/** Results of a few lines, some long, some with characters of several UTF-8 bytes. */
function resultsText(n: number): string {
  const lines = ['{\n  "lines": ['];
  for (let i = 0; i < n; i++) lines.push(`    {"person": "p${i}", "amount": "${(i * 37) % 1000}.50", "name": "Zoë ${"ü".repeat(i % 5)}", "trace": "${"x".repeat((i * 13) % 90)}"},`);
  lines.push("  ]\n}\n");
  return lines.join("\n");
}

/** A stand-in for compile + evaluate: results in three chunks, and the sales file must be the original. */
function fakeRecompute(results: string) {
  return async (req: RecomputeRequest): Promise<Recomputed> => {
    const sales = req.inputs.get("sales.csv");
    const text =
      sales === undefined ? "" : typeof sales === "object" && !(sales instanceof Uint8Array) ? readFileSync(sales.onDisk, "utf8") : String(typeof sales === "string" ? sales : Buffer.from(sales));
    const third = Math.floor(results.length / 3);
    const producer: Content = (write) => [results.slice(0, third), results.slice(third, 2 * third), results.slice(2 * third)].forEach((c) => write(c));
    return { kind: "ok", planHash: plan.hash, irJson: "{}\n", resultJson: producer, reconciliationJson: `{"sales":${JSON.stringify(text)}}\n` };
  };
}

const sales = "id,amount\ns1,10.50\ns2,20.00\n";

function writeFolder(results: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "carrot-audit-folder-")), "bundle");
  const target = treeSink(dir, BUNDLE_SIGNATURE);
  if (!target.ok) throw new Error(target.message);
  const out = writeBundle(
    bundleInput({ inputs: new Map([["sales.csv", sales]]), resultJson: results, reconciliationJson: `{"sales":${JSON.stringify(sales)}}\n` }),
    target.sink,
  );
  if (out.kind !== "ok") throw new Error(out.message);
  return dir;
}

/** The same bundle read three ways: in memory, a folder in 1 MiB slices, a folder in slices of a few bytes. */
async function reports(dir: string, results: string) {
  const recompute = fakeRecompute(results);
  return {
    memory: await verifyBundle(readTree(dir), recompute),
    folder: await verifyBundle(folderBundle(dir), recompute),
    tiny: await verifyBundle(folderBundle(dir, 7), recompute),
  };
}

const failing = (r: { checks: { name: string; ok: boolean; detail: string }[] }) => r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

describe("audit bundle folder (read in slices, never whole)", () => {
  const results = resultsText(40);

  it("verifies a good bundle, the same as in memory", async () => {
    const dir = writeFolder(results);
    const r = await reports(dir, results);
    expect(r.folder).toEqual(r.memory);
    expect(r.tiny).toEqual(r.memory);
    expect(r.folder.ok).toBe(true);
  });

  const tamperings: [string, (dir: string) => void, string[]][] = [
    [
      "a byte changed in the middle of a results line",
      (dir) => writeFileSync(join(dir, "results.json"), results.replace('"amount": "370.50"', '"amount": "370.51"')),
      ["file results.json", 'results.json: line 13: bundle has {"person": "p10", "amount": "370.51",'],
    ],
    [
      "results.json truncated in the middle of a line",
      (dir) => truncateSync(join(dir, "results.json"), Buffer.from(results).indexOf('"p20"') + 3),
      ["file results.json", 'results.json: line 23: bundle has {"person": "p2, recomputed {"person": "p20", "amount": "740.50"'],
    ],
    [
      "results.json truncated at the end of a line",
      (dir) => truncateSync(join(dir, "results.json"), Buffer.from(results).indexOf("\n") + 1),
      ["file results.json", 'results.json: line 2: bundle has (end of file), recomputed "lines": ['],
    ],
    [
      "extra bytes at the end of results.json",
      (dir) => appendFileSync(join(dir, "results.json"), "extra\n"),
      ["file results.json", "results.json: line 45: bundle has extra, recomputed (end of file)"],
    ],
    [
      "results.json replaced by a folder",
      (dir) => {
        rmSync(join(dir, "results.json"));
        mkdirSync(join(dir, "results.json"));
      },
      ["file results.json: listed in the manifest but missing", "results.json: line 1: bundle has (end of file), recomputed {"],
    ],
    [
      "an input replaced by a folder holding a file",
      (dir) => {
        rmSync(join(dir, "inputs", "sales.csv"));
        mkdirSync(join(dir, "inputs", "sales.csv"));
        writeFileSync(join(dir, "inputs", "sales.csv", "x.csv"), sales);
      },
      ["file inputs/sales.csv: listed in the manifest but missing", "file inputs/sales.csv/x.csv: not listed in the manifest", "inputs.json", "reconciliation.json"],
    ],
    [
      "a missing input",
      (dir) => rmSync(join(dir, "inputs", "sales.csv")),
      ["file inputs/sales.csv: listed in the manifest but missing", "inputs.json", "reconciliation.json"],
    ],
  ];
  for (const [what, tamper, expected] of tamperings) {
    it(`fails on ${what}, with the same checks as in memory`, async () => {
      const dir = writeFolder(results);
      tamper(dir);
      const r = await reports(dir, results);
      expect(r.folder).toEqual(r.memory);
      expect(r.tiny).toEqual(r.memory);
      expect(r.folder.ok).toBe(false);
      const got = failing(r.folder);
      expect(got).toHaveLength(expected.length);
      expected.forEach((start, i) => expect(got[i]!.startsWith(start), `${got[i]} starts with ${start}`).toBe(true));
    });
  }
});

/** The comparison before it streamed the bundle file: the whole file in memory. The oracle of the property test. */
function wholeFileDifference(expected: string[], bundle: Buffer): string | null {
  const NL = 0x0a;
  let offset = 0;
  let at = -1;
  let rest: Buffer[] = [];
  let restDone = false;
  for (const chunk of expected) {
    const bytes = Buffer.from(chunk, "utf8");
    if (at < 0) {
      const n = Math.min(bytes.length, bundle.length - offset);
      let i = 0;
      if (bundle.compare(bytes, 0, n, offset, offset + n) === 0) i = n;
      else while (bytes[i] === bundle[offset + i]) i++;
      if (i === bytes.length) {
        offset += bytes.length;
        continue;
      }
      at = offset + i;
      rest.push(bytes.subarray(i));
    } else if (!restDone) rest.push(bytes);
    if (!restDone && rest[rest.length - 1]!.includes(NL)) restDone = true;
  }
  if (at < 0) {
    if (offset === bundle.length) return null;
    at = offset;
    rest = [];
  }
  const lineStart = at === 0 ? 0 : bundle.lastIndexOf(NL, at - 1) + 1;
  let line = 1;
  for (let i = bundle.indexOf(NL); i >= 0 && i < lineStart; i = bundle.indexOf(NL, i + 1)) line++;
  const clip = (s: string): string => s.trim().slice(0, 120);
  const bundleEnd = bundle.indexOf(NL, lineStart);
  const bundleLine = lineStart >= bundle.length ? "(end of file)" : clip(bundle.subarray(lineStart, bundleEnd < 0 ? bundle.length : bundleEnd).toString("utf8"));
  const tail = Buffer.concat(rest);
  const tailEnd = tail.indexOf(NL);
  const recomputed = Buffer.concat([bundle.subarray(lineStart, at), tail.subarray(0, tailEnd < 0 ? tail.length : tailEnd)]);
  const recomputedLine = recomputed.length === 0 && tail.length === 0 ? "(end of file)" : clip(recomputed.toString("utf8"));
  return `line ${line}: bundle has ${bundleLine}, recomputed ${recomputedLine}`;
}

/** A bundle whose results.json (`results`, not what the manifest says) is read in slices of `size` bytes. */
function sliced(original: string, results: Buffer, size: number): BundleSource {
  const built = buildBundle(bundleInput({ planSources: new Map(), irJson: "", resultJson: original, reconciliationJson: "" }));
  if (built.kind !== "ok") throw new Error(built.message);
  const memory = memoryBundle(built.files);
  return {
    ...memory,
    slices: (path) =>
      path !== "results.json"
        ? memory.slices(path)
        : {
            *[Symbol.iterator]() {
              for (let at = 0; at < results.length; at += size) yield results.subarray(at, at + size);
            },
          },
  };
}

describe("results.json compared in slices: the same message as the whole file gave", () => {
  // A seeded PRNG (mulberry32): the same cases every run.
  let seed = 20261130;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (n: number): number => Math.floor(random() * n);

  it("for changed, removed and added bytes anywhere, any slice and chunk sizes", async () => {
    for (let round = 0; round < 300; round++) {
      const text = resultsText(1 + pick(12));
      const original = Buffer.from(text, "utf8");
      let bundle: Buffer;
      const where = pick(original.length + 1);
      switch (pick(4)) {
        case 0:
          bundle = Buffer.concat([original.subarray(0, where), Buffer.from([pick(256)]), original.subarray(where + 1)]);
          break;
        case 1:
          bundle = original.subarray(0, where);
          break;
        case 2:
          bundle = Buffer.concat([original, Buffer.from(["\n", "x", "é\n", " tail"][pick(4)]!, "utf8")]);
          break;
        default:
          bundle = Buffer.concat([original.subarray(0, where), Buffer.from("\ninserted ", "utf8"), original.subarray(where)]);
      }
      const cuts = [0, pick(text.length + 1), pick(text.length + 1), text.length].sort((a, b) => a - b);
      const chunks = cuts.slice(1).map((c, i) => text.slice(cuts[i], c));
      const expected = wholeFileDifference(chunks, bundle);
      const recompute = (): Recomputed => ({ kind: "ok", planHash: plan.hash, irJson: "", resultJson: (write) => chunks.forEach((c) => write(c)), reconciliationJson: "" });
      const size = 1 + pick(40);
      const report = await verifyBundle(sliced(text, bundle, size), recompute);
      const check = report.checks.find((c) => c.name === "results.json");
      expect(check, `round ${round}, slices of ${size}`).toEqual({ name: "results.json", ok: expected === null, detail: expected ?? "recomputed byte for byte" });
    }
  });
});
