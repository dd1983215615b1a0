import { readAcceptances } from "../acceptance/chain.js";
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  INPUT_DIR,
  PLAN_DIR,
  StreamHash,
  inputsIndexOf,
  streamContent,
  type BundleFileEntry,
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

/**
 * A bundle's files as verification reads them, wherever they are: in memory (`memoryBundle`, what
 * `buildBundle` gives) or a folder (`folderBundle` in node/files.ts, which never holds a large file
 * whole). `verifyBundle` has one code path for both.
 */
export interface BundleSource {
  /** Every file, by relative path with forward slashes (a folder's sorted, a map's in its order). */
  readonly paths: readonly string[];
  /** A file whole, for the small ones (manifest, indexes, plan sources, acceptances); undefined when absent. */
  read(path: string): Bytes | undefined;
  /**
   * A file in slices, in order (for the hashes and `results.json`); undefined when absent. A slice
   * may be reused for the next one: it is read before the next is asked for.
   */
  slices(path: string): Iterable<Uint8Array> | undefined;
  /** Where the file is on disk, so that a loader can stream it (`loadDataFiles`); undefined in memory. */
  fileOnDisk(path: string): string | undefined;
}

const asBuffer = (b: Bytes): Buffer =>
  typeof b === "string" ? Buffer.from(b, "utf8") : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** A bundle in memory (path → bytes) as a `BundleSource`. */
export function memoryBundle(files: BundleFiles): BundleSource {
  return {
    paths: [...files.keys()],
    read: (path) => files.get(path),
    slices(path) {
      const bytes = files.get(path);
      return bytes === undefined ? undefined : [asBuffer(bytes)];
    },
    fileOnDisk: () => undefined,
  };
}

/** An input file for the recomputation: its bytes (a bundle in memory) or where it is on disk (a bundle folder, loaded as it streams). */
export type InputFile = Bytes | { onDisk: string };

export const isOnDisk = (file: InputFile): file is { onDisk: string } => typeof file === "object" && !(file instanceof Uint8Array);

/** What a verification recomputes from the bundle's own copies of the plan and the inputs. */
export interface RecomputeRequest {
  planSources: Map<string, Bytes>;
  entry: string;
  /** The input files by name (`sales.csv`, `acceptances.jsonl`): bytes in memory, or on disk for a bundle folder. */
  inputs: Map<string, InputFile>;
  run: RunOptions;
}

export type Recomputed =
  | { kind: "ok"; planHash: string; irJson: string; resultJson: Content; reconciliationJson: string }
  | { kind: "error"; message: string };

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const text = (b: Bytes | undefined): string | null =>
  b === undefined ? null : typeof b === "string" ? b : Buffer.from(b).toString("utf8");

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

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
/** How much of a line a difference message keeps (it shows 120 characters of it). */
const LINE_KEPT = 1 << 20;

/** A bundle file that could not be read (told apart from an error of the recomputation). */
class ReadError extends Error {}

/** Pulls a file's slices one at a time; `next` is null at the end of the file. Empty slices are skipped. */
function reader(slices: () => Iterable<Uint8Array> | undefined): { next(): Buffer | null } {
  let it: Iterator<Uint8Array> | undefined;
  try {
    it = slices()?.[Symbol.iterator]();
  } catch (error) {
    throw new ReadError(messageOf(error));
  }
  return {
    next() {
      if (!it) return null;
      for (;;) {
        let r: IteratorResult<Uint8Array>;
        try {
          r = it.next();
        } catch (error) {
          throw new ReadError(messageOf(error));
        }
        if (r.done) return null;
        if (r.value.byteLength > 0) return Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      }
    },
  };
}

