import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parse, stripSpans } from "@carrot/language";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, type FormatResult } from "../src/index.js";
import { corpus, exampleFiles, fixtureInputs } from "./corpus.js";

function formatted(text: string, printWidth?: number): string {
  const result: FormatResult = format(text, printWidth === undefined ? {} : { printWidth });
  if (!result.ok) throw new Error(`format refused: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.text;
}

const UPDATE = process.env.UPDATE_GOLDEN === "1";

describe("golden files (re-record with UPDATE_GOLDEN=1)", () => {
  for (const fixture of fixtureInputs()) {
    it(fixture.name, () => {
      const expectedPath = fixture.path.replace(/\.carrot$/, ".formatted.carrot");
      const actual = formatted(fixture.text);
      if (UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    });
  }
});

describe("invariants on every fixture and example", () => {
  const files = corpus();
  it("finds the example plans", () => {
    expect(exampleFiles().length).toBeGreaterThan(0);
  });
  for (const file of files) {
    describe(file.name, () => {
      it("is idempotent", () => {
        const once = formatted(file.text);
        expect(formatted(once)).toBe(once);
      });
      it("parses to the same tree, with no new diagnostics", () => {
        const before = parse(file.text, "x.carrot");
        const after = parse(formatted(file.text), "x.carrot");
        expect(after.diagnostics).toEqual([]);
        expect(before.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(after.diagnostics.length).toBe(before.diagnostics.length);
        expect(stripSpans(after.file)).toEqual(stripSpans(before.file));
      });
      it("keeps every comment, in order", () => {
        const texts = (t: string) => parse(t, "x.carrot").comments.map((c) => c.text.trimEnd());
        expect(texts(formatted(file.text))).toEqual(texts(file.text));
      });
      it("is stable and keeps the tree at narrow and wide widths", () => {
        const tree = stripSpans(parse(file.text, "x.carrot").file);
        for (const width of [30, 60, 80, 140]) {
          const out = formatted(file.text, width);
          expect(formatted(out, width)).toBe(out);
          expect(stripSpans(parse(out, "x.carrot").file)).toEqual(tree);
        }
      });
      it("keeps lines without trailing whitespace or tabs, ending in one newline", () => {
        const out = formatted(file.text);
        expect(out).not.toMatch(/[ \t]+\n/);
        expect(out).not.toMatch(/\n\n\n/);
        expect(out.endsWith("\n") && !out.endsWith("\n\n")).toBe(true);
      });
    });
  }
});

/** Offsets of the ends of lines whose end is outside strings (where a `//` comment can be added). */
function lineEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") ends.push(i);
  if (!text.endsWith("\n")) ends.push(text.length);
  return ends;
}

/** Offsets of line starts of top-level declarations and block rows (lines that begin with code). */
function ownLineSlots(text: string): number[] {
  const slots: number[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed !== "" && !trimmed.startsWith("//") && !trimmed.startsWith("}")) slots.push(start);
    start += line.length + 1;
  }
  return slots;
}

function countMarker(text: string, marker: string): number {
  return text.split(new RegExp(`${marker}(?![0-9])`)).length - 1;
}

