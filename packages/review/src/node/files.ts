import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { Bytes } from "../audit/bundle.js";
import { ACCEPTANCE_FILE } from "../audit/verify.js";

/** The input files of a data folder: every `*.csv` and the acceptance file, sorted by name. */
export function readDataFolder(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir)
    .filter((n) => (n.toLowerCase().endsWith(".csv") || n === ACCEPTANCE_FILE) && statSync(join(dir, n)).isFile())
    .sort();
  return new Map(names.map((n) => [n, readFileSync(join(dir, n))]));
}

export function csvTexts(files: Map<string, Bytes>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (name.toLowerCase().endsWith(".csv")) out.set(name, typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8"));
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
 * Writes an output folder. A folder that holds something else is refused (never clobber a
 * person's files); one that holds an earlier output of the same kind (recognised by its
 * signature, not just a file name) is emptied first, so that no stale file survives.
 */
export function writeTree(dir: string, files: Map<string, Bytes>, signature: OutputSignature): { ok: true } | { ok: false; message: string } {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) return { ok: false, message: `${dir} exists and is not a folder` };
    const entries = readdirSync(dir);
    if (entries.length > 0) {
      if (!isEarlierOutput(dir, signature)) {
        return { ok: false, message: `${dir} is not empty and does not hold an earlier output of this command; choose an empty or new folder` };
      }
      for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
  mkdirSync(dir, { recursive: true });
  for (const [path, bytes] of files) {
    const abs = join(dir, ...path.split("/"));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, bytes);
  }
  return { ok: true };
}
