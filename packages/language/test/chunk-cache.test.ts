/**
 * Declarations reused from the previous parse of a file must give exactly the tree, comments and
 * diagnostics of a cold parse, wherever the edit falls.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearChunkCache, parse } from "../src/index.js";

const examples = resolve(__dirname, "../../../examples");
const plans = readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(examples, d.name, "plan.carrot"))
  .filter((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  })
  .map((p) => readFileSync(p, "utf8"));

function cold(text: string, uri: string) {
  clearChunkCache();
  const r = parse(text, uri);
  return { file: r.file, comments: r.comments, diagnostics: r.diagnostics };
}

function warm(before: string, after: string, uri: string) {
  clearChunkCache();
  parse(before, uri);
  const r = parse(after, uri);
  return { file: r.file, comments: r.comments, diagnostics: r.diagnostics };
}

describe("incremental reuse of declarations", () => {
  it("has examples to edit", () => expect(plans.length).toBeGreaterThanOrEqual(3));

  it("an edit anywhere (insert, delete, replace) gives the cold parse's result", () => {
    const pieces = ["1", " ", "\n", "x", "%", "}", "{", '"', "// c\n", "/// d\n", "measure m = 1\n", ".."];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: plans.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...pieces),
        (which, at, removed, inserted) => {
          const before = plans[which]!;
          const pos = Math.floor(at * before.length);
          const after = before.slice(0, pos) + inserted + before.slice(pos + removed);
          expect(warm(before, after, "file:///p.carrot")).toEqual(cold(after, "file:///p.carrot"));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("moving declarations and re-parsing the same text reuses trees with the right spans", () => {
    const text = plans[0]!;
    const blocks = text.split("\n\n");
    const swapped = [...blocks.slice(1), blocks[0]!].join("\n\n");
    expect(warm(text, swapped, "file:///a.carrot")).toEqual(cold(swapped, "file:///a.carrot"));
    expect(warm(text, text, "file:///a.carrot")).toEqual(cold(text, "file:///a.carrot"));
  });

  it("a reused tree is a copy: doc comments attached to one parse do not leak into the next", () => {
    clearChunkCache();
    const withDoc = "/// the rate\nlet rate = 5%\n";
    const without = "let rate = 5%\n";
    parse(withDoc, "file:///d.carrot");
    const next = parse(without, "file:///d.carrot");
    expect(next.file.declarations[0]!.doc).toBeUndefined();
    expect(next.file.declarations[0]!.span).toEqual({ start: 0, end: without.length - 1 });
  });
});
