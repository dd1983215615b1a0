import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyEdits, minimalEdits } from "../src/text/minimalEdits.js";
import { parseMarkers } from "./markers.js";

describe("minimalEdits", () => {
  it("returns no edit for equal texts", () => {
    expect(minimalEdits("a\nb\n", "a\nb\n")).toEqual([]);
  });

  it("touches only the characters that change, one edit per changed place", () => {
    // The marked ranges are exactly what formatting must touch (deleted or replaced).
    const marked = parseMarkers('plan "x" {\n  currency <|  |>EUR\n}\nlet a<||>=<||>1\nlet b = 2\nlet c <| |>= 3\n');
    const before = marked.text;
    const after = 'plan "x" {\n  currency EUR\n}\nlet a = 1\nlet b = 2\nlet c = 3\n';
    const edits = minimalEdits(before, after);
    expect(edits.map((e) => e.span)).toEqual(marked.ranges.map((r) => ({ start: r.start, end: r.end })));
    expect(edits.map((e) => e.newText)).toEqual(["", " ", " ", ""]);
    expect(applyEdits(before, edits)).toBe(after);
  });

  it("handles inserted and deleted lines", () => {
    const before = "a\nb\nc\n";
    const after = "a\nx\nb\n";
    expect(applyEdits(before, minimalEdits(before, after))).toBe(after);
  });

  it("stays correct and cheap when every line of a large file changes (one edit per line)", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `let   v${i}=${i}`).join("\n") + "\n";
    const after = Array.from({ length: 3000 }, (_, i) => `let v${i} = ${i}`).join("\n") + "\n";
    const edits = minimalEdits(before, after);
    expect(edits).toHaveLength(3000);
    expect(applyEdits(before, edits)).toBe(after);
  });

  it("round-trips any pair of texts (property)", () => {
    const line = fc.constantFrom("a", "b", "let x = 1", "  ", "", "}", "{");
    const text = fc.array(line, { maxLength: 12 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edits = minimalEdits(before, after);
        for (let i = 1; i < edits.length; i++) expect(edits[i].span.start).toBeGreaterThanOrEqual(edits[i - 1].span.end);
        expect(applyEdits(before, edits)).toBe(after);
      }),
      { numRuns: 400 },
    );
  });
});

describe("markers kit", () => {
  it("strips cursors and ranges and reports their offsets", () => {
    const marked = parseMarkers("let <|rate|> = 5%<|>\nlet y = <|rate|>");
    expect(marked.text).toBe("let rate = 5%\nlet y = rate");
    expect(marked.cursors).toEqual([13]);
    expect(marked.ranges.map((r) => [r.start, r.end, r.text])).toEqual([
      [4, 8, "rate"],
      [22, 26, "rate"],
    ]);
  });
});