describe("comments survive injection at random places", () => {
  const files = corpus();
  for (const file of files) {
    it(file.name, () => {
      const ends = lineEnds(file.text);
      const slots = ownLineSlots(file.text);
      const injection = fc.record({
        trailing: fc.uniqueArray(fc.integer({ min: 0, max: ends.length - 1 }), { maxLength: 8 }),
        ownLine: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, slots.length - 1) }), { maxLength: 6 }),
      });
      fc.assert(
        fc.property(injection, ({ trailing, ownLine }) => {
          const inserts: { at: number; text: string }[] = [];
          let n = 0;
          const markers: string[] = [];
          for (const i of trailing) {
            const marker = `// c${n++}`;
            markers.push(marker);
            inserts.push({ at: ends[i]!, text: ` ${marker}` });
          }
          if (slots.length > 0) {
            for (const i of ownLine) {
              const marker = `// c${n++}`;
              markers.push(marker);
              inserts.push({ at: slots[i]!, text: `${marker}\n` });
            }
          }
          inserts.sort((a, b) => b.at - a.at);
          let text = file.text;
          for (const insert of inserts) text = text.slice(0, insert.at) + insert.text + text.slice(insert.at);

          const result = format(text);
          if (!result.ok) throw new Error(`refused:\n${text}\n${JSON.stringify(result.diagnostics)}`);
          for (const marker of markers)
            expect(countMarker(result.text, marker), marker).toBe(countMarker(text, marker));
          expect(formatted(result.text)).toBe(result.text);
          expect(stripSpans(parse(result.text, "x.carrot").file)).toEqual(stripSpans(parse(text, "x.carrot").file));
        }),
        { numRuns: Number(process.env.INJECT_RUNS ?? 40), seed: Number(process.env.INJECT_SEED ?? 20261130) },
      );
    });
  }
});

describe("plans cut at random lines", () => {
  // Removing and re-indenting lines gives many valid plans laid out in odd ways: every one that
  // parses must format (the safety net never fires) to a stable text.
  for (const file of corpus()) {
    it(file.name, () => {
      const lines = file.text.split("\n");
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.nat({ max: lines.length - 1 }), { maxLength: 10 }),
          fc.array(fc.tuple(fc.nat({ max: lines.length - 1 }), fc.integer({ min: 0, max: 9 })), { maxLength: 10 }),
          (removed, reindented) => {
            const edited = lines.map((l) => l);
            for (const [i, spaces] of reindented) edited[i] = " ".repeat(spaces) + edited[i]!.trimStart();
            const text = edited.filter((_, i) => !removed.includes(i)).join("\n");
            const result = format(text);
            const errors = parse(text, "x.carrot").diagnostics.filter((d) => d.severity === "error");
            expect(result.ok).toBe(errors.length === 0);
            if (result.ok) expect(formatted(result.text)).toBe(result.text);
          },
        ),
        { numRuns: Number(process.env.CUT_RUNS ?? 60), seed: Number(process.env.CUT_SEED ?? 314) },
      );
    });
  }
});

