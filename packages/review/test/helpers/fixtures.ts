import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "@carrot/compiler";
import type { PlanIR } from "@carrot/ir";
import { expect } from "vitest";
import { readDataFolder } from "../../src/index.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), "..", "golden");
export const DATA_DIR = join(FIXTURES, "data");

/** Compiles a fixture plan (`base`, `rate-change`…); fails the test on any diagnostic. */
export function fixturePlan(name: string): PlanIR {
  const result = compile({ root: FIXTURES, entry: `plans/${name}.carrot` });
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.ir!;
}

export const fixtureData = (): Map<string, Buffer> => readDataFolder(DATA_DIR);

/** Compares with a golden file; `UPDATE_GOLDEN=1` re-records it (review the diff before committing). */
export function expectGolden(relPath: string, actual: string): void {
  const path = join(GOLDEN, relPath);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`golden ${relPath} was missing and has been recorded: review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
