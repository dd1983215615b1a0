import { statSync } from "node:fs";
import { open, readdir, type FileHandle } from "node:fs/promises";
import { basename, join } from "node:path";
import type { PlanIR, TableIR } from "@carrot/ir";
import { DatasetBuilder, tablesInLoadOrder, type Dataset } from "../data/dataset.js";
import { CsvTableLoader, SLICE, type LoadContext } from "../data/table.js";

/**
 * Node adapter: reads `<table>.csv` files as streams of 64 KiB slices, each parsed from its bytes
 * (`CsvTableLoader.pushBytes`) before the next is read, so a file is never held whole (only the columns of accepted rows are kept), and a binary
 * file is rejected after its first slice. The pure core does the rest.
 */
export async function loadDataDir(ir: PlanIR, dir: string, options: LoadOptions = {}): Promise<Dataset> {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".csv")).sort();
  return loadDataFiles(ir, names.map((n) => join(dir, n)), options);
}

export interface LoadOptions {
  /**
   * Called as the files are read: bytes read so far of all the plan's files, and their total size.
   * For a progress bar; it never changes what is loaded.
   */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Loads the given CSV files; each file's name (`sales.csv`) says which input table it holds. */
export async function loadDataFiles(ir: PlanIR, files: string[], options: LoadOptions = {}): Promise<Dataset> {
  const byTable = new Map<string, string>();
  for (const f of files) byTable.set(basename(f).replace(/\.csv$/i, ""), f);
  const builder = new DatasetBuilder(ir);
  const progress = progressOf(ir, byTable, options.onProgress);
  for (const table of tablesInLoadOrder(ir.plan.tables)) {
    const path = byTable.get(table.name);
    byTable.delete(table.name);
    if (!path) {
      builder.missing(table);
      continue;
    }
    const loaded = await streamTable(table, path, builder.context(), progress);
    builder.add(table, () => loaded);
  }
  for (const path of byTable.values()) builder.unused(basename(path));
  return builder.finish();
}

/** Adds each chunk's size to a running count over the plan's files and reports it. */
function progressOf(
  ir: PlanIR,
  byTable: Map<string, string>,
  onProgress: LoadOptions["onProgress"],
): ((bytes: number) => void) | undefined {
  if (!onProgress) return undefined;
  let total = 0;
  for (const table of ir.plan.tables) {
    const path = byTable.get(table.name);
    if (path) total += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  }
  let read = 0;
  return (bytes) => {
    read += bytes;
    onProgress(read, total);
  };
}

async function streamTable(table: TableIR, path: string, context: LoadContext, progress?: (bytes: number) => void) {
  const file = basename(path);
  const loader = new CsvTableLoader(table, file, context);
  // One 64 KiB buffer, read into again and again: each slice is parsed from its bytes before the next read.
  const buffer = Buffer.allocUnsafe(SLICE);
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, "r");
    loader.expectBytes((await handle.stat()).size);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, SLICE, null);
      if (bytesRead === 0) break;
      progress?.(bytesRead);
      if (!loader.pushBytes(buffer.subarray(0, bytesRead))) break; // not a CSV file: the rest is not read
    }
  } catch (error) {
    const result = loader.abort();
    result.diagnostics.push({
      code: "R0002",
      severity: "error",
      message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      file,
      row: null,
      column: null,
    });
    return result;
  } finally {
    await handle?.close();
  }
  return loader.end();
}