describe("canonical style", () => {
  it("aligns the keyword column of plan, credit and component clauses", () => {
    const out = formatted('plan "P" {\nversion "1"\ncurrency EUR\neffective 2026-01-01..2026-12-31\n}\n');
    expect(out).toBe('plan "P" {\n  version   "1"\n  currency  EUR\n  effective 2026-01-01 .. 2026-12-31\n}\n');
  });

  it("aligns tier bands so a rate change is a one-line diff", () => {
    const out = formatted("tiers t marginal {\n0%..80%:1%\n80%..100%:3%\n100%..150%:5%\n150%..:0%\n}\n");
    expect(out).toBe(
      "tiers t marginal {\n  0%   .. 80%  : 1%\n  80%  .. 100% : 3%\n  100% .. 150% : 5%\n  150% ..      : 0%\n}\n",
    );
    const changed = formatted("tiers t marginal {\n0%..80%:1%\n80%..100%:3.5%\n100%..150%:5%\n150%..:0%\n}\n");
    const diff = out.split("\n").filter((l, i) => l !== changed.split("\n")[i]);
    expect(diff).toEqual(["  80%  .. 100% : 3%"]);
  });

  it("prints numbers, percents and money as written", () => {
    const out = formatted("let a = 2400.00 EUR\nlet b = 1_000_000\nlet c = 12.50%\n");
    expect(out).toBe("let a = 2400.00 EUR\nlet b = 1_000_000\nlet c = 12.50%\n");
  });

  it("prints `allow negative` among a tier application's arguments, where written (round trip)", () => {
    const text = "let a = t(x, quota: q, allow negative)\nlet b = t(x, allow negative)\n";
    expect(formatted("let a = t( x ,quota:q ,  allow   negative )\nlet b = t(x,allow negative)\n")).toBe(text);
    expect(formatted(text)).toBe(text);
    expect(stripSpans(parse(formatted(text), "a.carrot").file)).toEqual(stripSpans(parse(text, "a.carrot").file));
    expect(JSON.stringify(parse(text, "a.carrot").file)).toContain("\"flag\":\"allow negative\"");
    // Misplaced or repeated, it stays as written (the checker reports it).
    expect(formatted("let c = t(allow negative, x, allow negative)\n")).toBe("let c = t(allow negative, x, allow negative)\n");
  });

  it("keeps the author's parentheses and adds none", () => {
    expect(formatted("measure m = ((a + b)) * c - (d)\n")).toBe("measure m = ((a + b)) * c - (d)\n");
    expect(formatted("measure m = a+b*c\n")).toBe("measure m = a + b * c\n");
  });

  it("breaks long expressions before and/or/+, operators under the first operand", () => {
    const out = formatted("measure m = aaaaaaaa + bbbbbbbb + cccccccc\n", 30);
    expect(out).toBe("measure m = aaaaaaaa\n            + bbbbbbbb\n            + cccccccc\n");
    const gate = formatted("component k {\ngate aaaaaaaaaa > 1 and bbbbbbbbbb > 2\npayout x\n}\n", 30);
    expect(gate).toBe("component k {\n  gate   aaaaaaaaaa > 1\n         and bbbbbbbbbb > 2\n  payout x\n}\n");
    const filter = formatted("measure m = sum(t.amount where t.a = 1 and t.b = 2)\n", 44);
    expect(filter).toBe("measure m = sum(t.amount\n                where t.a = 1 and t.b = 2)\n");
  });

  it("indents instead of hanging when the expression starts past half the width", () => {
    const out = formatted("measure a_rather_long_measure_name(c: Category) = aaaaaaaa + bbbbbbbb\n", 60);
    expect(out).toBe("measure a_rather_long_measure_name(c: Category) = aaaaaaaa\n    + bbbbbbbb\n");
  });

  it("leaves short expressions on one line whatever the author's breaks", () => {
    expect(formatted("measure m = a\n  + b\n    + c\n")).toBe("measure m = a + b + c\n");
  });

  it("separates block declarations by exactly one blank line and keeps at most one elsewhere", () => {
    const out = formatted("let a = 1\nlet b = 2\n\n\n\nlet c = 3\ncurve k {\n80% : 1\n\n\n\n100% : 2\n}\nlet d = 4\n");
    expect(out).toBe("let a = 1\nlet b = 2\n\nlet c = 3\n\ncurve k {\n  80%  : 1\n\n  100% : 2\n}\n\nlet d = 4\n");
  });

  it("aligns the keywords of adjacent value declarations", () => {
    expect(formatted("measure revenue = 1\nquota target = 2\nlet growth = 5%\n")).toBe(
      "measure revenue = 1\nquota   target = 2\nlet     growth = 5%\n",
    );
  });

  it("writes a member list on one line when it fits, members with parents one per line", () => {
    expect(formatted("dimension C {\nA\nB,\nC\n}\n")).toBe("dimension C { A, B, C }\n");
    expect(formatted('dimension P of C {\n"A-1":A\n"LONG-2" : B\n}\n')).toBe(
      'dimension P of C {\n  "A-1":    A\n  "LONG-2": B\n}\n',
    );
  });

  it("writes a long import list one name per line", () => {
    expect(formatted('import {A,B} from "x.carrot"\n', 31)).toBe('import { A, B } from "x.carrot"\n');
    expect(formatted('import {Alpha,Beta} from "x.carrot"\n', 30)).toBe(
      'import {\n  Alpha,\n  Beta\n} from "x.carrot"\n',
    );
  });

  it("accepts CRLF input and gives LF output", () => {
    expect(formatted("let a = 1\r\nlet b = 2\r\n")).toBe("let a = 1\nlet b = 2\n");
  });

  it("drops trailing whitespace of comments, doc comments included, and keeps docs attached", () => {
    const text = "/// The growth.   \nlet growth = 5%   // why  \n";
    expect(formatted(text)).toBe("/// The growth.\nlet growth = 5% // why\n");
    expect(parse(formatted(text), "x.carrot").file.declarations[0]!.doc).toBe("The growth.");
  });

  it("keeps comments between the operands of a chain at its line breaks", () => {
    const text = "measure m = a // first\n      + b\nlet   n=1\n";
    expect(formatted(text)).toBe("measure m = a // first\n            + b\nlet     n = 1\n");
    const ownLine = "component k {\n  gate a > 1\n  // and the second\n  and b > 2\n}\n";
    expect(formatted(ownLine)).toBe("component k {\n  gate a > 1\n       // and the second\n       and b > 2\n}\n");
  });

  it("keeps comments before `where`, `then` and `else` at their line breaks", () => {
    expect(formatted("measure m = sum(t.x // all rows\n  where t.y > 0)\n")).toBe(
      "measure m = sum(t.x // all rows\n                where t.y > 0)\n",
    );
    expect(formatted("let m = if a // cond\nthen 1 // yes\nelse 2\n")).toBe(
      "let m = if a // cond\n        then 1 // yes\n        else 2\n",
    );
  });

  it("keeps comments after the fields of a test row, one field per line", () => {
    const text = 'test "t" {\n  given sales { id: "s1", // the id\n    amount: 10 EUR // the amount\n  }\n}\n';
    expect(formatted(text)).toBe(
      'test "t" {\n  given sales {\n    id: "s1", // the id\n    amount: 10 EUR // the amount\n  }\n}\n',
    );
  });

  it("keeps a construct with a comment anywhere else between its tokens as written", () => {
    const text = "measure m = f(a, // first\n   b)\nlet   n=1\n";
    expect(formatted(text)).toBe("measure m = f(a, // first\n   b)\nlet n = 1\n");
    const row = "credit c {\n  join  coverage on // which rows\n     a = b\n  to x\n}\n";
    expect(formatted(row)).toBe("credit c {\n  join  coverage on // which rows\n     a = b\n  to x\n}\n");
  });

  it("formats an empty file to an empty file", () => {
    expect(formatted("")).toBe("");
    expect(formatted("\n\n")).toBe("");
  });
});