/** Bytes gathered up to `LINE_KEPT` (the start of a line: more is never shown). */
class LineBytes {
  parts: Buffer[] = [];
  length = 0;
  push(bytes: Buffer): void {
    const n = Math.min(bytes.length, LINE_KEPT - this.length);
    if (n <= 0) return;
    this.parts.push(Buffer.from(bytes.subarray(0, n))); // a copy: the slice may be reused
    this.length += n;
  }
  clear(): void {
    this.parts = [];
    this.length = 0;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * Whether a bundle file holds exactly the recomputed content, compared as bytes while both stream
 * (the recomputed content from its producer, the file in slices: results of a large run are
 * longer than one string, and are never held whole); null when they are the same, else the first
 * line that differs with both versions of it, for a message a person can act on.
 */
function firstDifference(expected: Content, file: () => Iterable<Uint8Array> | undefined): string | null {
  const bundle = reader(file);
  let slice: Buffer | null = bundle.next();
  let pos = 0;
  /** Bytes of the file before `slice[pos]`. */
  let offset = 0;
  /** Where the bytes first differ, and the recomputed bytes from there to the end of that line. */
  let at = -1;
  const rest = new LineBytes();
  let restDone = false;
  streamContent(expected, (chunk) => {
    const bytes = asBuffer(chunk);
    if (at < 0) {
      let j = 0;
      while (j < bytes.length) {
        if (slice !== null && pos === slice.length) {
          slice = bundle.next();
          pos = 0;
        }
        if (slice === null) break; // the file ends first
        const n = Math.min(bytes.length - j, slice.length - pos);
        if (slice.compare(bytes, j, j + n, pos, pos + n) !== 0) {
          let i = 0;
          while (bytes[j + i] === slice[pos + i]) i++;
          j += i;
          offset += i;
          break;
        }
        j += n;
        pos += n;
        offset += n;
      }
      if (j === bytes.length) return;
      at = offset;
      rest.push(bytes.subarray(j));
      if (bytes.indexOf(NL, j) >= 0) restDone = true;
      return;
    }
    if (!restDone) {
      rest.push(bytes);
      if (bytes.includes(NL)) restDone = true;
    }
  });
  if (at < 0) {
    if (slice !== null && pos === slice.length) {
      slice = bundle.next();
      pos = 0;
    }
    if (slice === null) return null;
    at = offset; // the file goes on after the recomputed content ends
    rest.clear();
  }
  // Where the line with the difference starts and what the file has there: a second pass to `at`.
  const again = reader(file);
  let line = 1;
  const head = new LineBytes(); // the file's bytes from the start of the line to `at` (the same in both)
  const after = new LineBytes(); // the file's bytes from `at` to the end of the line
  let read = 0;
  let afterAny = false;
  for (let s = again.next(); s !== null; s = again.next()) {
    let from = 0;
    if (read < at) {
      const upTo = Math.min(s.length, at - read);
      for (let nl = s.indexOf(NL, 0); nl >= 0 && nl < upTo; nl = s.indexOf(NL, nl + 1)) {
        line++;
        head.clear();
        from = nl + 1;
      }
      head.push(s.subarray(from, upTo));
      from = upTo;
    }
    read += s.length;
    if (read <= at) continue;
    afterAny = true;
    const nl = s.indexOf(NL, from);
    after.push(s.subarray(from, nl < 0 ? s.length : nl));
    if (nl >= 0) break;
  }
  const clip = (s: string): string => s.trim().slice(0, 120);
  const prefix = head.bytes();
  const bundleLine = prefix.length === 0 && !afterAny ? "(end of file)" : clip(Buffer.concat([prefix, after.bytes()]).toString("utf8"));
  const tail = rest.bytes();
  const tailEnd = tail.indexOf(NL);
  const recomputed = Buffer.concat([prefix, tail.subarray(0, tailEnd < 0 ? tail.length : tailEnd)]);
  const recomputedLine = recomputed.length === 0 && tail.length === 0 ? "(end of file)" : clip(recomputed.toString("utf8"));
  return `line ${line}: bundle has ${bundleLine}, recomputed ${recomputedLine}`;
}

/** A file's SHA-256 and size, computed from its slices; an error message when it cannot be read. */
function hashOf(source: BundleSource, path: string): BundleFileEntry | string {
  const hash = new StreamHash();
  try {
    const file = reader(() => source.slices(path));
    for (let slice = file.next(); slice !== null; slice = file.next()) hash.update(slice);
  } catch (error) {
    return `cannot be read: ${messageOf(error)}`;
  }
  return hash.entry(path);
}

/**
 * Verifies a bundle: every file against the manifest, the inputs index, the acceptance chain, and
 * the plan hash, results and reconciliation recomputed from the bundle's own plan and inputs.
 * The manifest alone proves nothing (it can be rewritten); the recomputation is what ties the
 * figures to the plan and the data. The bundle is in memory (`BundleFiles`) or any `BundleSource`
 * (`folderBundle`: each file hashed in slices, `results.json` compared as it is read).
 */
export async function verifyBundle(
  bundle: BundleFiles | BundleSource,
  recompute: (request: RecomputeRequest) => Promise<Recomputed> | Recomputed,
): Promise<VerifyReport> {
  const source = bundle instanceof Map ? memoryBundle(bundle) : bundle;
  const present = new Set(source.paths);
  const checks: VerifyCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
  };
  const manifest = parseManifest(present.has("manifest.json") ? source.read("manifest.json") : undefined);
  if (typeof manifest === "string") {
    check("manifest", false, manifest);
    return { ok: false, checks };
  }
  // Each file hashed at most once, in slices (the manifest check and the inputs index share them).
  const hashes = new Map<string, BundleFileEntry | string>();
  const hashed = (path: string): BundleFileEntry | string => {
    let entry = hashes.get(path);
    if (entry === undefined) hashes.set(path, (entry = hashOf(source, path)));
    return entry;
  };
  const listed = new Set(manifest.files.map((f) => f.path));
  let filesOk = true;
  for (const entry of manifest.files) {
    const actual = present.has(entry.path) ? hashed(entry.path) : undefined;
    if (actual === undefined) {
      filesOk = false;
      check(`file ${entry.path}`, false, "listed in the manifest but missing");
    } else if (typeof actual === "string") {
      filesOk = false;
      check(`file ${entry.path}`, false, actual);
    } else if (actual.sha256 !== entry.sha256) {
      filesOk = false;
      check(`file ${entry.path}`, false, `SHA-256 ${actual.sha256} differs from the manifest's ${entry.sha256}`);
    }
  }
  for (const path of source.paths) {
    if (path !== "manifest.json" && !listed.has(path)) {
      filesOk = false;
      check(`file ${path}`, false, "not listed in the manifest");
    }
  }
  if (filesOk) check("manifest", true, `${manifest.files.length} files match their SHA-256`);

  const inputs = new Map<string, InputFile>();
  const inputEntries: BundleFileEntry[] = [];
  let inputsReadable = true;
  const planSources = new Map<string, Bytes>();
  for (const path of source.paths) {
    if (path.startsWith(INPUT_DIR)) {
      const name = path.slice(INPUT_DIR.length);
      const onDisk = source.fileOnDisk(path);
      const file = onDisk === undefined ? source.read(path) : { onDisk };
      if (file !== undefined) inputs.set(name, file);
      const entry = hashed(path);
      if (typeof entry === "string") inputsReadable = false;
      else inputEntries.push({ ...entry, path: name });
    }
    if (path.startsWith(PLAN_DIR) && manifest.plan.files.includes(path.slice(PLAN_DIR.length))) {
      const bytes = source.read(path);
      if (bytes !== undefined) planSources.set(path.slice(PLAN_DIR.length), bytes);
    }
  }
  const index = inputsIndexOf(inputEntries);
  const indexText = present.has("inputs.json") ? text(source.read("inputs.json")) : null;
  const indexOk = inputsReadable && index === indexText;
  check("inputs.json", indexOk, indexOk ? `${inputs.size} input files match their SHA-256` : "the input files do not match inputs.json");

  const acceptancePath = INPUT_DIR + ACCEPTANCE_FILE;
  const acceptances = present.has(acceptancePath) ? text(source.read(acceptancePath)) : null;
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
    recomputed = { kind: "error", message: messageOf(error) };
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
      let difference: string | null;
      try {
        difference = firstDifference(expected, () => (present.has(name) ? source.slices(name) : undefined));
      } catch (error) {
        if (!(error instanceof ReadError)) throw error;
        difference = `cannot be read: ${error.message}`;
      }
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
