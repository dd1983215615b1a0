/** The texts every invariant runs on: the fixtures and every example plan of the repository. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(packageDir, "..", "..");
export const fixturesDir = join(packageDir, "test", "fixtures");

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
}

/** Inputs of golden tests: `*.carrot` that are not themselves expected outputs. */
export function fixtureInputs(): CorpusFile[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith(".carrot") && !f.endsWith(".formatted.carrot"))
    .sort()
    .map((f) => ({
      name: `fixtures/${f}`,
      path: join(fixturesDir, f),
      text: readFileSync(join(fixturesDir, f), "utf8"),
    }));
}

export function exampleFiles(): CorpusFile[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      const path = join(dir, entry);
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".carrot")) found.push(path);
    }
  };
  walk(join(repoRoot, "examples"));
  return found.map((path) => ({ name: relative(repoRoot, path), path, text: readFileSync(path, "utf8") }));
}

export function corpus(): CorpusFile[] {
  return [...fixtureInputs(), ...exampleFiles()];
}