describe("prettier-ignore", () => {
  it("keeps an ignored declaration verbatim and formats the rest", () => {
    const text = "// prettier-ignore\nmeasure   keep  =  1+2\nmeasure fix  =  1+2\n";
    expect(formatted(text)).toBe("// prettier-ignore\nmeasure   keep  =  1+2\nmeasure fix = 1 + 2\n");
  });

  it("keeps an ignored table row verbatim, the other rows aligned without it", () => {
    const text = "table t by L {\nA : 1%\n// prettier-ignore\nLonger    :     2%\nBb : 3%\n}\n";
    expect(formatted(text)).toBe(
      "table t by L {\n  A  : 1%\n  // prettier-ignore\n  Longer    :     2%\n  Bb : 3%\n}\n",
    );
  });

  it("keeps an ignored block declaration verbatim, inner layout included", () => {
    const text = "// prettier-ignore\ntiers t marginal {\n     0% .. : 1%\n}\nlet x=1\n";
    expect(formatted(text)).toBe("// prettier-ignore\ntiers t marginal {\n     0% .. : 1%\n}\n\nlet x = 1\n");
  });
});

describe("refusal", () => {
  it("refuses text with syntax errors and returns the parser's diagnostics", () => {
    const text = "measure m = (1 +\ntiers t marginal {\n";
    const result = format(text, { uri: "broken.carrot" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.severity === "error" && d.uri === "broken.carrot")).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(
      parse(text, "broken.carrot")
        .diagnostics.filter((d) => d.severity === "error")
        .map((d) => d.code),
    );
  });

  it("gives spans in the caller's text, CRLF and BOM included", () => {
    const text = "\uFEFFlet a = 1\r\nlet b = (\r\n";
    const result = format(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toEqual(
      parse(text, "untitled.carrot").diagnostics.filter((d) => d.severity === "error"),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = format(text);
        if (result.ok) expect(formatted(result.text)).toBe(result.text);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
