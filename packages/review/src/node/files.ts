import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { StreamHash, streamContent, type BundleSink, type Bytes } from "../audit/bundle.js";
import { ACCEPTANCE_FILE, type BundleSource } from "../audit/verify.js";

/** The input files of a data folder: every `*.csv` and the acceptance file, sorted by name. */
export function readDataFolder(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir)
    .filter((n) => (n.toLowerCase().endsWith(".csv") || n === ACCEPTANCE_FILE) && statSync(join(dir, n)).isFile())
    .sort();
  return new Map(names.map((n) => [n, readFileSync(join(dir, n))]));
}

/** Bytes decoded as UTF-8 in slices of 1 MiB (a file longer than the longest string is still read). */
function utf8Slices(bytes: Uint8Array): Iterable<string> {
  const SLICE = 1 << 20;
  return {
    *[Symbol.iterator]() {
      const decoder = new StringDecoder("utf8");
      for (let at = 0; at < bytes.length; at += SLICE) yield decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(SLICE, bytes.length - at)));
      yield decoder.end();
    },
  };
}

/** The CSV files of a data folder as the runtime's loader takes them: texts, or long files in slices. */
export function csvTexts(files: Map<string, Bytes>): Map<string, string | Iterable<string>> {
  const out = new Map<string, string | Iterable<string>>();
  for (const [name, bytes] of files) {
    if (!name.toLowerCase().endsWith(".csv")) continue;
    out.set(name, typeof bytes === "string" ? bytes : bytes.length <= 1 << 20 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") : utf8Slices(bytes));
  }
  return out;
}

/** Every file under `dir`, by relative path with forward slashes, sorted. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const abs = join(d, entry);
      if (statSync(abs).isDirectory()) visit(abs);
      else out.set(relative(dir, abs).split(sep).join("/"), readFileSync(abs));
    }
  };
  visit(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every file under `dir` (not the folders), by relative path with forward slashes, sorted, as `readTree` lists them. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const abs = join(d, entry);
      // A broken link is listed (it fails as a file that cannot be read), not thrown on.
      if (statSync(abs, { throwIfNoEntry: false })?.isDirectory()) visit(abs);
      else out.push(relative(dir, abs).split(sep).join("/"));
    }
  };
  visit(dir);
  return out.sort((a, b) => (a < b ? -1 : 1));
}

/** The size of the slices a bundle folder's files are read in. */
const BUNDLE_SLICE = 1 << 20;

/**
 * A bundle folder as `verifyBundle` reads it: the files listed now, each read when asked for, in
 * slices of 1 MiB (`sliceBytes`) into one buffer (the hashes, `results.json`) or whole (the small files), and the
 * inputs named by their path on disk so that the recomputation streams them (`loadDataFiles`).
 * Nothing of a large file is held whole.
 */
export function folderBundle(dir: string, sliceBytes = BUNDLE_SLICE): BundleSource {
  const paths = listTree(dir);
  const listed = new Set(paths);
  const abs = (path: string): string => join(dir, ...path.split("/"));
  return {
    paths,
    read(path) {
      if (!listed.has(path)) return undefined;
      try {
        return readFileSync(abs(path));
      } catch {
        return undefined;
      }
    },
    slices(path) {
      if (!listed.has(path)) return undefined;
      const file = abs(path);
      return {
        *[Symbol.iterator]() {
          const fd = openSync(file, "r");
          try {
            const buffer = Buffer.allocUnsafe(sliceBytes);
            for (;;) {
              const n = readSync(fd, buffer, 0, sliceBytes, null);
              if (n === 0) return;
              yield buffer.subarray(0, n);
            }
          } finally {
            closeSync(fd);
          }
        },
      };
    },
    fileOnDisk: (path) => (listed.has(path) ? abs(path) : undefined),
  };
}

/** How a command recognises a folder it wrote before: a file it always writes, with a content it always has. */
export interface OutputSignature {
  file: string;
  startsWith: string;
}

export const HTML_SIGNATURE: OutputSignature = { file: "index.html", startsWith: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="carrot report">' };
export const CSV_SIGNATURE: OutputSignature = { file: "totals.csv", startsWith: "person,name,region,level,accepted,period,earned,adjustments,payable\r\n" };
export const BUNDLE_SIGNATURE: OutputSignature = { file: "manifest.json", startsWith: '{\n  "files": [' };

function isEarlierOutput(dir: string, signature: OutputSignature): boolean {
  const path = join(dir, signature.file);
  if (!existsSync(path) || !statSync(path).isFile()) return false;
  const head = readFileSync(path).subarray(0, Buffer.byteLength(signature.startsWith)).toString("utf8");
  return head === signature.startsWith;
}

/**
 * Whether an output folder may be written. A folder that holds something else is refused (never
 * clobber a person's files); one that holds an earlier output of the same kind (recognised by its
 * signature, not just a file name) is emptied by `prepareTree`, so that no stale file survives.
 */
function checkTree(dir: string, signature: OutputSignature): { ok: true } | { ok: false; message: string } {
  if (!existsSync(dir)) return { ok: true };
  if (!statSync(dir).isDirectory()) return { ok: false, message: `${dir} exists and is not a folder` };
  if (readdirSync(dir).length > 0 && !isEarlierOutput(dir, signature)) {
    return { ok: false, message: `${dir} is not empty and does not hold an earlier output of this command; choose an empty or new folder` };
  }
  return { ok: true };
}

/** Empties (a checked) output folder, or makes it. */
function prepareTree(dir: string): void {
  if (existsSync(dir)) for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

function fileAt(dir: string, path: string): string {
  const abs = join(dir, ...path.split("/"));
  mkdirSync(dirname(abs), { recursive: true });
  return abs;
}

/** Writes an output folder (checked as `checkTree` says, then emptied) from files in memory. */
export function writeTree(dir: string, files: Map<string, Bytes>, signature: OutputSignature): { ok: true } | { ok: false; message: string } {
  const ready = checkTree(dir, signature);
  if (!ready.ok) return ready;
  prepareTree(dir);
  for (const [path, bytes] of files) writeFileSync(fileAt(dir, path), bytes);
  return { ok: true };
}

/**
 * An output folder as a bundle sink: checked now, emptied when the first file comes (after the
 * run, so a failed run leaves an earlier output as it was); each file is written as its content
 * streams, and hashed on the way.
 */
export function treeSink(dir: string, signature: OutputSignature): { ok: true; sink: BundleSink } | { ok: false; message: string } {
  const ready = checkTree(dir, signature);
  if (!ready.ok) return ready;
  let prepared = false;
  return {
    ok: true,
    sink: {
      put(path, content) {
        if (!prepared) {
          prepareTree(dir);
          prepared = true;
        }
        const hash = new StreamHash();
        const fd = openSync(fileAt(dir, path), "w");
        try {
          streamContent(content, (chunk) => {
            hash.update(chunk);
            const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
            for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
          });
        } finally {
          closeSync(fd);
        }
        return hash.entry(path);
      },
    },
  };
}
