/**
 * One fixture per diagnostic code (test/diagnostics/<code>-<what>.carrot). A fixture is a plan;
 * `//// file: name.carrot` starts another file of its workspace. The `// expect` lines at its end
 * list every diagnostic the compiler must report, exactly (code, range, message): nothing more,
 * so cascades fail the test. UPDATE_GOLDEN=1 rewrites the expect lines from the actual output.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compile, SEMANTIC_DIAGNOSTICS } from "../src/index.js";
import { LineIndex } from "../src/util/text.js";

const dir = path.join(import.meta.dirname, "diagnostics");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".carrot"))
  .sort();
const ROOT = "/virtual/ws";
const EXPECT = /^\/\/ expect .*$/;

function splitFixture(text: string): Map<string, string> {
  const files = new Map<string, string>();
  const parts = text.split(/^\/\/\/\/ file: (.+)\n/m);
  files.set(`${ROOT}/plan.carrot`, parts[0]);
  for (let i = 1; i < parts.length; i += 2) files.set(`${ROOT}/${parts[i].trim()}`, parts[i + 1]);
  return files;
}

function actualLines(source: string): string[] {
  const body = source
    .split("\n")
    .filter((l) => !EXPECT.test(l))
    .join("\n");
  const files = splitFixture(body);
  const result = compile({ root: ROOT, entry: "plan.carrot", readFile: (p) => files.get(p) });
  return result.diagnostics.map((d) => {
    const rel = path.relative(ROOT, d.uri);
    const range = new LineIndex(files.get(d.uri) ?? "").range(d.span);
    return `// expect ${d.code} at ${rel === "plan.carrot" ? "" : rel + ":"}${range} ${JSON.stringify(d.message)}`;
  });
}

describe("diagnostic fixtures", () => {
  for (const name of fixtures) {
    it(name, () => {
      const file = path.join(dir, name);
      const source = readFileSync(file, "utf8");
      const actual = actualLines(source);
      if (process.env.UPDATE_GOLDEN) {
        const kept = source
          .split("\n")
          .filter((l) => !EXPECT.test(l))
          .join("\n")
          .replace(/\n+$/, "\n");
        writeFileSync(file, kept + actual.join("\n") + (actual.length ? "\n" : ""));
        return;
      }
      const expected = source.split("\n").filter((l) => EXPECT.test(l));
      expect(actual).toEqual(expected);
      const code = name.slice(0, 5);
      expect(
        actual.some((l) => l.startsWith(`// expect ${code} `)),
        `the fixture triggers ${code}`,
      ).toBe(true);
    });
  }

  it("every semantic code has a fixture", () => {
    const covered = new Set(fixtures.map((f) => f.slice(0, 5)));
    const missing = SEMANTIC_DIAGNOSTICS.map((d) => d.code).filter((c) => c !== "C0999" && !covered.has(c));
    expect(missing).toEqual([]);
  });
});
