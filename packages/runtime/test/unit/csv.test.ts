import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CsvParser, parseCsv } from "../../src/data/csv.js";
import { chunked } from "../helpers/data.js";

const records = (text: string | string[]) => [...parseCsv(text)].map((r) => ({ fields: r.fields, line: r.line, error: r.error }));

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line", () => {
    const text = 'id,note\r\n1,"a, ""b"""\r\n2,"two\nlines"\n3,plain\n';
    expect(records(text)).toEqual([
      { fields: ["id", "note"], line: 1, error: null },
      { fields: ["1", 'a, "b"'], line: 2, error: null },
      { fields: ["2", "two\nlines"], line: 3, error: null },
      { fields: ["3", "plain"], line: 5, error: null },
    ]);
  });

  it("strips a BOM, skips blank lines and keeps the last record without a final newline", () => {
    expect(records("\ufeffa,b\n\n1,2")).toEqual([
      { fields: ["a", "b"], line: 1, error: null },
      { fields: ["1", "2"], line: 3, error: null },
    ]);
  });

  it("reports an unterminated quote and a stray quote", () => {
    expect(records('a\n"open\n').at(-1)?.error).toBe("unterminated-quote");
    expect(records('a\nab"c\n').at(-1)?.error).toBe("stray-quote");
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const text = 'id,note,amount\r\n1,"x ""y"", z",10.5\r\n2,"multi\r\nline",3\r\n3,,\r\n';
    const whole = records(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        expect(records(chunked(text, cuts))).toEqual(whole);
      }),
    );
  });

  it("streams: a parser fed chunk by chunk only holds the current record", () => {
    const parser = new CsvParser();
    let count = 0;
    for (let i = 0; i < 1000; i++) count += parser.push(`r${i},${i}\n`).length;
    count += parser.end().length;
    expect(count).toBe(1000);
  });
});
