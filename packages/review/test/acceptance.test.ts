import { describe, expect, it } from "vitest";
import { acceptanceOf, appendAcceptance, readAcceptances } from "../src/index.js";

const planA = { name: "Plan", version: "2026.1", hash: "sha256:" + "a".repeat(64) };
const planB = { name: "Plan", version: "2026.2", hash: "sha256:" + "b".repeat(64) };

function build(entries: [string, typeof planA, string][]): string {
  let text = "";
  for (const [person, plan, at] of entries) {
    const out = appendAcceptance(text, { person, plan, at });
    if (out.kind !== "appended") throw new Error(out.kind);
    text += out.text;
  }
  return text;
}

describe("acceptance chain", () => {
  const file = build([
    ["p1", planA, "2026-01-05"],
    ["p2", planA, "2026-01-06"],
    ["p1", planB, "2026-02-01T09:30:00Z"],
  ]);

  it("chains each record to the previous line", () => {
    const log = readAcceptances(file);
    expect(log.problems).toEqual([]);
    expect(log.records.map((r) => [r.person, r.plan === planA.hash ? "A" : "B", r.prev === null])).toEqual([
      ["p1", "A", true],
      ["p2", "A", false],
      ["p1", "B", false],
    ]);
    expect(acceptanceOf(log, "p2", planA.hash)?.at).toBe("2026-01-06");
    expect(acceptanceOf(log, "p2", planB.hash)).toBeNull();
  });

  it("detects an altered record, even with its own hash recomputed", () => {
    const lines = file.split("\n");
    const naive = file.replace('"at":"2026-01-06"', '"at":"2026-01-04"');
    expect(readAcceptances(naive).problems[0]).toMatchObject({ line: 2, kind: "bad-hash" });
    // Rewrite record 2 coherently (a new self-hash): the next record's prev no longer matches.
    const rewritten = appendAcceptance(lines[0] + "\n", { person: "p2", plan: planA, at: "2026-01-04" });
    if (rewritten.kind !== "appended") throw new Error("setup");
    const forged = [lines[0], rewritten.text.trim(), lines[2], ""].join("\n");
    const log = readAcceptances(forged);
    expect(log.problems[0]).toMatchObject({ line: 3, kind: "broken-chain" });
    expect(log.records).toHaveLength(2);
  });

  it("detects a removed record", () => {
    const lines = file.split("\n");
    expect(readAcceptances([lines[0], lines[2], ""].join("\n")).problems[0]).toMatchObject({ line: 2, kind: "broken-chain" });
  });

  it("refuses to extend a broken chain and records an acceptance once", () => {
    const broken = file.replace("p2", "p9");
    expect(appendAcceptance(broken, { person: "p3", plan: planA, at: "2026-01-07" }).kind).toBe("refused");
    expect(appendAcceptance(file, { person: "p1", plan: planA, at: "2026-03-01" }).kind).toBe("already-accepted");
    expect(appendAcceptance(file, { person: "p3", plan: planA, at: "2026-02-30" }).kind).toBe("refused");
  });

  it("never throws on garbage", () => {
    for (const text of ["{", "null\n", "[]\n", "\n\n", '{"person":1}\n', "\u0000\u0001"]) {
      expect(readAcceptances(text).problems.length).toBeGreaterThan(0);
    }
    expect(readAcceptances("")).toEqual({ records: [], problems: [] });
  });
});
