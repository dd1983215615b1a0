import { createHash } from "node:crypto";
import { canonicalJson, sha256Hex } from "@carrot/ir";

/**
 * The audit bundle: everything needed to re-derive a run, and the hashes that prove nothing in it
 * changed. A bundle is a set of files (path → bytes); building it is pure, writing it is the
 * caller's. No timestamps, sorted lists, canonical JSON: the same inputs give the same bytes.
 */
export const BUNDLE_FORMAT = "carrot-audit";
export const BUNDLE_VERSION = 1;

export type Bytes = string | Uint8Array;
export type BundleFiles = Map<string, Bytes>;
/**
 * A file too long to hold as one string (the traced results of a large run): it hands its text to
 * `write` in chunks, once per call, the same chunks every time.
 */
export type Producer = (write: (chunk: string) => void) => void;
/** What a bundle file holds: its bytes, or a producer of its text. */
export type Content = Bytes | Producer;

/**
 * Where a bundle is written: `put` stores one file and returns its SHA-256 and size, computed
 * while the content streams through (a producer is called once).
 */
export interface BundleSink {
  put(path: string, content: Content): BundleFileEntry;
}

export interface RunOptions {
  periods: string[] | null;
  from: string | null;
  to: string | null;
}

export interface BundleFileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  tool: { name: string; version: string };
  plan: { name: string; version: string; hash: string; entry: string; files: string[] };
  run: RunOptions;
  /** Every bundle file but the manifest itself, sorted by path. */
  files: BundleFileEntry[];
}

export interface BundleInput {
  tool: { name: string; version: string };
  plan: { name: string; version: string; hash: string };
  /** Plan source files by workspace-relative path (as in the IR's source map); `entry` is the file compiled. */
  planSources: Map<string, Bytes>;
  entry: string;
  /** The IR file bytes (`serializeIr`). */
  irJson: string;
  /** Data files by name (`sales.csv`), the acceptance file included when there is one. */
  inputs: Map<string, Bytes>;
  run: RunOptions;
  /** The run result with traces (`toJson(result)`, or `writeJson` as a producer) and the reconciliation, canonical JSON. */
  resultJson: Content;
  reconciliationJson: string;
}

export const PLAN_DIR = "plan/";
export const INPUT_DIR = "inputs/";
/** Makes `plan/` the workspace root when the bundle's plan is recompiled, so source paths stay the same. */
export const WORKSPACE_MARKER = "plan/carrot.workspace";

export function sha256Of(bytes: Bytes): string {
  return "sha256:" + sha256Hex(bytes);
}

function size(bytes: Bytes): number {
  return typeof bytes === "string" ? Buffer.byteLength(bytes, "utf8") : bytes.byteLength;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A relative path that stays inside its folder (no `..`, no absolute path, forward slashes). */
export function isSafeRelativePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

export function inputsIndex(inputs: Map<string, Bytes>): string {
  return inputsIndexOf([...inputs].map(([file, bytes]) => ({ path: file, sha256: sha256Of(bytes), bytes: size(bytes) })));
}

/** `inputs.json` from each input file's SHA-256 and size (`path` is the file's name: `sales.csv`), as `inputsIndex`. */
export function inputsIndexOf(entries: BundleFileEntry[]): string {
  const list = [...entries].sort((a, b) => byPath(a.path, b.path)).map((e) => ({ file: e.path, sha256: e.sha256, bytes: e.bytes }));
  return canonicalJson({ inputs: list }, true);
}

/** A SHA-256 and a byte count fed chunk by chunk (`sha256:` + hex, as `sha256Of`). */
export class StreamHash {
  private readonly hash = createHash("sha256");
  bytes = 0;
  update(chunk: Bytes): void {
    this.hash.update(chunk);
    this.bytes += size(chunk);
  }
  entry(path: string): BundleFileEntry {
    return { path, sha256: "sha256:" + this.hash.digest("hex"), bytes: this.bytes };
  }
}

/** Feeds a file's content to `write` (a producer in its chunks, bytes at once). */
export function streamContent(content: Content, write: (chunk: Bytes) => void): void {
  if (typeof content === "function") content(write);
  else write(content);
}

export type WriteOutcome = { kind: "ok"; files: number } | { kind: "error"; message: string };

/**
 * Writes a bundle to `sink`: every file in path order, then the manifest (with the SHA-256 of
 * every file, computed as it was written). Paths are checked before anything is written.
 */
export function writeBundle(input: BundleInput, sink: BundleSink): WriteOutcome {
  const files = new Map<string, Content>();
  for (const [path, bytes] of input.planSources) files.set(PLAN_DIR + path, bytes);
  files.set(WORKSPACE_MARKER, "");
  files.set("plan.ir.json", input.irJson);
  for (const [name, bytes] of input.inputs) files.set(INPUT_DIR + name, bytes);
  files.set("inputs.json", inputsIndex(input.inputs));
  files.set("results.json", input.resultJson);
  files.set("reconciliation.json", input.reconciliationJson);
  for (const path of files.keys()) {
    if (!isSafeRelativePath(path)) return { kind: "error", message: `a file cannot be bundled under the path ${JSON.stringify(path)}` };
  }
  const entries = [...files].sort(([a], [b]) => byPath(a, b)).map(([path, content]) => sink.put(path, content));
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    tool: input.tool,
    plan: { ...input.plan, entry: input.entry, files: [...input.planSources.keys()].sort(byPath) },
    run: input.run,
    files: entries,
  };
  sink.put("manifest.json", canonicalJson(manifest, true));
  return { kind: "ok", files: entries.length + 1 };
}

export type BuildOutcome = { kind: "ok"; files: BundleFiles } | { kind: "error"; message: string };

/** The bundle in memory (path → bytes, sorted): `writeBundle` to a map. A producer's chunks are joined. */
export function buildBundle(input: BundleInput): BuildOutcome {
  const files: BundleFiles = new Map();
  const written = writeBundle(input, {
    put(path, content) {
      const hash = new StreamHash();
      const parts: Bytes[] = [];
      streamContent(content, (chunk) => {
        hash.update(chunk);
        parts.push(chunk);
      });
      files.set(path, parts.length === 1 ? parts[0] : parts.map((p) => (typeof p === "string" ? p : Buffer.from(p).toString("utf8"))).join(""));
      return hash.entry(path);
    },
  });
  if (written.kind === "error") return written;
  return { kind: "ok", files: new Map([...files].sort(([a], [b]) => byPath(a, b))) };
}
