import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "../src/index.js";

const reference = readFileSync(fileURLToPath(new URL("../../../docs/language.md", import.meta.url)), "utf8");
/** The plan fragments of docs/language.md (fenced blocks without a language tag, except the grammar). */
const examples = [...reference.matchAll(/```\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .filter((block) => !block.startsWith("file "));

describe("docs/language.md examples", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(10);
  });
  it.each(examples.map((e, i) => [i, e] as const))("example %i parses without diagnostics", (_, example) => {
    const result = parse(example, "file:///docs.carrot");
    expect(result.diagnostics).toEqual([]);
    expect(result.file.declarations.length + result.file.imports.length).toBeGreaterThan(0);
  });
});
