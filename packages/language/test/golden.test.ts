import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, printAst } from "../src/index.js";
import { expectSpansNested } from "./helpers.js";

const dir = fileURLToPath(new URL("./golden/", import.meta.url));
const update = process.env["UPDATE_GOLDEN"] === "1";
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".carrot"))
  .sort();

function render(text: string, uri: string): string {
  const result = parse(text, uri);
  const diagnostics = result.diagnostics.map((d) => `${d.code} @${d.span.start}-${d.span.end} ${d.message}`);
  const comments = result.comments.map((c) => `${c.kind} @${c.span.start}-${c.span.end} ${JSON.stringify(c.text)}`);
  return (
    printAst(result.file) +
    "\n# comments\n" +
    comments.map((c) => c + "\n").join("") +
    "\n# diagnostics\n" +
    diagnostics.map((d) => d + "\n").join("")
  );
}

describe("golden ASTs (re-record with UPDATE_GOLDEN=1)", () => {
  it("has golden sources", () => {
    expect(sources.length).toBeGreaterThan(0);
  });
  it.each(sources)("%s", (source) => {
    const text = readFileSync(dir + source, "utf8");
    const actual = render(text, source);
    const expectedPath = dir + source.replace(/\.carrot$/, ".ast.txt");
    if (update || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, actual);
    }
    expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    expectSpansNested(parse(text, source), text.length);
  });
});
