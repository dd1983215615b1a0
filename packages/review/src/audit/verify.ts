import { readAcceptances } from "../acceptance/chain.js";
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  INPUT_DIR,
  PLAN_DIR,
  inputsIndex,
  sha256Of,
  streamContent,
  type Bytes,
  type Content,
  type BundleFiles,
  type Manifest,
  type RunOptions,
} from "./bundle.js";

export const ACCEPTANCE_FILE = "acceptances.jsonl";

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}

/** What a verification recomputes from the bundle's own copies of the plan and the inputs. */
export interface RecomputeRequest {
  planSources: Map<string, Bytes>;
  entry: string;
  inputs: Map<string, Bytes>;
  run: RunOptions;
}

export type Recomputed =
  | { kind: "ok"; planHash: string; irJson: string; resultJson: Content; reconciliationJson: string }
  | { kind: "error"; message: string };

const text = (b: Bytes | undefined): string | null =>
  b === undefined ? null : typeof b === "string" ? b : Buffer.from(b).toString("utf8");

function parseManifest(bytes: Bytes | undefined): Manifest | string {
  const raw = text(bytes);
  if (raw === null) return "manifest.json is missing";
  try {
    const m = JSON.parse(raw) as Manifest;
    if (m?.format !== BUNDLE_FORMAT || m.version !== BUNDLE_VERSION || !Array.isArray(m.files) || !m.plan || !m.run) {
      return `manifest.json is not a ${BUNDLE_FORMAT} v${BUNDLE_VERSION} manifest`;
    }
    return m;
  } catch {
    return "manifest.json is not JSON";
  }
}

const NL = 0x0a;

/**
 * Whether a bundle file holds exactly the recomputed content, compared as bytes while the content
 * streams (results of a large run are longer than one string); null when they are the same, else
 * the first line that differs, for a message a person can act on.
 */
function firstDifference(expected: Content, actual: Bytes | undefined): string | null {
  const bundle = actual === undefined ? Buffer.alloc(0) : typeof actual === "string" ? Buffer.from(actual, "utf8") : Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  let offset = 0;
  /** Where the bytes first differ, and the recomputed bytes from there to the end of that line. */
  let at = -1;
  let rest: Buffer[] = [];
  let restDone = false;
  streamContent(expected, (chunk) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (at < 0) {
      const n = Math.min(bytes.length, bundle.length - offset);
      let i = 0;
      if (bundle.compare(bytes, 0, n, offset, offset + n) === 0) i = n;
      else while (bytes[i] === bundle[offset + i]) i++;
      if (i === bytes.length) {
        offset += bytes.length;
        return;
      }
      at = offset + i;
      rest.push(bytes.subarray(i));
    } else if (!restDone) rest.push(bytes);
    if (!restDone && rest[rest.length - 1].includes(NL)) restDone = true;
  });
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

/**
 * Verifies a bundle: every file against the manifest, the inputs index, the acceptance chain, and
 * the plan hash, results and reconciliation recomputed from the bundle's own plan and inputs.
 * The manifest alone proves nothing (it can be rewritten); the recomputation is what ties the
 * figures to the plan and the data.
 */
export async function verifyBundle(
  files: BundleFiles,
  recompute: (request: RecomputeRequest) => Promise<Recomputed> | Recomputed,
): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
  };
  const manifest = parseManifest(files.get("manifest.json"));
  if (typeof manifest === "string") {
    check("manifest", false, manifest);
    return { ok: false, checks };
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  let filesOk = true;
  for (const entry of manifest.files) {
    const bytes = files.get(entry.path);
    if (bytes === undefined) {
      filesOk = false;
      check(`file ${entry.path}`, false, "listed in the manifest but missing");
    } else if (sha256Of(bytes) !== entry.sha256) {
      filesOk = false;
      check(`file ${entry.path}`, false, `SHA-256 ${sha256Of(bytes)} differs from the manifest's ${entry.sha256}`);
    }
  }
  for (const path of files.keys()) {
    if (path !== "manifest.json" && !listed.has(path)) {
      filesOk = false;
      check(`file ${path}`, false, "not listed in the manifest");
    }
  }
  if (filesOk) check("manifest", true, `${manifest.files.length} files match their SHA-256`);

  const inputs = new Map<string, Bytes>();
  const planSources = new Map<string, Bytes>();
  for (const [path, bytes] of files) {
    if (path.startsWith(INPUT_DIR)) inputs.set(path.slice(INPUT_DIR.length), bytes);
    if (path.startsWith(PLAN_DIR) && manifest.plan.files.includes(path.slice(PLAN_DIR.length))) {
      planSources.set(path.slice(PLAN_DIR.length), bytes);
    }
  }
  const index = inputsIndex(inputs);
  check(
    "inputs.json",
    index === text(files.get("inputs.json")),
    index === text(files.get("inputs.json")) ? `${inputs.size} input files match their SHA-256` : "the input files do not match inputs.json",
  );

  const acceptances = text(inputs.get(ACCEPTANCE_FILE));
  if (acceptances !== null) {
    const log = readAcceptances(acceptances);
    const p = log.problems[0];
    check("acceptances", !p, p ? `${ACCEPTANCE_FILE} line ${p.line}: ${p.message}` : `${log.records.length} records, chain intact`);
  } else {
    check("acceptances", true, `no ${ACCEPTANCE_FILE} in the bundle (nobody's acceptance is claimed)`);
  }

  let recomputed: Recomputed;
  try {
    recomputed = await recompute({ planSources, entry: manifest.plan.entry, inputs, run: manifest.run });
  } catch (error) {
    recomputed = { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (recomputed.kind === "error") {
    check("recompute", false, recomputed.message);
  } else {
    check(
      "plan hash",
      recomputed.planHash === manifest.plan.hash,
      recomputed.planHash === manifest.plan.hash ? manifest.plan.hash : `recompiled ${recomputed.planHash}, manifest ${manifest.plan.hash}`,
    );
    for (const [name, expected] of [
      ["plan.ir.json", recomputed.irJson],
      ["results.json", recomputed.resultJson],
      ["reconciliation.json", recomputed.reconciliationJson],
    ] as const) {
      const difference = firstDifference(expected, files.get(name));
      check(name, difference === null, difference ?? "recomputed byte for byte");
    }
  }
  return { ok: checks.every((c) => c.ok), checks };
}

export function renderVerifyReport(report: VerifyReport): string {
  const lines = report.checks.map((c) => `${c.ok ? "ok  " : "FAIL"}  ${c.name}: ${c.detail}`);
  lines.push(report.ok ? "Bundle verified." : "Bundle verification FAILED.");
  return lines.join("\n") + "\n";
}
