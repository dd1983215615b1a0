import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson } from "@carrot/ir";
import { writeCanonical } from "../../src/result/serialize.js";

// writeJson's walk must give canonicalJson's bytes for any value, whatever the chunk size.

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("0", "1", "10", "01", "-1", "4294967294", "4294967295", "a", "b", "trace", "steps", "\u0000", "a\u0000b"),
).filter((k) => k !== "__proto__");

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    fc.constantFrom(undefined, -0, 1e21, 5e-324, "\ud800", "line\nbreak", '"quoted"'),
    fc.array(tie("tree"), { maxLength: 5 }),
    fc.dictionary(key, tie("tree"), { maxKeys: 6 }),
  ),
}));

function written(value: unknown, chunkSize: number): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  writeCanonical(value, (c) => chunks.push(c), chunkSize);
  return { text: chunks.join(""), chunks };
}

describe("writeJson's walk", () => {
  it("property: the bytes of canonicalJson(value, true), in chunks of about the size asked", () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 8 }), fc.integer({ min: 1, max: 200 }), (value, size) => {
        const { text, chunks } = written(value, size);
        expect(text).toBe(canonicalJson(value, true));
        expect(chunks.every((c) => c.length > 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("objects of one shape in two key orders, functions and symbols, arrays with holes", () => {
    const f = (): number => 1;
    const value = { b: [{ y: 1, x: 2 }, { x: 3, y: 4 }, [undefined, f, Symbol("s"), , 2]], a: { f, s: Symbol("s"), u: undefined, d: new Date(0) } };
    expect(written(value, 7).text).toBe(canonicalJson(value, true));
  });

  it("keys whose joined text is the same are not taken for one another", () => {
    // ["a\u0000b", "c"] and ["a", "b\u0000c"] join to the same text.
    const value = [{ "a\u0000b": 1, c: 2 }, { a: 1, "b\u0000c": 2 }, { c: 3, "a\u0000b": 4 }];
    expect(written(value, 16).text).toBe(canonicalJson(value, true));
  });

  it("refuses non-finite numbers as canonicalJson does", () => {
    expect(() => written({ a: [Infinity] }, 64)).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: [Infinity] })).toThrow(/non-finite/);
  });
});
